"""Answers kept by id, as Discord delivers clicks to the real bot process: nothing is read back from the embed,
an unknown or older answer says so, and a database that does not answer never stops an answer or a click."""

from __future__ import annotations

import asyncio
import datetime
import logging
import re
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from bot.discord_app.saved_answers import ANSWERED_ELSEWHERE, forget_old_answers
from bot.settings import Settings
from bot.state.answers import SavedAnswer, new_answer_id
from bot.state.database import Database
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import (
    BOT_USER,
    CHANNEL_ID,
    GUILD_ID,
    OTHER_CHANNEL_ID,
    OTHER_GUILD_ID,
    FakeDiscord,
)
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, callback, fake, reply_to
from tests.discord_app.test_reading import buttons, click
from tests.hang import HANG_SECONDS

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.user import User as UserPayload

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]  # the module-scoped fixture, shared with the other end-to-end tests
QUESTION = "Where was Sébastien born?"
NOT_KEPT = "I can't reopen this answer: I keep answers for 90 days"
ANSWER_ID = re.compile(r"(?<=:)[a-z2-7]{12}(?=\.|$)")
BUDGET = "100/30"
"""Room for one reader's many clicks on one answer (the default is 5 questions per 30 seconds)."""


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake: FakeDiscord) -> AsyncIterator[BotProcess]:
    process = await BotProcess(fake, STORYBOT_QUESTION_BUDGET=BUDGET).start()
    await process.ready()
    yield process
    await process.stop()


async def asked(fake: FakeDiscord, question: str, asker: UserPayload) -> tuple[dict, dict]:
    """The bot's answer (as sent) and the message Discord keeps of it (what a click carries)."""
    body = await reply_to(fake, f"{MENTION} {question}", mentions=[BOT_USER], author=asker)
    return body, next(m for m in reversed(fake.messages.values()) if m["embeds"] == body["embeds"])


def without_footer(message: dict, footer: dict | None = None) -> dict:
    """The message with its embed's footer gone (or replaced) and its title changed: nothing a click may need."""
    embed = {k: v for k, v in message["embeds"][0].items() if k != "footer"} | {"title": "Another story"}
    return message | {"embeds": [embed | ({"footer": footer} if footer else {})]}


def with_answer_id(button: dict, answer_id: str) -> dict:
    """The button naming another answer (a click carries a custom_id its message has: the message must have it)."""
    return button | {"custom_id": ANSWER_ID.sub(answer_id, button["custom_id"])}


async def test_an_answer_pages_the_same_with_its_footer_changed_or_removed(fake, bot):
    asker, other = fake.person(), fake.person()
    body, message = await asked(fake, QUESTION, asker)
    shown = buttons(body)
    expected = {label: await click(fake, message, shown[label], asker) for label in ("Next ▶", "More results")}
    assert expected["Next ▶"]["data"]["embeds"][0]["footer"]["text"] == f"Q: {QUESTION}"

    for changed in (without_footer(message), without_footer(message, {"text": "Q: Who is Sofia?"})):
        for label in ("Next ▶", "More results"):
            again = await click(fake, changed, shown[label], asker)
            assert again["type"] == 7 and again["data"] == expected[label]["data"]
            copy = await click(fake, changed, shown[label], other)  # another reader: a copy only they see
            assert copy["type"] == 4 and copy["data"]["flags"] & EPHEMERAL
            assert copy["data"]["embeds"] == expected[label]["data"]["embeds"]
        read_on = expected["Next ▶"]["data"]
        passage = without_footer(changed | {"embeds": read_on["embeds"], "components": read_on["components"]})
        back = await click(fake, passage, buttons(read_on)["Back to the answer"], asker)
        assert back["data"]["embeds"] == body["embeds"] and back["data"]["components"] == body["components"]
    voted = await click(fake, without_footer(message), shown["👍"], asker)
    assert voted["data"]["flags"] & EPHEMERAL and voted["data"]["content"] == "Thanks for the 👍!"


async def test_an_unknown_answer_says_so_kindly_and_changes_nothing(fake, bot):
    asker = fake.person()
    body, message = await asked(fake, QUESTION, asker)
    for label in ("Next ▶", "More results", "👎"):
        button = with_answer_id(buttons(body)[label], "zzzzzzzzzzzz")
        seen = await click(fake, message | {"components": [{"type": 1, "components": [button]}]}, button, asker)
        assert seen["type"] == 4 and seen["data"]["flags"] & EPHEMERAL
        assert seen["data"]["content"].startswith(NOT_KEPT)
    assert "Traceback" not in bot.text


