"""/settings (Manage Server, checked by Discord and again here): answer channels, a channel's default story
and the question budget, per server, kept in the database; the environment's settings are the defaults.

A deleted channel's settings go with it, and a server's when the bot leaves it.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from dataclasses import dataclass
from enum import StrEnum

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.library import StoryLibrary
from bot.core.story_ids import shelf_file_name
from bot.discord_app.client import NotInServer, StoryBot, acknowledge, respond, send_ephemeral
from bot.discord_app.cog import StoryCog, choices_here, library_here, one_story
from bot.discord_app.render import (
    COLOR,
    DESCRIPTION_LIMIT,
    TITLE_LIMIT,
    Reply,
    clip,
    file_span,
    fit,
    plain_line,
    story_mention,
)
from bot.messages import (
    ANSWERS_CHOICES,
    BUDGET_COMMAND,
    BUDGET_OPTIONS,
    BUDGET_OUT_OF_RANGE,
    CHANNEL_COMMAND,
    CHANNEL_OPTIONS,
    CHANNEL_STORY_COMMAND,
    CHANNEL_STORY_OPTIONS,
    LIBRARY_CHOICES,
    LIBRARY_COMMAND,
    LIBRARY_OPTIONS,
    SETTINGS_GROUP,
    SHOW_SETTINGS_COMMAND,
    budget_set_text,
    budget_setting_text,
    channel_answers_text,
    channel_searches_text,
    channel_story_text,
    database_trouble_text,
    library_set_text,
    named_by_owner_text,
    set_here_text,
    settings_text,
    settings_title,
    story_no_longer_here_text,
    unplaced_channels_text,
)
from bot.operations.resolve_story import MAX_STORY_NAME_CHARS, story_by_path
from bot.settings import MAX_BUDGET_QUESTIONS, MAX_BUDGET_SECONDS, QuestionBudget, Settings
from bot.state.database_fault import DatabaseTask
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.server_settings import ServerSettings

log = logging.getLogger(__name__)


class Answers(StrEnum):
    """The ids Discord sends for /settings channel's `answers` choices (their names: bot.messages.ANSWERS_CHOICES)."""

    EVERY = "every"
    MENTIONS = "mentions"
    DEFAULT = "default"


AnswerPlace = discord.TextChannel | discord.ForumChannel | discord.VoiceChannel | discord.StageChannel
"""The channels /settings takes, which Discord offers to pick from (channel_types): text and announcement channels;
forums and media channels, whose posts (threads) are where questions are asked; voice and stage channels' text chat.
Not a category, where no one writes, nor a thread (its channel's settings apply in it)."""

ANSWERS: dict[Answers, bool | None] = {Answers.EVERY: True, Answers.MENTIONS: False, Answers.DEFAULT: None}
"""Whether a channel answers every message, by the choice: None for the bot's default (STORYBOT_CHANNELS)."""
ANSWER_CHOICES = [app_commands.Choice(name=ANSWERS_CHOICES[answers], value=answers.value) for answers in Answers]


class LibraryShown(StrEnum):
    """The ids Discord sends for /settings library's `shown` choices (their names: bot.messages.LIBRARY_CHOICES)."""

    SHOWN = "shown"
    HIDDEN = "hidden"


LIBRARY_SHOWN = [app_commands.Choice(name=LIBRARY_CHOICES[shown], value=shown.value) for shown in LibraryShown]


@dataclass(frozen=True)
class OwnersChannels:
    """The answer channels STORYBOT_CHANNELS names, as far as they are known to be in this server."""

    here: frozenset[int]
    """Those in this server: its channels as Discord sent them, those it has settings for, the one asked in."""
    unplaced: int
    """Those not known to be in any server, while Discord has not sent this one (GUILD_CREATE): some may be
    here. 0 once it has: then every channel of it is known."""


def owners_channels(bot: StoryBot, interaction: discord.Interaction, server: ServerSettings) -> OwnersChannels:
    """Which of STORYBOT_CHANNELS are in the server asked in. Before Discord sent the server its channels are
    unknown, not missing: those placed some other way are named, the rest counted (not in another server)."""
    guild = interaction.guild
    assert guild is not None
    named = bot.settings.channels
    here = frozenset(
        c for c in named if guild.get_channel(c) is not None or c in server.channels or c == interaction.channel_id
    )
    unplaced = 0 if bot.server_known(guild.id) else sum(bot.get_channel(c) is None for c in named - here)
    return OwnersChannels(here, unplaced)


