"""Forcing what was written to disk, before anything that relies on it (a manifest naming it, the original it
keeps replaced), so a crash or a power cut never leaves a name pointing at what was lost."""

from __future__ import annotations

import os
from pathlib import Path


def sync_to_disk(path: Path) -> None:
    """Forces a file (or a folder's entries) to disk."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def link_new(written: Path, target: Path) -> None:
    """Puts a file written whole under another name at `target`, never over a file there (FileExistsError if
    one appeared meanwhile), on disk before its name is and its name after: an export is never half there."""
    sync_to_disk(written)
    os.link(written, target)
    sync_to_disk(target.parent)
