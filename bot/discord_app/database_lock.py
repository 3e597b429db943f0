"""One bot process per shard across machines, where the state is on PostgreSQL. The data folder's locks (run_lock)
cannot see a process on another machine: two machines running shard 1 against one database both answered every
question of its servers, and neither knew.

The locks are PostgreSQL's session-level advisory locks, in the class LOCK_CLASS, on a connection of their own held
for the life of the process, with the data folder's rules: a process running every shard holds EVERY_SHARD
exclusively; a shard process holds it shared, and each of its shards exclusively. The server releases them when the
session ends, however the process ends. A database restart ends the session too: the lock is then lost, and the
process stops (exit 1, which the service manager restarts; checked once the library has loaded, and then while the
bot runs) rather than answer beside one that took it meanwhile;
started again, it takes the lock again, or is refused naming the shards held elsewhere (exit 1, to be started again,
when the holder is this machine's process that ended, whose session the server has yet to end).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

from bot.messages import (
    CHANGING_THE_DATABASE,
    already_running_text,
    lock_check_failed_text,
    run_lock_ended_here_text,
    run_lock_released_text,
    running_now_text,
)
from bot.settings import MAX_SHARD_COUNT, Settings
from bot.startup_error import StartupError
from bot.state.database import database_url, describe, failure, postgresql_connector
from bot.state.guarded_engine import first_line
from bot.state.statement_bounds import CONNECT_SECONDS

if TYPE_CHECKING:
    import asyncpg
    from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

LOCK_CLASS = 0x73627274
"""The first key of every lock ("sbrt"): an application sharing the database keys its own locks elsewhere."""
EVERY_SHARD = MAX_SHARD_COUNT
"""The second key standing for every shard; the others are the shard ids (below STORYBOT_SHARD_COUNT)."""
CHECK_SECONDS = 5.0
"""How often the lock's session is checked while the bot runs."""
SILENT_SECONDS = 30.0
"""A session that has not answered for this long may have been ended by the server (SERVER_GIVES_UP_MS): the lock is
taken for lost before another process could take it."""
SERVER_GIVES_UP_MS = 60_000
"""The server ends the lock's session once its client stops answering for this long (TCP keepalives and user
timeout), not after the system's two hours: a machine that died leaves its shards to another within a minute."""
LOCK_SESSION = (
    "SET tcp_keepalives_idle = 30; SET tcp_keepalives_interval = 10; SET tcp_keepalives_count = 3; "
    f"SET tcp_user_timeout = {SERVER_GIVES_UP_MS}"
)
"""30 seconds idle, then 3 probes 10 seconds apart: SERVER_GIVES_UP_MS."""
HOLDERS = """
    SELECT l.objid::int8 AS shard, l.mode, coalesce(a.application_name, '') AS holder
    FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.classid = $1::int8::oid AND l.objsubid = 2 AND l.granted
      AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.pid <> pg_backend_pid()
"""
EVERY_SHARD_ALONE = (EVERY_SHARD, "ExclusiveLock")
"""HOLDERS' row of a process running every shard, the one lock that refuses a shard process EVERY_SHARD shared."""
TRIES = 5
"""How often a lock is tried while each refusal's holder is gone by the time it is asked for."""


class DatabaseLock:
    """The run lock's session while the bot runs: watch() says when it is lost."""

    def __init__(self, connection: asyncpg.Connection, where: str):
        self._connection = connection
        self.where = where
        self.lost: str | None = None
        """Why the lock was lost, once it was."""

    @classmethod
    async def take(cls, settings: Settings) -> DatabaseLock | None:
        """The lock of this process's shards; a StartupError (exit 2) naming those running elsewhere. None on SQLite,
        whose file is on one machine: the data folder's locks are enough."""
        url = database_url(settings)
        if url.get_backend_name() == "sqlite":
            return None
        where = describe(url)

        async def take(connection: asyncpg.Connection) -> None:
            await connection.execute(LOCK_SESSION)
            await _take(connection, where, settings.shard_ids)

        connection = await _lock_session(url, f"storybot {socket.gethostname()} {os.getpid()}", take)
        return cls(connection, where)

    async def watch(self, on_lost: Callable[[], None]) -> None:
        """Checks the session now and every CHECK_SECONDS after; once it is lost, on_lost is called (the bot stops). A
        server paused for less than SILENT_SECONDS waits for the check."""
        while await self.held():
            await asyncio.sleep(CHECK_SECONDS)
        log.error("Lost the run lock on the database (%s); stopping, not to answer beside another storybot.", self.lost)
        on_lost()

    async def held(self) -> bool:
        """Whether the session still holds the lock: it answers. Once it ended, or had no answer for SILENT_SECONDS,
        the lock is lost, and self.lost says why."""
        if self.lost is None:
            try:
                await self._connection.fetchval("SELECT 1", timeout=SILENT_SECONDS)
            except TimeoutError:  # asyncpg closes the connection too
                self.lost = lock_check_failed_text(SILENT_SECONDS)
            except Exception as error:  # the session ended (a restart, the server's timeouts, the network), or
                # the driver failed otherwise: a check that died quietly would leave the lock unwatched
                self.lost = first_line(error)
        return self.lost is None

    async def release(self) -> None:
        with contextlib.suppress(Exception):
            async with asyncio.timeout(CONNECT_SECONDS):
                await self._connection.close()
        self._connection.terminate()


