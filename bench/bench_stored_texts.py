"""Reading a shelf's stored texts for a view: one statement a story (as views did) against a few for the whole shelf.

Adds `--stories` stories, each with a stored text packed from a few KB of words, to one server's shelf on a SQLite file
and on a PostgreSQL server (tests/postgresql.py), then reads every story's text both ways, least of `--runs`, and
prints the two side by side with their ratio.

    PYTHONPATH=. .venv/bin/python bench/bench_stored_texts.py [--stories 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from shelf_databases import postgresql_settings  # the sibling module
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.core.shelf_corpus import ShelfStoryText
from bot.core.stored_text import pack_story, stored_reading
from bot.settings import Settings
from bot.state.database import Database
from bot.state.shelves import ShelfStore, StoredText
from bot.state.tables import shelf_texts

SERVER = 1
WORDS = [
    "the",
    "miller",
    "ground",
    "rye",
    "by",
    "the",
    "river",
    "and",
    "his",
    "daughter",
    "crossed",
    "the",
    "weir",
    "at",
    "dawn",
    "singing",
]


async def one_each(database: Database, version_ids: list[int]) -> int:
    """As views read them: a call, and a statement, for each story."""
    found = 0
    for version_id in version_ids:

        async def read(connection: AsyncConnection, version_id: int = version_id) -> bool:
            row = await connection.execute(
                sa.select(shelf_texts.c.reading, shelf_texts.c.packed).where(shelf_texts.c.version_id == version_id)
            )
            return row.first() is not None

        found += await database.guarded.read(read)
    return found


async def timed(settings: Settings, stories: int, runs: int) -> tuple[float, float]:
    """Seconds to read every story's text one statement each, and in batches (least of `runs`)."""
    database = await Database.open(settings, deadline=60.0)
    shelves = ShelfStore(database.guarded, most_stories=stories, most_bytes=2**40, most_stored=2**40)
    words = random.Random(7)
    reading = stored_reading()
    try:
        for number in range(stories):
            text = f"# Story {number}\n\n" + " ".join(words.choice(WORDS) for _ in range(600))
            story = ShelfStoryText.read(0, f"s{number}.md", text.encode())
            packed = StoredText(reading, pack_story(story))
            await shelves.add(SERVER, f"s{number}.md", text.encode(), 1, replace=False, text=packed)
        version_ids = [s.version_id for s in (await shelves.stories(SERVER)).stories]
        each, batched = [], []
        for _ in range(runs):
            began = time.perf_counter()
            assert await one_each(database, version_ids) == stories
            each.append(time.perf_counter() - began)
            began = time.perf_counter()
            assert len(await shelves.texts(version_ids, reading)) == stories
            batched.append(time.perf_counter() - began)
        return min(each), min(batched)
    finally:
        await database.close()


def report(where: str, each: float, batched: float, stories: int) -> None:
    print(
        f"{where:<11} one statement a story {each:7.3f} s | a few for the shelf {batched:7.3f} s | "
        f"ratio {batched / each:6.1%}  ({stories} stories)"
    )


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        report("SQLite", *await timed(Settings(data=Path(folder)), args.stories, args.runs), args.stories)
    with postgresql_settings() as settings:
        if settings is not None:
            report("PostgreSQL", *await timed(settings, args.stories, args.runs), args.stories)


if __name__ == "__main__":
    asyncio.run(main())
