"""Stories named by stable ids, end to end: the real bot process over a library with repeated titles, a
lookalike file name, a long path and a story that is removed, and /story's races and links."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from bot.messages import STORY_GONE
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import (
    APP_ID,
    BOOK_CLUB_ID,
    BOT_USER,
    CHANNEL_ID,
    GUILD_ID,
    LIBRARY,
    MANAGE_SERVER,
    PERSON,
    FakeDiscord,
    message_payload,
)
from tests.discord_app.test_end_to_end import CHANNEL_MESSAGES, EPHEMERAL, MENTION, callback, fake, reply_to
from tests.discord_app.test_follow_ups import SCOPE_FIELD
from tests.lookalike_stories import LONG_FOLDER, LOOKALIKES, write_stories

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.user import User as UserPayload

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]

STORIES = LOOKALIKES | {
    "the-old-mill-returns.md": "# The Old Mill Returns\n\nYears later the wheel turned again for Ada's grandson.\n\n"
    "He rebuilt the mill wheel from oak.",
    "real.md": "# The Real Story\n\nThe ferryman Oskar rowed travellers across the fjord.",
}


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def stories(tmp_path_factory) -> Path:
    folder = write_stories(tmp_path_factory.mktemp("references") / "stories", STORIES)
    (folder / "alias.md").symlink_to("real.md")  # a link to a story of the corpus
    return folder


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def library_bot(fake, stories):
    process = BotProcess(fake, STORYBOT_CORPUS=str(stories), STORYBOT_INDEX="off", STORYBOT_CHANNELS=str(BOOK_CLUB_ID))
    await process.start()
    await process.ready()
    yield process
    await process.stop()
    assert "Traceback" not in process.text


def buttons(data: dict) -> dict[str, dict]:
    return {b.get("label") or b["emoji"]["name"]: b for row in data["components"] for b in row["components"]}


def stored(fake: FakeDiscord, data: dict) -> dict:
    """The message as Discord keeps it (what a later click or reply carries)."""
    return next(m for m in reversed(fake.messages.values()) if m["embeds"] == data["embeds"])


async def ask(fake: FakeDiscord, question: str, reader: UserPayload) -> dict:
    return stored(fake, await reply_to(fake, f"{MENTION} {question}", mentions=[BOT_USER], author=reader))


async def click(
    fake: FakeDiscord, message: dict, label: str, reader: UserPayload, permissions: str = "0"
) -> tuple[tuple[int, str], dict]:
    """The click (the calls before it, and its interaction's id), and the response it had."""
    button = buttons(message)[label]
    data = {"custom_id": button["custom_id"], "component_type": 2}
    mark, interaction = await fake.interact(3, data, message=message, author=reader, permissions=permissions)
    return (mark, interaction), await fake.response(mark, interaction)


async def followup(fake: FakeDiscord, interaction: str, mark: int) -> dict:
    return (await fake.wait_for_call("POST", rf"/webhooks/{APP_ID}/token-{interaction}", after=mark)).body


async def autocomplete(fake: FakeDiscord, typed: str) -> list[dict]:
    command = next(c for c in fake.commands["guild"] if c["name"] == "ask")
    options = [
        {"name": "question", "type": 3, "value": "x"},
        {"name": "story", "type": 3, "value": typed, "focused": True},
    ]
    data = {"id": command["id"], "name": "ask", "type": 1, "guild_id": str(GUILD_ID), "options": options}
    step = await fake.interact(4, data)
    body = await callback(fake, step)
    assert body["type"] == 8  # Discord took it: names and values within 100 characters
    return body["data"]["choices"]


async def upload(fake: FakeDiscord, name: str, content: bytes) -> tuple[int, str]:
    """The bot's owner adds a file to their library, the folder (a server's own stories: test_shelves.py)."""
    file = fake.attach(name, content)
    return await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=file, to=LIBRARY)


async def test_repeated_titles_keep_reading_votes_and_follow_ups_on_their_own_story(fake, library_bot):
    reader = fake.person()
    answer = await ask(fake, "who kneaded the dough at dawn?", reader)
    assert answer["embeds"][0]["title"] == "Chapter" and "kneaded" in answer["embeds"][0]["description"]
    assert answer["embeds"][0]["fields"][0]["value"] == "1 of 3 · `b/chapter.md`"  # which "Chapter" it is

    _, after = await click(fake, answer, "Next ▶", reader)
    assert after["type"] == 7 and after["data"]["embeds"][0]["description"].startswith("Maren sold warm bread")
    _, voted = await click(fake, answer, "👍", reader)
    assert voted["data"]["content"] == "Thanks for the 👍!"

    # "square" is in both stories called "Chapter": a reply stays in the one its answer quotes.
    mark = await fake.reply_to_message(answer, "what happened in the square?", author=reader)
    body = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)).body
    embed = body["embeds"][0]
    assert embed["description"].startswith("Maren **sold** warm bread") or "honey cakes" in embed["description"]
    assert any(f["name"] == SCOPE_FIELD for f in embed["fields"])


