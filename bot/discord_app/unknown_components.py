"""A click whose custom_id none of the bot's components takes: a button of an older version of the bot whose form is
gone, or one a modified client made up (a custom_id is the client's to send: a malformed one, one too long).
discord.py drops such a click unanswered, and Discord shows its sender only "This interaction failed"; here they are
told privately what it is."""

from __future__ import annotations

import re

import discord

from bot.discord_app.client import StoryBot, send_ephemeral, story_bot
from bot.discord_app.cog import StoryCog
from bot.messages import UNKNOWN_BUTTON


class UnknownComponent(discord.ui.DynamicItem[discord.ui.Item[discord.ui.View]], template=r"(?s).*"):
    """Every custom_id matches; only one that no other component of the bot's takes is answered (discord.py calls
    every component whose template matches)."""

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[discord.ui.View], match: re.Match[str]
    ) -> UnknownComponent:
        return cls(item)

    async def callback(self, interaction: discord.Interaction) -> None:
        if not known(story_bot(interaction), self.custom_id):
            await send_ephemeral(interaction, UNKNOWN_BUTTON)


def known(bot: StoryBot, custom_id: str) -> bool:
    """Whether a component of one of the bot's extensions takes the custom_id."""
    return any(
        item.__discord_ui_compiled_template__.fullmatch(custom_id)
        for cog in bot.cogs.values()
        if isinstance(cog, StoryCog)
        for item in cog.dynamic_items
        if item is not UnknownComponent
    )
