"""Questions: a mention, a DM, a message in an answer channel, or /ask; a reply to an answer (or in its
thread) follows up in that answer's story; a question edited soon after is answered again in the bot's reply. A
message asking the bot itself ("help", "which stories do you have?", "hi", "thanks") is answered as what it is,
spending no question."""

from __future__ import annotations

import asyncio
import enum
import logging
import re
from collections import OrderedDict

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.bot_requests import SMALL_TALK, BotRequest
from bot.core.library import StoryLibrary
from bot.discord_app.answered_questions import AnsweredQuestions
from bot.discord_app.client import StoryBot, respond
from bot.discord_app.cog import (
    StoryCog,
    answers_every_message,
    asker_queue,
    choices_here,
    library_here,
    one_story,
    within_budget,
)
from bot.discord_app.exts.help import help_embed
from bot.discord_app.exts.stories import stories_reply
from bot.discord_app.reading import AnswerButton, OlderButton, ReadOn, reply_to_question
from bot.discord_app.references import story_of_answer
from bot.discord_app.render import Reply
from bot.discord_app.saved_answers import forget_old_answers
from bot.discord_app.typed_text import well_formed
from bot.discord_app.unknown_components import UnknownComponent
from bot.messages import (
    ASK_COMMAND,
    ASK_OPTIONS,
    NO_STORIES_HERE,
    QUESTION_EDITED_AWAY,
    THANKS_REPLY,
    greeting_text,
    wait_message,
)
from bot.operations.ask import ask_in_thread, asks_something, asks_the_bot, follow_up
from bot.operations.resolve_story import MAX_STORY_NAME_CHARS, story_by_id, story_by_path
from bot.operations.story_ref import StoryRef
from bot.state.server_settings import ServerSettings

log = logging.getLogger(__name__)

# Mentions of users, roles and channels, @everyone/@here and custom emoji are Discord's markup,
# not words of the question.
DISCORD_MARKUP = re.compile(r"<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|@(?:everyone|here)\b")

THREADS_REMEMBERED = 1024
SILENT_CHANNELS_NOTED = 1024
"""Channels where the bot may not post that it logged already, most recent last: one line each, not one a question."""


class Unanswered(enum.Enum):
    """Why a message gets no answer."""

    NOT_ASKED = "not_asked"
    """It asks the bot nothing."""
    TOLD_TO_WAIT = "told_to_wait"
    """Its asker is over the question budget, and was told when to ask again already."""


def without_markup(text: str) -> str:
    """The words of a question as typed, without Discord's mentions and emoji."""
    return " ".join(DISCORD_MARKUP.sub(" ", well_formed(text)).split())


def question_text(message: discord.Message) -> str:
    return without_markup(message.content)


def asks_me_itself(interaction: discord.Interaction) -> bool:
    """Whether /ask's question asks the bot itself ("help"), which spends no question."""
    question = interaction.namespace.question
    return isinstance(question, str) and asks_the_bot(without_markup(question)) is not None


def request_reply(
    bot: StoryBot,
    request: BotRequest,
    library: StoryLibrary | None,
    *,
    guild: discord.Guild | None,
    server: ServerSettings | None,
    manager: bool,
    asker: int,
) -> Reply:
    """The answer to a message asking the bot itself: what /help shows, /stories' first page, a hello with a
    question to ask, or you're welcome. `library`: what questions here search (None: nothing)."""
    if request is BotRequest.HELP:
        return Reply(embed=help_embed(bot, library, guild, server, manager))
    if library is None:
        return Reply(content=NO_STORIES_HERE)
    if request is BotRequest.LIST_STORIES:
        return stories_reply(library, 0, asker)
    if request is BotRequest.GREETING:
        return Reply(content=greeting_text(library.example_person()))
    return Reply(content=THANKS_REPLY)


