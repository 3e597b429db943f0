"""The bot's database: SQLite in the data folder by default, PostgreSQL when STORYBOT_DATABASE_URL says so.

Opening it brings its schema up to date with Alembic's versioned migrations (bot/state/migrations),
so an older database is upgraded in place and a newer one is refused rather than misread.
"""

from __future__ import annotations

import asyncio
import errno
import functools
import logging
import os
import time
import urllib.parse
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.settings import SHELF_STORED_MB, Settings
from bot.state.answers import AnswerStore
from bot.state.database_fault import MAX_PORT, STARTUP_BUSY_SECONDS, DatabaseError, OpenFault
from bot.state.feedback import FeedbackStore
from bot.state.grouped_writes import GroupedWrites
from bot.state.guarded_engine import OPERATION_SECONDS, GuardedEngine, first_line
from bot.state.revisions import MIGRATIONS, newest
from bot.state.server_settings import ServerSettingsStore
from bot.state.shelves import ShelfStore
from bot.state.statement_bounds import StatementBounds
from bot.state.waiting_interactions import WaitingInteractionStore

if TYPE_CHECKING:
    import aiosqlite
    import asyncpg
    from alembic.config import Config

log = logging.getLogger(__name__)

SQLITE_FILE = "storybot.db"
VERSION_TABLE = "alembic_version"
"""Where Alembic keeps the database's revision (its default name)."""
SQLITE_FULL_WORDS = "disk is full"
"""What SQLite says for SQLITE_FULL ("database or disk is full"): the disk has no room, which no folder's permission
fixes."""
POSTGRESQL_SCHEMES = ("postgresql", "postgres", "postgresql+asyncpg")
SECRET_PARAMETERS = ("password", "sslpassword")
"""libpq's parameters that hold a secret (the password, the client key's passphrase): never shown."""
HIDDEN = "***"
MIGRATION_STATEMENT_SECONDS = 300.0
"""A migration's statement may take minutes on a large table; a server that stopped answering does not
hold the start for ever."""
MIGRATION_BOUNDS = StatementBounds.within(MIGRATION_STATEMENT_SECONDS, lock=STARTUP_BUSY_SECONDS)
"""The start's migration: minutes for a statement, STARTUP_BUSY_SECONDS for another session's lock."""
REFUSALS = {
    "3D000": OpenFault.NO_SUCH_DATABASE,
    "28000": OpenFault.ROLE_REFUSED,
    "28P01": OpenFault.PASSWORD_REFUSED,
    "42501": OpenFault.NOT_ALLOWED,
    "55P03": OpenFault.SESSION_LOCKED,
}
"""PostgreSQL's SQLSTATE codes for the refusals an owner can fix (appendix A of its manual), or wait out."""
PORT_SHOWN = 20
"""Characters of a port that is none quoted in the message (a line, not a screenful of digits)."""


class _DamagedSQLite(Exception):
    """The SQLite file at `path` is not a database (any more): moved aside, then a new one started."""

    def __init__(self, path: str, reason: str):
        super().__init__(reason)
        self.path = path


