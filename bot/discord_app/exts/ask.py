"""Questions: a mention, a DM, a message in an answer channel, or /ask; and the "More results" button."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.answer import Answer
from bot.core.library import ALTERNATIVES, StoryLibrary
from bot.discord_app.client import send_ephemeral
from bot.discord_app.cog import StoryCog
from bot.discord_app.cooldown import wait_message, within_budget
from bot.discord_app.render import answer_embed, no_answer_text, question_from_footer

log = logging.getLogger(__name__)

# Mentions of users, roles and channels, @everyone/@here and custom emoji are Discord's markup,
# not words of the question.
DISCORD_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b")

# Interactions must be answered within 3 seconds; past this, defer first and follow up.
DEFER_AFTER_SECONDS = 2.0


async def ask_off_loop(library: StoryLibrary, question: str, offset: int = 0) -> Answer:
    """Ranking a large corpus takes milliseconds to seconds: never on the event loop."""
    return await asyncio.to_thread(library.ask, question, 1 + ALTERNATIVES, offset)


class MoreResults(discord.ui.DynamicItem[discord.ui.Button], template=r"storybot:more:(?P<offset>\d+)"):
    """Shows the next passage; the question is read back from the answer's footer, so it survives restarts."""

    def __init__(self, offset: int):
        super().__init__(
            discord.ui.Button(
                label="More results", style=discord.ButtonStyle.secondary, custom_id=f"storybot:more:{offset}"
            )
        )
        self.offset = offset

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]
    ) -> MoreResults:
        return cls(int(match["offset"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        message = interaction.message
        question = question_from_footer(message.embeds[0]) if message and message.embeds else None
        if question is None:
            await send_ephemeral(interaction, "I can't page this answer any more; please ask again.")
            return
        bot: Any = interaction.client
        answer = await ask_off_loop(bot.library, question, self.offset)
        if answer.best is None:
            await send_ephemeral(interaction, "That was the last result for this question.")
            return
        await interaction.response.edit_message(**answer_message(answer))


def answer_message(answer: Answer) -> dict[str, Any]:
    """Keyword arguments for send/reply/edit: the embed and its button, or the friendly no-answer line."""
    if answer.best is None:
        return {"content": no_answer_text(answer), "embed": None, "view": None}
    view = discord.ui.View(timeout=None)
    if answer.more:
        view.add_item(MoreResults(answer.offset + 1))
    # Stopped before sending, so discord.py does not keep a view per answer in memory for ever;
    # the button is a DynamicItem and is dispatched by its custom_id alone.
    view.stop()
    return {"content": None, "embed": answer_embed(answer), "view": view}


class Ask(StoryCog):
    dynamic_items = (MoreResults,)

    def addressed(self, message: discord.Message) -> bool:
        """A DM, or a mention of the bot or of its role."""
        me = self.bot.user
        return (
            message.guild is None
            or any(user.id == me.id for user in message.mentions)
            or any(role.tags is not None and role.tags.bot_id == me.id for role in message.role_mentions)
        )

    def question_in(self, message: discord.Message) -> str | None:
        """The question a message asks the bot, or None when it is not addressed to the bot."""
        if self.bot.user is None or message.author.bot or message.webhook_id is not None:
            return None
        if not (self.addressed(message) or message.channel.id in self.bot.settings.channels):
            return None
        return " ".join(DISCORD_MARKUP.sub(" ", message.content).split())

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        question = self.question_in(message)
        if question is None:
            return
        if not self.addressed(message) and not self.bot.library.analyzer.terms(question):
            return  # small talk in an answer channel ("thanks!") gets no "couldn't find that"
        retry_after = self.bot.cooldown.retry_after(message.author.id)
        if retry_after:
            if self.bot.cooldown.should_warn(message.author.id, retry_after):
                await self._reply(message, content=wait_message(retry_after))
            return
        try:
            async with message.channel.typing():
                answer = await ask_off_loop(self.bot.library, question)
        except discord.HTTPException as error:  # no right to show typing: answer all the same
            log.warning("Could not show typing in channel %s: %s %s", message.channel.id, error.status, error.text)
            answer = await ask_off_loop(self.bot.library, question)
        await self._reply(message, **answer_message(answer))

    async def _reply(self, message: discord.Message, **kwargs: Any) -> None:
        try:
            await message.reply(**{k: v for k, v in kwargs.items() if v is not None}, mention_author=False)
        except discord.HTTPException as error:
            log.warning("Could not answer in channel %s: %s %s", message.channel.id, error.status, error.text)

    @app_commands.command(name="ask", description="Ask a question about the stories")
    @app_commands.describe(question="What you want to know, e.g. Where was Sébastien born?")
    @within_budget()
    async def ask(self, interaction: discord.Interaction, question: app_commands.Range[str, 1, 1000]) -> None:
        work = asyncio.ensure_future(ask_off_loop(self.bot.library, question))
        done, _ = await asyncio.wait({work}, timeout=DEFER_AFTER_SECONDS)
        if not done:
            await interaction.response.defer(thinking=True)
        answer = await work
        reply = {k: v for k, v in answer_message(answer).items() if v is not None}
        private = answer.best is None
        if interaction.response.is_done():
            await interaction.followup.send(**reply, ephemeral=private)
        else:
            await interaction.response.send_message(**reply, ephemeral=private)


async def setup(bot: commands.Bot) -> None:
    await bot.add_cog(Ask(bot))
