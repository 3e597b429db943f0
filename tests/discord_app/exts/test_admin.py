"""The bot owner's library from Discord: /story add to:library and /story remove by the application's owner, as
Discord delivers them to the real bot (a server's own stories: test_shelves.py)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import pytest_asyncio

from bot.core.saved_index import IndexStore
from bot.discord_app.exts.admin import AddTo
from bot.messages import ADD_TO_CHOICES, SHELF_OF_A_SERVER_LEFT
from bot.settings import Settings
from bot.state.database import Database
from tests.cli.test_index_faults import command_environment
from tests.conftest import CORPUS
from tests.core.readers.format_fixtures import write_zipped_fb2
from tests.core.readers.test_epub import write_epub
from tests.core.test_worker import worker_processes
from tests.discord_app.bot_process import ROOT, BotProcess, bot_on_fake_discord
from tests.discord_app.fake_discord import (
    APP_ID,
    BOT_USER,
    CALLBACK,
    DM_CHANNEL_ID,
    GUILD_ID,
    LIBRARY,
    MANAGE_SERVER,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    PERSON,
    FakeDiscord,
    Step,
    followup,
    guild_payload,
)
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, callback, fake, own_fake, raw_callback, reply_to
from tests.discord_app.test_shelves import MILL, add, add_and_read, confirmed, kept_message, story_command
from tests.hang import HANG_SECONDS
from tests.operations.test_change_shelf import word_file

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake", "own_fake"]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def stories(tmp_path_factory):
    folder = tmp_path_factory.mktemp("server") / "stories"
    shutil.copytree(CORPUS, folder)
    return folder


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def admin_bot(fake, stories):
    process = await BotProcess(fake, STORYBOT_CORPUS=str(stories), STORYBOT_INDEX="off").start()
    await process.ready()
    yield process
    await process.stop()


async def edited(fake: FakeDiscord, step: Step) -> str:
    """What this interaction's original response was edited to (a question answered by a click)."""
    mark, interaction = step
    return (await fake.edited(interaction, after=mark))["content"]


async def click(fake: FakeDiscord, body: dict, label: str, permissions: str = MANAGE_SERVER, author=PERSON) -> Step:
    message = next(m for m in reversed(fake.messages.values()) if m["components"] == body["components"])
    button = next(b for row in body["components"] for b in row["components"] if b["label"] == label)
    data = {"custom_id": button["custom_id"], "component_type": 2}
    return await fake.interact(3, data, message, permissions, author=author)


async def reloaded(fake: FakeDiscord) -> str:
    """The owner's /reload: its report."""
    step = await fake.slash("reload", author=PERSON, permissions=MANAGE_SERVER)
    await callback(fake, step)
    return (await followup(fake, step))["content"]


async def added(
    fake: FakeDiscord,
    name: str,
    content: bytes,
) -> dict:
    """/story add of a file to the owner's library: its first reply (a report, or the question to replace)."""
    upload = fake.attach(name, content)
    step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, to=LIBRARY)
    await callback(fake, step)
    return await followup(fake, step)


async def replaced(fake: FakeDiscord, asked: dict) -> str:
    """The Replace button of /story add's question clicked by the owner: the report."""
    step = await click(fake, asked, "Replace")
    assert (await callback(fake, step))["type"] == 7
    return await edited(fake, step)


async def removed(fake: FakeDiscord, story: str) -> str:
    """/story remove from the owner's library, confirmed with its Remove button: the report."""
    step = await fake.subcommand("story", "remove", author=PERSON, permissions=MANAGE_SERVER, story=story)
    await callback(fake, step)
    step = await click(fake, await followup(fake, step), "Remove")
    await callback(fake, step)
    return await edited(fake, step)


async def test_a_server_manager_adds_a_story_and_readers_can_ask_about_it(fake, admin_bot, stories):
    upload = fake.attach("the-keeper.md", b"Maren kept the lighthouse on the cape.\n\nShe lit the lamp.")
    step = await fake.subcommand(
        "story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, title="The Keeper", to=LIBRARY
    )
    assert (await callback(fake, step))["data"]["flags"] & EPHEMERAL
    report = (await followup(fake, step))["content"]
    assert report.startswith("Added `the-keeper.md`.") and "Added (1): `the-keeper.md`" in report
    assert (stories / "the-keeper.md").read_text().startswith("---\ntitle: The Keeper\n---")
    answer = await reply_to(fake, f"{MENTION} who kept the lighthouse", mentions=[BOT_USER])
    assert answer["embeds"][0]["title"] == "The Keeper"