def channel_story(
    library: StoryLibrary, server: ServerSettings | None, channel: discord.abc.Snowflake | None
) -> StoryRef | None:
    """The story a server chose for this channel (in a thread, for its parent) with /settings story."""
    if server is None or channel is None:
        return None
    places = (channel.id, channel.parent_id) if isinstance(channel, discord.Thread) else (channel.id,)
    path = next((p for p in (server.channel(place).story_path for place in places) if p is not None), None)
    return None if path is None else story_by_path(library, path)  # None when removed: every story


def may_post_in(channel: discord.abc.Messageable, me: discord.Member | None) -> bool:
    """Whether the bot (`me`, its member in the server) may post in a server's channel, by its roles and the
    channel's overwrites as the gateway gave them (no request): not where Send Messages (in a thread, Send Messages
    in Threads) was taken away, nor in a locked thread without Manage Threads. Discord would refuse the answer there,
    so the question is neither searched nor spent. A DM, or a channel or member not in the cache, may be tried."""
    if me is None:
        return True
    if isinstance(channel, discord.Thread):
        try:
            allowed = channel.permissions_for(me)
        except discord.ClientException:  # its parent channel is not in the cache
            return True
        return allowed.send_messages_in_threads and (not channel.locked or allowed.manage_threads)
    if isinstance(channel, discord.abc.GuildChannel):
        return channel.permissions_for(me).send_messages
    return True


def may_embed_in(channel: discord.abc.Messageable, me: discord.Member | None) -> bool:
    """Whether the bot (`me`) has Embed Links in a server's channel, by the gateway's cache as may_post_in reads it.
    Where it lacks it Discord takes a message but shows none of its embeds: an answer arrived blank, but for its
    buttons. A DM, or a channel or member not in the cache, is sent embeds."""
    if me is None or not isinstance(channel, (discord.Thread, discord.abc.GuildChannel)):
        return True
    try:
        return channel.permissions_for(me).embed_links
    except discord.ClientException:  # a thread whose parent channel is not in the cache
        return True


def shown_in(message: discord.Message, reply: Reply) -> Reply:
    """The reply as it reads in the message's channel: its embed written as text where the bot may not embed."""
    me = None if message.guild is None else message.guild.me
    return reply if may_embed_in(message.channel, me) else reply.as_text()


async def show_typing(channel: discord.abc.Messageable) -> None:
    """Shows "storybot is typing…" once (Discord shows it for 10 seconds, or until the answer); it runs beside
    the answer, which never waits for it."""
    try:
        await channel.typing()
    except discord.HTTPException as error:  # no right to show typing, or Discord trouble: answer all the same
        log.warning("Could not show typing in channel %s: %s %s", getattr(channel, "id", "?"), error.status, error.text)


