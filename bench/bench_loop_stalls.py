"""How long the event loop is held while a big library is built, in a worker process against a thread.

    .venv/bin/python bench/bench_loop_stalls.py [--paragraphs N] [--runs N]

A watcher sleeps 10 ms at a time on the loop and records how much longer each sleep took: the loop held by
the caller's own work (sending the work, receiving and unpickling the library) or by the GIL. The same 25 MB
story (60,000 paragraphs) is built each way, alternately, so a busy machine slows both alike: the ratio of
the longest stalls is what to read (tests/core/test_worker.py checks, without timing, that the loop turns while
the worker works).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.core.index import BM25Params
from bot.core.library import StoryLibrary
from bot.core.worker import load_in_worker

WORDS = ("river", "mill", "lantern", "keeper", "storm", "harbour", "violin", "dancer", "winter", "forest")


async def longest_stall(build: Callable[[], Awaitable[object]]) -> tuple[float, float]:
    """The longest the loop was held while `build` ran (a library built, say), and how long it took (seconds)."""
    stalls: list[float] = []
    running = True

    async def watch() -> None:
        while running:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            stalls.append(time.perf_counter() - before - 0.01)

    watcher = asyncio.create_task(watch())
    started = time.perf_counter()
    await build()
    took = time.perf_counter() - started
    running = False
    await watcher
    return max(stalls, default=0.0), took


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=60_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        rng = random.Random(3)
        text = "\n\n".join(" ".join(rng.choices(WORDS, k=60)).capitalize() + "." for _ in range(args.paragraphs))
        (root / "big.txt").write_text(text)
        ways: dict[str, Callable[[], Awaitable[StoryLibrary]]] = {
            "worker process": lambda: load_in_worker(root, BM25Params(), None),
            "thread": lambda: asyncio.to_thread(StoryLibrary.load, root),
        }
        worst = {name: 0.0 for name in ways}
        for run in range(args.runs):
            for name, build in ways.items():
                stall, took = await longest_stall(build)
                worst[name] = max(worst[name], stall)
                print(f"run {run + 1}, {name}: longest stall {stall * 1000:.0f} ms in a {took:.1f} s build")
        ratio = worst["worker process"] / max(worst["thread"], 1e-9)
        print(f"longest stall, worker process against thread: {ratio:.2f}")


if __name__ == "__main__":
    asyncio.run(main())
