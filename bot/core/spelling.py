"""Misspelt question words corrected against the library's own words ("frigtened" -> "frightened")."""

from __future__ import annotations

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.analysis import is_dictionary_word

MIN_LENGTH = 4
"""Shorter words have too many neighbours one edit away to guess from."""


def max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


class SpellingCorrector:
    def __init__(self, words: list[str], terms: list[str], doc_freq: list[int]):
        """Every word of the library (folded), with its term and how many passages hold it."""
        self.words, self.terms, self.doc_freq = words, terms, doc_freq

    def correct(self, word: str) -> tuple[str, str] | None:
        """(library word, its term) closest to a folded word the library lacks, or None.

        A dictionary word is never corrected ("capital" is not a typo for "capitol"): the question
        may just be about something the stories do not hold. Among equally close words, the one in
        the most passages wins.
        """
        if len(word) < MIN_LENGTH or not word.isalpha() or is_dictionary_word(word):
            return None
        edits = max_edits(word)
        found = process.extract(word, self.words, scorer=OSA.distance, score_cutoff=edits, limit=20)
        if not found:
            return None
        _, _, best = min(found, key=lambda match: (match[1], -self.doc_freq[match[2]], self.words[match[2]]))
        return self.words[best], self.terms[best]
