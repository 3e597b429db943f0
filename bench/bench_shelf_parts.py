"""A server's view after each shelf change: kept as runs of built parts (bot.core.shelf_parts) against built again
from every story of the shelf (as the bot did before), CPU seconds side by side.

    .venv/bin/python bench/bench_shelf_parts.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--copies 1 4] [--changes 12] [--max-runs 8]

The shelf is the corpus's stories (`copies` times over, each copy under names of its own), joined with the
bundled library as a server's view is. First a cold build (no parts kept), then `changes` changes at random
places of the shelf in turn: add a story, replace one, remove one, restore a version removed before. Each change
is timed both ways: the whole shelf analysed again, and the parts kept from the change before. The two views
are the same (tests/core/test_shelf_parts.py); here their passage counts are checked. Every story is analysed
once before anything is timed, so that neither way finds the analyzer's word caches warmed by the other.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from bot.core import shelf_parts as shelf_parts_module
from bot.core.analysis import Analyzer
from bot.core.build import parts_of_corpus
from bot.core.index import BM25Params
from bot.core.library import StoryLibrary
from bot.core.library_join import join_parts
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText, shelf_corpus
from bot.core.shelf_parts import ShelfParts, shelf_parts
from bot.settings import bundled_corpus

Shelf = list[tuple[int, ShelfStoryText]]
Done = TypeVar("Done")
QUESTIONS = [
    "who lived in the castle",
    "why did the king send his son away",
    "what did the fox promise the wolf",
    "how did the princess escape the tower",
    "where did the old woman hide the gold",
    "what happened to the giant at the end",
]


def rebuilt(library: StoryLibrary, shelf: Shelf, analyzer: Analyzer, params: BM25Params) -> StoryLibrary:
    """The view as the bot built it before: every shelf story analysed into one part, joined with the library."""
    parts = parts_of_corpus(shelf_corpus([text for _, text in shelf]), analyzer, params)
    return StoryLibrary.from_parts(join_parts([library.parts(), parts]), analyzer, library.min_match, library.reranker)


def cpu(work: Callable[[], Done]) -> tuple[Done, float]:
    started = time.process_time()
    done = work()
    return done, time.process_time() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 4])
    parser.add_argument("--changes", type=int, default=12)
    parser.add_argument("--max-runs", type=int, default=shelf_parts_module.MAX_RUNS)
    args = parser.parse_args()
    shelf_parts_module.MAX_RUNS = args.max_runs
    library = StoryLibrary.load(bundled_corpus())
    analyzer, params = library.analyzer, library.index.params
    files = sorted(path for path in args.corpus.iterdir() if path.is_file())
    texts = [(path.name, path.read_bytes()) for path in files]
    for copies in args.copies:
        version = 0
        every: Shelf = []
        for copy in range(copies):
            for name, data in texts:
                version += 1
                every.append((version, ShelfStoryText.read(version, f"{copy:02}-{name}", data)))
        rng = random.Random(7)
        spare = rng.sample(every, len(every) // 10)
        shelf = sorted((entry for entry in every if entry not in spare), key=lambda e: e[1].name)
        megabytes = sum(text.characters for _, text in shelf) / 1e6
        rebuilt(library, every, analyzer, params)  # both ways timed with the analyzer's caches warm (as in the bot)
        colds_before, colds_after = [], []
        for _ in range(3):  # the least of three, taken in turn: the machine may be shared
            before, cold = cpu(partial(rebuilt, library, shelf, analyzer, params))
            colds_before.append(cold)
            (kept, after), cold = cpu(partial(view_of, library, shelf, analyzer, params, None))
            colds_after.append(cold)
        assert after is not None and len(after.corpus.passages) == len(before.corpus.passages)
        cold_before, cold_after = min(colds_before), min(colds_after)
        print(
            f"{len(shelf)} stories, {megabytes:.1f} MB of text: cold build before {cold_before:.2f} s CPU, "
            f"after {cold_after:.2f} s ({cold_after / cold_before:.2f}x)"
        )
        removed: Shelf = []
        per_change: list[tuple[float, float, int]] = []
        for step in range(args.changes):
            action = ("add", "replace", "remove", "restore")[step % 4]
            if action == "add" and spare:
                shelf = sorted([*shelf, spare.pop()], key=lambda e: e[1].name)
            elif action == "replace":
                place = rng.randrange(len(shelf))
                removed.append(shelf[place])  # the replaced version, restorable
                story = shelf[place][1]
                version += 1
                shelf[place] = (version, ShelfStoryText.read(story.story, story.name, rng.choice(texts)[1]))
            elif action == "remove":
                removed.append(shelf.pop(rng.randrange(len(shelf))))
            elif removed:  # a version brought back: its story's current one (if any) goes
                back = removed.pop(0)
                shelf = sorted([e for e in shelf if e[1].story != back[1].story] + [back], key=lambda e: e[1].name)
            before, whole = cpu(partial(rebuilt, library, shelf, analyzer, params))
            (kept, after), changed = cpu(partial(view_of, library, shelf, analyzer, params, kept))
            assert after is not None and len(after.corpus.passages) == len(before.corpus.passages)
            per_change.append((whole, changed, len(kept.built)))
            print(
                f"  {action:8} rebuilt {whole:.2f} s, kept parts {changed:.2f} s ({whole / changed:.1f}x less), "
                f"{len(kept.built)} stories analysed, {len(kept.runs)} runs"
            )
        asked(before)  # each view's caches (and the process's) warm before either is timed
        asked(after)
        (_, asked_before), (_, asked_after) = cpu(partial(asked, before)), cpu(partial(asked, after))
        print(
            f"  {len(QUESTIONS)} questions on the last view: built from scratch {asked_before:.2f} s, "
            f"of {len(kept.runs)} runs {asked_after:.2f} s"
        )
        wholes, changes = [w for w, _, _ in per_change], [c for _, c, _ in per_change]
        print(
            f"  per change: rebuilt mean {statistics.mean(wholes):.2f} s, "
            f"kept parts mean {statistics.mean(changes):.2f} s, max {max(changes):.2f} s "
            f"({sum(wholes) / sum(changes):.1f}x less CPU over the {len(changes)} changes)"
        )


def asked(view: StoryLibrary) -> None:
    for question in QUESTIONS:
        view.ask(question)


def view_of(
    library: StoryLibrary, shelf: Shelf, analyzer: Analyzer, params: BM25Params, kept: ShelfParts | None
) -> tuple[ShelfParts, StoryLibrary | None]:
    parts = shelf_parts(shelf, analyzer, params, kept)
    return parts, server_view(library, parts)


if __name__ == "__main__":
    main()
