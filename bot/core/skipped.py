"""Why a file or folder of the corpus was not read as a story: a stable reason code beside its message."""

from __future__ import annotations

import enum


class SkipReason(enum.StrEnum):
    """Stable: `python -m bot stories --json` gives it (README, "Command line")."""

    FOLDER_UNREADABLE = "folder_unreadable"
    """A folder below the corpus folder cannot be listed (its permissions)."""
    NAME_NOT_UTF8 = "name_not_utf8"
    BROKEN_LINK = "broken_link"
    LINK_OUTSIDE = "link_outside"
    """A link that leads out of the corpus folder."""
    READ_TWICE = "read_twice"
    """A second way to a folder or file already read (a link to it, or a loop)."""
    NOT_STORIES = "not_stories"
    """Files of no story format, said together (`file` is None)."""
    CANNOT_OPEN = "cannot_open"
    """The file cannot be opened (its permissions, or not a regular file)."""
    TOO_LARGE = "too_large"
    NO_TEXT = "no_text"
    """Empty, or a title without paragraphs, or a document of images only."""
    NEEDS_READER = "needs_reader"
    """Its format's reader needs the `formats` extra, not installed."""
    TOO_SLOW = "too_slow"
    """Its reading took longer than STORYBOT_UPLOAD_SECONDS (bot.core.timed_reading)."""
    UNREADABLE = "unreadable"
    """Its contents are not a readable file of its format (damaged, locked, not UTF-8, not text ...)."""


class Problem(str):
    """A skipped file's message, as every front end and the saved index show and keep it, with its reason code and
    the file (relative to the corpus folder; None for several). A str, so that all that shows or compares the
    message (the warnings, /reload's, a folder's problems remembered as shown) reads it as it did."""

    reason: SkipReason
    file: str | None

    def __new__(cls, text: str, reason: SkipReason, file: str | None) -> Problem:
        problem = super().__new__(cls, text)
        problem.reason, problem.file = reason, file
        return problem

    def __reduce__(self) -> tuple[type[Problem], tuple[str, SkipReason, str | None]]:
        return Problem, (str(self), self.reason, self.file)  # from a worker process, whole


class StoryRefused(ValueError):
    """A file read as a story gave none: the message is said after "it" ("is empty"), the reason is its code."""

    def __init__(self, text: str, reason: SkipReason):
        super().__init__(text)
        self.reason = reason
