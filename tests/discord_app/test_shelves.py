"""Each server's own stories, end to end: two servers on the fake Discord and two real bot processes (two
shards) sharing one database, on SQLite and on PostgreSQL."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from bot.messages import STORY_CHANGED, STORY_GONE, shelf_refusal_text
from bot.state.shelf_rules import ShelfRefusal
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import (
    APP_ID,
    BOT_USER,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    GUILD_ID,
    MANAGE_SERVER,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    FakeDiscord,
    server_of,
)
from tests.discord_app.test_edited_questions import asked, edited
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, callback
from tests.hang import HANG_SECONDS
from tests.operations.test_change_shelf import word_file
from tests.postgresql import PostgreSQLServer

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.user import User as UserPayload

pytestmark = pytest.mark.asyncio(loop_scope="module")

FIRST, SECOND = 0, 1
"""The fake Discord's connections: the first bot process (shard 0) and the second (shard 1)."""
SEEN_WITHIN = 60.0
"""Seconds after which a change made through one process and still not searched by the other is a failure: it
polls every 2, and the tests ask again until it is seen, so this only stops a hang (at 10, a busy machine
could fail them)."""
MILL = b"# The Old Mill\n\nThe miller Anatole ground rye by the river.\n\nHis wheel stopped one winter night."
FORGE = b"# The Forge\n\nThe smith Bruno hammered iron by the river.\n\nHis fire went out one winter night."
FORGE_AGAIN = b"# The Forge\n\nThe smith Bruno hammered copper by the lake.\n\nHis fire never went out."
WEIR = b"# The Weir\n\nThe keeper Ottilie opened the weir at dawn.\n\nThe water rushed through."


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=["sqlite", "postgresql"])
async def shards(request, tmp_path_factory) -> AsyncIterator[tuple[FakeDiscord, BotProcess, BotProcess]]:
    """A fake Discord with two servers, and two bot processes, shards 0 and 1 of 2, on one database: a SQLite
    file in a shared data folder, or a PostgreSQL server's database."""
    fake = FakeDiscord(servers=(GUILD_ID, OTHER_GUILD_ID))
    await fake.start()
    database: dict[str, str] = {"STORYBOT_DATA": str(tmp_path_factory.mktemp("data"))}
    if request.param == "postgresql":
        postgresql: PostgreSQLServer = request.getfixturevalue("postgresql_server")
        database["STORYBOT_DATABASE_URL"] = postgresql.new_database()
    processes = []
    for shard in (FIRST, SECOND):
        process = BotProcess(
            fake, STORYBOT_INDEX="off", STORYBOT_SHARD_COUNT="2", STORYBOT_SHARD_IDS=str(shard), **database
        )
        await process.start()
        await process.ready()  # one after the other: the first migrates the database, and is connection 0
        processes.append(process)
    yield fake, processes[0], processes[1]
    for process in processes:
        await process.stop()
    await fake.stop()
    for process in processes:
        assert "Traceback" not in process.text


@pytest.fixture
def fake(shards) -> FakeDiscord:
    return shards[0]


async def add(
    fake: FakeDiscord, name: str, content: bytes, channel: int = CHANNEL_ID, connection: int = FIRST
) -> tuple[int, str]:
    upload = fake.attach(name, content)
    return await fake.subcommand(
        "story", "add", permissions=MANAGE_SERVER, channel_id=channel, connection=connection, file=upload
    )


async def add_and_read(
    fake: FakeDiscord,
    name: str,
    content: bytes,
    channel: int = CHANNEL_ID,
    connection: int = FIRST,
    timeout: float = HANG_SECONDS,
) -> dict:
    """What a manager is told after /story add."""
    mark, interaction = await add(fake, name, content, channel, connection)
    return await followup(fake, interaction, mark, timeout)


async def story_command(fake: FakeDiscord, name: str, channel: int = CHANNEL_ID, **options) -> dict:
    """A manager's /story NAME in the server of `channel`: what they are told (privately)."""
    mark, interaction = await fake.subcommand(
        "story", name, permissions=MANAGE_SERVER, channel_id=channel, connection=FIRST, **options
    )
    return await followup(fake, interaction, mark)


async def followup(fake: FakeDiscord, interaction: str, mark: int, timeout: float = HANG_SECONDS) -> dict:
    return (
        await fake.wait_for_call("POST", rf"/webhooks/{APP_ID}/token-{interaction}", after=mark, timeout=timeout)
    ).body


