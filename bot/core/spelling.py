"""Misspelt question words corrected against the library's own words ("frigtened" -> "frightened")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property

import numpy as np

from bot.core.analysis import is_dictionary_word, normalize_word
from bot.core.near_words import JoinedNearWords, NearWords

MIN_LENGTH = 4
"""Shorter words have too many neighbours one edit away to guess from."""
ENDING = 3
"""How many last letters make a word's ending."""
ACRONYM_LENGTH = 5
"""An all-capital word this short is an acronym ("RUNX", "CHIKV"), not a shouted typo ("PERFROM")."""
CHUNK = 1 << 14
"""Words taken at once in one call that holds the GIL (a set or a list of them): a thread building a view lets the
event loop run between chunks (448,000 words in one call held it some 45 ms)."""


def max_edits(word: str) -> int:
    return 1 if len(word) <= 6 else 2


def is_code(typed: str) -> bool:
    """Whether a word's shape makes it a name of science rather than a typo: capitals inside a
    word with small letters ("mRNA", "ComYMV", "PPARy") or a short all-capital acronym ("LRBA")."""
    letters = [c for c in typed if c.isalpha()]
    if any(c.isupper() for c in letters[1:]) and any(c.islower() for c in letters):
        return True
    return len(letters) <= ACRONYM_LENGTH and all(c.isupper() for c in letters)


def _same_start(word: str, candidate: str) -> bool:
    """Typists rarely type a wrong first letter ("nexin" is no typo of "kexin"); they drop it
    ("reatment"), double it, or swap the first two ("rpeform") more often."""
    return word[0] == candidate[0] or word[0] == candidate[1] or word[1] == candidate[0]


def _other_ending(word: str, candidate: str, distance: int) -> bool:
    """Two edits all in the last letters make another word's ending ("tocopheryl", "tocopherol";
    "overexpressors", "overexpresses"), not a slip of the fingers."""
    shortest = min(len(word), len(candidate))
    shared = next((i for i, (a, b) in enumerate(zip(word, candidate, strict=False)) if a != b), shortest)
    return distance > 1 and shared >= shortest - ENDING


class SpellingCorrector:
    def __init__(
        self,
        words: Sequence[str],
        terms: Sequence[str],
        doc_freq: Sequence[int],
        first: SpellingCorrector | None = None,
    ):
        """Every word of the library (folded), with its term and how many passages hold that term. `first`: a speller
        whose words are the first of these (a view's owner's), whose search structure and map of words to terms are
        then shared, not rebuilt (the sequences then read the first's lists: bot.core.library_join)."""
        self.words, self.terms, self.doc_freq = words, terms, doc_freq
        self._first = first
        self._numbered: tuple[Mapping[str, int], set[str], np.ndarray] | None = None

    def numbered(self, vocabulary: Mapping[str, int]) -> tuple[set[str], np.ndarray] | None:
        """Its words, and each word's term's number in `vocabulary` (its own library's index's); None when a word is
        given twice or a term is not there. Kept for the last vocabulary asked: a server's view joins its owner's
        speller with the shelf's at each change of either (bot.core.library_join)."""
        numbered = self._numbered  # read once: another thread may number it for another vocabulary meanwhile
        if numbered is None or numbered[0] is not vocabulary:
            numbers = np.fromiter((vocabulary.get(term, -1) for term in self.terms), np.int64, len(self.terms))
            words: set[str] = set()
            for start in range(0, len(self.words), CHUNK):  # the GIL let go between chunks, not held for 448,000 words
                words.update(self.words[start : start + CHUNK])
            if len(words) != len(self.words) or (numbers < 0).any():
                return None
            numbered = self._numbered = (vocabulary, words, numbers)
        return numbered[1], numbered[2]

    @cached_property
    def near_words(self) -> NearWords | JoinedNearWords:
        """Its words, to find those within a few edits of a word: built at the first word to correct, not at every
        start (a quarter of a second for 448,000 words); a view's, of its owner's words (built once) and its own."""
        if self._first is None:
            return NearWords(self.words)
        count = len(self._first.words)
        return JoinedNearWords(self._first.near_words, count, NearWords(self.words[count:]))

    def term_of(self, word: str) -> str | None:
        """The term of one of its words (folded), or None: a view's looked up among its owner's words first, whose map
        is built once for all its views."""
        if self._first is not None:
            found = self._first.term_of(word)
            if found is not None:
                return found
        return self._own_terms.get(word)

    @cached_property
    def _own_terms(self) -> dict[str, str]:
        """Its words' terms, those after its first speller's (built at the first passage read, not every start)."""
        start = 0 if self._first is None else len(self._first.words)
        return dict(zip(self.words[start:], self.terms[start:], strict=True))

    def __getstate__(self) -> dict[str, object]:
        """Sent to another process without the search structure, which is rebuilt there when needed."""
        kept = {k: v for k, v in self.__dict__.items() if k not in ("near_words", "_numbered", "_own_terms")}
        return {**kept, "_numbered": None}

    def correct(self, typed: str) -> tuple[str, str] | None:
        """(library word, its term) closest to a word the library lacks, as typed, or None.

        A transposition ("perfrom" -> "perform") is one edit (optimal string alignment). A word the
        language knows is never corrected ("capital" is not a typo for "capitol"): the question may
        just be about something the stories do not hold; nor is a word shaped like a code of science
        ("mRNA", "LRBA"; see _code_family), nor a word into one that starts or ends differently ("nexin"
        is not "kexin").
        The library's words are not all measured: only those whose letters could be close enough
        (bot.core.near_words), with the same result.
        Among equally close words, one of the same letters wins ("bulter" is "butler", swapped, not
        "butter"), then the one in the most passages.
        """
        word = normalize_word(typed)
        if len(word) < MIN_LENGTH or not word.isalpha() or is_dictionary_word(word):
            return None
        if is_code(typed):
            return self._code_family(typed, word)
        found = self.near_words.closest(word, max_edits(word), 20)
        found = [m for m in found if _same_start(word, m[0]) and not _other_ending(word, m[0], m[1])]
        if not found:
            return None
        letters = sorted(word)
        _, _, best = min(
            found,
            key=lambda match: (match[1], sorted(match[0]) != letters, -self.doc_freq[match[2]], match[0]),
        )
        return self.words[best], self.terms[best]

    def _code_family(self, typed: str, word: str) -> tuple[str, str] | None:
        """A code with a small letter after its capitals names a member or plural of the code
        without it ("PPARy" for PPAR gamma, "dLNs"): that code, if the library has it."""
        if not (typed[-1].islower() and typed[-2].isupper()):
            return None
        found = self.near_words.closest(word[:-1], 0, 1)
        return (found[0][0], self.terms[found[0][2]]) if found else None
