"""/help: what members can do in this server (its answer channels, its channels' stories, its budget),
and what its managers can, privately to whoever asks."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot, think
from bot.discord_app.cog import StoryCog, answers_every_message
from bot.discord_app.render import COLOR, DESCRIPTION_LIMIT, clip, fit, story_mention
from bot.messages import HELP_COMMAND, HELP_TITLE, help_text
from bot.operations.list_stories import list_stories
from bot.operations.resolve_story import story_by_path
from bot.state.server_settings import ServerSettings


def help_embed(
    bot: StoryBot,
    library: StoryLibrary | None,
    guild: discord.Guild | None,
    server: ServerSettings | None,
    manager: bool,
) -> discord.Embed:
    """`library`: what questions here search (None: nothing, the server hides the owner's library)."""
    stories = 0 if library is None else list_stories(library, count=0).total
    every: list[str] = []
    channel_stories: list[tuple[str, str]] = []
    if guild is not None:
        every = [
            f"<#{channel}>"
            for channel in sorted(
                channel
                for channel in {*bot.settings.channels, *(server.channels if server else ())}
                if guild.get_channel(channel) is not None
                and answers_every_message(bot, discord.Object(channel), server)
            )
        ]
        for setting in server.channels.values() if server else ():
            path = setting.story_path
            found = None if path is None or library is None else story_by_path(library, path)
            if found is not None and guild.get_channel(setting.channel_id) is not None:
                channel_stories.append((f"<#{setting.channel_id}>", story_mention(found, 150)))
    budget = (server.budget if server else None) or bot.settings.question_budget
    text = help_text(
        in_server=guild is not None,
        every=every,
        channel_stories=channel_stories,
        stories=stories,
        budget=budget,
        manager=manager,
        limit=DESCRIPTION_LIMIT,
    )
    return fit(discord.Embed(title=HELP_TITLE, description=clip(text, DESCRIPTION_LIMIT), color=COLOR))


class Help(StoryCog):
    @app_commands.command(name="help", description=HELP_COMMAND)
    async def help(self, interaction: discord.Interaction) -> None:
        await think(interaction, private=True)
        guild = interaction.guild
        server = await self.bot.server_settings(guild.id) if guild is not None else None
        manager = bool(guild is not None and interaction.permissions.manage_guild)
        library = await self.bot.view(None if guild is None else guild.id)
        embed = help_embed(self.bot, library, guild, server, manager)
        await interaction.followup.send(embed=embed, ephemeral=True)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Help(bot))