async def ask(fake: FakeDiscord, question: str, channel: int = CHANNEL_ID, connection: int = FIRST) -> dict | None:
    """The bot's answer to a mention in `channel`, as Discord keeps the message; None for a no-answer reply."""
    mark = await fake.send_message(f"{MENTION} {question}", channel, mentions=[BOT_USER], connection=connection)
    reply = (await fake.wait_for_call("POST", rf"/channels/{channel}/messages", after=mark)).body
    if not reply.get("embeds"):
        return None
    return next(m for m in reversed(fake.messages.values()) if m["embeds"] == reply["embeds"])


async def clicked(
    fake: FakeDiscord,
    message: dict,
    label: str,
    channel: int = CHANNEL_ID,
    reader: UserPayload | None = None,
    permissions: str = "0",
    connection: int = FIRST,
) -> tuple[int, str, dict]:
    """The click on the button of this label (or emoji: a vote's), and what the person sees after it: the clicked
    message edited, or a message of its own."""
    button = next(
        b
        for row in message["components"]
        for b in row["components"]
        if label in (b.get("label"), b.get("emoji", {}).get("name"))
    )
    data = {"custom_id": button["custom_id"], "component_type": 2}
    mark, interaction = await fake.interact(
        3, data, message, permissions, author=reader, channel_id=channel, connection=connection
    )
    return mark, interaction, await fake.response(mark, interaction)


async def click(
    fake: FakeDiscord,
    message: dict,
    label: str,
    channel: int = CHANNEL_ID,
    reader: UserPayload | None = None,
    permissions: str = "0",
    connection: int = FIRST,
) -> dict:
    """What the person sees after clicking: the clicked message edited, or a message of its own."""
    return (await clicked(fake, message, label, channel, reader, permissions, connection))[2]


async def confirmed(fake: FakeDiscord, message: dict, label: str, channel: int = CHANNEL_ID) -> str:
    """A manager clicks Remove or Undo under one of the bot's messages: what the message says once done (the click's
    own edit, found by its token: another interaction's late edit is not this one's)."""
    mark, interaction, working = await clicked(fake, message, label, channel, permissions=MANAGE_SERVER)
    assert working["type"] == 7 and working["data"]["content"] == "Working on it…"
    return (await fake.edited(interaction, after=mark))["content"]


async def eventually_answered(
    fake: FakeDiscord, question: str, words: str, channel: int = CHANNEL_ID, connection: int = FIRST
) -> dict:
    """Asks again until the answer holds `words` (a change made through another process is searched after
    that process's next poll), for at most SEEN_WITHIN seconds."""
    started = time.monotonic()
    while True:
        answer = await ask(fake, question, channel, connection)
        if answer is not None and words in answer["embeds"][0]["description"].replace("**", ""):
            return answer
        assert time.monotonic() - started < SEEN_WITHIN, f"no answer with {words!r} within {SEEN_WITHIN} s"
        await asyncio.sleep(0.5)


def kept_message(fake: FakeDiscord, body: dict) -> dict:
    return next(m for m in reversed(fake.messages.values()) if m["components"] == body["components"])


async def test_a_servers_story_is_searched_in_that_server_only(fake, shards):
    added = await add_and_read(fake, "mill.md", MILL)
    assert added["content"] == 'Added "The Old Mill" (`mill.md`) to this server\'s stories.'
    answer = await ask(fake, "who ground rye by the river?")
    assert answer is not None and answer["embeds"][0]["title"] == "The Old Mill"
    assert "Anatole" in answer["embeds"][0]["description"]

    elsewhere = await ask(fake, "who ground rye by the river?", OTHER_CHANNEL_ID)
    assert elsewhere is None or elsewhere["embeds"][0]["title"] != "The Old Mill"
    # Asked of the process that added it: the other one sees it after its next poll (the next test).
    step = await fake.slash("stories", channel_id=OTHER_CHANNEL_ID, connection=FIRST)
    assert "The Old Mill" not in str((await callback(fake, step))["data"])
    step = await fake.slash("stories", connection=FIRST)
    assert "**The Old Mill**" in (await callback(fake, step))["data"]["embeds"][0]["description"]
    # The owner's library is still searched here, beside the server's own story.
    library = await ask(fake, "Where was Sébastien born?")
    assert library is not None and "Sébastien" in library["embeds"][0]["title"]
    # A DM searches the owner's library alone.
    mark = await fake.send_message("who ground rye by the river?", DM_CHANNEL_ID)
    dm = (await fake.wait_for_call("POST", rf"/channels/{DM_CHANNEL_ID}/messages", after=mark)).body
    assert not dm.get("embeds") or dm["embeds"][0]["title"] != "The Old Mill"


