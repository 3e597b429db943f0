"""Interactions being answered, kept so that a process that is gone has its "thinking…" told by the next: on SQLite
and PostgreSQL, a process takes only the rows of other processes on the shards it holds, each once, never an expired
one, and rows answered or expired are gone."""

from __future__ import annotations

import asyncio
import datetime

import sqlalchemy as sa

from bot.state.database import Database
from bot.state.grouped_writes import GroupedWrites
from bot.state.tables import waiting_interactions
from bot.state.waiting_interactions import TAKEN_MOST, TOKEN_LIFE, WaitingInteraction, WaitingInteractionStore

NOW = datetime.datetime(2026, 12, 2, 10, 0, tzinfo=datetime.UTC)


def waiting(interaction_id: int, shard: int = 0, made: datetime.datetime = NOW) -> WaitingInteraction:
    return WaitingInteraction(
        interaction_id=interaction_id,
        application_id=1000,
        token=f"secret-token-{interaction_id}",
        shard=shard,
        expires_at=made + TOKEN_LIFE,
    )


def another_process(database: Database) -> WaitingInteractionStore:
    """The store as another process sharing the database sees it (a process is named anew at each start)."""
    return WaitingInteractionStore(database.guarded, GroupedWrites(database.guarded))


async def kept(database: Database) -> set[int]:
    async with database.engine.connect() as connection:
        return set((await connection.execute(sa.select(waiting_interactions.c.interaction_id))).scalars())


async def test_a_process_takes_the_rows_of_processes_gone_on_its_shards_once_and_never_its_own(database: Database):
    gone = another_process(database)
    for interaction_id, shard in ((1, 0), (2, 1), (3, 1), (4, 2)):
        await gone.remember(waiting(interaction_id, shard))
    mine = database.waiting
    await mine.remember(waiting(5, 1))
    later = NOW + datetime.timedelta(minutes=1)
    taken = await mine.take_left({1, 2}, later)
    assert [row.interaction_id for row in taken] == [2, 3, 4]
    assert taken[0] == waiting(2, 1)  # what editing its response takes, the token with it
    assert await mine.take_left({1, 2}, later) == []  # told once, by one process
    assert await kept(database) == {1, 2, 3, 4, 5}  # taken ones kept, as this process's own, until told
    for told in (2, 3, 4):
        await mine.forget(told)
    assert await kept(database) == {1, 5}  # shard 0's (another live process's) and this process's own stay
    assert [row.interaction_id for row in await another_process(database).take_left(None, later)] == [1, 5]


async def test_rows_taken_by_a_process_killed_while_telling_are_taken_by_the_next(database: Database):
    """A restart loop: the process that took them was killed before telling; what it took is not lost."""
    await another_process(database).remember(waiting(1))
    later = NOW + datetime.timedelta(minutes=1)
    assert [row.interaction_id for row in await another_process(database).take_left(None, later)] == [1]
    assert [row.interaction_id for row in await database.waiting.take_left(None, later)] == [1]


async def test_expired_rows_are_never_taken_and_are_deleted(database: Database):
    gone = another_process(database)
    await gone.remember(waiting(1, made=NOW - TOKEN_LIFE))  # its token ends now
    await gone.remember(waiting(2, made=NOW - TOKEN_LIFE + datetime.timedelta(seconds=1)))
    await gone.remember(waiting(3, shard=5, made=NOW - TOKEN_LIFE))  # a shard no process here holds
    taken = await database.waiting.take_left({0}, NOW)
    assert [row.interaction_id for row in taken] == [2]
    await database.waiting.forget(2)  # told
    assert await kept(database) == set()
    await gone.remember(waiting(4, shard=5, made=NOW - TOKEN_LIFE))
    await database.waiting.remember(waiting(6, made=NOW - TOKEN_LIFE))  # this process's own, expired, goes too
    await database.waiting.remember(waiting(7, made=NOW))
    assert await database.waiting.take_left({0}, NOW) == []
    assert await kept(database) == {7}


async def test_an_answered_interaction_is_forgotten(database: Database):
    await database.waiting.remember(waiting(1))
    await database.waiting.remember(waiting(2))
    await database.waiting.forget(1)
    assert await kept(database) == {2}


def test_the_token_is_not_shown_by_a_rows_repr():
    assert "secret-token" not in repr(waiting(1)) and "secret-token" not in str(waiting(1))


async def test_one_take_is_at_most_taken_most_rows_the_oldest_and_the_next_takes_the_rest(database: Database):
    """A bot killed under a crowd: one take is TAKEN_MOST rows at most, those whose tokens end first; the same
    process's next take (its next sweep) has the rest, never its own."""
    gone = another_process(database)
    made = [NOW + datetime.timedelta(milliseconds=i) for i in range(TAKEN_MOST + 1)]
    await asyncio.gather(*(gone.remember(waiting(i, made=at)) for i, at in enumerate(made, 1)))
    later = NOW + datetime.timedelta(minutes=1)
    first = await database.waiting.take_left(None, later)
    assert [row.interaction_id for row in first] == list(range(1, TAKEN_MOST + 1))
    assert [row.interaction_id for row in await database.waiting.take_left(None, later)] == [TAKEN_MOST + 1]
