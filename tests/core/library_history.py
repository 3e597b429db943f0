"""A story folder's history of changes, each committed by a load, with merges between: run in a process
the tests kill (kill -9) at varied moments.

Operation i changes the folder (adds a tale, rewrites one, or removes one), loads the library (which
commits the change as a segment), and every other operation merges every segment into one.

Run as `python -m tests.core.library_history STORIES INDEX FIRST LAST` (operations FIRST to LAST - 1),
or `... STORIES INDEX merges N` for N merges alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from tests.core.story_folder import tale

TALES = 20


def change(stories: Path, operation: int) -> None:
    if operation % 3 == 0:
        (stories / f"tale-{100 + operation:03}.md").write_text(tale(100 + operation), encoding="utf-8")
    elif operation % 3 == 1:
        (stories / f"tale-{operation % TALES:03}.md").write_text(tale(operation % TALES, seed=operation), "utf-8")
    else:
        (stories / f"tale-{operation * 7 % TALES:03}.md").unlink(missing_ok=True)


def store_of(index: Path) -> IndexStore:
    return IndexStore(index, min_passages=0)


def run(stories: Path, index: Path, first: int, last: int) -> None:
    store = store_of(index)
    for operation in range(first, last):
        change(stories, operation)
        StoryLibrary.load(stories, store=store)
        if operation % 2:
            merge(stories, store)


def merge(stories: Path, store: IndexStore) -> None:
    with store.in_use():
        store.segments(stories).merge_all()


if __name__ == "__main__":
    stories, index = Path(sys.argv[1]), Path(sys.argv[2])
    if sys.argv[3] == "merges":
        for _ in range(int(sys.argv[4])):
            merge(stories, store_of(index))
    else:
        run(stories, index, int(sys.argv[3]), int(sys.argv[4]))
