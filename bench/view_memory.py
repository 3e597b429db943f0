"""What a server's view holds in memory for each character of its shelf's text (the stories' text included):
the ratio bot/operations/server_views.py counts a view's memory by (VIEW_BYTES_PER_CHARACTER).

    .venv/bin/python bench/view_memory.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--stories 100 232] [--changes 4]

Each count of the corpus's first stories is read as a shelf and joined with the bundled library, in turn in one
process, measured by tracemalloc (Python's and numpy's allocations) from before the stories are read to after
the view is built. The first also builds what every view shares of the library (measured 8.0-11.0 against
4.8-6.1 after it). With --changes, that many stories are then replaced one by one, each in the middle of a run
(the worst case for memory: each cut run holds a copy of its postings), and the view's memory is measured against
what the bot counts for it (ShelfParts.held_characters).
"""

from __future__ import annotations

import argparse
import gc
import tracemalloc
from pathlib import Path

from bot.core.library import StoryLibrary
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_parts import shelf_parts
from bot.settings import bundled_corpus


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--stories", type=int, nargs="+", default=[100, 232])
    parser.add_argument("--changes", type=int, default=0, help="stories then replaced, each in a run's middle")
    args = parser.parse_args()
    library = StoryLibrary.load(bundled_corpus())
    files = sorted(path for path in args.corpus.iterdir() if path.is_file())
    for count in args.stories:
        gc.collect()
        tracemalloc.start()
        shelf = [
            ShelfStoryText.read(number, path.name, path.read_bytes()) for number, path in enumerate(files[:count], 1)
        ]
        stories = list(enumerate(shelf, 1))
        parts = shelf_parts(stories, library.analyzer, library.index.params)
        view = server_view(library, parts)
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        characters = sum(story.characters for story in shelf)
        print(f"{len(shelf)} stories, {characters:,} characters: {held:,} bytes, {held / characters:.1f} a character")
        for change in range(args.changes):  # a story replaced in the middle of a run: its run's postings copied
            middle = stories[len(stories) * (2 * change + 1) // (2 * args.changes)][1]
            stories[stories.index((middle.story, middle))] = (count + 1 + change, middle)
            parts = shelf_parts(stories, library.analyzer, library.index.params, parts)
        if args.changes:
            view = server_view(library, parts)
            gc.collect()
            held = tracemalloc.get_traced_memory()[0]
            counted = parts.held_characters
            print(
                f"  after {args.changes} changes, {len(parts.runs)} runs: {held:,} bytes, "
                f"{held / counted:.1f} a character counted ({counted:,})"
            )
        tracemalloc.stop()
        del view, shelf, parts, stories


if __name__ == "__main__":
    main()
