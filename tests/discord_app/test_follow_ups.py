"""Story scope and follow-ups, as Discord would deliver them to the real bot process."""

from __future__ import annotations

import re

import pytest

from bot.core.story_ids import story_id
from bot.messages import THANKS_REPLY
from tests.discord_app.fake_discord import (
    BOOK_CLUB_ID,
    BOT_USER,
    CHANNEL_ID,
    DM_CHANNEL_ID,
    GUILD_ID,
    FakeDiscord,
    message_payload,
)
from tests.discord_app.test_end_to_end import (
    CHANNEL_MESSAGES,
    EPHEMERAL,
    MENTION,
    NO_PINGS,
    bot,
    callback,
    fake,
    reply_to,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["bot", "fake"]  # the module-scoped fixtures, shared with the other end-to-end tests


SOPHIE_STORY = "Sophie Korolev: A Pianist Takes the Stage"
SCOPE_FIELD = "Searched only this story"


async def answer_message(fake: FakeDiscord, question: str) -> dict:
    """A question by mention, and the bot's answer as Discord stored it."""
    body = await reply_to(fake, f"{MENTION} {question}", mentions=[BOT_USER])
    return next(m for m in reversed(fake.messages.values()) if m["embeds"] == body["embeds"])


async def test_slash_ask_searches_only_the_chosen_story(fake, bot):
    step = await fake.slash("ask", question="Where did she perform?", story="sophie-korolev-pianist.md")
    data = (await callback(fake, step))["data"]
    embed = data["embeds"][0]
    assert embed["title"] == SOPHIE_STORY
    assert any(f["name"] == SCOPE_FIELD for f in embed["fields"])
    assert all("Sophie" in line for f in embed["fields"] if f["name"] == "Also" for line in f["value"].splitlines())


async def test_slash_ask_with_an_unclear_story_lists_the_candidates_privately(fake, bot):
    step = await fake.slash("ask", question="Where was she born?", story="kalmurzaeva")
    data = (await callback(fake, step))["data"]
    assert data["flags"] & EPHEMERAL
    assert "could be more than one story" in data["content"]
    assert "Violinist of Moscow" in data["content"] and "Ballerina of Moscow" in data["content"]


async def test_story_autocomplete_offers_titles_best_first(fake, bot):
    registered = fake.commands["guild"]
    ask = next(c for c in registered if c["name"] == "ask")
    data = {
        "id": ask["id"],
        "name": "ask",
        "type": 1,
        "guild_id": str(GUILD_ID),
        "options": [
            {"name": "question", "type": 3, "value": "who"},
            {"name": "story", "type": 3, "value": "balerina", "focused": True},
        ],
    }
    step = await fake.interact(4, data)
    choices = (await callback(fake, step))["data"]["choices"]
    assert choices[0]["name"] == "Kalmurzaeva's Odyssey: Sofia, Ballerina of Moscow"
    assert choices[0]["value"] == story_id("sofia-kalmurzaeva-ballerina.md")  # a stable id, not a title
    assert len(choices) <= 25

    step = await fake.slash("ask", question="Where was she born?", story=choices[0]["value"])
    assert (await callback(fake, step))["data"]["embeds"][0]["title"] == choices[0]["name"]


async def test_a_reply_to_an_answer_is_a_follow_up_in_its_story(fake, bot):
    answer = await answer_message(fake, "Where did Sophie grow up?")
    assert answer["embeds"][0]["title"] == SOPHIE_STORY
    # "audience" is in every story; the follow-up stays in Sophie's, and says so.
    mark = await fake.reply_to_message(answer, "how did the audience react?")
    body = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)).body
    embed = body["embeds"][0]
    assert embed["title"] == SOPHIE_STORY
    assert any(f["name"] == SCOPE_FIELD for f in embed["fields"])
    assert body["allowed_mentions"] == NO_PINGS


async def test_a_question_in_a_thread_under_an_answer_is_a_follow_up(fake, bot):
    answer = await answer_message(fake, "Who is Sofia?")
    story = answer["embeds"][0]["title"]
    thread = await fake.start_thread(answer)
    mark = await fake.send_message("where was she born?", channel_id=thread)
    body = (await fake.wait_for_call("POST", rf"/channels/{thread}/messages", after=mark)).body
    assert body["embeds"][0]["title"] == story
    assert any(f["name"] == SCOPE_FIELD for f in body["embeds"][0]["fields"])


