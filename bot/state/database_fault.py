"""Why the database did not do what was asked, and what was asked: the reason codes bot.messages words. No
database library in them, so that what only words them (bot.messages, imported by `python -m bot ask`) loads none."""

from __future__ import annotations

import enum
from pathlib import Path

STARTUP_BUSY_SECONDS = 10.0
"""At start, before any interaction waits, the database may wait longer for another process's lock
(SQLite's busy wait; PostgreSQL's lock_timeout, a migration's lock on a table another session holds). Here, not in
bot.state.database, for bot.messages to name without the database's libraries."""
MAX_PORT = 65535
"""The highest port a database URL may name (here for bot.messages, as STARTUP_BUSY_SECONDS is)."""


class Fault(enum.Enum):
    BUSY = "busy"
    """Another process holds the lock, or the database is slow: trying again soon may work."""
    UNREACHABLE = "unreachable"
    """The server does not answer or refuses the connection: trying again soon may work."""
    UNWRITABLE = "unwritable"
    """The file or its folder cannot be written (read-only, immutable, full disk): the owner must act."""
    GONE = "gone"
    """The file was removed under the bot and could not be written back: the owner must act."""

    @property
    def lasting(self) -> bool:
        return self in (Fault.UNWRITABLE, Fault.GONE)


class DatabaseTask(enum.Enum):
    """What a front end asked of the database when it failed: one name for each, the same on the command line and
    on Discord (`feedback export` reads the feedback /feedback shows)."""

    SAVE_VOTE = "save_vote"
    SAVE_SETTING = "save_setting"
    READ_FEEDBACK = "read_feedback"
    REOPEN_ANSWER = "reopen_answer"
    CHANGE_SHELF = "change_shelf"
    READ_HISTORY = "read_history"
    MOVE_KEPT_OUT = "move_kept_out"
    READ_REVISION = "read_revision"
    TAKE_BACK = "take_back"


class OpenFault(enum.Enum):
    """Why the database could not be opened (or, for the last three, taken back to an earlier revision): the reason
    codes of DatabaseError, each with the facts said beside it. `where` is always the database in words (a file, or
    a server's URL with its password hidden)."""

    URL_UNUSABLE = "url_unusable"
    """SQLAlchemy could not make an engine of STORYBOT_DATABASE_URL: `detail`, its reason."""
    NOT_A_URL = "not_a_url"
    """STORYBOT_DATABASE_URL is no URL (or its port is no number)."""
    NOT_POSTGRESQL = "not_postgresql"
    """STORYBOT_DATABASE_URL names another database: `detail`, its scheme."""
    NOT_A_PORT = "not_a_port"
    """A port of STORYBOT_DATABASE_URL is none: `detail`, as written, cut to its start."""
    NO_DRIVER = "no_driver"
    """PostgreSQL's driver, asyncpg, is not installed."""
    NEWER_SCHEMA = "newer_schema"
    """A newer storybot migrated it: `detail`, Alembic's words; `revision`, this one's newest."""
    DATA_FOLDER_UNMADE = "data_folder_unmade"
    """The data folder `file` could not be made: `detail`, the system's reason."""
    SHARED_MEMORY_UNWRITABLE = "shared_memory_unwritable"
    """A SQLite -shm file, `file`, left by a storybot that used WAL, cannot be written."""
    SQLITE_UNOPENED = "sqlite_unopened"
    """The SQLite file cannot be opened or created: `detail`, why."""
    SQLITE_FULL = "sqlite_full"
    """The disk holding the SQLite file is full (or the user's quota on it): `detail`, why."""
    SQLITE_HELD = "sqlite_held"
    """Another process holds the SQLite file: `detail`, SQLite's words."""
    NO_SUCH_DATABASE = "no_such_database"
    """The PostgreSQL server has no `database`; `role` would own it."""
    PASSWORD_REFUSED = "password_refused"
    """The server refused `role`'s password."""
    ROLE_REFUSED = "role_refused"
    """The server refused `role`: `detail`, its words."""
    NOT_ALLOWED = "not_allowed"
    """`role` may not create tables in `database`: `detail`, the server's words."""
    SESSION_LOCKED = "session_locked"
    """Another session holds a lock it needs, past STARTUP_BUSY_SECONDS: `detail`, the server's words."""
    UNREACHABLE = "unreachable"
    """The server does not answer: `detail`, why."""
    COPY_HELD = "copy_held"
    """The SQLite file could not be copied before a downgrade, another process holding it: `detail`, why."""
    COPY_FAILED = "copy_failed"
    """The SQLite file could not be copied before a downgrade (no room): `detail`, why."""
    COPY_UNLIKE = "copy_unlike"
    """The copy made before a downgrade read back at revision `detail`, not the database's `revision`."""
    PARTLY_TAKEN_BACK = "partly_taken_back"
    """A downgrade of the SQLite `file` failed midway (`cause`); `copy` is the file as it was before."""

    @property
    def transient(self) -> bool:
        """Trying again later may work; otherwise the owner must change something first."""
        return self in (
            OpenFault.SQLITE_HELD,
            OpenFault.SESSION_LOCKED,
            OpenFault.UNREACHABLE,
            OpenFault.COPY_HELD,
            OpenFault.COPY_FAILED,
            OpenFault.COPY_UNLIKE,
        )


class DatabaseError(Exception):
    """The database cannot be opened (or taken back): a reason code and the facts bot.messages says it with. Its
    str() is the code and the database, for a log: no words, no password.

    `transient` when trying again later may work (a server that does not answer, a lock held); otherwise
    the owner must change something first (a setting, a database or role to create, an upgrade)."""

    def __init__(
        self,
        fault: OpenFault,
        *,
        where: str = "",
        detail: str = "",
        role: str | None = None,
        database: str | None = None,
        revision: str = "",
        file: Path | None = None,
        copy: Path | None = None,
        cause: DatabaseError | None = None,
    ):
        super().__init__(f"{fault.value}: {where or file or ''}")
        self.fault = fault
        self.where = where
        self.detail = detail
        self.role = role
        self.database = database
        self.revision = revision
        self.file = file
        self.copy = copy
        self.cause = cause

    @property
    def transient(self) -> bool:
        return self.fault.transient
