"""What every feature extension shares: the bot it serves, its persistent components, the question budget."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar, TypeVar

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.library import StoryLibrary
from bot.discord_app.autocomplete import LOOKUP_SECONDS, AutocompleteTime
from bot.discord_app.client import StoryBot, acknowledge, respond, send_ephemeral, show_in_place, story_bot
from bot.discord_app.render import CHOICE_LIMIT, MESSAGE_LIMIT, Reply, plain_line, story_label
from bot.discord_app.typed_text import well_formed
from bot.messages import NO_STORIES_HERE, story_choice_text, wait_message
from bot.operations.resolve_story import resolve_story
from bot.operations.story_ref import StoryRef
from bot.operations.suggest_stories import suggest_stories
from bot.state.server_settings import ServerSettings

CommandT = TypeVar("CommandT")


class StoryCog(commands.Cog):
    dynamic_items: ClassVar[tuple[type[discord.ui.DynamicItem], ...]] = ()
    """Buttons and selects dispatched by custom_id, so they keep working after a restart."""

    def __init__(self, bot: StoryBot):
        self.bot = bot

    async def cog_load(self) -> None:
        self.bot.add_dynamic_items(*self.dynamic_items)

    async def cog_unload(self) -> None:
        self.bot.remove_dynamic_items(*self.dynamic_items)


def answers_every_message(bot: StoryBot, channel: discord.abc.Snowflake, server: ServerSettings | None) -> bool:
    """What the server set for the channel with /settings channel, else whether STORYBOT_CHANNELS names it. A forum's
    (or media channel's) post is a thread, where all its messages are: it answers as its forum was set. A text
    channel's threads do not (a thread under an answer is for talk about it)."""
    place = channel.id
    if isinstance(channel, discord.Thread) and isinstance(channel.parent, discord.ForumChannel):
        place = channel.parent.id
    chosen = server.channel(place).answers_every_message if server else None
    return chosen if chosen is not None else place in bot.settings.channels


def asker_queue(server_id: int | None, user_id: int) -> tuple[str, int]:
    """Whose turn a question takes in the ranking queue (bot.operations.ask.QUEUED_PER_ASKER): its server's, or in
    DMs, which anyone may send, the person's own."""
    return ("server", server_id) if server_id is not None else ("dm", user_id)


async def library_here(interaction: discord.Interaction) -> StoryLibrary | None:
    """What questions in the interaction's server (or DM) search; None, after saying so privately, when the
    server hides the owner's library and has no story of its own."""
    view = await story_bot(interaction).view(interaction.guild_id)
    if view is None:
        await send_ephemeral(interaction, NO_STORIES_HERE)
    return view


async def choices_here(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete over the stories this server searches (as far as is ready in Discord's time)."""
    time_left = AutocompleteTime()
    view = await time_left.view(story_bot(interaction), interaction.guild_id)
    return [] if view is None else await story_choices(view, current, time_left)


async def story_choices(
    library: StoryLibrary, current: str, time_left: AutocompleteTime
) -> list[app_commands.Choice[str]]:
    """Autocomplete over the titles: at most 25, best matches first. A title two stories share shows its
    file name too; the value is the story's id, which names one story however long its path. Matched in a
    thread: what was typed is looked for in every title and file name, then fuzzily, which held the event loop
    0.24 s a keystroke of 100 characters among 20,000 stories (bench/bench_story_completion.py)."""
    stories = await time_left.within(
        asyncio.to_thread(suggest_stories, library, current), tuple, at_least=LOOKUP_SECONDS
    )
    return [app_commands.Choice(name=story_label(story, CHOICE_LIMIT), value=story.id) for story in stories]


async def one_story(interaction: discord.Interaction, library: StoryLibrary, name: str) -> StoryRef | None:
    """The one story an autocomplete choice (its id), a title or a file name names, or None after telling
    the person which it could be."""
    # In a thread: a name matched against every title, forgiving typos, takes a tenth of a second among
    # thousands of stories, which the event loop and every server's questions would wait for.
    resolution = await asyncio.to_thread(resolve_story, library, well_formed(name))  # said back: UTF-8 only
    if resolution.story is not None:
        return resolution.story
    await send_ephemeral(interaction, plain_line(story_choice_text(resolution), MESSAGE_LIMIT))
    return None


async def own_or_copy(interaction: discord.Interaction, owner: int | None, reply: Callable[[int], Reply]) -> None:
    """A message stays the asker's: their click changes it in place; anyone else's opens a copy only they
    see, which is theirs to page on (`reply` is given whose it is). `owner` None: changed in place (a copy
    only the clicker sees, or a message from before owners were kept in custom ids)."""
    clicker = interaction.user.id
    if owner is None or owner == clicker:
        await show_in_place(interaction, reply(clicker))
    else:
        await respond(interaction, reply(clicker), private=True)


async def spent_or_refused(interaction: discord.Interaction) -> bool:
    """For buttons and selects: acknowledges the click (first), then spends one question of the user's budget,
    or says privately when to retry."""
    await acknowledge(interaction, private=True)
    retry_after = await story_bot(interaction).spend_question(interaction.user.id, interaction.guild_id)
    if not retry_after:
        return True
    await send_ephemeral(interaction, wait_message(retry_after))
    return False


def within_budget(free: Callable[[discord.Interaction], bool] | None = None) -> Callable[[CommandT], CommandT]:
    """A check for slash commands that acknowledges the command (first: the budget may read the database), then
    spends from the user's budget, unless `free` says this use costs nothing; the tree's error handler says when
    to retry. The command answers with client.respond."""

    async def predicate(interaction: discord.Interaction) -> bool:
        await acknowledge(interaction, private=False)
        if free is not None and free(interaction):
            return True
        bot = story_bot(interaction)
        retry_after = await bot.spend_question(interaction.user.id, interaction.guild_id)
        if retry_after:
            budget = await bot.question_budget(interaction.guild_id)
            raise app_commands.CommandOnCooldown(commands.Cooldown(budget.questions, budget.seconds), retry_after)
        return True

    return app_commands.check(predicate)
