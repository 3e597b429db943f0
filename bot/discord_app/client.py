"""The Discord bot: settings and the story library in, extensions loaded in setup_hook."""

from __future__ import annotations

import asyncio
import logging
import pkgutil

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.library import StoryLibrary
from bot.discord_app import exts
from bot.discord_app.attachments import attachments_whole
from bot.discord_app.cooldown import QuestionBudgets
from bot.discord_app.gateway_events import guard_parsers
from bot.discord_app.left_waiting import LeftWaiting, answered
from bot.discord_app.render import Reply
from bot.discord_app.sent_options import options_as_declared
from bot.discord_app.sync import sync_commands
from bot.messages import (
    ATTACHMENT_NOT_WHOLE,
    CHANNEL_KIND_REFUSED,
    CHANNEL_UNSEEN,
    CHANNELS_NOT_SENT,
    COMMAND_CHANGED,
    MANAGE_SERVER,
    NOT_IN_SERVER,
    RATE_LIMITED,
    SERVER_ONLY_COMMAND,
    WENT_WRONG,
    wait_message,
)
from bot.operations.library_holder import LibraryHolder
from bot.operations.list_stories import list_stories
from bot.operations.server_views import ServerViews
from bot.settings import QuestionBudget, Settings
from bot.state.database import Database
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.server_settings import ServerSettings

log = logging.getLogger(__name__)


def intents_for(read_every_message: bool) -> discord.Intents:
    """Message Content is privileged: asked for only when answer channels need every message read
    (STORYBOT_CHANNELS, or a server's /settings channel). Mentions, DMs and slash commands carry their
    content without it.
    """
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.dm_messages = True
    intents.message_content = read_every_message
    return intents


RATE_LIMIT_WAIT_SECONDS = 60.0
"""The longest the bot waits on a route's rate limit before giving the request up (discord.RateLimited; discord.py's
least is 30): a 429 saying an hour held every answer in that channel for the hour, unsaid, and each past the shutdown's
wait. Discord's global limit (at most seconds) is still waited out."""
FINISH_SECONDS = 10.0
"""At Ctrl-C or SIGTERM, how long the answers in flight may take to finish before the bot closes anyway."""
CANCELLED_SECONDS = 2.0
"""Then how long the answers cancelled may take to say so before the connection is closed."""
HANDLER_TASKS = ("discord.py: on_", "CommandTree-invoker", "discord-ui-")
"""The names discord.py gives the tasks that run event listeners, commands and buttons."""

# The bot never joins voice: no need to warn at every start that voice libraries are missing.
discord.VoiceClient.warn_nacl = False
discord.VoiceClient.warn_dave = False


