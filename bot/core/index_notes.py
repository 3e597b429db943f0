"""What happened to a library's saved index when it was loaded: data for the front ends to report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class IndexEvent(StrEnum):
    DAMAGED = "damaged"
    """It failed its checks (a size, a checksum, its contents): not used, rebuilt."""
    UNTRUSTED = "untrusted"
    """Another user owns it, or others may write it: not used, rebuilt."""
    NOT_SAVED = "not_saved"
    """The rebuilt index could not be saved (a full disk, no permission): answers come from memory."""
    READ_AGAIN = "read_again"
    """A file it kept as skipped for taking too long to read was read again, as the owner asked (`detail`: its path;
    bot.core.saved_index.IndexStore.load's `read_slow_again`)."""


@dataclass(frozen=True)
class IndexNote:
    event: IndexEvent
    detail: str
    """What failed (the check's finding, or the system's error), or the file read again."""
    error_number: int | None = None
    """For NOT_SAVED, the system's errno (None if it gave none): what to do about it depends on it (a full disk
    wants room, a missing or unwritable folder another folder)."""
