"""Several servers' views after a reload of the owner's library: each built on the new library from its shelf's parts
kept from before (only their join with the new library done again) against its whole shelf analysed again (as the
bot did before), CPU seconds side by side.

    .venv/bin/python bench/bench_reload_views.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--library corpus] [--servers 4] [--stories 58]

Each server's shelf is `stories` of the corpus's stories (dealt out in turn, under names of their own), built into
parts and joined with the owner's library (the folder `library`) before the reload. The reload loads that library
again from its folder, with an analyzer of its own, as /reload does. The two ways give the same views
(tests/core/test_shelf_parts.py); here their passage counts are checked. Every shelf is analysed once with the new
analyzer before anything is timed, so that the whole shelf analysed again finds the analyzer's word caches warm (as
in the bot); the least of three runs is taken, the two ways in turn: the machine may be shared.

Then the first question in each server after a /reload, as the bot meets it (ServerViews on a SQLite database holding
the shelves, LibraryHolder.reload loading the library in a worker process), wall time it waits for its view: as before,
each view built at its server's first question (a holder that tells the views of no reload: the join only, as now;
before, the question also read its shelf from the database); now, with the views rebuilt in the background once the
new library is in, asked after that, and asked at once in the server rebuilt last (its own join waits behind the one
under way). With the longest the event loop was held meanwhile (a heartbeat is missed past many seconds).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from functools import partial
from pathlib import Path

from bench_loop_stalls import longest_stall  # the sibling scripts
from bench_shelf_parts import Shelf, cpu, view_of

from bot.core.library import StoryLibrary
from bot.core.shelf_corpus import ShelfStoryText
from bot.operations.library_holder import LibraryHolder
from bot.operations.server_views import ServerViews
from bot.settings import Settings, bundled_corpus
from bot.state.database import Database

ROUNDS = 3
"""Reloads timed each way, in turn: the least of each is taken."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--library", type=Path, default=bundled_corpus())
    parser.add_argument("--servers", type=int, default=4)
    parser.add_argument("--stories", type=int, default=58)
    args = parser.parse_args()
    files = sorted(path for path in args.corpus.iterdir() if path.is_file())
    shelves: list[Shelf] = [[] for _ in range(args.servers)]
    for number in range(args.servers * args.stories):
        path = files[number % len(files)]
        text = ShelfStoryText.read(number + 1, f"{number:04}-{path.name}", path.read_bytes())
        shelves[number % args.servers].append((number + 1, text))
    library = StoryLibrary.load(args.library)
    kept = [view_of(library, shelf, library.analyzer, library.index.params, None)[0] for shelf in shelves]
    reloaded = StoryLibrary.load(args.library)
    analyzer, params = reloaded.analyzer, reloaded.index.params
    assert analyzer is not library.analyzer
    megabytes = sum(text.characters for shelf in shelves for _, text in shelf) / 1e6
    print(
        f"owner's library: {len(reloaded.corpus.stories)} stories, {len(reloaded.corpus.passages)} passages; "
        f"{args.servers} servers, {args.stories} stories each, {megabytes:.1f} MB of shelf text in all"
    )
    for shelf in shelves:
        view_of(reloaded, shelf, analyzer, params, None)  # the new analyzer's word caches warm
    totals = [0.0, 0.0]
    for server, (shelf, parts) in enumerate(zip(shelves, kept, strict=True)):
        wholes, joins = [], []
        for _ in range(3):
            (_, whole_view), whole = cpu(partial(view_of, reloaded, shelf, analyzer, params, None))
            (again, kept_view), joined = cpu(partial(view_of, reloaded, shelf, analyzer, params, parts))
            wholes.append(whole)
            joins.append(joined)
        assert again.built == () and whole_view is not None and kept_view is not None
        assert len(kept_view.corpus.passages) == len(whole_view.corpus.passages)
        whole, joined = min(wholes), min(joins)
        totals[0] += whole
        totals[1] += joined
        print(
            f"  server {server + 1}: shelf analysed again {whole:.2f} s CPU, parts kept {joined:.2f} s "
            f"({whole / joined:.1f}x less)"
        )
    print(
        f"the reload's views in all: shelves analysed again {totals[0]:.2f} s CPU, parts kept {totals[1]:.2f} s "
        f"({totals[0] / totals[1]:.1f}x less)"
    )
    uploads = [
        [(f"{n:04}-{files[(n - 1) % len(files)].name}", files[(n - 1) % len(files)].read_bytes()) for n, _ in shelf]
        for shelf in shelves
    ]
    asyncio.run(first_questions(args.library, uploads))


class Untold(LibraryHolder):
    """The holder as before: the views are not told of a reload, and each is built at its server's first question."""

    def when_reloaded(self, listener: Callable[[StoryLibrary], None]) -> None:
        pass


async def first_questions(library: Path, uploads: list[list[tuple[str, bytes]]]) -> None:
    """The first question's wait in each server after a reload, before and now, ms of wall time."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = shutil.copytree(library, root / "corpus")
        settings = Settings(corpus=corpus, data=root / "data", index=None)
        database = await Database.open(settings)
        for server, shelf in enumerate(uploads, 1):
            for name, data in shelf:
                await database.shelves.add(server, name, data, 1, replace=False)
        servers = list(range(1, len(uploads) + 1))
        waits: dict[str, list[float]] = {"before": [], "after": [], "at once": []}
        stalls: dict[str, list[float]] = {"before": [], "now": []}
        for _ in range(ROUNDS):
            for way in ("before", "now"):
                holder = (Untold if way == "before" else LibraryHolder)(StoryLibrary.load(corpus), settings)
                views = ServerViews(holder, database.shelves)
                for server in servers:  # the servers asked in turn: the last is rebuilt first, the first last
                    await views.view(server)
                await holder.warmed
                if way == "before":
                    stall, _ = await longest_stall(reloaded(holder, views))
                    waits["before"] += await asked(views, servers)
                else:
                    stall, _ = await longest_stall(reloaded(holder, views))
                    waits["after"] += await asked(views, servers)
                    await holder.reload()  # and again, the first server asked as the new library is in
                    waits["at once"] += await asked(views, servers[:1])
                    await views.rebuilt()
                stalls[way].append(stall * 1000)
                await holder.close()
        await database.close()
    before = statistics.median(waits["before"])
    print(f"first question in each of {len(servers)} servers after a reload (median of {ROUNDS} reloads), ms waited:")
    print(f"  before: each view built at its first question {before:.1f} (max {max(waits['before']):.1f})")
    for way in ("after", "at once"):
        now = statistics.median(waits[way])
        label = "views rebuilt, then asked" if way == "after" else "asked as the reload is in, rebuilt last"
        print(f"  now, {label}: {now:.3f} (max {max(waits[way]):.1f}), {before / now:.1f}x less")
    for way, held in stalls.items():
        print(f"  the event loop held at most {max(held):.0f} ms during the reload and its views' rebuild ({way})")


def reloaded(holder: LibraryHolder, views: ServerViews) -> Callable[[], Awaitable[StoryLibrary]]:
    async def reload() -> StoryLibrary:
        _, new = await holder.reload()
        await views.rebuilt()
        await holder.warmed
        return new

    return reload


async def asked(views: ServerViews, servers: list[int]) -> list[float]:
    """Each server's wait for its view, ms of wall time, asked one after another."""
    waits = []
    for server in servers:
        began = time.perf_counter()
        await views.view(server)
        waits.append((time.perf_counter() - began) * 1000)
    return waits


if __name__ == "__main__":
    main()
