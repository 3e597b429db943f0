"""The bot run as a service: its log file, its invite link, its health check, against the fake Discord."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.discord_app.invite import permissions
from tests.discord_app.bot_process import ROOT, BotProcess
from tests.discord_app.fake_discord import APP_ID, BOT_USER, FakeDiscord
from tests.discord_app.test_end_to_end import MENTION, fake, reply_to

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