async def test_lists_and_pickers_tell_repeated_titles_apart(fake, library_bot):
    step = await fake.slash("stories")
    listed = (await callback(fake, step))["data"]["embeds"][0]["description"]
    assert "**Chapter** `a/chapter.md`" in listed and "**Chapter** `b/chapter.md`" in listed
    assert "**The Old Mill Returns** (2 passages)" in listed  # a title no other story has: no file name

    choices = await autocomplete(fake, "chapter")
    assert sorted(c["name"] for c in choices[:2]) == ["Chapter (a/chapter.md)", "Chapter (b/chapter.md)"]
    assert len({c["value"] for c in choices}) == len(choices)
    b_story = next(c["value"] for c in choices if c["name"] == "Chapter (b/chapter.md)")
    step = await fake.slash("ask", question="what happened in the square?", story=b_story)
    assert "honey cakes" in (await callback(fake, step))["data"]["embeds"][0]["description"]


async def test_the_same_full_name_in_two_stories_can_be_picked(fake, library_bot):
    step = await fake.slash("performer", name="Maren Holt")
    choice = (await callback(fake, step))["data"]  # Discord refuses a select with two equal values
    select = choice["components"][0]["components"][0]
    assert [o["label"] for o in select["options"]] == ["Maren Holt", "Maren Holt"]
    assert len({o["value"] for o in select["options"]}) == 2 and all(len(o["value"]) <= 100 for o in select["options"])
    assert sorted(o["description"] for o in select["options"]) == ["Chapter (a/chapter.md)", "Chapter (b/chapter.md)"]
    baker = next(o["value"] for o in select["options"] if o["description"] == "Chapter (b/chapter.md)")
    data = {"custom_id": select["custom_id"], "component_type": 3, "values": [baker]}
    step = await fake.interact(
        3, data, message=next(m for m in fake.messages.values() if m["components"] == choice["components"])
    )
    card = (await callback(fake, step))["data"]["embeds"][0]
    assert card["description"] == "Maren Holt was a baker who kneaded the dough at dawn."
    assert card["fields"][0]["value"] == "Chapter · `b/chapter.md`"  # which "Chapter" she is in


async def test_a_story_with_a_long_path_can_be_picked_read_and_removed(fake, library_bot):
    path = LONG_FOLDER + "the-glass-orchard.md"
    assert len(path) > 100
    choices = await autocomplete(fake, "glass orchard")
    assert choices[0]["name"] == "The Glass Orchard"
    reader = fake.person()
    step = await fake.slash("ask", question="what did Lina grow?", story=choices[0]["value"], author=reader)
    answer = stored(fake, (await callback(fake, step))["data"])
    assert answer["embeds"][0]["title"] == "The Glass Orchard"
    _, after = await click(fake, answer, "Next ▶", reader)
    assert after["data"]["embeds"][0]["description"] == "Each apple rang like a bell in the wind."

    mark, interaction = await fake.subcommand(
        "story", "remove", author=PERSON, permissions=MANAGE_SERVER, story=choices[0]["value"]
    )
    asked = await followup(fake, interaction, mark)
    assert asked["content"].startswith(f'Remove "The Glass Orchard" (`{path}`) from the owner\'s library?')


async def test_a_lookalike_name_never_takes_another_storys_buttons(fake, library_bot, stories):
    reader = fake.person()
    answer = await ask(fake, "where did Sofia dance?", reader)
    assert answer["embeds"][0]["title"] == "Sofia" and "Bolshoi" in answer["embeds"][0]["description"]
    _, after = await click(fake, answer, "Next ▶", reader)
    assert after["data"]["embeds"][0]["description"] == "Her mother sewed all of her costumes by hand."

    mark, interaction = await upload(fake, "the-glass-orch\u0430rd.md", b"# The Glass Orchard\n\nA copy.")
    refused = await followup(fake, interaction, mark)
    assert "mixes Cyrillic and Latin letters" in refused["content"]
    assert not (stories / "the-glass-orch\u0430rd.md").exists()


async def test_a_removed_story_says_so_and_never_shows_a_story_with_a_like_title(fake, library_bot, stories):
    reader = fake.person()
    answer = await ask(fake, "who ground the wheat by the river?", reader)
    assert answer["embeds"][0]["title"] == "The Old Mill"

    mark, interaction = await fake.subcommand(
        "story", "remove", author=PERSON, permissions=MANAGE_SERVER, story="the-old-mill.md"
    )
    asked = await followup(fake, interaction, mark)
    confirm = next(m for m in reversed(fake.messages.values()) if m["components"] == asked["components"])
    (mark, interaction), _ = await click(fake, confirm, "Remove", PERSON, permissions=MANAGE_SERVER)
    done = await fake.edited(interaction, after=mark)
    assert "Removed (1): `the-old-mill.md`" in done["content"]

    for label in ("Next ▶", "👍"):  # one wording for a story that is gone
        _, gone = await click(fake, answer, label, reader)
        assert gone["data"]["flags"] & EPHEMERAL and gone["data"]["content"] == STORY_GONE
        assert not gone["data"].get("embeds")
    # A reply to the old answer searches every story, not "The Old Mill Returns" alone.
    mark = await fake.reply_to_message(answer, "what about the mill wheel?", author=reader)
    body = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)).body
    assert not any(f["name"] == SCOPE_FIELD for f in body["embeds"][0]["fields"])


