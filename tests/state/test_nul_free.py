"""Text holding NUL, which PostgreSQL's text refuses, kept and matched alike on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses

from bot.state.database import Database
from bot.state.feedback import Judgement, Vote
from tests.state.test_answers import ANSWER
from tests.state.test_feedback import ANSWER as JUDGEMENT

SERVER = 111


async def test_a_question_holding_nul_is_kept_with_the_nul_replaced(database: Database):
    await database.answers.save(dataclasses.replace(ANSWER, question="how old\x00is sofia"))
    found = await database.answers.find(ANSWER.id)
    assert found is not None and found.question == "how old\ufffdis sofia"


async def test_a_vote_whose_question_and_story_hold_nul_is_one_vote_and_changeable(database: Database):
    judgement: Judgement = dataclasses.replace(
        JUDGEMENT, question="where\x00born", story_title="So\x00phie", excerpt="She\x00played.", story_path="so\x00.md"
    )
    assert await database.feedback.record(judgement) is None
    assert await database.feedback.record(dataclasses.replace(judgement, vote=Vote.UP)) is Vote.DOWN
    await database.feedback.record(judgement)
    [voted] = await database.feedback.answers_voted_down(SERVER)
    assert (voted.question, voted.story_path, voted.story_title, voted.excerpt, voted.down, voted.up) == (
        "where\ufffdborn",
        "so\ufffd.md",
        "So\ufffdphie",
        "She\ufffdplayed.",
        1,
        0,
    )


async def test_a_channel_story_and_a_shelf_story_named_with_nul_are_kept(database: Database):
    settings = await database.servers.set_story(SERVER, 5, "a\x00b.md")
    assert settings.channel(5).story_path == "a\ufffdb.md"
    await database.shelves.add(SERVER, "mill\x00.md", b"# The Mill\n\nIt turned.", 7, replace=False)
    assert list((await database.shelves.story_names(SERVER)).values()) == ["mill\ufffd.md"]
