"""Files of a saved index trusted only when they are the current user's alone and as they were written, and read
only when they are regular files."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path
from typing import NotRequired, TypedDict

import numpy as np

from bot.core.index_notes import IndexFault, IndexRefused


class FileRecord(TypedDict):
    bytes: int
    blake2b: str
    mtime_ns: NotRequired[int]
    """When it was written (a segment's files): a file whose time moved since was written to, so it is checked whole."""


class UntrustedIndex(IndexRefused):
    """The index is not the current user's alone: a link, another user owns it (IndexFault.OTHER_OWNER, `number`:
    the uid), or others may write it."""


class NotRegularFile(IndexRefused):
    """A named pipe, a device or a folder where an index file should be (IndexFault.NOT_REGULAR): damage."""


def open_index_file(path: Path) -> io.FileIO:
    """The file opened to read; NotRegularFile unless it is a regular file. Opening a named pipe waits for a
    writer, for ever (`ask` and the bot's start hung on one), and a device's open may wait too: O_NONBLOCK returns
    at once, and fstat then says what was opened, whatever replaced the file since it was last looked at."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise NotRegularFile(IndexFault.NOT_REGULAR, path.name)
        os.set_blocking(descriptor, True)
        return io.FileIO(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def read_index_file(path: Path) -> bytes:
    """The whole of a regular file (open_index_file)."""
    with open_index_file(path) as file:
        return file.readall()


def read_trusted_file(path: Path, most: int) -> bytes:
    """The whole of a regular file of the user's alone (require_trusted, open_index_file); a ValueError, unread, when
    it holds more than `most` bytes (a sparse file may be a terabyte long and take no disk)."""
    require_trusted(path)
    with open_index_file(path) as file:
        size = os.fstat(file.fileno()).st_size
        if size > most:
            raise ValueError(f"{path.name} holds {size} bytes, more than {most}")
        return file.read(size)


def load_index_array(path: Path) -> np.ndarray:
    """A .npy array read whole from a regular file (open_index_file), never a pickle."""
    with open_index_file(path) as file:
        return np.load(file, allow_pickle=False)


def file_record(path: Path) -> FileRecord:
    with open_index_file(path) as file:
        digest = hashlib.file_digest(file, "blake2b").hexdigest()
        return {"bytes": os.fstat(file.fileno()).st_size, "blake2b": digest}


def require_trusted(path: Path) -> os.stat_result:
    """Raises UntrustedIndex unless the current user owns the path, it is no link, and no one else may write it;
    what it is (lstat)."""
    info = path.lstat()
    if stat.S_ISLNK(info.st_mode):
        raise UntrustedIndex(IndexFault.LINK, path.name)
    if info.st_uid != os.geteuid():
        raise UntrustedIndex(IndexFault.OTHER_OWNER, path.name, number=info.st_uid)
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise UntrustedIndex(IndexFault.OTHERS_MAY_WRITE, path.name)
    return info
