"""A database with a row in every table it has and a value in every column a downgrade drops, written by the
stores."""

from __future__ import annotations

import dataclasses
import datetime

import sqlalchemy as sa

from bot.settings import QuestionBudget
from bot.state.answers import SavedAnswer
from bot.state.database import Database
from bot.state.shelves import StoredText
from bot.state.waiting_interactions import TOKEN_LIFE, WaitingInteraction
from tests.state.test_feedback import ANSWER

SERVER = 111
ANSWER_ID = "abcdefgh2345"


async def fill_every_table(database: Database) -> None:
    await database.servers.set_budget(SERVER, QuestionBudget(3, 30))
    await database.servers.set_answers(SERVER, 10, True)
    await database.answers.save(
        SavedAnswer(
            id=ANSWER_ID,
            server_id=SERVER,
            channel_id=10,
            asker_id=1,
            question="Where was Sébastien born?",
            scope=None,
            channel_scope=False,
            asked_at=datetime.datetime.now(datetime.UTC),
        )
    )
    await database.feedback.record(dataclasses.replace(ANSWER, server_id=SERVER, answer_id=ANSWER_ID))
    text = StoredText("reader 1", b"packed text")
    await database.shelves.add(SERVER, "mill.docx", b"a docx file", 1, replace=False, characters=90, text=text)
    async with database.engine.connect() as connection:
        tables = await connection.run_sync(lambda sync: set(sa.inspect(sync).get_table_names()))
    if "waiting_interactions" not in tables:
        return  # a database taken back below 0007 to be written as an older storybot wrote it
    made = datetime.datetime.now(datetime.UTC)
    await database.waiting.remember(
        WaitingInteraction(interaction_id=9, application_id=8, token="token", shard=0, expires_at=made + TOKEN_LIFE)
    )
