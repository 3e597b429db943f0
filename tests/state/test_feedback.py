"""Readers' votes on SQLite and PostgreSQL: one per person per answer, changeable, summed per answer."""

from __future__ import annotations

import dataclasses

import sqlalchemy as sa

from bot.state.database import Database
from bot.state.feedback import Judgement, Vote
from bot.state.tables import feedback

SERVER = 111
ANSWER = Judgement(
    server_id=SERVER,
    channel_id=11,
    message_id=5000,
    user_id=1,
    vote=Vote.DOWN,
    question="Where was Sophie born?",
    story_path="sophie.md",
    story_title="Sophie",
    passage=3,
    excerpt="She played the piano.",
)


async def test_a_vote_is_recorded_and_can_be_changed_not_repeated(database: Database):
    assert await database.feedback.record(ANSWER) is None
    assert await database.feedback.record(ANSWER) is Vote.DOWN
    assert await database.feedback.record(dataclasses.replace(ANSWER, vote=Vote.UP)) is Vote.DOWN
    assert await database.feedback.answers_voted_down(SERVER) == []  # changed its mind: no 👎 left

    await database.feedback.record(ANSWER)
    [answer] = await database.feedback.answers_voted_down(SERVER)
    assert (answer.down, answer.up) == (1, 0)
    assert (answer.question, answer.story_title, answer.passage) == ("Where was Sophie born?", "Sophie", 3)
    assert answer.last.tzinfo is not None


async def test_votes_on_one_answer_are_counted_per_person(database: Database):
    await database.feedback.record(ANSWER)
    await database.feedback.record(dataclasses.replace(ANSWER, user_id=2))
    await database.feedback.record(dataclasses.replace(ANSWER, user_id=3, vote=Vote.UP))
    [answer] = await database.feedback.answers_voted_down(SERVER)
    assert (answer.down, answer.up) == (2, 1)


async def test_a_new_result_on_the_same_message_is_its_own_answer(database: Database):
    """More results shows another passage in the same message: a vote on it is a vote on that one."""
    await database.feedback.record(ANSWER)
    await database.feedback.record(dataclasses.replace(ANSWER, passage=4, excerpt="She was born in Lyon."))
    assert [a.passage for a in await database.feedback.answers_voted_down(SERVER)] == [4, 3]


async def test_each_server_sees_its_own_and_the_owner_sees_all(database: Database):
    await database.feedback.record(ANSWER)
    await database.feedback.record(dataclasses.replace(ANSWER, server_id=222, message_id=6000, question="Who?"))
    await database.feedback.record(dataclasses.replace(ANSWER, server_id=None, message_id=7000, question="DM?"))
    assert [a.question for a in await database.feedback.answers_voted_down(SERVER)] == ["Where was Sophie born?"]
    assert [a.question for a in await database.feedback.answers_voted_down(None)] == ["DM?"]
    assert len(await database.feedback.answers_voted_down(every_server=True)) == 3
    assert len(await database.feedback.answers_voted_down(every_server=True, limit=2)) == 2


async def test_any_text_is_kept_as_written(database: Database):
    question = "Où est née Sophie ? 苏菲 '; DROP TABLE feedback; -- @everyone"
    await database.feedback.record(dataclasses.replace(ANSWER, question=question))
    [answer] = await database.feedback.answers_voted_down(SERVER)
    assert answer.question == question


async def test_the_same_answer_in_another_message_is_the_same_vote(database: Database):
    """Someone else's private copy of an answer is another message showing the same answer: one person's
    votes on both are one vote, so /feedback counts people, not clicks."""
    await database.feedback.record(ANSWER)
    copy = dataclasses.replace(ANSWER, message_id=5001, channel_id=12)
    assert await database.feedback.record(copy) is Vote.DOWN
    [answer] = await database.feedback.answers_voted_down(SERVER)
    assert (answer.down, answer.up) == (1, 0)
    assert await database.feedback.record(dataclasses.replace(copy, vote=Vote.UP)) is Vote.DOWN
    assert await database.feedback.answers_voted_down(SERVER) == []
    elsewhere = dataclasses.replace(copy, server_id=222)  # the same question in another server is its own answer
    assert await database.feedback.record(elsewhere) is None


async def test_a_vote_names_the_answer_it_was_given_on(database: Database):
    await database.feedback.record(dataclasses.replace(ANSWER, answer_id="abcdefgh2345"))
    async with database.engine.connect() as connection:
        assert await connection.scalar(sa.select(feedback.c.answer_id)) == "abcdefgh2345"
