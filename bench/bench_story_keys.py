"""A server's view assembled again (as at each change of its shelf, and after a reload) with its stories' name keys
kept from the views before (bot.core.story_names) against computed again for every story (as before), CPU seconds
side by side.

    .venv/bin/python bench/bench_story_keys.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--copies 1 12] [--runs 5]

The shelf is the corpus's stories (`copies` times over, under names of their own), built into parts once and joined
with the bundled library as a server's view is; what is timed is the join and the view's assembly alone, the two ways
in turn (the keys forgotten before each "computed again"), the least of `runs` each: the machine may be shared.
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from bench_shelf_parts import Shelf, cpu

from bot.core import story_names
from bot.core.library import StoryLibrary
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_parts import ShelfParts, shelf_parts
from bot.settings import bundled_corpus


def assembled(library: StoryLibrary, parts: ShelfParts, forget: bool) -> StoryLibrary | None:
    if forget:
        story_names._story_keys.cache_clear()
    return server_view(library, parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 12])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    library = StoryLibrary.load(bundled_corpus())
    files = sorted(path for path in args.corpus.iterdir() if path.is_file())
    for copies in args.copies:
        shelf: Shelf = []
        for copy in range(copies):
            for path in files:
                version = len(shelf) + 1
                shelf.append((version, ShelfStoryText.read(version, f"{copy:02}-{path.name}", path.read_bytes())))
        parts = shelf_parts(shelf, library.analyzer, library.index.params)
        assembled(library, parts, forget=False)
        again, kept = [], []
        for _ in range(args.runs):
            again.append(cpu(partial(assembled, library, parts, True))[1])
            kept.append(cpu(partial(assembled, library, parts, False))[1])
        print(
            f"{len(shelf)} shelf stories: the view assembled with every story's keys computed again {min(again):.3f} s "
            f"CPU, kept {min(kept):.3f} s ({min(again) / min(kept):.1f}x less)"
        )


if __name__ == "__main__":
    main()
