"""Files of a saved index trusted only when they are the current user's alone and as they were written."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path
from typing import TypedDict


class FileRecord(TypedDict):
    bytes: int
    blake2b: str


class UntrustedIndex(ValueError):
    """The index is not the current user's alone: another user owns it, or others may write it."""


def file_record(path: Path) -> FileRecord:
    with path.open("rb") as file:
        digest = hashlib.file_digest(file, "blake2b").hexdigest()
    return {"bytes": path.stat().st_size, "blake2b": digest}


def require_trusted(path: Path) -> None:
    """Raises UntrustedIndex unless the current user owns the path, it is no link, and no one else may write it."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise UntrustedIndex(f"{path.name} is a link")
    if info.st_uid != os.geteuid():
        raise UntrustedIndex(f"{path.name} belongs to another user (uid {info.st_uid})")
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UntrustedIndex(f"{path.name} may be written by other users")
