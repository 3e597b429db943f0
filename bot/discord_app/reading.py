"""An answer's buttons for reading: More results, ◀ Previous / Next ▶ through its story, and Back to
the answer (with its votes and More results) from a passage read on.

Each button carries what it needs in its custom_id (bot.discord_app.references): the story's
stable id, the passage's number, and the answer's key, so clicks work after restarts and reloads,
and a story that was removed says so instead of showing another. Only the question is the answer's
own footer ("Q: …"), the reader's words shown back as they were asked.

An answer stays its asker's: their clicks change it in place; anyone else's open a private copy that
they page on their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import discord

from bot.core.answer import NoAnswer
from bot.core.corpus import Passage
from bot.discord_app.client import send_ephemeral, story_bot
from bot.discord_app.cog import own_or_copy, spent_or_refused
from bot.discord_app.references import ANSWER_KEY, NUMBER, STORY, AnswerKey
from bot.discord_app.render import (
    CHANNEL_SCOPE_HINT,
    SCOPE_HINT,
    Reply,
    answer_embed,
    index_damaged_text,
    no_answer_text,
    passage_embed,
    persistent_view,
    question_from_footer,
)
from bot.discord_app.voting import vote_buttons
from bot.messages import STORY_GONE
from bot.operations.ask import Asked, ask_in_thread
from bot.operations.read_passage import PassageRead, read_passage
from bot.operations.resolve_story import story_by_id
from bot.operations.story_ref import StoryRef

WAYS = {"prev": "◀ Previous", "next": "Next ▶"}


def answer_reply(asked: Asked, asker: int, channel_scope: bool = False) -> Reply:
    """The embed with its buttons (More results, reading on, 👍 / 👎), or the friendly no-answer line.

    The story the answer kept to (Asked.scope) is kept for paging."""
    answer = asked.answer
    best = answer.best
    if best is None:
        return Reply(content=no_answer_text(answer))
    scope = asked.scope.id if asked.scope is not None else None
    key = AnswerKey(asker, answer.offset, scope, channel_scope and scope is not None)
    story = asked.stories[0]
    more = (AnswerButton("more", key.at(answer.offset + 1)),) if answer.more else ()
    reading = read_on_buttons(story.id, best.passage, best.passage_count, key)
    view = persistent_view(*more, *reading, *vote_buttons(story.id, best.passage))
    return Reply(embed=answer_embed(asked, CHANNEL_SCOPE_HINT if channel_scope else SCOPE_HINT), view=view)


def read_on_buttons(story: str, passage: int, passage_count: int, key: AnswerKey) -> tuple[ReadOn, ReadOn]:
    """The two buttons for a message showing passage `passage` (from 1) of a story of passage_count."""
    return (
        ReadOn(story, max(passage - 1, 1), "prev", key, disabled=passage <= 1),
        ReadOn(story, min(passage + 1, passage_count), "next", key, disabled=passage >= passage_count),
    )


def passage_reply(story: StoryRef, passage: Passage, question: str | None, key: AnswerKey) -> Reply:
    """A passage read on from an answer, with the way on, back, and back to the answer."""
    reading = read_on_buttons(story.id, passage.number, story.passages, key)
    back = (AnswerButton("back", key),) if question is not None else ()
    return Reply(embed=passage_embed(story, passage, question), view=persistent_view(*reading, *back))


async def show(interaction: discord.Interaction, key: AnswerKey, reply: Callable[[AnswerKey], Reply]) -> None:
    """The asker's click changes their answer in place; anyone else's opens a private copy of their own."""
    await own_or_copy(interaction, key.asker, lambda owner: reply(key.shown_to(owner)))


async def show_answer(interaction: discord.Interaction, key: AnswerKey, none_left: str) -> None:
    """The answer at key.offset, asked again from the question in the message's footer."""
    if not await spent_or_refused(interaction):
        return
    message = interaction.message
    question = question_from_footer(message.embeds[0]) if message and message.embeds else None
    if question is None:
        await send_ephemeral(interaction, "I can't show this answer any more; please ask again.")
        return
    library = await story_bot(interaction).view(interaction.guild_id)
    if library is None:
        await send_ephemeral(interaction, STORY_GONE)
        return
    scope = None if key.scope is None else story_by_id(library, key.scope)
    if key.scope is not None and scope is None:
        await send_ephemeral(interaction, STORY_GONE)
        return
    asked = await ask_in_thread(library, question, story=scope, offset=key.offset)
    answer = asked.answer
    if answer.best is None:
        await send_ephemeral(
            interaction, no_answer_text(answer) if answer.reason is NoAnswer.INDEX_DAMAGED else none_left
        )
        return
    await show(interaction, key, lambda owned: answer_reply(asked, owned.asker, owned.channel_scope))


