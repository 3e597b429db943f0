"""A command-line command's work on the bot's database, its two expected failures told in one line each."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import TypeVar

T = TypeVar("T")


def run_on_database(work: Coroutine[object, object, T], failed: type[Exception], doing: str) -> T:
    """What `work` gives; `failed` with a message that says why and what to do when the database cannot be opened
    (its URL, its version), cannot be written, or does not answer in time (`doing`: what could not be done, "read
    the votes").

    The database's libraries (SQLAlchemy, Alembic) are imported here, not by every `python -m bot ask`."""
    from bot.state.database import DatabaseError
    from bot.state.guarded_engine import DatabaseUnavailable

    try:
        return asyncio.run(work)
    except DatabaseError as error:
        raise failed(str(error)) from error
    except DatabaseUnavailable as error:
        if error.fault.lasting:  # trying again cannot help until the owner acts (as bot.discord_app.database_trouble)
            raise failed(
                f"Could not {doing} ({error}): the database cannot be written (a read-only or immutable file or "
                "folder, or a full disk); make it writable, then run this again."
            ) from error
        raise failed(f"Could not {doing} ({error}); try again in a moment.") from error
