"""Every database call with a deadline, its failures sorted into what the user can be told, and a SQLite
file removed under the bot written back from the copy the bot still has open.

A Discord interaction has seconds. SQLite's busy wait behind another process's write lock, a PostgreSQL
server that stopped answering, a file made read-only or deleted while the bot runs: each must end in a
plain answer in time, never a hang, a traceback, or a "saved" that a restart takes back.
"""

from __future__ import annotations

import asyncio
import errno
import logging
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.core.new_name import move_new
from bot.state.database_fault import Fault

log = logging.getLogger(__name__)

T = TypeVar("T")

OPERATION_SECONDS = 3.0
"""The most a call may take in the bot: an interaction's answer is due within seconds. What the driver and the
server wait for each statement is below it (bot.state.statement_bounds), so that their own error says what was
wrong: a lock held elsewhere (BUSY), or no answer (UNREACHABLE)."""

LASTING_SQLITE_ERRORS = ("readonly", "read-only", "unable to open", "disk i/o", "disk is full")
BUSY_SQLSTATES = frozenset({"55P03", "40P01", "40001", "57014"})
"""PostgreSQL's SQLSTATE codes (appendix A of its manual) for a statement that lost to another session: a lock waited
for past lock_timeout, a deadlock, a serialization failure, a statement cancelled (statement_timeout). The server
answered; trying again soon may work."""


class DatabaseUnavailable(Exception):
    """A call that did not happen (or whose outcome is unknown): the fault says which, and the facts why, which
    bot.messages words: the driver's own words (`detail`), or the deadline it passed (`seconds`), or the SQLite file
    that became read-only (UNWRITABLE) or was removed (GONE). Its str() is those facts, for a log."""

    def __init__(self, fault: Fault, *, detail: str = "", seconds: float | None = None, file: Path | None = None):
        if detail or seconds is None:
            super().__init__(detail or f"{fault.value}: {file}")
        else:
            super().__init__(f"{fault.value}: {seconds:.0f} s")  # the deadline passed, for a log
        self.fault = fault
        self.detail = detail
        self.seconds = seconds
        self.file = file


