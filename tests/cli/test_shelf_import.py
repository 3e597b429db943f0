"""`python -m bot shelf import`: a real process putting story files into one server's own stories."""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import asyncpg
import pytest

from bot.core.shelf_corpus import ShelfStoryText
from bot.core.stored_text import stored_reading, unpack_story
from bot.messages import shelf_refusal_text
from bot.settings import MIN_UPLOAD_MB, Settings
from bot.state.database import SQLITE_FILE, Database
from bot.state.shelf_rules import ShelfRefusal
from bot.state.shelves import ShelfAction
from tests.cli.test_main import ROOT, run
from tests.core.test_stored_text import UNPACKED
from tests.file_attributes import immutable
from tests.held_lock import has_open, postgresql_waiting, run_while_held
from tests.operations.test_change_shelf import word_file
from tests.state.test_shelves import text_stored
from tests.state.test_sqlite_check import overwritten, root_page

SERVER = 4321
T = TypeVar("T")


def read_from(data: Path, read: Callable[[Database], Awaitable[T]]) -> T:
    """What `read` finds in the database of the data folder `data`, as the bot would open it."""

    async def opened() -> T:
        database = await Database.open(Settings(data=data))
        try:
            return await read(database)
        finally:
            await database.close()

    return asyncio.run(opened())


def shelf_of(data: Path) -> tuple[list[str], list[ShelfAction]]:
    async def read(database: Database) -> tuple[list[str], list[ShelfAction]]:
        stories = (await database.shelves.stories(SERVER)).stories
        history = await database.shelves.history(SERVER)
        return [s.name for s in stories], [v.action for v in reversed(history)]

    return read_from(data, read)


