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
SWEEP_SECONDS = 60.0
"""How often the rows are looked at again while the bot runs (expired ones deleted)."""
TELLING_AT_ONCE = 5
"""Rows told at once: a bot killed under a crowd may leave hundreds, each a read and an edit sent to Discord."""
TELLING_PER_SECOND = 25.0
"""The most requests the telling sends a second: half Discord's global rate limit (50 a second, which discord.py
learns of only from a 429), so the answers and replies of the bot that tells keep the other half. Discord's docs
exempt interaction webhooks from that limit; a Discord that counted them (the fake Discord's stricter RateLimits)
answered 98 of 500 rows' 1,000 requests 429 when they went as fast as they could (bench/bench_left_waiting.py)."""
LAST_SECONDS = 1.0
"""No request is sent for a row with less than this left of its token's 15 minutes: on its way it would end."""
RETRY_FIRST_SECONDS = 1.0
RETRY_MOST_SECONDS = 30.0
"""A row whose read or edit Discord refused for now (a 429 discord.py gave up on after its own tries, a 5xx, the
network) is tried again after these, doubling, until its token's 15 minutes are over; a 429 waits its Retry-After."""


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
        pace, turns = _Pace(TELLING_PER_SECOND), asyncio.Semaphore(TELLING_AT_ONCE)
        telling: set[asyncio.Task[int]] = set()
        try:
            while True:
                # A sweep's telling goes on beside the next sweeps: a row Discord keeps refusing (a 5xx) is tried until
                # its 15 minutes end, and waiting for it held the sweeps, expired rows undeleted, that long. The rows
                # a telling took are this process's own, so no later sweep takes them again.
                sweep = asyncio.create_task(self.tell_left(http, pace, turns))
                telling.add(sweep)
                sweep.add_done_callback(telling.discard)
                await asyncio.sleep(SWEEP_SECONDS)
        finally:
            for sweep in telling:
                sweep.cancel()

    async def tell_left(self, http: discord.http.HTTPClient, pace: _Pace, turns: asyncio.Semaphore) -> int:
        """Edits each "thinking…" left by a process that is gone to say the bot restarted; returns how many."""
        try:
            left = await self._store.take_left(self._shards, datetime.datetime.now(datetime.UTC))
        except DatabaseUnavailable as error:
            log.warning("Could not read the interactions left unanswered by an earlier run (%s).", error)
            return 0
        opened = [(waiting, unseal(waiting.token, self._key, waiting.interaction_id)) for waiting in left]
        sealed = sum(not token for _, token in opened)
        if sealed:
            # Kept as they are, to expire: a bot started again with the token they were sealed under tells them.
            log.info(
                "%d interaction(s) left unanswered by an earlier run were kept under another bot token (DISCORD_TOKEN "
                "changed since): not told, Discord ends them within 15 minutes.",
                sealed,
            )
        openable = [(waiting, token) for waiting, token in opened if token]
        if not openable:
            return 0
        told = await asyncio.gather(*(self._tell_one(http, waiting, token, turns, pace) for waiting, token in openable))
        log.info(
            "Told %d of %d interaction(s) left unanswered by an earlier run that the bot restarted.",
            sum(told),
            len(openable),
        )
        return sum(told)

    async def _tell_one(
        self,
        http: discord.http.HTTPClient,
        waiting: WaitingInteraction,
        token: str,
        turns: asyncio.Semaphore,
        pace: _Pace,
    ) -> bool:
        """Told or not (gone, answered, expired, Discord refused), the row is forgotten; one killed before that is
        taken by the next start, which reads the response again and edits it only if still "thinking…"."""
        async with turns:
            told = await _tell(http, waiting, token, pace)
        self._write(self._store.forget(waiting.interaction_id))
        return told


class _Pace:
    """Requests spaced evenly, `per_second` at most: each takes the next free moment."""

    def __init__(self, per_second: float):
        self._gap = 1 / per_second
        self._next = 0.0

    async def turn(self) -> None:
        now = asyncio.get_running_loop().time()
        at = max(now, self._next)
        self._next = at + self._gap
        await asyncio.sleep(at - now)


async def _tell(http: discord.http.HTTPClient, waiting: WaitingInteraction, token: str, pace: _Pace) -> bool:
    """Edits the response only while Discord still shows it "thinking…" (its LOADING flag): a process killed after
    its answer reached Discord and before its row was deleted left an answer, which is never overwritten. A response
    gone or already answered is left as it is. What Discord refuses for now is tried again while the token lives;
    each try reads the response again, so an edit that landed unheard is not made twice. A request is never cancelled
    on its way (only the bot's closing does): discord.py, cancelled while it waits out a global 429, would hold every
    later request of the bot for good."""
    path = "/webhooks/{webhook_id}/{webhook_token}/messages/@original"
    read = Route("GET", path, webhook_id=waiting.application_id, webhook_token=token)
    edit = Route("PATCH", path, webhook_id=waiting.application_id, webhook_token=token)
    body = {"content": RESTARTED_MID_ANSWER, "allowed_mentions": {"parse": []}}
    wait = RETRY_FIRST_SECONDS
    while (left := _lives(waiting)) > 0:
        try:
            await pace.turn()
            if _lives(waiting) <= 0:
                break
            response = await http.request(read)
            if not _still_thinking(response):
                return False
            await pace.turn()
            if _lives(waiting) <= 0:  # the read (a slow Discord, a 429 waited out) outlived the token
                break
            await http.request(edit, json=body)
            return True
        except (discord.HTTPException, aiohttp.ClientError, TimeoutError) as error:
            # The interaction's id names it; its token is never logged.
            status = error.status if isinstance(error, discord.HTTPException) else type(error).__name__
            if isinstance(error, discord.HTTPException) and error.status < 500 and error.status != 429:
                log.warning("Could not tell interaction %s that the bot restarted: %s", waiting.interaction_id, status)
                return False
            pause = _retry_after(error) or wait
            wait = min(wait * 2, RETRY_MOST_SECONDS)
            log.info("Telling interaction %s again in %.0f s: %s", waiting.interaction_id, pause, status)
            await asyncio.sleep(min(pause, left))
    log.warning("Could not tell interaction %s that the bot restarted: its 15 minutes ended", waiting.interaction_id)
    return False


def _lives(waiting: WaitingInteraction) -> float:
    """Seconds its token has left, less LAST_SECONDS: a request sent later would reach Discord with a token it no
    longer honours (refused, and counted among the invalid requests Discord bans a bot for)."""
    return (waiting.expires_at - datetime.datetime.now(datetime.UTC)).total_seconds() - LAST_SECONDS


def _retry_after(error: Exception) -> float | None:
    """A 429's Retry-After, in seconds: what Discord asks to be waited."""
    if not isinstance(error, discord.HTTPException) or error.status != 429:
        return None
    try:
        return float(error.response.headers.get(aiohttp.hdrs.RETRY_AFTER, ""))
    except ValueError:
        return None


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