async def test_a_reply_discord_sent_without_its_message_is_read_from_the_channel_it_names(fake, bot):
    """A reply's message Discord did not send with it is fetched from the channel its reference names: it was asked
    for in the channel replied in, where it is not (Discord says 404), and the follow-up searched every story."""
    answer = await answer_message(fake, "Where did Sophie grow up?")
    reference = {"message_id": answer["id"], "channel_id": str(CHANNEL_ID), "guild_id": str(GUILD_ID)}
    mark = await fake.send_message(
        f"{MENTION} how did the audience react?",
        channel_id=BOOK_CLUB_ID,
        mentions=[BOT_USER],
        message_reference=reference,
        type=19,
    )
    body = (await fake.wait_for_call("POST", rf"/channels/{BOOK_CLUB_ID}/messages", after=mark)).body
    assert [c.path for c in fake.calls[mark:] if c.method == "GET"] == [
        f"/channels/{CHANNEL_ID}/messages/{answer['id']}"
    ]
    assert body["embeds"][0]["title"] == SOPHIE_STORY
    assert any(f["name"] == SCOPE_FIELD for f in body["embeds"][0]["fields"])


async def test_a_forwarded_answer_is_no_reply_and_is_not_fetched(fake, bot):
    """A forward's reference names the message it quotes (message_snapshots), which it does not reply to: it was
    fetched from the channel forwarded to, a request Discord answers 404, for every forward the bot saw."""
    answer = await answer_message(fake, "Where did Sophie grow up?")
    fields = ("content", "embeds", "attachments", "timestamp", "edited_timestamp", "flags", "mentions", "type")
    snapshot = {"message": {key: answer.get(key) for key in fields} | {"flags": 0}}
    forward = {"type": 1, "message_id": answer["id"], "channel_id": str(CHANNEL_ID), "guild_id": str(GUILD_ID)}
    mark = await fake.send_message(
        "", channel_id=DM_CHANNEL_ID, message_reference=forward, message_snapshots=[snapshot]
    )
    await fake.wait_for_call("POST", rf"/channels/{DM_CHANNEL_ID}/messages", after=mark)
    assert not [c for c in fake.calls[mark:] if c.method == "GET"]


async def test_a_reply_to_someone_else_is_not_a_question(fake, bot):
    mark = len(fake.calls)
    someone = message_payload(fake.new_id(), CHANNEL_ID, fake.person(), "Sofia is my favourite")
    await fake.reply_to_message(someone, "where was sofia born?")
    answered = await reply_to(fake, f"{MENTION} how old is sofia", mentions=[BOT_USER])
    replies = [c for c in fake.calls[mark:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]
    assert len(replies) == 1 and "Sofia" in answered["embeds"][0]["description"]


async def test_a_reply_to_a_bot_message_discord_sent_without_components_is_answered(fake, bot):
    """Discord may leave `components` out of a message with none (an /ask response, type 20, as a reply's
    referenced_message): discord.py then gives the Message no such attribute. It is no answer, and the reply
    is a question to the bot like any other, in every story."""
    said = message_payload(fake.new_id(), CHANNEL_ID, BOT_USER, "")
    said["type"] = 20
    assert "components" not in said
    mark = await fake.reply_to_message(said, "where was sofia born?")
    body = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)).body
    assert "Sofia" in body["embeds"][0]["title"]
    assert not any(f["name"] == SCOPE_FIELD for f in body["embeds"][0]["fields"])
    assert "Traceback" not in bot.text


async def test_a_thread_is_looked_at_once_and_small_talk_not_at_all(fake, bot):
    answer = await answer_message(fake, "Who is Sofia?")
    thread = await fake.start_thread(answer)
    starter = rf"/channels/{CHANNEL_ID}/messages/{answer['id']}"
    mark = await fake.send_message("thanks!", channel_id=thread)  # nothing to search for
    first = await fake.send_message("where was she born?", channel_id=thread)
    await fake.wait_for_call("POST", rf"/channels/{thread}/messages", after=first)
    second = await fake.send_message("how old was she?", channel_id=thread)
    await fake.wait_for_call("POST", rf"/channels/{thread}/messages", after=second)
    looks = [c for c in fake.calls[mark:] if c.method == "GET" and re.fullmatch(starter, c.path)]
    assert len(looks) == 1
    replies = [c for c in fake.calls[mark:] if c.method == "POST" and c.path == f"/channels/{thread}/messages"]
    assert len(replies) == 2  # "thanks!" got none


