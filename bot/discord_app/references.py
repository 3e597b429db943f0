"""What an answer's buttons carry in their custom_id, so a click needs nothing read back from an embed.

A story is named by its stable id (bot.core.story_ids), a passage by (story id, number), an answer
by who asked, which page it shows and the story it was kept to. Every custom_id stays within
Discord's 100 characters whatever the numbers: user ids are at most 20 digits, story ids 16 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import discord

from bot.core.story_ids import STORY_ID_PATTERN

CUSTOM_ID_LIMIT = 100
STORY = STORY_ID_PATTERN
NUMBER = r"\d{1,7}"
ANSWER_KEY = rf"(?P<asker>\d{{1,20}})\.(?P<offset>{NUMBER})\.(?P<scope>{STORY}|-)\.(?P<hint>[cs])"
"""An AnswerKey inside a template; its groups are read back by AnswerKey.from_match."""
_STORY_OF_ANSWER = re.compile(rf"storybot:(?:read|vote):(?P<story>{STORY}):")


@dataclass(frozen=True)
class AnswerKey:
    """What it takes to show an answer again: who asked, which page, the one story it searched."""

    asker: int
    """The user whose answer it is: their clicks change it, anyone else's open a private copy."""
    offset: int
    """How many better results come before the one shown."""
    scope: str | None = None
    """The id of the one story the question searched, or None for every story."""
    channel_scope: bool = False
    """The scope is the channel's story (/settings story), which the answer words differently."""

    def encode(self) -> str:
        return f"{self.asker}.{self.offset}.{self.scope or '-'}.{'c' if self.channel_scope else 's'}"

    @classmethod
    def from_match(cls, match: re.Match[str]) -> AnswerKey:
        scope = match["scope"]
        return cls(int(match["asker"]), int(match["offset"]), None if scope == "-" else scope, match["hint"] == "c")

    def shown_to(self, user: int) -> AnswerKey:
        """The same answer as another person's own copy."""
        return AnswerKey(user, self.offset, self.scope, self.channel_scope)

    def at(self, offset: int) -> AnswerKey:
        return AnswerKey(self.asker, offset, self.scope, self.channel_scope)


def story_of_answer(message: discord.Message | None, bot_id: int) -> str | None:
    """The id of the story one of the bot's answers (or passages read on from one) shows, from its
    buttons; None for any other message."""
    if message is None or message.author.id != bot_id:
        return None
    for row in message.components:
        for item in getattr(row, "children", ()):
            found = _STORY_OF_ANSWER.match(getattr(item, "custom_id", None) or "")
            if found:
                return found["story"]
    return None
