"""Each person's budget of questions, per server (a server may set its own with /settings budget),
shared by mentions, /ask, /performer and the paging buttons (cog.py and the ask extension spend it)."""

from __future__ import annotations

import time

from discord.ext import commands

from bot.settings import QuestionBudget

BUCKETS_KEPT = 10_000


class QuestionBudgets:
    def __init__(self) -> None:
        self._buckets: dict[tuple[int | None, int], commands.Cooldown] = {}
        self._warned_until: dict[int, float] = {}

    def retry_after(self, user_id: int, server_id: int | None, budget: QuestionBudget) -> float | None:
        """Seconds to wait if this person is over the budget here (and spends one question if not)."""
        key = (server_id, user_id)
        bucket = self._buckets.get(key)
        if bucket is None or (bucket.rate, bucket.per) != (budget.questions, budget.seconds):
            bucket = self._buckets[key] = commands.Cooldown(budget.questions, budget.seconds)
            if len(self._buckets) > BUCKETS_KEPT:  # forget whoever has a full budget again
                self._buckets = {k: b for k, b in self._buckets.items() if b.get_tokens() < b.rate or k == key}
        return bucket.update_rate_limit()

    def should_warn(self, user_id: int, retry_after: float) -> bool:
        """Whether to tell this user to wait: once per wait, so the warning cannot flood either."""
        now = time.monotonic()
        if self._warned_until.get(user_id, 0.0) > now:
            return False
        if len(self._warned_until) > BUCKETS_KEPT:
            self._warned_until = {u: t for u, t in self._warned_until.items() if t > now}
        self._warned_until[user_id] = now + retry_after
        return True


def wait_message(retry_after: float) -> str:
    seconds = max(1, round(retry_after))
    return f"You're asking faster than I can keep up. Please try again in {seconds} second{'s' * (seconds != 1)}."