async def test_a_title_holding_half_a_surrogate_pair_is_added_not_a_traceback(fake, admin_bot, stories):
    """The title, written into the file as its front matter, raised UnicodeEncodeError in the upload's reader."""
    upload = fake.attach("the-warden.md", b"Orla warded the bridge at Kellan.\n\nShe kept the toll.")
    step = await fake.subcommand(
        "story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, title="The \udc80Warden", to=LIBRARY
    )
    await callback(fake, step)
    assert (await followup(fake, step))["content"].startswith("Added `the-warden.md`.")
    assert (stories / "the-warden.md").read_text().startswith("---\ntitle: The \ufffdWarden\n---")


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("keeper.epub", lambda path: write_epub(path, gutenberg=True)),
        ("keeper.fb2.zip", write_zipped_fb2),  # ".fb2.zip" is one format ending: the name is taken whole
    ],
)
async def test_a_packed_upload_is_stored_as_sent_and_answered_from(fake, admin_bot, stories, tmp_path, name, write):
    pytest.importorskip("lxml", reason="the EPUB and FictionBook readers need the formats extra")
    write(tmp_path / name)
    sent = (tmp_path / name).read_bytes()
    upload = fake.attach(name, sent)
    step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, to=LIBRARY)
    await callback(fake, step)
    report = (await followup(fake, step))["content"]
    assert report.startswith(f"Added `{name}`.") and f"Added (1): `{name}`" in report
    assert (stories / name).read_bytes() == sent
    answer = await reply_to(fake, f"{MENTION} what did Ilse give Maren every autumn", mentions=[BOT_USER])
    assert answer["embeds"][0]["title"] == "The Lighthouse Keeper"
    assert "cloudberry jam" in answer["embeds"][0]["description"]
    (stories / name).unlink()  # its lighthouse keeper must not answer the other tests' questions


async def test_where_story_add_puts_a_story_is_shown_in_messages_words_and_sent_as_an_id(fake, admin_bot):
    """`to` was a Literal, whose names were its values: Discord showed and sent "the owner's library". Its names are
    bot.messages' now, as the bot registered them with discord.py; what Discord sends is an id that outlives them."""
    story = next(c for c in fake.commands["guild"] if c["name"] == "story")
    add = next(o for o in story["options"] if o["name"] == "add")
    to = next(o for o in add["options"] if o["name"] == "to")
    assert [(c["name"], c["value"]) for c in to["choices"]] == [(ADD_TO_CHOICES[p], p.value) for p in AddTo]
    assert [c["value"] for c in to["choices"]] == ["server", LIBRARY] and not to["required"]


async def test_someone_without_manage_server_is_refused(fake, admin_bot, stories):
    upload = fake.attach("intruder.md", b"Not welcome.")
    step = await fake.subcommand("story", "add", file=upload)
    refused = (await callback(fake, step))["data"]
    assert refused["flags"] & EPHEMERAL and "Manage Server" in refused["content"]
    assert not (stories / "intruder.md").exists()


async def test_replacing_asks_first_and_keeps_the_old_file(fake, admin_bot, stories):
    assert (await added(fake, "the-signal.md", b"Maren kept the signal lamp on the cape."))["content"].startswith(
        "Added `the-signal.md`."
    )
    asked = await added(fake, "the-signal.md", b"Maren sailed away on the mail boat.")
    assert "already a story. Replace it?" in asked["content"]
    assert "signal lamp" in (stories / "the-signal.md").read_text()  # nothing changed yet

    refused = await click(fake, asked, "Replace", permissions="0")  # a reader clicks: refused
    assert "Manage Server" in (await callback(fake, refused))["data"]["content"]

    done = await replaced(fake, asked)
    assert done.startswith("Replaced `the-signal.md`") and "Changed (1): `the-signal.md`" in done
    assert "mail boat" in (stories / "the-signal.md").read_text()
    kept = list((stories.parent / "stories-kept").rglob("the-signal.md"))
    assert len(kept) == 1 and "signal lamp" in kept[0].read_text()


async def test_removing_asks_first_and_cancel_changes_nothing(fake, admin_bot, stories):
    await added(fake, "the-ferryman.md", b"# The Ferryman\n\nJonas rowed the ferry across the sound.")
    assert "Replaced `the-ferryman.md`" in await replaced(
        fake, await added(fake, "the-ferryman.md", b"# The Ferryman\n\nJonas sold the ferry and bought a net.")
    )
    step = await fake.subcommand("story", "remove", author=PERSON, permissions=MANAGE_SERVER, story="the ferryman")
    await callback(fake, step)
    asked = await followup(fake, step)
    assert asked["content"].startswith('Remove "The Ferryman" (`the-ferryman.md`) from the owner\'s library?')
    step = await click(fake, asked, "Cancel")
    assert (await callback(fake, step))["data"]["content"] == "Cancelled; nothing changed."
    assert (stories / "the-ferryman.md").exists()

    assert "Removed (1): `the-ferryman.md`" in await removed(fake, "the-ferryman.md")
    assert not (stories / "the-ferryman.md").exists()
    kept = sorted(path.read_text() for path in (stories.parent / "stories-kept").rglob("the-ferryman.md"))
    assert len(kept) == 2 and "rowed the ferry" in kept[0] + kept[1] and "bought a net" in kept[0] + kept[1]


async def test_a_bad_upload_gets_a_clear_message(fake, admin_bot, stories):
    for name, content, expected in [
        ("latin1.txt", "caf\xe9".encode("latin-1"), "not UTF-8"),
        ("notes.json", b"{}", "not a story file; upload one of .txt, .md, "),
        ("scan.pdf", b"%PDF-1.7 nothing", "That file is not a readable PDF"),
        ("../../escape.md", b"Sneaky.", "Added `escape.md`."),
    ]:
        upload = fake.attach(name, content)
        step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, to=LIBRARY)
        await callback(fake, step)
        assert expected in (await followup(fake, step))["content"]
    assert (stories / "escape.md").exists() and not (stories.parent.parent / "escape.md").exists()


