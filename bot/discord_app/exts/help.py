"""/help: what members can do in this server (its answer channels, its channels' stories, its budget),
and what its managers can, privately to whoever asks."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot
from bot.discord_app.cog import StoryCog, answers_every_message
from bot.discord_app.render import COLOR, DESCRIPTION_LIMIT, clip, fit, story_mention
from bot.operations.list_stories import list_stories
from bot.operations.resolve_story import story_by_path
from bot.state.server_settings import ServerSettings


def under_an_answer(in_server: bool) -> str:
    """What an answer's buttons do: paging changes the reader's own answer, or opens their private copy of
    someone else's; a vote opens nothing, it goes to whoever reads the 👎 answers."""
    readers = "this server's managers" if in_server else "the bot's owner"
    return (
        "**Under an answer:** *More results* shows the next passage, ◀ ▶ read on in the story and *Back to the "
        "answer* returns: on your answers in place, on someone else's in a copy only you see. "
        f"👍 / 👎 tell {readers} whether it answered (one vote each, which you can change)."
    )


def help_embed(
    bot: StoryBot,
    library: StoryLibrary | None,
    guild: discord.Guild | None,
    server: ServerSettings | None,
    manager: bool,
) -> discord.Embed:
    """`library`: what questions here search (None: nothing, the server hides the owner's library)."""
    stories = 0 if library is None else list_stories(library, count=0).total
    lines = ["**Ask about the stories**"]
    if guild is None:
        lines.append("• Write me a question here, or use `/ask` (add `story:` to search one story).")
    else:
        lines.append("• Mention me with a question, or use `/ask` (add `story:` to search one story).")
        every = sorted(
            channel
            for channel in {*bot.settings.channels, *(server.channels if server else ())}
            if guild.get_channel(channel) is not None and answers_every_message(bot, discord.Object(channel), server)
        )
        if every:
            lines.append("• In " + ", ".join(f"<#{c}>" for c in every) + " every message is a question.")
        for setting in server.channels.values() if server else ():
            path = setting.story_path
            found = None if path is None or library is None else story_by_path(library, path)
            if found is not None and guild.get_channel(setting.channel_id) is not None:
                lines.append(f"• In <#{setting.channel_id}>, questions search {story_mention(found, 150)} first.")
    lines += [
        "• Reply to one of my answers, or start a thread under it, to ask more about its story.",
        f"• `/performer` looks up a person of the stories; `/stories` lists the {stories} "
        + ("story." if stories == 1 else "stories."),
        under_an_answer(in_server=guild is not None),
    ]
    if guild is not None:
        budget = (server.budget if server else None) or bot.settings.question_budget
        lines.append(f"**Questions per person here:** {budget}.")
        who = "you and the others" if manager else "members"
        lines += [
            "",
            f"**Server managers** (*Manage Server*: {who} with it) can also use:",
            "• `/story add`, `/story replace` and `/story remove` to change this server's own stories (every "
            "version is kept: `/story history` lists them, `/story restore` brings one back);",
            "• `/settings` for answer channels, a channel's story, the question budget and whether the bot "
            "owner's library is searched here;",
            "• `/feedback` to see the answers readers voted 👎.",
        ]
    embed = discord.Embed(title="What I can do", description=clip("\n".join(lines), DESCRIPTION_LIMIT), color=COLOR)
    return fit(embed)


class Help(StoryCog):
    @app_commands.command(name="help", description="What I can do here")
    async def help(self, interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        guild = interaction.guild
        server = await self.bot.server_settings(guild.id) if guild is not None else None
        manager = bool(guild is not None and interaction.permissions.manage_guild)
        library = await self.bot.view(None if guild is None else guild.id)
        embed = help_embed(self.bot, library, guild, server, manager)
        await interaction.followup.send(embed=embed, ephemeral=True)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Help(bot))
