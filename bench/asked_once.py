"""Whole answers from a saved index, each question asked once: what a running bot pays for questions
it has not met, whose postings and passages it reads for the first time.

    .venv/bin/python bench/asked_once.py BOOKS --index DIR [--questions 1000]

The questions are three words drawn from random passages, as bench/compare.py draws them (seed 7;
only the drawn passages are read, not the whole library); 20 more, drawn with another seed, are
asked first and not timed. Prints the CPU time per question (p50, p90, p99, mean) and the process's
peak memory. Run it alternately with the code before a change, as the machine's other work moves
every figure.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Sequence
from pathlib import Path
from typing import overload

from compare import WARM, drawn_three_words, peak_gb  # the sibling script

from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore


class PassageTexts(Sequence[str]):
    """The library's passages' texts, each read when asked for."""

    def __init__(self, library: StoryLibrary):
        self._passages = library.corpus.passages

    def __len__(self) -> int:
        return len(self._passages)

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> list[str]: ...

    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [passage.text for passage in self._passages[index]]
        return self._passages[index].text


def opened_books(description: str, questions: int) -> tuple[StoryLibrary, int]:
    """The library of the books a benchmark's command line names, opened from their saved index, and
    how many questions to draw."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("books", type=Path, help="the folder of story files")
    parser.add_argument("--index", type=Path, required=True, help="its saved index (STORYBOT_INDEX's folder)")
    parser.add_argument("--questions", type=int, default=questions)
    args = parser.parse_args()
    return StoryLibrary.load(args.books, store=IndexStore(args.index, min_passages=0)), args.questions


def main() -> None:
    library, questions = opened_books(__doc__.splitlines()[0], 1000)
    texts = PassageTexts(library)
    asked = [question for question, _ in drawn_three_words(texts, questions)]
    for question, _ in drawn_three_words(texts, WARM, seed=8):
        library.ask(question)
    times = []
    for question in asked:
        began = time.process_time()
        library.ask(question)
        times.append((time.process_time() - began) * 1000)
    times.sort()

    def at(share: float) -> float:
        return times[min(len(times) - 1, int(len(times) * share))]

    print(
        f"{len(times)} questions asked once, CPU ms per question: p50 {statistics.median(times):.2f}, "
        f"p90 {at(0.9):.2f}, p99 {at(0.99):.2f}, mean {statistics.mean(times):.2f}; peak {peak_gb():.2f} GB"
    )


if __name__ == "__main__":
    main()