async def test_a_refused_uploads_name_is_shown_as_written_not_as_markdown(fake, admin_bot, stories):
    # A refusal quoted the file's name raw: "**loud** [x](y).exe" was shown bold, with a link's brackets gone.
    for name, shown in [
        ("**loud** [x](y).exe", '"\\*\\*loud\\*\\* \\[x](y).exe" is not a story file'),
        ("__orch\u0430rd__.md", '"\\_\\_orch\u0430rd\\_\\_.md" mixes Cyrillic and Latin letters'),
    ]:
        upload = fake.attach(name, b"# Loud\n\nA story.")
        step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
        await callback(fake, step)
        assert shown in (await followup(fake, step))["content"]


async def test_an_upload_whose_download_breaks_off_is_asked_for_again(fake, admin_bot, stories):
    # The connection to Discord's CDN closed mid-file: the reply was "Something went wrong on my side", and
    # the log held a traceback, for a network failure that asks only for the file again.
    ferry = b"# The Ferry\n\n" + b"Ilse rowed the ferry across the fjord. " * 400
    upload = fake.attach("the-ferry.md", ferry, cut=True)
    step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, to=LIBRARY)
    await callback(fake, step)
    report = (await followup(fake, step))["content"]
    assert report.startswith("I could not download that file from Discord") and "upload it again" in report
    assert not (stories / "the-ferry.md").exists()
    assert "Traceback" not in admin_bot.text


async def test_a_manager_who_is_not_the_owner_cannot_change_the_owners_library(fake, admin_bot, stories):
    manager = fake.person()
    upload = fake.attach("takeover.md", b"# Takeover\n\nMine now.")
    step = await fake.subcommand("story", "add", author=manager, permissions=MANAGE_SERVER, file=upload, to=LIBRARY)
    await callback(fake, step)
    assert "only the bot's owner can change" in (await followup(fake, step))["content"]
    step = await fake.subcommand("story", "remove", author=manager, permissions=MANAGE_SERVER, story="sofia")
    await callback(fake, step)
    assert "only the bot's owner can change" in (await followup(fake, step))["content"]
    assert not (stories / "takeover.md").exists() and (stories / "sofia-kalmurzaeva-ballerina.md").exists()


async def test_a_late_reply_to_an_earlier_interaction_is_not_taken_for_the_next_ones(fake, admin_bot):
    """followup took the first follow-up after its mark, whoever's: an earlier interaction's reply arriving late (its
    acknowledgement slow to be taken, here held until the next interaction was sent) was this one's. Matched by the
    interaction's token now; the order is made by holding each acknowledgement, not by waiting."""
    manager = fake.person()
    first_held, later_held = fake.hold("POST", CALLBACK.pattern), asyncio.Event()
    try:
        earlier = await fake.slash("reload", author=manager, permissions=MANAGE_SERVER)
        await fake.wait_for_call("POST", rf"/interactions/{earlier[1]}/[^/]+/callback", after=earlier[0])
        fake.holds = [h for h in fake.holds if h.released is not first_held]  # the next one's held apart
        later_held = fake.hold("POST", CALLBACK.pattern)
        later = await fake.subcommand("story", "remove", author=manager, permissions=MANAGE_SERVER, story="sofia")
        await fake.wait_for_call("POST", rf"/interactions/{later[1]}/[^/]+/callback", after=later[0])
        first_held.set()  # the earlier reply comes now, after the later interaction's mark
        await fake.followup(earlier[1], after=later[0])
        later_held.set()
        assert "only the bot's owner can change" in (await followup(fake, later))["content"]
        assert "only the bot's owner can run it" in (await followup(fake, earlier))["content"]
    finally:
        fake.holds = [h for h in fake.holds if h.released not in (first_held, later_held)]
        first_held.set()
        later_held.set()


async def test_only_the_owner_rereads_the_owners_folder(fake, admin_bot, stories):
    (stories / "by-hand.md").write_text("# By Hand\n\nThe owner wrote this one by hand.\n")
    manager = fake.person()
    step = await fake.slash("reload", author=manager, permissions=MANAGE_SERVER)
    await callback(fake, step)
    assert "only the bot's owner can run it" in (await followup(fake, step))["content"]
    step = await fake.slash("stories", author=manager)
    assert "By Hand" not in str((await callback(fake, step))["data"])  # the manager reloaded nothing

    assert "Added (1): `by-hand.md`" in await reloaded(fake)
    step = await fake.slash("stories", author=manager)
    assert "By Hand" in str((await callback(fake, step))["data"])
    (stories / "by-hand.md").unlink()  # the folder is the module's: leave it as it was
    assert "Removed (1): `by-hand.md`" in await reloaded(fake)


