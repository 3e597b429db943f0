"""The answers given in Discord, kept by a short random id so their buttons can show them again.

A question runs to 1,000 characters and a button's custom_id holds 100: the buttons carry the answer's id,
and what it takes to show the answer again (the question, the one story it searched, whose it is) is read
from here. An answer is forgotten after the retention period (STORYBOT_ANSWER_DAYS); its buttons then say
so. The id is random, not a count: one answer's buttons tell nothing of any other.
"""

from __future__ import annotations

import dataclasses
import datetime
import secrets

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.state.grouped_writes import GroupedWrites
from bot.state.guarded_engine import GuardedEngine
from bot.state.shared_reads import SharedReads
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
    def __init__(self, engine: GuardedEngine, grouped: GroupedWrites):
        """`grouped`: shared with the interactions waiting for their answer (bot.state.waiting_interactions), whose
        rows are written and deleted around each answer: one commit serves all three."""
        self._engine = engine
        self._grouped = grouped
        self._reads: SharedReads[str, SavedAnswer | None] = SharedReads()

    async def save(self, answer: SavedAnswer) -> None:
        """Saved with the answers given meanwhile, in one transaction (bot.state.grouped_writes: a crowd's answers,
        each a transaction of its own, were not all kept). Raises what the database raised (DatabaseUnavailable)."""

        async def insert(connection: AsyncConnection) -> None:
            await connection.execute(answers.insert().values(**dataclasses.asdict(answer)))

        await self._grouped.write(insert)

    async def find(self, answer_id: str) -> SavedAnswer | None:
        """The answer with this id; None when there is none (forgotten, or never saved). Read once for the callers
        asking for it meanwhile (bot.state.shared_reads): a crowd clicking under one answer made a read each, and on a
        busy machine the last of 300 waited past the deadline and were told to try again."""

        async def look(connection: AsyncConnection) -> SavedAnswer | None:
            row = (await connection.execute(sa.select(answers).where(answers.c.id == answer_id))).first()
            if row is None:
                return None
            return SavedAnswer(**row._asdict() | {"asked_at": aware(row.asked_at)})

        return await self._reads.read(answer_id, lambda: self._engine.read(look))

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