class StoryTree(app_commands.CommandTree):
    """discord.py's command tree, which first refuses an interaction whose attachment it could not make
    (bot.discord_app.attachments.attachments_whole), or whose options are not of the types its command declares
    (bot.discord_app.sent_options): said to the person, and one warning line, not a traceback."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        if not attachments_whole(interaction):
            log.warning(
                "Refused /%s: Discord sent an attachment without its id, name, URL or size.", command_name(interaction)
            )
            if interaction.type is discord.InteractionType.application_command:
                await send_ephemeral(interaction, ATTACHMENT_NOT_WHOLE)
            return False
        if not options_as_declared(interaction):
            log.warning("Refused /%s: its options came in another form than this version's.", command_name(interaction))
            await send_ephemeral(interaction, COMMAND_CHANGED)
            return False
        return True


class StoryBot(commands.AutoShardedBot):
    """The bot: discord.py's auto-sharded bot (one shard unless STORYBOT_SHARD_COUNT says more), with
    the settings, the library holder, the database and the question budgets every extension reaches
    through it."""

    def __init__(
        self,
        settings: Settings,
        library: StoryLibrary,
        database: Database,
        read_every_message: bool = False,
        force_sync: bool = False,
    ):
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            tree_cls=StoryTree,
            intents=intents_for(read_every_message),
            # Set once for every message the bot sends: answers quote stories and users, never ping.
            allowed_mentions=discord.AllowedMentions.none(),
            max_messages=None,
            chunk_guilds_at_startup=False,
            member_cache_flags=discord.MemberCacheFlags.none(),
            shard_count=settings.shard_count,
            # None shards automatically, as discord.py documents (Optional[List[int]]); its typed options say List.
            shard_ids=None if settings.shard_ids is None else list(settings.shard_ids),  # type: ignore[arg-type]
            max_ratelimit_timeout=RATE_LIMIT_WAIT_SECONDS,
        )
        guard_parsers(self._connection.parsers)
        self.settings = settings
        self.libraries = LibraryHolder(library, settings)
        self.database = database
        self.views = ServerViews(self.libraries, database.shelves, saved_in=settings.data)
        self.budgets = QuestionBudgets()
        self.waiting = LeftWaiting(database.waiting, settings.shard_ids, key=settings.discord_token or "")
        self._keeping: asyncio.Task[None] | None = None
        self.force_sync = force_sync
        self._finishing: asyncio.Event | None = None
        """Set when closing began; its wait for the answers in flight ends early when it is set again."""
        self._hurry = asyncio.Event()

    @property
    def library(self) -> StoryLibrary:
        """The owner's library: what DMs search, and every server with no shelf of its own."""
        return self.libraries.current

    async def view(self, server_id: int | None) -> StoryLibrary | None:
        """What a question in this server (None: a DM) searches: the owner's library and the server's shelf;
        None when the server hides the library and has no story of its own."""
        return await self.views.view(server_id)

    async def server_settings(self, server_id: int) -> ServerSettings:
        """What the server set; the defaults, for now, when the database cannot be read."""
        try:
            return await self.database.servers.of(server_id)
        except DatabaseUnavailable as error:
            log.warning("Could not read the settings of server %s (%s); using the defaults.", server_id, error)
            return ServerSettings(server_id)

    def server_known(self, server_id: int | None) -> bool:
        """Whether Discord has sent this server (GUILD_CREATE, after READY; not while the server is out): until
        then its channels are unknown, not missing."""
        server = None if server_id is None else self.get_guild(server_id)
        return server is not None and not server.unavailable

    async def question_budget(self, server_id: int | None) -> QuestionBudget:
        budget = None if server_id is None else (await self.server_settings(server_id)).budget
        return budget or self.settings.question_budget

    async def spend_question(self, user_id: int, server_id: int | None) -> float | None:
        """Seconds this person must wait to ask here, or None (and one question spent)."""
        return self.budgets.retry_after(user_id, server_id, await self.question_budget(server_id))

    def keep_waiting(self) -> None:
        """Once logged in, when the bot runs (not a sync, which runs beside it and holds no shard): once it is ready,
        tells the interactions left unanswered by a process that is gone (bot.discord_app.left_waiting), then keeps
        the table clear of expired ones."""
        if self._keeping is None:
            self._keeping = asyncio.create_task(self._keep_waiting_when_ready())

    async def _keep_waiting_when_ready(self) -> None:
        """Off the start: rows told as the bot reached the gateway contended, under a global rate limit, with its own
        requests and its first answers' (bench/bench_left_waiting.py)."""
        await self.wait_until_ready()
        await self.waiting.keep(self.http)

    def shard_of(self, interaction: discord.Interaction) -> int:
        """The shard Discord sent the interaction on (Discord's formula; DMs come on shard 0)."""
        if interaction.guild_id is None:
            return 0
        return (interaction.guild_id >> 22) % (self.shard_count or 1)

    async def close(self) -> None:
        """Stops hearing Discord, lets the answers in flight finish (for at most FINISH_SECONDS, or until
        hurry()), then closes the connection: no question asked before Ctrl-C is dropped, and no reply is
        attempted on a closed connection."""
        if self._finishing is None:
            self._finishing = asyncio.Event()
            for shard in self.shards.values():
                await shard.disconnect()
            here = asyncio.current_task()
            in_flight = {t for t in asyncio.all_tasks() if t is not here and t.get_name().startswith(HANDLER_TASKS)}
            if in_flight:
                log.info("Finishing %d answer%s in flight first.", len(in_flight), "s" * (len(in_flight) != 1))
                finished = asyncio.ensure_future(asyncio.wait(in_flight))
                hurried = asyncio.ensure_future(self._hurry.wait())
                await asyncio.wait({finished, hurried}, timeout=FINISH_SECONDS, return_when=asyncio.FIRST_COMPLETED)
                finished.cancel()  # the waits only: the answers themselves are cancelled below if unfinished
                hurried.cancel()
                unfinished = [t for t in in_flight if not t.done()]
                for task in unfinished:
                    task.cancel()
                if unfinished:
                    log.warning("Closing with %d answer(s) unfinished.", len(unfinished))
                    # A cancelled handler may still say it was stopped (an upload: that nothing was added), while
                    # the connection is open.
                    await asyncio.wait(unfinished, timeout=CANCELLED_SECONDS)
            self._finishing.set()
            if self._keeping is not None:
                self._keeping.cancel()
            await self.views.stop()
            await self.libraries.close()  # its people's names no longer indexed for no one (and logged once closed)
        await self._finishing.wait()
        await super().close()

    def hurry(self) -> None:
        """A second Ctrl-C: stop waiting for the answers in flight."""
        self._hurry.set()

    async def setup_hook(self) -> None:
        for extension in extension_names():
            await self.load_extension(extension)
        self.tree.error(self.on_app_command_error)
        self.views.start()
        await asyncio.to_thread(self.views.remove_unused)
        await sync_commands(self, self.tree, self.settings.guild_id, self.force_sync)

    async def on_message(self, message: discord.Message) -> None:
        """No prefix commands: questions are handled by the ask extension's listener."""

    async def on_ready(self) -> None:
        self.views.build_ahead([server.id for server in self.guilds])  # once: a READY again builds nothing more
        summary = list_stories(self.library, count=0)
        log.info(
            "Logged in as %s (id %s): %d stories, %d passages. Mention me, DM me, or use /ask.",
            self.user,
            self.user.id if self.user else "?",
            summary.total,
            summary.passages,
        )

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        if isinstance(error, app_commands.CommandOnCooldown):
            text = wait_message(error.retry_after)
        elif isinstance(error, app_commands.MissingPermissions) and interaction.guild_id is None:
            text = SERVER_ONLY_COMMAND  # where no one has a permission
        elif isinstance(error, app_commands.MissingPermissions):
            text = MANAGE_SERVER
        elif isinstance(error, NotInServer):
            text = error.text
        elif isinstance(error, app_commands.TransformerError) and error.type is discord.AppCommandOptionType.channel:
            text = _channel_refused(self, interaction, error.value)
        elif _from_another_version(error):
            # Discord still shows a command as another version of the bot registered it: one being upgraded, or
            # shards on several machines running two versions for a moment.
            log.warning("A command Discord has in another form than this version's: %s", error)
            text = COMMAND_CHANGED
        elif isinstance(error, app_commands.CommandInvokeError) and isinstance(error.original, discord.RateLimited):
            waited = error.original.retry_after
            log.warning("Gave up /%s: Discord asked me to wait %.0f s.", command_name(interaction), waited)
            text = RATE_LIMITED
        elif isinstance(error, app_commands.CommandInvokeError) and isinstance(error.original, discord.HTTPException):
            # Discord refused a reply: the interaction expired (answered after its 3 seconds or 15 minutes), a 5xx,
            # a rate limit. Nothing more can be said to the person through it.
            refused = error.original
            log.warning("Could not answer /%s: %s %s", command_name(interaction), refused.status, refused.text)
            return
        else:
            log.error("Command %s failed", command_name(interaction), exc_info=error)
            text = WENT_WRONG
        await send_ephemeral(interaction, text)


