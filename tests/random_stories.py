"""A folder of stories of random words of a chosen size, and one story about a zeppelin to ask about."""

from __future__ import annotations

import random
from pathlib import Path

from tests.core.test_worker import WORDS

ZEPPELIN = "The zeppelin landed in the meadow.\n\nEveryone cheered."


def write_random_stories(folder: Path, stories: int, paragraphs: int, words: int, seed: int) -> Path:
    """`stories` files of `paragraphs` paragraphs of `words` words each, and zeppelin.txt."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for number in range(stories):
        text = (" ".join(rng.choices(WORDS, k=words)).capitalize() + "." for _ in range(paragraphs))
        (folder / f"story-{number:02}.txt").write_text("\n\n".join(text))
    (folder / "zeppelin.txt").write_text(ZEPPELIN)
    return folder
