"""Starting and stopping the bot (bot/discord_app/run.py)."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import threading
from pathlib import Path

import aiosqlite

from bot.discord_app.run import leftovers_ended
from tests.discord_app.bot_process import BotProcess, held_at
from tests.discord_app.fake_discord import FakeDiscord
from tests.disk import fill, small_disk
from tests.hang import HANG_SECONDS
from tests.sqlite_lock import locked_by_another_process


async def a_connection_shut_while_busy(database: Path) -> str:
    """What SQLAlchemy leaves when it shuts an SQLite connection given up on (a call past its deadline under load):
    a graceful close queued behind a statement busy on a lock, and aiosqlite's thread stopped (its force close)."""
    connection = await aiosqlite.connect(database, timeout=HANG_SECONDS)
    lock = locked_by_another_process(database)
    lock.__enter__()

    async def begin() -> None:
        await connection.execute("BEGIN IMMEDIATE")  # waits in aiosqlite's thread for the other process's lock

    async def release_when_cancelled() -> None:
        try:
            await asyncio.Event().wait()
        finally:  # at exit, once the close below has been cancelled too: the thread then runs and ends
            lock.__exit__(None, None, None)
            await asyncio.to_thread(connection._thread.join)  # before the loop closes, which it answers

    busy = asyncio.ensure_future(begin())
    await asyncio.sleep(0)
    closing = asyncio.ensure_future(connection.close())  # SQLAlchemy's graceful close, behind the busy statement
    await asyncio.sleep(0)
    connection.stop()  # its force close
    releasing = asyncio.ensure_future(release_when_cancelled())
    await asyncio.sleep(0)
    assert not busy.done() and not closing.done() and not releasing.done()
    return "served"


def test_the_bot_exits_although_a_database_connection_s_close_takes_a_cancel_and_waits_again(tmp_path):
    # Stopped with SIGTERM after a crowd of questions under load (some database calls past their deadline), the bot
    # closed everything and then never exited: asyncio's runner cancels each task left once and waits for it, and
    # aiosqlite's close, cancelled while it waits behind a busy statement, awaits a second stop that its thread,
    # ended by the first, never answers. test_reliability's crowd saw it as a stop that took over 30 s.
    database = tmp_path / "storybot.db"
    sqlite3.connect(database).close()
    ran: list[str] = []

    def run() -> None:  # as run_bot does
        with asyncio.Runner() as runner:
            ran.append(runner.run(a_connection_shut_while_busy(database)))
            runner.run(leftovers_ended())

    running = threading.Thread(target=run)
    running.start()
    running.join(HANG_SECONDS)
    assert not running.is_alive(), "the event loop never ended"
    assert ran == ["served"]


async def test_a_bot_stopped_while_it_indexes_its_peoples_names_stops_indexing_them_and_exits(tmp_path):
    """The people's names were indexed in a thread the bot's close never ended: a bot stopped while it indexed a big
    library's tens of thousands went on indexing them for no one, logged that it had once its log was closed (the
    test suite's "--- Logging error ---"), and its exit waited for it. Here their reading is held until the bot,
    stopped, says it stops the indexing: the names are then not indexed, and the bot exits."""
    pipe = tmp_path / "people"
    os.mkfifo(pipe)
    fake = FakeDiscord()
    await fake.start()
    bot = BotProcess(fake, STORYBOT_INDEX="off", STORYBOT_DATA=str(tmp_path / "data"), PEOPLE_AFTER=str(pipe))
    await bot.start()
    try:
        await bot.ready()
        held = await held_at(bot, pipe)  # its people being read, for their names' index
        assert bot.process is not None
        bot.process.send_signal(signal.SIGTERM)
        try:
            await bot.printed("Stopping the indexing of the people's names.", hang_seconds=HANG_SECONDS)
        finally:
            os.close(held)
        assert await bot.exited(timeout=HANG_SECONDS) == 0
    finally:
        await bot.stop()
        await fake.stop()
    assert "Indexed the names" not in bot.text and "Traceback" not in bot.text


async def test_a_bot_whose_data_folder_is_full_at_start_is_told_to_free_space_not_to_find_a_folder_it_may_write(
    tmp_path,
):
    """A full disk under STORYBOT_DATA was "Could not open the database at ...: database or disk is full. Set
    STORYBOT_DATA to a folder the bot may write.": the owner was sent to check permissions that were fine."""
    with small_disk(tmp_path / "data", "512k") as data:
        fill(data)
        fake = FakeDiscord()
        await fake.start()
        bot = BotProcess(fake, STORYBOT_INDEX="off", STORYBOT_DATA=str(data))
        await bot.start()
        try:
            assert await bot.exited(timeout=HANG_SECONDS) == 2
        finally:
            await bot.stop()
            await fake.stop()
    said = bot.text.strip()
    assert said.startswith(f"storybot: Could not open the database at {data / 'storybot.db'}: "), said
    assert "is full. Free space on its disk" in said and "may write" not in said, said
    assert "Traceback" not in bot.text
