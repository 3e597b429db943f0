"""A server's stored shelf files read for its view: in a worker process (ShelfReader, as the bot does) against in the
bot's own process (as it did before), the bot's CPU seconds, wall seconds and peak memory side by side.

    PYTHONPATH=. .venv/bin/python bench/bench_shelf_reading.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--stories 58] [--paragraphs 300000] [--in-process]

Two shelves: `stories` files of the corpus (an ordinary shelf), and one Word file of `paragraphs` paragraphs of one
sentence (108 KB holding 21.6 million characters at 300,000, which an upload passes at the default STORYBOT_UPLOAD_MB).
Each way is measured in a process of its own (--in-process for the old way): a process's peak memory only grows.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_reader import ShelfReader
from bot.settings import UPLOAD_MB, UPLOAD_SECONDS
from tests.operations.test_change_shelf import word_file

Files = list[tuple[int, str, bytes]]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def in_worker(files: Files) -> None:
    reader = ShelfReader(seconds=UPLOAD_SECONDS, megabytes=UPLOAD_MB)
    async with reader.session():
        for story, name, data in files:
            await reader.read(story, name, data)


async def in_process(files: Files) -> None:
    for story, name, data in files:
        await asyncio.to_thread(ShelfStoryText.read, story, name, data)


def measured(label: str, read: Callable[[Files], object], files: Files) -> None:
    cpu, wall, before = time.process_time(), time.perf_counter(), peak_mb()
    asyncio.run(read(files))  # type: ignore[arg-type]
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"  {label}: bot CPU {cpu:6.2f} s, wall {wall:6.2f} s, bot peak memory +{peak_mb() - before:5.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--stories", type=int, default=58)
    parser.add_argument("--paragraphs", type=int, default=300_000)
    parser.add_argument("--in-process", action="store_true", help="read in this process, as the bot did before")
    args = parser.parse_args()
    paths = sorted(path for path in args.corpus.iterdir() if path.is_file())[: args.stories]
    shelves = {
        f"{len(paths)} corpus files": [(n + 1, path.name, path.read_bytes()) for n, path in enumerate(paths)],
        f"one Word file of {args.paragraphs:,} paragraphs": [(1, "echo.docx", word_file(args.paragraphs))],
    }
    for name, files in shelves.items():
        print(f"{name}, {sum(len(data) for _, _, data in files) / 2**20:.2f} MB stored:")
        measured("in process" if args.in_process else "worker", in_process if args.in_process else in_worker, files)


if __name__ == "__main__":
    main()
