"""What a server's view holds in memory for each character of its shelf's text (the stories' text included):
the ratio bot/operations/server_views.py counts a view's memory by (VIEW_BYTES_PER_CHARACTER).

    .venv/bin/python bench/view_memory.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] [--stories 100 232]

Each count of the corpus's first stories is read as a shelf and joined with the bundled library, in turn in one
process, measured by tracemalloc (Python's and numpy's allocations) from before the stories are read to after
the view is built. The first also builds what every view shares of the library (measured 8.0-11.0 against
4.8-6.1 after it).
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
    args = parser.parse_args()
    library = StoryLibrary.load(bundled_corpus())
    files = sorted(path for path in args.corpus.iterdir() if path.is_file())
    for count in args.stories:
        gc.collect()
        tracemalloc.start()
        shelf = [
            ShelfStoryText.read(number, path.name, path.read_bytes()) for number, path in enumerate(files[:count], 1)
        ]
        view = server_view(library, shelf_parts(list(enumerate(shelf, 1)), library.analyzer, library.index.params))
        gc.collect()
        held = tracemalloc.get_traced_memory()[0]
        tracemalloc.stop()
        characters = sum(story.characters for story in shelf)
        print(f"{len(shelf)} stories, {characters:,} characters: {held:,} bytes, {held / characters:.1f} a character")
        del view, shelf


if __name__ == "__main__":
    main()