async def test_another_process_searches_a_change_within_seconds(fake, shards):
    before = await ask(fake, "who kept the lighthouse on the cape?", connection=SECOND)  # its view is built now
    assert before is None or before["embeds"][0]["title"] != "The Keeper"
    keeper = b"# The Keeper\n\nMaren kept the lighthouse on the cape."
    added = await add_and_read(fake, "keeper.md", keeper, connection=FIRST)
    assert added["content"].startswith('Added "The Keeper"')
    answer = await eventually_answered(fake, "who kept the lighthouse on the cape?", "Maren", connection=SECOND)
    assert answer["embeds"][0]["title"] == "The Keeper"
    _, _, second = shards
    assert f"The shelf of server {GUILD_ID} changed" in second.text  # told by its poll, with no restart

    removed = await story_command(fake, "remove", story="keeper.md")
    assert "Removed" in await confirmed(fake, kept_message(fake, removed), "Remove")
    started = time.monotonic()
    while (gone := await click(fake, answer, "Next ▶", connection=SECOND))["data"].get("content") != STORY_GONE:
        assert time.monotonic() - started < SEEN_WITHIN, f"the second process still shows it: {gone}"
        await asyncio.sleep(0.5)


async def test_a_manager_in_one_server_cannot_change_the_others_stories(fake, shards):
    await add_and_read(fake, "weir.md", WEIR)
    answer = await ask(fake, "who opened the weir at dawn?")
    assert answer is not None and answer["embeds"][0]["title"] == "The Weir"
    story = next(
        b["custom_id"].split(":")[2]
        for row in answer["components"]
        for b in row["components"]
        if b["custom_id"].startswith("storybot:read:")
    )
    assert story.startswith("0")  # a shelf story's id
    refused = await story_command(fake, "remove", OTHER_CHANNEL_ID, story=story)
    assert "no longer in the library" in refused["content"] and not refused.get("components")
    asked = await story_command(fake, "remove", story=story)
    assert asked["content"].startswith('Remove "The Weir" (`weir.md`) from this server\'s stories?')
    # B's manager clicks A's Remove button (its custom id copied, say): the shelf takes only B's own stories.
    done = await confirmed(fake, kept_message(fake, asked), "Remove", OTHER_CHANNEL_ID)
    assert "no longer among this server's stories" in done
    history = await story_command(fake, "history", OTHER_CHANNEL_ID)
    assert "weir.md" not in history["content"]
    still = await ask(fake, "who opened the weir at dawn?")
    assert still is not None and still["embeds"][0]["title"] == "The Weir"
    # Nor can a member without Manage Server, in the server itself.
    step = await fake.subcommand("story", "add", file=fake.attach("x.md", b"# X\n\nNo."), connection=FIRST)
    assert "Manage Server" in (await callback(fake, step))["data"]["content"]


async def test_a_replaced_removed_and_restored_story_keeps_its_buttons_right(fake, shards):
    reader = fake.person()
    await add_and_read(fake, "forge.md", FORGE)
    answer = await ask(fake, "who hammered iron by the river?")
    assert answer is not None and answer["embeds"][0]["title"] == "The Forge"
    replaced = await story_command(fake, "replace", story="forge.md", file=fake.attach("forge.md", FORGE_AGAIN))
    assert replaced["content"].startswith('Replaced "The Forge" (`forge.md`); the version before is kept')
    same = await story_command(fake, "replace", story="forge.md", file=fake.attach("forge.md", FORGE_AGAIN))
    assert same["content"] == shelf_refusal_text(ShelfRefusal.UNCHANGED)  # no copy kept, no Undo offered
    assert not same.get("components")
    # Its passages are numbered in the new text: reading on from the old answer is told the story changed, never
    # shown a passage of the new text as the old one's neighbour.
    after = await click(fake, answer, "Next ▶", reader=reader)
    assert after["data"]["flags"] & EPHEMERAL and after["data"]["content"] == STORY_CHANGED

    asked = await story_command(fake, "remove", story="forge.md")
    assert (await confirmed(fake, kept_message(fake, asked), "Remove")).startswith("Removed `forge.md`")
    gone = await click(fake, answer, "Next ▶", reader=reader)
    assert gone["data"]["flags"] & EPHEMERAL and gone["data"]["content"] == STORY_GONE

    versions = await autocomplete_versions(fake, "forge")
    assert len(versions) == 2  # both files kept
    first = next(v for v in versions if " added " in v["name"])
    restored = await story_command(fake, "restore", version=first["value"])
    assert restored["content"].startswith('Restored "The Forge" (`forge.md`)')
    back = await click(fake, answer, "Next ▶", reader=reader)  # the text the answer showed, read on again
    assert "went out one winter night" in back["data"]["embeds"][0]["description"]


