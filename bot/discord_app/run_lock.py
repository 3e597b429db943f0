"""One bot process per data folder and shard. A second `python -m bot run` beside a running service (the same
token, the same STORYBOT_DATA) answered every question a second time, and its clean stop removed the heartbeat
the first one's health check reads; two shard processes whose shard sets overlap (0,1 and 1,2) both ran shard 1."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from bot.messages import already_running_text, run_lock_unopened_text, running_now_text
from bot.settings import Settings
from bot.startup_error import StartupError

ALL_SHARDS = "running.lock"
"""Held exclusively (flock) by a process that runs every shard, shared by each process that runs some of them."""
EACH_SHARD = "running-shards.lock"
"""One byte per shard id, locked (a POSIX record lock) by the process that runs that shard: two shard sets that
overlap meet on the bytes of the shards they share, whatever else each holds."""


@contextlib.contextmanager
def running_alone(settings: Settings) -> Iterator[None]:
    """Holds the data folder's run locks while the bot runs; a bot already holding them is a StartupError (exit 2).
    A folder that cannot be made or written is left for the database to report."""
    descriptors: list[int] = []
    try:
        descriptors = _take(settings.data, settings.shard_ids)
        yield
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


@contextlib.contextmanager
def folder_stopped(settings: Settings) -> Iterator[None]:
    """Holds the data folder's run lock exclusively while the block runs, on SQLite, whose file is in it: a bot running
    there is a StartupError (exit 2), and one started meanwhile is refused as beside a running one. A folder not made
    yet has no bot and no database."""
    folder = settings.data
    descriptor: int | None = None
    try:
        if settings.database_url is None and folder.is_dir():  # is_dir raises where a folder on the way is closed
            descriptor = _opened(folder / ALL_SHARDS)
    except OSError as error:  # not knowing whether a bot runs there, nothing is changed under it
        raise StartupError(
            run_lock_unopened_text(str(folder / ALL_SHARDS), str(error.strerror)), exit_code=2
        ) from error
    if descriptor is None:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StartupError(running_now_text(str(folder), database=False), exit_code=2) from None
        yield
    finally:
        os.close(descriptor)


def _take(folder: Path, shard_ids: tuple[int, ...] | None) -> list[int]:
    descriptors: list[int] = []
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        descriptors.append(_opened(folder / ALL_SHARDS))
        try:
            fcntl.flock(descriptors[-1], (fcntl.LOCK_EX if shard_ids is None else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except BlockingIOError:
            theirs = _run_beside(descriptors[-1]) if shard_ids is None else None
            raise _refused(folder, shard_ids, theirs) from None
        if shard_ids is not None:
            descriptors.append(_opened(folder / EACH_SHARD))
            taken = _shards_taken(descriptors[-1], shard_ids)
            if taken:
                raise _refused(folder, shard_ids, taken)
    except (OSError, StartupError) as error:
        for descriptor in descriptors:
            os.close(descriptor)
        if isinstance(error, StartupError):
            raise
        return []
    return descriptors


def _opened(path: Path) -> int:
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)


def _shards_taken(descriptor: int, shard_ids: Sequence[int]) -> list[int]:
    """Locks each shard's byte; the shards another process holds (every one of them, to name them all)."""
    taken = []
    for shard in shard_ids:
        try:
            fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, shard, os.SEEK_SET)
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES):  # systems differ in which says "held"
                raise
            taken.append(shard)
    return taken


def _run_beside(descriptor: int) -> tuple[int, ...] | None:
    """What the other bots run, refused to one running every shard: every shard (another such bot, which holds the lock
    exclusively), or shards the lock does not name (shard processes, which share it)."""
    try:
        fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return None
    return ()


def _refused(folder: Path, mine: Sequence[int] | None, theirs: Sequence[int] | None) -> StartupError:
    """Exit 2: the service manager does not start it again beside the bot running."""
    return StartupError(already_running_text(str(folder), database=False, mine=mine, theirs=theirs), exit_code=2)
