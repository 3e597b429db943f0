"""The event loop's longest stall during the bot's heaviest work, at a big deployment's size, case by case.

    PYTHONPATH=. .venv/bin/python bench/bench_heavy_stalls.py [--stories 3000] [--book-mb 4] \
        [--word-paragraphs 300000] [--runs 2] [--reloads 4] [--unfrozen]

The owner's library is `stories` stories made of the bundled ones, each under people's names of its own; a server
uploads a book of `book-mb` MB, the bundled stories told again and again under new names (thousands of people), and
a Word file of `word-paragraphs` paragraphs of one sentence (108 KB holding 21.6 million characters at 300,000, which
an upload passes). What runs is what the bot runs (bot.operations, on a SQLite database, in the threads and
processes the front end uses), with a watcher sleeping 10 ms at a time on the loop: the longest it waited past its
10 ms is the stall, the worst of `runs` runs. Over some 250 ms a heartbeat may be missed and an interaction is
acknowledged late. The machine may be shared: read the worst, and compare runs side by side. The process's resident
memory and the objects the cycle collector walks are printed after the load, after each run and after each of
`reloads` more reloads at the end (the memory of replaced libraries must come back), and each case's full collections.
What was imported is frozen before the library is loaded, as the bot does (bot.discord_app.collector), unless
`--unfrozen`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import random
import tempfile
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from bench_close_names import FullCollections  # the sibling scripts
from bench_loop_stalls import longest_stall

from bot.core.library import StoryLibrary
from bot.discord_app.collector import freeze_what_lasts
from bot.operations.ask import ask_in_thread
from bot.operations.change_shelf import (
    ShelfChanged,
    add_to_shelf,
    kept_versions,
    read_upload,
    remove_from_shelf,
    restore_on_shelf,
)
from bot.operations.library_holder import LibraryHolder
from bot.operations.look_up_person import look_up_person, suggest_people
from bot.operations.reload import reload
from bot.operations.server_views import ServerViews
from bot.operations.suggest_stories import suggest_stories
from bot.settings import Settings, bundled_corpus
from bot.state.database import Database
from tests.operations.test_change_shelf import word_file

T = TypeVar("T")
SERVER, USER = 7, 1
SYLLABLES = ("an", "bel", "cor", "da", "el", "fin", "gor", "ha", "is", "jo", "ka", "lem", "mar", "no", "ov", "pet")
QUESTIONS = (
    "Who did she meet at the club?",
    "Where was the academy?",
    "What did he play in the orchestra?",
    "How old was the ballerina?",
    "Why did the pianist leave home?",
)


def memory(when: str) -> None:
    """This process's resident memory now, and how many objects the cycle collector walks and has frozen."""
    rss = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmRSS:"))
    megabytes = int(rss.split()[1]) / 1024
    tracked, frozen = len(gc.get_objects()), gc.get_freeze_count()
    print(f"  {when}: RSS {megabytes:.0f} MB, {tracked:,} objects tracked, {frozen:,} frozen")


def name(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))).capitalize()


def retold(rng: random.Random) -> str:
    """One bundled story under new names (its people's and places'), its paragraphs in another order."""
    texts = [path.read_text() for path in sorted(bundled_corpus().glob("*.md"))]
    text = rng.choice(texts)
    for old in ("Sofia", "Sophie", "Sebastien", "Ivan", "Kalmurzaeva", "Korolev", "Moscow"):
        text = text.replace(old, name(rng))
    title, *paragraphs = text.split("\n\n")
    rng.shuffle(paragraphs)
    return "\n\n".join([f"{title} {name(rng)}", *paragraphs])


def write_library(folder: Path, stories: int, rng: random.Random) -> Path:
    folder.mkdir(parents=True)
    for number in range(stories):
        (folder / f"story-{number:05}.md").write_text(retold(rng))
    return folder


def book(megabytes: float, rng: random.Random) -> bytes:
    parts, size = ["# The Long Book"], 0
    while size < megabytes * 1e6:
        parts.append(retold(rng).split("\n\n", 1)[1])
        size += len(parts[-1])
    return "\n\n".join(parts).encode()


