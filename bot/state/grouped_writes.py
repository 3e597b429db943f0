"""Small writes made together: every write asked for while one transaction is being written goes into the next.

A crowd's answers and votes, each in a transaction of its own, contended for SQLite's one write lock and its
journal's disk syncs (a commit each) until some passed the call's deadline: up to half of 500 answers at once were
not kept, and 88 of 300 votes at once were told to try again. Grouped, a commit serves all that waited for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar, cast

from sqlalchemy.ext.asyncio import AsyncConnection

from bot.state.guarded_engine import GuardedEngine

T = TypeVar("T")
Work = Callable[[AsyncConnection], Awaitable[object]]


class GroupedWrites:
    """Writes through `engine`, each a unit of work (its statements, in order) run in one transaction with the others
    asked for meanwhile. A transaction that fails (DatabaseUnavailable) fails each of its writes, as one write alone
    would: all of them are saved, or none. Only for writes that cannot fail alone (an insert of a new random id, an
    upsert): one whose statement failed would take the others with it."""

    def __init__(self, engine: GuardedEngine):
        self._engine = engine
        self._waiting: list[tuple[Work, asyncio.Future[object]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def write(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """What `work` returned, once the transaction it was run in is committed."""
        done: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self._waiting.append((work, done))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_waiting())
            # No caller awaits the writer itself: the database closing waits for it, else writes whose callers
            # were cancelled (the bot closing) were lost with it, cancelled once the database had closed.
            self._engine.finish_before_closing(self._writer)
        return cast(T, await done)

    async def _write_waiting(self) -> None:
        try:
            while self._waiting:
                group, self._waiting = self._waiting, []

                async def together(
                    connection: AsyncConnection, group: list[tuple[Work, asyncio.Future[object]]] = group
                ) -> list[object]:
                    return [await work(connection) for work, _ in group]

                try:
                    results = await self._engine.write(together)
                except BaseException as error:  # each caller is told; a cancel (the bot closing) goes on up
                    for _, done in group:
                        if done.done():  # its caller was cancelled
                            continue
                        if isinstance(error, Exception):
                            done.set_exception(error)
                        else:
                            done.cancel()
                    if not isinstance(error, Exception):
                        raise
                else:
                    for (_, done), result in zip(group, results, strict=True):
                        if not done.done():
                            done.set_result(result)
        finally:
            self._writer = None