async def test_thanks_under_an_answer_is_welcomed_not_searched_with_discords_reply_ping_either(fake, bot):
    # Replying pings the author replied to unless the person turns it off: "thanks!" under an answer listed the
    # bot among its mentions, and was answered "I couldn't find that in the stories: your question has no
    # words to search for". It is said to the bot, and gets a "you're welcome", with or without the ping. A reply
    # with a question is still answered, to an answer or to a no-answer line.
    answer = await answer_message(fake, "Who is Sofia?")
    mark = await fake.reply_to_message(answer, "thanks!", mentions=[BOT_USER])
    thanked = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=mark)).body
    assert thanked["content"] == THANKS_REPLY and not thanked.get("embeds")
    unpinged = await fake.reply_to_message(answer, "thank you")
    assert (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=unpinged)).body["content"] == THANKS_REPLY
    asked = await fake.reply_to_message(answer, "where was she born?", mentions=[BOT_USER])
    followed = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=asked)).body
    assert followed["embeds"][0]["title"] == answer["embeds"][0]["title"]
    prompt = await reply_to(fake, MENTION, mentions=[BOT_USER])  # "Ask me something about the stories, ..."
    said = next(m for m in reversed(fake.messages.values()) if m["content"] == prompt["content"])
    asked = await fake.reply_to_message(said, "how old is sofia", mentions=[BOT_USER])
    answered = (await fake.wait_for_call("POST", CHANNEL_MESSAGES, after=asked)).body
    assert "Sofia" in answered["embeds"][0]["description"]
    replies = [c.body for c in fake.calls[mark:] if c.method == "POST" and c.path == CHANNEL_MESSAGES]
    assert [bool(r.get("embeds")) for r in replies] == [False, False, True, False, True]


async def test_a_thread_started_on_its_own_is_looked_at_once(fake, bot):
    # A thread started from the channel's thread list (or whose message was deleted) has no message of its id:
    # Discord answered 404 to the look for one at every question asked in it, each a request on the
    # channel's rate limit and a line in the log, as nothing was remembered.
    thread = await fake.start_thread(message_payload(fake.new_id(), CHANNEL_ID, fake.person(), "never sent"))
    starter = rf"/channels/{CHANNEL_ID}/messages/{thread}"
    mark = len(fake.calls)
    for question in ("how old is sofia", "where was sofia born"):
        asked = await fake.send_message(f"{MENTION} {question}", channel_id=thread, mentions=[BOT_USER])
        answer = (await fake.wait_for_call("POST", rf"/channels/{thread}/messages", after=asked)).body
        assert "Sofia" in answer["embeds"][0]["description"]
    looks = [c for c in fake.calls[mark:] if c.method == "GET" and re.fullmatch(starter, c.path)]
    assert len(looks) == 1


async def test_discords_own_notices_in_a_thread_under_an_answer_are_not_questions(fake, bot):
    # Discord posts a notice of its own in a thread when someone renames it (type 4, CHANNEL_NAME_CHANGE) or pins a
    # message there (6), its text the thread's new name and its author the person who did it; a thread started from
    # a channel's thread list leaves one in the channel (18, THREAD_CREATED), its text the thread's name. Each was
    # taken for a question: the rename "where was Sofia born" was answered in the thread, from its renamer's question
    # budget, and a thread named after the bot's mention in the channel (a real Discord refuses a reply to either).
    # Only what people write (and their replies) is read.
    answer = await answer_message(fake, "Who is Sofia?")
    thread = await fake.start_thread(answer)
    renamer = fake.person()
    await fake.send_message("where was Sofia born", channel_id=thread, author=renamer, type=4)
    await fake.send_message("Sofia", channel_id=thread, author=renamer, type=6)
    await fake.send_message(f"{MENTION} where was Sofia born", author=renamer, type=18)
    mark = len(fake.calls)
    for question in ("how old was she?", "where was she born?", "who did she meet?", "her dance?", "her passion?"):
        asked = await fake.send_message(question, channel_id=thread, author=renamer)
        body = (await fake.wait_for_call("POST", rf"/channels/{thread}/messages", after=asked)).body
        assert body.get("embeds"), body["content"]  # the renamer's 5 questions: none spent on the notices
    replies = [c.body for c in fake.calls[mark:] if c.method == "POST" and c.path.endswith("/messages")]
    assert [r["embeds"][0]["footer"]["text"] for r in replies][:1] == ["Q: how old was she?"]