class Cases:
    """The bot's heaviest work on one library, one database and one server's shelf, each case timed by `measure`."""

    def __init__(self, holder: LibraryHolder, database: Database, settings: Settings) -> None:
        self.holder, self.database, self.settings = holder, database, settings
        self.views = ServerViews(holder, database.shelves)
        self.worst: dict[str, float] = {}

    async def measure(self, case: str, work: Callable[[], Awaitable[T]]) -> T:
        """What `work` gives; the loop's longest stall meanwhile kept as the case's, if the worst yet."""
        done: list[T] = []

        async def kept() -> None:
            await asyncio.sleep(0.03)  # the watcher's sleep begun first: work that holds the loop at once is seen
            done.append(await work())

        with FullCollections() as full:
            stall, took = await longest_stall(kept)
        self.worst[case] = max(self.worst.get(case, 0.0), stall)
        longest = f"{max(full.took, default=0):.0f} ms ({max(full.cpu, default=0):.0f} ms of CPU)"
        collections = f"{len(full.took)} full collections, the longest {longest}"
        print(f"  {case}: longest stall {stall * 1000:.0f} ms in {took:.2f} s; {collections}", flush=True)
        return done[0]

    async def upload(self, name: str, raw: bytes) -> ShelfChanged:
        settings = self.settings
        story = await read_upload(raw, name, None, seconds=settings.upload_seconds, megabytes=settings.upload_mb)
        return await add_to_shelf(self.database.shelves, self.views, SERVER, name, story, USER)

    async def run(self, book: bytes, word: bytes, rng: random.Random) -> None:
        word_added = await self.measure(
            "(a) upload of a Word file, its view built", partial(self.upload, "w.docx", word)
        )
        added = await self.measure("(a) upload of a big book, its view built", partial(self.upload, "book.md", book))
        view = await self.views.view(SERVER)
        assert view is not None and added.change.story_id is not None and word_added.change.story_id is not None
        questions = [rng.choice(QUESTIONS) for _ in range(20)]
        await self.measure(
            "(b) 20 questions at once",
            lambda: asyncio.gather(*(ask_in_thread(view, q, queue=n % 5) for n, q in enumerate(questions))),
        )
        typed = [p.name[: rng.randint(2, 8)] for p in rng.sample(view.person_finder.people, 20)]
        await self.measure(
            "(d) the people finder over the shelf's thousands",
            lambda: asyncio.gather(*(asyncio.to_thread(look_up_person, view, t + "x") for t in typed)),
        )
        await self.measure(
            "(e) autocomplete, /performer and story options",
            lambda: asyncio.gather(
                *(asyncio.to_thread(suggest_people, view, t) for t in typed),
                *(asyncio.to_thread(suggest_stories, view, t.lower()) for t in typed),
            ),
        )
        await self.measure("(f) shelf commands: remove, history, restore", partial(self.shelf_commands, added))
        await self.measure("(c) reload, the library and the views rebuilt", self.reloaded)
        await remove_from_shelf(self.database.shelves, self.views, SERVER, word_added.change.story_id, USER)
        await remove_from_shelf(self.database.shelves, self.views, SERVER, added.change.story_id, USER)

    async def shelf_commands(self, added: ShelfChanged) -> ShelfChanged:
        shelves, views = self.database.shelves, self.views
        assert added.change.story_id is not None
        await remove_from_shelf(shelves, views, SERVER, added.change.story_id, USER)
        await views.view(SERVER)
        versions = await kept_versions(shelves, SERVER, "book")
        return await restore_on_shelf(shelves, views, SERVER, versions[0].version_id, USER)

    async def reloaded(self) -> None:
        await reload(self.holder)
        await self.views.rebuilt()
        await self.holder.warmed


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=3000)
    parser.add_argument("--book-mb", type=float, default=4.0)
    parser.add_argument("--word-paragraphs", type=int, default=300_000)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--reloads", type=int, default=4)
    parser.add_argument("--unfrozen", action="store_true", help="leave what was imported in the collector's sight")
    args = parser.parse_args()
    rng = random.Random(5)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = write_library(root / "corpus", args.stories, rng)
        raw, word = book(args.book_mb, rng), word_file(args.word_paragraphs)
        settings = Settings(corpus=corpus, data=root / "data", index=None)
        database = await Database.open(settings)
        if not args.unfrozen:
            freeze_what_lasts()
        holder = LibraryHolder(await asyncio.to_thread(StoryLibrary.load, corpus), settings)
        await holder.warmed
        memory("after the load")
        people = len(holder.current.person_finder.people)
        print(
            f"{args.stories} stories, {people} people; book {len(raw) / 1e6:.1f} MB; Word file {len(word) / 1e3:.0f} KB"
        )
        cases = Cases(holder, database, settings)
        for run in range(args.runs):
            print(f"run {run + 1}")
            await cases.run(raw, word, rng)
            memory(f"after run {run + 1}")
        for number in range(args.reloads):
            await cases.measure("(c) reload, the library and the views rebuilt", cases.reloaded)
            memory(f"after reload {number + 1} more")
        await holder.close()
        await database.close()
    print("worst stall per case, ms:")
    for case, stall in sorted(cases.worst.items()):
        print(f"  {case}: {stall * 1000:.0f}")


if __name__ == "__main__":
    asyncio.run(main())
