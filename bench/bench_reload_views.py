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
"""

from __future__ import annotations

import argparse
from functools import partial
from pathlib import Path

from bench_shelf_parts import Shelf, cpu, view_of  # the sibling script

from bot.core.library import StoryLibrary
from bot.core.shelf_corpus import ShelfStoryText
from bot.settings import bundled_corpus


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


if __name__ == "__main__":
    main()
