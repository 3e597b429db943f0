"""Writes grouped into one transaction, on SQLite and PostgreSQL: each caller gets its own work's result once
committed, or the transaction's failure."""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import math
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from bot.state.database import SQLITE_FILE, Database
from bot.state.feedback import Judgement, Vote
from bot.state.grouped_writes import GROUP_MOST, WAIT_TRANSACTIONS, GroupedWrites
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.statement_bounds import StatementBounds
from bot.state.tables import feedback, server_settings
from tests.hang import HANG_SECONDS

NOW = datetime.datetime(2026, 12, 2, tzinfo=datetime.UTC)


def budget_of(server: int, questions: int) -> Callable[[AsyncConnection], Awaitable[int]]:
    """A write of a server's budget (one server's row made again fails)."""

    async def work(connection: AsyncConnection) -> int:
        await connection.execute(
            sa.insert(server_settings).values(server_id=server, budget_questions=questions, updated_at=NOW)
        )
        return server

    return work


async def questions_of(database: Database) -> dict[int, int]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(sa.select(server_settings.c.server_id, server_settings.c.budget_questions))
        return {row.server_id: row.budget_questions for row in rows}


async def test_writes_asked_at_once_are_committed_together_each_caller_given_its_result(database: Database):
    commits: list[None] = []
    sa.event.listen(database.engine.sync_engine, "commit", lambda _: commits.append(None))
    grouped = GroupedWrites(database.guarded)
    done = await asyncio.gather(*(grouped.write(budget_of(server, server % 100)) for server in range(1, 301)))
    assert done == list(range(1, 301))
    assert await questions_of(database) == {server: server % 100 for server in range(1, 301)}
    assert 1 <= len(commits) < 30  # one each before: 300


async def test_a_write_failing_on_its_own_fails_alone_and_the_others_of_its_group_are_made(database: Database):
    """One write's own failure (a key already there) failed the whole transaction, every other caller told the
    database had failed and its write lost. It fails alone now, as it would have as a call of its own."""
    grouped = GroupedWrites(database.guarded)
    await grouped.write(budget_of(1, 1))
    outcomes = await asyncio.gather(
        grouped.write(budget_of(2, 2)),
        grouped.write(budget_of(1, 9)),  # server 1's row is there already
        grouped.write(budget_of(3, 3)),
        return_exceptions=True,
    )
    assert outcomes[0] == 2 and outcomes[2] == 3
    assert isinstance(outcomes[1], DatabaseUnavailable)
    assert await questions_of(database) == {1: 1, 2: 2, 3: 3}
    assert list(await asyncio.gather(grouped.write(budget_of(4, 4)), grouped.write(budget_of(5, 5)))) == [4, 5]
    assert await questions_of(database) == {1: 1, 2: 2, 3: 3, 4: 4, 5: 5}


async def test_a_vote_postgresql_refuses_takes_no_other_vote_with_it(database: Database):
    """A story path longer than the column's 1,024 characters: SQLite keeps it, PostgreSQL refuses it. Grouped, that
    one vote failed the 49 others given with it on PostgreSQL."""
    votes = [
        Judgement(
            server_id=1,
            channel_id=2,
            message_id=3,
            user_id=user,
            vote=Vote.UP,
            question="Who kept the lighthouse?",
            story_path="deep/" * 400 + "keeper.md" if user == 7 else "keeper.md",
            story_title="The Keeper",
            passage=0,
            excerpt="The keeper climbed the stairs.",
        )
        for user in range(50)
    ]
    outcomes = await asyncio.gather(*(database.feedback.record(vote) for vote in votes), return_exceptions=True)
    postgresql = database.engine.dialect.name == "postgresql"
    assert [outcome is None for outcome in outcomes] == [not (postgresql and user == 7) for user in range(50)]
    async with database.engine.connect() as connection:
        kept = (await connection.execute(sa.select(sa.func.count()).select_from(feedback))).scalar_one()
    assert kept == (49 if postgresql else 50)


