"""How long an upload may take to read (STORYBOT_UPLOAD_SECONDS), as a manager meets it on Discord: the real bot
process against the fake Discord, reading in its worker process."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from tests.core.test_worker import worker_processes
from tests.discord_app.bot_process import BotProcess, bot_on_fake_discord
from tests.discord_app.fake_discord import MANAGE_SERVER, FakeDiscord
from tests.discord_app.test_shelves import add, add_and_read, followup
from tests.operations.test_change_shelf import word_file

pytestmark = pytest.mark.asyncio(loop_scope="module")
LIMIT = 20
"""Seconds an upload may take to read here, its reader process's start included: 3 s failed the small upload
after a stopped one when the machine was busy, and 6 s at a load of 7 (a fresh process imports the bot's modules
first). The stopped reader and the stalled download wait this long whatever it is."""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory) -> AsyncIterator[tuple[FakeDiscord, BotProcess]]:
    data = tmp_path_factory.mktemp("data")
    async with bot_on_fake_discord(data, STORYBOT_UPLOAD_SECONDS=str(LIMIT)) as running:
        yield running


def readers_of(process: BotProcess) -> list[int]:
    """The bot's worker processes (multiprocessing's spawned children), by their ids."""
    assert process.process is not None
    return worker_processes(process.process.pid)


async def test_an_upload_that_takes_too_long_to_read_is_stopped_and_the_manager_told(bot):
    # Reading an upload had no time limit: a PDF or EPUB that took very long to read held the one thread every
    # server's uploads are read in. Uploads are now read in a worker process, ended past the limit. A worker
    # stopped by a signal reads no further, as a reader stuck in a file would: on any machine, however fast.
    fake, process = bot
    mark, interaction = await add(fake, "echo.docx", word_file(300_000))  # 21.6 million characters: seconds
    deadline = time.monotonic() + LIMIT
    while not (reading := readers_of(process)):
        assert time.monotonic() < deadline, "no worker process read the upload"
        await asyncio.sleep(0.01)
    (reader,) = reading
    os.kill(reader, signal.SIGSTOP)
    told = (await followup(fake, interaction, mark, timeout=LIMIT + 30))["content"]
    assert told.startswith(f"That file took longer than {LIMIT} seconds to read"), told
    assert "not added" in told
    assert not Path(f"/proc/{reader}").exists()  # ended, and waited for (no zombie left)
    after = await add_and_read(fake, "weir.md", b"# The Weir\n\nOttilie opened the weir at dawn.", timeout=LIMIT + 30)
    assert after["content"].startswith('Added "The Weir"'), after
    assert readers_of(process) == []


async def test_an_upload_whose_download_stalls_is_given_up_after_the_upload_time_and_its_reader_given_back(bot):
    # The download had aiohttp's five minutes: a file whose bytes stopped coming held one of the two readers every
    # server's uploads share for that long. It now has the upload's time, and the manager is told.
    fake, _ = bot
    upload = fake.attach("stalled.md", b"# The Stall\n\n" + b"Anatole waited. " * 4096, stall=True)
    mark, interaction = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
    told = (await followup(fake, interaction, mark, timeout=LIMIT + 30))["content"]
    assert told == f"I could not download that file from Discord within {LIMIT} seconds; please upload it again.", told
    after = await add_and_read(fake, "kiln.md", b"# The Kiln\n\nOttilie fired the kiln at dusk.", timeout=LIMIT + 30)
    assert after["content"].startswith('Added "The Kiln"'), after


async def test_an_upload_cut_short_by_a_shutdown_tells_the_manager_it_was_not_added(tmp_path):
    # SIGTERM lets the answers in flight finish for 10 seconds, then cancels them: an upload still downloading or
    # being read then was dropped without a word, its manager left with "thinking…" until Discord gave up on it.
    async with bot_on_fake_discord(tmp_path) as (fake, process):
        upload = fake.attach("stalled.md", b"# The Stall\n\n" + b"Anatole waited. " * 4096, stall=True)
        mark, interaction = await fake.subcommand("story", "add", permissions=MANAGE_SERVER, file=upload)
        await fake.wait_for(lambda: int(upload["id"]) in fake.begun)
        assert await process.stop(signal.SIGTERM) == 0
        told = (await followup(fake, interaction, mark, timeout=1))["content"]
        assert told.startswith("I was stopped (restarted) before that file was added"), told
