"""Readers' 👍 / 👎 on answers (the buttons are in voting.py), and /feedback, which shows a server's
managers the answers its readers voted down."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import discord
from discord import app_commands
from discord.utils import format_dt

from bot.discord_app.client import StoryBot, acknowledge, respond, send_ephemeral
from bot.discord_app.cog import StoryCog
from bot.discord_app.render import COLOR, DESCRIPTION_LIMIT, Reply, clip, fit, plain_line
from bot.discord_app.voting import VoteButton
from bot.messages import (
    FEEDBACK_COMMAND,
    FEEDBACK_EXPORT_HINT,
    FEEDBACK_TITLE,
    NO_DOWN_VOTES,
    database_trouble_text,
    voted_down_text,
)
from bot.state.database_fault import DatabaseTask
from bot.state.feedback import AnswerFeedback
from bot.state.guarded_engine import DatabaseUnavailable

log = logging.getLogger(__name__)

SHOWN = 10


def feedback_embed(answers: Sequence[AnswerFeedback]) -> discord.Embed:
    """The latest answers voted down: the question, the passage shown, the votes, when."""
    lines = [
        voted_down_text(
            plain_line(clip(a.question, 200), 400),
            plain_line(clip(a.story_title, 120), 240),
            a.passage,
            a.down,
            a.up,
            format_dt(a.last, "R"),
        )
        for a in answers
    ]
    embed = discord.Embed(title=FEEDBACK_TITLE, description=clip("\n\n".join(lines), DESCRIPTION_LIMIT), color=COLOR)
    embed.set_footer(text=FEEDBACK_EXPORT_HINT)
    return fit(embed)


class Feedback(StoryCog):
    dynamic_items = (VoteButton,)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Acknowledged before the permission check and the database."""
        await acknowledge(interaction, private=True)
        return True

    @app_commands.command(name="feedback", description=FEEDBACK_COMMAND)
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def feedback(self, interaction: discord.Interaction) -> None:
        assert interaction.guild_id is not None
        try:
            answers = await self.bot.database.feedback.answers_voted_down(interaction.guild_id, limit=SHOWN)
        except DatabaseUnavailable as error:
            log.warning("Could not read feedback for server %s: %s", interaction.guild_id, error)
            await send_ephemeral(interaction, database_trouble_text(error.fault, DatabaseTask.READ_FEEDBACK))
            return
        if not answers:
            await send_ephemeral(interaction, NO_DOWN_VOTES)
            return
        await respond(interaction, Reply(embed=feedback_embed(answers)), private=True)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Feedback(bot))
