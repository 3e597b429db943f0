"""Each server's shelf on SQLite and PostgreSQL: changes kept as history, restorable, serialised, per server."""

from __future__ import annotations

import asyncio
import datetime
import functools
import subprocess
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.stored_text import FORMAT, used_by
from bot.settings import QuestionBudget, Settings
from bot.state import shelves as shelves_module
from bot.state.database import MIGRATIONS, Database
from bot.state.database_fault import Fault
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.shelf_rules import RESTORE_ROOM, VERSION_BYTES, StoreRoom
from bot.state.shelves import FoundText, ShelfAction, ShelfChange, ShelfRefusal, ShelfStore, StoredText, TextKept
from bot.state.tables import shelf_texts, shelf_versions
from bot.state.tables import shelves as shelves_table
from tests.cli.test_main import run

SERVER, OTHER_SERVER = 111, 222
ALICE, BOB = 1, 2
TRIES = 3
"""How often a racing upload is made when it met the other's lock past lock_timeout (BUSY: what its user is told to
do, try again): on a loaded machine the first change may hold the shelf's row longer than the lock wait."""


async def raced(database: Database, name: str, data: bytes, user_id: int, *, replace: bool) -> ShelfChange:
    """An upload racing another, tried again only when BUSY, as its user would: any other failure fails the test."""
    for _ in range(TRIES - 1):
        try:
            return await database.shelves.add(SERVER, name, data, user_id, replace=replace)
        except DatabaseUnavailable as unavailable:
            if unavailable.fault is not Fault.BUSY:
                raise
    return await database.shelves.add(SERVER, name, data, user_id, replace=replace)


async def text_stored(shelves: ShelfStore, version_id: int) -> StoredText | None:
    """The text stored with a version, whatever read it: found by its reading, as a view of those readers finds it."""
    found = (await shelves.texts([version_id], "")).get(version_id)
    if found is None:
        return None
    packed = (await shelves.texts([version_id], found.reading))[version_id].packed
    assert packed is not None
    return StoredText(found.reading, packed)


async def downgraded(database: Database, revision: str) -> None:
    """The database taken back to an earlier revision's schema, as an older storybot left it (opened again, the
    migrations upgrade it)."""

    def back(connection: sa.Connection) -> None:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with database.engine.begin() as connection:
        await connection.run_sync(back)


async def test_an_added_story_is_on_its_servers_shelf_only(database: Database):
    added = await database.shelves.add(SERVER, "mill.md", b"# The Mill\n\nIt turned.", ALICE, replace=False)
    assert added.action is ShelfAction.ADDED and added.refusal is None and added.shelf_version == 1
    shelf = await database.shelves.stories(SERVER)
    assert shelf.version == 1 and [(s.name, s.story_id) for s in shelf.stories] == [("mill.md", added.story_id)]
    assert await database.shelves.file(shelf.stories[0].version_id) == b"# The Mill\n\nIt turned."
    other = await database.shelves.stories(OTHER_SERVER)
    assert (other.version, other.stories, other.library_hidden) == (0, (), False)
    assert await database.shelves.versions([SERVER, OTHER_SERVER]) == {SERVER: 1, OTHER_SERVER: 0}


async def test_adding_a_name_there_needs_replace_and_replacing_keeps_the_old_file(database: Database):
    first = await database.shelves.add(SERVER, "mill.md", b"old text", ALICE, replace=False)
    refused = await database.shelves.add(SERVER, "mill.md", b"new text", BOB, replace=False)
    assert refused.refusal is ShelfRefusal.EXISTS
    assert await database.shelves.version(SERVER) == 1  # a refusal changes nothing
    replaced = await database.shelves.add(SERVER, "mill.md", b"new text", BOB, replace=True)
    assert replaced.action is ShelfAction.REPLACED and replaced.story_id == first.story_id
    assert replaced.previous_version_id == first.version_id
    (story,) = (await database.shelves.stories(SERVER)).stories
    assert await database.shelves.file(story.version_id) == b"new text"
    history = await database.shelves.history(SERVER)
    assert [(v.action, v.user_id, v.current) for v in history] == [
        (ShelfAction.REPLACED, BOB, True),
        (ShelfAction.ADDED, ALICE, False),
    ]
    assert await database.shelves.file(history[1].version_id) == b"old text"


async def test_replacing_a_story_by_the_same_bytes_changes_and_stores_nothing(database: Database):
    """A duplicate version would count against what the server may store and change nothing searched."""
    first = await database.shelves.add(SERVER, "mill.md", b"the same text", ALICE, replace=False)
    same = await database.shelves.add(SERVER, "mill.md", b"the same text", BOB, replace=True)
    assert same.refusal is ShelfRefusal.UNCHANGED and same.action is None
    assert await database.shelves.version(SERVER) == 1
    assert [v.version_id for v in await database.shelves.history(SERVER)] == [first.version_id]
    other = await database.shelves.add(SERVER, "mill.md", b"the SAME text", BOB, replace=True)  # same size only
    assert other.action is ShelfAction.REPLACED
    assert (await database.shelves.add(SERVER, "mill.md", b"the same text", BOB, replace=True)).action is (
        ShelfAction.REPLACED  # the story shows the other file now
    )