class NotInServer(app_commands.CheckFailure):
    """A command from a server the bot is no longer in: Discord leaves an application's commands in a server that
    removed its bot, and sends their interactions (answered: a question needs no membership). `text`: what the person
    is told (the settings' words, unless the command's are others)."""

    def __init__(self, text: str = NOT_IN_SERVER):
        super().__init__(text)
        self.text = text


def _channel_refused(bot: StoryBot, interaction: discord.Interaction, picked: object) -> str:
    """Why a channel option was refused: a channel the bot knows of, of a kind its command does not take (Discord
    offers only those: a request sent otherwise, or by an older form of the command); else one it cannot see, or
    one of a server whose channels Discord has not sent yet."""
    if isinstance(picked, app_commands.AppCommandChannel) and picked.resolve() is not None:
        return CHANNEL_KIND_REFUSED
    return CHANNEL_UNSEEN if bot.server_known(interaction.guild_id) else CHANNELS_NOT_SENT


def _from_another_version(error: app_commands.AppCommandError) -> bool:
    """A command as another version of the bot registered it: one this version lacks, of another signature, or with a
    choice's value this version does not have (/story add's `to` was sent as "this server" before its choices had
    ids), which discord.py refuses as it converts it."""
    if isinstance(error, (app_commands.CommandNotFound, app_commands.CommandSignatureMismatch)):
        return True
    return isinstance(error, app_commands.TransformerError) and bool(
        getattr(error.transformer, "__discord_app_commands_is_choice__", False)
    )


