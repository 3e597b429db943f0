"""The interactions a bot process said it was working on ("thinking…") and has not answered (for a second, at
least: bot.discord_app.left_waiting), kept so that when the process is killed (SIGKILL, power lost, out of memory)
the next one to start tells each person to ask again, rather than leaving "thinking…" for Discord's 15 minutes.

What is kept is only what editing that response takes: the application's id and the interaction's token (sealed by
the front end: bot.discord_app.sealed_tokens). The token lets anyone holding it edit or follow up the response for 15
minutes (TOKEN_LIFE) after the interaction was made; a row is deleted once answered, and one past that life is
deleted by the next process that looks (at its start, then every minute: bot.discord_app.left_waiting), so none
outlives it by more than a minute while a bot runs.

Which process may answer a row: the run locks (bot.discord_app.run_lock on one machine, database_lock across machines)
let one live process hold a shard, and a process running every shard holds them all, alone. A row names the shard its
interaction came on and the process that took it; a process takes only other processes' rows of the shards it holds
(every row, when it holds every shard), so a row it takes is of a process that is gone: shard processes sharing a
database never answer each other's interactions while they run.
"""

from __future__ import annotations

import dataclasses
import datetime
import secrets
from collections.abc import Collection

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.state.grouped_writes import GroupedWrites
from bot.state.guarded_engine import GuardedEngine
from bot.state.tables import waiting_interactions
from bot.state.time import aware

TOKEN_LIFE = datetime.timedelta(minutes=15)
"""How long Discord honours an interaction's token, from the interaction's making."""
TAKEN_MOST = 500
"""The most rows one start takes (each an edit sent to Discord): a bot killed under a crowd leaves at most that many
worth telling within their tokens' life; the rest expire."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class WaitingInteraction:
    """One interaction being worked on: what editing its response takes, and until when it can be edited."""

    interaction_id: int
    application_id: int
    token: str = dataclasses.field(repr=False)
    """A credential: never logged, nor in the record's repr (bot.discord_app.redaction takes it out of discord.py's
    lines too)."""
    shard: int
    expires_at: datetime.datetime


class WaitingInteractionStore:
    """Rows written in the crowd's grouped transactions (a row and its deletion cost a commit's share, not a commit);
    `process` names this process's rows, new at each start."""

    def __init__(self, engine: GuardedEngine, grouped: GroupedWrites):
        self._engine = engine
        self._grouped = grouped
        self.process = secrets.token_hex(8)

    async def remember(self, waiting: WaitingInteraction) -> None:
        """Raises what the database raised (DatabaseUnavailable)."""
        row = dataclasses.asdict(waiting) | {"process": self.process}

        async def insert(connection: AsyncConnection) -> None:
            await connection.execute(waiting_interactions.insert().values(**row))

        await self._grouped.write(insert)

    async def forget(self, interaction_id: int) -> None:
        """Answered (or given up on while this process runs): nothing for a later process to say."""

        async def delete(connection: AsyncConnection) -> None:
            await connection.execute(
                waiting_interactions.delete().where(waiting_interactions.c.interaction_id == interaction_id)
            )

        await self._grouped.write(delete)

    async def take_left(self, shards: Collection[int] | None, now: datetime.datetime) -> list[WaitingInteraction]:
        """Takes and returns the rows of other processes, on `shards` (None: every shard, which this process holds
        alone), whose tokens still live, oldest first; expired rows of every process are deleted. Taken in one
        transaction, a row is told by one live process at most; taken, it becomes this process's own, kept until
        told (forget), so a process killed while telling (a restart loop) leaves what it had not told to the next."""
        others = sa.and_(waiting_interactions.c.process != self.process, waiting_interactions.c.expires_at > now)
        if shards is not None:
            others = sa.and_(others, waiting_interactions.c.shard.in_(list(shards)))
        chosen = (
            sa.select(waiting_interactions)
            .where(others)
            .order_by(waiting_interactions.c.expires_at)
            .limit(TAKEN_MOST)
            .with_for_update()
        )

        async def take(connection: AsyncConnection) -> list[WaitingInteraction]:
            await connection.execute(waiting_interactions.delete().where(waiting_interactions.c.expires_at <= now))
            rows = (await connection.execute(chosen)).all()
            ids = [row.interaction_id for row in rows]
            if ids:
                await connection.execute(
                    waiting_interactions.update()
                    .where(waiting_interactions.c.interaction_id.in_(ids))
                    .values(process=self.process)
                )
            return [
                WaitingInteraction(
                    interaction_id=row.interaction_id,
                    application_id=row.application_id,
                    token=row.token,
                    shard=row.shard,
                    expires_at=aware(row.expires_at),
                )
                for row in rows
            ]

        return await self._engine.write(take)
