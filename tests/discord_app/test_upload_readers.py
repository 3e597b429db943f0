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
from tests.discord_app.fake_discord import (
    APP_ID,
    CHANNEL_ID,
    GUILD_ID,
    MANAGE_SERVER,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    THIRD_CHANNEL_ID,
    THIRD_GUILD_ID,
    FakeDiscord,
)
from tests.discord_app.test_end_to_end import callback
from tests.discord_app.test_shelves import WEIR, add, add_and_read, followup
from tests.discord_app.test_upload_time import readers_of
from tests.operations.test_change_shelf import word_file

pytestmark = pytest.mark.asyncio(loop_scope="module")
MILL = b"# The Mill\n\nAnatole ground rye by the river all night."


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory) -> AsyncIterator[tuple[FakeDiscord, BotProcess]]:
    data = tmp_path_factory.mktemp("data")
    settings = {"STORYBOT_UPLOAD_MB": str(MIN_UPLOAD_MB), "STORYBOT_UPLOAD_SECONDS": "600"}  # none ended for its time
    async with bot_on_fake_discord(data, (GUILD_ID, OTHER_GUILD_ID, THIRD_GUILD_ID), **settings) as running:
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
    assert (await followup(fake, interaction, mark))["content"].startswith('Added "Slow" (`slow.docx`)')


async def stopped_reader(process: BotProcess, others: list[int]) -> int:
    """A worker process reading an upload, besides `others`, stopped by a signal: it reads no further."""
    deadline = time.monotonic() + 15
    while not (reading := [pid for pid in readers_of(process) if pid not in others]):
        assert time.monotonic() < deadline, "no worker process read the upload"
        await asyncio.sleep(0.01)
    os.kill(reading[0], signal.SIGSTOP)
    return reading[0]


async def test_an_upload_waiting_for_a_reader_is_downloaded_only_when_its_turn_comes(bot):
    # Each server's upload was downloaded from Discord before it waited for one of the two readers: a member
    # managing many servers had each one's file (up to 8 MB) held in memory while the readers were busy. It is
    # downloaded now only once a reader is its.
    fake, process = bot
    stopped: list[int] = []
    busy = []
    try:
        for channel in (CHANNEL_ID, OTHER_CHANNEL_ID):  # both readers, each stuck in a server's file
            busy.append(await add(fake, f"slow-{channel}.docx", word_file(20_000), channel))
            stopped.append(await stopped_reader(process, stopped))
        upload = fake.attach("mill.md", MILL)
        mark, waiting = await fake.subcommand(
            "story", "add", permissions=MANAGE_SERVER, channel_id=THIRD_CHANNEL_ID, file=upload
        )
        await fake.wait_for_call("POST", rf"/interactions/{waiting}/[^/]+/callback", after=mark)  # acknowledged
        asked = await fake.slash("performer", channel_id=THIRD_CHANNEL_ID, name="sofia")
        assert "Sofia" in str((await callback(fake, asked))["data"])  # the bot went on meanwhile
        assert int(upload["id"]) not in fake.downloads
    finally:
        for reader in stopped:
            os.kill(reader, signal.SIGCONT)
    # after a reader has finished its 20,000-paragraph file: seconds on a loaded machine
    assert (await followup(fake, waiting, mark))["content"].startswith('Added "The Mill"')
    assert int(upload["id"]) in fake.downloads  # once a reader was free
    replies = [await followup(fake, interaction, sent) for sent, interaction in busy]
    assert all(reply["content"].startswith("Added") for reply in replies), replies


async def test_a_download_that_breaks_off_gives_its_reader_back(bot):
    # Downloaded now while it holds one of the two readers: a download that fails must give it back, or two
    # broken downloads would leave every server's uploads waiting for good.
    fake, _ = bot
    for channel in (CHANNEL_ID, OTHER_CHANNEL_ID, THIRD_CHANNEL_ID):
        upload = fake.attach(f"cut-{channel}.md", MILL, cut=True)
        mark, interaction = await fake.subcommand(
            "story", "add", permissions=MANAGE_SERVER, channel_id=channel, file=upload
        )
        assert (await followup(fake, interaction, mark))["content"].startswith("I could not download that file")
    assert (await add_and_read(fake, "weir-given-back.md", WEIR, OTHER_CHANNEL_ID))["content"].startswith("Added")
