"""A server's view (the owner's library and its shelf) built by joining the library's parts with the
shelf's, against building the two as one, side by side on one library.

    .venv/bin/python bench/bench_server_view.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] [--runs 3]

The shelf is one story of two passages. Both ways give the same scores (tests/core/test_server_view.py);
the join shares the library's arrays, building as one reads and analyses every passage again. Also
timed: one question asked of the joined view.
"""

from __future__ import annotations

import argparse
import time
from dataclasses import replace
from pathlib import Path

from bot.core.build import parts_of_corpus
from bot.core.corpus import Corpus
from bot.core.library import StoryLibrary
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText, shelf_corpus
from bot.core.shelf_parts import shelf_parts

SHELF_STORY = b"# The Old Mill\n\n" + b"The miller ground rye by the river. " * 40 + b"\n\nHis wheel stopped."


def joined_corpus(library: Corpus, shelf: Corpus) -> Corpus:
    """The two corpora as one, the shelf's stories and passages after the library's: to build as one."""
    first, offset = len(library.passages), len(library.stories)
    stories = (*library.stories, *(replace(s, first_passage=s.first_passage + first) for s in shelf.stories))
    passages = (*library.passages, *(replace(p, story=p.story + offset) for p in shelf.passages))
    return Corpus(library.root, stories, passages, library.problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    library = StoryLibrary.load(args.corpus)
    print(f"library: {len(library.corpus.stories)} stories, {len(library.corpus.passages)} passages")
    shelf = [ShelfStoryText.read(7, "mill.md", SHELF_STORY)]
    analyzer, params = library.analyzer, library.index.params
    for run in range(args.runs):
        started = time.perf_counter()
        view = server_view(library, shelf_parts(list(enumerate(shelf, 1)), analyzer, params))
        joined = time.perf_counter() - started
        started = time.perf_counter()
        parts_of_corpus(joined_corpus(library.corpus, shelf_corpus(shelf)), analyzer, params)
        as_one = time.perf_counter() - started
        assert view is not None
        started = time.perf_counter()
        view.ask("who ground rye by the river")
        asked = time.perf_counter() - started
        print(
            f"run {run + 1}: joined {joined:.3f} s, built as one {as_one:.3f} s ({as_one / joined:.0f}x), "
            f"a question on the joined view {asked:.3f} s"
        )


if __name__ == "__main__":
    main()