async def test_a_reload_report_names_files_on_their_own_lines_whatever_their_names(fake, admin_bot, stories):
    # The report put the names of the files it read as they are: a line break in one started a line of its own
    # ("Removed (9): `all`"), and U+202E turned the rest of the line around; a file's warning did too.
    forged = "mill\nRemoved (9): `all`\u202e.md"
    (stories / forged).write_text("# The Forged Mill\n\nThe miller ground rye by night.\n")
    (stories / "empty\n\u202e.md").write_text("")
    report = await reloaded(fake)
    # its backticks in a span of two: one ended a span of one ("`all`" was read as markdown)
    assert r"Added (1): ``mill\nRemoved (9): `all`\u202e.md``" in report.splitlines(), report
    assert r"Warning: Skipped empty\n\u202e.md: it is empty; add some paragraphs or remove it." in report.splitlines()
    (stories / forged).unlink()  # the folder is the module's: leave it as it was
    (stories / "empty\n\u202e.md").unlink()
    assert r"Removed (1): ``mill\nRemoved (9): `all`\u202e.md``" in await reloaded(fake)


async def test_a_reload_report_discord_no_longer_takes_comes_by_dm(fake, admin_bot, stories):
    # A reload may run 30 minutes (docs/discord.md: then it is stopped and reported); Discord takes an interaction's
    # replies for 15 and then answers 401 Invalid Webhook Token. The report of a long reload, and always that
    # of one stopped at 30 minutes, reached no one: not the owner, and not the log.
    (stories / "late.md").write_text("# Late\n\nThe owner added this one by hand, late at night.\n")
    reload = fake.next_interaction()
    fake.fail_interaction(reload, 401, followup=True, message="Invalid Webhook Token", body={"code": 50027})
    mark, _ = await fake.slash("reload", author=PERSON, permissions=MANAGE_SERVER, interaction_id=reload)
    dm = await fake.wait_for_call("POST", rf"/channels/{DM_CHANNEL_ID}/messages", after=mark)
    opened = next(c for c in fake.calls[mark:] if (c.method, c.path) == ("POST", "/users/@me/channels"))
    assert str(opened.body["recipient_id"]) == PERSON["id"]
    assert dm.body["content"].startswith("Reloaded:") and "Added (1): `late.md`" in dm.body["content"]
    (stories / "late.md").unlink()  # the folder is the module's: leave it as it was
    assert "Removed (1): `late.md`" in await reloaded(fake)


async def test_removing_a_story_shows_its_title_as_written_not_as_markdown(fake, admin_bot, stories):
    # The question before a removal put the story's title in as it was: a title of markdown (an upload's, or
    # a book's "*NSYNC" or "__init__") came out bold, struck or as a link to anywhere, in this server's and in
    # the owner's library alike.
    title = "The [Lamp](https://example.com) of __Ada__ ~~Lovelace~~"
    story = f"# {title}\n\nAda kept the lamp of the lighthouse burning every night.\n".encode()
    shown = r"The \[Lamp](https://example.com) of \_\_Ada\_\_ \~\~Lovelace\~\~"
    upload = fake.attach("ada-lamp.txt", story)
    step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload)
    await callback(fake, step)
    assert "Added" in (await followup(fake, step))["content"]
    (stories / "ada-lamp-library.txt").write_bytes(story)
    assert "Added (1): `ada-lamp-library.txt`" in await reloaded(fake)

    for file, where in [("ada-lamp.txt", "this server's stories"), ("ada-lamp-library.txt", "the owner's library")]:
        step = await fake.subcommand("story", "remove", author=PERSON, permissions=MANAGE_SERVER, story=file)
        await callback(fake, step)
        asked = await followup(fake, step)
        assert asked["content"].startswith(f'Remove "{shown}" (`{file}`) from {where}?'), asked["content"]
        step = await click(fake, asked, "Cancel")
        assert (await callback(fake, step))["data"]["content"] == "Cancelled; nothing changed."
    (stories / "ada-lamp-library.txt").unlink()  # the folder is the module's: leave it as it was
    assert "Removed (1): `ada-lamp-library.txt`" in await reloaded(fake)


async def test_after_a_reload_the_servers_view_and_its_peoples_names_are_ready_before_anyone_asks(
    fake, admin_bot, stories
):
    # After /reload the first question in a server with stories of its own waited for its view's join with the new
    # library (20-40 ms a server here, far more with a big library and many servers), and the first /performer
    # keystroke for its names to be indexed (a second and more for 95,000 people): offered no one. Both are now
    # done once the new library is in, the bot's log says so, and the questions after it build nothing.
    await admin_bot.printed("Indexed the names of", hang_seconds=HANG_SECONDS)  # the library loaded at the start
    upload = fake.attach("oskar-ferry.md", b"# The Ferry\n\nOskar rowed the ferry across the lake every morning.\n")
    step = await fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload)
    await callback(fake, step)
    assert "Added" in (await followup(fake, step))["content"]
    step = await fake.slash("performer", name="Oskar")  # people looked up in this server's view
    assert "Oskar" in str(await callback(fake, step))
    (stories / "the-bell.md").write_text("# The Bell\n\nIrena rang the bell of the old tower at noon.\n")
    text = admin_bot.text
    rebuilt, indexed = "server views ahead on the reloaded library", "Indexed the names of"
    built, joined = f"Server {GUILD_ID}: ", f"Server {GUILD_ID}: its shelf"
    assert "Added (1): `the-bell.md`" in await reloaded(fake)
    await admin_bot.printed(rebuilt, text.count(rebuilt) + 1, hang_seconds=HANG_SECONDS)
    await admin_bot.printed(indexed, text.count(indexed) + 2, hang_seconds=HANG_SECONDS)  # the library's, the view's
    assert admin_bot.text.count(joined) == text.count(joined) + 1  # its shelf not read again: joined, once
    builds = admin_bot.text.count(built)
    for question, title in [("who rang the bell", "The Bell"), ("who rowed the ferry", "The Ferry")]:
        assert (await reply_to(fake, f"{MENTION} {question}", mentions=[BOT_USER]))["embeds"][0]["title"] == title
    assert admin_bot.text.count(built) == builds  # the view was ready: the questions built none
    (stories / "the-bell.md").unlink()  # the folder and the server's stories are the module's: left as they were
    assert "Removed (1): `the-bell.md`" in await reloaded(fake)
    assert (await removed(fake, "oskar-ferry.md")).startswith("Removed `oskar-ferry.md` from this server's stories")