def test_old_uploads_are_imported_into_a_servers_stories_and_again_replace(tmp_path: Path):
    mill, forge = tmp_path / "the-mill.md", tmp_path / "forge.txt"
    mill.write_text("# The Mill\n\nThe wheel turned by the river.")
    forge.write_text("The Forge\n\nBruno hammered iron all day.")
    data = tmp_path / "data"
    result = run("shelf", "import", "--server", str(SERVER), str(mill), str(forge), env={"STORYBOT_DATA": str(data)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f"added: the-mill.md (server {SERVER})",
        f"added: forge.txt (server {SERVER})",
    ]
    same = run("shelf", "import", "--server", str(SERVER), str(mill), env={"STORYBOT_DATA": str(data)})
    assert same.returncode == 0, same.stderr
    assert same.stdout == ""  # an unchanged file is no new version: it would use up the server's room
    assert same.stderr.splitlines() == [
        f"storybot: the-mill.md: {shelf_refusal_text(ShelfRefusal.UNCHANGED)}",
        "storybot: 0 stories imported.",
    ]
    mill.write_text("# The Mill\n\nThe wheel turned by the river all night.")
    again = run("shelf", "import", "--server", str(SERVER), str(mill), env={"STORYBOT_DATA": str(data)})
    assert again.stdout.splitlines() == [f"replaced: the-mill.md (server {SERVER})"]
    names, actions = shelf_of(data)
    assert sorted(names) == ["forge.txt", "the-mill.md"]
    assert actions == [ShelfAction.ADDED, ShelfAction.ADDED, ShelfAction.REPLACED]  # the first version kept


def stored_texts(data: Path) -> dict[str, ShelfStoryText]:
    """The text stored with each story the shelf searches, by name."""

    async def read(database: Database) -> dict[str, ShelfStoryText]:
        found = {}
        for story in (await database.shelves.stories(SERVER)).stories:
            text = await text_stored(database.shelves, story.version_id)
            assert text is not None and text.reading == stored_reading()
            found[story.name] = unpack_story(story.story_id, story.name, text.packed, UNPACKED)
        return found

    return read_from(data, read)


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
async def test_an_import_waits_for_a_lock_held_past_the_bots_seconds_within_its_own(
    tmp_path: Path, kind: str, request: pytest.FixtureRequest
):
    """Another session holds the lock the import's write needs 3 seconds after it waits for it (a bot's change, a long
    transaction): the import waits, as its 2 minutes allow; each statement had the bot's 2 seconds, and it ended
    "Could not change the server's stories (canceling statement due to lock timeout)" (or "database is locked")."""
    mill = tmp_path / "the-mill.md"
    mill.write_text("# The Mill\n\nThe wheel turned by the river.")
    data = tmp_path / "data"
    env = {"STORYBOT_DATA": str(data)}
    if kind == "postgresql":
        env["STORYBOT_DATABASE_URL"] = url = request.getfixturevalue("postgresql_url")
    await (await Database.open(Settings.from_env(env))).close()  # the schema made, as a running bot's is
    if kind == "sqlite":
        other = sqlite3.connect(data / SQLITE_FILE, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # the write lock; reading (the schema's revision) goes on
        waiting = has_open(data / SQLITE_FILE)

        async def release() -> None:
            other.execute("ROLLBACK")
            other.close()

    else:
        holder = await asyncpg.connect(url)
        held = holder.transaction()
        await held.start()
        await holder.execute("LOCK TABLE shelves IN SHARE MODE")  # writes wait; reads go on
        waiting = postgresql_waiting(holder)

        async def release() -> None:
            await held.rollback()
            await holder.close()

    imported = await run_while_held(["shelf", "import", "--server", str(SERVER), str(mill)], env, waiting, release)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines() == [f"added: the-mill.md (server {SERVER})"]

    async def names(database: Database) -> list[str]:
        return [story.name for story in (await database.shelves.stories(SERVER)).stories]

    database = await Database.open(Settings.from_env(env))
    try:
        assert await names(database) == ["the-mill.md"]
    finally:
        await database.close()


def test_imported_files_are_stored_with_the_text_they_were_read_as(tmp_path: Path):
    """So that no view reads them again, in any bot, after any start."""
    mill, echo = tmp_path / "the-mill.md", tmp_path / "echo.docx"
    mill.write_text("# The Mill\n\nThe wheel turned by the river.")
    echo.write_bytes(word_file(3))
    data = tmp_path / "data"
    result = run("shelf", "import", "--server", str(SERVER), str(mill), str(echo), env={"STORYBOT_DATA": str(data)})
    assert result.returncode == 0, result.stderr
    texts = stored_texts(data)
    assert sorted(texts) == ["echo.docx", "the-mill.md"]
    for name, text in texts.items():
        assert text == ShelfStoryText.read(text.story, name, (tmp_path / name).read_bytes())


def test_a_file_past_the_memory_an_upload_may_take_to_read_imports_nothing_and_names_the_setting(tmp_path: Path):
    """An import read its files in its own process without the upload's limits: a Word file of 108 KB that takes
    0.43 GB to read was imported, and then skipped with a warning by every view, at every start."""
    good, echo = tmp_path / "good.md", tmp_path / "echo.docx"
    good.write_text("# Good\n\nA story.")
    echo.write_bytes(word_file(300_000))
    data = tmp_path / "data"
    environment = {"STORYBOT_DATA": str(data), "STORYBOT_UPLOAD_MB": str(MIN_UPLOAD_MB)}
    result = run("shelf", "import", "--server", str(SERVER), str(good), str(echo), env=environment)
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr, result.stderr
    assert f"echo.docx: That file needs more than {MIN_UPLOAD_MB} MB of memory to read" in result.stderr
    assert "(STORYBOT_UPLOAD_MB: the memory the bot gives an upload's reading) Nothing was imported." in result.stderr
    assert shelf_of(data) == ([], [])


def test_a_file_that_is_no_story_imports_nothing_and_says_which(tmp_path: Path):
    good, bad = tmp_path / "good.md", tmp_path / "notes.json"
    good.write_text("# Good\n\nA story.")
    bad.write_text("{}")
    data = tmp_path / "data"
    result = run("shelf", "import", "--server", str(SERVER), str(good), str(bad), env={"STORYBOT_DATA": str(data)})
    assert result.returncode == 2 and "notes.json" in result.stderr and "Nothing was imported" in result.stderr
    assert '"notes.json" is not a story file; import one of .txt, .md,' in result.stderr  # it said "upload"
    assert "Traceback" not in result.stderr
    assert shelf_of(data) == ([], [])


def test_a_folder_given_says_to_name_its_files(tmp_path: Path):
    """A folder was "not a story file; upload one of .txt, .md, …", as if its name were the fault."""
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "good.md").write_text("# Good\n\nA story.")
    data = tmp_path / "data"
    result = run("shelf", "import", "--server", str(SERVER), str(stories), env={"STORYBOT_DATA": str(data)})
    assert result.returncode == 2
    assert result.stderr == (
        f"storybot: {stories} is a folder; name the story files in it ({stories}/*) to import them. Nothing was "
        "imported.\n"
    )
    assert shelf_of(data) == ([], [])


def test_a_file_whose_reader_is_not_installed_says_to_import_again_not_to_reload(tmp_path: Path):
    """It said "install it with pip install -e '.[formats]' and reload": Discord's step, which the command line has
    not; once the reader is installed, the owner runs the import again."""
    blocked = tmp_path / "blocked" / "docx"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('python-docx is not installed here')\n")
    story = tmp_path / "mill.docx"
    story.write_bytes(word_file(3))
    data = tmp_path / "data"
    environment = {"STORYBOT_DATA": str(data), "PYTHONPATH": f"{blocked.parent}{os.pathsep}{ROOT}"}
    result = run("shelf", "import", "--server", str(SERVER), str(story), env=environment)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr == (
        f"storybot: {story}: That file needs the optional Word (.docx) reader; install it with pip install -e "
        "'.[formats]', then run the import again. Nothing was imported.\n"
    )
    assert shelf_of(data) == ([], [])


def test_two_files_of_one_name_import_nothing_and_say_which(tmp_path: Path):
    """From two folders, or named twice: the second was imported over the first, said only as "replaced"."""
    first, second = tmp_path / "old" / "mill.md", tmp_path / "new" / "mill.md"
    for path, text in ((first, "The wheel turned."), (second, "The river froze.")):
        path.parent.mkdir()
        path.write_text(f"# The Mill\n\n{text}")
    data = tmp_path / "data"
    for files in ((first, second), (first, first)):
        result = run("shelf", "import", "--server", str(SERVER), *map(str, files), env={"STORYBOT_DATA": str(data)})
        assert result.returncode == 2 and result.stdout == ""
        assert result.stderr == (
            f"storybot: {files[0]} and {files[1]} would both be mill.md on the server's shelf, the second replacing "
            "the first; rename one. Nothing was imported.\n"
        )
        assert shelf_of(data) == ([], [])


def test_a_file_named_as_a_shelf_story_in_another_case_replaces_it(tmp_path: Path):
    """Windows and macOS take `mill.md` and `Mill.MD` for one file: an old upload saved again there and imported
    was a second story beside the first, alike in every word, which no name typed could tell apart; two such files
    in one import were two stories too."""
    first, again = tmp_path / "old" / "mill.md", tmp_path / "new" / "Mill.MD"
    for path, text in ((first, "The wheel turned."), (again, "The river froze.")):
        path.parent.mkdir()
        path.write_text(f"# The Mill\n\n{text}")
    data = tmp_path / "data"
    both = run("shelf", "import", "--server", str(SERVER), str(first), str(again), env={"STORYBOT_DATA": str(data)})
    assert both.returncode == 2 and both.stderr == (
        f"storybot: {first} and {again} would both be mill.md on the server's shelf, the second replacing the first; "
        "rename one. Nothing was imported.\n"
    )
    for path in (first, again):
        assert (
            run("shelf", "import", "--server", str(SERVER), str(path), env={"STORYBOT_DATA": str(data)}).returncode == 0
        )
    assert shelf_of(data) == (["mill.md"], [ShelfAction.ADDED, ShelfAction.REPLACED])


def test_a_file_named_as_a_shelf_story_in_another_unicode_form_replaces_it(tmp_path: Path):
    """A story stored under its name decomposed (NFD, as macOS writes "Café.md", before names were normalised) and a
    file of that name composed (NFC, as Windows writes it) imported: it was a second story beside the first."""
    data = tmp_path / "data"

    async def stored_decomposed(database: Database) -> None:
        await database.shelves.add(SERVER, "Cafe\u0301.md", b"# Cafe\n\nThe first cup.", 1, replace=True)

    read_from(data, stored_decomposed)
    again = tmp_path / "Caf\u00e9.md"
    again.write_text("# Cafe\n\nThe second cup.")
    imported = run("shelf", "import", "--server", str(SERVER), str(again), env={"STORYBOT_DATA": str(data)})
    assert imported.returncode == 0, imported.stderr
    assert shelf_of(data) == (["Cafe\u0301.md"], [ShelfAction.ADDED, ShelfAction.REPLACED])


def test_a_server_id_that_is_no_discord_id_is_refused_in_one_line(tmp_path: Path):
    # 99999999999999999999999 ended in an OverflowError traceback from SQLite; 0 and -1 imported stories
    # into a server that cannot exist.
    story = tmp_path / "the-mill.md"
    story.write_text("# The Mill\n\nThe wheel turned by the river.")
    data = tmp_path / "data"
    for server in ("99999999999999999999999", "0", "-1", "²"):
        result = run("shelf", "import", "--server", server, str(story), env={"STORYBOT_DATA": str(data)})
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert f"argument --server: {server!r} is not a Discord server id" in result.stderr
    assert not data.exists() or shelf_of(data) == ([], [])


def test_a_file_past_what_the_server_may_store_is_not_imported_and_says_why(tmp_path: Path):
    mill, wheel = tmp_path / "mill.md", tmp_path / "wheel.md"
    mill.write_text("# The Mill\n\n" + "The wheel turned by the river all night long.\n\n" * 12_000)  # 570 KB
    wheel.write_text("# The Wheel\n\n" + "The wheel turned by the river all night long.\n\n" * 12_000)
    environment = {"STORYBOT_DATA": str(tmp_path / "data"), "STORYBOT_SHELF_STORED_MB": "1"}
    result = run("shelf", "import", "--server", str(SERVER), str(mill), str(wheel), env=environment)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [f"added: mill.md (server {SERVER})"]
    assert "wheel.md: This server's stories and their kept versions fill the room" in result.stderr
    assert "1 story imported" in result.stderr
    assert shelf_of(tmp_path / "data") == (["mill.md"], [ShelfAction.ADDED])


def test_a_named_pipe_or_a_file_over_the_upload_limit_is_refused_before_it_is_read(tmp_path: Path):
    # The file was read whole before any check: a pipe named like a story kept the import waiting for ever, and a
    # file of gigabytes went into memory before it was refused for its size.
    good, pipe, huge = tmp_path / "good.md", tmp_path / "piped.md", tmp_path / "huge.txt"
    good.write_text("# Good\n\nA story.")
    os.mkfifo(pipe)
    with huge.open("wb") as sparse:
        sparse.truncate(9 * 2**20)
    data = tmp_path / "data"
    for bad, said in [(pipe, "piped.md is not a regular file"), (huge, "That file is 9.0 MB")]:
        result = run("shelf", "import", "--server", str(SERVER), str(good), str(bad), env={"STORYBOT_DATA": str(data)})
        assert result.returncode == 2 and said in result.stderr, result.stderr
        assert "nothing was imported" in result.stderr.lower()
        assert "Traceback" not in result.stderr
    assert shelf_of(data) == ([], [])


def test_a_file_name_with_a_line_break_is_named_on_one_line(tmp_path: Path):
    bad = tmp_path / "notes\nstorybot: imported.json"
    bad.write_text("{}")
    result = run("shelf", "import", "--server", str(SERVER), str(bad), env={"STORYBOT_DATA": str(tmp_path / "data")})
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and "notes\\nstorybot: imported.json" in result.stderr


def test_a_missing_file_is_said_not_to_exist(tmp_path: Path):
    good, gone = tmp_path / "good.md", tmp_path / "gone.md"
    good.write_text("# Good\n\nA story.")
    data = tmp_path / "data"
    result = run("shelf", "import", "--server", str(SERVER), str(good), str(gone), env={"STORYBOT_DATA": str(data)})
    assert result.returncode == 2
    assert result.stderr == f"storybot: {gone} does not exist; check its name. Nothing was imported.\n"
    assert shelf_of(data) == ([], [])


def test_a_data_folder_that_cannot_be_written_is_not_told_to_try_again(tmp_path: Path):
    # A data folder made read-only (immutable here, as root may write through a mode) was "Could not write to the
    # database (unable to open database file); try again in a moment.": no moment passing makes it writable.
    story = tmp_path / "the-mill.md"
    story.write_text("# The Mill\n\nThe wheel turned by the river.")
    data = tmp_path / "data"
    assert run("shelf", "import", "--server", str(SERVER), str(story), env={"STORYBOT_DATA": str(data)}).returncode == 0
    immutable(data, on=True)
    try:
        result = run("shelf", "import", "--server", str(SERVER), str(story), env={"STORYBOT_DATA": str(data)})
    finally:
        immutable(data, on=False)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    last = result.stderr.splitlines()[-1]
    assert "try again in a moment" not in last and "cannot be written" in last, last
    assert last.startswith("storybot: Could not change the server's stories ("), last  # as /story add says it
    assert shelf_of(data) == (["the-mill.md"], [ShelfAction.ADDED])


def test_a_removed_story_named_so_in_another_case_is_not_replaced_as_on_discord(tmp_path: Path):
    """`/story add` matches an upload's name in another case among the shelf's current stories: shelf import matched
    removed ones too, so `Mill.MD`, imported where only a removed `mill.md` was, brought it back under that name."""
    first, again = tmp_path / "old" / "mill.md", tmp_path / "new" / "Mill.MD"
    for path, text in ((first, "The wheel turned."), (again, "The river froze.")):
        path.parent.mkdir()
        path.write_text(f"# The Mill\n\n{text}")
    data = tmp_path / "data"
    assert run("shelf", "import", "--server", str(SERVER), str(first), env={"STORYBOT_DATA": str(data)}).returncode == 0

    async def remove(database: Database) -> None:
        (story,) = (await database.shelves.stories(SERVER)).stories
        await database.shelves.remove(SERVER, story.story_id, 1)

    read_from(data, remove)
    imported = run("shelf", "import", "--server", str(SERVER), str(again), env={"STORYBOT_DATA": str(data)})
    assert imported.returncode == 0 and imported.stdout == f"added: Mill.MD (server {SERVER})\n"
    assert shelf_of(data) == (["Mill.MD"], [ShelfAction.ADDED, ShelfAction.REMOVED, ShelfAction.ADDED])


def test_a_file_named_as_a_windows_device_imports_nothing_and_says_why(tmp_path: Path):
    # A story named CON.md entered the shelf from the command line as from Discord, and its export would not unpack on
    # Windows.
    good, device = tmp_path / "good.md", tmp_path / "CON.md"
    good.write_text("# Good\n\nA story.")
    device.write_text("# The Console\n\nA story of a console.")
    data = tmp_path / "data"
    result = run("shelf", "import", "--server", str(SERVER), str(good), str(device), env={"STORYBOT_DATA": str(data)})
    assert result.returncode == 2, result.stderr
    assert '"CON.md" is a name Windows keeps for a device' in result.stderr and "Nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert shelf_of(data) == ([], [])


def test_an_import_into_a_database_with_a_damaged_page_writes_nothing_and_says_what_to_do(tmp_path: Path):
    """A page inside storybot.db overwritten (a failing disk, a torn copy), away from the pages the import writes:
    "1 story imported", exit 0, more of the owner's stories written into a malformed file."""
    mill, forge = tmp_path / "the-mill.md", tmp_path / "forge.txt"
    mill.write_text("# The Mill\n\nThe wheel turned by the river.")
    forge.write_text("The Forge\n\nBruno hammered iron all day.")
    data = tmp_path / "data"
    assert run("shelf", "import", "--server", str(SERVER), str(mill), env={"STORYBOT_DATA": str(data)}).returncode == 0
    file = data / SQLITE_FILE
    page = root_page(file, "shelf_versions")
    damaged = overwritten(file, page).read_bytes()
    result = run("shelf", "import", "--server", str(SERVER), str(forge), env={"STORYBOT_DATA": str(data)})
    assert result.returncode == 2 and result.stdout == "" and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"storybot: The database {file} is damaged (SQLite's check: Page {page}: ")
    assert "Nothing was imported" in result.stderr and "put back your last copy" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert file.read_bytes() == damaged and sorted(p.name for p in data.iterdir()) == [SQLITE_FILE]