@contextlib.asynccontextmanager
async def database_stopped(settings: Settings) -> AsyncIterator[None]:
    """Holds the lock of every shard exclusively while the block runs, on PostgreSQL: a bot running on any machine is a
    StartupError (exit 2) naming its session, and one started meanwhile is refused naming this one."""
    if settings.database_url is None:  # SQLite: database_url would make the data folder
        yield
        return
    url = database_url(settings)
    where = describe(url)

    async def take(connection: asyncpg.Connection) -> None:
        if not await connection.fetchval("SELECT pg_try_advisory_lock($1, $2)", LOCK_CLASS, EVERY_SHARD):
            holders = await connection.fetch(HOLDERS, LOCK_CLASS)
            raise StartupError(running_now_text(where, database=True, holders=_names(holders)), exit_code=2)

    connection = await _lock_session(
        url, f"storybot {socket.gethostname()} {os.getpid()} {CHANGING_THE_DATABASE}", take
    )
    try:
        yield
    finally:
        await DatabaseLock(connection, where).release()


async def _lock_session(
    url: URL, name: str, take: Callable[[asyncpg.Connection], Awaitable[None]]
) -> asyncpg.Connection:
    """A connection of its own, named `name` (which pg_stat_activity shows those it refuses), on which `take` takes the
    locks; a failure is one line (failure()), and any ends the connection, releasing what was taken."""
    where = describe(url)
    connect = postgresql_connector(url, CONNECT_SECONDS, CONNECT_SECONDS)  # first: without asyncpg, what to install
    failed = _failures()
    try:
        connection = await connect()
    except failed as error:
        raise failure(url, where, error) from error
    try:
        await connection.execute("SELECT set_config('application_name', $1, false)", name)
        await take(connection)
    except failed as error:
        connection.terminate()
        raise failure(url, where, error) from error
    except BaseException:
        connection.terminate()
        raise
    return connection


def _failures() -> tuple[type[Exception], ...]:
    """What a call on the lock's connection raises when it fails (OSError includes TimeoutError)."""
    import asyncpg  # only once postgresql_connector found it (or said what to install)

    return (OSError, asyncpg.PostgresError, asyncpg.InterfaceError)


async def _take(connection: asyncpg.Connection, where: str, shard_ids: tuple[int, ...] | None) -> None:
    """Each lock, or a StartupError saying which are held elsewhere (the session's end then releases those taken).
    A lock refused and then released before its holder was asked for (a storybot stopping, or one refused as this one
    started) is tried again: a refusal naming nobody was exit 2, which the service manager does not restart."""
    for _ in range(TRIES):
        if not await _refused_by_nobody(connection, where, shard_ids):
            return
    raise StartupError(run_lock_released_text(where, TRIES))


async def _refused_by_nobody(connection: asyncpg.Connection, where: str, shard_ids: tuple[int, ...] | None) -> bool:
    """Takes each lock (one this session holds already is held once more, all released with the session); True when
    one was refused but its holder is gone, a StartupError naming the holders when they are not."""
    if shard_ids is None:
        if await connection.fetchval("SELECT pg_try_advisory_lock($1, $2)", LOCK_CLASS, EVERY_SHARD):
            return False
        holders = await connection.fetch(HOLDERS, LOCK_CLASS)
        if not any(h["shard"] == EVERY_SHARD for h in holders):
            return True
        shards = sorted({h["shard"] for h in holders if h["shard"] != EVERY_SHARD})
        raise _refused(where, holders, None, tuple(shards) or None)  # shards: processes that hold EVERY_SHARD shared
    if not await connection.fetchval("SELECT pg_try_advisory_lock_shared($1, $2)", LOCK_CLASS, EVERY_SHARD):
        holders = [
            h for h in await connection.fetch(HOLDERS, LOCK_CLASS) if (h["shard"], h["mode"]) == EVERY_SHARD_ALONE
        ]
        if not holders:
            return True
        raise _refused(where, holders, shard_ids, None)
    refused = [
        shard
        for shard in shard_ids
        if not await connection.fetchval("SELECT pg_try_advisory_lock($1, $2)", LOCK_CLASS, shard)
    ]
    if not refused:
        return False
    holders = [h for h in await connection.fetch(HOLDERS, LOCK_CLASS) if h["shard"] in refused]
    if not holders:
        return True
    raise _refused(where, holders, shard_ids, tuple(sorted({h["shard"] for h in holders})))


def _names(holders: list[asyncpg.Record]) -> list[str]:
    """The sessions holding the locks, by the name each took (the machine and the process id)."""
    return sorted({h["holder"] for h in holders if h["holder"]})


def _refused(
    where: str, holders: list[asyncpg.Record], mine: Sequence[int] | None, theirs: Sequence[int] | None
) -> StartupError:
    """Exit 2, or exit 1 when every holder is a process of this machine that ended: its session outlived it (its
    connection lost, as when the lock was lost), and the server ends it within SERVER_GIVES_UP_MS, so the service
    manager's next start takes the lock (exit 2 would have left the bot stopped for good)."""
    names = sorted({h["holder"] for h in holders})
    if names and all(_ended_here(name) for name in names):
        return StartupError(run_lock_ended_here_text(where, names))
    text = already_running_text(where, database=True, mine=mine, theirs=theirs, holders=_names(holders))
    return StartupError(text, exit_code=2)


def _ended_here(holder: str) -> bool:
    """A holder named as this machine's process (the name take() gives its session) that is no longer running; or
    as this very process, whose own session HOLDERS leaves out: the one before it in a container started again."""
    prefix = f"storybot {socket.gethostname()} "
    pid = holder.removeprefix(prefix)
    if not holder.startswith(prefix) or not pid.isdigit():
        return False  # another machine's, or one named otherwise
    if int(pid) == os.getpid():
        return True
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # running, as another user's process
        return False
    return False