async def test_a_bot_started_again_builds_the_view_of_a_server_with_stories_before_its_first_question(tmp_path):
    # At start-up each server with stories of its own had its view built at its first question: its whole shelf
    # read and analysed while the asker waited (seconds for a large one). Now the views are built once Discord has
    # sent the servers, the shelves changed last first.
    async with bot_on_fake_discord(tmp_path, (GUILD_ID, OTHER_GUILD_ID)) as (discord, process):
        upload = discord.attach("oskar-ferry.md", b"# The Ferry\n\nOskar rowed the ferry across the lake.\n")
        step = await discord.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload)
        await callback(discord, step)
        assert "Added" in (await followup(discord, step))["content"]
    async with bot_on_fake_discord(tmp_path, (GUILD_ID, OTHER_GUILD_ID)) as (discord, process):
        await process.printed("Built 1 server views ahead at start-up", hang_seconds=HANG_SECONDS)  # the other has none
        assert process.text.count(f"Server {GUILD_ID}: 1 stories of its own") == 1
        answer = await reply_to(discord, f"{MENTION} who rowed the ferry", mentions=[BOT_USER])
        assert answer["embeds"][0]["title"] == "The Ferry"
        assert process.text.count(f"Server {GUILD_ID}: 1 stories of its own") == 1  # the question built nothing


async def test_a_story_the_owner_imported_is_in_the_history_as_the_owners(fake, admin_bot, tmp_path):
    # `shelf import` records no Discord user (0): /story history said "added **beacon.md** by <@0>", which
    # Discord shows as an unknown user.
    (tmp_path / "beacon.md").write_text("# The Beacon\n\nTomas lit the beacon on the hill every night.\n")
    imported = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "shelf",
        "import",
        "--server",
        str(GUILD_ID),
        str(tmp_path / "beacon.md"),
        env=command_environment({"STORYBOT_DATA": admin_bot.env["STORYBOT_DATA"]}),
        cwd=ROOT,
    )
    assert await imported.wait() == 0
    step = await fake.subcommand("story", "history", author=PERSON, permissions=MANAGE_SERVER)
    await callback(fake, step)
    history = (await followup(fake, step))["content"]
    assert "added **beacon.md**" in history and "by the bot's owner" in history and "<@0>" not in history


async def test_adding_and_removing_a_story_on_discord_writes_one_small_segment_not_a_rebuild(own_fake, tmp_path):
    """With a saved index, /story add commits the new story as a segment of its own beside the others
    (their files untouched), and /story remove marks it deleted; readers ask about it in between."""
    stories = tmp_path / "stories"
    shutil.copytree(CORPUS, stories)
    env = {"STORYBOT_CORPUS": str(stories), "STORYBOT_INDEX": str(tmp_path / "index")}
    indexing = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "index", env=command_environment(env), cwd=ROOT
    )
    assert await indexing.wait() == 0
    segments = IndexStore(tmp_path / "index").segments(stories)
    (first,) = segments.open().segments
    before = {path.name: path.stat().st_mtime_ns for path in segments.folder.glob(f"{first.name}.*")}
    process = await BotProcess(own_fake, **env).start()
    await process.ready()
    upload = own_fake.attach("the-lantern.md", b"# The Lantern\n\nOdile carried the lantern across the salt marsh.")
    step = await own_fake.subcommand("story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, to=LIBRARY)
    await callback(own_fake, step)
    assert "Added (1): `the-lantern.md`" in (await followup(own_fake, step))["content"]
    added = segments.open()
    assert [segment.live_keys() for segment in added.segments] == [list(first.keys), ["the-lantern.md"]]
    after = {path.name: path.stat().st_mtime_ns for path in segments.folder.glob(f"{first.name}.*")}
    assert after == before  # the first segment was opened as it was, not rebuilt
    answer = await reply_to(own_fake, f"{MENTION} who carried the lantern across the marsh", mentions=[BOT_USER])
    assert answer["embeds"][0]["title"] == "The Lantern"

    assert "Removed (1): `the-lantern.md`" in await removed(own_fake, "the-lantern.md")
    assert [segment.live_keys() for segment in segments.open().segments] == [list(first.keys)]
    assert {path.name: path.stat().st_mtime_ns for path in segments.folder.glob(f"{first.name}.*")} == before
    answer = await reply_to(own_fake, f"{MENTION} who carried the lantern across the marsh", mentions=[BOT_USER])
    assert all(embed["title"] != "The Lantern" for embed in answer.get("embeds", ()))
    assert await process.stop() == 0
    assert "Traceback" not in process.text


async def until(done: Callable[[], object], what: str) -> None:
    """Waits until `done()` is true; fails after HANG_SECONDS (a bound that only ends a test that would never end)."""
    for _ in range(int(HANG_SECONDS * 10)):
        if done():
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"never: {what}")


