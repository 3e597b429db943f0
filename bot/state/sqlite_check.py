"""A SQLite file's pages checked with SQLite's own PRAGMA quick_check, within a time bound.

SQLite finds a damaged page only when a statement reads it: a file whose page the disk or a copy spoilt opened, and
`database status` called it well and `shelf import` wrote more of an owner's stories into it. The check reads every
page (its cost grows with the file, about a second for each few hundred MB), so it is ended after CHECK_SECONDS and
said to be unfinished. It holds a read lock while it runs, in which a running bot's writes wait (a file of a few
hundred MB: a second). No database library in it but Python's own sqlite3, so that the command line imports no more.
"""

from __future__ import annotations

import contextlib
import enum
import sqlite3
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

CHECK_SECONDS = 10.0
"""How long the check may read: a file past what it reads in that time is said to be unchecked, not damaged."""
PROGRESS_STEPS = 1000
"""SQLite's virtual machine steps between two looks at the clock (well under a millisecond): the check's steps over
the rows, which a timer's interrupt, for its walk over the pages, may not reach at the moment it fires."""
FIRST_PROBLEMS = 1
"""quick_check(N) stops after N problems: the first names the damage, the rest would only cost time."""


class PagesFound(enum.Enum):
    SOUND = "sound"
    DAMAGED = "damaged"
    """SQLite's check found a page that does not read as its kind of page (`detail`, SQLite's words)."""
    UNFINISHED = "unfinished"
    """The check did not end within its time, or could not start (another process held the file): `detail`, why."""


@dataclass(frozen=True, kw_only=True)
class PageCheck:
    found: PagesFound
    detail: str = ""
    seconds: float = CHECK_SECONDS


def check_pages(path: Path, seconds: float = CHECK_SECONDS) -> PageCheck:
    """`path`'s pages as quick_check finds them, opened read-only (never created), ended after `seconds`."""
    deadline = time.monotonic() + seconds
    uri = f"file:{urllib.parse.quote(str(path))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=seconds)
    except sqlite3.Error as error:
        return PageCheck(found=PagesFound.UNFINISHED, detail=str(error), seconds=seconds)
    # Two ways of ending it: the progress handler runs between the virtual machine's steps, the interrupt also
    # within SQLite's walk over the b-tree pages, which is one step however big the file.
    timer = threading.Timer(seconds, _interrupt, (connection,))
    try:
        connection.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
        timer.start()
        rows = connection.execute(f"PRAGMA quick_check({FIRST_PROBLEMS})").fetchall()
    except sqlite3.OperationalError as error:  # interrupted at the deadline, or the file held past it ("locked")
        return PageCheck(found=PagesFound.UNFINISHED, detail=str(error), seconds=seconds)
    except sqlite3.DatabaseError as error:  # "database disk image is malformed", "file is not a database"
        return PageCheck(found=PagesFound.DAMAGED, detail=str(error), seconds=seconds)
    finally:
        timer.cancel()
        connection.close()
    first = str(rows[0][0]) if rows else "ok"
    if first == "ok":
        return PageCheck(found=PagesFound.SOUND, seconds=seconds)
    # "*** in database main ***\nPage 6: btreeInitPage() returns error code 11": the page, on one line
    said = [line for line in first.splitlines() if line.strip() and not line.startswith("***")]
    return PageCheck(found=PagesFound.DAMAGED, detail="; ".join(said) or first, seconds=seconds)


def _interrupt(connection: sqlite3.Connection) -> None:
    """The check ended at its deadline; a connection closed just before has nothing left to end."""
    with contextlib.suppress(sqlite3.ProgrammingError):
        connection.interrupt()
