"""A crowd of /ask against the real bot process on the fake Discord: how soon each is acknowledged and answered.

    PYTHONPATH=. .venv/bin/python bench/bench_interactions.py [--questions 500] [--seconds 3] [--passages 30000]

Discord drops an interaction not acknowledged within 3 seconds ("Unknown interaction"); after the
acknowledgement the answer has 15 minutes. "acknowledged" is the first response (a deferral, or the
answer itself when the bot answers at once). The questions come from as many people, spread evenly over
the window, over a library of generated stories (40 words a passage); times are from the moment the
fake Discord sent each interaction to the bot.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from tests.core.test_worker import WORDS
from tests.discord_app.bot_process import BotProcess
from tests.discord_app.fake_discord import APP_ID, CALLBACK, FakeDiscord

WEBHOOK = re.compile(rf"/webhooks/{APP_ID}/token-(\d+)")


def write_library(folder: Path, passages: int) -> None:
    rng = random.Random(1)
    per_story = 1000
    for number in range(max(1, passages // per_story)):
        paragraphs = (" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(per_story))
        (folder / f"story-{number:03}.txt").write_text("\n\n".join(paragraphs))


def summary(name: str, seconds: list[float]) -> str:
    ordered = sorted(seconds)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * len(ordered)))]
    return f"{name:<16}p50 {statistics.median(ordered):6.3f} s   p99 {p99:6.3f} s   max {ordered[-1]:6.3f} s"


async def run(questions: int, window: float, passages: int) -> None:
    fake = FakeDiscord()
    await fake.start()
    with tempfile.TemporaryDirectory() as folder:
        write_library(Path(folder), passages)
        bot = await BotProcess(fake, STORYBOT_CORPUS=folder, STORYBOT_INDEX="off").start()
        try:
            await bot.ready()
            sent: dict[int, float] = {}
            rng = random.Random(2)
            started = time.perf_counter()
            for number in range(questions):
                await asyncio.sleep(max(0.0, started + number * window / questions - time.perf_counter()))
                question = f"where did the {rng.choice(WORDS)} meet the {rng.choice(WORDS)}"
                _, interaction = await fake.slash("ask", question=question)
                sent[int(interaction)] = time.perf_counter()
            interactions = {str(i) for i in sent}
            acknowledged: dict[int, float] = {}
            answered: dict[int, float] = {}
            scanned = 0

            def all_answered() -> bool:
                nonlocal scanned
                calls, scanned = fake.calls[scanned:], len(fake.calls)
                for call in calls:
                    found = CALLBACK.fullmatch(call.path)
                    if found and found.group(1) in interactions:
                        acknowledged[int(found.group(1))] = call.at
                        if call.body["type"] == 4:  # answered at once, without an acknowledgement first
                            answered[int(found.group(1))] = call.at
                    elif (hook := WEBHOOK.match(call.path)) and hook.group(1) in interactions:
                        answered.setdefault(int(hook.group(1)), call.at)
                return len(answered) >= len(sent)

            await fake.wait_for(all_answered, timeout=600)
        finally:
            await bot.stop()
            await fake.stop()
    print(f"{questions} /ask from {questions} people in {window:g} s, {passages:,} passages:")
    print(summary("acknowledged", [acknowledged[i] - sent[i] for i in sent]))
    print(summary("answered", [answered[i] - sent[i] for i in sent]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--passages", type=int, default=30_000)
    args = parser.parse_args()
    asyncio.run(run(args.questions, args.seconds, args.passages))


if __name__ == "__main__":
    main()