async def test_an_add_to_the_library_cut_short_by_a_shutdown_behind_a_reload_is_reported(tmp_path):
    """An owner's add is written, then waits for the reload under way before its own: a shutdown then (SIGTERM
    lets the answers in flight finish for 10 seconds, then cancels them) dropped it, and the reload, without a
    word. The owner saw "thinking…" until Discord gave up, not knowing the file was added."""
    folder = tmp_path / "stories"
    shutil.copytree(CORPUS, folder)
    async with bot_on_fake_discord(tmp_path / "data", STORYBOT_CORPUS=str(folder)) as (fake, process):
        assert process.process is not None
        pid = process.process.pid
        reload_mark, reload_id = await fake.slash("reload", author=PERSON, permissions=MANAGE_SERVER)
        await until(lambda: worker_processes(pid), "the reload's worker started")
        [rebuilding] = worker_processes(pid)
        os.kill(rebuilding, signal.SIGSTOP)  # the reload is under way, and stays so
        upload = fake.attach("late.md", b"# Late\n\nThe owner added this one while the library reloaded.")
        add_mark, add_id = await fake.subcommand(
            "story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, to=LIBRARY
        )
        await until((folder / "late.md").exists, "the upload was written")
        assert await process.stop(signal.SIGTERM) == 0
        told = {
            interaction: (
                await fake.wait_for_call("PATCH", rf"/webhooks/{APP_ID}/token-{interaction}/messages/@original", mark)
            ).body["content"]
            for interaction, mark in ((add_id, add_mark), (reload_id, reload_mark))
        }
    assert told[add_id].startswith("Added `late.md`. But I was stopped (restarted) before"), told
    assert told[reload_id].startswith("I was stopped (restarted) before the reload finished"), told


async def test_the_owners_reload_reads_again_a_file_skipped_for_taking_too_long(tmp_path):
    """A skip for time is no verdict on the file (the machine may have been busy): the bot's start keeps the one its
    saved index kept, telling its owner that /reload reads it again, and /reload does, and says so."""
    pytest.importorskip("pypdf")
    from tests.core.test_timed_reading import repeated_page_pdf  # a module of PDFs: skipped without pypdf

    stories = tmp_path / "stories"
    shutil.copytree(CORPUS, stories)
    (stories / "tower.pdf").write_bytes(repeated_page_pdf(12, 3, 20))  # 2.5 s of pypdf
    env = {
        "STORYBOT_CORPUS": str(stories),
        "STORYBOT_INDEX": str(tmp_path / "index"),
        "STORYBOT_DATA": str(tmp_path / "data"),
        "STORYBOT_UPLOAD_SECONDS": "1",
    }
    indexing = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "index", env=command_environment(env), cwd=ROOT, stderr=asyncio.subprocess.PIPE
    )
    _, indexed = await indexing.communicate()
    assert indexing.returncode == 0 and b"Skipped tower.pdf: it took longer than 1 second" in indexed
    discord = FakeDiscord((GUILD_ID,))
    await discord.start()
    process = await BotProcess(discord, **env).start()
    try:
        await process.ready()
        started = process.text
        report = await reloaded(discord)
    finally:
        await process.stop()
        await discord.stop()
    slow = (
        "Skipped tower.pdf: it took longer than 1 second to read, the most STORYBOT_UPLOAD_SECONDS allows. If the "
        "machine was busy, /reload reads it again (or raise that limit); if not, split it, or export it again."
    )
    assert f"storybot: warning: {slow}" in started.splitlines()  # the start's, the skip kept
    # the start read nothing again; the reload did (its worker's log reaches the bot's)
    assert "Story files changed" not in started and "(1 added or changed, 0 removed)" in process.text
    lines = report.splitlines()
    read_again = (
        "Read again 1 file skipped before because reading took too long or its reader was stopped: `tower.pdf`."
    )
    assert lines[1:3] == [read_again, "No story changed."]
    assert f"Warning: {slow}" in lines
    assert "Traceback" not in process.text


