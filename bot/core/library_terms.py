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


class LibraryTerms:
    def __init__(self, analyzer: Analyzer, speller: SpellingCorrector):
        self._analyzer, self._speller = analyzer, speller
        self._known: dict[str, str] = {}
        self.term: Callable[[str], str | None] = (
            lru_cache(maxsize=1 << 20)(self._term) if analyzer.fold_accents else analyzer.term
        )
        """`analyzer.term`, answered from the speller's words where it has them (the same terms). Without
        accent folding, the analyser's own: the speller's folded words lost the accents that make those terms."""
        self.base: Callable[[str], str] = analyzer.base
        """The analyser's: a word's term as if no word were a stop word (what phrases are compared by)."""

    def __reduce__(self) -> tuple[type[LibraryTerms], tuple[Analyzer, SpellingCorrector]]:
        """Sent to another process (with a library that could not be saved) as what it is made from."""
        return LibraryTerms, (self._analyzer, self._speller)

    def _term(self, word: str) -> str | None:
        if not self._known and self._speller.words:  # the first passage read, not every start, pays for it
            self._known.update(zip(self._speller.words, self._speller.terms, strict=True))
        found = self._known.get(normalize_word(word))
        return found if found is not None else self._analyzer.term(word)
