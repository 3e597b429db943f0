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


def test_a_folder_where_the_heartbeat_file_should_be_is_reported_not_read_as_a_beat(tmp_path):
    # A folder named heartbeat in the data folder (made by hand, or by a volume mounted there) has a fresh time
    # of its own, and the bot's touch of it "succeeds": `health` said "connected" with no bot running at all.
    settings = Settings(data=tmp_path)
    heartbeat_path(settings).mkdir()
    health = check(settings)
    assert not health.healthy
    assert health.message == (
        f"the heartbeat {heartbeat_path(settings)} is a folder; remove it (a connected bot writes it within 30 s)."
    )
