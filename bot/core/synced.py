"""Forcing what was written to disk, before anything that relies on it (a manifest naming it, the original it
keeps replaced), so a crash or a power cut never leaves a name pointing at what was lost. (A file given its name
whole, never over another, once on disk: bot.core.new_name.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def sync_to_disk(path: Path) -> None:
    """Forces a file (or a folder's entries) to disk. Windows opens no folder as a file (PermissionError), and
    NTFS journals a folder's entries itself: there a folder is left as it is."""
    if sys.platform == "win32" and path.is_dir():
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
