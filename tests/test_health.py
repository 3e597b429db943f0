"""The heartbeat a connected bot touches and `python -m bot health` reads, one per process."""

from __future__ import annotations

import os
import time

from bot.health import check, heartbeat_path
from bot.settings import Settings


def test_shard_processes_sharing_a_data_folder_each_have_their_own_heartbeat(tmp_path):
    # Two processes of one bot (STORYBOT_SHARD_IDS=0 and 1) on one SQLite data folder: the health check of a
    # stopped or stuck one must not read the other's beats as its own, or its container is never restarted.
    first = Settings(data=tmp_path, shard_count=2, shard_ids=(0,))
    second = Settings(data=tmp_path, shard_count=2, shard_ids=(1,))
    assert heartbeat_path(first) != heartbeat_path(second)
    heartbeat_path(first).touch()
    assert check(first).healthy and not check(second).healthy
    assert heartbeat_path(Settings(data=tmp_path)) == tmp_path / "heartbeat"  # one process: as before
    many = Settings(data=tmp_path, shard_count=1000, shard_ids=tuple(range(1000)))
    heartbeat_path(many).touch()  # a name a file system takes
    assert check(many).healthy


def test_a_stale_heartbeat_is_unhealthy(tmp_path):
    settings = Settings(data=tmp_path)
    heartbeat_path(settings).touch()
    long_ago = time.time() - 3600
    os.utime(heartbeat_path(settings), (long_ago, long_ago))
    assert not check(settings).healthy