class Ask(StoryCog):
    dynamic_items = (AnswerButton, ReadOn, OlderButton, UnknownComponent)

    def __init__(self, bot: StoryBot):
        super().__init__(bot)
        self._forgetting: asyncio.Task[None] | None = None
        self._stop_forgetting = asyncio.Event()
        self._thread_stories: OrderedDict[int, str | None] = OrderedDict()
        """Thread id -> the id of the story whose answer started it (None: not started from an answer)."""
        self._silent_channels: OrderedDict[int, None] = OrderedDict()
        """Channels where the bot may not post that were logged already (may_post_in)."""
        self._typing: set[asyncio.Task[None]] = set()
        """Typing indicators on their way, kept until they end (never cancelled: see reply_for)."""
        self.questions = AnsweredQuestions(60.0 * bot.settings.edit_minutes)

    async def cog_load(self) -> None:
        await super().cog_load()
        self._forgetting = asyncio.create_task(
            forget_old_answers(self.bot.database.answers, self.bot.settings.answer_days, self._stop_forgetting),
            name="storybot-forget-answers",
        )

    async def cog_unload(self) -> None:
        """The sweep is stopped and waited for: a deletion under way ends before the database closes."""
        try:
            if self._forgetting is not None:
                self._stop_forgetting.set()
                await self._forgetting
        finally:
            await super().cog_unload()

    def addressed(self, message: discord.Message, me: discord.ClientUser) -> bool:
        """A DM, or a mention of the bot (`me`) or of its role in the text. A reply's ping of the bot (Discord
        pings the author replied to by default) is no mention: "🙂" under an answer asks nothing."""
        return (
            message.guild is None
            or any(f"<@{mark}{me.id}>" in message.content for mark in ("", "!"))
            or any(role.tags is not None and role.tags.bot_id == me.id for role in message.role_mentions)
        )

    def replies_to_me(self, message: discord.Message, me: discord.ClientUser) -> bool:
        """A reply to one of the bot's messages (an answer's follow-up aside: a no-answer line, a wait)."""
        replied = None if message.reference is None else message.reference.resolved
        return isinstance(replied, discord.Message) and replied.author.id == me.id

    def question_in(
        self, message: discord.Message, server: ServerSettings | None, follows_answer: bool = False
    ) -> str | None:
        """The question a message asks the bot, or None when it is not addressed to the bot."""
        if self.bot.user is None or message.author.bot or message.webhook_id is not None:
            return None
        if not (
            follows_answer
            or self.addressed(message, self.bot.user)
            or self.replies_to_me(message, self.bot.user)
            or answers_every_message(self.bot, message.channel, server)
        ):
            return None
        return question_text(message)

    async def followed_answer(self, message: discord.Message) -> str | None:
        """The id of the story of the bot's answer this message replies to, or whose thread it is in."""
        if self.bot.user is None or message.author.bot:
            return None
        source: discord.Message | None = None
        reference = message.reference
        if reference is not None and reference.type is discord.MessageReferenceType.forward:
            reference = None  # a forward shows a message (its snapshot), and replies to none
        try:
            if reference is not None and reference.message_id is not None:
                resolved = reference.resolved
                if isinstance(resolved, discord.Message):
                    source = resolved
                elif resolved is None:  # not sent with the reply (a deleted message is DeletedReferencedMessage)
                    # Read from the channel the reference names, which is where that message is.
                    replied = self.bot.get_partial_messageable(reference.channel_id, guild_id=reference.guild_id)
                    source = await replied.fetch_message(reference.message_id)
            elif isinstance(message.channel, discord.Thread) and message.channel.parent is not None:
                thread = message.channel
                if thread.id not in self._thread_stories:  # one look a thread, not one a message
                    # A thread started from a message has that message's id; a forum post's thread starts
                    # with the post, never with one of the bot's answers. A thread started on its own (or
                    # whose message was deleted, or that the bot may not read) has none to find: looked at once.
                    starter = thread.starter_message
                    if starter is None and isinstance(thread.parent, discord.TextChannel):
                        try:
                            starter = await thread.parent.fetch_message(thread.id)
                        except (discord.NotFound, discord.Forbidden):
                            starter = None
                    self._remember_thread(thread.id, story_of_answer(starter, self.bot.user.id))
                return self._thread_stories[thread.id]
        except discord.HTTPException as error:
            log.info("Could not read the message a follow-up refers to: %s %s", error.status, error.text)
            return None
        return story_of_answer(source, self.bot.user.id)

    def _remember_thread(self, thread: int, story: str | None) -> None:
        self._thread_stories[thread] = story
        if len(self._thread_stories) > THREADS_REMEMBERED:
            self._thread_stories.popitem(last=False)

    def speaks_to_me(self, message: discord.Message) -> bool:
        """Addressed to the bot, or a reply to one of its messages: where a hello or a thank-you is the bot's."""
        me = self.bot.user
        return me is not None and (self.addressed(message, me) or self.replies_to_me(message, me))

    def asks_me(self, message: discord.Message) -> bool:
        """Whether a message may be a question to the bot: from a person, and addressed to the bot, with words to
        search for, or a request ("thanks!") replying to the bot. Not small talk among people ("thanks!" in an
        answer channel), nor a message whose text the bot may not read, nor a notice of Discord's own (a thread
        renamed, a message pinned, a thread started: its text is a thread's name, its author who did it)."""
        if self.bot.user is None or message.author.bot or message.webhook_id is not None or message.is_system():
            return False
        text = question_text(message)
        return (
            self.addressed(message, self.bot.user)
            or asks_something(self.bot.library, text)
            or (self.replies_to_me(message, self.bot.user) and asks_the_bot(text) is not None)
        )

    def may_answer(self, message: discord.Message) -> bool:
        """Whether the bot may post its answer where the message was sent (may_post_in); where it may not, the
        channel is logged once while it stays so (the SILENT_CHANNELS_NOTED most recent), not once a question."""
        channel = message.channel.id
        if may_post_in(message.channel, None if message.guild is None else message.guild.me):
            self._silent_channels.pop(channel, None)  # allowed again: logged again should it be taken away
            return True
        if channel not in self._silent_channels:
            log.warning("Not answering in channel %s: I may not send messages there.", channel)
        self._silent_channels[channel] = None
        self._silent_channels.move_to_end(channel)
        if len(self._silent_channels) > SILENT_CHANNELS_NOTED:
            self._silent_channels.popitem(last=False)
        return False

    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        if not self.asks_me(message) or not self.may_answer(message):
            return  # no reply, and no look at the message it replies to or the thread it is in
        question = self.questions.asked(message.id, message.content)
        reply_id = None
        try:
            reply = await self.reply_for(message)
            if isinstance(reply, Reply):
                reply_id = await self._reply(message, shown_in(message, reply))
        finally:
            self.questions.answered(message.id, question, reply_id)

    @commands.Cog.listener()
    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """An answered question edited within the window: the bot's reply to it is edited to answer it as it is
        now (a message no longer asking the bot anything says so). A change that leaves the text as it was (an
        embed unfurling) changes nothing."""
        message = payload.message
        if message.author.bot:
            return
        edit = self.questions.edited(message.id, message.content)
        if edit is None or not self.may_answer(message):
            return
        question, number = edit
        reply = await self.reply_for(message) if self.asks_me(message) else Unanswered.NOT_ASKED
        if reply is Unanswered.TOLD_TO_WAIT:
            return
        shown = shown_in(message, Reply(content=QUESTION_EDITED_AWAY) if reply is Unanswered.NOT_ASKED else reply)
        await question.sent.wait()  # the first answer, if the edit came while it was being given
        async with question.editing:
            if question.edits != number or question.reply_id is None:
                return  # a later edit answers, or there is no reply to edit
            reply_message = self.bot.get_partial_messageable(payload.channel_id).get_partial_message(question.reply_id)
            try:
                await shown.edit_message(reply_message)
            except discord.NotFound:
                self.questions.forget(message.id)
            except discord.HTTPException as error:
                log.warning(
                    "Could not edit my answer in channel %s: %s %s", payload.channel_id, error.status, error.text
                )

    async def reply_for(self, message: discord.Message) -> Reply | Unanswered:
        """The reply to a message that asks_me(): its answer, a refusal, or why there is none."""
        server = await self.bot.server_settings(message.guild.id) if message.guild is not None else None
        followed = await self.followed_answer(message)
        question = self.question_in(message, server, follows_answer=followed is not None)
        if question is None:
            return Unanswered.NOT_ASKED
        request = asks_the_bot(question)
        if request in SMALL_TALK and not self.speaks_to_me(message):
            return Unanswered.NOT_ASKED  # "good morning" to an answer channel, "thanks" in a thread under an answer
        library = await self.bot.view(None if message.guild is None else message.guild.id)
        if request is not None:  # nothing to search: no question spent
            author = message.author
            return request_reply(
                self.bot,
                request,
                library,
                guild=message.guild,
                server=server,
                manager=isinstance(author, discord.Member) and author.guild_permissions.manage_guild,
                asker=author.id,
            )
        if library is None:
            return Reply(content=NO_STORIES_HERE)
        # A follow-up to an answer whose story was removed searches every story, never another one.
        story = None if followed is None else story_by_id(library, followed)
        channel_scope = followed is None
        if followed is None:
            story = channel_story(library, server, message.channel)
        retry_after = await self.bot.spend_question(
            message.author.id, None if message.guild is None else message.guild.id
        )
        if retry_after:
            if self.bot.budgets.should_warn(message.author.id, retry_after):
                return Reply(content=wait_message(retry_after))
            return Unanswered.TOLD_TO_WAIT
        # The answer never waits for the indicator (Discord's 5xx retries, a 429's wait), nor cancels it: discord.py,
        # cancelled while it waits out a global 429, never lets the bot's other requests go again (every reply hung).
        typing = asyncio.create_task(show_typing(message.channel))
        self._typing.add(typing)
        typing.add_done_callback(self._typing.discard)
        queue = asker_queue(None if message.guild is None else message.guild.id, message.author.id)
        asked = await (
            ask_in_thread(library, question, queue=queue)
            if story is None
            else follow_up(library, question, story, queue=queue)
        )
        return await reply_to_question(
            self.bot,
            asked,
            server_id=None if message.guild is None else message.guild.id,
            channel_id=message.channel.id,
            asker_id=message.author.id,
            channel_scope=channel_scope,
        )

    async def _reply(self, message: discord.Message, reply: Reply) -> int | None:
        """The id of the reply sent, or None when Discord refused it."""
        try:
            return (await reply.reply_to(message)).id
        except discord.HTTPException as error:
            log.warning("Could not answer in channel %s: %s %s", message.channel.id, error.status, error.text)
            return None
        except discord.RateLimited as error:  # past RATE_LIMIT_WAIT_SECONDS: the channel takes no message for now
            log.warning(
                "Gave up answering in channel %s: Discord asked me to wait %.0f s.",
                message.channel.id,
                error.retry_after,
            )
            return None

    @app_commands.command(name="ask", description=ASK_COMMAND)
    @app_commands.describe(**ASK_OPTIONS)
    @within_budget(free=asks_me_itself)  # which acknowledges first: before the budget, the database and the ranking
    async def ask(
        self,
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, 1000],
        story: app_commands.Range[str, 1, MAX_STORY_NAME_CHARS] | None = None,
    ) -> None:
        question = without_markup(question)
        request = asks_the_bot(question)
        if request is not None:
            await self._answer_request(interaction, request)
            return
        library = await library_here(interaction)
        if library is None:
            return
        scope = None
        if story is None and interaction.guild_id is not None:
            server = await self.bot.server_settings(interaction.guild_id)
            scope = channel_story(library, server, interaction.channel)
        elif story is not None:
            scope = await one_story(interaction, library, story)
            if scope is None:
                return
        queue = asker_queue(interaction.guild_id, interaction.user.id)
        asked = await (
            ask_in_thread(library, question, story=scope, queue=queue)
            if story is not None or scope is None
            else follow_up(library, question, scope, queue=queue)
        )
        reply = await reply_to_question(
            self.bot,
            asked,
            server_id=interaction.guild_id,
            channel_id=interaction.channel_id,
            asker_id=interaction.user.id,
            channel_scope=story is None,
        )
        await respond(interaction, reply, private=asked.answer.best is None)

    async def _answer_request(self, interaction: discord.Interaction, request: BotRequest) -> None:
        """/ask "help" and the like: answered as /help (privately, as it is) or /stories would be; a hello or a
        thank-you needs no audience either."""
        guild = interaction.guild
        server = await self.bot.server_settings(guild.id) if guild is not None else None
        library = await self.bot.view(None if guild is None else guild.id)
        manager = guild is not None and interaction.permissions.manage_guild
        reply = request_reply(
            self.bot, request, library, guild=guild, server=server, manager=manager, asker=interaction.user.id
        )
        await respond(interaction, reply, private=request is not BotRequest.LIST_STORIES)

    @ask.autocomplete("story")
    async def story_titles(self, interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await choices_here(interaction, current)


async def setup(bot: StoryBot) -> None:
    await bot.add_cog(Ask(bot))
