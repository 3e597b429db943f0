"""Starting and stopping the bot, with plain answers for what commonly goes wrong."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from pathlib import Path

import aiohttp
import discord

from bot.core.library import StoryLibrary
from bot.discord_app.client import StoryBot
from bot.discord_app.collector import freeze_what_lasts
from bot.discord_app.database_lock import DatabaseLock
from bot.discord_app.invite import application_id_from_token, invite_url
from bot.discord_app.logs import setup_logging
from bot.discord_app.run_lock import running_alone
from bot.discord_app.sync import GuildRefused
from bot.health import heartbeat_path, keep_beating, stop_beating
from bot.messages import (
    GUILD_REFUSED,
    INTENT_REFUSED,
    MISSING_TOKEN,
    REJECTED_TOKEN,
    database_error_text,
    database_unread_text,
    discord_answered_text,
    discord_unreached_text,
    run_lock_lost_text,
    settings_error_text,
    unavailable_text,
)
from bot.settings import Settings, SettingsError, env_files
from bot.startup_error import StartupError
from bot.state.database import Database, DatabaseError
from bot.state.guarded_engine import DatabaseUnavailable

log = logging.getLogger("storybot")

LEFTOVER_SECONDS = 5.0
"""Once the bot has closed, how long what still runs (a library's cleanup) may take to end once cancelled."""


def run_bot(settings: Settings, load_library: Callable[[], StoryLibrary], sync_only: bool = False) -> int:
    """Runs until SIGINT/SIGTERM (or, with sync_only, until commands are synced); returns the exit code.

    The token is checked before the corpus is loaded, which can take a while for a large one.
    """
    if not settings.discord_token:
        raise StartupError(MISSING_TOKEN.format(config=env_files()[1]), exit_code=2)
    try:  # as `invite` checks it: a token of no bot's shape never goes to Discord, and is never said back (a secret)
        application_id_from_token(settings.discord_token)
    except SettingsError as error:
        raise StartupError(settings_error_text(error), exit_code=2) from error
    # Before the library, which can take long to load. A sync only logs in and registers: it may run beside the bot.
    # One event loop throughout: the database's run lock is a session that must outlive the loading.
    with contextlib.nullcontext() if sync_only else running_alone(settings), asyncio.Runner() as runner:
        lock = None if sync_only else runner.run(_database_lock(settings))
        try:
            freeze_what_lasts()
            library = load_library()
            setup_logging(settings)
            if lock is not None and not runner.run(lock.held()):  # lost while it loaded (a database restart): the
                # watch starts with the bot, which would have answered beside whoever took the lock meanwhile
                raise StartupError(run_lock_lost_text(lock.where, str(lock.lost)))
            return runner.run(_serve(settings, library, sync_only, lock))
        finally:
            if lock is not None:
                runner.run(lock.release())
            runner.run(leftovers_ended())


async def leftovers_ended() -> None:
    """Cancels the tasks still running once the bot has closed, again while they take a cancel and wait on, for
    LEFTOVER_SECONDS at most (a second a round). asyncio's runner cancels each task once at exit and waits for it
    without a bound, and under load one never ended: when SQLAlchemy shuts an SQLite connection given up on (a call
    past its deadline), it stops aiosqlite's thread while a graceful close waits behind a busy statement; that close,
    cancelled at exit, then awaits a second stop the thread, gone, never answers, and the bot stopped by SIGTERM
    never exited."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + LEFTOVER_SECONDS
    here = asyncio.current_task()
    while left := {task for task in asyncio.all_tasks() if task is not here}:
        if loop.time() >= deadline:
            log.warning("Exiting with %d task(s) that would not end: %s", len(left), ", ".join(map(repr, left)))
            return
        for task in left:
            task.cancel()
        await asyncio.wait(left, timeout=min(1.0, deadline - loop.time()))


async def _database_lock(settings: Settings) -> DatabaseLock | None:
    try:
        return await DatabaseLock.take(settings)
    except DatabaseError as error:
        raise StartupError(database_error_text(error), exit_code=1 if error.transient else 2) from error


async def _serve(settings: Settings, library: StoryLibrary, sync_only: bool, lock: DatabaseLock | None) -> int:
    token = settings.discord_token
    assert token is not None
    try:
        database = await Database.open(settings)
    except DatabaseError as error:  # an owner's fix is exit 2, which the systemd unit does not restart on
        raise StartupError(database_error_text(error), exit_code=1 if error.transient else 2) from error
    try:
        try:
            read_every_message = bool(settings.channels) or await database.servers.any_answer_channels()
        except DatabaseUnavailable as error:
            raise StartupError(database_unread_text(database.where, unavailable_text(error))) from error
        bot = StoryBot(settings, library, database, read_every_message, force_sync=sync_only)
        return await _connect(bot, token, sync_only, heartbeat_path(settings), lock)
    finally:
        await database.close()


async def _connect(bot: StoryBot, token: str, sync_only: bool, heartbeat: Path, lock: DatabaseLock | None) -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()

    def on_signal() -> None:  # the first finishes the answers in flight, a second stops waiting for them
        if stop.is_set():
            bot.hurry()
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, on_signal)
    try:
        async with bot:
            if sync_only:
                await bot.login(token)
                return 0
            running = asyncio.create_task(_start(bot, token))
            stopping = asyncio.create_task(stop.wait())
            beating = asyncio.create_task(keep_beating(heartbeat, lambda: _connected(bot)))
            watching = asyncio.create_task(lock.watch(stop.set)) if lock is not None else None  # stops when lost
            try:
                await asyncio.wait({running, stopping}, return_when=asyncio.FIRST_COMPLETED)
                if stopping.done():
                    log.info("Shutting down.")
                    if not bot.is_ready():  # shards still connecting: discord.py retries a closed session forever
                        running.cancel()
                    await bot.close()
                else:
                    stopping.cancel()
                await _connected_until_closed(running)
            finally:
                beating.cancel()
                if watching is not None:
                    watching.cancel()
                stop_beating(heartbeat)
            if lock is not None and lock.lost is not None:  # exit 1: the service manager starts it again
                raise StartupError(run_lock_lost_text(lock.where, str(lock.lost)))
            return 0
    except discord.LoginFailure as error:
        raise StartupError(REJECTED_TOKEN, exit_code=2) from error
    except discord.PrivilegedIntentsRequired as error:
        raise StartupError(INTENT_REFUSED, exit_code=2) from error
    except GuildRefused as error:
        raise StartupError(GUILD_REFUSED.format(guild=error.guild_id, reason=error), exit_code=2) from error
    except (aiohttp.ClientConnectionError, OSError) as error:
        raise StartupError(discord_unreached_text(str(error))) from error
    except discord.HTTPException as error:
        raise StartupError(discord_answered_text(error.status, error.text or str(error))) from error
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)


async def _start(bot: StoryBot, token: str) -> None:
    """discord.py's start (login, then connect), saying between the two how to invite the bot: the
    application's id comes from Discord at login."""
    await bot.login(token)
    if bot.application_id is not None:
        log.info("Invite me to a server: %s", invite_url(bot.application_id))
    bot.keep_waiting()  # past the run lock, with its shards: what a process that is gone left unanswered
    await bot.connect()


async def _connected_until_closed(running: asyncio.Task[None]) -> None:
    """Waits for discord.py's connection to end; one cancelled on the way out (its shards were still connecting)
    has ended too. What it raised otherwise (a rejected token, a refused intent) is raised."""
    try:
        await running
    except asyncio.CancelledError:
        here = asyncio.current_task()
        if here is not None and here.cancelling():  # this task itself is being cancelled, not only `running`
            raise


def _connected(bot: StoryBot) -> bool:
    """Ready, and every shard's gateway connection open."""
    return bot.is_ready() and not bot.is_closed() and not any(shard.is_closed() for shard in bot.shards.values())
