"""A database with a row in every table and a value in every column a downgrade drops, written by the stores."""

from __future__ import annotations

import datetime

from bot.settings import QuestionBudget
from bot.state.answers import SavedAnswer
from bot.state.database import Database
from bot.state.feedback import Judgement, Vote
from bot.state.shelves import StoredText

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
    judgement = Judgement(
        server_id=SERVER,
        channel_id=10,
        message_id=2,
        user_id=3,
        vote=Vote.DOWN,
        question="Where was Sébastien born?",
        story_path="violinist.md",
        story_title="Sébastien",
        passage=1,
        excerpt="Born in Moscow.",
        answer_id=ANSWER_ID,
    )
    await database.feedback.record(judgement)
    text = StoredText("reader 1", b"packed text")
    await database.shelves.add(SERVER, "mill.docx", b"a docx file", 1, replace=False, characters=90, text=text)