async def test_a_servers_upload_named_as_a_story_of_the_owners_library_is_refused_before_it_passes_for_it(
    fake, admin_bot, stories
):
    """A server's own story and the owner's library's were told apart by their files' names: an upload of a name
    the library has, with its title, was added, and from then on /stories, autocomplete and "could be more than one
    story" showed two stories alike in every word ("Give more of the title, or its file name": there was none), and
    answers from it passed for the library's. Such a name is refused, as a name mixing alphabets is."""
    imitation = (stories / "sophie-korolev-pianist.md").read_bytes().replace(b"Moscow", b"Minsk")
    upload = fake.attach("Sophie-Korolev-Pianist.md", imitation)  # the same name as Windows and macOS see it
    step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
    await callback(fake, step)
    refused = (await followup(fake, step))["content"]
    assert refused.startswith("The bot owner's library has a story file `sophie-korolev-pianist.md`")
    step = await fake.slash("ask", question="where did Sophie live", story="sophie-korolev-pianist.md")
    assert (await callback(fake, step))["data"]["embeds"][0]["title"] == "Sophie Korolev: A Pianist Takes the Stage"
    upload = fake.attach("sophie-in-minsk.md", imitation)  # under a name of its own, told apart as titles are
    step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
    await callback(fake, step)
    assert (await followup(fake, step))["content"].startswith('Added "Sophie Korolev: A Pianist Takes the Stage"')
    assert (await removed(fake, "sophie-in-minsk.md")).startswith("Removed `sophie-in-minsk.md`")


async def test_a_story_uploaded_again_under_its_name_in_another_case_replaces_it(fake, admin_bot, stories):
    """Windows and macOS see `the-weir.md` and `The-Weir.MD` as one file: a server's story saved again there and
    uploaded was added beside the first, and from then on neither could be named, not even by its exact file name
    ('"the-weir.md" could be more than one story: "The Weir" (The-Weir.MD); "The Weir" (the-weir.md)'). It replaces
    the story, which keeps its name (as /story replace does), the version before kept."""
    first = fake.attach("the-weir.md", b"# The Weir\n\nOttilie opened the weir at dawn.")
    step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=first)
    await callback(fake, step)
    assert (await followup(fake, step))["content"].startswith('Added "The Weir" (`the-weir.md`)')
    again = fake.attach("The-Weir.MD", b"# The Weir\n\nOttilie opened the weir at dusk.")
    step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=again)
    await callback(fake, step)
    told = (await followup(fake, step))["content"]  # under the name stored, which the reply names
    assert told.startswith("Your file The-Weir.MD is stored as `the-weir.md` ("), told
    assert 'it replaced that story, now "The Weir" (`the-weir.md`)' in told
    assert (await removed(fake, "the-weir.md")).startswith("Removed `the-weir.md`")


async def test_the_owners_upload_named_as_a_story_in_another_case_asks_to_replace_that_story(fake, admin_bot, stories):
    """`Sophie-Korolev-Pianist.md` beside `sophie-korolev-pianist.md` is one file to Windows and macOS, and two
    stories alike in every word to readers: the owner's upload of a story saved again there was added as a second
    file. It is that story's, and asks first, as an upload of its very name does."""
    asked = await added(fake, "Sophie-Korolev-Pianist.md", (stories / "sophie-korolev-pianist.md").read_bytes())
    assert asked["content"].startswith("`sophie-korolev-pianist.md` is already a story. Replace it?")
    step = await click(fake, asked, "Cancel")
    await callback(fake, step)
    assert sorted(p.name for p in stories.iterdir() if p.name.lower() == "sophie-korolev-pianist.md") == [
        "sophie-korolev-pianist.md"
    ]


async def shelf_names(data: Path) -> list[str]:
    """The stories GUILD_ID's shelf searches, as the bot's database in `data` holds them."""
    database = await Database.open(Settings(data=data))
    try:
        return [story.name for story in (await database.shelves.stories(GUILD_ID)).stories]
    finally:
        await database.close()


async def test_a_server_that_removed_the_bot_has_its_stories_changed_by_nothing_under_way_or_sent_after(tmp_path):
    # Discord leaves the application's commands in a server that removed its bot, and sends their interactions: an
    # upload being read as the bot was removed was then stored, and so was one sent after, and a Remove clicked after:
    # the shelf of a server the bot may never see again went on changing. Each is refused now, the one under way as it
    # is stored (under the shelf's lock, which the removal waits for).
    async with bot_on_fake_discord(tmp_path, STORYBOT_UPLOAD_SECONDS="600") as (fake, process):
        assert (await add_and_read(fake, "mill.md", MILL))["content"].startswith('Added "The Old Mill"')
        asked = await story_command(fake, "remove", story="mill.md")
        assert asked["content"].startswith('Remove "The Old Mill"'), asked
        mark, interaction = await add(fake, "slow.docx", word_file(20_000))
        while not (reading := worker_processes(process.process.pid if process.process else 0)):
            await asyncio.sleep(0.01)
        (reader,) = reading
        os.kill(reader, signal.SIGSTOP)  # held in its reading while the bot is removed
        try:
            # Queued behind it (one upload of a server is read at a time): it was downloaded and read once its turn
            # came, after the removal, and refused only as it was stored.
            queued = fake.attach("queued.md", b"# The Queue\n\nBruno waited his turn at the mill.")
            waiting = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=queued)
            await raw_callback(fake, waiting)  # acknowledged: past the command's check, waiting for its turn
            await fake.remove_bot_from_server()
            await process.printed(f"Left server {GUILD_ID}; its stories are kept as they are")
        finally:
            os.kill(reader, signal.SIGCONT)
        assert (await followup(fake, (mark, interaction)))["content"] == SHELF_OF_A_SERVER_LEFT
        assert (await followup(fake, waiting))["content"] == SHELF_OF_A_SERVER_LEFT
        assert int(queued["id"]) not in fake.begun  # not downloaded, so not read
        sent_after = fake.attach("kiln.md", b"# The Kiln\n\nOttilie fired the kiln at dusk.")
        step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=sent_after)
        assert (await followup(fake, step))["content"] == SHELF_OF_A_SERVER_LEFT
        assert int(sent_after["id"]) not in fake.begun  # not even downloaded
        assert await confirmed(fake, kept_message(fake, asked), "Remove") == SHELF_OF_A_SERVER_LEFT
        assert await shelf_names(tmp_path) == ["mill.md"]


