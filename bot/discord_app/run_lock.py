"""One bot process per data folder and shards. A second `python -m bot run` beside a running service (the same
token, the same STORYBOT_DATA) answered every question a second time, and its clean stop removed the heartbeat
the first one's health check reads."""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator

from bot.settings import Settings
from bot.startup_error import StartupError

ALL_SHARDS = "running.lock"
"""Held exclusively by a process that runs every shard, shared by each process that runs some of them."""
ALREADY_RUNNING = (
    "Another storybot is already running with the data folder {folder}{shards}: both would answer every question. "
    "Stop it first (systemctl stop storybot, podman stop storybot), or give this one a STORYBOT_DATA of its own."
)


@contextlib.contextmanager
def running_alone(settings: Settings) -> Iterator[None]:
    """Holds the data folder's run locks while the bot runs; a bot already holding them is a StartupError (exit 2).
    A folder that cannot be made or written is left for the database to report."""
    descriptors: list[int] = []
    try:
        descriptors = _take(settings)
        yield
    finally:
        for descriptor in descriptors:
            os.close(descriptor)


def _take(settings: Settings) -> list[int]:
    folder, tag = settings.data, settings.shard_ids
    wanted = [(folder / ALL_SHARDS, tag is None)]
    if settings.shards_tag is not None:
        wanted.append((folder / f"running-{settings.shards_tag}.lock", True))
    descriptors: list[int] = []
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for path, exclusive in wanted:
            descriptors.append(os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600))
            fcntl.flock(descriptors[-1], (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError as error:
        for descriptor in descriptors:
            os.close(descriptor)
        if isinstance(error, BlockingIOError):
            shards = "" if tag is None else f" (shards {', '.join(map(str, tag))}, or every shard)"
            raise StartupError(ALREADY_RUNNING.format(folder=folder, shards=shards), exit_code=2) from error
        return []
    return descriptors