class GuardedEngine:
    """The engine every store reads and writes through: read() and write() run one unit of work each."""

    def __init__(
        self,
        engine: AsyncEngine,
        make_engine: Callable[[], AsyncEngine],
        sqlite_file: Path | None,
        deadline: float = OPERATION_SECONDS,
    ):
        self.engine = engine
        self._make_engine = make_engine
        self._file = sqlite_file
        self._identity = _identity(sqlite_file) if sqlite_file is not None else None
        self._deadline = deadline
        self._rescue: asyncio.Task[None] | None = None
        """The write-back under way (_write_back): every call that finds the file gone waits for this one."""
        self._abandoned: set[asyncio.Task[object]] = set()
        """Calls past their deadline, cancelled and left to unwind (a stopped server may hold them)."""
        self._finishing: set[asyncio.Task[object]] = set()
        """Calls whose caller was cancelled: each finishes on its own, and closing waits for them."""

    async def read(self, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        return await self._run(work, writes=False)

    async def write(self, work: Callable[[AsyncConnection], Awaitable[T]], until: float | None = None) -> T:
        """In one transaction: all of it is saved, or none. `until`: a loop time later than the deadline from now
        that the transaction may run to (bot.state.grouped_writes: a deadline for each write of a group)."""
        return await self._run(work, writes=True, until=until)

    @property
    def deadline(self) -> float:
        """The most a call may take, in seconds."""
        return self._deadline

    def too_late(self) -> DatabaseUnavailable:
        """What a call past its deadline raises: a file's lock held, or a server that does not answer."""
        fault = Fault.BUSY if self._file is not None else Fault.UNREACHABLE
        return DatabaseUnavailable(fault, seconds=self._deadline)

    def finish_before_closing(self, task: asyncio.Task[None]) -> None:
        """Calls made by a task of their own that no caller's cancellation stops (bot.state.grouped_writes' writer):
        closing waits for it as for a call whose caller was cancelled, for at most the deadline."""
        self._finishing.add(task)
        task.add_done_callback(self._finishing.discard)

    async def dispose(self) -> None:
        for task in self._abandoned:
            task.cancel()
        try:
            async with asyncio.timeout(self._deadline):
                if self._finishing:  # a statement cancelled mid-way would leave its connection to the garbage collector
                    await asyncio.wait(set(self._finishing))
                await self.engine.dispose()
        except TimeoutError:
            log.warning("The database did not close its connections in time; leaving them.")

    async def _run(
        self, work: Callable[[AsyncConnection], Awaitable[T]], writes: bool, until: float | None = None
    ) -> T:
        if self._file is not None:
            await self._check_file(writes)
        seconds = self._deadline
        if until is not None:
            seconds = max(seconds, until - asyncio.get_running_loop().time())
        call = asyncio.ensure_future(self._unit(work, writes))
        try:
            return await asyncio.wait_for(asyncio.shield(call), seconds)
        except asyncio.CancelledError:  # the caller gave up (a bot closing), not the database
            self._finishing.add(call)
            call.add_done_callback(self._finishing.discard)
            raise
        except sa.exc.TimeoutError as error:  # every connection of the pool in use past the engine's pool_timeout
            log.warning("The database failed (%s): %s", Fault.BUSY.value, first_line(error))
            raise DatabaseUnavailable(Fault.BUSY, detail=first_line(error)) from error
        except (sa.exc.DBAPIError, OSError) as error:  # OSError includes TimeoutError: the deadline's, or the driver's
            if isinstance(error, TimeoutError) and not call.done():  # the deadline passed, the call still under way
                call.cancel()  # not awaited: cleaning up may wait on the very server that stopped answering
                self._abandoned.add(call)
                call.add_done_callback(self._forget)
                late = self.too_late()
                log.warning("The database did not answer within %.0f seconds (%s).", seconds, late.fault.value)
                raise late from None
            # The driver's own error, a TimeoutError too when the server did not answer a statement within the
            # client's bound (asyncpg's command_timeout): not the deadline, which is further off.
            fault = _fault_of(error, sqlite=self._file is not None)
            level = logging.ERROR if fault.lasting else logging.WARNING
            log.log(level, "The database failed (%s): %s", fault.value, first_line(error))
            raise DatabaseUnavailable(fault, detail=first_line(error)) from error

    async def _unit(self, work: Callable[[AsyncConnection], Awaitable[T]], writes: bool) -> T:
        if writes:
            async with self.engine.begin() as connection:
                return await work(connection)
        async with self.engine.connect() as connection:
            return await work(connection)

    def _forget(self, call: asyncio.Task[T]) -> None:
        self._abandoned.discard(call)
        error = None if call.cancelled() else call.exception()
        if error is not None:
            log.info("A database call given up on ended with: %s", first_line(error))

    async def _check_file(self, writes: bool) -> None:
        """The file the bot opened is still the one at its path; else it is written back (or refused)."""
        assert self._file is not None
        if _identity(self._file) != self._identity:
            if self._rescue is None:
                # A task of its own, which the caller's cancellation leaves to finish: its thread names the copy
                # whatever happens here, and a copy named that the bot did not take for its own was "another file"
                # to every later call, which refused to save until a restart.
                self._rescue = asyncio.ensure_future(self._write_back())
                self._finishing.add(self._rescue)
                self._rescue.add_done_callback(self._rescued)
            try:  # the copy is forced to disk before it is named: seconds on a busy disk, past an interaction's
                await asyncio.wait_for(asyncio.shield(self._rescue), self._deadline)
            except TimeoutError:
                log.warning("The database file %s is still being written back; this call did not wait.", self._file)
                raise DatabaseUnavailable(Fault.BUSY, seconds=self._deadline) from None
        if writes and not os.access(self._file, os.W_OK):
            log.error("%s can no longer be written (its mode, owner or attributes changed).", self._file)
            raise DatabaseUnavailable(Fault.UNWRITABLE, file=self._file)

    def _rescued(self, rescue: asyncio.Task[None]) -> None:
        """The write-back ended: the next call that finds the file gone tries again. Its failure is each waiting
        caller's to raise, and taken here for when none waits any more (logged in _write_back)."""
        self._rescue = None
        self._finishing.discard(rescue)
        if not rescue.cancelled():
            rescue.exception()

    async def _write_back(self) -> None:
        """The file was removed (or replaced) while the bot ran. The bot's open connections still read the
        removed one: it is copied whole back to its path, and the bot carries on with it. If something else
        now stands at the path, it is left alone and nothing is saved until the owner sorts it out."""
        assert self._file is not None
        copy = self._file.with_name(f"{self._file.name}.restoring-{os.getpid()}")
        try:
            if _identity(self._file) is not None:
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(self._file))
            copy.unlink(missing_ok=True)
            async with asyncio.timeout(self._deadline):
                async with self.engine.connect() as connection:
                    await connection.exec_driver_sql("VACUUM INTO ?", (str(copy),))
            # never over a file that appeared meanwhile, on disk before it is named (no hard links needed: FAT too)
            await asyncio.to_thread(move_new, copy, self._file)
        except (sa.exc.DBAPIError, OSError, TimeoutError) as error:
            log.error(
                "The database file %s was removed or replaced while the bot ran, and could not be written back "
                "(%s). Votes and settings cannot be saved; restart the bot (it starts a new database, or uses "
                "the file now there).",
                self._file,
                "another file now stands there" if isinstance(error, FileExistsError) else first_line(error),
            )
            raise DatabaseUnavailable(Fault.GONE, file=self._file) from error
        finally:
            copy.unlink(missing_ok=True)
        old, self.engine = self.engine, self._make_engine()
        self._identity = _identity(self._file)
        await old.dispose()
        log.warning(
            "The database file %s was removed while the bot ran; it was written back whole from the bot's open "
            "copy (nothing lost).",
            self._file,
        )


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _fault_of(error: BaseException, sqlite: bool) -> Fault:
    sqlstate = getattr(error.orig, "sqlstate", None) if isinstance(error, sa.exc.DBAPIError) else None
    if sqlstate in BUSY_SQLSTATES:
        return Fault.BUSY
    text = first_line(error).lower()
    if sqlite:
        if "locked" in text or "busy" in text:
            return Fault.BUSY
        if any(lasting in text for lasting in LASTING_SQLITE_ERRORS):
            return Fault.UNWRITABLE
        return Fault.BUSY
    if "read-only" in text or "no space" in text or "disk full" in text:
        return Fault.UNWRITABLE
    return Fault.UNREACHABLE


def first_line(error: BaseException) -> str:
    """The driver's own first line (SQLAlchemy's wrapper adds the statement and a link); an error without words (a
    timeout has none) is named by its type, which bot.messages words (driver_reason)."""
    text = str(error.orig if isinstance(error, sa.exc.DBAPIError) else error).strip()
    return text.splitlines()[0] if text else type(error).__name__
