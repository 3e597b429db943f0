"""The database's schema revision, read without changing anything, and taken back to an earlier revision for an
older storybot: opening the database only ever migrates it up, and an older storybot refuses one a newer migrated.

What a downgrade drops is counted before it runs (each revision's DOWNGRADE_DROPS), and a SQLite file is copied
first; the front end decides whether to go ahead (PostgreSQL's owner backs it up with pg_dump and says so).
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import enum
import errno
import os
from collections.abc import AsyncIterator
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from bot.state.database import (
    MIGRATION_BOUNDS,
    SQLITE_FILE,
    STARTUP_BUSY_SECONDS,
    current_revision,
    database_url,
    describe,
    engine_for,
    failure,
    migrations_on,
)
from bot.state.database_fault import DatabaseError, OpenFault
from bot.state.guarded_engine import OPERATION_SECONDS, first_line
from bot.state.revisions import known_revisions
from bot.state.sqlite_copy import CopyFailed, copy_beside
from bot.state.statement_bounds import StatementBounds


@dataclasses.dataclass(frozen=True)
class SchemaState:
    where: str
    """The database in words (password hidden)."""
    sqlite_file: Path | None
    """The SQLite file; None on PostgreSQL."""
    exists: bool
    """False for a SQLite file not created yet (the bot creates it at its first start)."""
    revision: str | None
    """The schema revision; None when no storybot migration ran there yet."""


@dataclasses.dataclass(frozen=True)
class Dropped:
    name: str
    """A table, or a column as "table.column"."""
    rows: int
    """The table's rows, or the rows whose column holds a value: what goes with it."""


@dataclasses.dataclass(frozen=True)
class DowngradePlan:
    state: SchemaState
    revision: str
    """The database's revision now."""
    target: str
    dropped: tuple[Dropped, ...]
    """Newest revision's first, in the order the downgrades drop them."""

    @property
    def drops_data(self) -> bool:
        return any(dropped.rows for dropped in self.dropped)


class Refusal(enum.Enum):
    NO_DATABASE = "no_database"
    """No file there, or no storybot revision in it: nothing to take back."""
    UNKNOWN_REVISION = "unknown_revision"
    """The database is at a revision this storybot does not know (a newer one wrote it): only that one can."""
    NOT_EARLIER = "not_earlier"
    """The target is the database's revision, or newer: a downgrade only goes back."""


class DowngradeRefused(Exception):
    def __init__(self, refusal: Refusal, state: SchemaState):
        super().__init__(refusal.value)
        self.refusal = refusal
        self.state = state


async def read_state(settings: Settings) -> SchemaState:
    """The revision, read only: a SQLite file that is not there is not created (nor its folder)."""
    if settings.database_url is None:
        where = settings.data / SQLITE_FILE
        try:
            there = where.is_file()
            blocked = None if there else _never_created(where)
        except OSError as error:  # a data folder inside one this user may not enter: is_file raised it
            raise DatabaseError(
                OpenFault.SQLITE_UNOPENED, where=str(where), detail=error.strerror or str(error)
            ) from error
        if blocked is not None:
            raise DatabaseError(OpenFault.SQLITE_UNOPENED, where=str(where), detail=blocked)
        if not there:
            return SchemaState(where=str(where), sqlite_file=None, exists=False, revision=None)
    url = database_url(settings)
    async with _connected(url, StatementBounds.within(OPERATION_SECONDS)) as connection:
        revision = await connection.run_sync(current_revision)
    return SchemaState(where=describe(url), sqlite_file=_sqlite_file(url), exists=True, revision=revision)


def _never_created(where: Path) -> str | None:
    """Why no SQLite file could ever be created at `where` (the system's words), or None: a folder standing at its
    name, or a data "folder" that is a file or a device. Both were "no database yet", exit 0, and the next command
    that opened it failed."""
    if where.exists():
        return os.strerror(errno.EISDIR if where.is_dir() else errno.EEXIST)  # a pipe, a device: "File exists"
    holder = next((folder for folder in where.parents if folder.exists()), None)
    if holder is not None and not holder.is_dir():
        return os.strerror(errno.ENOTDIR)
    return None


async def plan_downgrade(settings: Settings, target: str) -> DowngradePlan:
    """What taking the database back to `target` (a known revision) drops, counted; DowngradeRefused when it cannot."""
    state = await read_state(settings)
    ids = [revision.id for revision in known_revisions()]
    if state.revision is None:
        raise DowngradeRefused(Refusal.NO_DATABASE, state)
    if state.revision not in ids:
        raise DowngradeRefused(Refusal.UNKNOWN_REVISION, state)
    if ids.index(target) >= ids.index(state.revision):
        raise DowngradeRefused(Refusal.NOT_EARLIER, state)
    undone = known_revisions()[ids.index(target) + 1 : ids.index(state.revision) + 1]
    names = [name for revision in reversed(undone) for name in revision.drops]
    async with _connected(database_url(settings), MIGRATION_BOUNDS) as connection:
        dropped = tuple([Dropped(name=name, rows=await connection.scalar(_count(name)) or 0) for name in names])
    return DowngradePlan(state=state, revision=state.revision, target=target, dropped=dropped)


async def downgrade(settings: Settings, plan: DowngradePlan) -> Path | None:
    """Takes the database back as planned, in one transaction; a SQLite file is copied beside it first (the copy's
    path is returned). Waits for another's lock no longer than the start's migration does."""
    copy = None
    if plan.state.sqlite_file is not None:
        try:
            copy = await asyncio.to_thread(copy_beside, plan.state.sqlite_file, plan.revision, STARTUP_BUSY_SECONDS)
        except CopyFailed as error:
            if error.read_revision is not None:
                raise DatabaseError(
                    OpenFault.COPY_UNLIKE, where=plan.state.where, detail=error.read_revision, revision=plan.revision
                ) from error
            fault = OpenFault.COPY_HELD if "locked" in error.reason else OpenFault.COPY_FAILED
            raise DatabaseError(fault, where=plan.state.where, detail=error.reason) from error
    try:
        async with _connected(database_url(settings), MIGRATION_BOUNDS, begin=True) as connection:
            await connection.run_sync(_downgrade, plan.target)
    except DatabaseError as error:
        if copy is None:
            raise
        raise DatabaseError(
            OpenFault.PARTLY_TAKEN_BACK, where=plan.state.where, file=plan.state.sqlite_file, copy=copy, cause=error
        ) from error
    return copy


@contextlib.asynccontextmanager
async def _connected(url: URL, bounds: StatementBounds, *, begin: bool = False) -> AsyncIterator[AsyncConnection]:
    """A connection whose driver gives up by itself (as the start's migration's does); its failures are one line."""
    where = describe(url)
    try:
        engine = engine_for(url, bounds)
    except sa.exc.ArgumentError as error:
        raise DatabaseError(OpenFault.URL_UNUSABLE, where=where, detail=first_line(error)) from error
    try:
        async with engine.begin() if begin else engine.connect() as connection:
            yield connection
    except (sa.exc.DBAPIError, OSError) as error:  # OSError includes TimeoutError
        raise failure(url, where, error) from error
    finally:
        await engine.dispose()


def _sqlite_file(url: URL) -> Path | None:
    return Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None


def _count(name: str) -> sa.Select[int]:
    table, _, column = name.partition(".")
    counted = sa.select(sa.func.count()).select_from(sa.table(table))
    return counted.where(sa.column(column).is_not(None)) if column else counted


def _downgrade(connection: sa.Connection, target: str) -> None:
    command.downgrade(migrations_on(connection), target)
