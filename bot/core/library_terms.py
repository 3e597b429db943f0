"""A passage word's term looked up among the library's own words before the analyser works it out.

The analyser finds a word's term through its dictionary form (simplemma: tens of microseconds a
word) and keeps it, but a process meets most words of the passages it reads for the first time:
about 40 a question among 20 candidates. The speller holds every word of the library (folded,
possessive dropped) with its term, and a word's term depends on nothing else (with accents folded,
as libraries analyse), so those words need no dictionary: one lookup each. Words it lacks (stop
words, words of removed stories) go to the analyser.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.core.analysis import Analyzer, normalize_word
from bot.core.spelling import SpellingCorrector


def library_term(analyzer: Analyzer, speller: SpellingCorrector) -> Callable[[str], str | None]:
    """`analyzer.term`, answered from the speller's words where it has them (the same terms)."""
    if not analyzer.fold_accents:
        return analyzer.term  # the speller's folded words lost the accents that make these terms
    known: dict[str, str] = {}

    @lru_cache(maxsize=1 << 20)
    def term(word: str) -> str | None:
        if not known and speller.words:  # the first passage read, not every start, pays for the dictionary
            known.update(zip(speller.words, speller.terms, strict=True))
        found = known.get(normalize_word(word))
        return found if found is not None else analyzer.term(word)

    return term
