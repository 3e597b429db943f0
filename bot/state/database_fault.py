"""Why the database did not do what was asked, and what was asked: the reason codes bot.messages words. No
database library in them, so that what only words them (bot.messages, imported by `python -m bot ask`) loads none."""

from __future__ import annotations

import enum


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