def test_a_file_stored_under_another_files_name_says_it_replaced_that_story(tmp_path: Path):
    """ "a:b.md" and then "a?b.md", two stories, both become a-b.md: the second was "replaced: a-b.md" and no more, the
    first story gone from the searches without a word (its version kept). Given in one import, the two are refused."""
    first, second = tmp_path / "a" / "a:b.md", tmp_path / "b" / "a?b.md"
    for path, text in ((first, "# Alpha\n\nThe first story, about a heron."), (second, "# Beta\n\nAn otter.")):
        path.parent.mkdir()
        path.write_text(text)
    data = tmp_path / "data"
    added = run("shelf", "import", "--server", str(SERVER), str(first), env={"STORYBOT_DATA": str(data)})
    assert added.stdout == f"added: a-b.md (server {SERVER})\n" and "stored as" not in added.stderr
    told = run("shelf", "import", "--server", str(SERVER), str(second), env={"STORYBOT_DATA": str(data)})
    assert told.returncode == 0 and told.stdout == f"replaced: a-b.md (server {SERVER})\n"
    assert told.stderr.splitlines() == [
        f"storybot: {second} is stored as a-b.md (signs a file name cannot hold become dashes, and names in other "
        "capitals are one), the name of a story already on the server's shelf: it replaced that story, whose version "
        "before is kept (/story restore on Discord brings it back). If they are different stories, rename the file "
        "and import it again.",
        "storybot: 1 story imported.",
    ]
    assert shelf_of(data) == (["a-b.md"], [ShelfAction.ADDED, ShelfAction.REPLACED])
