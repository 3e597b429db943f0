"""👍 / 👎 under every answer: one vote per person per answer shown, changeable, kept in the database.

Like the other buttons, the vote needs nothing remembered between restarts: the story's stable id, the
passage's number, the story's version shown and the id the answer is kept under are in the button's custom_id; the
question is read by that id (bot.discord_app.saved_answers), never from the embed. Once the story is replaced, edited
or read otherwise (its passages renumbered), the vote is refused rather than counted for another passage.
"""

from __future__ import annotations

import logging
import re

import discord

from bot.core.corpus import Passage
from bot.core.library import StoryLibrary
from bot.discord_app.client import acknowledge, send_ephemeral, story_bot
from bot.discord_app.cog import asker_queue
from bot.discord_app.references import ANSWER, NUMBER, STORY, VERSION
from bot.discord_app.render import clip, index_damaged_text
from bot.discord_app.saved_answers import saved_answer
from bot.messages import (
    ANSWER_NOT_FOUND,
    DOWN_VOTE,
    STORY_CHANGED,
    STORY_GONE,
    UP_VOTE,
    VOTE_NOT_SHOWN,
    database_trouble_text,
    vote_thanks_text,
)
from bot.operations.ask import among_results
from bot.operations.read_passage import PassageRead, read_passage
from bot.operations.resolve_story import story_by_id
from bot.operations.story_ref import StoryRef
from bot.state.database_fault import DatabaseTask
from bot.state.feedback import Judgement, Vote
from bot.state.guarded_engine import DatabaseUnavailable

log = logging.getLogger(__name__)

EXCERPT_KEPT = 1000
"""Characters of the voted passage kept with the vote, so an export shows what was wrong."""
WAYS = {"up": Vote.UP, "down": Vote.DOWN}
EMOJI = {Vote.UP: UP_VOTE, Vote.DOWN: DOWN_VOTE}


async def passage_or_told(
    interaction: discord.Interaction, library: StoryLibrary | None, story: str, number: int
) -> tuple[StoryRef, Passage] | None:
    """The passage a button names (reading on, or a vote's); None once the clicker is told why not: its story is
    gone (or this server has no stories), or the saved index was found damaged (it is being rebuilt)."""
    reading = None if library is None else read_passage(library, story, number)
    if reading is None or reading.read is PassageRead.STORY_GONE:
        await send_ephemeral(interaction, STORY_GONE)
        return None
    if reading.read is PassageRead.INDEX_DAMAGED and reading.damage is not None:
        await send_ephemeral(interaction, index_damaged_text(reading.damage))
        return None
    assert reading.story is not None and reading.passage is not None
    return reading.story, reading.passage


class VoteButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        rf"storybot:vote:(?P<story>{STORY}):(?P<passage>{NUMBER}):(?P<way>up|down):(?:(?P<version>{VERSION}):)?"
        rf"(?P<answer>{ANSWER})"
    ),
):
    """A vote on the passage shown, in the story's version shown; a button given before votes carried the version
    is judged as before, by whether the answer asked again still shows that passage."""

    def __init__(self, story: str, passage: int, way: str, version: str | None, answer: str):
        self.vote = WAYS[way]
        shown = "" if version is None else f"{version}:"
        super().__init__(
            discord.ui.Button(
                emoji=EMOJI[self.vote],
                style=discord.ButtonStyle.secondary,
                custom_id=f"storybot:vote:{story}:{passage}:{way}:{shown}{answer}",
            )
        )
        self.story, self.passage, self.version, self.answer = story, passage, version, answer

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> VoteButton:
        return cls(match["story"], int(match["passage"]), match["way"], match["version"], match["answer"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await acknowledge(interaction, private=True)  # before the database, which may be slow to answer
        bot = story_bot(interaction)
        message = interaction.message
        if message is None:  # Discord sends the clicked message with every click
            await send_ephemeral(interaction, ANSWER_NOT_FOUND)
            return
        kept = await saved_answer(interaction, self.answer)
        if kept is None:
            return
        library = await bot.view(interaction.guild_id)
        # on a damaged index the vote keeps the passage it judged: asked again once the index is rebuilt
        read = await passage_or_told(interaction, library, self.story, self.passage)
        if read is None:
            return
        story, passage = read
        if self.version is not None and story.version != self.version:
            await send_ephemeral(interaction, STORY_CHANGED)  # its passage numbers may name another passage now
            return
        assert library is not None
        scope = None if kept.scope is None else story_by_id(library, kept.scope)
        queue = asker_queue(interaction.guild_id, interaction.user.id)
        shown = await among_results(
            library, kept.question, scope=scope, story=self.story, number=self.passage, queue=queue
        )
        if shown is None and library.damage is not None:
            await send_ephemeral(interaction, index_damaged_text(library.damage))
            return
        if not shown:  # a passage no page of the answer shows: a forged button's, or the stories changed since
            await send_ephemeral(interaction, VOTE_NOT_SHOWN)
            return
        judgement = Judgement(
            server_id=interaction.guild_id,
            channel_id=message.channel.id,
            message_id=message.id,
            user_id=interaction.user.id,
            vote=self.vote,
            question=kept.question,
            story_path=story.path,
            story_title=story.title,
            passage=passage.number,
            excerpt=clip(passage.text, EXCERPT_KEPT),
            answer_id=kept.id,
        )
        try:
            earlier = await bot.database.feedback.record(judgement)
        except DatabaseUnavailable as error:
            log.warning("Could not record a vote on message %s: %s", message.id, error)
            await send_ephemeral(interaction, database_trouble_text(error.fault, DatabaseTask.SAVE_VOTE))
            return
        before = None if earlier is None else EMOJI[earlier]
        await send_ephemeral(
            interaction, vote_thanks_text(EMOJI[self.vote], before, in_server=interaction.guild_id is not None)
        )


def vote_buttons(story: StoryRef, passage: int, answer: str) -> tuple[VoteButton, VoteButton]:
    """👍 and 👎 on passage `passage` (from 1) of the story in its version shown."""
    return (
        VoteButton(story.id, passage, "up", story.version, answer),
        VoteButton(story.id, passage, "down", story.version, answer),
    )
