"""The words of a list that may lie within a few edits of a word, found without measuring every one.

A fuzzy search over a big library's words (448,000 of them in 3,080 books) measured each word's
edit distance: tens of milliseconds per misspelt question word. Here each word keeps its length
and two 32-bit letter masks (the letters it holds, and those it holds twice or more; letters past
"z" share six bits), so a numpy pass over the words of a near length keeps only those whose letters
could be reached in so few edits. It is a filter that never drops a word within reach, so what is
measured afterwards, and in which order, is what a scan of every word would have found.

Why the masks bound the distance: an insertion, a deletion, a substitution or a swap of two
neighbours adds at most one letter occurrence and removes at most one, and one occurrence more or
less changes at most one of the two masks by one bit. So `k` edits leave at most `k` bits of either
word's masks missing from the other's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

_LETTERS = 26
_OTHER_BITS = 6
"""Bits 26-31: any character past the 26 small letters, by its code point modulo 6."""
_ONCE, _TWICE = 0, 32
"""Where each mask sits in a word's 64-bit key: letters held once or more, and twice or more."""


class NearWords:
    def __init__(self, words: Sequence[str]):
        """Words grouped by length (list order within a length), each with its letter masks."""
        self.words = words
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        self._order = np.argsort(lengths, kind="stable")
        self._lengths = lengths[self._order]
        self._masks = np.zeros(len(words), dtype=np.uint64)
        for length in np.unique(self._lengths).tolist():
            low, high = np.searchsorted(self._lengths, [length, length + 1])
            group = [words[i] for i in self._order[low:high].tolist()]
            self._masks[low:high] = _masks(group, length)

    def candidates(self, word: str, edits: int) -> np.ndarray:
        """The list positions, ascending, of every word that may lie within `edits` edits of `word`
        (insertions, deletions, substitutions, swaps of neighbours): all that do, and a few more."""
        low, high = np.searchsorted(self._lengths, [len(word) - edits, len(word) + edits + 1])
        masks = self._masks[low:high]
        own = _masks([word], len(word))[0]
        near = _bits(own & ~masks) <= edits
        near &= _bits(masks & ~own) <= edits
        return np.sort(self._order[low:high][near])

    def closest(self, word: str, edits: int, limit: int | None) -> list[tuple[str, int, int]]:
        """(word, distance, position) of the words at most `edits` edits away (optimal string
        alignment: a swap of neighbours is one edit), closest first, ties in list order, at most
        `limit`: what rapidfuzz's scan of every word gives, measured only on the candidates."""
        near = self.candidates(word, edits).tolist()
        found = process.extract(
            word, [self.words[i] for i in near], scorer=OSA.distance, score_cutoff=edits, limit=limit
        )
        return [(choice, int(distance), near[position]) for choice, distance, position in found]


class JoinedNearWords:
    """The words of two lists, one after the other, searched as one list of them all: a server's view joins the owner
    library's words, whose search is built once, with its shelf's few."""

    def __init__(self, first: NearWords | JoinedNearWords, first_count: int, later: NearWords):
        """`first_count`: how many words the first list has."""
        self.first, self.first_count, self.later = first, first_count, later

    def closest(self, word: str, edits: int, limit: int | None) -> list[tuple[str, int, int]]:
        """As NearWords.closest over both lists: each list's closest (the later's positions after the first's),
        merged closest first, ties in list order. The closest of both are among the closest of each."""
        found = self.first.closest(word, edits, limit)
        later = self.later.closest(word, edits, limit)
        found += [(choice, distance, self.first_count + at) for choice, distance, at in later]
        found.sort(key=lambda match: (match[1], match[2]))
        return found[:limit]


def _masks(words: list[str], length: int) -> np.ndarray:
    """Each word's key (all of one length): bit b of the low half set if it holds a letter of bit b,
    of the high half if it holds two or more."""
    if length == 0:
        return np.zeros(len(words), dtype=np.uint64)
    codes = np.array(words, dtype=f"<U{length}").view(np.uint32).reshape(len(words), length).astype(np.int64)
    small = (codes >= ord("a")) & (codes <= ord("z"))
    bits = np.where(small, codes - ord("a"), _LETTERS + codes % _OTHER_BITS)
    bits.sort(axis=1)
    once = np.bitwise_or.reduce(np.uint64(1) << (bits + _ONCE).astype(np.uint64), axis=1)
    repeated = bits[:, 1:] == bits[:, :-1]
    twice = np.where(repeated, np.uint64(1) << (bits[:, 1:] + _TWICE).astype(np.uint64), np.uint64(0))
    return once | np.bitwise_or.reduce(twice, axis=1, initial=np.uint64(0))


def _bits(masks: np.ndarray) -> np.ndarray:
    """How many bits each mask has set, its two halves counted together."""
    return np.bitwise_count(masks)
