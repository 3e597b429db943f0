"""The question budgets with a crowd still spending: the bot's (bot/discord_app/cooldown.py) against discord.py's
own CooldownMapping, side by side, each new user asking once while N others have spent part of their budget.

    .venv/bin/python bench/bench_budgets.py [--questions 500]

Prints each one's CPU time per question and their ratio at growing crowds: the bot's stays flat (a few buckets
looked at per new user past BUCKETS_KEPT), discord.py's grows with the crowd (it looks at every bucket on every
question), as the bot's did before.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from functools import partial

from discord.ext import commands

from bot.discord_app.cooldown import QuestionBudgets
from bot.settings import QuestionBudget

AN_HOUR = QuestionBudget(2, 3600)


def ask_bot(budgets: QuestionBudgets, user: int) -> float | None:
    return budgets.retry_after(user, 1, AN_HOUR)


def cpu_per_question(ask: Callable[[int], object], crowd: int, questions: int, first: int = 0) -> float:
    """CPU per question of `questions` new users, after `crowd` users (from `first` on) asked once each."""
    for user in range(first, first + crowd):
        ask(user)
    started = time.process_time()
    for user in range(first + crowd, first + crowd + questions):
        ask(user)
    return (time.process_time() - started) / questions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    args = parser.parse_args()
    print(f"{'users spending':>15}{'bot (µs)':>11}{'discord.py (µs)':>17}{'discord.py / bot':>18}")
    for crowd in (1_000, 10_000, 30_000, 100_000):
        ours = cpu_per_question(partial(ask_bot, QuestionBudgets()), crowd, args.questions)
        mapping: commands.CooldownMapping[int] = commands.CooldownMapping(
            commands.Cooldown(AN_HOUR.questions, AN_HOUR.seconds), lambda user: user
        )
        for user in range(crowd):  # its cache filled directly: through update_rate_limit, filling is quadratic
            mapping._cache[user] = bucket = mapping.create_bucket(user)
            bucket.update_rate_limit()
        theirs = cpu_per_question(mapping.update_rate_limit, 0, args.questions, first=crowd)
        print(f"{crowd:>15,}{ours * 1e6:>11.1f}{theirs * 1e6:>17.1f}{theirs / max(ours, 1e-9):>18.1f}")


if __name__ == "__main__":
    main()
