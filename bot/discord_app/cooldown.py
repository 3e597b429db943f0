"""Each person's budget of questions, per server (a server may set its own with /settings budget),
shared by mentions, /ask, /performer and the paging buttons (cog.py and the ask extension spend it)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from discord.ext import commands

from bot.settings import QuestionBudget

BUCKETS_KEPT = 10_000
SWEPT_PER_NEW = 2
"""Entries looked at for each one added past BUCKETS_KEPT: each pass over the table forgets what it finds done
while it adds at most half as many, so the table stays within about twice what is still in use."""

Key = TypeVar("Key", bound=Hashable)
Value = TypeVar("Value")


class QuestionBudgets:
    def __init__(self, kept: int = BUCKETS_KEPT, clock: Callable[[], float] = time.monotonic) -> None:
        self._kept = kept
        self._clock = clock
        self._buckets: OrderedDict[tuple[int | None, int], commands.Cooldown] = OrderedDict()
        """Least recently used first."""
        self._warned_until: OrderedDict[int, float] = OrderedDict()

    def __len__(self) -> int:
        return len(self._buckets)

    def retry_after(self, user_id: int, server_id: int | None, budget: QuestionBudget) -> float | None:
        """Seconds to wait if this person is over the budget here (and spends one question if not)."""
        now = self._clock()
        key = (server_id, user_id)
        bucket = self._buckets.get(key)
        added = bucket is None
        if bucket is None or (bucket.rate, bucket.per) != (budget.questions, budget.seconds):
            bucket = self._buckets[key] = commands.Cooldown(budget.questions, budget.seconds)
        self._buckets.move_to_end(key)
        wait = bucket.update_rate_limit(now)
        if added:  # forget whoever has a full budget again: a new bucket would be the same
            _sweep(self._buckets, self._kept, lambda b: b.get_tokens(now) >= b.rate)
        return wait

    def should_warn(self, user_id: int, retry_after: float) -> bool:
        """Whether to tell this user to wait: once per wait, so the warning cannot flood either."""
        now = self._clock()
        if self._warned_until.get(user_id, 0.0) > now:
            return False
        added = user_id not in self._warned_until
        self._warned_until[user_id] = now + retry_after
        self._warned_until.move_to_end(user_id)
        if added:
            _sweep(self._warned_until, self._kept, lambda until: until <= now)
        return True


def _sweep(entries: OrderedDict[Key, Value], kept: int, done: Callable[[Value], bool]) -> None:
    """Past `kept` entries, looks at the SWEPT_PER_NEW first: forgets those done, moves the others to the end.
    The same few entries per one added, however many there are (scanning them all cost one per user)."""
    for _ in range(SWEPT_PER_NEW):
        if len(entries) <= kept:
            return
        key, value = next(iter(entries.items()))
        if done(value):
            del entries[key]
        else:
            entries.move_to_end(key)
