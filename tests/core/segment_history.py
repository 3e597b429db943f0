"""A library's history of changes, run against a SegmentStore (in a process the tests kill) and modelled.

Operation i (from 0) is a merge of everything every fifth time, else a commit that adds or changes
one story and sometimes removes another. Each operation moves the manifest one generation on, so a
store's generation says how many operations it holds, and `live_after` what its stories must be.

Run as `python -m tests.core.segment_history FOLDER OPERATIONS`: carries on from the store's
generation up to OPERATIONS.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import numpy as np

from bot.core.segment_store import SegmentStore, StoryTerms

WORDS = [f"w{i}" for i in range(400)]


def story(operation: int, key: str, passages: int) -> StoryTerms:
    """A story's passages as written by this operation: Zipf-like words, and a word of this operation's own."""
    rng = np.random.default_rng(operation)
    weights = 1 / np.arange(1, len(WORDS) + 1)
    weights /= weights.sum()
    texts = [[str(w) for w in rng.choice(WORDS, size=int(rng.integers(5, 40)), p=weights)] for _ in range(passages)]
    texts[0].append(f"op{operation}")
    return StoryTerms(key, texts)


def is_merge(operation: int) -> bool:
    return operation % 5 == 4


def commit_of(operation: int) -> tuple[list[StoryTerms], list[str]]:
    """What operation `operation` (not a merge) adds and removes."""
    if operation == 0:
        return [story(1000 + n, f"base-{n}", 40) for n in range(60)], []
    added = [story(operation, f"story-{operation % 7}", 30 + operation % 50)]
    removed = [f"base-{(operation * 7) % 60}"] if operation % 3 == 0 else []
    return added, removed


def live_after(operations: int) -> list[StoryTerms]:
    """The live stories, in document order, once the first `operations` operations are done."""
    live: list[StoryTerms] = []
    for operation in range(operations):
        if is_merge(operation):
            continue
        added, removed = commit_of(operation)
        gone = set(removed) | {s.key for s in added}
        live = [s for s in live if s.key not in gone] + added
    return live


def reading_beside(writer: subprocess.Popen[bytes], read: Callable[[], None]) -> list[BaseException]:
    """Calls `read` over and over in a thread until the writer process has ended; what it raised."""
    failures: list[BaseException] = []

    def reading() -> None:
        try:
            while writer.poll() is None:
                read()
        except BaseException as error:  # reported by the caller
            failures.append(error)

    reader = threading.Thread(target=reading)
    reader.start()
    writer.wait()
    reader.join()
    return failures


def run(folder: Path, operations: int) -> None:
    store = SegmentStore(folder)
    while (done := store.open().generation) < operations:
        if is_merge(done):
            store.merge_all()
        else:
            store.commit(*commit_of(done))


if __name__ == "__main__":
    run(Path(sys.argv[1]), int(sys.argv[2]))