def river(foreword: bool = False) -> bytes:
    """A story of twelve days, one paragraph each; its second edition has a foreword before them."""
    paragraphs = ["# The River Tale"]
    if foreword:
        paragraphs.append("A foreword added in the second edition, about rivers in general and nothing else.")
    paragraphs += [f"On day {n} the otter Brindlewick swims past mill {n}." for n in range(12)]
    return "\n\n".join(paragraphs).encode()


async def test_reading_on_from_an_answer_after_its_story_gains_a_foreword_says_it_changed(fake, shards):
    """A second edition's foreword shifts every passage by one: the old answer's Next ▶ (to the passage after
    day 5's) would show day 5 again. Another story replaced leaves this one's reading on as it was."""
    await add_and_read(fake, "river.md", river())
    await add_and_read(fake, "weir-two.md", WEIR.replace(b"The Weir", b"The Second Weir"))
    answer = await ask(fake, "where does Brindlewick swim past mill 5?")
    assert answer is not None and "mill 5" in answer["embeds"][0]["description"].replace("**", "")
    before = await click(fake, answer, "Next ▶")
    assert "mill 6" in before["data"]["embeds"][0]["description"]

    other = await story_command(fake, "replace", story="weir-two.md", file=fake.attach("weir-two.md", WEIR))
    assert other["content"].startswith("Replaced")
    still = await click(fake, answer, "Next ▶")
    assert "mill 6" in still["data"]["embeds"][0]["description"]

    second = await story_command(fake, "replace", story="river.md", file=fake.attach("river.md", river(foreword=True)))
    assert second["content"].startswith('Replaced "The River Tale"')
    changed = await click(fake, answer, "Next ▶")
    assert changed["data"]["flags"] & EPHEMERAL and changed["data"]["content"] == STORY_CHANGED
    # Its 👍 named day 5's passage by number, which is day 4's now: it is refused, never counted for day 4.
    voted = await click(fake, answer, "👍")
    assert voted["data"]["flags"] & EPHEMERAL and voted["data"]["content"] == STORY_CHANGED
    anew = await ask(fake, "where does Brindlewick swim past mill 5?")  # asked again: reads on in the new text
    assert anew is not None
    assert "mill 6" in (await click(fake, anew, "Next ▶"))["data"]["embeds"][0]["description"]
    assert (await click(fake, anew, "👍"))["data"]["content"].startswith("Thanks")


async def autocomplete_versions(
    fake: FakeDiscord, typed: str, permissions: str = MANAGE_SERVER, channel: int = CHANNEL_ID
) -> list[dict]:
    """The versions /story restore offers a manager typing `typed` in the server of `channel`."""
    command = next(c for c in fake.commands["guild"] if c["name"] == "story")
    typing = {"name": "version", "type": 3, "value": typed, "focused": True}
    options = [{"name": "restore", "type": 1, "options": [typing]}]
    data = {"id": command["id"], "name": "story", "type": 1, "guild_id": str(server_of(channel)), "options": options}
    step = await fake.interact(4, data, permissions=permissions, channel_id=channel, connection=FIRST)
    body = await callback(fake, step)
    assert body["type"] == 8
    return body["data"]["choices"]


