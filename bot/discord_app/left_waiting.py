"""A "thinking…" left by a bot process that ended before answering is told, by the next process to start, that the
bot restarted and to ask again; otherwise the person watched it for Discord's 15 minutes.

Each interaction acknowledged with "thinking…" (bot.discord_app.client.think) and still unanswered after
GRACE_SECONDS is remembered in the database (bot.state.waiting_interactions), and forgotten once its handler has
ended. Neither write is waited for: they ride the crowd's grouped transactions in tasks of their own. One answered
within GRACE_SECONDS, as most are, writes nothing: written at once, each answer's own save (which it waits for, its
buttons' id) waited behind the rows of every interaction asked meanwhile, and 500 /ask at once were answered
0.06-0.25 s after they were asked at the median where they had been in 0.004-0.008 s (docs/speed.md). A handler
cancelled as the bot closes (Ctrl-C, SIGTERM, its answers given FINISH_SECONDS) without having answered leaves its
row, as a killed one does, for the next start to tell.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
from collections.abc import Collection, Coroutine

import aiohttp
import discord
from discord.http import Route

from bot.discord_app.sealed_tokens import seal, unseal
from bot.messages import RESTARTED_MID_ANSWER
from bot.state.guarded_engine import DatabaseUnavailable
from bot.state.waiting_interactions import TOKEN_LIFE, WaitingInteraction, WaitingInteractionStore

log = logging.getLogger(__name__)

GRACE_SECONDS = 1.0
"""How long an interaction shown "thinking…" may go unanswered before it is remembered: a process killed within it
leaves that one to Discord's own 15 minutes, the price of writing nothing for the answers quicker than it."""
REMEMBERED = "storybot:remembered"
"""Set in an interaction's extras once its row is asked for (after GRACE_SECONDS): its end deletes it."""
ANSWERED = "storybot:answered"
"""Set in an interaction's extras once an answer is on its way: a handler cancelled after it is not told again."""
EDIT_SECONDS = 10.0
"""The most telling one left "thinking…" may take, its read and its edit (Discord slow, or its rate limit)."""
SWEEP_SECONDS = 60.0
"""How often the rows are looked at again while the bot runs (expired ones deleted)."""
TELLING_AT_ONCE = 5
"""Edits sent at once at start: a bot killed under a crowd may leave hundreds, each a request under Discord's rate
limits (which discord.py waits out), and none may hold the start."""


def answered(interaction: discord.Interaction) -> None:
    """An answer is on its way: this interaction is not left waiting, even if its handler is then cancelled."""
    interaction.extras[ANSWERED] = True


