"""Bot processes on two machines (two data folders) and one PostgreSQL database: the same shard twice is refused,
other shards run beside, and a process whose lock went with a database restart stops rather than answer twice."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from bot.discord_app.database_lock import EVERY_SHARD, LOCK_CLASS, DatabaseLock
from bot.settings import Settings
from bot.state.database import DatabaseError
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import FakeDiscord
from tests.discord_app.test_end_to_end import fake
from tests.discord_app.test_service import refused, runs
from tests.postgresql import PostgreSQLServer

pytestmark = pytest.mark.asyncio(loop_scope="module")
__all__ = ["fake"]


def on_machine(tmp_path: Path, machine: str, url: str, **env: str) -> dict[str, str]:
    """The settings of a bot on its own machine: its own data folder, the shared database."""
    return {"STORYBOT_DATA": str(tmp_path / machine), "STORYBOT_DATABASE_URL": url, "STORYBOT_INDEX": "off"} | env


def held_by(process: BotProcess) -> str:
    assert process.process is not None
    return f"as storybot {socket.gethostname()} {process.process.pid}"


async def test_shard_processes_on_two_machines_whose_shards_overlap_are_refused_and_others_run_beside(
    fake: FakeDiscord, tmp_path: Path, postgresql_url: str
):
    """STORYBOT_SHARD_IDS=0,1 on one machine and 1,2,3 on another, one database: both ran shard 1, and its servers
    got every answer twice (each data folder's locks saw only its own machine)."""
    shards = {"STORYBOT_SHARD_COUNT": "4"}
    first = await BotProcess(
        fake, **on_machine(tmp_path, "a", postgresql_url, STORYBOT_SHARD_IDS="0,1", **shards)
    ).start()
    try:
        await first.ready()
        overlapping = BotProcess(
            fake, **on_machine(tmp_path, "b", postgresql_url, STORYBOT_SHARD_IDS="1,2,3", **shards)
        )
        assert await refused(await overlapping.start()) == 2
        assert overlapping.text.startswith("storybot: Another storybot is already running with the database postgres")
        assert f"(running shard 1 too, {held_by(first)}): both would answer the questions of shard 1's servers." in (
            overlapping.text
        )
        assert len(overlapping.text.strip().splitlines()) == 1, overlapping.text
        whole = BotProcess(fake, **on_machine(tmp_path, "c", postgresql_url))
        assert await refused(await whole.start()) == 2
        assert f"(running shards 0, 1, {held_by(first)}): both would answer the questions of shards 0, 1's" in (
            whole.text
        )
        beside = BotProcess(fake, **on_machine(tmp_path, "b", postgresql_url, STORYBOT_SHARD_IDS="2,3", **shards))
        await runs(beside)  # the refused one left shards 2 and 3 free
    finally:
        assert await first.stop() == 0


async def test_a_bot_running_every_shard_refuses_one_on_another_machine_and_its_shard_processes(
    fake: FakeDiscord, tmp_path: Path, postgresql_url: str
):
    whole = await BotProcess(fake, **on_machine(tmp_path, "a", postgresql_url)).start()
    try:
        await whole.ready()
        again = BotProcess(fake, **on_machine(tmp_path, "b", postgresql_url))
        assert await refused(await again.start()) == 2
        assert "the database postgres" in again.text and f" ({held_by(whole)}): both would answer every question." in (
            again.text
        )
        shard = BotProcess(
            fake, **on_machine(tmp_path, "c", postgresql_url, STORYBOT_SHARD_COUNT="2", STORYBOT_SHARD_IDS="1")
        )
        assert await refused(await shard.start()) == 2
        assert f"(running every shard, {held_by(whole)}): both would answer the questions of shard 1's servers." in (
            shard.text
        )
    finally:
        assert await whole.stop() == 0
    await runs(BotProcess(fake, **on_machine(tmp_path, "b", postgresql_url)))  # the first's session ended with it


async def test_a_bot_whose_lock_went_with_a_database_restart_stops_and_the_next_start_takes_it(
    fake: FakeDiscord, tmp_path: Path, postgresql_server: PostgreSQLServer
):
    """A restart ends every session, and the locks with them: another machine may take the shard then. The bot stops
    (exit 1, for the service manager to start it again) rather than answer beside it."""
    url = postgresql_server.new_database()
    first = await BotProcess(fake, **on_machine(tmp_path, "a", url)).start()
    try:
        await first.ready()
        postgresql_server.restart()
        assert await first.exited(timeout=60) == 1
    finally:
        await first.stop()
    assert "storybot: Lost the run lock on the database postgres" in first.text
    assert "Traceback" not in first.text
    other = await BotProcess(fake, **on_machine(tmp_path, "b", url)).start()
    try:
        await other.ready()  # the lock was free to take
        again = BotProcess(fake, **on_machine(tmp_path, "a", url))
        assert await refused(await again.start()) == 2 and held_by(other) in again.text
    finally:
        assert await other.stop() == 0


async def test_a_database_the_lock_cannot_open_is_one_line_with_the_fix(
    tmp_path: Path, postgresql_server: PostgreSQLServer
):
    """The lock's connection is the first the bot makes: PostgreSQL's refusals read as the database's own, by their
    SQLSTATE code (asyncpg's errors carry it themselves), not as a server that could not be reached."""
    settings = Settings(data=tmp_path, database_url=postgresql_server.url("no_such_database"))
    with pytest.raises(DatabaseError, match=r"has no database 'no_such_database'\. Create it") as raised:
        await DatabaseLock.take(settings)
    assert not raised.value.transient
    assert await DatabaseLock.take(Settings(data=tmp_path)) is None  # SQLite: the data folder's locks alone


async def test_a_lock_still_held_for_a_process_of_this_machine_that_ended_is_tried_again_not_refused_for_good(
    fake: FakeDiscord, tmp_path: Path, postgresql_url: str
):
    """A bot whose lock was lost to a silent network (no answer for SILENT_SECONDS) stops with exit 1; its session
    lives on in the server until SERVER_GIVES_UP_MS. Started again within it, the bot was refused with exit 2, which
    the service manager does not restart (RestartPreventExitStatus=2): one network blip stopped it for good."""
    ended = subprocess.Popen([sys.executable, "-c", ""])
    ended.wait()
    holder = f"storybot {socket.gethostname()} {ended.pid}"
    ghost = await asyncpg.connect(postgresql_url, server_settings={"application_name": holder})
    try:
        assert await ghost.fetchval("SELECT pg_try_advisory_lock($1, $2)", LOCK_CLASS, EVERY_SHARD)
        again = BotProcess(fake, **on_machine(tmp_path, "a", postgresql_url))
        assert await refused(await again.start()) == 1
        assert f"still holds the run lock of {holder}, which ended on this machine" in again.text
    finally:
        await ghost.close()
    await runs(BotProcess(fake, **on_machine(tmp_path, "a", postgresql_url)))  # the session gone, it runs
