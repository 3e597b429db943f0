"""An answer's buttons for reading: More results, ◀ Previous / Next ▶ through its story, and Back to
the answer (with its votes and More results) from a passage read on.

Each button carries what it needs in its custom_id (bot.discord_app.references): the story's
stable id, the passage's number, and the id the answer is kept under with the result shown, so clicks
work after restarts and reloads, and a story that was removed says so instead of showing another. The
question, the story it searched and whose it is are read by that id (bot.discord_app.saved_answers),
never from the embed, whose footer only shows the question.

An answer stays its asker's: their clicks change it in place; anyone else's open a private copy that
they page on their own.
"""

from __future__ import annotations

import re

import discord

from bot.core.answer import NoAnswer
from bot.core.corpus import Passage
from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot, send_ephemeral, story_bot
from bot.discord_app.cog import asker_queue, own_or_copy, spent_or_refused
from bot.discord_app.references import ANSWER_PAGE, NUMBER, OLD_ANSWER_KEY, STORY, VERSION, AnswerPage
from bot.discord_app.render import (
    Reply,
    answer_embed,
    no_answer_text,
    passage_embed,
    persistent_view,
)
from bot.discord_app.saved_answers import keep_answer, owner_here, saved_answer
from bot.discord_app.voting import passage_or_told, vote_buttons
from bot.messages import (
    BACK_TO_ANSWER,
    CHANNEL_SCOPE_HINT,
    LAST_RESULT,
    MORE_RESULTS,
    OLDER_ANSWER,
    READ_WAYS,
    SCOPE_HINT,
    STORIES_CHANGED,
    STORY_CHANGED,
    STORY_GONE,
)
from bot.operations.ask import Asked, ask_in_thread
from bot.operations.resolve_story import story_by_id
from bot.operations.story_ref import StoryRef
from bot.state.answers import SavedAnswer


async def reply_to_question(
    bot: StoryBot,
    asked: Asked,
    *,
    server_id: int | None,
    channel_id: int | None,
    asker_id: int,
    channel_scope: bool = False,
) -> Reply:
    """The answer to a new question with its buttons, the answer kept first under a new id for them; or the
    friendly no-answer line (nothing kept). The story the answer kept to (Asked.scope) is kept for paging."""
    if asked.answer.best is None:
        return Reply(content=no_answer_text(asked.answer))
    kept = await keep_answer(
        bot,
        server_id=server_id,
        channel_id=channel_id,
        asker_id=asker_id,
        question=asked.answer.question,
        scope=None if asked.scope is None else asked.scope.id,
        channel_scope=channel_scope and asked.scope is not None,
    )
    return answer_reply(asked, kept)


def answer_reply(asked: Asked, kept: SavedAnswer) -> Reply:
    """The embed of an answer with a result, and its buttons (More results, reading on, 👍 / 👎)."""
    answer = asked.answer
    best = answer.best
    assert best is not None
    page = AnswerPage(kept.id, answer.offset)
    story = asked.stories[0]
    more = (AnswerButton("more", page.at(answer.offset + 1)),) if answer.more else ()
    reading = read_on_buttons(story, best.passage, best.passage_count, page)
    view = persistent_view(*more, *reading, *vote_buttons(story, best.passage, kept.id))
    return Reply(embed=answer_embed(asked, CHANNEL_SCOPE_HINT if kept.channel_scope else SCOPE_HINT), view=view)


def read_on_buttons(story: StoryRef, passage: int, passage_count: int, page: AnswerPage) -> tuple[ReadOn, ReadOn]:
    """The two buttons for a message showing passage `passage` (from 1) of a story of passage_count, in the story's
    version shown."""
    return (
        ReadOn(story.id, max(passage - 1, 1), "prev", story.version, page, disabled=passage <= 1),
        ReadOn(
            story.id, min(passage + 1, passage_count), "next", story.version, page, disabled=passage >= passage_count
        ),
    )


def passage_reply(story: StoryRef, passage: Passage, kept: SavedAnswer, page: AnswerPage) -> Reply:
    """A passage read on from an answer, with the way on, back, and back to the answer."""
    reading = read_on_buttons(story, passage.number, story.passages, page)
    embed = passage_embed(story, passage, kept.question)
    return Reply(embed=embed, view=persistent_view(*reading, AnswerButton("back", page)))


async def show(interaction: discord.Interaction, kept: SavedAnswer, reply: Reply) -> None:
    """The asker's click changes their answer in place; anyone else's opens a private copy of their own."""
    await own_or_copy(interaction, owner_here(interaction, kept), lambda _owner: reply)


