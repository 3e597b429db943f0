"""The processes that read uploads, as managers meet them on Discord: how much memory one may take
(STORYBOT_UPLOAD_MB), and how uploads from different servers share them. The real bot process against the fake
Discord, with two servers."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.settings import MIN_UPLOAD_MB
from tests.discord_app.bot_process import BotProcess, bot_on_fake_discord
from tests.discord_app.fake_discord import APP_ID, CHANNEL_ID, GUILD_ID, OTHER_CHANNEL_ID, OTHER_GUILD_ID, FakeDiscord
from tests.discord_app.test_shelves import WEIR, add, add_and_read, followup
from tests.discord_app.test_upload_time import readers_of
from tests.operations.test_change_shelf import word_file

pytestmark = pytest.mark.asyncio(loop_scope="module")
MILL = b"# The Mill\n\nAnatole ground rye by the river all night."


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory) -> AsyncIterator[tuple[FakeDiscord, BotProcess]]:
    data = tmp_path_factory.mktemp("data")
    settings = {"STORYBOT_UPLOAD_MB": str(MIN_UPLOAD_MB), "STORYBOT_UPLOAD_SECONDS": "600"}  # none ended for its time
    async with bot_on_fake_discord(data, (GUILD_ID, OTHER_GUILD_ID), **settings) as running:
        yield running


async def test_an_upload_that_needs_more_memory_than_a_reader_may_take_is_refused_and_the_bot_runs_on(bot):
    # A reader had no memory limit: a packed file whose reading balloons could take all of the machine's memory.
    # Its worker process now has a ceiling, and past it the manager is told why the file was not added.
    fake, process = bot
    balloon = word_file(300_000)  # 108 KB holding 21.6 million characters: some 430 MB to read
    told = (await add_and_read(fake, "echo.docx", balloon))["content"]
    assert told.startswith(f"That file needs more than {MIN_UPLOAD_MB} MB of memory to read, so it was not added"), told
    assert "split the story" in told
    assert (await add_and_read(fake, "mill.md", MILL))["content"].startswith('Added "The Mill"')
    assert process.process is not None and process.process.returncode is None


async def test_a_slow_upload_of_one_server_does_not_hold_another_servers_upload(bot):
    # Uploads were read one at a time for every server: one server's slow file held every other server's upload
    # for up to STORYBOT_UPLOAD_SECONDS. Each server now reads one at a time, beside the others. A reader stopped
    # by a signal reads no further, as one stuck in a file would: on any machine, however fast.
    fake, process = bot
    mark, interaction = await add(fake, "slow.docx", word_file(20_000), CHANNEL_ID)
    deadline = time.monotonic() + 15
    while not (reading := readers_of(process)):
        assert time.monotonic() < deadline, "no worker process read the upload"
        await asyncio.sleep(0.01)
    (slow,) = reading
    os.kill(slow, signal.SIGSTOP)
    try:
        other = await add_and_read(fake, "weir.md", WEIR, OTHER_CHANNEL_ID)
        assert other["content"].startswith('Added "The Weir"'), other
        assert Path(f"/proc/{slow}").exists()  # the slow upload is still being read
        assert not any(call.path == f"/webhooks/{APP_ID}/token-{interaction}" for call in fake.calls[mark:])
    finally:
        os.kill(slow, signal.SIGCONT)
    assert (await followup(fake, interaction, mark))["content"].startswith('Added "Word Document" (`slow.docx`)')
