"""Abuse a reader or an attacker might try, as Discord would deliver it to the real bot process."""

from __future__ import annotations

import pytest

from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import FakeDiscord
from tests.discord_app.test_end_to_end import EPHEMERAL, bot, callback, fake

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["bot", "fake"]  # the module-scoped fixtures, shared with the other end-to-end tests


async def test_slash_ask_drops_discord_markup_from_the_question(fake, bot):
    mark, _ = await fake.slash("ask", question="<@123> @everyone <@&456> where was **sofia** born <#789>")
    data = (await callback(fake, mark))["data"]
    assert data["embeds"][0]["footer"]["text"] == "Q: where was **sofia** born"
    assert data["allowed_mentions"] == {"parse": []}


async def test_more_results_spends_from_the_same_budget_as_questions(fake, bot):
    reader = fake.person()
    mark, _ = await fake.slash("ask", author=reader, question="Sophie orchestra")
    first = await callback(fake, mark)
    message = next(m for m in fake.messages.values() if m["embeds"] == first["data"]["embeds"])
    button = first["data"]["components"][0]["components"][0]
    answers = []
    for _ in range(5):  # one question and four pages spend the five; the next page must wait
        mark, _ = await fake.interact(
            3, {"custom_id": button["custom_id"], "component_type": 2}, message, author=reader
        )
        answers.append(await callback(fake, mark))
    assert [a["type"] for a in answers[:4]] == [7, 7, 7, 7]
    assert answers[4]["type"] == 4 and answers[4]["data"]["flags"] & EPHEMERAL
    assert "try again in" in answers[4]["data"]["content"]


async def test_debug_log_never_shows_interaction_or_bot_tokens(fake: FakeDiscord):
    process = await BotProcess(fake, STORYBOT_LOG_LEVEL="DEBUG").start()
    await process.ready()
    mark, interaction_id = await fake.slash("ask", question="how old is sofia")
    await callback(fake, mark)
    await fake.wait_for_call("POST", rf"/interactions/{interaction_id}/[^/]+/callback", after=mark)
    assert await process.stop() == 0
    assert f"token-{interaction_id}" not in process.text
    assert "[redacted]" in process.text  # the log did mention it, redacted
    assert "fake-token" not in process.text