async def test_two_uploads_of_one_name_at_once_keep_both_versions(fake, library_bot, stories):
    first = await upload(fake, "race.md", b"# Race\n\nThe first runner won.")
    second = await upload(fake, "race.md", b"# Race\n\nThe second runner won.")
    replies = [await followup(fake, interaction, mark) for mark, interaction in (first, second)]
    added = [r for r in replies if r["content"].startswith("Added `race.md`.")]
    asked = [r for r in replies if "`race.md` is already a story. Replace it?" in r["content"]]
    assert len(added) == 1 and len(asked) == 1  # one after the other, never both "Added"

    confirm = next(m for m in reversed(fake.messages.values()) if m["components"] == asked[0]["components"])
    (mark, interaction), _ = await click(fake, confirm, "Replace", PERSON, permissions=MANAGE_SERVER)
    done = await fake.edited(interaction, after=mark)
    assert done["content"].startswith("Replaced `race.md`")
    kept = list((stories.parent / "stories-kept").rglob("race.md"))
    versions = {(stories / "race.md").read_text(), *(k.read_text() for k in kept)}
    assert versions == {"# Race\n\nThe first runner won.", "# Race\n\nThe second runner won."}
    umask = os.umask(0)
    os.umask(umask)
    assert (stories / "race.md").stat().st_mode & 0o777 == 0o666 & ~umask  # not 0600


async def test_nothing_is_written_or_removed_through_a_link(fake, library_bot, stories, tmp_path):
    outside = tmp_path / "not-a-story.md"
    outside.write_text("Someone else's file.")
    (stories / "outside.md").symlink_to(outside)
    mark, interaction = await upload(fake, "outside.md", b"# Overwrite\n\nGotcha.")
    assert "`outside.md` is a link in the stories folder" in (await followup(fake, interaction, mark))["content"]

    # A link that appears between the question and the click: Replace says so, never "Working on it…" for ever.
    mark, interaction = await upload(fake, "swap.md", b"# Swap\n\nFirst.")
    assert (await followup(fake, interaction, mark))["content"].startswith("Added `swap.md`.")
    mark, interaction = await upload(fake, "swap.md", b"# Swap\n\nSecond.")
    asked = await followup(fake, interaction, mark)
    (stories / "swap.md").unlink()
    (stories / "swap.md").symlink_to(outside)
    confirm = next(m for m in reversed(fake.messages.values()) if m["components"] == asked["components"])
    (mark, interaction), _ = await click(fake, confirm, "Replace", PERSON, permissions=MANAGE_SERVER)
    done = await fake.edited(interaction, after=mark)
    assert "`swap.md` is a link in the stories folder" in done["content"]
    assert outside.read_text() == "Someone else's file."

    mark, interaction = await fake.subcommand(
        "story", "remove", author=PERSON, permissions=MANAGE_SERVER, story="alias.md"
    )
    refused = await followup(fake, interaction, mark)
    assert "`alias.md` is a link" in refused["content"] and not refused.get("components")
    assert (stories / "alias.md").is_symlink() and (stories / "real.md").exists()


@pytest.mark.parametrize("name", ["x" * 300 + ".md", "é" * 130 + ".md"])
async def test_an_upload_name_too_long_gets_a_clear_message(fake, library_bot, name):
    mark, interaction = await upload(fake, name, b"# Long\n\nA story with a long name.")
    content = (await followup(fake, interaction, mark))["content"]
    assert "bytes long; file names may be at most 255 bytes" in content


async def test_help_lists_what_members_and_managers_can_do_here(fake, library_bot):
    mark, interaction = await fake.slash("help")
    assert (await callback(fake, (mark, interaction)))["data"]["flags"] & EPHEMERAL
    help_text = (await followup(fake, interaction, mark))["embeds"][0]["description"]
    assert f"In <#{BOOK_CLUB_ID}> every message is a question." in help_text
    assert "`/ask`" in help_text and "`/performer`" in help_text
    # Paging opens a private copy of someone else's answer; a vote opens nothing, it is counted.
    assert "*Back to the answer* returns: on your answers in place, on someone else's in a copy only you see" in (
        help_text
    )
    assert "👍 / 👎 tell this server's managers whether it answered (one vote each, which you can change)" in help_text
    assert "**Server managers**" in help_text and "`/story add`" in help_text


async def test_buttons_of_answers_from_before_stable_ids_ask_to_ask_again(fake, library_bot):
    for custom_id in ("storybot:more:1", "storybot:read:2:next", "storybot:vote:1:up"):
        button = {"type": 2, "style": 2, "label": "old", "custom_id": custom_id}
        old = message_payload(fake.new_id(), CHANNEL_ID, BOT_USER, "") | {
            "components": [{"type": 1, "components": [button]}],
            "flags": 0,
        }
        step = await fake.interact(3, {"custom_id": custom_id, "component_type": 2}, message=old)
        assert "older version" in (await callback(fake, step))["data"]["content"]
