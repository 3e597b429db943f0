"""The database failing under the bot, for real: another process holding SQLite's lock, a PostgreSQL server
that stops answering, the file removed, replaced or made read-only while it is open."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.messages import database_error_text, database_trouble_text
from bot.settings import QuestionBudget, Settings
from bot.state.database import SQLITE_FILE, Database, DatabaseError
from bot.state.database_fault import DatabaseTask, Fault
from bot.state.feedback import Judgement, Vote
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.shelf_rules import ShelfAction
from tests.file_attributes import immutable
from tests.postgresql import PostgreSQLServer
from tests.sqlite_lock import locked_by_another_process

GIVE_UP = 20.0
"""Only so that a hang fails the test instead of stalling the suite; the bot's own deadline is far below."""
CLOSE_DEADLINE = 2.0
"""A call's deadline as close as the driver's and the server's waits once were to each other (2 seconds each)."""
WITHIN = 1.0
"""What a call may take past its deadline here: the guard's own timer fires first, this one only if it failed."""


def judgement(user: int, vote: Vote = Vote.DOWN) -> Judgement:
    return Judgement(
        server_id=1,
        channel_id=2,
        message_id=3,
        user_id=user,
        vote=vote,
        question="where was sofia born",
        story_path="sofia.md",
        story_title="Sofia",
        passage=1,
        excerpt="Sofia was born in Moscow.",
    )


@pytest.fixture
async def sqlite_database(tmp_path: Path) -> AsyncIterator[Database]:
    opened = await Database.open(Settings(data=tmp_path / "data"))
    yield opened
    await opened.close()


