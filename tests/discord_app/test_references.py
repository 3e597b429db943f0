from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.core.story_ids import story_id
from bot.discord_app.reading import AnswerButton, ReadOn
from bot.discord_app.references import CUSTOM_ID_LIMIT, AnswerKey, story_of_answer
from bot.discord_app.voting import VoteButton
from tests.discord_app.fake_discord import BOT_USER, CHANNEL_ID, PERSON, message_payload

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.components import ActionRow as ActionRowPayload
    from discord.types.components import ComponentBase
    from discord.types.message import Message as MessagePayload


def test_the_longest_custom_ids_fit_discords_limit_and_read_back_whole():
    story = story_id("a/" * 200 + "story.md")
    key = AnswerKey(asker=2**64 - 1, offset=9_999_999, scope=story, channel_scope=True)
    for item in (
        ReadOn(story, 9_999_999, "prev", key),
        AnswerButton("back", key),
        VoteButton(story, 9_999_999, "down"),
    ):
        custom_id = item.item.custom_id
        assert custom_id is not None and len(custom_id) <= CUSTOM_ID_LIMIT
        match = item.template.fullmatch(custom_id)
        assert match is not None
    read = ReadOn(story, 3, "next", AnswerKey(7, 0))
    match = read.template.fullmatch(read.item.custom_id or "")
    assert match is not None
    assert (match["story"], match["number"], AnswerKey.from_match(match)) == (story, "3", AnswerKey(7, 0))


def test_the_story_of_an_answer_is_read_from_its_buttons_not_its_title(discord_bot):
    story = story_id("b/chapter.md")
    vote = VoteButton(story, 2, "up").item.to_component_dict()
    row: ActionRowPayload = {"type": 1, "components": [vote]}
    # discord.py's stubs: ActionRow narrows ComponentBase's "type" to Literal[1], so a TypedDict checker does not
    # take it for the ComponentBase a message's components are typed as.
    rows: list[ComponentBase] = [row]  # type: ignore[list-item]
    state = discord_bot._connection
    channel = state._get_guild(2000).get_channel(CHANNEL_ID)
    answer: MessagePayload = {
        **message_payload(1, CHANNEL_ID, BOT_USER, ""),
        "components": rows,
        "embeds": [{"title": "Other"}],
    }
    assert story_of_answer(discord.Message(state=state, channel=channel, data=answer), int(BOT_USER["id"])) == story
    someone: MessagePayload = {**message_payload(2, CHANNEL_ID, PERSON, ""), "components": rows}
    assert story_of_answer(discord.Message(state=state, channel=channel, data=someone), int(BOT_USER["id"])) is None
