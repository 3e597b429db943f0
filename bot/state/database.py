"""The bot's database: SQLite in the data folder by default, PostgreSQL when STORYBOT_DATABASE_URL says so.

Opening it brings its schema up to date with Alembic's versioned migrations (bot/state/migrations),
so an older database is upgraded in place and a newer one is refused rather than misread.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy.engine import URL, make_url
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.settings import Settings
from bot.state.feedback import FeedbackStore
from bot.state.server_settings import ServerSettingsStore

log = logging.getLogger(__name__)

SQLITE_FILE = "storybot.db"
MIGRATIONS = Path(__file__).with_name("migrations")
POSTGRESQL_SCHEMES = ("postgresql", "postgres", "postgresql+asyncpg")


class DatabaseError(Exception):
    """The database cannot be opened; the message says which one and what to do."""


class Database:
    """One engine, and the stores that read and write through it."""

    def __init__(self, engine: AsyncEngine, where: str):
        self.engine = engine
        self.where = where
        """The database in words (a file, or a server with its password hidden), for messages."""
        self.servers = ServerSettingsStore(engine)
        self.feedback = FeedbackStore(engine)

    @classmethod
    async def open(cls, settings: Settings) -> Database:
        """Connects and migrates; a damaged SQLite file is moved aside (kept) and a fresh one started."""
        url = database_url(settings)
        where = describe(url)
        try:
            return await cls._open(url, where)
        except sa.exc.DatabaseError as error:
            path = url.database
            if url.get_backend_name() != "sqlite" or path is None or not _is_damaged(error):
                raise DatabaseError(f"Could not open the database at {where}: {_reason(error)}") from error
            kept = Path(f"{path}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
            os.replace(path, kept)
            log.warning("The database %s is damaged (%s); it was kept as %s and a new one started.", path, error, kept)
            return await cls._open(url, where)

    @classmethod
    async def _open(cls, url: URL, where: str) -> Database:
        try:
            engine = create_async_engine(url, pool_pre_ping=True)
        except ModuleNotFoundError as error:
            raise DatabaseError(
                f"{where} is a PostgreSQL database, which needs the asyncpg driver: "
                "pip install 'storybot[postgresql]' (or pip install asyncpg)."
            ) from error
        if url.get_backend_name() == "sqlite":
            sa.event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        try:
            async with engine.begin() as connection:
                await connection.run_sync(_migrate)
        except CommandError as error:
            await engine.dispose()
            raise DatabaseError(
                f"The database at {where} was written by a newer storybot ({error}). Upgrade storybot, or "
                "point STORYBOT_DATA or STORYBOT_DATABASE_URL elsewhere."
            ) from error
        except (sa.exc.InterfaceError, sa.exc.OperationalError, OSError) as error:
            await engine.dispose()
            raise DatabaseError(
                f"Could not reach the database at {where}: {_reason(error)}. Check that the server is running "
                "and STORYBOT_DATABASE_URL is right."
            ) from error
        except BaseException:
            await engine.dispose()
            raise
        return cls(engine, where)

    async def close(self) -> None:
        await self.engine.dispose()


def database_url(settings: Settings) -> URL:
    """STORYBOT_DATABASE_URL as SQLAlchemy's async URL, or the SQLite file in the data folder (created)."""
    if settings.database_url is None:
        folder = settings.data
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise DatabaseError(
                f"Could not create the data folder {folder} ({error.strerror}); set STORYBOT_DATA to a folder "
                "the bot may write."
            ) from error
        return URL.create("sqlite+aiosqlite", database=str(folder / SQLITE_FILE))
    try:
        url = make_url(settings.database_url)
    except sa.exc.ArgumentError as error:
        raise DatabaseError(
            "STORYBOT_DATABASE_URL is not a database URL; it takes postgresql://user:password@host:5432/name."
        ) from error
    if url.drivername not in POSTGRESQL_SCHEMES:
        raise DatabaseError(
            f"STORYBOT_DATABASE_URL starts with {url.drivername}://; storybot takes postgresql:// there "
            "(leave it unset for SQLite in STORYBOT_DATA)."
        )
    return url.set(drivername="postgresql+asyncpg")


def describe(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


def _migrate(connection: sa.Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _sqlite_pragmas(connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    """WAL lets `python -m bot feedback export` read while the bot writes; wait for a lock, don't fail."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _is_damaged(error: sa.exc.DatabaseError) -> bool:
    text = str(error.orig)
    return "file is not a database" in text or "malformed" in text


def _reason(error: BaseException) -> str:
    """The driver's own first line (SQLAlchemy's wrapper adds the statement and a link)."""
    text = str(error.orig if isinstance(error, sa.exc.DBAPIError) else error).strip()
    return text.splitlines()[0] if text else type(error).__name__