async def test_two_simultaneous_uploads_of_one_name_keep_both_versions(fake, shards):
    first, second = await asyncio.gather(
        add(fake, "race.md", b"# Race\n\nThe first runner won.", connection=FIRST),
        add(fake, "race.md", b"# Race\n\nThe second runner won.", connection=SECOND),
    )
    replies = [await followup(fake, interaction, mark) for mark, interaction in (first, second)]
    added = [r for r in replies if r["content"].startswith('Added "Race"')]
    replaced = [r for r in replies if r["content"].startswith('Replaced "Race"')]
    assert len(added) == 1 and len(replaced) == 1  # one after the other, never both "Added"
    history = await story_command(fake, "history")
    assert history["content"].count("race.md") == 2
    later, earlier = ("first", "second") if replaced[0] is replies[0] else ("second", "first")
    await eventually_answered(fake, "which runner won the race?", f"The {later} runner won")

    # Undo (under the Replaced message) brings back the version it replaced: both were kept.
    assert (await confirmed(fake, kept_message(fake, replaced[0]), "Undo")).startswith('Restored "Race"')
    await eventually_answered(fake, "which runner won the race?", f"The {earlier} runner won")


async def test_a_server_that_hides_the_owners_library_searches_its_own_stories_only(fake, shards):
    mark, interaction = await fake.subcommand(
        "settings", "library", permissions=MANAGE_SERVER, channel_id=OTHER_CHANNEL_ID, connection=SECOND, shown="hidden"
    )
    assert "only this server's own stories" in (await followup(fake, interaction, mark))["content"]
    started = time.monotonic()  # set through the second process: the first searches so after its next poll
    while True:
        mark = await fake.send_message(f"{MENTION} Where was Sébastien born?", OTHER_CHANNEL_ID, mentions=[BOT_USER])
        reply = (await fake.wait_for_call("POST", rf"/channels/{OTHER_CHANNEL_ID}/messages", after=mark)).body
        if "has none yet" in reply["content"]:
            break
        assert time.monotonic() - started < SEEN_WITHIN, reply
        await asyncio.sleep(0.5)
    bakery = b"# The Bakery\n\nElena baked rye bread."
    added = await add_and_read(fake, "bakery.md", bakery, OTHER_CHANNEL_ID)
    assert added["content"].startswith('Added "The Bakery"')
    answer = await ask(fake, "who baked rye bread?", OTHER_CHANNEL_ID)
    assert answer is not None and answer["embeds"][0]["title"] == "The Bakery"
    hidden = await ask(fake, "Where was Sébastien born?", OTHER_CHANNEL_ID)
    assert hidden is None or hidden["embeds"][0]["title"] == "The Bakery"  # never the owner's story
    library = await ask(fake, "Where was Sébastien born?")  # the other server still sees the library
    assert library is not None and "Sébastien" in library["embeds"][0]["title"]
    mark, interaction = await fake.subcommand(
        "settings", "library", permissions=MANAGE_SERVER, channel_id=OTHER_CHANNEL_ID, connection=SECOND, shown="shown"
    )
    assert "searched here" in (await followup(fake, interaction, mark))["content"]
    shown = await eventually_answered(fake, "Where was Sébastien born?", "Moscow", OTHER_CHANNEL_ID)
    assert "Sébastien" in shown["embeds"][0]["title"]


async def test_a_typed_version_that_is_no_number_of_ours_is_refused_kindly(fake, shards):
    # /story restore takes what was typed when no choice was picked: a superscript digit (str.isdigit says
    # yes, int() says no) and a number past the database's integers are not versions either.
    for typed in ("²", "9" * 30):
        refused = await story_command(fake, "restore", version=typed)
        assert "Pick a version from the list" in refused["content"], (typed, refused)
    _, first, _ = shards
    assert "Traceback" not in first.text


async def test_an_edited_question_is_answered_from_its_own_servers_stories(fake, shards):
    kiln = b"# The Kiln\n\nThe potter Wilhelmina fired her pots in the kiln by the quarry."
    assert (await add_and_read(fake, "kiln.md", kiln))["content"].startswith('Added "The Kiln"')
    for channel, shelf_answers in ((OTHER_CHANNEL_ID, False), (CHANNEL_ID, True)):
        question, reply = await asked(
            fake, f"{MENTION} where was Sébastien born?", channel, mentions=[BOT_USER], connection=FIRST
        )
        body = await edited(fake, question, reply, f"{MENTION} who fired her pots in the kiln?", connection=FIRST)
        titles = [embed["title"] for embed in body.get("embeds") or []]
        assert ("The Kiln" in titles) is shelf_answers, (channel, body)