async def test_a_removed_story_leaves_the_shelf_and_is_restored_from_its_history(database: Database):
    added = await database.shelves.add(SERVER, "mill.md", b"text one", ALICE, replace=False)
    replaced = await database.shelves.add(SERVER, "mill.md", b"text two", ALICE, replace=True)
    assert added.story_id is not None
    removed = await database.shelves.remove(SERVER, added.story_id, BOB)
    assert removed.action is ShelfAction.REMOVED and removed.previous_version_id == replaced.version_id
    assert (await database.shelves.stories(SERVER)).stories == ()
    assert (await database.shelves.remove(SERVER, added.story_id, BOB)).refusal is ShelfRefusal.NO_STORY

    assert added.version_id is not None
    restored = await database.shelves.restore(SERVER, added.version_id, ALICE)
    assert restored.action is ShelfAction.RESTORED and restored.story_id == added.story_id
    (story,) = (await database.shelves.stories(SERVER)).stories
    assert story.story_id == added.story_id and await database.shelves.file(story.version_id) == b"text one"
    again = await database.shelves.restore(SERVER, added.version_id, ALICE)
    assert again.refusal is ShelfRefusal.ALREADY_CURRENT
    history = await database.shelves.history(SERVER)
    assert [v.action for v in history] == [
        ShelfAction.RESTORED,
        ShelfAction.REMOVED,
        ShelfAction.REPLACED,
        ShelfAction.ADDED,
    ]
    assert [v.current for v in history] == [True, False, False, True]  # the restore shows the first file again
    assert history[0].file_version_id == added.version_id and history[1].file_version_id is None


async def test_no_server_can_change_or_restore_from_another_servers_shelf(database: Database):
    theirs = await database.shelves.add(OTHER_SERVER, "mill.md", b"theirs", BOB, replace=False)
    assert theirs.story_id is not None and theirs.version_id is not None
    assert (await database.shelves.remove(SERVER, theirs.story_id, ALICE)).refusal is ShelfRefusal.NO_STORY
    assert (await database.shelves.restore(SERVER, theirs.version_id, ALICE)).refusal is ShelfRefusal.NO_VERSION
    mine = await database.shelves.add(SERVER, "mill.md", b"mine", ALICE, replace=False)
    assert mine.action is ShelfAction.ADDED and mine.story_id != theirs.story_id
    (story,) = (await database.shelves.stories(OTHER_SERVER)).stories
    assert await database.shelves.file(story.version_id) == b"theirs"
    assert [v.name for v in await database.shelves.history(SERVER)] == ["mill.md"]


async def test_a_removed_story_whose_name_another_took_in_other_capitals_is_not_restored_beside_it(
    database: Database,
):
    """A removed `mill.md` restored while `Mill.md` (added after the removal, as a story of its own) is on the shelf
    made two stories of one name to Windows and macOS, which no upload can make; the restore is refused, and allowed
    once `Mill.md` is removed."""
    first = await database.shelves.add(SERVER, "mill.md", b"rye", ALICE, replace=False)
    assert first.story_id is not None and first.version_id is not None
    await database.shelves.remove(SERVER, first.story_id, ALICE)
    other = await database.shelves.add(SERVER, "Mill.md", b"wheat", BOB, replace=False)
    assert other.action is ShelfAction.ADDED and other.story_id is not None and other.story_id != first.story_id
    refused = await database.shelves.restore(SERVER, first.version_id, ALICE)
    assert refused.refusal is ShelfRefusal.NAME_TAKEN
    assert [s.name for s in (await database.shelves.stories(SERVER)).stories] == ["Mill.md"]
    await database.shelves.remove(SERVER, other.story_id, BOB)
    restored = await database.shelves.restore(SERVER, first.version_id, ALICE)
    assert restored.action is ShelfAction.RESTORED
    assert [s.name for s in (await database.shelves.stories(SERVER)).stories] == ["mill.md"]


async def test_a_removal_cannot_be_restored_as_a_file(database: Database):
    added = await database.shelves.add(SERVER, "mill.md", b"text", ALICE, replace=False)
    assert added.story_id is not None
    removed = await database.shelves.remove(SERVER, added.story_id, ALICE)
    assert removed.version_id is not None
    assert (await database.shelves.restore(SERVER, removed.version_id, ALICE)).refusal is ShelfRefusal.NO_VERSION


async def test_simultaneous_uploads_of_one_name_from_two_processes_keep_both(database_settings: Settings):
    """Two processes (two engines, as two shards would have) replace one story at the same moment, many
    times: each change is made after the other, so every upload is in the history and the last is shown."""
    first, second = await Database.open(database_settings), await Database.open(database_settings)
    try:
        rounds = 5
        for round_number in range(rounds):
            a, b = await asyncio.gather(
                raced(first, "race.md", f"A{round_number}".encode(), ALICE, replace=True),
                raced(second, "race.md", f"B{round_number}".encode(), BOB, replace=True),
            )
            assert {a.action, b.action} <= {ShelfAction.ADDED, ShelfAction.REPLACED}
            later, earlier = (a, b) if a.shelf_version > b.shelf_version else (b, a)
            assert later.previous_version_id == earlier.version_id  # the later one saw the earlier one
            (story,) = (await first.shelves.stories(SERVER)).stories
            assert story.version_id == later.version_id
        history = await first.shelves.history(SERVER)
        assert len(history) == 2 * rounds and len({v.version_id for v in history}) == 2 * rounds
        assert sorted([await first.shelves.file(v.version_id) for v in history]) == sorted(
            f"{who}{n}".encode() for who in "AB" for n in range(rounds)
        )
        assert await first.shelves.version(SERVER) == 2 * rounds
    finally:
        await first.close()
        await second.close()


async def test_simultaneous_first_uploads_are_one_added_and_one_refused(database_settings: Settings):
    first, second = await Database.open(database_settings), await Database.open(database_settings)
    try:
        a, b = await asyncio.gather(
            raced(first, "race.md", b"A", ALICE, replace=False),
            raced(second, "race.md", b"B", BOB, replace=False),
        )
        outcomes = {(a.action, a.refusal), (b.action, b.refusal)}
        assert outcomes == {(ShelfAction.ADDED, None), (None, ShelfRefusal.EXISTS)}
        assert len(await first.shelves.history(SERVER)) == 1
    finally:
        await first.close()
        await second.close()