class Database:
    """One guarded engine (every call with a deadline), and the stores that read and write through it."""

    def __init__(self, engine: GuardedEngine, where: str, *, shelf_stored_mb: int = SHELF_STORED_MB):
        self.guarded = engine
        self.where = where
        """The database in words (a file, or a server with its password hidden), for messages."""
        self.servers = ServerSettingsStore(engine)
        self.feedback = FeedbackStore(engine)
        grouped = GroupedWrites(engine)
        self.answers = AnswerStore(engine, grouped)
        self.waiting = WaitingInteractionStore(engine, grouped)
        self.shelves = ShelfStore(engine, most_stored=shelf_stored_mb * 2**20)

    @property
    def engine(self) -> AsyncEngine:
        return self.guarded.engine

    @classmethod
    async def open(cls, settings: Settings, deadline: float = OPERATION_SECONDS) -> Database:
        """Connects and migrates; a damaged SQLite file is moved aside (kept) and a fresh one started.

        `deadline` bounds every later call (the bot's interactions have seconds; an export may wait longer), and
        each statement's waits below it (StatementBounds): a long command's statements may take nearly all of it.
        """
        url = database_url(settings)
        where = describe(url)
        try:
            return await cls._open(url, where, deadline, settings.shelf_stored_mb)
        except _DamagedSQLite as damaged:
            path = damaged.path
            kept = Path(f"{path}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            os.replace(path, kept)
            log.warning(
                "The database %s is damaged (%s); it was kept as %s and a new one started.", path, damaged, kept
            )
            return await cls._open(url, where, deadline, settings.shelf_stored_mb)

    @classmethod
    async def _open(cls, url: URL, where: str, deadline: float, shelf_stored_mb: int) -> Database:
        sqlite_file = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
        if sqlite_file is not None:
            _prepare_sqlite_file(sqlite_file, where)
        try:
            # Migrating may take long on a large table: only connecting is bounded tightly.
            migrating = engine_for(url, MIGRATION_BOUNDS)
        except sa.exc.ArgumentError as error:  # SQLAlchemy's reading of libpq's parameters: hosts and ports unpaired
            raise DatabaseError(OpenFault.URL_UNUSABLE, where=where, detail=first_line(error)) from error
        try:
            async with migrating.begin() as connection:
                await connection.run_sync(_migrate)
        except _NewerSchema as error:
            raise DatabaseError(OpenFault.NEWER_SCHEMA, where=where, detail=str(error), revision=newest()) from error
        except (sa.exc.DBAPIError, OSError) as error:  # OSError includes TimeoutError
            if sqlite_file is not None and _is_damaged(error):
                raise _DamagedSQLite(str(sqlite_file), first_line(error)) from error
            raise failure(url, where, error) from error
        finally:
            await migrating.dispose()

        bounds = StatementBounds.within(deadline)

        def working_engine() -> AsyncEngine:
            return engine_for(url, bounds)

        guarded = GuardedEngine(working_engine(), working_engine, sqlite_file, deadline)
        return cls(guarded, where, shelf_stored_mb=shelf_stored_mb)

    async def close(self) -> None:
        await self.guarded.dispose()


def engine_for(url: URL, bounds: StatementBounds) -> AsyncEngine:
    """An engine whose driver gives up by itself, within `bounds`: SQLite's busy wait; PostgreSQL's connect, the
    server's lock_timeout and statement_timeout, and below them the client's wait for an answer to a statement."""
    if url.get_backend_name() == "sqlite":
        connect = sqlite_connector(Path(str(url.database)), bounds.connect)
        engine = create_async_engine(url, async_creator=connect, pool_pre_ping=True)
        busy_ms = int(1000 * bounds.lock)
        sa.event.listen(engine.sync_engine, "connect", functools.partial(_sqlite_pragmas, busy_ms=busy_ms))
        return engine
    connect = postgresql_connector(url, bounds.connect, bounds.client)
    engine = create_async_engine(url, async_creator=connect, pool_pre_ping=True, pool_timeout=bounds.connect)
    lock_ms, statement_ms = int(1000 * bounds.lock), int(1000 * bounds.server)
    waits = functools.partial(_postgresql_waits, lock_ms=lock_ms, statement_ms=statement_ms)
    sa.event.listen(engine.sync_engine, "connect", waits)
    return engine


def postgresql_connector(
    url: URL, connect_seconds: float, statement_seconds: float
) -> Callable[[], Awaitable[asyncpg.Connection]]:
    """asyncpg's connect for the URL, bounded: the engine's connections and the run lock's own."""
    try:
        import asyncpg  # the postgresql extra's driver
    except ModuleNotFoundError as error:
        raise DatabaseError(OpenFault.NO_DRIVER, where=describe(url)) from error

    # asyncpg reads the URL as libpq does (?sslmode=require, application_name, options, a socket's ?host=):
    # SQLAlchemy would pass each parameter on as a keyword asyncpg.connect() does not take. Only ?ssl=require,
    # SQLAlchemy's documented way to ask asyncpg for TLS, is still passed as that keyword: in the URL asyncpg
    # would send it to the server as a setting ("parameter "ssl" cannot be changed now").
    ssl = url.query.get("ssl")
    dsn = url.difference_update_query(["ssl"]).set(drivername="postgresql").render_as_string(hide_password=False)
    tls = {} if ssl is None else {"ssl": ssl if isinstance(ssl, str) else ssl[-1]}

    async def connect() -> asyncpg.Connection:
        return await asyncpg.connect(dsn, timeout=connect_seconds, command_timeout=statement_seconds, **tls)

    return connect


def sqlite_connector(path: Path, connect_seconds: float) -> Callable[[], Awaitable[aiosqlite.Connection]]:
    """aiosqlite's connect, as SQLAlchemy's would (its thread a daemon), that when it fails waits for aiosqlite's
    thread to end: aiosqlite stops it then, and its answer to that stop, which no one waits for, came after the event
    loop had closed about half the time a command ended just after ("Exception in thread ... Event loop is closed",
    a traceback at exit). mode=rw: a file removed under the bot is never silently recreated empty by a new connection.
    The path is percent-encoded: in a URI a '#' or '?' would end it (the database written beside its folder)."""
    import aiosqlite

    uri = f"file:{urllib.parse.quote(str(path))}?mode=rw"

    async def connect() -> aiosqlite.Connection:
        connection = aiosqlite.connect(uri, uri=True, timeout=connect_seconds, check_same_thread=False)
        connection._thread.daemon = True  # as SQLAlchemy's own connect: never holds the exit
        try:
            return await connection
        except BaseException:
            await asyncio.to_thread(connection._thread.join, connect_seconds)
            raise

    return connect


def _prepare_sqlite_file(path: Path, where: str) -> None:
    """Created private if new (connections open it read-write only, never create it). A -shm file is left
    over by storybots that used WAL; it is memory-mapped while opening, and one that cannot be written
    would end the process with SIGBUS there, so it is refused with what to do."""
    shared_memory = path.with_name(f"{path.name}-shm")
    if shared_memory.exists() and not os.access(shared_memory, os.W_OK):
        raise DatabaseError(OpenFault.SHARED_MEMORY_UNWRITABLE, where=where, file=shared_memory)
    try:
        os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    except OSError as error:
        fault = OpenFault.SQLITE_FULL if error.errno in (errno.ENOSPC, errno.EDQUOT) else OpenFault.SQLITE_UNOPENED
        raise DatabaseError(fault, where=where, detail=error.strerror or str(error)) from error


def database_url(settings: Settings) -> URL:
    """STORYBOT_DATABASE_URL as SQLAlchemy's async URL, or the SQLite file in the data folder (created)."""
    if settings.database_url is None:
        folder = settings.data
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise DatabaseError(
                OpenFault.DATA_FOLDER_UNMADE, file=folder, detail=error.strerror or str(error)
            ) from error
        return URL.create("sqlite+aiosqlite", database=str(folder / SQLITE_FILE))
    try:
        url = make_url(_user_ats_escaped(settings.database_url))
    except (sa.exc.ArgumentError, ValueError) as error:  # ValueError: SQLAlchemy's int() of a port that is no number
        raise DatabaseError(OpenFault.NOT_A_URL) from error
    try:  # asyncpg reads it with urllib, which refuses a host's '[' without ']' (or one without '['): at connecting
        urllib.parse.urlsplit(url.render_as_string(hide_password=False))
    except ValueError as error:
        raise DatabaseError(OpenFault.NOT_A_URL) from error
    _check_ports(url)
    if url.drivername not in POSTGRESQL_SCHEMES:
        raise DatabaseError(OpenFault.NOT_POSTGRESQL, detail=url.drivername)
    return url.set(drivername="postgresql+asyncpg")


def _check_ports(url: URL) -> None:
    """Ports from 1 to MAX_PORT, the URL's own, libpq's ?port= (one for each of several hosts) and its hosts' own
    (?host=db:5433): asyncpg's OverflowError and ValueError and SQLAlchemy's ArgumentError for the others were
    tracebacks at start."""
    ports = [str(url.port)] if url.port is not None else []
    ports += _query_list(url, "port")
    ports += [port for host in _query_list(url, "host") if (port := _host_port(host))]
    for port in ports:
        if not (port.isascii() and port.isdigit() and len(port) <= len(str(MAX_PORT)) and 0 < int(port) <= MAX_PORT):
            shown = port if len(port) <= PORT_SHOWN else port[:PORT_SHOWN] + "…"
            raise DatabaseError(OpenFault.NOT_A_PORT, detail=shown)


def _query_list(url: URL, name: str) -> list[str]:
    """The comma-separated values of a query parameter, given once or more (?host=a,b or ?host=a&host=b)."""
    written = url.query.get(name, ())
    return [value for values in ([written] if isinstance(written, str) else written) for value in values.split(",")]


def _host_port(host: str) -> str:
    """The port a libpq host names after its ':' (db:5433, [::1]:5433), as asyncpg reads it; "" for none (a
    socket's folder, a host without one: the default port)."""
    if host.startswith("/"):
        return ""
    if host.startswith("["):
        after = host.partition("]")[2]
        return after[1:] if after.startswith(":") else ""
    return host.partition(":")[2]


def _user_ats_escaped(written: str) -> str:
    """The URL with every '@' of its user and password written %40, for SQLAlchemy, which ends them at their first
    '@': an '@' not written %40, as compose's ${POSTGRES_PASSWORD} cannot be, showed the password's end in every
    message as the host (and the database, after a '/'; a '?' dropped it). They end at the last '@' before the
    server (_server_at): an '@' after it, in the database's name or a query's value, stays where it is."""
    scheme, separator, rest = written.partition("://")
    end = _server_at(rest)
    return f"{scheme}{separator}{rest[:end].replace('@', '%40')}{rest[end:]}"


def _server_at(rest: str) -> int:
    """The '@' that ends the user and password in what follows '://': the first after which the rest reads as a URL's
    server, a host and port without '@', then one database name (no '/') and a query whose names hold no '@' (a
    password may hold '@', '/' and '?': docs/service.md). 0 when none does (SQLAlchemy reads the URL as written).
    One pass from the end, keeping where the next of each delimiter is and whether what follows it reads so: linear."""
    n = len(rest)
    at = slash = question = amp = name_end = n  # the next '@', '/', '?', '&', and '=' or '&'
    pairs_ok = after_amp = after_question = after_slash = True  # what follows reads as a query's pairs (or a database)
    server_at = 0
    for i in range(n - 1, -1, -1):
        char = rest[i]
        if char == "@":
            host_end = min(slash, question)
            if at >= host_end and (host_end == n or (after_question if host_end == question else after_slash)):
                server_at = i
            at = i
        elif char == "/":
            slash, after_slash = i, slash >= question and after_question
        elif char == "?":
            question, after_question = i, pairs_ok
        elif char == "&":
            amp, after_amp = i, pairs_ok
        if char in "=&":
            name_end = i
        pairs_ok = at >= name_end and (amp == n or after_amp)
    return server_at


def describe(url: URL) -> str:
    """The database as its owner wrote it (postgresql://..., password hidden, libpq's ?password= and
    ?sslpassword= too), or the SQLite file's path."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    hidden = {name: HIDDEN for name in SECRET_PARAMETERS if name in url.query}
    shown = url.update_query_dict(hidden).set(drivername="postgresql").render_as_string(hide_password=True)
    return shown.replace(urllib.parse.quote(HIDDEN, safe=""), HIDDEN)  # as the password is hidden: ***


def failure(url: URL, where: str, error: Exception) -> DatabaseError:
    """What went wrong, as a code and its facts: PostgreSQL's refusals by their SQLSTATE code (asyncpg's own
    errors, from the run lock's connection, carry it as SQLAlchemy's do)."""
    reason = first_line(error)
    code = getattr(error.orig if isinstance(error, sa.exc.DBAPIError) else error, "sqlstate", None)
    fault = REFUSALS.get(code) if isinstance(code, str) else None
    if fault is None and url.get_backend_name() == "sqlite":
        held = isinstance(error, TimeoutError) or "locked" in reason
        full = SQLITE_FULL_WORDS in reason  # SQLITE_FULL's own words: no room to write, not a folder barred
        fault = OpenFault.SQLITE_HELD if held else OpenFault.SQLITE_FULL if full else OpenFault.SQLITE_UNOPENED
    return DatabaseError(
        fault or OpenFault.UNREACHABLE, where=where, detail=reason, database=url.database, role=url.username
    )


class _NewerSchema(Exception):
    """Alembic's refusal of a revision it does not know: a newer storybot's."""


def _migrate(connection: sa.Connection) -> None:
    """Migrates unless the database is at the newest revision: only migrating takes the write lock (env.py), so a
    start never waits for another process's write to end (a newer revision is refused by Alembic, CommandError).
    Alembic is imported only then: a start with nothing to migrate reads the revision itself."""
    if current_revision(connection) == newest():
        return
    from alembic import command
    from alembic.util.exc import CommandError

    try:
        command.upgrade(migrations_on(connection), "head")
    except CommandError as error:
        raise _NewerSchema(str(error)) from error


def current_revision(connection: sa.Connection) -> str | None:
    """The revision Alembic's table holds, as Alembic reads it; None before the first migration."""
    if not sa.inspect(connection).has_table(VERSION_TABLE):
        return None
    revision = connection.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
    return None if revision is None else str(revision)


