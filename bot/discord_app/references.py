"""What an answer's buttons carry in their custom_id, so a click needs nothing read back from an embed.

A story is named by its stable id (bot.core.story_ids), a passage by (story id, number), an answer by
the id it is kept under (bot.state.answers: its question, scope and asker) and the result shown. Every
custom_id stays within Discord's 100 characters whatever the numbers: story ids are at most 16
characters, answer ids 12.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import discord

from bot.core.story_ids import STORY_ID_PATTERN
from bot.operations.story_ref import VERSION_LENGTH
from bot.state.answers import ANSWER_ID_PATTERN

CUSTOM_ID_LIMIT = 100
STORY = STORY_ID_PATTERN
NUMBER = r"\d{1,7}"
ANSWER = ANSWER_ID_PATTERN
VERSION = rf"[0-9a-f]{{{VERSION_LENGTH}}}"
"""A story's version (bot.operations.story_ref.story_version), for custom_id templates."""
ANSWER_PAGE = rf"(?P<answer>{ANSWER})\.(?P<offset>{NUMBER})"
"""An AnswerPage inside a template; its groups are read back by AnswerPage.from_match."""
OLD_ANSWER_KEY = rf"\d{{1,20}}\.{NUMBER}\.(?:{STORY}|-)\.[cs]"
"""What buttons carried before answers were kept by id (the asker, the result, the scope): the question
was read back from the embed, so these only ask to ask again."""
_STORY_OF_ANSWER = re.compile(rf"storybot:(?:read|vote):(?P<story>{STORY}):")


@dataclass(frozen=True)
class AnswerPage:
    """One result of a kept answer: the answer's id and how many better results come before it."""

    answer: str
    offset: int

    def encode(self) -> str:
        return f"{self.answer}.{self.offset}"

    @classmethod
    def from_match(cls, match: re.Match[str]) -> AnswerPage:
        return cls(match["answer"], int(match["offset"]))

    def at(self, offset: int) -> AnswerPage:
        return AnswerPage(self.answer, offset)


def story_of_answer(message: discord.Message | None, bot_id: int) -> str | None:
    """The id of the story one of the bot's answers (or passages read on from one) shows, from its
    buttons; None for any other message."""
    if message is None or message.author.id != bot_id:
        return None
    # discord.py sets Message.components only when Discord's payload has the key, which it may leave out (a message
    # with no buttons, or a referenced message as Discord sends it): no components, no answer's buttons
    for row in getattr(message, "components", ()):
        for item in getattr(row, "children", ()):
            found = _STORY_OF_ANSWER.match(getattr(item, "custom_id", None) or "")
            if found:
                return found["story"]
    return None