async def test_hiding_the_owners_library_is_a_change_every_process_polls(database: Database):
    assert not await database.shelves.library_hidden(SERVER)
    assert await database.shelves.hide_library(SERVER, True) == 1
    assert await database.shelves.library_hidden(SERVER) and (await database.shelves.stories(SERVER)).library_hidden
    await database.shelves.add(SERVER, "mill.md", b"text", ALICE, replace=False)
    assert await database.shelves.hide_library(SERVER, False) == 3
    assert not await database.shelves.library_hidden(SERVER)
    assert await database.shelves.versions([SERVER, OTHER_SERVER]) == {SERVER: 3, OTHER_SERVER: 0}
    assert not await database.shelves.library_hidden(OTHER_SERVER)


async def test_a_database_from_before_shelves_is_upgraded_keeping_what_it_held(database_settings: Settings):
    older = await Database.open(database_settings)
    await downgraded(older, "0001")
    await older.servers.set_budget(SERVER, QuestionBudget(3, 30))
    await older.close()

    upgraded = await Database.open(database_settings)
    try:
        assert (await upgraded.servers.of(SERVER)).budget == QuestionBudget(3, 30)
        added = await upgraded.shelves.add(SERVER, "mill.md", b"text", ALICE, replace=False)
        assert added.action is ShelfAction.ADDED
    finally:
        await upgraded.close()


async def test_a_shelf_past_its_limits_refuses_more_but_replacing_and_removing_still_work(database: Database):
    shelves = ShelfStore(database.guarded, most_stories=2, most_bytes=20)
    first = await shelves.add(SERVER, "a.md", b"12345678", ALICE, replace=False)
    await shelves.add(SERVER, "b.md", b"12345678", ALICE, replace=False)
    assert (await shelves.add(SERVER, "c.md", b"1", ALICE, replace=False)).refusal is ShelfRefusal.FULL
    assert (await shelves.add(SERVER, "a.md", b"1234567890123", ALICE, replace=True)).refusal is ShelfRefusal.FULL
    replaced = await shelves.add(SERVER, "a.md", b"123456789012", ALICE, replace=True)  # 20 bytes in all: fits
    assert replaced.action is ShelfAction.REPLACED
    assert first.story_id is not None and first.version_id is not None
    await shelves.remove(SERVER, first.story_id, ALICE)
    assert (await shelves.add(SERVER, "c.md", b"1", ALICE, replace=False)).action is ShelfAction.ADDED
    assert (await shelves.restore(SERVER, first.version_id, ALICE)).refusal is ShelfRefusal.FULL  # a third story
    assert [s.name for s in (await shelves.stories(SERVER)).stories] == ["b.md", "c.md"]
    assert (await shelves.add(OTHER_SERVER, "d.md", b"1234567890", BOB, replace=False)).refusal is None


async def test_a_packed_version_counts_as_its_text_when_added_and_when_restored(database: Database):
    shelves = ShelfStore(database.guarded, most_stories=5, most_bytes=100)
    too_much = await shelves.add(SERVER, "big.docx", b"x" * 10, ALICE, replace=False, characters=101)
    assert too_much.refusal is ShelfRefusal.FULL
    packed = await shelves.add(SERVER, "a.docx", b"x" * 10, ALICE, replace=False, characters=90)
    await shelves.add(SERVER, "a.docx", b"y" * 10, ALICE, replace=True, characters=10)
    assert (await shelves.add(SERVER, "b.md", b"z" * 50, ALICE, replace=False)).action is ShelfAction.ADDED
    assert packed.version_id is not None
    assert (await shelves.restore(SERVER, packed.version_id, ALICE)).refusal is ShelfRefusal.FULL  # 90 + 50
    history = await shelves.history(SERVER)
    assert [v.size for v in history if v.name == "a.docx"] == [10, 10]  # the history shows the files' bytes


async def test_a_server_past_what_it_may_store_is_refused_and_keeps_every_version(database: Database):
    # Every replaced or removed version is kept, and one database serves every server: without a limit on what a
    # server stores, one server's managers could upload 8 MB after 8 MB until the disk was full.
    shelves = ShelfStore(database.guarded, most_stored=30 + 2 * VERSION_BYTES)
    first = await shelves.add(SERVER, "a.md", b"1234567890", ALICE, replace=False)
    await shelves.add(SERVER, "a.md", b"abcdefghij", ALICE, replace=True)  # 20 bytes stored, 10 searched, 2 rows
    refused = await shelves.add(SERVER, "a.md", b"x" * 11, ALICE, replace=True)
    assert refused.refusal is ShelfRefusal.STORE_FULL
    assert refused.room == StoreRoom(
        stored=20 + 2 * VERSION_BYTES, most=30 + 2 * VERSION_BYTES, needed=11 + VERSION_BYTES, restore_room_used=0
    )
    assert await shelves.version(SERVER) == 2  # nothing changed
    assert first.story_id is not None and first.version_id is not None
    removed = await shelves.remove(SERVER, first.story_id, ALICE)  # frees nothing (it is kept), and is never refused
    assert removed.action is ShelfAction.REMOVED
    assert (await shelves.add(SERVER, "b.md", b"x", ALICE, replace=False)).refusal is ShelfRefusal.STORE_FULL
    restoring = await shelves.restore(SERVER, first.version_id, ALICE)  # its file is stored; its row may go past
    assert restoring.action is ShelfAction.RESTORED
    assert (await shelves.add(OTHER_SERVER, "a.md", b"x" * 30, BOB, replace=False)).action is ShelfAction.ADDED
    files = [v.version_id for v in await shelves.history(SERVER) if v.file_version_id == v.version_id]
    assert len(files) == 2 and all([await shelves.file(version) for version in files])


