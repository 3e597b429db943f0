"""Running the bot from Discord (Manage Server only, checked by Discord and again here): /reload."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.core.corpus import CorpusError
from bot.core.corpus_diff import CorpusDiff
from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot
from bot.discord_app.cog import StoryCog
from bot.discord_app.render import MESSAGE_LIMIT, clip

log = logging.getLogger(__name__)


def reload_report(old: StoryLibrary, new: StoryLibrary) -> str:
    diff = CorpusDiff.between(old.fingerprints, new.fingerprints)
    lines = [f"Reloaded: {len(new.corpus.stories)} stories, {len(new.corpus.passages)} passages."]
    for label, paths in (("Added", diff.added), ("Changed", diff.changed), ("Removed", diff.removed)):
        if paths:
            lines.append(f"{label} ({len(paths)}): " + ", ".join(f"`{p}`" for p in paths))
    if diff.empty:
        lines.append("Nothing changed.")
    lines += [f"Warning: {problem}" for problem in new.corpus.problems]
    return clip("\n".join(lines), MESSAGE_LIMIT)


class Admin(StoryCog):
    @app_commands.command(name="reload", description="Reread the stories folder (Manage Server)")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def reload(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            old, new = await self.bot.libraries.reload()
        except CorpusError as error:
            text = f"Reload failed; still using the stories I had. {error}"
            await interaction.followup.send(clip(text, MESSAGE_LIMIT), ephemeral=True)
            return
        log.info("Corpus reloaded by %s: %d stories", interaction.user.id, len(new.corpus.stories))
        await interaction.followup.send(reload_report(old, new), ephemeral=True)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Admin(bot))