async def test_a_caller_cancelled_leaves_the_others_writes_to_be_made(database: Database):
    grouped = GroupedWrites(database.guarded)
    first = asyncio.ensure_future(grouped.write(budget_of(1, 1)))
    second = asyncio.ensure_future(grouped.write(budget_of(2, 2)))
    await asyncio.sleep(0)
    first.cancel()
    assert await second == 2
    with pytest.raises(asyncio.CancelledError):
        await first
    assert 2 in await questions_of(database)


async def test_writes_waiting_when_the_database_closes_are_made_before_it_closes(database_settings: Settings):
    """The bot closing cancels the answers it could not finish, closes the database, then cancels what still runs: a
    write its caller no longer waited for was made before the database closed when each was a call of its own, and
    must be still, not lost with the group's writer cancelled after the close."""
    database = await Database.open(database_settings)
    grouped = GroupedWrites(database.guarded)
    callers = [asyncio.ensure_future(grouped.write(budget_of(server, 1))) for server in range(1, 201)]
    await asyncio.sleep(0)
    for caller in callers:
        caller.cancel()
    await database.close()
    leftovers = asyncio.all_tasks() - {asyncio.current_task()}
    for task in leftovers:  # as the bot's way out does (bot.discord_app.run)
        task.cancel()
    await asyncio.wait(leftovers | set(callers))
    reopened = await Database.open(database_settings)
    try:
        assert await questions_of(reopened) == {server: 1 for server in range(1, 201)}
    finally:
        await reopened.close()


async def test_a_flood_is_written_in_transactions_of_at_most_group_most_writes(database: Database):
    """One deadline holds for a whole transaction: a flood made one of every write waiting, and 3,000 votes at once on
    SQLite passed it, every one failed. Each transaction now holds GROUP_MOST writes at most, and all are made."""
    events: list[str] = []
    sa.event.listen(
        database.engine.sync_engine,
        "before_cursor_execute",
        lambda *sent: events.append("write") if str(sent[2]).startswith("INSERT") else None,
    )
    sa.event.listen(database.engine.sync_engine, "commit", lambda _: events.append("commit"))
    grouped = GroupedWrites(database.guarded)
    await asyncio.gather(*(grouped.write(budget_of(server, 1)) for server in range(1, 1001)))
    sizes = [len(run.split()) for run in " ".join(events).split("commit") if run.strip()]
    assert sum(sizes) == 1000 and max(sizes) <= GROUP_MOST
    assert await questions_of(database) == {server: 1 for server in range(1, 1001)}


async def test_a_group_slower_than_one_deadline_is_made_within_its_callers_deadlines(database_settings: Settings):
    """A group's transaction had the engine's one deadline however many writes it held: on a machine busy answering
    500 questions, 100 answers took longer, and all 100 were told they were not kept while their callers still had
    seconds to wait. It now has a deadline for each write it holds, up to its callers' earliest; past that, they are
    told."""
    deadline = 0.5
    database = await Database.open(database_settings, deadline=deadline)
    try:
        grouped = GroupedWrites(database.guarded)

        def slow(server: int, seconds: float) -> Callable[[AsyncConnection], Awaitable[int]]:
            async def work(connection: AsyncConnection) -> int:
                await asyncio.sleep(seconds)  # a busy machine's statements
                return await budget_of(server, 1)(connection)

            return work

        made = await asyncio.gather(*(grouped.write(slow(server, 0.6 * deadline)) for server in (1, 2, 3)))
        assert made == [1, 2, 3]  # 1.8 deadlines in one transaction, within the callers' WAIT_TRANSACTIONS
        with pytest.raises(DatabaseUnavailable):
            await grouped.write(slow(4, (WAIT_TRANSACTIONS + 1) * deadline))
        assert await questions_of(database) == {1: 1, 2: 1, 3: 1}
    finally:
        await database.close()


async def test_writes_waiting_when_the_writer_is_cancelled_are_not_left_waiting(database: Database):
    """The writer cancelled (the bot's way out cancels every task left) told its own transaction's callers, but not
    those waiting for the next: nothing would ever write or settle theirs, and they waited forever."""
    grouped = GroupedWrites(database.guarded)
    before = asyncio.all_tasks()
    first = asyncio.ensure_future(grouped.write(budget_of(1, 1)))
    await asyncio.sleep(0)  # the first asks, and the writer is made
    (writer,) = asyncio.all_tasks() - before - {first}
    await asyncio.sleep(0)  # the writer takes the first into its transaction
    second = asyncio.ensure_future(grouped.write(budget_of(2, 2)))
    await asyncio.sleep(0)  # the second waits for the next
    writer.cancel()
    await asyncio.wait([first, second], timeout=30)  # a guard against waiting forever, not a measure
    assert first.done() and second.done()
    assert list(await asyncio.gather(grouped.write(budget_of(3, 3)))) == [3]


