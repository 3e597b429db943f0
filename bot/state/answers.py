"""The answers given in Discord, kept by a short random id so their buttons can show them again.

A question runs to 1,000 characters and a button's custom_id holds 100: the buttons carry the answer's id,
and what it takes to show the answer again (the question, the one story it searched, whose it is) is read
from here. An answer is forgotten after the retention period (STORYBOT_ANSWER_DAYS); its buttons then say
so. The id is random, not a count: one answer's buttons tell nothing of any other.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import secrets

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.state.guarded_engine import GuardedEngine
from bot.state.tables import answers
from bot.state.time import aware

ANSWER_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"
ANSWER_ID_LENGTH = 12
"""60 random bits: no two answers share an id in practice, and no one guesses another's."""
ANSWER_ID_PATTERN = rf"[a-z2-7]{{{ANSWER_ID_LENGTH}}}"
"""An answer id, for custom_id templates."""
FORGET_BATCH = 1000
"""Old answers deleted per statement: a long backlog (a shorter period just set) is cleared in steps, each
well within a call's deadline."""


def new_answer_id() -> str:
    return "".join(secrets.choice(ANSWER_ID_ALPHABET) for _ in range(ANSWER_ID_LENGTH))


@dataclasses.dataclass(frozen=True, kw_only=True)
class SavedAnswer:
    """One answer given in Discord: what its buttons need to show it again, and whose it is."""

    id: str
    server_id: int | None
    """None: in a DM."""
    channel_id: int | None
    """None: Discord did not say (it always does for messages and commands)."""
    asker_id: int
    """Whose answer it is: their clicks change it, anyone else's open a copy only they see."""
    question: str
    scope: str | None
    """The id of the one story the question searched (and its More results search), or None: every story."""
    channel_scope: bool
    """The scope is the channel's story (/settings story), which the answer words differently."""
    asked_at: datetime.datetime


class AnswerStore:
    def __init__(self, engine: GuardedEngine):
        self._engine = engine
        self._waiting: list[tuple[SavedAnswer, asyncio.Future[None]]] = []
        """Answers to save in the next transaction, each with what its caller awaits."""
        self._writer: asyncio.Task[None] | None = None

    async def save(self, answer: SavedAnswer) -> None:
        """Saved in one transaction with every answer given while the one before was being written (group commit):
        a crowd's answers each in a transaction of its own contended for SQLite's one write lock, and its journal's
        disk syncs, until some passed the call's deadline and their buttons could not reopen them. Raises what the
        database raised for its transaction (DatabaseUnavailable)."""
        saved: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((answer, saved))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_waiting())
        await saved

    async def _write_waiting(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                rows = [dataclasses.asdict(answer) for answer, _ in batch]

                async def insert(connection: AsyncConnection, rows: list[dict[str, object]] = rows) -> None:
                    await connection.execute(answers.insert(), rows)

                try:
                    await self._engine.write(insert)
                except BaseException as error:  # each caller is told; a cancel (the bot closing) goes on up
                    _settle(batch, error)
                    if not isinstance(error, Exception):
                        raise
                else:
                    _settle(batch, None)
        finally:
            self._writer = None

    async def find(self, answer_id: str) -> SavedAnswer | None:
        """The answer with this id; None when there is none (forgotten, or never saved)."""

        async def look(connection: AsyncConnection) -> SavedAnswer | None:
            row = (await connection.execute(sa.select(answers).where(answers.c.id == answer_id))).first()
            if row is None:
                return None
            return SavedAnswer(**row._asdict() | {"asked_at": aware(row.asked_at)})

        return await self._engine.read(look)

    async def forget_before(self, moment: datetime.datetime) -> int:
        """Deletes the answers given before `moment`, a batch per transaction; returns how many."""
        oldest = sa.select(answers.c.id).where(answers.c.asked_at < moment).order_by(answers.c.asked_at)
        batch = answers.delete().where(answers.c.id.in_(oldest.limit(FORGET_BATCH).scalar_subquery()))

        async def forget(connection: AsyncConnection) -> int:
            return (await connection.execute(batch)).rowcount

        forgotten = 0
        while (deleted := await self._engine.write(forget)) > 0:
            forgotten += deleted
            if deleted < FORGET_BATCH:
                break
        return forgotten


def _settle(batch: list[tuple[SavedAnswer, asyncio.Future[None]]], error: BaseException | None) -> None:
    """Tells each caller still waiting how its answer's transaction ended."""
    for _, saved in batch:
        if saved.done():  # its caller was cancelled
            continue
        if error is None:
            saved.set_result(None)
        elif isinstance(error, Exception):
            saved.set_exception(error)
        else:
            saved.cancel()