async def test_an_answer_kept_for_one_server_is_not_reopened_from_another():
    """A click names the answer by its id alone: a button carrying one server's answer id, clicked in another
    server (a forged custom_id, or one copied from a message seen there), showed that server's question in its
    footer and voted on it, asked again of the clicking server's stories."""
    two = FakeDiscord(servers=(GUILD_ID, OTHER_GUILD_ID))
    await two.start()
    process = await BotProcess(two, STORYBOT_QUESTION_BUDGET=BUDGET).start()
    try:
        await process.ready()
        asker, other = two.person(), two.person()
        question = "Where was Sébastien born, asked in the first server only?"
        body, message = await asked(two, question, asker)
        assert int(message["channel_id"]) == CHANNEL_ID
        elsewhere = message | {"channel_id": str(OTHER_CHANNEL_ID), "guild_id": str(OTHER_GUILD_ID)}
        for label in ("More results", "Next ▶", "👎"):
            data = {"custom_id": buttons(body)[label]["custom_id"], "component_type": 2}
            for clicker in (other, asker):
                step = await two.interact(3, data, message=elsewhere, author=clicker, channel_id=OTHER_CHANNEL_ID)
                seen = await callback(two, step)
                assert seen["type"] == 4 and seen["data"]["flags"] & EPHEMERAL
                assert seen["data"]["content"] == ANSWERED_ELSEWHERE and "embeds" not in seen["data"]
        data = {"custom_id": buttons(body)["More results"]["custom_id"], "component_type": 2}
        step = await two.interact(3, data, message=message, author=asker)  # in its own server, as ever
        here = await callback(two, step)
        assert here["type"] == 7 and here["data"]["embeds"][0]["footer"]["text"] == f"Q: {question}"
    finally:
        await process.stop()
        await two.stop()
    assert "Traceback" not in process.text


@pytest.mark.parametrize(
    "custom_id",
    [
        "storybot:more:{asker}.1.-.s",
        "storybot:read:{story}:2:next:{asker}.0.-.s",
        "storybot:back:{asker}.0.{story}.c",
        "storybot:vote:{story}:1:up",
    ],
)
async def test_the_buttons_of_an_answer_from_before_ask_to_ask_again(fake, bot, custom_id):
    """Answers sent before answers were kept by id carried the question in their footer only, never read back."""
    asker = fake.person()
    body, message = await asked(fake, QUESTION, asker)
    story = buttons(body)["Next ▶"]["custom_id"].split(":")[2]
    old = {"type": 2, "style": 2, "label": "old", "custom_id": custom_id.format(asker=asker["id"], story=story)}
    seen = await click(fake, message | {"components": [{"type": 1, "components": [old]}]}, old, asker)
    assert seen["data"]["flags"] & EPHEMERAL
    assert seen["data"]["content"] == "This answer is from an older version of me; please ask again."


async def test_answers_past_the_retention_period_are_forgotten_by_the_running_bot(tmp_path, caplog):
    database = await Database.open(Settings(data=tmp_path))
    now = datetime.datetime.now(datetime.UTC)
    old, recent = (
        SavedAnswer(
            id=new_answer_id(),
            server_id=1,
            channel_id=2,
            asker_id=3,
            question="Who is Sofia?",
            scope=None,
            channel_scope=False,
            asked_at=now - datetime.timedelta(days=days),
        )
        for days in (31, 29)
    )
    for answer in (old, recent):
        await database.answers.save(answer)
    caplog.set_level(logging.INFO, logger="bot.discord_app.saved_answers")
    stop = asyncio.Event()
    forgetting = asyncio.create_task(forget_old_answers(database.answers, days=30, stop=stop))
    try:
        async with asyncio.timeout(HANG_SECONDS):  # the first sweep runs at once; the next in an hour
            while "Deleted 1 answers older than 30 days." not in caplog.text:
                await asyncio.sleep(0.05)
        assert await database.answers.find(old.id) is None
        assert await database.answers.find(recent.id) == recent
    finally:
        stop.set()
        async with asyncio.timeout(HANG_SECONDS):  # it ends in its wait for the next sweep, an hour early
            await forgetting
        await database.close()