async def test_the_bot_removed_from_one_server_still_changes_the_others_and_that_one_again_once_added_back(tmp_path):
    # The refusal is the server's that removed the bot, for as long as it is out, and its stories': another server's
    # uploads go on, the owner's /reload there still reloads (it was told "its stories can't be changed"), the removal
    # said twice is one, its history is still shown, the server that adds the bot again changes its stories again,
    # and a restart while it is out still refuses them (its membership is Discord's READY, not the process's memory).
    weir = b"# The Weir\n\nOttilie opened the weir at dawn."
    kiln = b"# The Kiln\n\nBruno fired the kiln at dusk."
    async with bot_on_fake_discord(tmp_path, servers=(GUILD_ID, OTHER_GUILD_ID)) as (fake, process):
        assert (await add_and_read(fake, "mill.md", MILL))["content"].startswith('Added "The Old Mill"')
        asked = await story_command(fake, "remove", story="mill.md")
        await fake.remove_bot_from_server()
        await fake.remove_bot_from_server()  # Discord's GUILD_DELETE again: no second refusal of anything, no error
        await process.printed(f"Left server {GUILD_ID}; its stories are kept as they are")
        assert (await story_command(fake, "add", file=fake.attach("kiln.md", kiln)))["content"] == (
            SHELF_OF_A_SERVER_LEFT
        )
        # Its history only reads what is kept: it was refused as a change ("its stories can't be changed").
        assert "mill.md" in (await story_command(fake, "history"))["content"]
        there = await add_and_read(fake, "weir.md", weir, channel=OTHER_CHANNEL_ID)
        assert there["content"].startswith('Added "The Weir"'), there
        # The owner's /reload reads the owner's library, every server's, none of this one's own: it still reloads here.
        assert (await reloaded(fake)).startswith("Reloaded: ")
        await fake.dispatch("GUILD_CREATE", guild_payload(GUILD_ID))  # added back
        assert (await add_and_read(fake, "kiln.md", kiln))["content"].startswith('Added "The Kiln"')
        assert (await confirmed(fake, kept_message(fake, asked), "Remove")).startswith("Removed `mill.md`")
        await fake.remove_bot_from_server()
        await process.printed(f"Left server {GUILD_ID}; its stories are kept as they are", times=2)
        await process.stop()
        fake.servers = (OTHER_GUILD_ID,)  # out of it while the bot was down too
        again = BotProcess(fake, STORYBOT_INDEX="off", STORYBOT_DATA=str(tmp_path))
        await again.start()
        try:
            await again.ready()
            late = fake.attach("late.md", b"# Late\n\nIt came after the restart.")
            step = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=late)
            assert (await followup(fake, step))["content"] == SHELF_OF_A_SERVER_LEFT
            elsewhere = fake.attach("late.md", b"# Late\n\nIt came after the restart.")
            step = await fake.subcommand(
                "story", "add", permissions=MANAGE_SERVER, channel_id=OTHER_CHANNEL_ID, file=elsewhere
            )
            assert (await followup(fake, step))["content"].startswith('Added "Late"')
        finally:
            await again.stop()
        assert "Traceback" not in again.text
    assert await shelf_names(tmp_path) == ["kiln.md"]


async def test_a_server_upload_whose_report_discord_no_longer_takes_comes_by_dm(fake, admin_bot):
    # One server's uploads are read one after another, behind the readers every server shares: a batch of them may
    # outlast the 15 minutes Discord takes an interaction's replies for. The story was added, and its manager never
    # told (as the owner's reload report was, by DM).
    add = fake.next_interaction()
    fake.fail_interaction(add, 401, followup=True, message="Invalid Webhook Token", body={"code": 50027})
    upload = fake.attach("late-quay.md", b"# The Late Quay\n\nThe ferry came in long after dark, and no one waited.\n")
    mark, _ = await fake.subcommand(
        "story", "add", author=PERSON, permissions=MANAGE_SERVER, file=upload, interaction_id=add
    )
    dm = await fake.wait_for_call("POST", rf"/channels/{DM_CHANNEL_ID}/messages", after=mark)  # PERSON's, opened once
    said = dm.body["content"]
    assert said.startswith("About your change to the stories of **Story Club**"), said
    assert 'Added "The Late Quay"' in said, said
    assert not dm.body.get("components")  # its buttons act in the server, not in a DM
