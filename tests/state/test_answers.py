"""Answers kept by id on SQLite and PostgreSQL: found again whole, unknown ids are none, old ones forgotten."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import re

import sqlalchemy as sa

from bot.state.answers import ANSWER_ID_LENGTH, ANSWER_ID_PATTERN, SavedAnswer, new_answer_id
from bot.state.database import Database
from bot.state.guarded_engine import DatabaseUnavailable

ASKED = datetime.datetime(2026, 11, 22, 13, 0, 5, tzinfo=datetime.UTC)
ANSWER = SavedAnswer(
    id="abcdefgh2345",
    server_id=2**63 - 1,
    channel_id=2**63 - 2,
    asker_id=2**63 - 3,
    question="Où est née Sophie ? " * 50,
    scope="0123456789012345",
    channel_scope=True,
    asked_at=ASKED,
)


def test_answer_ids_are_random_and_fit_their_pattern():
    ids = {new_answer_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(i) == ANSWER_ID_LENGTH and re.fullmatch(ANSWER_ID_PATTERN, i) for i in ids)


async def test_a_saved_answer_is_found_again_whole(database: Database):
    await database.answers.save(ANSWER)
    in_dm = dataclasses.replace(ANSWER, id=new_answer_id(), server_id=None, scope=None, channel_scope=False)
    await database.answers.save(in_dm)
    assert await database.answers.find(ANSWER.id) == ANSWER
    assert await database.answers.find(in_dm.id) == in_dm
    assert await database.answers.find("zzzzzzzzzzzz") is None


async def test_a_crowds_answers_are_saved_together_in_a_few_transactions(database: Database):
    """Each answer its own transaction made a crowd's contend for SQLite's one write lock until some passed the
    deadline; saved together, every one is kept, in far fewer transactions than answers."""
    commits: list[None] = []
    sa.event.listen(database.engine.sync_engine, "commit", lambda _: commits.append(None))
    crowd = [dataclasses.replace(ANSWER, id=new_answer_id(), asker_id=asker) for asker in range(300)]
    await asyncio.gather(*(database.answers.save(answer) for answer in crowd))
    assert [await database.answers.find(answer.id) for answer in crowd] == crowd
    assert 1 <= len(commits) < 30


async def test_a_crowd_asking_for_one_answer_at_once_shares_one_read(database: Database):
    """300 clicks under one answer read it once, not 300 times over a few connections (the last were told the
    database did not answer in time); one clicker cancelled meanwhile takes no other's answer away, and an answer
    asked for after a read ended is read again."""
    await database.answers.save(ANSWER)
    selects: list[str] = []
    sa.event.listen(database.engine.sync_engine, "before_cursor_execute", lambda *call: selects.append(call[2]))
    crowd = [asyncio.ensure_future(database.answers.find(ANSWER.id)) for _ in range(300)]
    await asyncio.sleep(0)
    crowd[0].cancel()
    found = await asyncio.gather(*crowd[1:])
    assert found == [ANSWER] * 299
    assert len([s for s in selects if s.lstrip().upper().startswith("SELECT")]) == 1
    gone = [asyncio.ensure_future(database.answers.find(ANSWER.id)) for _ in range(3)]
    await asyncio.sleep(0)
    for waiting in gone:
        waiting.cancel()
    assert all(isinstance(e, asyncio.CancelledError) for e in await asyncio.gather(*gone, return_exceptions=True))
    assert await database.answers.find(ANSWER.id) == ANSWER  # a read every caller left is no read shared after
    later = dataclasses.replace(ANSWER, id=new_answer_id())
    assert await database.answers.find(later.id) is None
    await database.answers.save(later)
    assert await database.answers.find(later.id) == later


async def test_an_answer_that_fails_on_its_own_fails_alone_and_the_others_of_its_transaction_are_saved(
    database: Database,
):
    """An answer whose own insert fails (here an id saved twice, which no random id does) is told so alone: it failed
    the others saved in its transaction with it, each told the database had failed, their buttons dead."""
    await database.answers.save(ANSWER)
    crowd = [dataclasses.replace(ANSWER, id=new_answer_id(), asker_id=asker) for asker in range(5)] + [ANSWER]
    outcomes = await asyncio.gather(*(database.answers.save(answer) for answer in crowd), return_exceptions=True)
    assert outcomes[:5] == [None] * 5 and isinstance(outcomes[5], DatabaseUnavailable)
    assert [await database.answers.find(answer.id) for answer in crowd[:5]] == crowd[:5]


async def test_answers_older_than_the_moment_are_forgotten_and_newer_ones_kept(database: Database):
    days = [
        dataclasses.replace(ANSWER, id=new_answer_id(), asked_at=ASKED + datetime.timedelta(days=d)) for d in range(5)
    ]
    for answer in days:
        await database.answers.save(answer)
    assert await database.answers.forget_before(ASKED + datetime.timedelta(days=2)) == 2
    assert [await database.answers.find(a.id) for a in days] == [None, None, *days[2:]]
    assert await database.answers.forget_before(ASKED + datetime.timedelta(days=2)) == 0


async def test_a_long_backlog_is_forgotten_in_batches(database: Database, monkeypatch):
    monkeypatch.setattr("bot.state.answers.FORGET_BATCH", 2)
    old = [
        dataclasses.replace(ANSWER, id=new_answer_id(), asked_at=ASKED - datetime.timedelta(hours=h)) for h in range(5)
    ]
    for answer in old:
        await database.answers.save(answer)
    await database.answers.save(kept := dataclasses.replace(ANSWER, id=new_answer_id()))
    assert await database.answers.forget_before(ASKED) == 4  # all but the one asked at that very moment
    assert [await database.answers.find(a.id) for a in old[1:]] == [None] * 4
    assert await database.answers.find(kept.id) == kept
