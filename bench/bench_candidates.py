"""What a question's candidates cost after its search, each: their text read, and their analysis with the
CPU's caches warm and after the search has pushed them out.

    .venv/bin/python bench/bench_candidates.py BOOKS --index DIR [--questions 300]

The candidates are those the re-ranker is given for three-word questions drawn as bench/compare.py
draws them (their distinct passages, up to 3,000). Their texts are read in turn from the saved
index (blocks not yet decompressed, mostly), then each is analysed (`AnalysedPassage.of`, its text
in hand) with the words' terms already looked up once: three rounds in a row, then three with a
pass over 64 MB after every 26 passages, as a question's search (its posting lists) leaves the
caches. CPU time, the best round of each.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import numpy as np
from asked_once import PassageTexts, opened_books  # the sibling scripts
from compare import drawn_three_words

from bot.core.corpus import Passage
from bot.core.library_terms import LibraryTerms
from bot.core.passage_table import text_and_story
from bot.core.rerank.candidate import AnalysedPassage

PASSAGES = 3000
A_QUESTION = 26
"""Candidates a question analyses, about (20, and the named stories' best)."""


def best_us(run: Callable[[], float], count: int, rounds: int = 3) -> float:
    """The best of `rounds` runs' CPU seconds, per one of `count`, in microseconds."""
    return min(run() for _ in range(rounds)) / count * 1e6


def main() -> None:
    library, questions = opened_books(__doc__.splitlines()[0], 300)
    docs: dict[int, None] = {}
    for question, _ in drawn_three_words(PassageTexts(library), questions):
        candidates, _ = library.candidates(library.query(question), None)
        docs.update(dict.fromkeys(c.doc for c in candidates))
    chosen = list(docs)[:PASSAGES]
    began = time.process_time()
    read = [text_and_story(library.corpus.passages, doc) for doc in chosen]
    text_us = (time.process_time() - began) / len(chosen) * 1e6
    in_hand: Sequence[Passage] = [Passage(story=story, number=1, text=text, paragraph=1) for text, story in read]
    terms = LibraryTerms(library.analyzer, library.speller)
    evicting = np.ones(8_000_000)  # 64 MB

    def analyse(evict: bool) -> float:
        """CPU seconds spent analysing every passage (the passes over memory left out)."""
        spent = 0.0
        for first in range(0, len(in_hand), A_QUESTION):
            if evict:
                evicting.__iadd__(1.0)
            began = time.process_time()
            for number in range(first, min(first + A_QUESTION, len(in_hand))):
                AnalysedPassage.of(number, in_hand, terms)
            spent += time.process_time() - began
        return spent

    analyse(False)  # the words' terms looked up once
    warm = best_us(lambda: analyse(False), len(in_hand))
    evicted = best_us(lambda: analyse(True), len(in_hand))
    print(
        f"{len(chosen)} candidates of {questions} questions, CPU us each: text read {text_us:.1f}; "
        f"analysed, caches warm {warm:.1f}, after a pass over 64 MB every {A_QUESTION} {evicted:.1f}"
    )


if __name__ == "__main__":
    main()
