"""A server's stored shelf files read for its view: in a worker process (ShelfReader, as the bot does) against in the
bot's own process (as it did before), the bot's CPU seconds, wall seconds and peak memory side by side.

    PYTHONPATH=. .venv/bin/python bench/bench_shelf_reading.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--stories 58] [--paragraphs 300000] [--in-process | --first-view]

Two shelves: `stories` files of the corpus (an ordinary shelf), and one Word file of `paragraphs` paragraphs of one
sentence (108 KB holding 21.6 million characters at 300,000, which an upload passes at the default STORYBOT_UPLOAD_MB).
Each way is measured in a process of its own (--in-process for the old way): a process's peak memory only grows.

--first-view: the time to a server's first view after a start (a new ServerViews on a SQLite database, the owner's
library the bundled stories), each shelf uploaded as the bot takes uploads (its text stored with each file) against
stored as before texts were kept (each file read again, in the reader's worker for the Word file); then, as after a
restart, server A's view built with `--words` Word files of `paragraphs` paragraphs and server B's (one short Word
file) asked as A's begins, how long B waits. The least of `--runs` runs, each on a new database.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import resource
import tempfile
import time
from collections.abc import Callable, Coroutine
from pathlib import Path

from bot.core.library import StoryLibrary
from bot.core.shelf import StoryFile, story_file
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_reader import ShelfReader
from bot.operations.change_shelf import store_upload
from bot.operations.library_holder import LibraryHolder
from bot.operations.server_views import ServerViews
from bot.settings import UPLOAD_MB, UPLOAD_SECONDS, Settings
from bot.state.database import Database
from tests.conftest import CORPUS
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


def measured(label: str, read: Callable[[Files], Coroutine[object, object, None]], files: Files) -> None:
    cpu, wall, before = time.process_time(), time.perf_counter(), peak_mb()
    asyncio.run(read(files))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"  {label}: bot CPU {cpu:6.2f} s, wall {wall:6.2f} s, bot peak memory +{peak_mb() - before:5.0f} MB")


SERVER_A, SERVER_B, UPLOADER = 1, 2, 1


async def shelved(settings: Settings, shelves: dict[int, list[tuple[str, StoryFile]]], stored: bool) -> None:
    """The shelves in a new database: uploaded as the bot takes them now, or (not `stored`) as before texts were."""
    database = await Database.open(settings)
    try:
        for server, uploads in shelves.items():
            for name, upload in uploads:
                if stored:
                    await store_upload(database.shelves, server, name, upload, UPLOADER)
                else:
                    await database.shelves.add(server, name, upload.data, UPLOADER, replace=True)
    finally:
        await database.close()


async def first_views(library: StoryLibrary, settings: Settings, first: int, second: int | None) -> tuple[float, float]:
    """After a start: wall seconds to the view of `first`, and to that of `second` asked as the first begins."""
    database = await Database.open(settings)
    holder = LibraryHolder(library, settings)
    try:
        views = ServerViews(holder, database.shelves)
        began = time.perf_counter()
        building = asyncio.create_task(views.view(first))
        await asyncio.sleep(0)
        other = 0.0
        if second is not None:
            await views.view(second)
            other = time.perf_counter() - began
        await building
        return time.perf_counter() - began, other
    finally:
        await holder.close()
        await database.close()


def first_view(args: argparse.Namespace, paths: list[Path]) -> None:
    logging.disable(logging.WARNING)
    library = StoryLibrary.load(CORPUS)
    word = word_file(args.paragraphs)
    echo = story_file(word, "echo.docx", None)
    corpus = [(path.name, story_file(path.read_bytes(), path.name, None)) for path in paths]
    cases = {
        f"{len(paths)} corpus files and one Word file of {args.paragraphs:,} paragraphs": (
            {SERVER_A: [*corpus, ("echo.docx", echo)]},
            None,
        ),
        f"server B (one short Word file) asked as A's {args.words} Word files begin": (
            {
                SERVER_A: [(f"echo-{n}.docx", echo) for n in range(args.words)],
                SERVER_B: [("short.docx", story_file(word_file(3), "short.docx", None))],
            },
            SERVER_B,
        ),
    }
    for label, (shelves, second) in cases.items():
        print(f"{label}:")
        for stored in (True, False):
            runs = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory() as folder:
                    settings = Settings(data=Path(folder))
                    asyncio.run(shelved(settings, shelves, stored))
                    runs.append(asyncio.run(first_views(library, settings, SERVER_A, second)))
            way = "text stored with each file" if stored else "files read again (before)"
            a, b = min(r[0] for r in runs), min(r[1] for r in runs)
            print(f"  {way:27}: server A's first view {a:6.2f} s" + (f", server B's {b:6.2f} s" if second else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--stories", type=int, default=58)
    parser.add_argument("--paragraphs", type=int, default=300_000)
    parser.add_argument("--in-process", action="store_true", help="read in this process, as the bot did before")
    parser.add_argument("--first-view", action="store_true", help="time to a first view after a start")
    parser.add_argument("--words", type=int, default=3, help="server A's Word files (--first-view)")
    parser.add_argument("--runs", type=int, default=3, help="runs, the least taken (--first-view)")
    args = parser.parse_args()
    paths = sorted(path for path in args.corpus.iterdir() if path.is_file())[: args.stories]
    if args.first_view:
        first_view(args, paths)
        return
    shelves = {
        f"{len(paths)} corpus files": [(n + 1, path.name, path.read_bytes()) for n, path in enumerate(paths)],
        f"one Word file of {args.paragraphs:,} paragraphs": [(1, "echo.docx", word_file(args.paragraphs))],
    }
    for name, files in shelves.items():
        print(f"{name}, {sum(len(data) for _, _, data in files) / 2**20:.2f} MB stored:")
        measured("in process" if args.in_process else "worker", in_process if args.in_process else in_worker, files)


if __name__ == "__main__":
    main()
