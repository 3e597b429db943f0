"""What a server set with /settings: its answer channels, a channel's default story, its question budget.

Every message in a server needs its settings, so they are read once and kept; writes go to the
database and replace the kept copy. A server lives on one shard, so no other process writes its
settings behind this one's back, even with PostgreSQL shared by several machines.
"""

from __future__ import annotations

import asyncio
import datetime
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TypeVar

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import QuestionBudget
from bot.state.guarded_engine import GuardedEngine
from bot.state.shared_reads import SharedReads
from bot.state.tables import channel_settings, server_settings
from bot.state.upsert import insert_or_update

SERVERS_KEPT = 10_000

T = TypeVar("T")


@dataclass(frozen=True)
class ChannelSettings:
    channel_id: int
    answers_every_message: bool | None = None
    """True or False as set here; None: as STORYBOT_CHANNELS says."""
    story_path: str | None = None
    """Questions here search this story first (the file's path in the corpus); None: every story."""


@dataclass(frozen=True)
class ServerSettings:
    server_id: int
    budget: QuestionBudget | None = None
    """None: STORYBOT_QUESTION_BUDGET's."""
    channels: Mapping[int, ChannelSettings] = field(default_factory=lambda: MappingProxyType({}))

    def channel(self, channel_id: int) -> ChannelSettings:
        return self.channels.get(channel_id) or ChannelSettings(channel_id)

    @property
    def empty(self) -> bool:
        return self.budget is None and not self.channels


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class ServerSettingsStore:
    def __init__(self, engine: GuardedEngine):
        self._engine = engine
        self._kept: OrderedDict[int, ServerSettings] = OrderedDict()
        self._reads: SharedReads[int, ServerSettings] = SharedReads()
        """Each server's read under way, which every question asked meanwhile awaits."""

    async def of(self, server_id: int) -> ServerSettings:
        """The server's settings (all defaults for a server that set nothing). Read once however many ask at once: a
        crowd's first questions each read them, hundreds of reads queued for the database's connections beside the
        crowd's writes, until some passed the deadline and their questions were answered with the defaults."""
        kept = self._kept.get(server_id)
        if kept is not None:
            self._kept.move_to_end(server_id)
            return kept
        return await self._reads.read(server_id, lambda: self._read_and_keep(server_id))

    async def _read_and_keep(self, server_id: int) -> ServerSettings:
        """Kept only if no change was made to the server while it was read (_changed): kept after that change, the
        older settings it found were what every later question went by, until a restart."""
        here = asyncio.current_task()
        settings = await self._engine.read(lambda connection: self._read(connection, server_id))
        if self._reads.under_way(server_id) is here:
            self._keep(settings)
        return settings

    def _changed(self, server_id: int) -> None:
        """A change made (or begun) to the server: a read under way may have found the settings before it, so it is
        not kept, and questions asked from now on do not wait for it."""
        self._reads.forget(server_id)

    async def _change(self, server_id: int, work: Callable[[AsyncConnection], Awaitable[T]]) -> T:
        """`work` written as a change to the server's settings: no read under way before it ends is kept."""
        self._changed(server_id)
        try:
            return await self._engine.write(work)
        finally:
            self._changed(server_id)

    async def set_budget(self, server_id: int, budget: QuestionBudget | None) -> ServerSettings:
        async def change(connection: AsyncConnection) -> ServerSettings:
            values = {
                "budget_questions": None if budget is None else budget.questions,
                "budget_seconds": None if budget is None else budget.seconds,
                "updated_at": _now(),
            }
            await connection.execute(
                insert_or_update(connection, server_settings, {"server_id": server_id, **values}, ["server_id"], values)
            )
            return await self._read(connection, server_id)

        return self._keep(await self._change(server_id, change))

    async def set_answers(self, server_id: int, channel_id: int, answers: bool | None) -> ServerSettings:
        return await self._set_channel(server_id, channel_id, {"answers_every_message": answers})

    async def set_story(self, server_id: int, channel_id: int, story_path: str | None) -> ServerSettings:
        return await self._set_channel(server_id, channel_id, {"story_path": story_path})

    async def forget_channel(self, server_id: int, channel_id: int) -> None:
        """A deleted channel: its settings go too."""

        async def forget(connection: AsyncConnection) -> None:
            await connection.execute(sa.delete(channel_settings).where(channel_settings.c.channel_id == channel_id))

        try:
            await self._change(server_id, forget)
        finally:
            self._kept.pop(server_id, None)

    async def forget_server(self, server_id: int) -> None:
        """A server the bot left: its settings go (its readers' feedback stays, for the owner to export)."""

        async def forget(connection: AsyncConnection) -> None:
            await connection.execute(sa.delete(channel_settings).where(channel_settings.c.server_id == server_id))
            await connection.execute(sa.delete(server_settings).where(server_settings.c.server_id == server_id))

        try:
            await self._change(server_id, forget)
        finally:
            self._kept.pop(server_id, None)

    async def any_answer_channels(self) -> bool:
        """Whether some server made a channel answer every message (the bot then needs Message Content)."""

        async def look(connection: AsyncConnection) -> bool:
            found = await connection.execute(
                sa.select(channel_settings.c.channel_id).where(channel_settings.c.answers_every_message).limit(1)
            )
            return found.first() is not None

        return await self._engine.read(look)

    async def _set_channel(self, server_id: int, channel_id: int, change: dict[str, object]) -> ServerSettings:
        async def apply(connection: AsyncConnection) -> ServerSettings:
            values = change | {"server_id": server_id, "updated_at": _now()}
            await connection.execute(
                insert_or_update(
                    connection, channel_settings, {"channel_id": channel_id} | values, ["channel_id"], values
                )
            )
            # A channel back to every default needs no row.
            await connection.execute(
                sa.delete(channel_settings).where(
                    channel_settings.c.channel_id == channel_id,
                    channel_settings.c.answers_every_message.is_(None),
                    channel_settings.c.story_path.is_(None),
                )
            )
            return await self._read(connection, server_id)

        return self._keep(await self._change(server_id, apply))

    async def _read(self, connection: AsyncConnection, server_id: int) -> ServerSettings:
        server = (
            await connection.execute(sa.select(server_settings).where(server_settings.c.server_id == server_id))
        ).first()
        rows = await connection.execute(
            sa.select(channel_settings)
            .where(channel_settings.c.server_id == server_id)
            .order_by(channel_settings.c.channel_id)
        )
        channels = {
            row.channel_id: ChannelSettings(row.channel_id, row.answers_every_message, row.story_path) for row in rows
        }
        budget = None
        if server is not None and server.budget_questions is not None and server.budget_seconds is not None:
            budget = QuestionBudget(server.budget_questions, server.budget_seconds)
            budget = budget if budget.within_limits() else None  # saved before the command checked: the default
        return ServerSettings(server_id, budget, MappingProxyType(channels))

    def _keep(self, settings: ServerSettings) -> ServerSettings:
        self._kept[settings.server_id] = settings
        self._kept.move_to_end(settings.server_id)
        if len(self._kept) > SERVERS_KEPT:
            self._kept.popitem(last=False)
        return settings