async def test_the_texts_stored_with_a_servers_files_count_in_what_it_stores(database: Database):
    """A PDF of 67 KB whose hundred pages show one content stream stores a text of 5 MB (its characters are under the
    search limit, and every replaced version keeps its text): counted as its file only, a server's uploads stored
    74 times what it may."""
    shelves = ShelfStore(database.guarded, most_stored=1000 + 2 * VERSION_BYTES)
    read = StoredText("1|8|reader", bytes(600))
    first = await shelves.add(SERVER, "a.pdf", b"x" * 100, ALICE, replace=False, text=read)
    assert first.action is ShelfAction.ADDED
    refused = await shelves.add(SERVER, "a.pdf", b"y" * 100, ALICE, replace=True, text=read)
    assert refused.refusal is ShelfRefusal.STORE_FULL
    assert refused.room == StoreRoom(
        stored=700 + VERSION_BYTES, most=1000 + 2 * VERSION_BYTES, needed=700 + VERSION_BYTES, restore_room_used=0
    )
    assert (await shelves.add(SERVER, "a.pdf", b"y" * 100, ALICE, replace=True)).action is ShelfAction.REPLACED


async def test_a_flood_of_tiny_replaces_is_refused_once_their_kept_versions_fill_the_room(database: Database):
    # The limit counted files' bytes only: a story of a few bytes replaced again and again, each version kept as a
    # row, grew the database without bound under it. Each change now counts VERSION_BYTES besides its file.
    shelves = ShelfStore(database.guarded, most_stored=64 * VERSION_BYTES)
    tiny, other = b"# T\n\nx.", b"# T\n\ny."  # taking turns: the same file again changes nothing
    replaces = 0
    while (
        change := await shelves.add(SERVER, "t.md", (tiny, other)[replaces % 2], ALICE, replace=True)
    ).refusal is None:
        replaces += 1
        assert replaces <= 64, "a flood of tiny replaces was never refused"
    assert change.refusal is ShelfRefusal.STORE_FULL
    assert replaces == 64 * VERSION_BYTES // (VERSION_BYTES + len(tiny))
    kept = replaces * (VERSION_BYTES + len(tiny))
    assert change.room == StoreRoom(
        stored=kept, most=64 * VERSION_BYTES, needed=VERSION_BYTES + len(tiny), restore_room_used=0
    )
    assert len(await shelves.history(SERVER, 1000)) == replaces
    assert (await shelves.add(OTHER_SERVER, "t.md", tiny, BOB, replace=True)).action is ShelfAction.ADDED


async def test_a_full_shelf_still_undoes_a_replace_and_a_flood_of_restores_stops_past_restore_room(
    database: Database,
):
    # A restore's file is stored already, but its row counted too: a replace that filled the room could not be
    # undone, just when a bad one most needs it. Restores may now store RESTORE_ROOM past the room, no more.
    room = 30 + 3 * VERSION_BYTES
    shelves = ShelfStore(database.guarded, most_stored=room)
    versions = []
    for text in (b"first text", b"other text", b"a bad one!"):  # the last replace fills the room exactly
        change = await shelves.add(SERVER, "a.md", text, ALICE, replace=True)
        assert change.refusal is None and change.version_id is not None
        versions.append(change.version_id)
    full = await shelves.add(SERVER, "b.md", b"x", ALICE, replace=False)
    assert full.refusal is ShelfRefusal.STORE_FULL and full.room is not None and not full.room.restores_refused
    undone = await shelves.restore(SERVER, versions[1], BOB)
    assert undone.action is ShelfAction.RESTORED and undone.previous_version_id == versions[2]
    (story,) = (await shelves.stories(SERVER)).stories
    assert await shelves.file(story.version_id) == b"other text"
    assert (await shelves.add(SERVER, "a.md", b"x", ALICE, replace=True)).refusal is ShelfRefusal.STORE_FULL

    restores = RESTORE_ROOM // VERSION_BYTES
    for turn in range(restores - 2):  # back and forth, each a row more, until one restore's room is left
        assert (await shelves.restore(SERVER, versions[turn % 2 * 2], BOB)).action is ShelfAction.RESTORED
    assert (await shelves.stories(SERVER)).stories[0].version_id == versions[2]  # the last turn is odd
    racing = await asyncio.gather(*(shelves.restore(SERVER, versions[i], BOB) for i in (0, 1)))
    assert {(c.action, c.refusal) for c in racing} == {(ShelfAction.RESTORED, None), (None, ShelfRefusal.RESTORES_FULL)}
    refused = next(c for c in racing if c.refusal is not None)
    assert refused.room == StoreRoom(
        stored=room + RESTORE_ROOM, most=room + RESTORE_ROOM, needed=VERSION_BYTES, restore_room_used=RESTORE_ROOM
    )
    assert (await shelves.restore(SERVER, versions[2], BOB)).refusal is ShelfRefusal.RESTORES_FULL
    added = await shelves.add(SERVER, "b.md", b"x", ALICE, replace=False)
    assert added.refusal is ShelfRefusal.STORE_FULL and added.room is not None
    assert added.room.restore_room_used == RESTORE_ROOM and added.room.restores_refused  # its message says so
    history = await shelves.history(SERVER, 1000)
    assert len(history) == 3 + restores and [v.version_id for v in history[-3:]] == versions[::-1]
    assert [await shelves.file(version) for version in versions] == [b"first text", b"other text", b"a bad one!"]
    assert story.story_id is not None
    assert (await shelves.remove(SERVER, story.story_id, ALICE)).action is ShelfAction.REMOVED  # never refused