def settings_embed(
    guild: discord.Guild,
    server: ServerSettings,
    defaults: Settings,
    owners: OwnersChannels,
    library: StoryLibrary | None,
    library_hidden: bool | None,
    forgotten: int,
) -> discord.Embed:
    """Everything that applies in this server, and where each setting comes from. `library`: what questions here
    search; `library_hidden` None: the database could not say."""
    budget = budget_setting_text(server.budget or defaults.question_budget, here=bool(server.budget))
    every = [set_here_text(f"<#{c.channel_id}>") for c in server.channels.values() if c.answers_every_message]
    every += [
        named_by_owner_text(f"<#{channel}>")
        for channel in sorted(owners.here)
        if server.channel(channel).answers_every_message is None
    ]
    if owners.unplaced:
        every.append(unplaced_channels_text(owners.unplaced))
    quiet = [
        f"<#{c.channel_id}>"
        for c in server.channels.values()
        if c.answers_every_message is False and c.channel_id in defaults.channels
    ]
    stories = [
        channel_story_text(f"<#{c.channel_id}>", _story_name(library, c.story_path))
        for c in server.channels.values()
        if c.story_path is not None
    ]
    text = settings_text(
        budget=budget,
        every=every,
        quiet=quiet,
        stories=stories,
        library_hidden=library_hidden,
        forgotten=forgotten,
        limit=DESCRIPTION_LIMIT,
    )
    embed = discord.Embed(
        title=plain_line(settings_title(guild.name), TITLE_LIMIT),  # a name as written: markdown too
        description=clip(text, DESCRIPTION_LIMIT),
        color=COLOR,
    )
    return fit(embed)


def _story_name(library: StoryLibrary | None, path: str) -> str:
    found = None if library is None else story_by_path(library, path)
    if found is None:
        return story_no_longer_here_text(file_span(shelf_file_name(path), 200))
    return story_mention(found)


