"""Edited questions, as Discord delivers them (MESSAGE_UPDATE) to the real bot process: the bot's own reply is
edited to answer the question as it is now, within the question budget, and nothing else changes."""

from __future__ import annotations

import re

import pytest
import pytest_asyncio

from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import BOT_USER, CHANNEL_ID, DM_CHANNEL_ID, FakeDiscord
from tests.discord_app.test_end_to_end import MENTION, fake

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]

BUDGET = "2/3600"
"""Two questions per person: an edit answered spends the second, so a third is over the budget."""
EDITED_AWAY = "That message was edited and no longer asks me anything."
SEBASTIEN = "Sébastien Kalmurzaeva: The Violinist of Moscow"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(fake):
    process = await BotProcess(fake, STORYBOT_QUESTION_BUDGET=BUDGET).start()
    await process.ready()
    yield process
    assert await process.stop() == 0
    assert "Traceback" not in process.text


async def asked(fake: FakeDiscord, content: str, channel: int = CHANNEL_ID, **extra) -> tuple[dict, dict]:
    """A person's question, and the bot's reply to it as Discord keeps it."""
    mark = await fake.send_message(content, channel_id=channel, **extra)
    question = fake.last_posted()
    sent = await fake.wait_for_call("POST", rf"/channels/{channel}/messages", after=mark)
    shown = (sent.body.get("content") or "", sent.body.get("embeds") or [])
    reply = next(m for m in reversed(fake.messages.values()) if (m["content"], m["embeds"]) == shown)
    return question, reply


async def edited(fake: FakeDiscord, question: dict, reply: dict, content: str, **extra) -> dict:
    """The person edits their question: what the bot's reply is edited to."""
    mark = await fake.edit_message(question, content=content, **extra)
    path = rf"/channels/{question['channel_id']}/messages/{reply['id']}"
    return (await fake.wait_for_call("PATCH", path, after=mark)).body


def sent_after(fake: FakeDiscord, mark: int) -> list[tuple[str, str]]:
    """What the bot sent or changed in messages since mark (typing and reading aside)."""
    return [
        (c.method, c.path)
        for c in fake.calls[mark:]
        if c.method in ("POST", "PATCH", "DELETE") and re.fullmatch(r"/channels/\d+/messages(/\d+)?", c.path)
    ]


async def test_an_edited_mention_is_answered_again_in_the_same_reply(fake, bot):
    question, reply = await asked(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER])
    assert reply["embeds"][0]["title"] == SEBASTIEN
    mark = len(fake.calls)
    body = await edited(fake, question, reply, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    assert "Sofia" in body["embeds"][0]["description"]
    assert body["embeds"][0]["footer"]["text"] == "Q: how old is sofia"
    assert body["allowed_mentions"]["parse"] == []  # an edit pings no one either
    assert any(b["custom_id"].startswith("storybot:vote:") for row in body["components"] for b in row["components"])
    assert fake.messages[int(reply["id"])]["embeds"] == body["embeds"]  # the reply itself changed
    assert sent_after(fake, mark) == [("PATCH", f"/channels/{CHANNEL_ID}/messages/{reply['id']}")]


async def test_a_change_that_leaves_the_text_as_it_was_changes_nothing(fake, bot):
    # A link's embed unfurling sends MESSAGE_UPDATE with the text as it was: no question is spent on it (the
    # budget has two), and the real edit after it is answered.
    question, reply = await asked(fake, f"{MENTION} Where was Sébastien born? https://example.org", mentions=[BOT_USER])
    unfurled = [{"type": "link", "url": "https://example.org", "title": "Example"}]
    mark = await fake.edit_message(question, edited=False, embeds=unfurled)
    await fake.edit_message(question, embeds=unfurled)  # "edited" with the same text: nothing either
    body = await edited(fake, question, reply, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    assert "Sofia" in body["embeds"][0]["description"]
    assert sent_after(fake, mark) == [("PATCH", f"/channels/{CHANNEL_ID}/messages/{reply['id']}")]


async def test_an_edit_that_takes_the_mention_out_says_it_no_longer_asks(fake, bot):
    # Without the Message Content intent Discord sends an edited message that no longer mentions the bot
    # with no text at all; with it, the text without the mention. Either way the answer is taken down.
    for text in ("", "Where was Sébastien born?"):
        question, reply = await asked(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER])
        body = await edited(fake, question, reply, text, mentions=[])
        assert body["content"] == EDITED_AWAY
        assert body["embeds"] == [] and body["components"] == []
        back = await edited(fake, question, reply, f"{MENTION} how old is sofia", mentions=[BOT_USER])
        assert "Sofia" in back["embeds"][0]["description"]  # a question edited back in is answered again


async def test_an_edited_direct_message_is_answered_again(fake, bot):
    question, reply = await asked(fake, "Where was Sébastien born?", channel=DM_CHANNEL_ID)
    body = await edited(fake, question, reply, "Who did Sofia meet at the underground club?")
    assert "Ivan, a charismatic musician" in body["embeds"][0]["description"]


async def test_edits_spend_the_question_budget(fake, bot):
    reader = fake.person()
    question, reply = await asked(fake, f"{MENTION} Where was Sébastien born?", author=reader, mentions=[BOT_USER])
    first = await edited(fake, question, reply, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    assert "Sofia" in first["embeds"][0]["description"]
    over = await edited(fake, question, reply, f"{MENTION} where did sophie grow up", mentions=[BOT_USER])
    assert over["content"].startswith("You're asking faster than I can keep up.")
    assert over["embeds"] == [] and over["components"] == []


async def test_only_the_reply_to_the_edited_message_changes(fake, bot):
    first, first_reply = await asked(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER])
    _, second_reply = await asked(fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    mark = len(fake.calls)
    await edited(fake, first, first_reply, f"{MENTION} where did sophie grow up", mentions=[BOT_USER])
    assert sent_after(fake, mark) == [("PATCH", f"/channels/{CHANNEL_ID}/messages/{first_reply['id']}")]
    assert "Sofia" in fake.messages[int(second_reply["id"])]["embeds"][0]["description"]
    # A message the bot never answered, edited into a question, is not answered: there is no reply to edit.
    mark = await fake.send_message("just chatting")
    await fake.edit_message(fake.last_posted(), content="still chatting")
    _, later = await asked(fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    assert sent_after(fake, mark) == [("POST", f"/channels/{CHANNEL_ID}/messages")]
    assert later["embeds"]


async def test_an_edit_made_while_the_bot_is_still_answering_replaces_the_first_answer(fake, bot):
    # Discord delivers the message and its edit one after the other: the edit's answer waits for the first
    # reply to exist, then takes its place.
    mark = await fake.send_message(f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER])
    await fake.edit_message(fake.last_posted(), content=f"{MENTION} how old is sofia")
    sent = await fake.wait_for_call("POST", rf"/channels/{CHANNEL_ID}/messages", after=mark)
    assert sent.body["embeds"][0]["title"] == SEBASTIEN
    reply = next(m for m in reversed(fake.messages.values()) if m["embeds"] == sent.body["embeds"])
    body = (await fake.wait_for_call("PATCH", rf"/channels/{CHANNEL_ID}/messages/{reply['id']}", after=mark)).body
    assert "Sofia" in body["embeds"][0]["description"]
    assert sent_after(fake, mark) == [
        ("POST", f"/channels/{CHANNEL_ID}/messages"),
        ("PATCH", f"/channels/{CHANNEL_ID}/messages/{reply['id']}"),
    ]
