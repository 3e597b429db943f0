"""A passage word's term looked up among the library's own words before the analyser works it out.

The analyser finds a word's term through its dictionary form (simplemma: tens of microseconds a
word) and keeps it, but a process meets most words of the passages it reads for the first time:
about 40 a question among 20 candidates. The speller holds every word of the library (folded,
possessive dropped) with its term, and a word's term depends on nothing else (with accents folded,
as libraries analyse), so those words need no dictionary: one lookup each. Words it lacks (stop
words, words of removed stories) go to the analyser.

What was found is kept in plain dictionaries, read a passage's words at a time by `map` in C: a
candidate's 50-odd words cost a lookup each, where an LRU cache also relinks its entries on every hit
(memory the search has just pushed out of the CPU's caches).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.core.analysis import Analyzer, normalize_word
from bot.core.spelling import SpellingCorrector

Found = TypeVar("Found")
WORDS_KEPT = 1 << 20
"""Distinct words whose term and form are kept (about 100 bytes each); past it they are forgotten at once."""


class LibraryTerms:
    def __init__(self, analyzer: Analyzer, speller: SpellingCorrector):
        self._analyzer, self._speller = analyzer, speller
        term = self._term if analyzer.fold_accents else analyzer.term
        self.term: Callable[[str], str | None] = _Found(term).__getitem__
        """`analyzer.term`, answered from the speller's words where it has them (the same terms). Without
        accent folding, the analyser's own: the speller's folded words lost the accents that make those terms."""
        self.stop_form: Callable[[str], str] = _Found(analyzer.base).__getitem__
        """The dictionary form of a word without a term (a stop word): the analyser's `base`, its term as
        if no word were a stop word. A word's form, what a passage's phrases are compared by, is its
        term, or this when it has none."""

    def __reduce__(self) -> tuple[type[LibraryTerms], tuple[Analyzer, SpellingCorrector]]:
        """Sent to another process (with a library that could not be saved) as what it is made from."""
        return LibraryTerms, (self._analyzer, self._speller)

    def _term(self, word: str) -> str | None:
        # An ASCII word without an apostrophe is normalised by lowering its case alone.
        found = self._speller.term_of(word.lower() if word.isascii() and "'" not in word else normalize_word(word))
        return found if found is not None else self._analyzer.term(word)


class _Found(dict[str, Found]):
    """Each word's value, worked out by `find` the first time the word is looked up."""

    def __init__(self, find: Callable[[str], Found]):
        super().__init__()
        self._find = find

    def __missing__(self, word: str) -> Found:
        value = self._find(word)
        if len(self) >= WORDS_KEPT:
            self.clear()
        self[word] = value
        return value