class ServerSettingsCog(StoryCog, name="Settings"):
    settings = app_commands.Group(
        name="settings",
        description=SETTINGS_GROUP,
        guild_only=True,
        default_permissions=discord.Permissions(manage_guild=True),
    )

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        """Acknowledged before the permission check and the database; refused in a server the bot is no longer in
        (Discord sends no GUILD_CREATE for it, nor lists it in READY): its settings were forgotten as it left, and
        set again they would be kept for a server the bot may never see again (its channels never known)."""
        await acknowledge(interaction, private=True)
        if interaction.guild_id is not None and self.bot.get_guild(interaction.guild_id) is None:
            raise NotInServer
        return True

    @settings.command(name="show", description=SHOW_SETTINGS_COMMAND)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def show(self, interaction: discord.Interaction) -> None:
        guild = interaction.guild
        assert guild is not None
        server = await self.bot.server_settings(guild.id)
        # Until Discord has sent the server (GUILD_CREATE, after READY; never while the server is out), its
        # channels are unknown, not deleted: a channel missing then is no reason to forget its settings.
        known = self.bot.server_known(guild.id)
        deleted = [c for c in server.channels if guild.get_channel(c) is None] if known else []
        for channel in deleted:  # deleted while the bot was away
            await self._saved(self.bot.database.servers.forget_channel(guild.id, channel))
        if deleted:
            server = await self.bot.server_settings(guild.id)
        try:
            hidden: bool | None = await self.bot.database.shelves.library_hidden(guild.id)
        except DatabaseUnavailable:
            hidden = None
        view = await self.bot.view(guild.id)
        owners = owners_channels(self.bot, interaction, server)
        embed = settings_embed(guild, server, self.bot.settings, owners, view, hidden, len(deleted))
        await respond(interaction, Reply(embed=embed), private=True)

    @settings.command(name="channel", description=CHANNEL_COMMAND)
    @app_commands.describe(**CHANNEL_OPTIONS)
    @app_commands.choices(answers=ANSWER_CHOICES)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def channel(
        self, interaction: discord.Interaction, channel: AnswerPlace, answers: app_commands.Choice[str]
    ) -> None:
        assert interaction.guild_id is not None
        choice = ANSWERS[Answers(answers.value)]  # discord.py passes only a value among ANSWER_CHOICES
        problem = await self._saved(self.bot.database.servers.set_answers(interaction.guild_id, channel.id, choice))
        if problem is not None:
            await send_ephemeral(interaction, database_trouble_text(problem.fault, DatabaseTask.SAVE_SETTING))
            return
        every = choice if choice is not None else channel.id in self.bot.settings.channels
        me = channel.guild.me
        allowed = None if me is None else channel.permissions_for(me)
        posts = (
            None
            if allowed is None
            # in a forum, in its posts
            else (
                allowed.send_messages_in_threads if isinstance(channel, discord.ForumChannel) else allowed.send_messages
            )
        )
        unreadable = allowed is not None and not (allowed.read_messages and posts)
        text = channel_answers_text(
            channel.mention,
            every,
            unreadable=unreadable,
            no_intent=not self.bot.intents.message_content,
            no_embeds=allowed is not None and not allowed.embed_links,
        )
        await send_ephemeral(interaction, text)

    @settings.command(name="story", description=CHANNEL_STORY_COMMAND)
    @app_commands.describe(**CHANNEL_STORY_OPTIONS)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def story(
        self,
        interaction: discord.Interaction,
        channel: AnswerPlace,
        story: app_commands.Range[str, 1, MAX_STORY_NAME_CHARS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        library = await library_here(interaction) if story is not None else None
        path = None
        if story is not None:
            if library is None:
                return
            found = await one_story(interaction, library, story)
            if found is None:
                return
            path = found.path
        problem = await self._saved(self.bot.database.servers.set_story(interaction.guild_id, channel.id, path))
        if problem is not None:
            await send_ephemeral(interaction, database_trouble_text(problem.fault, DatabaseTask.SAVE_SETTING))
            return
        story_name = None if path is None else _story_name(library, path)
        await send_ephemeral(interaction, channel_searches_text(channel.mention, story_name))

    @story.autocomplete("story")
    async def story_titles(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await choices_here(interaction, current)

    @settings.command(name="budget", description=BUDGET_COMMAND)
    @app_commands.describe(**BUDGET_OPTIONS)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def budget(
        self,
        interaction: discord.Interaction,
        questions: app_commands.Range[int, 1, MAX_BUDGET_QUESTIONS] | None = None,
        seconds: app_commands.Range[int, 1, MAX_BUDGET_SECONDS] | None = None,
    ) -> None:
        assert interaction.guild_id is not None
        default = self.bot.settings.question_budget
        chosen = (
            None
            if questions is None and seconds is None
            else QuestionBudget(questions or default.questions, seconds or default.seconds)
        )
        if chosen is not None and not chosen.within_limits():  # Discord checks the range; a forged request may not
            await send_ephemeral(interaction, BUDGET_OUT_OF_RANGE)
            return
        problem = await self._saved(self.bot.database.servers.set_budget(interaction.guild_id, chosen))
        if problem is not None:
            await send_ephemeral(interaction, database_trouble_text(problem.fault, DatabaseTask.SAVE_SETTING))
            return
        await send_ephemeral(interaction, budget_set_text(chosen, default))

    @settings.command(name="library", description=LIBRARY_COMMAND)
    @app_commands.describe(**LIBRARY_OPTIONS)
    @app_commands.choices(shown=LIBRARY_SHOWN)
    @app_commands.checks.has_permissions(manage_guild=True)
    async def library(self, interaction: discord.Interaction, shown: app_commands.Choice[str]) -> None:
        assert interaction.guild_id is not None
        hidden = LibraryShown(shown.value) is LibraryShown.HIDDEN
        try:
            version = await self.bot.database.shelves.hide_library(interaction.guild_id, hidden)
        except DatabaseUnavailable as error:
            await send_ephemeral(interaction, database_trouble_text(error.fault, DatabaseTask.SAVE_SETTING))
            return
        self.bot.views.changed(interaction.guild_id, version)
        await send_ephemeral(interaction, library_set_text(hidden))

    @commands.Cog.listener()
    async def on_guild_channel_delete(self, channel: discord.abc.GuildChannel) -> None:
        await self._saved(self.bot.database.servers.forget_channel(channel.guild.id, channel.id))

    @commands.Cog.listener()
    async def on_guild_remove(self, guild: discord.Guild) -> None:
        if await self._saved(self.bot.database.servers.forget_server(guild.id)) is None:
            log.info("Left server %s; its settings are forgotten.", guild.id)

    async def _saved(self, change: Awaitable[object]) -> DatabaseUnavailable | None:
        """None when the database took the change, else why not (logged; the caller says so)."""
        try:
            await change
        except DatabaseUnavailable as error:
            log.warning("Could not change server settings: %s", error)
            return error
        return None


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(ServerSettingsCog(bot))
