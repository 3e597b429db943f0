"""Index folders nobody uses any more, removed: a corpus folder moved or renamed, or no longer used, and an
older storybot's indexes, left their folders in the cache for good, growing the disk.

As Go's build cache and Cargo's do, an index is removed once it has not been used for a while
(UNUSED_DAYS), by a later start, and rebuilt if it is ever wanted again: it is a cache. Each process
that opens an index touches its folder (its modification time is when it was last used: a commit
moves it too) and holds a shared lock on it for as long as the library opened from it lives, so an
index a running bot answers from is never removed, however long ago it was opened. Only folders that
are indexes are ever removed: named as index folders are, holding a manifest or a writer's lock,
owned by the user and no link; never anything else in the cache folder, and never a story.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import re
import shutil
import stat
import time
import uuid
import weakref
from pathlib import Path

from bot.core.segment_store import MANIFEST, WRITE_LOCK
from bot.core.trusted_files import read_index_file

log = logging.getLogger(__name__)

UNUSED_DAYS = 30
"""An index not used for this long is removed (a month: a library opened monthly keeps its index)."""
REMOVING = ".removing-"
"""An index folder is renamed so before it is removed: one left by a killed process is swept (saved_index)."""
INDEX_NAME = re.compile(r"[0-9a-f]{20}(?:-[0-9a-f]{12})?")
"""An index folder's name: its corpus's digest, then its version's (none for storybot before versions)."""


class IndexClaim:
    """The index in a folder, in use for as long as this lives (the library opened from it keeps it): a
    shared lock on the folder, which no remover can take meanwhile. Nothing is held when there is no index
    there yet, or it cannot be opened (then no one can remove it either)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.held = False
        """Whether the index there is held (none may be there yet: one saved later needs a claim of its own)."""
        try:
            descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return
        with contextlib.suppress(OSError):  # a file system without locks: nothing removes it there either
            fcntl.flock(descriptor, fcntl.LOCK_SH)  # waits while a remover renames it away (a moment)
        if not _same(folder, descriptor):  # renamed away to be removed: the load builds it again
            os.close(descriptor)
            return
        weakref.finalize(self, os.close, descriptor)
        self.held = True
        with contextlib.suppress(OSError):  # a read-only volume: nothing removes it there either
            os.utime(folder)  # used now

    def __reduce__(self) -> tuple[type[IndexClaim], tuple[Path]]:
        """A library sent to another process (from the worker) is in use there: claimed there."""
        return IndexClaim, (self.folder,)


def remove_unused(home: Path, markers: tuple[str, ...], days: float = UNUSED_DAYS) -> None:
    """Removes the index folders in `home` not used for `days` and in use by no process, and the files
    named after them with these endings (`markers`). The caller holds `home`'s lock exclusively, so no
    process is building or saving an index here meanwhile."""
    unused_since = time.time() - days * 86_400
    for path in home.iterdir():
        if not INDEX_NAME.fullmatch(path.name) or _last_used(path) > unused_since:
            continue
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue  # a link, a file, or gone
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: a process uses it
            if not _removable(path, descriptor) or _last_used(path) > unused_since:  # opened since we looked
                continue
            corpus = _corpus_of(path)
            away = home / f"{REMOVING}{path.name}-{uuid.uuid4().hex[:8]}"
            path.rename(away)
        except OSError:
            continue
        finally:
            os.close(descriptor)
        log.info(
            "Removing the saved index %s (of %s), not used for %d days: it is built again if ever wanted.",
            path,
            corpus,
            days,
        )
        shutil.rmtree(away, ignore_errors=True)
        for marker in markers:
            with contextlib.suppress(OSError):
                (home / f"{path.name}{marker}").unlink(missing_ok=True)


def _same(folder: Path, descriptor: int) -> bool:
    """Whether `folder` is still the folder open as `descriptor` (not renamed away, nor made again)."""
    try:
        now, opened = folder.lstat(), os.fstat(descriptor)
    except OSError:
        return False
    return (now.st_dev, now.st_ino) == (opened.st_dev, opened.st_ino)


def _last_used(folder: Path) -> float:
    """When the index was last used: the folder's modification time (touched by every open, moved by every
    commit), or its manifest's last read, for versions that did not touch the folder (relatime updates
    access times at least daily)."""
    times = []
    for path in (folder, folder / MANIFEST):
        with contextlib.suppress(OSError):
            info = path.lstat()
            times += [info.st_mtime, info.st_atime if path != folder else 0.0]
    return max(times, default=time.time())


def _removable(folder: Path, descriptor: int) -> bool:
    """An index folder of this user's, and not a link: a manifest or a writer's lock in it."""
    info = os.fstat(descriptor)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or not _same(folder, descriptor):
        return False
    return any(os.path.lexists(folder / name) for name in (MANIFEST, WRITE_LOCK))


def _corpus_of(folder: Path) -> str:
    """The corpus folder the index was for, as its manifest records it, for the log."""
    with contextlib.suppress(OSError, ValueError, AttributeError, RecursionError):
        corpus = json.loads(read_index_file(folder / MANIFEST)).get("about", {}).get("corpus")
        if isinstance(corpus, str):
            return corpus
    return "a corpus folder it does not record"