async def test_a_writer_cancelled_before_it_ran_leaves_no_write_waiting_and_later_writes_are_made(database: Database):
    """A writer cancelled before its first step (the way out cancelling every task in the loop iteration a write was
    asked in) never ran its own clean-up: it stayed the writer, done, and every later write waited for it forever."""
    grouped = GroupedWrites(database.guarded)
    before = asyncio.all_tasks()
    first = asyncio.ensure_future(grouped.write(budget_of(1, 1)))
    await asyncio.sleep(0)  # the first asks, and the writer is made, not yet run
    (writer,) = asyncio.all_tasks() - before - {first}
    writer.cancel()
    await asyncio.wait([first], timeout=30)  # a guard against waiting forever, not a measure
    assert first.cancelled()
    later = asyncio.ensure_future(grouped.write(budget_of(2, 2)))
    await asyncio.wait([later], timeout=30)
    assert later.done() and later.result() == 2


@contextlib.asynccontextmanager
async def writes_held(database: Database, settings: Settings) -> AsyncIterator[None]:
    """Another session holds what every write needs: SQLite's write lock (another process's, as it were), or on
    PostgreSQL a lock on the server_settings table. Released on leaving."""
    if database.engine.dialect.name == "sqlite":
        other = sqlite3.connect(settings.data / SQLITE_FILE, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            yield
        finally:
            other.execute("COMMIT")
            other.close()
        return
    async with database.engine.begin() as connection:
        await connection.exec_driver_sql("LOCK TABLE server_settings IN EXCLUSIVE MODE")
        yield


async def test_a_caller_waits_one_deadline_in_all_not_one_for_each_group_before_it(database_settings: Settings):
    """Callers behind a queue waited through every group's deadline in turn, however many: ten groups of a database
    that does not answer, ten deadlines for the last. Each is told once its own deadline passes (WAIT_TRANSACTIONS
    transactions' deadlines from when it asked); the writes still waiting then are never begun (none is made late),
    and later writes are made. Each transaction ends by the database's own lock wait, below the deadline."""
    deadline = 1.0
    database = await Database.open(database_settings, deadline=deadline)
    try:
        grouped = GroupedWrites(database.guarded)
        await grouped.write(budget_of(1000, 1))  # connected: what is held is the writes, not the connecting
        async with writes_held(database, database_settings):
            begun: list[None] = []
            sa.event.listen(database.engine.sync_engine, "begin", lambda _: begun.append(None))
            asked = [grouped.write(budget_of(server, 1)) for server in range(1, 10 * GROUP_MOST + 1)]
            outcomes = await asyncio.gather(*asked, return_exceptions=True)
            assert all(isinstance(told, DatabaseUnavailable) and not told.fault.lasting for told in outcomes)
            # Ten before: one for each group, each waited through in turn; now as many as lock waits fit in one
            # caller's WAIT_TRANSACTIONS deadlines, the rest told then and never begun.
            most = math.ceil(WAIT_TRANSACTIONS * deadline / StatementBounds.within(deadline).lock)
            assert 1 <= len(begun) <= most < 10
            # The transaction given up on ends by itself, its driver's own wait over, before its lock is let go: a
            # connection SQLAlchemy shuts while its statement still waits can never be closed once cancelled.
            # It may have ended already (a slow machine reaches here late): then there is nothing to wait for.
            given_up = asyncio.all_tasks() - {asyncio.current_task()}
            if given_up:
                await asyncio.wait(given_up, timeout=HANG_SECONDS)  # a guard against waiting forever, not a measure
        assert await grouped.write(budget_of(1, 7)) == 1
        assert await questions_of(database) == {1000: 1, 1: 7}
    finally:
        await database.close()
