"""What every feature extension shares: the bot it serves and the persistent components it registers."""

from __future__ import annotations

from typing import Any, ClassVar

import discord
from discord.ext import commands


class StoryCog(commands.Cog):
    dynamic_items: ClassVar[tuple[type[discord.ui.DynamicItem], ...]] = ()
    """Buttons and selects dispatched by custom_id, so they keep working after a restart."""

    def __init__(self, bot: commands.Bot):
        self.bot: Any = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*self.dynamic_items)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(*self.dynamic_items)
