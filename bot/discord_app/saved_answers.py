"""Answers kept by id for their buttons (bot.state.answers): saved as they are sent, found again on a click,
forgotten after STORYBOT_ANSWER_DAYS.

The database is never what stops an answer: one it cannot take is shown all the same, and its buttons
then say it cannot be reopened; a click while the database does not answer says to try again.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import logging

import discord

from bot.discord_app.client import StoryBot, send_ephemeral, story_bot
from bot.messages import ANSWERED_ELSEWHERE, ANSWERED_TO_SOMEONE_ELSE, answer_not_kept_text, database_trouble_text
from bot.state.answers import AnswerStore, SavedAnswer, new_answer_id
from bot.state.database_fault import DatabaseTask
from bot.state.guarded_engine import DatabaseUnavailable

log = logging.getLogger(__name__)

FORGET_EVERY_SECONDS = 3600.0
"""How often each process deletes the answers older than the retention period."""


async def keep_answer(
    bot: StoryBot,
    *,
    server_id: int | None,
    channel_id: int | None,
    asker_id: int,
    question: str,
    scope: str | None,
    channel_scope: bool,
) -> SavedAnswer:
    """An answer about to be sent, saved under a new id (before it is sent: its first click finds it); when
    the database cannot take it, logged, and returned all the same, for the answer to be shown."""
    answer = SavedAnswer(
        id=new_answer_id(),
        server_id=server_id,
        channel_id=channel_id,
        asker_id=asker_id,
        question=question,
        scope=scope,
        channel_scope=channel_scope,
        asked_at=datetime.datetime.now(datetime.UTC),
    )
    try:
        await bot.database.answers.save(answer)
    except DatabaseUnavailable as error:
        log.warning("Could not keep answer %s (%s); its buttons will say it cannot be reopened.", answer.id, error)
    return answer


async def saved_answer(interaction: discord.Interaction, answer_id: str) -> SavedAnswer | None:
    """The kept answer a button names; None, after saying why privately, when it is gone, was kept for another
    server (or for DMs), for another person's DM, or the database does not answer. The interaction is acknowledged
    already."""
    bot = story_bot(interaction)
    try:
        found = await bot.database.answers.find(answer_id)
    except DatabaseUnavailable as error:
        await send_ephemeral(interaction, database_trouble_text(error.fault, DatabaseTask.REOPEN_ANSWER))
        return None
    if found is None:
        await send_ephemeral(interaction, answer_not_kept_text(bot.settings.answer_days))
    elif found.server_id != interaction.guild_id:  # its id came from another server's message: neither its
        # question nor a vote on it is this server's
        await send_ephemeral(interaction, ANSWERED_ELSEWHERE)
        return None
    elif found.server_id is None and found.asker_id != interaction.user.id:  # a DM is one person's: its id came from
        # another's DM, whose question is theirs
        await send_ephemeral(interaction, ANSWERED_TO_SOMEONE_ELSE)
        return None
    return found


def owner_here(interaction: discord.Interaction, answer: SavedAnswer) -> int | None:
    """Whose the clicked message is: its asker's; None for a copy only the clicker sees (ephemeral), which is
    theirs whoever asked."""
    message = interaction.message
    return None if message is not None and message.flags.ephemeral else answer.asker_id


async def forget_old_answers(
    answers: AnswerStore, days: int, stop: asyncio.Event, every: float = FORGET_EVERY_SECONDS
) -> None:
    """Deletes the answers older than `days`, now and every `every` seconds, until `stop` is set. A
    deletion under way is finished, never cancelled: a statement cancelled mid-way leaves its
    connection for the garbage collector to close, on an event loop that may be gone. A database that
    fails is tried again next time."""
    while not stop.is_set():
        try:
            forgotten = await answers.forget_before(datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=days))
        except DatabaseUnavailable as error:
            log.warning("Could not delete the answers older than %d days (%s); trying again later.", days, error)
        else:
            if forgotten:
                log.info("Deleted %d answers older than %d days.", forgotten, days)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), every)
