"""Whether a running bot is connected to Discord, for a container's health check or a supervisor.

The bot touches a heartbeat file in its data folder while it is connected; `python -m bot health`
(another process, with no Discord connection of its own) reads how long ago that was. It costs a
stat, not a login, so it may run every minute.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.messages import (
    connected_text,
    heartbeat_not_a_file_text,
    heartbeat_unread_text,
    last_connected_text,
    no_heartbeat_text,
)
from bot.settings import Settings

log = logging.getLogger(__name__)

HEARTBEAT_FILE = "heartbeat"
BEAT_SECONDS = 30
STALE_SECONDS = 3 * BEAT_SECONDS
"""A heartbeat older than this means the bot is stopped, stuck or disconnected."""


@dataclass(frozen=True)
class Health:
    healthy: bool
    message: str


def heartbeat_path(settings: Settings) -> Path:
    """One per process: shard processes sharing a data folder (one SQLite file) each beat, and are checked, on
    their own (STORYBOT_SHARD_IDS=0 beats in heartbeat-shards-0), so one that stopped is not kept "healthy" by
    the other's beats."""
    tag = settings.shards_tag
    return settings.data / (HEARTBEAT_FILE if tag is None else f"{HEARTBEAT_FILE}-{tag}")


def check(settings: Settings) -> Health:
    """Healthy when the bot said it was connected within STALE_SECONDS."""
    path = heartbeat_path(settings)
    try:
        found = path.stat()
    except FileNotFoundError:
        return Health(False, no_heartbeat_text(path))
    except OSError as error:
        return Health(False, heartbeat_unread_text(path, str(error.strerror or error)))
    if not stat.S_ISREG(found.st_mode):  # a folder's time says nothing of the bot: touching it "succeeds"
        return Health(False, heartbeat_not_a_file_text(path, stat.S_ISDIR(found.st_mode), BEAT_SECONDS))
    age = time.time() - found.st_mtime
    if age > STALE_SECONDS:
        return Health(False, last_connected_text(path, age))
    return Health(True, connected_text(age))


async def keep_beating(path: Path, connected: Callable[[], bool]) -> None:
    """Touches `path` every BEAT_SECONDS while `connected()` (looking every second until then); runs until
    cancelled.

    A heartbeat that cannot be written is logged once (the bot itself is unaffected; only its health
    check will say it is down).
    """
    failing = False
    while True:
        beating = connected()
        if beating:
            try:
                await asyncio.to_thread(_touch, path)  # a slow disk never holds up the event loop
                failing = False
            except OSError as error:
                if not failing:
                    log.warning("Could not write the heartbeat %s (%s); health checks will fail.", path, error)
                failing = True
        await asyncio.sleep(BEAT_SECONDS if beating else 1)


def _touch(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def stop_beating(path: Path) -> None:
    """A bot that stopped cleanly is not connected: its health check says so at once."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
