"""A crowd left "thinking…" by a killed bot, told by the next one under Discord's rate limits (the fake Discord's
RateLimits): how long the telling takes, how many requests and 429s it costs, whether any is told twice or lost, and
whether questions asked meanwhile are answered.

    PYTHONPATH=. .venv/bin/python bench/bench_left_waiting.py [--rows 500] [--global-per-second 50]
        [--per-bucket 5] [--interactions-global] [--asks 20]

A first bot shows "thinking…" for `rows` questions, its answers held, and is SIGKILLed once all are in the database
(SQLite); a second starts with the rate limits on. `--interactions-global` counts the interaction webhooks in the
global limit, which Discord's docs say it does not (a stricter Discord). `asks` questions are asked of the second bot,
from as many people, as soon as it is logged in, while it tells.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from collections import Counter
from pathlib import Path

from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import FakeDiscord, RateLimits
from tests.discord_app.test_left_waiting import left_crowd


async def answered(fake: FakeDiscord, mark: int, interaction: str) -> bool:
    """Whether a question was answered within a minute (none is when Discord refused its acknowledgement)."""
    try:
        return bool((await fake.response(mark, interaction, timeout=60))["data"].get("embeds"))
    except TimeoutError:
        return False


async def run(rows: int, limits: RateLimits, asks: int) -> None:
    fake = FakeDiscord()
    await fake.start()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        asked, mark, released = await left_crowd(fake, data, rows)
        with fake.rate_limited(limits):
            began, before = time.perf_counter(), len(fake.calls)
            second = await BotProcess(fake, STORYBOT_DATA=str(data), STORYBOT_INDEX="off").start()
            try:
                await second.ready()
                ready = time.perf_counter() - began
                questions = [await fake.slash("ask", question="How old is Sofia?") for _ in range(asks)]
                await second.printed("interaction(s) left unanswered by an earlier run", hang_seconds=1200)
                took = time.perf_counter() - began
                answers = [await answered(fake, step_mark, interaction) for step_mark, interaction in questions]
                edits = Counter(
                    c.path.split("/")[3] for c in fake.calls[mark:] if c.method == "PATCH" and "@original" in c.path
                )
                left = {f"token-{interaction}" for interaction in asked}
                telling = [c for c in fake.limited if c.path.split("/")[3:4] and c.path.split("/")[3] in left]
                print(
                    f"rows {rows}, {limits}:\n"
                    f"  logged in after {ready:.1f} s; told in {took:.1f} s: "
                    f"{next(line for line in second.output if 'left unanswered' in line).split(': ', 1)[1].strip()}\n"
                    f"  {len(fake.calls) - before} requests taken, {len(fake.limited)} answered 429 "
                    f"({len(telling)} the telling's, {sum(bool(c.path.startswith('/webhooks/')) for c in fake.limited)}"
                    f" on webhooks, {sum(c.scope == 'global' for c in fake.limited)} global)\n"
                    f"  edited: {len(edits.keys() & left)} of {rows} left, {sum(n > 1 for n in edits.values())} twice;"
                    f" questions answered meanwhile: {sum(answers)} of {asks}"
                )
            finally:
                released.set()
                await second.stop()
    await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--global-per-second", type=int, default=50)
    parser.add_argument("--per-bucket", type=int, default=5)
    parser.add_argument("--interactions-global", action="store_true")
    parser.add_argument("--asks", type=int, default=20)
    options = parser.parse_args()
    limits = RateLimits(
        per_bucket=options.per_bucket,
        global_per_second=options.global_per_second,
        global_interactions=options.interactions_global,
    )
    asyncio.run(run(options.rows, limits, options.asks))


if __name__ == "__main__":
    main()
