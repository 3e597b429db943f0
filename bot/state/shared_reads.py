"""Reads under way, by what they read: callers asking for one thing while it is being read await that read.

A crowd asking at once for one server's settings, or clicking under one answer, made a read each, hundreds queued for
the database's few connections, until the last passed the deadline (bot.state.server_settings, bot.state.answers).
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclasses.dataclass
class _Read(Generic[V]):
    """A read under way, and how many callers wait for it."""

    done: asyncio.Future[V]
    waiting: int = 0


class SharedReads(Generic[K, V]):
    def __init__(self) -> None:
        self._under_way: dict[K, _Read[V]] = {}

    async def read(self, key: K, start: Callable[[], Awaitable[V]]) -> V:
        """What the read of `key` under way gives, else what `start()` (begun now) gives. One caller cancelled cancels
        no other's read; the last cancels it, as a caller alone would have (the database's closing then waits for its
        call), and no later caller joins a read being cancelled."""
        read = self._under_way.get(key)
        if read is None or read.done.done():  # one ended, its callback not yet run, is not shared
            read = _Read(asyncio.ensure_future(start()))
            self._under_way[key] = read
            read.done.add_done_callback(lambda done: self._ended(key, done))
        read.waiting += 1
        try:
            return await asyncio.shield(read.done)
        except asyncio.CancelledError:
            read.waiting -= 1
            if not read.waiting:  # a cancel takes a step to end a task: no one may join it meanwhile
                self.forget(key)
                read.done.cancel()
            raise

    def under_way(self, key: K) -> asyncio.Future[V] | None:
        """The read of `key` later callers would join, if any."""
        read = self._under_way.get(key)
        return None if read is None else read.done

    def forget(self, key: K) -> None:
        """Callers from now on start a read of their own (what the one under way found may be out of date)."""
        self._under_way.pop(key, None)

    def _ended(self, key: K, done: asyncio.Future[V]) -> None:
        """The next caller reads again. A failure is each waiting caller's to raise, and taken here for when every
        one was cancelled meanwhile."""
        if self.under_way(key) is done:
            del self._under_way[key]
        if not done.cancelled():
            done.exception()
