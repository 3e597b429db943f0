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

from bot.state.grouped_writes import GroupedWrites
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


@dataclasses.dataclass
class _Reading:
    """A read of one answer under way, and how many callers wait for it."""

    read: asyncio.Future[SavedAnswer | None]
    waiting: int = 0


class AnswerStore:
    def __init__(self, engine: GuardedEngine, grouped: GroupedWrites):
        """`grouped`: shared with the interactions waiting for their answer (bot.state.waiting_interactions), whose
        rows are written and deleted around each answer: one commit serves all three."""
        self._engine = engine
        self._grouped = grouped
        self._reading: dict[str, _Reading] = {}
        """The reads under way, by answer id: those asking for one answer meanwhile share its read (find)."""

    async def save(self, answer: SavedAnswer) -> None:
        """Saved with the answers given meanwhile, in one transaction (bot.state.grouped_writes: a crowd's answers,
        each a transaction of its own, were not all kept). Raises what the database raised (DatabaseUnavailable)."""

        async def insert(connection: AsyncConnection) -> None:
            await connection.execute(answers.insert().values(**dataclasses.asdict(answer)))

        await self._grouped.write(insert)

    async def find(self, answer_id: str) -> SavedAnswer | None:
        """The answer with this id; None when there is none (forgotten, or never saved). Callers asking for one
        answer while it is being read share that read: a crowd clicking under one answer made a read each, a
        connection each, and on a busy machine the last of 300 waited past the deadline and were told to try again.
        One caller cancelled cancels no other's read; the last cancels it, as a caller alone did (the bot closing
        waits for it then)."""
        reading = self._reading.get(answer_id)
        if reading is None or reading.read.done():  # one ended, its callback not yet run, is not shared

            async def look(connection: AsyncConnection) -> SavedAnswer | None:
                row = (await connection.execute(sa.select(answers).where(answers.c.id == answer_id))).first()
                if row is None:
                    return None
                return SavedAnswer(**row._asdict() | {"asked_at": aware(row.asked_at)})

            reading = _Reading(asyncio.ensure_future(self._engine.read(look)))
            self._reading[answer_id] = reading
            reading.read.add_done_callback(lambda read: self._read(answer_id, read))
        reading.waiting += 1
        try:
            return await asyncio.shield(reading.read)
        except asyncio.CancelledError:
            reading.waiting -= 1
            if not reading.waiting:  # no one joins a read being cancelled: a cancel takes a step to end it
                if self._reading.get(answer_id) is reading:
                    del self._reading[answer_id]
                reading.read.cancel()
            raise

    def _read(self, answer_id: str, read: asyncio.Future[SavedAnswer | None]) -> None:
        """A read ended: the next find reads again. Its failure is each waiting caller's to raise, and taken here
        for when every one was cancelled meanwhile (the engine logged it)."""
        reading = self._reading.get(answer_id)
        if reading is not None and reading.read is read:
            del self._reading[answer_id]
        if not read.cancelled():
            read.exception()

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
