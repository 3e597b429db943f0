"""What readers said of answers: one 👍 or 👎 per person per answer shown, which they may change.

The 👎 answers are the owner's list of questions to fix: `/feedback` shows a server's recent ones,
and `python -m bot feedback export` writes them as questions to replay with `eval --questions`.
"""

from __future__ import annotations

import datetime
import enum
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.state.grouped_writes import GroupedWrites
from bot.state.guarded_engine import GuardedEngine
from bot.state.tables import feedback
from bot.state.time import aware
from bot.state.upsert import insert_or_update


class Vote(enum.IntEnum):
    UP = 1
    DOWN = -1


@dataclass(frozen=True, kw_only=True)
class Judgement:
    """One reader's vote on the passage one answer message showed."""

    server_id: int | None
    channel_id: int
    message_id: int
    user_id: int
    vote: Vote
    question: str
    story_path: str
    story_title: str
    passage: int
    excerpt: str
    answer_id: str | None = None
    """The answer voted on (bot.state.answers)."""


@dataclass(frozen=True, kw_only=True)
class AnswerFeedback:
    """The votes on one passage given for one question in one server (or in DMs: server None)."""

    server_id: int | None
    question: str
    story_path: str
    story_title: str
    passage: int
    excerpt: str
    down: int
    up: int
    last: datetime.datetime


class FeedbackStore:
    def __init__(self, engine: GuardedEngine):
        self._engine = engine
        self._grouped = GroupedWrites(engine)

    async def record(self, judgement: Judgement) -> Vote | None:
        """Saves the vote (replacing this person's earlier one on this answer); returns the earlier one.

        An answer is the passage shown for a question in a server, in whichever message shows it: a
        private copy someone opens of another person's answer is the same answer, so voting on both
        changes one vote rather than counting twice in /feedback. Saved with the votes given meanwhile, in one
        transaction (bot.state.grouped_writes: a crowd's votes, each a transaction of its own, were told to try
        again)."""
        now = datetime.datetime.now(datetime.UTC)
        same_answer = (
            feedback.c.server_id.is_not_distinct_from(judgement.server_id),
            feedback.c.user_id == judgement.user_id,
            feedback.c.question == judgement.question,
            feedback.c.story_path == judgement.story_path,
            feedback.c.passage == judgement.passage,
        )
        key = {
            "message_id": judgement.message_id,
            "user_id": judgement.user_id,
            "story_path": judgement.story_path,
            "passage": judgement.passage,
        }
        changed = {"vote": int(judgement.vote), "updated_at": now}

        async def save(connection: AsyncConnection) -> Vote | None:
            earlier = (
                await connection.execute(sa.select(feedback.c.id, feedback.c.vote).where(*same_answer).limit(1))
            ).first()
            if earlier is not None:
                await connection.execute(feedback.update().where(feedback.c.id == earlier.id).values(**changed))
                return Vote(earlier.vote)
            row = {
                **key,
                **changed,
                "server_id": judgement.server_id,
                "channel_id": judgement.channel_id,
                "question": judgement.question,
                "story_title": judgement.story_title,
                "excerpt": judgement.excerpt,
                "answer_id": judgement.answer_id,
                "created_at": now,
            }
            # Two clicks on one message at the same moment still make one row.
            await connection.execute(insert_or_update(connection, feedback, row, list(key), changed))
            return None

        return await self._grouped.write(save)

    async def answers_voted_down(
        self, server_id: int | None = None, every_server: bool = False, limit: int | None = None
    ) -> list[AnswerFeedback]:
        """Answers with at least one 👎, the latest vote first: one server's, or with every_server all."""
        down = sa.func.sum(sa.case((feedback.c.vote < 0, 1), else_=0))
        up = sa.func.sum(sa.case((feedback.c.vote > 0, 1), else_=0))
        last = sa.func.max(feedback.c.updated_at)
        query = (
            sa.select(
                feedback.c.server_id,
                feedback.c.question,
                feedback.c.story_path,
                feedback.c.story_title,
                feedback.c.passage,
                sa.func.max(feedback.c.excerpt).label("excerpt"),
                down.label("down"),
                up.label("up"),
                last.label("last"),
            )
            .group_by(
                feedback.c.server_id,
                feedback.c.question,
                feedback.c.story_path,
                feedback.c.story_title,
                feedback.c.passage,
            )
            .having(down > 0)
            .order_by(last.desc(), feedback.c.question)
            .limit(limit)
        )
        if not every_server:
            query = query.where(
                feedback.c.server_id.is_(None) if server_id is None else feedback.c.server_id == server_id
            )

        async def look(connection: AsyncConnection) -> list[AnswerFeedback]:
            rows = await connection.execute(query)
            return [
                AnswerFeedback(
                    server_id=row.server_id,
                    question=row.question,
                    story_path=row.story_path,
                    story_title=row.story_title,
                    passage=row.passage,
                    excerpt=row.excerpt,
                    down=int(row.down),
                    up=int(row.up),
                    last=aware(row.last),
                )
                for row in rows
            ]

        return await self._engine.read(look)
