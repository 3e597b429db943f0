"""Messages asking the bot itself ("help", "which stories do you have?", "hi", "thanks"), as Discord would deliver
them to the real bot process: answered as what they are, never searched, and spending no question."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from bot.messages import THANKS_REPLY
from tests.discord_app.bot_process import bot_on_fake_discord
from tests.discord_app.fake_discord import BOOK_CLUB_ID, BOT_USER, DM_CHANNEL_ID, FakeDiscord
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, callback, reply_to

if TYPE_CHECKING:
    from discord.types.user import User as UserPayload

pytestmark = pytest.mark.asyncio(loop_scope="module")

BUDGET = 2
"""Questions per person in this module's bot, so that a request spending one would show."""
GREETING = 'Hello! Ask me something about the stories, e.g. "Who is Sofia Kalmurzaeva?"'


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def fake(tmp_path_factory) -> AsyncIterator[FakeDiscord]:
    """A fake Discord with the bot on it, BOOK_CLUB_ID its answer channel."""
    data, answers = tmp_path_factory.mktemp("data"), str(BOOK_CLUB_ID)
    budget = f"{BUDGET}/3600"
    async with bot_on_fake_discord(data, STORYBOT_CHANNELS=answers, STORYBOT_QUESTION_BUDGET=budget) as (discord, _):
        yield discord


async def slash_answer(fake: FakeDiscord, command: str, author: UserPayload, question: str | None = None) -> dict:
    """What `author` sees of the command (with /ask's question)."""
    if question is None:
        step = await fake.slash(command, author=author)
    else:
        step = await fake.slash(command, author=author, question=question)
    return await callback(fake, step)


async def test_a_mention_asking_for_help_gets_what_help_shows(fake):
    person = fake.person()
    shown = (await slash_answer(fake, "help", author=person))["data"]
    helped = await reply_to(fake, f"{MENTION} help!", mentions=[BOT_USER], author=person)
    assert helped["embeds"] == shown["embeds"] and helped["embeds"][0]["title"] == "What I can do"
    assert "`/performer`" in helped["embeds"][0]["description"]
    assert not helped.get("content")


async def test_a_dm_asking_which_stories_there_are_gets_the_first_page_of_stories(fake):
    person = fake.person()
    listed = (await slash_answer(fake, "stories", author=person))["data"]
    answered = await reply_to(fake, "Which stories do you have?", channel=DM_CHANNEL_ID, author=person)
    assert answered["embeds"] == listed["embeds"] and answered["embeds"][0]["title"] == "3 stories"
    assert "**Sophie Korolev: A Pianist Takes the Stage** (7 passages)" in answered["embeds"][0]["description"]


async def test_help_in_an_answer_channel_is_help_and_small_talk_there_stays_unanswered(fake):
    person = fake.person()
    shown = (await slash_answer(fake, "help", author=person))["data"]
    mark = await fake.send_message("thanks", channel_id=BOOK_CLUB_ID, author=person)
    await fake.send_message("Good morning!", channel_id=BOOK_CLUB_ID, author=person)  # was searched, for its words
    helped = await reply_to(fake, "help", channel=BOOK_CLUB_ID, author=person)
    assert helped["embeds"] == shown["embeds"]
    channel = f"/channels/{BOOK_CLUB_ID}/messages"
    assert [c.body for c in fake.calls[mark:] if c.method == "POST" and c.path == channel] == [helped]


async def test_hello_and_thanks_said_to_the_bot_get_a_word_back(fake):
    person = fake.person()
    greeted = await reply_to(fake, f"{MENTION} hi there", mentions=[BOT_USER], author=person)
    assert greeted["content"] == GREETING and not greeted.get("embeds")
    thanked = await reply_to(fake, "thank you so much!", channel=DM_CHANNEL_ID, author=person)
    assert thanked["content"] == THANKS_REPLY
    greeted = await reply_to(fake, f"{MENTION} Good morning!", channel=BOOK_CLUB_ID, author=person, mentions=[BOT_USER])
    assert greeted["content"] == GREETING  # in an answer channel too, when addressed to the bot


async def test_requests_spend_no_question(fake):
    person = fake.person()
    for request in ("help", "which stories do you have", "hello", "thanks", "what can you do?"):
        answered = await reply_to(fake, f"{MENTION} {request}", mentions=[BOT_USER], author=person)
        assert not (answered.get("content") or "").startswith("You're asking faster")
    for _ in range(BUDGET):
        answered = await reply_to(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER], author=person)
        assert "Moscow" in answered["embeds"][0]["description"]
    over = await reply_to(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER], author=person)
    assert over["content"].startswith("You're asking faster than I can keep up.")
    # Over the budget, a request is still answered: it costs nothing.
    assert (await reply_to(fake, f"{MENTION} help", mentions=[BOT_USER], author=person))["embeds"]
    response = await slash_answer(fake, "ask", question="which stories do you know?", author=person)
    assert response["data"]["embeds"][0]["title"] == "3 stories" and not response["data"].get("flags", 0) & EPHEMERAL
    helped = await slash_answer(fake, "ask", question="help", author=person)
    assert helped["data"]["flags"] & EPHEMERAL and helped["data"]["embeds"][0]["title"] == "What I can do"


async def test_a_question_sharing_a_requests_words_is_searched(fake):
    answered = await reply_to(fake, f"{MENTION} who helped Sébastien hone her skills?", mentions=[BOT_USER])
    assert "tutors" in answered["embeds"][0]["description"]
