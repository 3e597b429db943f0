"""A command-line command's work on the bot's database, its two expected failures told in one line each."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TypeVar

from bot.messages import database_command_text, database_error_text, unavailable_text
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