async def test_the_kept_versions_are_offered_to_server_managers_only(fake, shards):
    # A server's admin may let a role without Manage Server see /story (Discord's command permissions); the
    # bot refuses such a member the command itself, and its autocomplete must not list the history either:
    # the names of removed stories, and when each version came, are what /story history keeps to managers.
    await add_and_read(fake, "secret-plans.md", b"# Secret Plans\n\nThe party is on Friday.")
    await add_and_read(fake, "secret-plans.md", b"# Secret Plans\n\nThe party is on Saturday.")
    assert [v for v in await autocomplete_versions(fake, "secret") if "secret-plans.md" in v["name"]]
    assert await autocomplete_versions(fake, "secret", permissions="0") == []


async def test_a_flood_of_uploads_from_one_server_holds_up_no_other(fake, shards):
    # Anyone can make a server and invite a public bot. Its uploads were read in asyncio's shared threads (6 on
    # this machine), all at once: packed Word files of millions of characters, sent together, held every
    # /performer of every server (read in those threads too) until they were done, with their texts' memory
    # at once. Now a server's uploads are downloaded and read one after the other, in a thread of their own.
    heavy = word_file(30_000)
    served = len(fake.downloads)
    sent = [await add(fake, f"echo-{n}.docx", heavy) for n in range(3)]
    await fake.wait_for(lambda: len(fake.downloads) > served)  # the first is being read
    for upload, interaction in sent:  # each acknowledged: all three are the bot's before /performer is asked
        await fake.wait_for_call("POST", rf"/interactions/{interaction}/[^/]+/callback", after=upload)
    mark, performer = await fake.slash("performer", channel_id=OTHER_CHANNEL_ID, connection=FIRST, name="sofia")
    assert "Sofia" in str((await callback(fake, (mark, performer)))["data"])
    performer_answered = max(i for i, c in enumerate(fake.calls) if performer in c.path)
    replies = [await followup(fake, interaction, mark) for mark, interaction in sent]
    assert all(reply["content"].startswith("Added") for reply in replies), replies
    tokens = [f"token-{interaction}" for _, interaction in sent]
    first_reply = min(i for i, c in enumerate(fake.calls) if c.method == "POST" and c.path.endswith(tuple(tokens)))
    assert sum(at < first_reply for at in list(fake.downloads.values())[served:]) == 1  # one at a time
    assert performer_answered < first_reply
    for n in range(3):  # their miller grinds rye by the river: he must not answer the other tests' questions
        removed = await story_command(fake, "remove", story=f"echo-{n}.docx")
        assert "Removed" in await confirmed(fake, kept_message(fake, removed), "Remove")


async def test_an_upload_whose_name_becomes_a_stored_storys_says_it_replaced_it_and_undo_brings_it_back(fake, shards):
    """ "a:b.md" and then "a?b.md", two stories, are both stored as a-b.md: the second replaced the first, told only
    "Replaced", so its manager never learnt that a story of another name was gone from the searches."""
    alpha = b"# Alpha\n\nThe first story, about a heron called Wendeline."
    beta = b"# Beta\n\nThe second story, about an otter called Brisk."
    assert (await add_and_read(fake, "a:b.md", alpha))["content"].startswith('Added "Alpha" (`a-b.md`)')
    told = await add_and_read(fake, "a?b.md", beta)
    assert told["content"].startswith(
        "Your file a?b.md is stored as `a-b.md` (signs a file name cannot hold become dashes, and names in other "
        'capitals are one), the name of a story already here: it replaced that story, now "Beta" (`a-b.md`).'
    ), told["content"]
    assert "Undo, rename your file and add it again" in told["content"]
    await eventually_answered(fake, "which otter is in the second story?", "otter called Brisk")
    assert (await confirmed(fake, kept_message(fake, told), "Undo")).startswith('Restored "Alpha" (`a-b.md`)')
    await eventually_answered(fake, "which heron is in the first story?", "heron called Wendeline")
    again = await add_and_read(fake, "a-b.md", beta)  # under the very name stored: a replace as ever
    assert again["content"].startswith('Replaced "Beta" (`a-b.md`); the version before is kept'), again["content"]
