"""A small library of made-up passages, so each signal is seen on text chosen to tell it apart."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal

STORIES = {
    "the-mill.md": "# The Mill\n\n"
    "The miller lived by the river. The miller, the miller, the miller sang all day.\n\n"
    "Growing up in a small village near Brightwater, the miller's daughter Ada learned to bake bread.\n\n"
    "Her growing fame spread. In winter the river froze and the wheel stopped for three months.\n\n"
    "The baker came because the miller owed him money.",
    "the-forest.md": "# The Forest\n\n"
    "A fox lived in the forest.\n\nThe fox met an owl at midnight.\n\nThe owl told the fox about the river.",
    "the-sea.md": "# The Sea\n\nA sailor crossed the sea.\n\nThe sailor found an island.\n\nStorms came.",
}


@pytest.fixture(scope="package")
def small_library(tmp_path_factory) -> StoryLibrary:
    folder: Path = tmp_path_factory.mktemp("stories")
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return StoryLibrary(load_corpus(folder), min_match=0.0)  # every passage with a question word competes


def features_for(
    library: StoryLibrary, signal: Signal, question: str, story: int | None = None
) -> dict[tuple[int, int], list[float]]:
    """The signal's features per candidate (by the candidate's story and passage number)."""
    candidates, context = library.candidates(library.query(question), story)
    rows = signal.compute(candidates, context)
    return {(c.view.passage.story, c.view.passage.number): list(row) for c, row in zip(candidates, rows, strict=True)}


def context_for(library: StoryLibrary, question: str) -> tuple[list[Candidate], RankingContext]:
    return library.candidates(library.query(question), None)
