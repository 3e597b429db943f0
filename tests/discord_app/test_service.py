"""The bot run as a service: its log file, its invite link, its health check, against the fake Discord."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
from pathlib import Path

import pytest

from bot.core.own_texts import OWN_TEXTS, UNUSED_DAYS
from bot.core.shelf_part_store import FOLDER as SHELF_PARTS
from bot.discord_app.invite import permissions
from tests.discord_app.bot_process import ROOT, BotProcess
from tests.discord_app.fake_discord import APP_ID, BOT_USER, FakeDiscord
from tests.discord_app.test_end_to_end import MENTION, fake, reply_to
from tests.hang import HANG_SECONDS

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]


async def health(data: Path) -> tuple[int, str]:
    """`python -m bot health` as a container's health check runs it: another process, same data folder."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "health",
        env=environment | {"PYTHONPATH": str(ROOT), "STORYBOT_DATA": str(data)},
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


async def test_the_log_file_the_invite_link_and_the_health_check(fake: FakeDiscord, tmp_path: Path):
    data, log_file = tmp_path / "data", tmp_path / "logs" / "storybot.log"
    code, said = await health(data)
    assert code == 1 and "has not connected" in said
    process = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_LOG_FILE=str(log_file)).start()
    await process.ready()
    for _ in range(50):  # the first heartbeat follows readiness within a second
        code, said = await health(data)
        if code == 0:
            break
        await asyncio.sleep(0.2)
    assert code == 0 and "connected to Discord" in said
    reply = await reply_to(fake, f"{MENTION} where was sofia born?", mentions=[BOT_USER])
    assert "Moscow" in str(reply["embeds"])
    assert await process.stop() == 0
    code, said = await health(data)
    assert code == 1  # stopped: unhealthy at once, not after the heartbeat goes stale

    invite = (
        f"Invite me to a server: https://discord.com/oauth2/authorize?client_id={APP_ID}"
        f"&scope=bot+applications.commands&permissions={permissions().value}"
    )
    logged = log_file.read_text("utf-8")
    for text in (logged, process.text):
        assert invite in text and "Logged in as" in text and "Shutting down." in text
        assert "Context impl" not in text  # alembic's INFO chatter at every start
        assert "fake-token" not in text


async def test_a_start_removes_what_the_data_folder_keeps_for_views_that_no_one_used_for_30_days(
    fake: FakeDiscord, tmp_path: Path
):
    """Texts a process keeps where a newer storybot's stands in the database (bot.core.own_texts) are of no use once it
    is upgraded, and it no longer reads them; the saved shelf parts of a server the bot left (bot.core.shelf_part_store)
    are never loaded again: each start removes those unused for 30 days, whoever kept them."""
    data = tmp_path / "data"
    old, recent = data / OWN_TEXTS / "0123456789abcdef" / "7.json.z", data / OWN_TEXTS / "fedcba9876543210" / "8.json.z"
    left, stays = (data / SHELF_PARTS / f"server-{server}" / "0123456789ab" for server in (5, 6))
    for path in (old, recent):
        path.parent.mkdir(parents=True)
        path.write_bytes(b"a text")
    for folder in (left, stays):
        folder.mkdir(parents=True, mode=0o700)
    long_ago = time.time() - (UNUSED_DAYS + 1) * 86_400
    for path in (old, left, left.parent):
        os.utime(path, (long_ago, long_ago))
    process = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off").start()
    try:
        await process.ready()
    finally:
        assert await process.stop() == 0
    assert not old.parent.exists() and recent.is_file()
    assert f"Removed 1 shelf text(s) kept in {data / OWN_TEXTS}, not used for 30 days." in process.text
    assert not left.parent.exists() and stays.is_dir()
    assert "Removed the saved shelf parts of 1 server(s), not used for 30 days." in process.text


async def runs(process: BotProcess) -> None:
    """Started beside the others, it gets ready (it was not refused); stopped after."""
    await process.start()
    try:
        await process.ready()
    finally:
        assert await process.stop() == 0


async def refused(process: BotProcess) -> int:
    """Its exit code once it ended by itself; one still running (not refused) is stopped, never left behind."""
    with contextlib.suppress(TimeoutError):
        await process.exited(timeout=HANG_SECONDS)
    return await process.stop()


async def test_a_second_bot_on_the_same_data_folder_is_refused_and_the_first_stays_healthy(
    fake: FakeDiscord, tmp_path: Path
):
    """A `python -m bot run` beside the running service (the same token and STORYBOT_DATA) answered every question
    a second time, and its stop removed the heartbeat that the service's health check reads."""
    data = tmp_path / "data"
    first = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off").start()
    try:
        await first.ready()
        second = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off").start()
        assert await refused(second) == 2
        assert second.text.startswith("storybot: Another storybot is already running with the data folder")
        assert len(second.text.strip().splitlines()) == 1, second.text
        assert ": both would answer every question." in second.text
        for _ in range(50):
            code, said = await health(data)
            if code == 0:
                break
            await asyncio.sleep(0.2)
        assert code == 0, said
    finally:
        assert await first.stop() == 0
    await runs(BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off"))  # the first one's locks went with it


async def test_a_shard_process_is_refused_beside_one_running_the_same_shards_or_every_shard(
    fake: FakeDiscord, tmp_path: Path
):
    data = str(tmp_path / "data")
    shards = {"STORYBOT_DATA": data, "STORYBOT_INDEX": "off", "STORYBOT_SHARD_COUNT": "2"}
    whole = await BotProcess(fake, STORYBOT_DATA=data, STORYBOT_INDEX="off").start()
    try:
        await whole.ready()
        beside_whole = await BotProcess(fake, STORYBOT_SHARD_IDS="1", **shards).start()
        assert await refused(beside_whole) == 2
        assert "(running every shard): both would answer the questions of shard 1's servers." in beside_whole.text
    finally:
        assert await whole.stop() == 0
    shard = await BotProcess(fake, STORYBOT_SHARD_IDS="1", **shards).start()
    try:
        await shard.ready()
        again = await BotProcess(fake, STORYBOT_SHARD_IDS="1", **shards).start()
        assert await refused(again) == 2 and "Another storybot is already running" in again.text
        whole = await BotProcess(fake, STORYBOT_DATA=data, STORYBOT_INDEX="off").start()
        assert await refused(whole) == 2 and "Another storybot is already running" in whole.text
        assert "both would answer the questions of the servers of the shards it runs." in whole.text  # not shard 0's
    finally:
        assert await shard.stop() == 0


async def test_shard_processes_whose_shards_overlap_are_refused_and_others_run_beside(
    fake: FakeDiscord, tmp_path: Path
):
    """STORYBOT_SHARD_IDS=0,1 and 1,2 on one data folder both ran shard 1: its servers got every answer twice."""
    shards = {"STORYBOT_DATA": str(tmp_path / "data"), "STORYBOT_INDEX": "off", "STORYBOT_SHARD_COUNT": "4"}
    first = await BotProcess(fake, STORYBOT_SHARD_IDS="0,1", **shards).start()
    try:
        await first.ready()
        overlapping = await BotProcess(fake, STORYBOT_SHARD_IDS="1,2,3", **shards).start()
        assert await refused(overlapping) == 2
        assert overlapping.text.startswith("storybot: Another storybot is already running with the data folder")
        assert "(running shard 1 too): both would answer the questions of shard 1's servers." in overlapping.text
        assert len(overlapping.text.strip().splitlines()) == 1, overlapping.text
        await runs(BotProcess(fake, STORYBOT_SHARD_IDS="2,3", **shards))  # the refused one left shards 2 and 3 free
    finally:
        assert await first.stop() == 0
