"""One per-user budget of questions shared by mentions, /ask, /performer and the paging buttons (cog.py spends it)."""

from __future__ import annotations

import time

from discord.ext import commands

QUESTIONS = 5
PER_SECONDS = 30.0


class UserCooldown:
    def __init__(self, rate: int = QUESTIONS, per: float = PER_SECONDS):
        self.cooldown = commands.Cooldown(rate, per)
        self._buckets = commands.CooldownMapping.from_cooldown(rate, per, lambda user_id: user_id)
        self._warned_until: dict[int, float] = {}

    def retry_after(self, user_id: int) -> float | None:
        """Seconds to wait if this user is over budget (and spends one question if not)."""
        bucket = self._buckets.get_bucket(user_id)
        assert bucket is not None
        return bucket.update_rate_limit()

    def should_warn(self, user_id: int, retry_after: float) -> bool:
        """Whether to tell this user to wait: once per wait, so the warning cannot flood either."""
        now = time.monotonic()
        if self._warned_until.get(user_id, 0.0) > now:
            return False
        if len(self._warned_until) > 10_000:
            self._warned_until = {u: t for u, t in self._warned_until.items() if t > now}
        self._warned_until[user_id] = now + retry_after
        return True


def wait_message(retry_after: float) -> str:
    seconds = max(1, round(retry_after))
    return f"You're asking faster than I can keep up. Please try again in {seconds} second{'s' * (seconds != 1)}."
