"""A consistent copy of the SQLite database beside it, before a change storybot cannot take back (a downgrade drops
tables and columns): VACUUM INTO, which copies what one read transaction sees, written under a hidden temporary
name, read back, and only then given its name, never over a file there."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import urllib.parse
from pathlib import Path

from bot.core.new_name import move_new


class CopyFailed(Exception):
    """The copy could not be written or read back (the original is untouched): the system's or SQLite's reason, or
    the revision the copy was read back at (`read_revision`), not the one copied."""

    def __init__(self, reason: str = "", *, read_revision: str | None = None):
        super().__init__(reason or f"read_back:{read_revision}")
        self.reason = reason
        self.read_revision = read_revision


def copy_beside(path: Path, revision: str, busy_seconds: float) -> Path:
    """The copy of `path` (at schema `revision`), named for the revision and the time; private, as the original is.
    Waits at most `busy_seconds` for another process's write lock."""
    target = path.with_name(f"{path.name}.revision-{revision}-{time.strftime('%Y%m%d-%H%M%S')}")
    temporary = path.with_name(f".{target.name}.tmp")
    try:
        os.close(os.open(temporary, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        try:
            _copy(path, temporary, busy_seconds)
            copied = _revision(temporary)
            if copied != revision:
                raise CopyFailed(read_revision=str(copied))
            move_new(temporary, target)
        finally:
            temporary.unlink(missing_ok=True)
    except sqlite3.Error as error:
        raise CopyFailed(str(error)) from error
    except OSError as error:
        raise CopyFailed(error.strerror or str(error)) from error
    return target


def _copy(path: Path, copy: Path, busy_seconds: float) -> None:
    """VACUUM INTO, not the backup API: Python's backup() retries a locked source without end (its busy wait is not
    SQLite's busy handler), where VACUUM INTO reads in one transaction that waits `busy_seconds` at most."""
    source_uri = f"file:{urllib.parse.quote(str(path))}?mode=ro"
    with contextlib.closing(sqlite3.connect(source_uri, uri=True, timeout=busy_seconds)) as source:
        source.execute("VACUUM INTO ?", (str(copy),))


def _revision(path: Path) -> str | None:
    with contextlib.closing(sqlite3.connect(f"file:{urllib.parse.quote(str(path))}?mode=ro", uri=True)) as copy:
        row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
    return None if row is None else str(row[0])