async def kept_and_view(interaction: discord.Interaction, answer_id: str) -> tuple[SavedAnswer, StoryLibrary] | None:
    """The answer a button names and what this server searches; None once the clicker is told why not (no question
    left in their budget, the answer not kept, no stories here)."""
    if not await spent_or_refused(interaction):
        return None
    kept = await saved_answer(interaction, answer_id)
    if kept is None:
        return None
    library = await story_bot(interaction).view(interaction.guild_id)
    if library is None:
        await send_ephemeral(interaction, STORY_GONE)
        return None
    return kept, library


async def show_answer(interaction: discord.Interaction, page: AnswerPage, none_left: str) -> None:
    """The answer at page.offset, asked again from the question kept under its id."""
    found = await kept_and_view(interaction, page.answer)
    if found is None:
        return
    kept, library = found
    scope = None if kept.scope is None else story_by_id(library, kept.scope)
    if kept.scope is not None and scope is None:
        await send_ephemeral(interaction, STORY_GONE)
        return
    queue = asker_queue(interaction.guild_id, interaction.user.id)
    asked = await ask_in_thread(library, kept.question, story=scope, offset=page.offset, queue=queue)
    answer = asked.answer
    if answer.best is None:
        await send_ephemeral(
            interaction, no_answer_text(answer) if answer.reason is NoAnswer.INDEX_DAMAGED else none_left
        )
        return
    await show(interaction, kept, answer_reply(asked, kept))


ANSWER_BUTTONS = {
    "more": (MORE_RESULTS, discord.ButtonStyle.secondary, LAST_RESULT),
    "back": (BACK_TO_ANSWER, discord.ButtonStyle.primary, STORIES_CHANGED),
}


class AnswerButton(
    discord.ui.DynamicItem[discord.ui.Button], template=rf"storybot:(?P<action>more|back):{ANSWER_PAGE}"
):
    """*More results*: the next result of the same question (in the same story, for a scoped one); *Back to
    the answer*: from a passage read on, the answer again, with its highlights, votes and More results."""

    def __init__(self, action: str, page: AnswerPage):
        label, style, _ = ANSWER_BUTTONS[action]
        custom_id = f"storybot:{action}:{page.encode()}"
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id))
        self.action, self.page = action, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> AnswerButton:
        return cls(match["action"], AnswerPage.from_match(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        await show_answer(interaction, self.page, ANSWER_BUTTONS[self.action][2])


class ReadOn(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        rf"storybot:read:(?P<story>{STORY}):(?P<number>{NUMBER}):(?P<way>prev|next):(?:(?P<version>{VERSION}):)?"
        rf"{ANSWER_PAGE}"
    ),
):
    """◀ Previous / Next ▶: the neighbouring passage of the story shown, in place, while the story is still the
    version shown (its digest in the custom_id); once replaced or edited, its passage numbers may have shifted, and
    the click says so. A button given before buttons carried the version reads on as before."""

    def __init__(
        self, story: str, number: int, way: str, version: str | None, page: AnswerPage, disabled: bool = False
    ):
        shown = "" if version is None else f"{version}:"
        super().__init__(
            discord.ui.Button(
                label=READ_WAYS[way],
                style=discord.ButtonStyle.secondary,
                custom_id=f"storybot:read:{story}:{number}:{way}:{shown}{page.encode()}",
                disabled=disabled,
            )
        )
        self.story, self.number, self.version, self.page = story, number, version, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> ReadOn:
        return cls(match["story"], int(match["number"]), match["way"], match["version"], AnswerPage.from_match(match))

    async def callback(self, interaction: discord.Interaction) -> None:
        found = await kept_and_view(interaction, self.page.answer)
        if found is None:
            return
        kept, library = found
        read = await passage_or_told(interaction, library, self.story, self.number)
        if read is None:
            return
        if self.version is not None and read[0].version != self.version:
            await send_ephemeral(interaction, STORY_CHANGED)
            return
        await show(interaction, kept, passage_reply(*read, kept, self.page))


class OlderButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        r"storybot:(?:more:\d+|read:\d+:(?:prev|next)|vote:\d+:(?:up|down)"
        rf"|(?:more|back):{OLD_ANSWER_KEY}|read:{STORY}:{NUMBER}:(?:prev|next):{OLD_ANSWER_KEY}"
        rf"|vote:{STORY}:{NUMBER}:(?:up|down))"
    ),
):
    """A button of an answer given before stories had stable ids (it cannot tell which story it meant), or
    before answers were kept by id (its question was only in the embed, which is never read back)."""

    def __init__(self, custom_id: str):
        super().__init__(discord.ui.Button(label="…", custom_id=custom_id))

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> OlderButton:
        return cls(match.group())

    async def callback(self, interaction: discord.Interaction) -> None:
        await send_ephemeral(interaction, OLDER_ANSWER)