def command_name(interaction: discord.Interaction) -> str | None:
    """The slash command used, with its group ("story add"), for the log."""
    return None if interaction.command is None else interaction.command.qualified_name


def story_bot(interaction: discord.Interaction) -> StoryBot:
    """The bot an interaction reached (discord.py types it as any client)."""
    client = interaction.client
    assert isinstance(client, StoryBot)
    return client


def extension_names() -> list[str]:
    """Every module of bot/discord_app/exts: a new feature is a new file there."""
    return [f"{exts.__name__}.{module.name}" for module in pkgutil.iter_modules(exts.__path__)]


PUBLIC_THINKING = "storybot:public-thinking"
"""Set in an interaction's extras while Discord shows everyone a "thinking…" for it."""


async def acknowledge(interaction: discord.Interaction, private: bool) -> None:
    """Tells Discord the interaction is being handled: the first thing done for every command and button, so
    no database wait, ranking or crowd of other questions can run past Discord's 3 seconds. The answer then
    has 15 minutes. A button's message stays as it is until the answer edits it (or answers privately)."""
    if interaction.response.is_done():
        return
    try:
        if interaction.type is discord.InteractionType.component:
            await interaction.response.defer()
        else:
            await think(interaction, private)
            interaction.extras[PUBLIC_THINKING] = not private
    except discord.HTTPException as error:
        log.warning("Could not acknowledge an interaction: %s %s", error.status, error.text)


async def think(interaction: discord.Interaction, private: bool) -> None:
    """Discord shows "storybot is thinking…" (what it refused is raised), and the interaction is remembered until
    it is answered: a process killed meanwhile has the next one say it restarted (bot.discord_app.left_waiting)."""
    await interaction.response.defer(thinking=True, ephemeral=private)
    bot = story_bot(interaction)
    bot.waiting.remember(interaction, bot.shard_of(interaction))


async def respond(interaction: discord.Interaction, reply: Reply, private: bool) -> None:
    """The answer, whether or not the interaction was acknowledged. A private answer never lands in a public
    "thinking…": that one goes, and the answer comes privately."""
    answered(interaction)
    try:
        if not interaction.response.is_done():
            await reply.send_response(interaction, ephemeral=private)
            return
        if private and interaction.extras.get(PUBLIC_THINKING):
            interaction.extras[PUBLIC_THINKING] = False
            await interaction.delete_original_response()
        await reply.send_followup(interaction, ephemeral=private)
    except discord.HTTPException as error:
        log.warning("Could not reply to an interaction: %s %s", error.status, error.text)


async def send_ephemeral(interaction: discord.Interaction, text: str) -> None:
    """Replies privately, whether or not the interaction was already answered or acknowledged."""
    await respond(interaction, Reply(content=text), private=True)


async def show_in_place(interaction: discord.Interaction, reply: Reply) -> bool:
    """A button's answer: its own message, edited (acknowledged or not). False when Discord refused it."""
    answered(interaction)
    try:
        if interaction.response.is_done():
            await reply.edit_original(interaction)
        else:
            await reply.edit_response(interaction)
    except discord.HTTPException as error:
        log.warning("Could not update a message: %s %s", error.status, error.text)
        return False
    return True