async def test_kept_files_moved_out_free_room_but_never_one_searched_or_another_servers(database: Database):
    shelves = ShelfStore(database.guarded, most_stored=12 + 6 * VERSION_BYTES)  # files of 12 bytes and 6 changes
    one = await shelves.add(SERVER, "a.md", b"one", ALICE, replace=False)
    await shelves.add(SERVER, "a.md", b"two", ALICE, replace=True)
    bee = await shelves.add(SERVER, "b.md", b"bee", ALICE, replace=False)
    assert bee.story_id is not None and bee.version_id is not None and one.version_id is not None
    await shelves.remove(SERVER, bee.story_id, ALICE)
    kept = await shelves.kept_files(SERVER)
    assert [v.version_id for v in kept] == [bee.version_id, one.version_id]
    await shelves.restore(SERVER, bee.version_id, BOB)  # restored after the export read it: it must stay
    assert (await shelves.add(SERVER, "c.md", b"four", ALICE, replace=False)).refusal is ShelfRefusal.STORE_FULL
    assert await shelves.move_out(OTHER_SERVER, [v.version_id for v in kept]) == 0
    assert await shelves.move_out(SERVER, [v.version_id for v in kept]) == 1
    assert await shelves.file(bee.version_id) == b"bee"
    assert [v.version_id for v in await shelves.kept_files(SERVER)] == []
    moved = next(v for v in await shelves.history(SERVER) if v.version_id == one.version_id)
    assert moved.moved_out and not moved.current
    assert (await shelves.restore(SERVER, one.version_id, ALICE)).refusal is ShelfRefusal.MOVED_OUT
    assert (await shelves.add(SERVER, "c.md", b"four", ALICE, replace=False)).action is ShelfAction.ADDED
    assert [s.name for s in (await shelves.stories(SERVER)).stories] == ["a.md", "b.md", "c.md"]


async def test_a_version_keeps_the_text_it_was_read_as_and_text_stored_later_never_touches_its_file(
    database: Database,
):
    shelves = database.shelves
    read = StoredText("1|8|reader", b"packed story")
    added = await shelves.add(SERVER, "mill.md", b"# The Mill", ALICE, replace=False, text=read)
    older = await shelves.add(SERVER, "weir.md", b"# The Weir", ALICE, replace=False)  # as before texts were kept
    assert added.version_id is not None and older.version_id is not None
    assert await text_stored(shelves, added.version_id) == read and await text_stored(shelves, older.version_id) is None
    again = StoredText("1|9|newer reader", b"packed again")
    assert await shelves.keep_text(older.version_id, read) is TextKept.STORED
    assert await shelves.keep_text(added.version_id, again) is TextKept.TAKEN  # it found none: one came since
    assert await shelves.keep_text(added.version_id, again, replacing="1|8|other") is TextKept.TAKEN
    assert await shelves.keep_text(added.version_id, again, replacing=read.reading) is TextKept.STORED
    assert (
        await text_stored(shelves, older.version_id) == read and await text_stored(shelves, added.version_id) == again
    )
    assert [await shelves.file(v) for v in (added.version_id, older.version_id)] == [b"# The Mill", b"# The Weir"]
    assert older.story_id is not None
    removal = await shelves.remove(SERVER, older.story_id, ALICE)
    assert removal.version_id is not None and await shelves.keep_text(removal.version_id, read) is TextKept.NO_FILE
    assert await text_stored(shelves, removal.version_id) is None
    restored = await shelves.restore(SERVER, older.version_id, BOB)
    assert (
        restored.version_id is not None and await text_stored(shelves, restored.version_id) is None
    )  # its source's stands
    assert {s.name: s.version_id for s in (await shelves.stories(SERVER)).stories}["weir.md"] == older.version_id


async def test_kept_files_moved_out_take_their_texts_with_them(database: Database):
    shelves = database.shelves
    read = StoredText("1|8|reader", b"packed story")
    one = await shelves.add(SERVER, "a.md", b"one", ALICE, replace=False, text=read)
    two = await shelves.add(SERVER, "a.md", b"two", ALICE, replace=True, text=read)
    assert one.version_id is not None and two.version_id is not None
    assert await shelves.move_out(SERVER, [one.version_id]) == 1
    assert await text_stored(shelves, one.version_id) is None and await text_stored(shelves, two.version_id) == read
    assert await shelves.keep_text(one.version_id, read) is TextKept.NO_FILE  # a view that read it before the move
    assert await text_stored(shelves, one.version_id) is None


async def test_a_database_from_before_texts_were_kept_is_upgraded_keeping_its_files(database_settings: Settings):
    older = await Database.open(database_settings)
    added = await older.shelves.add(SERVER, "mill.md", b"# The Mill", ALICE, replace=False)
    await downgraded(older, "0004")  # its file as storybot left it before texts were kept
    await older.close()
    assert added.version_id is not None

    upgraded = await Database.open(database_settings)
    try:
        assert await upgraded.shelves.file(added.version_id) == b"# The Mill"
        assert await text_stored(upgraded.shelves, added.version_id) is None
        kept = await upgraded.shelves.keep_text(added.version_id, StoredText("1|8|reader", b"packed"))
        assert kept is TextKept.STORED
        assert await text_stored(upgraded.shelves, added.version_id) == StoredText("1|8|reader", b"packed")
    finally:
        await upgraded.close()


