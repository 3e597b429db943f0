"""What was found wrong with a saved index while it was in use: data for the front ends to report."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class DamageKind(StrEnum):
    RESIZED = "resized"
    """The file's size changed (cut short, or grown) since it was opened."""
    MODIFIED = "modified"
    """Something wrote to the file since it was opened (its modification time moved)."""
    CONTENTS = "contents"
    """What was read from it makes no sense (a passage number out of range, offsets that go backwards)."""
    UNREADABLE = "unreadable"
    """Reading it failed (an I/O error)."""


@dataclass(frozen=True)
class IndexDamage:
    file: str
    """The saved index's file, by name (s3-0a1b2c3d4e5f.passages.docs.npy)."""
    kind: DamageKind
    expected_bytes: int | None = None
    found_bytes: int | None = None
    """For RESIZED: the size it was opened with, and the size it has now."""


class IndexDamaged(Exception):
    """A read from a saved index found it damaged; the library that raised it must not be trusted."""

    def __init__(self, damage: IndexDamage):
        super().__init__(f"{damage.file}: {damage.kind}")
        self.damage = damage