def migrations_on(connection: sa.Connection) -> Config:
    """Alembic's configuration running the migrations on `connection` (bot/state/migrations/env.py)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _postgresql_waits(
    connection: DBAPIConnection, _record: ConnectionPoolEntry, lock_ms: int, statement_ms: int
) -> None:
    """The server's own bounds, below the client's (StatementBounds): a statement it ends answers BUSY. Set once
    connected, not as start-up parameters: a pooler in front of PostgreSQL (PgBouncer) refuses start-up parameters
    it does not know, and the bot could not connect at all. Committed: the driver runs them in a transaction, which
    a first call that only read rolled back, and with it the waits, for every later call on the connection."""
    cursor = connection.cursor()
    cursor.execute(f"SET lock_timeout = {int(lock_ms)}")
    cursor.execute(f"SET statement_timeout = {int(statement_ms)}")
    cursor.close()
    connection.commit()


def _sqlite_pragmas(connection: DBAPIConnection, _record: ConnectionPoolEntry, busy_ms: int) -> None:
    """A rollback journal, not WAL: WAL memory-maps storybot.db-shm, and a -shm file made read-only or
    immutable under the bot then kills it with SIGBUS on the next write. The bot writes little (votes,
    settings), so `python -m bot feedback export` waits a moment at most. Wait for a lock, briefly."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=DELETE")
    cursor.execute(f"PRAGMA busy_timeout={busy_ms}")
    cursor.close()


def _is_damaged(error: sa.exc.DBAPIError | OSError) -> bool:
    text = first_line(error)
    return "file is not a database" in text or "malformed" in text