async def test_a_text_stored_while_its_file_is_moved_out_goes_out_with_it_on_postgresql(postgresql_url: str):
    """A view stores a kept version's text (keep_text) while the owner's export moves that file out. PostgreSQL
    interleaves them: the view has seen the file, the move then takes it and deletes the texts it sees (not the
    view's, uncommitted), and the view's text was left stored for a version with no file. Here another session's
    uncommitted text for that version holds the view's insert at that very point."""
    database = await Database.open(Settings(data=Path("unused"), database_url=postgresql_url))
    try:
        shelves, read = database.shelves, StoredText("1|8|reader", b"packed story")
        one = await shelves.add(SERVER, "a.md", b"one", ALICE, replace=False)
        await shelves.add(SERVER, "a.md", b"two", ALICE, replace=True)
        assert one.version_id is not None
        async with database.engine.connect() as holder, database.engine.connect() as watcher:
            await holder.begin()
            await holder.execute(sa.insert(shelf_texts).values(version_id=one.version_id, reading="x", packed=b"x"))
            keeping = asyncio.create_task(shelves.keep_text(one.version_id, read))
            await _until_waiting(watcher, 1, keeping)
            moving = asyncio.create_task(shelves.move_out(SERVER, [one.version_id]))
            await _until_waiting(watcher, 2, moving)
            await holder.rollback()
            await keeping
            assert await moving == 1
        assert await text_stored(shelves, one.version_id) is None
    finally:
        await database.close()


async def _until_waiting(watcher: AsyncConnection, sessions: int, task: asyncio.Task[object]) -> None:
    """Until `sessions` other sessions wait for a lock, or `task` is done (then it waited for none)."""
    waiting = sa.text(
        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
    )
    while not task.done() and (await watcher.scalar(waiting) or 0) < sessions:
        await watcher.rollback()  # a fresh look each time
        await asyncio.sleep(0.01)


async def test_a_file_moved_out_by_another_process_as_a_view_stores_its_text_takes_the_text_along(
    database_settings: Settings, tmp_path: Path
):
    """`shelf export-kept` (a real process) moves the file out as a view has found it there and is about to store
    its text. The check and the write were two statements, and SQLite's driver runs a SELECT outside the
    transaction that the write begins: the text was stored for a version with no file. The export runs inside
    keep_text's call (on PostgreSQL on the event loop's thread), so its deadline is the export's too: 3 s were passed
    under load."""
    database = await Database.open(database_settings, deadline=60.0)
    try:
        shelves = database.shelves
        one = await shelves.add(SERVER, "a.md", b"one", ALICE, replace=False)
        await shelves.add(SERVER, "a.md", b"two", ALICE, replace=True)
        assert one.version_id is not None
        where = {"STORYBOT_DATA": str(database_settings.data)}
        if database_settings.database_url is not None:
            where["STORYBOT_DATABASE_URL"] = database_settings.database_url
        export = ("shelf", "export-kept", "--server", str(SERVER), str(tmp_path / "kept.zip"))
        exported: list[subprocess.CompletedProcess[str]] = []

        def moved_out_first(_connection: object, _cursor: object, statement: str, *_: object) -> None:
            # keep_text's first statement: on PostgreSQL it takes the shelf's lock first, which a move waits for
            if statement.startswith(("INSERT INTO shelf_texts", "SELECT shelves.version")) and not exported:
                exported.append(run(*export, env=where))

        sa.event.listen(database.engine.sync_engine, "before_cursor_execute", moved_out_first)
        stored = await shelves.keep_text(one.version_id, StoredText("1|8|reader", b"packed story"))
        assert exported[0].returncode == 0, exported[0].stderr
        assert stored is TextKept.NO_FILE and await text_stored(shelves, one.version_id) is None
    finally:
        await database.close()


