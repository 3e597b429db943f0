"""Small writes made together: every write asked for while one transaction is being written goes into the next.

A crowd's answers and votes, each in a transaction of its own, contended for SQLite's one write lock and its
journal's disk syncs (a commit each) until some passed the call's deadline: up to half of 500 answers at once were
not kept, and 88 of 300 votes at once were told to try again. Grouped, a commit serves all that waited for it.

Each write has one deadline from when it was asked, WAIT_TRANSACTIONS of the engine's (OPERATION_SECONDS each): a
caller behind a queue waited through each group's own deadline in turn, however many (3,000 votes on a database
that stopped answering: 30 groups, the last told after 90 s). Past it the caller is told the database did not answer
in time (DatabaseUnavailable, as a call of its own would be). A write still waiting then is never made: what the
caller was told is so, and the writes behind it keep their order. One already in a transaction when its deadline
passes may still be committed (the transaction is the others' too), as a call given up on may.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TypeVar, cast

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.state.guarded_engine import DatabaseUnavailable, GuardedEngine

log = logging.getLogger(__name__)

T = TypeVar("T")
Work = Callable[[AsyncConnection], Awaitable[object]]

GROUP_MOST = 100
"""The most writes in one transaction. A flood made one of all that waited, and 3,000 votes at once on SQLite were one
transaction past the deadline, every vote failed and none kept. 100 votes take about a tenth of a second; a commit
then serves 100, not 1. A transaction has the engine's deadline (OPERATION_SECONDS) for each write it holds, up to
the earliest of its writes' own: with one for all, on a machine busy answering 500 questions at once, 100 answers took
longer than that, and all 100 were told they were not kept while their callers still had seconds to wait."""


WAIT_TRANSACTIONS = 3
"""A write's deadline, from when it is asked, in transactions' deadlines. One alone refused what a busy database only
made wait: 3,000 votes at once on SQLite are all saved within 5.6 s, where a deadline of 3 s told 1,300 of them to try
again. A write alone still has the engine's deadline, as a call of its own has: a caller alone is told as soon as
before."""


@dataclasses.dataclass(frozen=True)
class _Asked:
    """A write and the caller's future, with the loop time past which it is not begun."""

    work: Work
    done: asyncio.Future[object]
    due: float


class GroupedWrites:
    """Writes through `engine`, each a unit of work (its statements, in order) run in one transaction with the others
    asked for meanwhile. A transaction the database failed (DatabaseUnavailable: a deadline, a lock, a server gone)
    fails each of its writes, as it would have each alone. One write whose own statement failed (a key already there,
    a value its column cannot hold: PostgreSQL's lengths, which SQLite does not check) is failed alone, and the
    others are written again without it: one caller's bad write never fails another's good one."""

    def __init__(self, engine: GuardedEngine):
        self._engine = engine
        self._waiting: deque[_Asked] = deque()
        self._writer: asyncio.Task[None] | None = None

    async def write(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """What `work` returned, once the transaction it was run in is committed; DatabaseUnavailable (the engine's
        too_late) once WAIT_TRANSACTIONS deadlines from now have passed, however many transactions it waited behind."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[object] = loop.create_future()
        due = loop.time() + WAIT_TRANSACTIONS * self._engine.deadline
        self._waiting.append(_Asked(work, done, due))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_waiting())
            # No caller awaits the writer itself: the database closing waits for it, else writes whose callers
            # were cancelled (the bot closing) were lost with it, cancelled once the database had closed.
            self._engine.finish_before_closing(self._writer)
            self._writer.add_done_callback(self._writer_ended)
        try:
            async with asyncio.timeout_at(due):
                return cast(T, await done)  # a caller cancelled (the bot closing) cancels `done`: its write is made
        except TimeoutError:
            raise self._engine.too_late() from None

    def _writer_ended(self, writer: asyncio.Task[None]) -> None:
        """A writer cancelled before its first step never ran its `finally`: it stayed the writer, done, and every
        later write waited for it forever. (One that ran is no longer the writer here.)"""
        if self._writer is writer:
            self._writer = None
            self._cancel_waiting()

    def _cancel_waiting(self) -> None:
        """Writes left waiting by a writer cancelled (the bot's way out): no writer would ever settle them."""
        while self._waiting:
            self._waiting.popleft().done.cancel()

    async def _write_waiting(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._waiting:
                group = self._next_group(loop.time())
                if not group:
                    continue
                failing: list[int] = []  # which write's own statement (or code) failed the transaction, if one did

                async def together(
                    connection: AsyncConnection, group: list[_Asked] = group, failing: list[int] = failing
                ) -> list[object]:
                    results = []
                    for at, asked in enumerate(group):
                        try:
                            results.append(await asked.work(connection))
                        except Exception:
                            failing.append(at)
                            raise
                    return results

                # A deadline for each write it holds (one alone has what a call of its own has), up to its callers'.
                until = min(loop.time() + len(group) * self._engine.deadline, *(asked.due for asked in group))
                try:
                    results = await self._engine.write(together, until=until)
                except BaseException as error:  # each caller is told; a cancel (the bot closing) goes on up
                    if failing and _its_own(error):
                        # One write's own failure (a key already there, a value the column cannot hold, a fault
                        # in its code): it alone is failed, as it would have been alone; the others go again.
                        _tell(group[failing[0]].done, error)
                        del group[failing[0]]
                        self._waiting.extendleft(reversed(group))
                        continue
                    for asked in group:
                        _tell(asked.done, error)
                    if not isinstance(error, Exception):
                        raise
                else:
                    for asked, result in zip(group, results, strict=True):
                        if not asked.done.done():
                            asked.done.set_result(result)
        finally:
            self._writer = None
            self._cancel_waiting()  # none waits unless the writer was cancelled

    def _next_group(self, now: float) -> list[_Asked]:
        """The next GROUP_MOST writes still within their deadlines, in the order asked; those past theirs are dropped
        (their callers were told), never begun late."""
        group: list[_Asked] = []
        late = 0
        while self._waiting and len(group) < GROUP_MOST:
            asked = self._waiting.popleft()
            if asked.due <= now:
                late += 1
                _tell(asked.done, self._engine.too_late())
            else:
                group.append(asked)
        if late:
            log.warning("%d write(s) waited past their deadline for the database and were not made.", late)
        return group


def _its_own(error: BaseException) -> bool:
    """Whether a write's failure was its statement's (a constraint, a value the column cannot hold) or its code's,
    not the database's (a deadline passed, a lock, a server gone), which would fail the next transaction too."""
    if isinstance(error, DatabaseUnavailable):
        cause = error.__cause__
        if isinstance(cause, sa.exc.IntegrityError | sa.exc.DataError):
            return True
        # SQLAlchemy's asyncpg errors are not all sorted (a string too long is a bare DBAPIError): by SQLSTATE,
        # class 22 is the data's fault, 23 a constraint's.
        sqlstate = getattr(cause.orig, "sqlstate", None) if isinstance(cause, sa.exc.DBAPIError) else None
        return isinstance(sqlstate, str) and sqlstate[:2] in {"22", "23"}
    return isinstance(error, Exception)


def _tell(done: asyncio.Future[object], error: BaseException) -> None:
    """The caller is told its write failed; one cancelled meanwhile is told nothing."""
    if done.done():
        return
    if isinstance(error, Exception):
        done.set_exception(error)
    else:
        done.cancel()
