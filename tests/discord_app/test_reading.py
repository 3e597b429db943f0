"""◀ Previous / Next ▶ on an answer, as Discord delivers the clicks to the real bot process."""

from __future__ import annotations

import pytest

from tests.discord_app.fake_discord import BOT_USER
from tests.discord_app.test_end_to_end import EPHEMERAL, MENTION, bot, callback, fake, reply_to

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["bot", "fake"]  # the module-scoped fixtures, shared with the other end-to-end tests


def buttons(data: dict) -> dict[str, dict]:
    return {b.get("label") or b["emoji"]["name"]: b for row in data["components"] for b in row["components"]}


async def click(fake, message: dict, button: dict, author: dict | None = None) -> dict:
    data = {"custom_id": button["custom_id"], "component_type": 2}
    step = await fake.interact(3, data, message=message, author=author)
    return await callback(fake, step)


async def test_reading_on_from_an_answer_shows_the_next_and_previous_passages(fake, bot):
    reader = fake.person()
    body = await reply_to(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER], author=reader)
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == body["embeds"])
    first = buttons(body)
    assert first["◀ Previous"]["disabled"] and not first["Next ▶"]["disabled"]  # passage 1 of 6

    after = await click(fake, message, first["Next ▶"], reader)
    assert after["type"] == 7  # the same message, edited in place
    embed = after["data"]["embeds"][0]
    assert embed["title"] == "Sébastien Kalmurzaeva: The Violinist of Moscow"
    assert embed["description"].startswith("As a child, Sébastien's parents encouraged her")
    assert {"name": "Passage", "value": "2 of 6", "inline": True} in embed["fields"]
    assert embed["footer"]["text"] == "Q: Where was Sébastien born?"  # replies to it stay follow-ups
    second = buttons(after["data"])
    assert not second["◀ Previous"]["disabled"]

    message = message | {"embeds": after["data"]["embeds"], "components": after["data"]["components"]}
    back = await click(fake, message, second["◀ Previous"], reader)
    assert back["data"]["embeds"][0]["description"].startswith("Sébastien Kalmurzaeva was a renowned violinist")

    message = message | {"embeds": back["data"]["embeds"], "components": back["data"]["components"]}
    answer = await click(fake, message, buttons(back["data"])["Back to the answer"], reader)
    assert answer["type"] == 7
    assert answer["data"]["embeds"] == body["embeds"]  # the answer again: its highlights, More results, votes
    assert answer["data"]["components"] == body["components"]


async def test_someone_elses_clicks_open_a_private_copy_and_leave_the_answer_alone(fake, bot):
    asker, other = fake.person(), fake.person()
    body = await reply_to(fake, f"{MENTION} Sophie orchestra", mentions=[BOT_USER], author=asker)
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == body["embeds"])
    for label in ("Next ▶", "More results"):
        copy = await click(fake, message, buttons(body)[label], other)
        assert copy["type"] == 4 and copy["data"]["flags"] & EPHEMERAL  # a new message only they see
        assert copy["data"]["embeds"] != body["embeds"]

    # In their copy, their clicks are theirs: it changes in place.
    mine = next(m for m in reversed(fake.messages.values()) if m["embeds"] == copy["data"]["embeds"])
    onwards = await click(fake, mine, buttons(copy["data"])["Next ▶"], other)
    assert onwards["type"] == 7 and onwards["data"]["embeds"][0]["footer"]["text"] == "Q: Sophie orchestra"


async def test_a_vote_in_a_private_copy_is_the_same_vote_as_on_the_answer(fake, bot):
    """A copy is the same answer: voting on it too is changing one's vote, not a second 👎 in /feedback."""
    asker, other = fake.person(), fake.person()
    body = await reply_to(fake, f"{MENTION} Where was Sébastien born?", mentions=[BOT_USER], author=asker)
    message = next(m for m in reversed(fake.messages.values()) if m["embeds"] == body["embeds"])
    voted = await click(fake, message, buttons(body)["👎"], other)
    assert voted["data"]["content"].startswith("Thanks, noted")

    copy = await click(fake, message, buttons(body)["Next ▶"], other)
    mine = next(m for m in reversed(fake.messages.values()) if m["embeds"] == copy["data"]["embeds"])
    assert mine["id"] != message["id"]
    again = await click(fake, mine, buttons(copy["data"])["Back to the answer"], other)
    assert again["data"]["embeds"] == body["embeds"]
    mine = mine | {"embeds": again["data"]["embeds"], "components": again["data"]["components"]}
    assert (await click(fake, mine, buttons(again["data"])["👎"], other))["data"]["content"] == (
        "You already gave this answer a 👎."
    )