def votes_in(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT count(*) FROM feedback").fetchone()[0]


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[None]:
    with locked_by_another_process(tmp_path / "data" / SQLITE_FILE):
        yield


async def test_a_lock_held_by_another_process_is_busy_not_a_long_wait(sqlite_database, locked):
    with pytest.raises(DatabaseUnavailable) as raised:
        await asyncio.wait_for(sqlite_database.feedback.record(judgement(1)), GIVE_UP)
    assert raised.value.fault is Fault.BUSY and not raised.value.fault.lasting
    with pytest.raises(DatabaseUnavailable):
        await asyncio.wait_for(sqlite_database.servers.set_budget(1, QuestionBudget(2, 60)), GIVE_UP)


async def test_sqlites_own_busy_answer_comes_before_a_close_deadline(tmp_path: Path):
    """SQLite's busy wait ends below the call's deadline: its own "database is locked", the call over, not one cut
    off by the deadline and left waiting on the lock in its thread."""
    database = await Database.open(Settings(data=tmp_path / "data"), deadline=CLOSE_DEADLINE)
    try:
        with locked_by_another_process(tmp_path / "data" / SQLITE_FILE), pytest.raises(DatabaseUnavailable) as raised:
            await asyncio.wait_for(database.feedback.record(judgement(1)), CLOSE_DEADLINE + WITHIN)
        assert raised.value.fault is Fault.BUSY and raised.value.seconds is None
        assert raised.value.detail == "database is locked"
        assert await database.feedback.record(judgement(1)) is None
    finally:
        await database.close()


async def test_once_the_lock_is_released_saving_works_again(sqlite_database, tmp_path):
    path = tmp_path / "data" / SQLITE_FILE
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    with pytest.raises(DatabaseUnavailable):
        await asyncio.wait_for(sqlite_database.feedback.record(judgement(1)), GIVE_UP)
    other.execute("COMMIT")
    other.close()
    assert await sqlite_database.feedback.record(judgement(1)) is None
    assert votes_in(path) == 1


async def test_a_file_removed_under_the_bot_is_written_back_whole(sqlite_database, tmp_path, caplog):
    path = tmp_path / "data" / SQLITE_FILE
    await sqlite_database.feedback.record(judgement(1))
    await sqlite_database.servers.set_budget(7, QuestionBudget(2, 60))
    for file in path.parent.glob(f"{SQLITE_FILE}*"):  # rm storybot.db*
        file.unlink()
    assert await sqlite_database.feedback.record(judgement(2)) is None
    assert path.is_file() and votes_in(path) == 2  # the earlier vote too: nothing lost
    assert "written back" in caplog.text
    await sqlite_database.close()
    again = await Database.open(Settings(data=tmp_path / "data"))
    try:
        assert (await again.servers.of(7)).budget == QuestionBudget(2, 60)
        assert len(await again.feedback.answers_voted_down(1)) == 1
    finally:
        await again.close()


_PAUSED: list[tuple[str, threading.Event, threading.Event]] = []
"""While a test listens: (an audit event, reached, resume) for the first such event a thread other than the event
loop's raises."""


def _paused_at(event: str, args: tuple[object, ...]) -> None:
    """Python's audit events, raised before the call they name, in the write-back's thread (bot.core.new_name):
    "open" as it forces the copy to disk, "os.remove" as it removes the copy's temporary name once it named the copy.
    The thread is held there until the test lets it go on."""
    if _PAUSED and event == _PAUSED[-1][0] and threading.current_thread() is not threading.main_thread():
        _, reached, resume = _PAUSED.pop()
        reached.set()
        resume.wait(GIVE_UP)


sys.addaudithook(_paused_at)  # for good: a process's audit hooks cannot be removed; it acts only when asked


async def test_a_write_back_whose_caller_gave_up_is_finished_and_taken_as_the_bots_own(sqlite_database, tmp_path):
    # The copy is named in a thread, which goes on when the call that wrote it back is cancelled (an answer cancelled
    # as the bot closes, a caller's own time limit): the copy stood at the path, but the bot still took the removed
    # file for its own, so every later call found "another file" there and refused to save (GONE) until a restart.
    path = tmp_path / "data" / SQLITE_FILE
    await sqlite_database.feedback.record(judgement(1))
    for file in path.parent.glob(f"{SQLITE_FILE}*"):  # rm storybot.db*
        file.unlink()
    reached, resume = threading.Event(), threading.Event()
    _PAUSED.append(("os.remove", reached, resume))
    try:
        given_up = asyncio.ensure_future(sqlite_database.feedback.record(judgement(2)))
        assert await asyncio.to_thread(reached.wait, GIVE_UP), "the copy was never named"
        given_up.cancel()
        with pytest.raises(asyncio.CancelledError):
            await given_up
    finally:
        _PAUSED.clear()
        resume.set()
    assert await asyncio.wait_for(sqlite_database.feedback.record(judgement(3)), GIVE_UP) is None
    # the first vote, written back, the second, whose caller gave up (a grouped write is made once asked for, as a
    # call already under way always was: bot.state.grouped_writes), and the third
    assert votes_in(path) == 3


async def test_a_write_back_slow_to_reach_the_disk_is_busy_within_the_deadline_not_a_wait(tmp_path):
    # The copy is forced to disk before it is named (its fsync a moment, or seconds on a busy SD card): every call
    # meanwhile waited for it with no bound, where each has the deadline (an interaction's seconds). Past it, the call
    # is busy; the write-back goes on, and the next call finds the file written back.
    database = await Database.open(Settings(data=tmp_path / "data"), deadline=1.0)
    path = tmp_path / "data" / SQLITE_FILE
    try:
        await database.feedback.record(judgement(1))
        for file in path.parent.glob(f"{SQLITE_FILE}*"):
            file.unlink()
        reached, resume = threading.Event(), threading.Event()
        _PAUSED.append(("open", reached, resume))
        try:
            with pytest.raises(DatabaseUnavailable) as raised:
                await asyncio.wait_for(database.feedback.record(judgement(2)), GIVE_UP)
            assert reached.is_set() and raised.value.fault is Fault.BUSY and raised.value.seconds == 1.0
        finally:
            _PAUSED.clear()
            resume.set()
        assert await asyncio.wait_for(database.feedback.record(judgement(3)), GIVE_UP) is None
        assert votes_in(path) == 2
    finally:
        await database.close()


async def test_a_folder_removed_under_the_bot_is_reported_not_saved_to(sqlite_database, tmp_path, caplog):
    await sqlite_database.feedback.record(judgement(1))
    shutil.rmtree(tmp_path / "data")
    with pytest.raises(DatabaseUnavailable) as raised:
        await sqlite_database.feedback.record(judgement(2))
    assert raised.value.fault is Fault.GONE and raised.value.fault.lasting
    assert "could not be written back" in caplog.text


async def test_a_file_put_in_its_place_is_left_alone(sqlite_database, tmp_path):
    path = tmp_path / "data" / SQLITE_FILE
    await sqlite_database.feedback.record(judgement(1))
    path.unlink()
    path.write_bytes(b"the owner's own file")
    with pytest.raises(DatabaseUnavailable) as raised:
        await sqlite_database.feedback.record(judgement(2))
    assert raised.value.fault is Fault.GONE
    assert path.read_bytes() == b"the owner's own file"


async def test_a_file_made_unwritable_under_the_bot_is_refused_not_saved(sqlite_database, tmp_path):
    path = tmp_path / "data" / SQLITE_FILE
    await sqlite_database.feedback.record(judgement(1))
    immutable(path, True)
    try:
        with pytest.raises(DatabaseUnavailable) as raised:
            await sqlite_database.feedback.record(judgement(2))
        assert raised.value.fault is Fault.UNWRITABLE
        assert await sqlite_database.servers.of(1) is not None  # reading still works
    finally:
        immutable(path, False)
    assert votes_in(path) == 1
    assert await sqlite_database.feedback.record(judgement(2)) is None  # writable again: saved


async def test_nothing_is_memory_mapped_that_a_changed_file_could_turn_into_sigbus(sqlite_database, tmp_path):
    await sqlite_database.feedback.record(judgement(1))
    assert not (tmp_path / "data" / f"{SQLITE_FILE}-shm").exists()


async def test_a_leftover_shared_memory_file_that_cannot_be_written_is_named_at_start(tmp_path):
    folder = tmp_path / "data"
    await (await Database.open(Settings(data=folder))).close()
    leftover = folder / f"{SQLITE_FILE}-shm"
    leftover.write_bytes(bytes(32768))
    immutable(leftover, True)
    try:
        with pytest.raises(DatabaseError) as refused:
            await Database.open(Settings(data=folder))
        assert f"{leftover} cannot be written" in database_error_text(refused.value)
    finally:
        immutable(leftover, False)


@pytest.fixture
async def postgresql_database(postgresql_server: PostgreSQLServer, tmp_path) -> AsyncIterator[Database]:
    url = postgresql_server.new_database()
    opened = await Database.open(Settings(data=tmp_path, database_url=url))
    yield opened
    postgresql_server.resume()
    await opened.close()


async def test_a_postgresql_server_that_stops_answering_gets_a_prompt_unreachable(
    postgresql_server, postgresql_database
):
    await postgresql_database.feedback.record(judgement(1))
    postgresql_server.pause()
    try:
        for attempt in (
            postgresql_database.feedback.record(judgement(2)),
            postgresql_database.servers.set_budget(1, QuestionBudget(2, 60)),
            postgresql_database.servers.of(99),
            postgresql_database.feedback.answers_voted_down(1),
        ):
            with pytest.raises(DatabaseUnavailable) as raised:
                await asyncio.wait_for(attempt, GIVE_UP)
            assert raised.value.fault is Fault.UNREACHABLE
    finally:
        postgresql_server.resume()
    assert await asyncio.wait_for(postgresql_database.feedback.record(judgement(3)), GIVE_UP) is None
    assert len(await postgresql_database.feedback.answers_voted_down(1)) == 1


def test_what_the_log_says_of_a_call_given_up_on_names_its_deadline():
    """str() is what log lines show of the fault: the deadline passed, the file, or the driver's own words."""
    assert str(DatabaseUnavailable(Fault.BUSY, seconds=5.0)) == "busy: 5 s"
    assert str(DatabaseUnavailable(Fault.UNWRITABLE, file=Path("/srv/storybot.db"))) == "unwritable: /srv/storybot.db"
    assert str(DatabaseUnavailable(Fault.BUSY, detail="database is locked")) == "database is locked"


async def test_a_postgresql_row_lock_held_past_lock_timeout_is_busy(postgresql_url: str, tmp_path: Path, caplog):
    """Another session holds the shelf's row (as a change of another process being made does) past lock_timeout:
    the server answered, so the change is BUSY, "try again in a moment", never a server that did not answer."""
    database = await Database.open(Settings(data=tmp_path, database_url=postgresql_url))
    holder = await asyncpg.connect(postgresql_url)
    try:
        await database.shelves.add(1, "weir.md", b"first", 7, replace=False)
        async with holder.transaction():
            await holder.execute("SELECT version FROM shelves WHERE server_id = 1 FOR UPDATE")
            with pytest.raises(DatabaseUnavailable) as raised:
                await asyncio.wait_for(database.shelves.add(1, "weir.md", b"second", 8, replace=True), GIVE_UP)
        assert raised.value.fault is Fault.BUSY and raised.value.__cause__ is not None
        assert "lock timeout" in raised.value.detail and "The database failed (busy)" in caplog.text
        assert database_trouble_text(raised.value.fault, DatabaseTask.CHANGE_SHELF) == (
            "I couldn't change the server's stories: the database didn't answer in time. Please try again in a moment."
        )
        assert (await database.shelves.add(1, "weir.md", b"second", 8, replace=True)).action is ShelfAction.REPLACED
    finally:
        await holder.close()
        await database.close()


async def test_a_close_deadline_still_tells_a_lock_held_elsewhere_from_a_server_that_stopped(
    postgresql_server: PostgreSQLServer, tmp_path: Path, caplog
):
    """The server ends a statement waiting on another session's lock (BUSY: it answered) before the client gives up on
    it, and the client's own bound ends a call to a server that stopped answering (UNREACHABLE), each within the
    deadline, however close: with the server's lock wait and the client's at 2 seconds each, the client's timer fired
    first and a held lock was a server that did not answer."""
    url = postgresql_server.new_database()
    database = await Database.open(Settings(data=tmp_path, database_url=url), deadline=CLOSE_DEADLINE)
    holder = await asyncpg.connect(url)
    try:
        await database.shelves.add(1, "weir.md", b"first", 7, replace=False)
        for _ in range(3):  # each time: never the race the client's timer won
            async with holder.transaction():
                await holder.execute("SELECT version FROM shelves WHERE server_id = 1 FOR UPDATE")
                with pytest.raises(DatabaseUnavailable) as busy:
                    changed = database.shelves.add(1, "weir.md", b"second", 8, replace=True)
                    await asyncio.wait_for(changed, CLOSE_DEADLINE + WITHIN)
            assert busy.value.fault is Fault.BUSY and "lock timeout" in busy.value.detail
        assert "did not answer" not in caplog.text
        postgresql_server.pause()
        try:
            with pytest.raises(DatabaseUnavailable) as stopped:
                await asyncio.wait_for(database.feedback.record(judgement(1)), CLOSE_DEADLINE + WITHIN)
            assert stopped.value.fault is Fault.UNREACHABLE
        finally:
            postgresql_server.resume()
        assert (await database.shelves.add(1, "weir.md", b"second", 8, replace=True)).action is ShelfAction.REPLACED
    finally:
        await holder.close()
        await database.close()


async def test_a_lock_held_elsewhere_is_busy_on_a_connection_whose_first_call_only_read(
    postgresql_url: str, tmp_path: Path, caplog
):
    """The server's waits hold for the session, whatever its first call was: set in the transaction a connection's
    first statement began, a read's rollback took them back, and from then on a lock held elsewhere was waited for
    until the client gave up (UNREACHABLE, "did not answer"), as with a server that stopped."""
    first = await Database.open(Settings(data=tmp_path, database_url=postgresql_url))
    try:
        await first.shelves.add(1, "weir.md", b"first", 7, replace=False)
    finally:
        await first.close()
    database = await Database.open(Settings(data=tmp_path, database_url=postgresql_url))  # its pool new: nothing read
    holder = await asyncpg.connect(postgresql_url)
    try:
        assert await database.shelves.version(1) == 1  # the connection's first call: a read, rolled back
        async with holder.transaction():
            await holder.execute("SELECT version FROM shelves WHERE server_id = 1 FOR UPDATE")
            with pytest.raises(DatabaseUnavailable) as raised:
                await asyncio.wait_for(database.shelves.add(1, "weir.md", b"second", 8, replace=True), GIVE_UP)
        assert raised.value.fault is Fault.BUSY and "lock timeout" in raised.value.detail
        assert "did not answer" not in caplog.text
    finally:
        await holder.close()
        await database.close()


async def test_a_call_that_finds_every_connection_taken_is_busy_not_an_error_of_its_own(
    postgresql_url: str, tmp_path: Path, caplog
):
    """A crowd's calls use every connection of the engine's pool (5, and 10 more) while the server is slow: the next
    waits for one at most as long as connecting may take, then is told to try again (BUSY), as when the server is
    slow to answer its statement. SQLAlchemy's own TimeoutError was let through to the caller, a traceback."""
    database = await Database.open(Settings(data=tmp_path, database_url=postgresql_url), deadline=10.0)
    let_go = asyncio.Event()

    async def held(connection: AsyncConnection) -> None:
        await connection.exec_driver_sql("SELECT 1")
        await let_go.wait()  # the server slow with each of them

    try:
        calls = [asyncio.ensure_future(database.guarded.read(held)) for _ in range(30)]
        await asyncio.wait(calls, timeout=GIVE_UP, return_when=asyncio.FIRST_EXCEPTION)
        let_go.set()
        outcomes = await asyncio.gather(*calls, return_exceptions=True)
        refused = [outcome for outcome in outcomes if outcome is not None]
        assert refused and all(isinstance(told, DatabaseUnavailable) for told in refused), refused
        faults = {told.fault for told in refused if isinstance(told, DatabaseUnavailable)}
        # BUSY; UNREACHABLE too for one whose connecting took past 2 s on a loaded machine
        assert Fault.BUSY in faults and not any(fault.lasting for fault in faults)
        assert "The database failed (busy)" in caplog.text
    finally:
        let_go.set()
        await database.close()
