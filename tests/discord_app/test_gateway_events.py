"""An event discord.py cannot read is dropped, in one line of the log, and the real bot process answers on: it ended
the process, for every server."""

from __future__ import annotations

import pytest

from tests.discord_app.fake_discord import BOT_USER, CHANNEL_ID, GUILD_ID, NOW
from tests.discord_app.test_end_to_end import MENTION, bot, fake, reply_to

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["bot", "fake"]  # the module-scoped fixtures, shared with the other end-to-end tests


async def test_a_thread_discord_sent_without_its_owner_is_dropped_and_questions_answered_after(fake, bot):
    # discord.py reads a thread's `owner_id` as it builds it: its KeyError left the gateway's loop and ended the bot.
    metadata = {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": NOW, "locked": False}
    thread = {
        "id": str(fake.new_id()),
        "guild_id": str(GUILD_ID),
        "parent_id": str(CHANNEL_ID),
        "name": "follow-up",
        "type": 11,
        "thread_metadata": metadata,
    }
    await fake.dispatch("THREAD_CREATE", thread)
    answer = await reply_to(fake, f"{MENTION} where was sofia born", mentions=[BOT_USER])
    assert "Sofia" in answer["embeds"][0]["title"] + answer["embeds"][0]["description"]
    assert bot.process is not None and bot.process.returncode is None
    dropped = [line for line in bot.text.splitlines() if "Dropped a THREAD_CREATE event" in line]
    assert len(dropped) == 1 and "KeyError" in dropped[0], dropped
    assert "Traceback" not in bot.text