ANSWER_BUTTONS = {
    "more": ("More results", discord.ButtonStyle.secondary, "That was the last result for this question."),
    "back": (
        "Back to the answer",
        discord.ButtonStyle.primary,
        "The stories have changed and no longer answer this; please ask again.",
    ),
}


class AnswerButton(discord.ui.DynamicItem[discord.ui.Button], template=rf"storybot:(?P<action>more|back):{ANSWER_KEY}"):
    """*More results*: the next result of the same question (in the same story, for a scoped one); *Back to
    the answer*: from a passage read on, the answer again, with its highlights, votes and More results."""

    def __init__(self, action: str, key: AnswerKey):
        label, style, _ = ANSWER_BUTTONS[action]
        custom_id = f"storybot:{action}:{key.encode()}"
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id))
        self.action, self.key = action, key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> AnswerButton:
        return cls(match["action"], AnswerKey.from_match(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        await show_answer(interaction, self.key, ANSWER_BUTTONS[self.action][2])


class ReadOn(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"storybot:read:(?P<story>{STORY}):(?P<number>{NUMBER}):(?P<way>prev|next):{ANSWER_KEY}",
):
    """◀ Previous / Next ▶: the neighbouring passage of the story shown, in place."""

    def __init__(self, story: str, number: int, way: str, key: AnswerKey, disabled: bool = False):
        super().__init__(
            discord.ui.Button(
                label=WAYS[way],
                style=discord.ButtonStyle.secondary,
                custom_id=f"storybot:read:{story}:{number}:{way}:{key.encode()}",
                disabled=disabled,
            )
        )
        self.story, self.number, self.key = story, number, key

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> ReadOn:
        return cls(match["story"], int(match["number"]), match["way"], AnswerKey.from_match(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        if not await spent_or_refused(interaction):
            return
        library = await story_bot(interaction).view(interaction.guild_id)
        if library is None:
            await send_ephemeral(interaction, STORY_GONE)
            return
        reading = read_passage(library, self.story, self.number)
        if reading.read is PassageRead.STORY_GONE:
            await send_ephemeral(interaction, STORY_GONE)
            return
        if reading.read is PassageRead.INDEX_DAMAGED and reading.damage is not None:
            await send_ephemeral(interaction, index_damaged_text(reading.damage))
            return
        story, passage = reading.story, reading.passage
        assert story is not None and passage is not None
        message = interaction.message
        question = question_from_footer(message.embeds[0]) if message and message.embeds else None
        await show(interaction, self.key, lambda owned: passage_reply(story, passage, question, owned))


class OlderButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"storybot:(?:more:\d+|read:\d+:(?:prev|next)|vote:\d+:(?:up|down))",
):
    """A button of an answer given before stories had stable ids: it cannot tell which story it meant."""

    def __init__(self, custom_id: str):
        super().__init__(discord.ui.Button(label="…", custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> OlderButton:
        return cls(match.group())

    async def callback(self, interaction: discord.Interaction) -> None:
        await send_ephemeral(interaction, "This answer is from an older version of me; please ask again.")
