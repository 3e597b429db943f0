from __future__ import annotations

from typing import TYPE_CHECKING

import discord
import pytest

from bot.core.story_ids import MAX_SHELF_STORY, shelf_story_id, story_id
from bot.discord_app.reading import AnswerButton, OlderButton, ReadOn
from bot.discord_app.references import CUSTOM_ID_LIMIT, AnswerPage, story_of_answer
from bot.discord_app.voting import VoteButton
from bot.operations.story_ref import VERSION_LENGTH
from bot.state.answers import new_answer_id
from tests.discord_app.fake_discord import BOT_USER, CHANNEL_ID, PERSON, message_payload

if TYPE_CHECKING:  # discord.types is for type checkers: importing it at run time is circular
    from discord.types.components import ActionRow as ActionRowPayload
    from discord.types.components import ComponentBase
    from discord.types.message import Message as MessagePayload


def test_the_longest_custom_ids_fit_discords_limit_and_read_back_whole():
    answer = new_answer_id()
    page = AnswerPage(answer, 9_999_999)
    for story in (story_id("a/" * 200 + "story.md"), shelf_story_id(MAX_SHELF_STORY)):
        for item in (
            ReadOn(story, 9_999_999, "prev", "f" * VERSION_LENGTH, page),
            AnswerButton("back", page),
            VoteButton(story, 9_999_999, "down", "f" * VERSION_LENGTH, answer),
        ):
            custom_id = item.item.custom_id
            assert custom_id is not None and len(custom_id) <= CUSTOM_ID_LIMIT
            assert item.template.fullmatch(custom_id) is not None
            # exactly one button class takes a click
            assert OlderButton.__discord_ui_compiled_template__.fullmatch(custom_id) is None
    story = story_id("a/story.md")
    for version in ("0123abcd", None):  # None: a button given before buttons carried the story's version
        read = ReadOn(story, 3, "next", version, AnswerPage(answer, 0))
        match = read.template.fullmatch(read.item.custom_id or "")
        assert match is not None
        assert (match["story"], match["number"], match["version"], AnswerPage.from_match(match)) == (
            story,
            "3",
            version,
            AnswerPage(answer, 0),
        )
    for version in ("0123abcd", None):  # None: a vote given before votes carried the story's version
        vote = VoteButton(story, 3, "up", version, answer)
        match = vote.template.fullmatch(vote.item.custom_id or "")
        assert match is not None
        assert (match["story"], match["passage"], match["version"], match["answer"]) == (story, "3", version, answer)


@pytest.mark.parametrize(
    "custom_id",
    [
        # before answers were kept by id: the asker, the result, the scope and how it was set
        "storybot:more:18446744073709551615.1.-.s",
        "storybot:back:7.0.abcdefghijklmnop.c",
        "storybot:read:abcdefghijklmnop:3:next:7.2.0123.s",
        "storybot:vote:abcdefghijklmnop:3:up",
        "storybot:vote:0123:3:down",
        # before stories had ids
        "storybot:more:4",
        "storybot:read:12:prev",
        "storybot:vote:12:up",
    ],
)
def test_the_buttons_of_older_answers_are_taken_by_the_older_button_alone(custom_id):
    templates = [item.__discord_ui_compiled_template__ for item in (AnswerButton, ReadOn, VoteButton, OlderButton)]
    assert [t.fullmatch(custom_id) is not None for t in templates] == [False, False, False, True]


def test_the_story_of_an_answer_is_read_from_its_buttons_not_its_title(discord_bot):
    story = story_id("b/chapter.md")
    vote = VoteButton(story, 2, "up", "0123abcd", new_answer_id()).item.to_component_dict()
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
