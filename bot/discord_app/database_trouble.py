"""What to tell someone whose vote, setting or listing the database could not take (see bot/state/guarded_engine)."""

from __future__ import annotations

from bot.state.guarded_engine import DatabaseUnavailable


def database_trouble(error: DatabaseUnavailable, doing: str) -> str:
    """`doing` is what failed, as in "I couldn't save your vote". A lasting fault is not "try again": retrying
    cannot help until the bot's owner acts, and they have it in the log."""
    if error.fault.lasting:
        return (
            f"I couldn't {doing}: the bot's database can't be written right now. The bot's owner has it in the "
            "log; it works again once they fix it."
        )
    return f"I couldn't {doing}: the database didn't answer in time. Please try again in a moment."