class LeftWaiting:
    """This process's interactions in the database while it works on them, and at start the ones processes that are
    gone left (of `shards`, which this process holds; None: every shard)."""

    def __init__(self, store: WaitingInteractionStore, shards: Collection[int] | None, key: str):
        """`key`: the bot's token, which seals each interaction's token in the database (sealed_tokens)."""
        self._store = store
        self._shards = shards
        self._key = key
        self._writes: set[asyncio.Task[None]] = set()

    def remember(self, interaction: discord.Interaction, shard: int) -> None:
        """Called from the interaction's handler, once "thinking…" is shown: the row is forgotten when the handler
        ends, unless it was cancelled before answering."""
        handler = asyncio.current_task()
        if handler is None:
            return
        waiting = WaitingInteraction(
            interaction_id=interaction.id,
            application_id=interaction.application_id,
            token=seal(interaction.token, self._key, interaction.id),
            shard=shard,
            expires_at=interaction.created_at + TOKEN_LIFE,
        )
        later = asyncio.get_running_loop().call_later(GRACE_SECONDS, self._remember_now, interaction, waiting)
        handler.add_done_callback(lambda ended: self._handled(interaction, ended, later))

    def _remember_now(self, interaction: discord.Interaction, waiting: WaitingInteraction) -> None:
        interaction.extras[REMEMBERED] = True
        self._write(self._store.remember(waiting))

    def _handled(
        self, interaction: discord.Interaction, handler: asyncio.Task[object], later: asyncio.TimerHandle
    ) -> None:
        later.cancel()  # on the loop, as the remembering: either it ran, or it never will
        if not interaction.extras.get(REMEMBERED):
            return  # ended within the grace: nothing was written
        if handler.cancelled() and not interaction.extras.get(ANSWERED):
            return  # the bot is closing: the next start tells it
        self._write(self._store.forget(interaction.id))

    def _write(self, write: Coroutine[object, object, None]) -> None:
        task = asyncio.ensure_future(_logged(write))
        self._writes.add(task)
        task.add_done_callback(self._writes.discard)

    async def keep(self, http: discord.http.HTTPClient) -> None:
        """Tells what gone processes left, at start and again every SWEEP_SECONDS until cancelled: each time expired
        rows, of any process, are deleted, and what a database that did not answer at start (or a crowd past
        TAKEN_MOST) left is told while its tokens live. Only processes that are gone leave rows of this one's shards."""
        while True:
            await self.tell_left(http)
            await asyncio.sleep(SWEEP_SECONDS)

    async def tell_left(self, http: discord.http.HTTPClient) -> int:
        """Edits each "thinking…" left by a process that is gone to say the bot restarted; returns how many."""
        try:
            left = await self._store.take_left(self._shards, datetime.datetime.now(datetime.UTC))
        except DatabaseUnavailable as error:
            log.warning("Could not read the interactions left unanswered by an earlier run (%s).", error)
            return 0
        if not left:
            return 0
        turns = asyncio.Semaphore(TELLING_AT_ONCE)
        told = await asyncio.gather(*(self._tell_one(http, waiting, turns) for waiting in left))
        log.info(
            "Told %d of %d interaction(s) left unanswered by an earlier run that the bot restarted.",
            sum(told),
            len(left),
        )
        return sum(told)

    async def _tell_one(
        self, http: discord.http.HTTPClient, waiting: WaitingInteraction, turns: asyncio.Semaphore
    ) -> bool:
        """Told or not (gone, answered, expired, Discord refused), the row is forgotten; one killed before that is
        taken by the next start, which reads the response again and edits it only if still "thinking…"."""
        told = await _tell(http, waiting, unseal(waiting.token, self._key, waiting.interaction_id), turns)
        self._write(self._store.forget(waiting.interaction_id))
        return told


async def _tell(
    http: discord.http.HTTPClient, waiting: WaitingInteraction, token: str, turns: asyncio.Semaphore
) -> bool:
    """Edits the response only while Discord still shows it "thinking…" (its LOADING flag): a process killed after
    its answer reached Discord and before its row was deleted left an answer, which is never overwritten. A response
    gone, already answered, or not read in time is left as it is."""
    path = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
    read = Route("GET", path, webhook_id=waiting.application_id, webhook_token=token)
    edit = Route("PATCH", path, webhook_id=waiting.application_id, webhook_token=token)
    body = {"content": RESTARTED_MID_ANSWER, "allowed_mentions": {"parse": []}}
    async with turns:
        if not token or waiting.expires_at <= datetime.datetime.now(datetime.UTC):
            return False
        try:
            async with asyncio.timeout(EDIT_SECONDS):
                response = await http.request(read)
                if not _still_thinking(response):
                    return False
                await http.request(edit, json=body)
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as error:
            # The interaction's id names it; its token is never logged.
            status = error.status if isinstance(error, discord.HTTPException) else type(error).__name__
            log.warning("Could not tell interaction %s that the bot restarted: %s", waiting.interaction_id, status)
            return False
    return True


def _still_thinking(response: object) -> bool:
    """Whether Discord's original response is still "thinking…": a message whose flags hold LOADING."""
    if not isinstance(response, dict):
        return False
    flags = response.get("flags")
    return isinstance(flags, int) and discord.MessageFlags._from_value(flags).loading


async def _logged(write: Coroutine[object, object, None]) -> None:
    """A row not written (or not deleted) costs only the restart's message: said in the log, never raised."""
    try:
        await write
    except DatabaseUnavailable as error:
        log.warning("Could not keep track of an interaction being answered (%s).", error)
