"""A command-line command's work on the bot's database, its two expected failures told in one line each."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import TypeVar

from bot.messages import (
    damaged_database_text,
    database_command_text,
    database_error_text,
    pages_unchecked_text,
    unavailable_text,
)
from bot.settings import Settings
from bot.state.database_fault import DatabaseTask

T = TypeVar("T")


def run_on_database(work: Coroutine[object, object, T], failed: type[Exception], task: DatabaseTask) -> T:
    """What `work` gives; `failed` with a message that says why and what to do when the database cannot be opened
    (its URL, its version), cannot be written, or does not answer in time (`task`: what could not be done).

    The database's libraries (SQLAlchemy, Alembic) are imported here, not by every `python -m bot ask`."""
    from bot.state.database import DatabaseError
    from bot.state.guarded_engine import DatabaseUnavailable

    try:
        return asyncio.run(work)
    except DatabaseError as error:
        raise failed(database_error_text(error)) from error
    except DatabaseUnavailable as error:
        raise failed(database_command_text(error.fault, task, unavailable_text(error))) from error


def checked_pages(settings: Settings, failed: type[Exception], *, importing: bool) -> None:
    """`failed`, saying what to do, when the settings' SQLite file is damaged inside a page (SQLite's quick_check,
    within CHECK_SECONDS: bot.state.sqlite_check); a check that did not finish said on stderr. A file not made yet is
    not checked, nor PostgreSQL, whose server keeps its own pages (docs/service.md)."""
    from bot.state.database import SQLITE_FILE
    from bot.state.sqlite_check import PagesFound, check_pages

    file = settings.data / SQLITE_FILE
    if settings.database_url is not None:
        return
    try:
        size = file.stat().st_size if file.is_file() else 0
    except OSError:  # a data folder the user may not enter: the command's opening of the database names it
        return
    if not size:
        return
    check = check_pages(file)
    if check.found is PagesFound.DAMAGED:
        raise failed(damaged_database_text(file, check, importing=importing))
    if check.found is PagesFound.UNFINISHED:
        print(pages_unchecked_text(file, check), file=sys.stderr)
