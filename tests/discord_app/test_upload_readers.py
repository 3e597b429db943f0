"""The processes that read uploads, as managers meet them on Discord: how much memory one may take
(STORYBOT_UPLOAD_MB), and how uploads from different servers share them. The real bot process against the fake
Discord, with two servers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from bot.settings import MIN_UPLOAD_MB
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import GUILD_ID, OTHER_GUILD_ID, FakeDiscord
from tests.discord_app.test_shelves import add_and_read
from tests.operations.test_change_shelf import word_file

pytestmark = pytest.mark.asyncio(loop_scope="module")
MILL = b"# The Mill\n\nAnatole ground rye by the river all night."


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(tmp_path_factory) -> AsyncIterator[tuple[FakeDiscord, BotProcess]]:
    discord = FakeDiscord(servers=(GUILD_ID, OTHER_GUILD_ID))
    await discord.start()
    data = tmp_path_factory.mktemp("data")
    process = BotProcess(
        discord,
        STORYBOT_INDEX="off",
        STORYBOT_DATA=str(data),
        STORYBOT_UPLOAD_MB=str(MIN_UPLOAD_MB),
        STORYBOT_UPLOAD_SECONDS="600",  # no upload here is ended for its time
    )
    await process.start()
    await process.ready()
    yield discord, process
    await process.stop()
    await discord.stop()
    assert "Traceback" not in process.text


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
