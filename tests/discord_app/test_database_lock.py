"""Bot processes on two machines (two data folders) and one PostgreSQL database: the same shard twice is refused,
other shards run beside, and a process whose lock went with a database restart stops rather than answer twice."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio

from bot.discord_app.database_lock import EVERY_SHARD, HOLDERS, LOCK_CLASS, TRIES, DatabaseLock, _take
from bot.messages import database_error_text
from bot.settings import Settings
from bot.startup_error import StartupError
from bot.state.database import DatabaseError
from tests.discord_app.bot_process import BotProcess, held_at
from tests.discord_app.fake_discord import FakeDiscord
from tests.discord_app.test_end_to_end import fake
from tests.discord_app.test_service import refused, runs
from tests.hang import HANG_SECONDS
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
        assert await first.exited(timeout=HANG_SECONDS) == 1
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


async def test_a_lock_lost_while_the_library_loads_stops_the_bot_before_it_connects(
    fake: FakeDiscord, tmp_path: Path, postgresql_server: PostgreSQLServer
):
    """The lock is taken before the library loads, which takes minutes for a large one, and was watched only from
    the connection to Discord on: a database restart during the load let another machine take the shards, and the bot
    logged in and answered beside it until its first check."""
    url = postgresql_server.new_database()
    pipe = tmp_path / "load"
    os.mkfifo(pipe)
    identified = len(fake.identifies)
    process = await BotProcess(fake, LOAD_AFTER=str(pipe), **on_machine(tmp_path, "a", url)).start()
    try:
        told = await held_at(process, pipe)  # loading its library
        postgresql_server.restart()
        other = await asyncpg.connect(url)
        try:
            assert await other.fetchval("SELECT pg_try_advisory_lock($1, $2)", LOCK_CLASS, EVERY_SHARD)
            os.close(told)
            assert await process.exited(timeout=HANG_SECONDS) == 1
        finally:
            await other.close()
    finally:
        await process.stop()
    assert "storybot: Lost the run lock on the database postgres" in process.text
    assert len(fake.identifies) == identified and "Logged in as" not in process.text
    assert "Traceback" not in process.text


async def test_a_database_the_lock_cannot_open_is_one_line_with_the_fix(
    tmp_path: Path, postgresql_server: PostgreSQLServer
):
    """The lock's connection is the first the bot makes: PostgreSQL's refusals read as the database's own, by their
    SQLSTATE code (asyncpg's errors carry it themselves), not as a server that could not be reached."""
    settings = Settings(data=tmp_path, database_url=postgresql_server.url("no_such_database"))
    with pytest.raises(DatabaseError) as raised:
        await DatabaseLock.take(settings)
    assert "has no database 'no_such_database'. Create it" in database_error_text(raised.value)
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


class ReleasedBeforeEachLook(asyncpg.Connection):
    """A real session whose every look at the lock's holders (HOLDERS) comes just after they let go: `holder`, a
    second session, releases its locks before each look, and takes them again after it `again` times. The order the
    race needs, without timing luck."""

    holder: asyncpg.Connection
    holder_shards: tuple[int, ...] | None
    again = 0

    async def hold(self) -> None:
        """The holder's locks, as take() would give them to a bot running holder_shards (None: every shard)."""
        if self.holder_shards is None:
            locks = [("pg_try_advisory_lock", EVERY_SHARD)]
        else:
            locks = [("pg_try_advisory_lock_shared", EVERY_SHARD)] + [
                ("pg_try_advisory_lock", s) for s in self.holder_shards
            ]
        for function, key in locks:
            assert await self.holder.fetchval(f"SELECT {function}($1, $2)", LOCK_CLASS, key)

    async def fetch(self, query: str, *args: object, **options: object) -> list[asyncpg.Record]:
        if query != HOLDERS:
            return await super().fetch(query, *args, **options)
        await self.holder.fetchval("SELECT pg_advisory_unlock_all()")
        holders = await super().fetch(query, *args, **options)
        if self.again > 0:
            self.again -= 1
            await self.hold()
        return holders


@pytest_asyncio.fixture(loop_scope="module")
async def taker(postgresql_url: str) -> AsyncIterator[ReleasedBeforeEachLook]:
    """The session that takes the lock, and its holder's."""
    holder = await asyncpg.connect(postgresql_url)
    connection = await asyncpg.connect(postgresql_url, connection_class=ReleasedBeforeEachLook)
    connection.holder = holder
    try:
        yield connection
    finally:
        await connection.close()
        await holder.close()


async def own_locks(connection: asyncpg.Connection) -> set[tuple[int, str]]:
    rows = await connection.fetch(
        "SELECT objid::int8 AS key, mode FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
    )
    return {(row["key"], row["mode"]) for row in rows}


@pytest.mark.parametrize(
    ("holder_shards", "shard_ids", "taken"),
    [
        (None, None, {(EVERY_SHARD, "ExclusiveLock")}),
        (None, (1,), {(EVERY_SHARD, "ShareLock"), (1, "ExclusiveLock")}),
        ((1,), (1, 2), {(EVERY_SHARD, "ShareLock"), (1, "ExclusiveLock"), (2, "ExclusiveLock")}),
        ((1,), None, {(EVERY_SHARD, "ExclusiveLock")}),
    ],
)
async def test_a_lock_released_before_its_holder_is_named_is_tried_again_and_taken(
    taker: ReleasedBeforeEachLook,
    holder_shards: tuple[int, ...] | None,
    shard_ids: tuple[int, ...] | None,
    taken: set[tuple[int, str]],
):
    """A storybot stopping (or one refused, which held some locks a moment) between the refusal and the look at who
    held the lock: the refusal named nobody ('Another storybot is already running with the database ...: both would
    answer every question') and exited 2, which the service manager does not restart."""
    taker.holder_shards = holder_shards
    await taker.hold()
    await _take(taker, "postgresql://storybot@db/stories", shard_ids)
    assert await own_locks(taker) == taken


async def test_a_lock_released_before_every_look_is_exit_1_in_one_line(taker: ReleasedBeforeEachLook):
    taker.holder_shards, taker.again = None, TRIES
    await taker.hold()
    with pytest.raises(StartupError) as refused:
        await _take(taker, "postgresql://storybot@db/stories", None)
    assert refused.value.exit_code == 1
    assert str(refused.value).startswith(
        f"The database postgresql://storybot@db/stories refused the run lock {TRIES} times, each time released before"
    )
    assert "\n" not in str(refused.value) and not await own_locks(taker)