async def test_the_texts_of_a_shelf_are_read_a_few_hundred_versions_a_statement(database: Database, monkeypatch):
    """Each version's text only where the asking reading read it (another's is not read: it cannot be used)."""
    monkeypatch.setattr(shelves_module, "TEXTS_READ", 2)
    shelves, read = database.shelves, StoredText("1|8|reader", b"packed story")
    mill = await shelves.add(SERVER, "mill.md", b"# The Mill", ALICE, replace=False, text=read)
    weir = await shelves.add(SERVER, "weir.md", b"# The Weir", ALICE, replace=False, text=StoredText("1|7|old", b"x"))
    ford = await shelves.add(SERVER, "ford.md", b"# The Ford", ALICE, replace=False)
    other = await shelves.add(OTHER_SERVER, "dam.md", b"# The Dam", BOB, replace=False, text=read)
    versions = [c.version_id or 0 for c in (mill, weir, ford, other)]
    statements: list[str] = []

    def counted(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    sa.event.listen(database.engine.sync_engine, "before_cursor_execute", counted)
    found = await shelves.texts([*versions, 10**6], read.reading)
    assert len([s for s in statements if "FROM shelf_texts" in s]) == 3  # 5 versions, 2 a statement
    assert found == {
        mill.version_id: FoundText(read.reading, read.packed),
        weir.version_id: FoundText("1|7|old", None),
        other.version_id: FoundText(read.reading, read.packed),
    }


async def test_only_the_texts_a_reading_uses_are_read_its_own_and_newer_ones_of_its_layout(database: Database):
    """An older process uses a text newer readers stored when it unpacks their layout (bot.core.stored_text.used_by),
    read by a second statement for those alone. An older reading's text of the same layout is not read: a newer process
    just upgraded read each of them (the server's whole shelf, up to STORYBOT_SHELF_STORED_MB) only to read its file
    again. Neither is another layout's, nor a reading that only looks like it (`_` and `%` were LIKE's wildcards)."""
    shelves, ours = database.shelves, f"{FORMAT}|8|reader"
    texts = {
        "mill.md": StoredText(f"{FORMAT}|9|newer", b"newer story"),
        "weir.md": StoredText(f"{FORMAT}|7|older", b"older story"),
        "ford.md": StoredText(f"{FORMAT + 1}|9|other layout", b"other"),
        "dam.md": StoredText(f"{FORMAT}_9|wildcard", b"wild"),
        "lock.md": StoredText(f"{FORMAT}%|9|wildcard", b"wild"),
        "pier.md": StoredText(ours, b"our story"),
    }
    versions = {}
    for name, text in texts.items():
        added = await shelves.add(SERVER, name, b"# " + name.encode(), ALICE, replace=False, text=text)
        versions[name] = added.version_id or 0
    statements: list[str] = []

    def counted(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    sa.event.listen(database.engine.sync_engine, "before_cursor_execute", counted)
    found = await shelves.texts(versions.values(), ours, functools.partial(used_by, ours=ours))
    used = {"mill.md", "pier.md"}
    assert found == {
        version: FoundText(texts[name].reading, texts[name].packed if name in used else None)
        for name, version in versions.items()
    }
    assert len([s for s in statements if "FROM shelf_texts" in s]) == 2  # ours, then the newer one's
    statements.clear()
    assert (await shelves.texts(versions.values(), ours))[versions["mill.md"]] == FoundText(
        texts["mill.md"].reading, None
    )
    assert len([s for s in statements if "FROM shelf_texts" in s]) == 1


async def test_a_text_stored_later_counts_against_what_the_server_may_store(database: Database):
    """A view stores the text of a version from before texts were kept, or of newer readers: it was never counted, so
    a server stored past its room. What it replaces is freed, and another server's room is its own."""
    roomy = ShelfStore(database.guarded, most_stored=2**20)
    first = await roomy.add(SERVER, "a.md", b"x" * 100, ALICE, replace=False)
    second = await roomy.add(SERVER, "b.md", b"y" * 100, ALICE, replace=False)
    await roomy.add(OTHER_SERVER, "c.md", b"z" * 900, BOB, replace=False)
    assert first.version_id is not None and second.version_id is not None
    shelves = ShelfStore(database.guarded, most_stored=200 + 2 * VERSION_BYTES + 600)
    assert await shelves.keep_text(first.version_id, StoredText("1|8|reader", bytes(601))) is TextKept.NO_ROOM
    assert await text_stored(shelves, first.version_id) is None
    assert await shelves.keep_text(first.version_id, StoredText("1|8|reader", bytes(400))) is TextKept.STORED
    assert await shelves.keep_text(second.version_id, StoredText("1|8|reader", bytes(201))) is TextKept.NO_ROOM
    newer = StoredText("1|9|newer", bytes(600))
    assert await shelves.keep_text(first.version_id, newer, replacing="1|8|reader") is TextKept.STORED  # 400 freed
    assert await text_stored(shelves, first.version_id) == newer
    assert (await shelves.add(SERVER, "b.md", b"w", ALICE, replace=True)).refusal is ShelfRefusal.STORE_FULL


async def test_a_text_stored_as_a_change_commits_is_counted_with_that_change_on_postgresql(postgresql_url: str):
    """A change that passed its check of the room holds the shelf's lock until it commits; a text stored meanwhile
    summed what the server stores from before that change, and both were stored, past the room."""
    database = await Database.open(Settings(data=Path("unused"), database_url=postgresql_url))
    try:
        shelves = ShelfStore(database.guarded, most_stored=1000 + 2 * VERSION_BYTES)
        one = await shelves.add(SERVER, "a.md", b"x" * 100, ALICE, replace=False)
        assert one.version_id is not None and one.story_id is not None
        async with database.engine.connect() as changing, database.engine.connect() as watcher:
            await changing.begin()  # a replace of 700 bytes, its room checked, not yet committed
            await changing.execute(
                sa.update(shelves_table).where(shelves_table.c.server_id == SERVER).values(version=2)
            )
            await changing.execute(
                sa.insert(shelf_versions).values(
                    story_id=one.story_id,
                    server_id=SERVER,
                    shelf_version=2,
                    action=ShelfAction.REPLACED.value,
                    data=b"y" * 700,
                    size=700,
                    user_id=ALICE,
                    created_at=datetime.datetime.now(datetime.UTC),
                )
            )
            keeping = asyncio.create_task(shelves.keep_text(one.version_id, StoredText("1|8|reader", bytes(300))))
            await _until_waiting(watcher, 1, keeping)
            await changing.commit()
            assert await keeping is TextKept.NO_ROOM
    finally:
        await database.close()


async def test_simultaneous_uploads_named_in_two_cases_make_one_story(database_settings: Settings):
    """Two uploads of one file named in two cases at the same moment (two shards): the front ends' checks ran before
    either was stored, so both were added, two stories no name typed could tell apart. The shelf's change, made one at
    a time, takes the other as the story to replace, keeping its name; cases folded alike on both databases, past
    ASCII too (SQLite's lower() leaves É as it is)."""
    first, second = await Database.open(database_settings), await Database.open(database_settings)
    try:
        for names in (("the-weir.md", "The-Weir.MD"), ("ÉTANG.md", "étang.md")):
            a, b = await asyncio.gather(
                raced(first, names[0], b"A", ALICE, replace=True),
                raced(second, names[1], b"B", BOB, replace=True),
            )
            later, earlier = (a, b) if a.shelf_version > b.shelf_version else (b, a)
            assert (earlier.action, later.action) == (ShelfAction.ADDED, ShelfAction.REPLACED)
            assert later.story_id == earlier.story_id and later.name == earlier.name in names
            assert later.previous_version_id == earlier.version_id
        stories = (await first.shelves.stories(SERVER)).stories
        assert len(stories) == 2
    finally:
        await first.close()
        await second.close()


async def test_an_upload_named_so_in_another_case_replaces_a_current_story_only(database: Database):
    """A removed story is no file the server has: an upload of its name in another case is a story of its own, and
    from then on an upload of the removed one's very name replaces that current one (one file where case is no
    matter), as /story add and shelf import both match (named_in_another_form)."""
    shelves = database.shelves
    removed = await shelves.add(SERVER, "mill.md", b"old", ALICE, replace=True)
    assert removed.story_id is not None
    await shelves.remove(SERVER, removed.story_id, ALICE)
    added = await shelves.add(SERVER, "Mill.MD", b"new", ALICE, replace=True)
    assert (added.action, added.name) == (ShelfAction.ADDED, "Mill.MD") and added.story_id != removed.story_id
    again = await shelves.add(SERVER, "MILL.md", b"newer", ALICE, replace=True)
    assert (again.action, again.name, again.story_id) == (ShelfAction.REPLACED, "Mill.MD", added.story_id)
    removed_name = await shelves.add(SERVER, "mill.md", b"back", ALICE, replace=True)
    assert (removed_name.action, removed_name.name, removed_name.story_id) == (
        ShelfAction.REPLACED,
        "Mill.MD",
        added.story_id,
    )
    assert [story.name for story in (await shelves.stories(SERVER)).stories] == ["Mill.MD"]


async def test_an_upload_an_older_storybot_stored_under_a_dashed_name_replaces_that_story(database: Database):
    """storybot 0.2.0 and older stored "Grandma's Kitchen.txt" as "Grandma-s Kitchen.txt": uploaded again, it is that
    story, replaced and keeping its name and id, not a second story beside it."""
    shelves = database.shelves
    old = await shelves.add(SERVER, "Grandma-s Kitchen.txt", b"The first soup.", ALICE, replace=True)
    again = await shelves.add(SERVER, "Grandma's Kitchen.txt", b"The second soup.", ALICE, replace=True)
    assert (again.action, again.name, again.story_id) == (ShelfAction.REPLACED, "Grandma-s Kitchen.txt", old.story_id)
    assert [story.name for story in (await shelves.stories(SERVER)).stories] == ["Grandma-s Kitchen.txt"]


NFD_NAME, NFC_NAME = "Cafe\u0301.md", "Caf\u00e9.md"
"""One name as macOS writes it (decomposed) and as Windows and Linux do (composed): one file to either."""


async def test_a_story_named_in_another_unicode_form_is_one_story_and_a_shelf_holding_both_loses_nothing(
    database: Database,
):
    """An old shelf's story stored under its name decomposed (as an upload from macOS was, before names were
    normalised), uploaded again composed, was a second story beside the first, alike in every word. It is replaced,
    keeping its name; a shelf holding both forms keeps both, each replaced by its very name, and a removed one does
    not come back beside the other (NAME_TAKEN, as for a name in another case) but stays kept."""
    shelves = database.shelves
    old = await shelves.add(SERVER, NFD_NAME, b"# Cafe\n\nThe first cup.", ALICE, replace=True)
    again = await shelves.add(SERVER, NFC_NAME, b"# Cafe\n\nThe second cup.", ALICE, replace=True)
    assert (again.action, again.name, again.story_id) == (ShelfAction.REPLACED, NFD_NAME, old.story_id)
    assert [story.name for story in (await shelves.stories(SERVER)).stories] == [NFD_NAME]

    both = SERVER + 1  # a shelf an older storybot let hold both forms, as two stories
    decomposed = await shelves.add(both, NFD_NAME, b"decomposed", ALICE, replace=True)
    assert decomposed.story_id is not None and decomposed.version_id is not None
    await shelves.remove(both, decomposed.story_id, ALICE)
    composed = await shelves.add(both, NFC_NAME, b"composed", ALICE, replace=True)
    assert composed.action is ShelfAction.ADDED and composed.story_id != decomposed.story_id
    refused = await shelves.restore(both, decomposed.version_id, ALICE)
    assert refused.refusal is ShelfRefusal.NAME_TAKEN
    assert (await shelves.file(decomposed.version_id)) == b"decomposed"  # kept, never lost


async def test_a_change_for_a_server_the_bot_left_is_refused_and_settled_waits_for_one_under_way(database: Database):
    # A server that removed the bot had its shelf changed by an upload read meanwhile, and by commands sent after. A
    # change asks `present` once it holds the shelf's lock; `settled` takes that lock too, so it returns only after a
    # change that was under way as the bot left has committed, and writes nothing itself.
    shelves, here = database.shelves, [True]
    added = await shelves.add(
        SERVER, "mill.md", b"# The Mill\n\nIt turned.", ALICE, replace=False, present=lambda: here[0]
    )
    assert added.action is ShelfAction.ADDED
    seen: list[list[str]] = []

    async def settled_then_read() -> None:
        await shelves.settled(SERVER)
        seen.append([story.name for story in (await shelves.stories(SERVER)).stories])

    waiting: list[asyncio.Task[None]] = []

    def present_and_leaving() -> bool:  # asked under the lock: the bot is removed right after
        waiting.append(asyncio.get_running_loop().create_task(settled_then_read()))
        here[0] = False
        return True

    under_way = await shelves.add(
        SERVER, "weir.md", b"# The Weir\n\nIt opened.", ALICE, replace=False, present=present_and_leaving
    )
    assert under_way.action is ShelfAction.ADDED
    await asyncio.gather(*waiting)
    assert seen == [["mill.md", "weir.md"]]  # settled returned once the change under way had committed
    version = await shelves.version(SERVER)
    gone = lambda: here[0]  # noqa: E731
    assert (
        await shelves.add(SERVER, "kiln.md", b"# The Kiln\n\nIt fired.", BOB, replace=True, present=gone)
    ).refusal is (ShelfRefusal.SERVER_LEFT)
    assert (await shelves.remove(SERVER, added.story_id or 0, BOB, present=gone)).refusal is ShelfRefusal.SERVER_LEFT
    assert (await shelves.restore(SERVER, added.version_id or 0, BOB, present=gone)).refusal is ShelfRefusal.SERVER_LEFT
    await shelves.settled(SERVER)
    assert await shelves.version(SERVER) == version  # nothing written by any of them
    assert [story.name for story in (await shelves.stories(SERVER)).stories] == ["mill.md", "weir.md"]
