"""The names rapidfuzz's WRatio scores at a cutoff or above against what was typed, without scoring every name.

Each part of WRatio scores two strings as 200 * (the most characters they share in order) / (their lengths
added): the strings themselves, their words sorted, their distinct words, or, for strings of unlike lengths,
the shorter against a piece of the longer no longer than it. The characters shared in order are never more
than the characters the two hold in common, counted with repeats (each letter a-z apart, every other
character as one), so a name holding too few of the typed characters for its length cannot reach the cutoff,
unless it shares a whole word (which scores a word-set part 100). Those counts, for all distinct names at
once, are a few array operations; only the names they leave are scored by WRatio itself, so the names found,
their scores and their order are those of a scan of every name.
"""

from __future__ import annotations

import heapq

import numpy as np
from rapidfuzz import fuzz

from bot.core.fuzzy import closest
from bot.core.name_index import NameIndex

_LETTERS = 26
"""Buckets 0-25 count a-z; bucket 26 counts every other character (a space, an apostrophe, a "ß")."""
_COUNT_CAP = 255
"""Counts are kept in one byte: a bucket of what was typed that fills one is scored against every name."""
_EXCESS = 1e-6
"""What a bound may fall short by in floating point and still admit a name."""


class CloseNames:
    """The distinct names of a NameIndex as character counts and lengths, built once with it (their people are
    looked up in it, not kept again here)."""

    def __init__(self, names: NameIndex):
        self._names = names
        self._distinct = names.names
        self._lengths = np.array([len(key) for key in self._distinct], dtype=np.float64)
        self._joined = np.array([_joined_length(key.split()) for key in self._distinct], dtype=np.float64)
        self._word_set = np.array([_joined_length(set(key.split())) for key in self._distinct], dtype=np.float64)
        self._counts = np.minimum(_bucket_counts(self._distinct), _COUNT_CAP).astype(np.uint8)

    def closest(self, typed: str, cutoff: float, limit: int) -> list[int]:
        """The first `limit` people whose name WRatio scores at `cutoff` (above 0) or more against `typed`,
        best first, then in directory order: what process.extract over every name gives (scored with the GIL let go:
        bot.core.fuzzy)."""
        return [person for _, person in self.scored(typed, cutoff, limit)]

    def scored(self, typed: str, cutoff: float, limit: int) -> list[tuple[float, int]]:
        """`closest`'s people, each after its score negated: what a view merges with another directory's."""
        keys = self._candidates(typed, cutoff)
        scored = closest(typed, [self._distinct[k] for k in keys], fuzz.WRatio, cutoff)
        ranked = (
            (-score, person) for place, score in scored for person in self._names.people_named(keys[place]).tolist()
        )
        return heapq.nsmallest(limit, ranked)

    def _candidates(self, typed: str, cutoff: float) -> list[int]:
        """The distinct names (their numbers, ascending) that may score `cutoff` or more: all that can."""
        counts = _bucket_counts([typed])[0]
        if not typed or counts.max() >= _COUNT_CAP:
            return list(range(len(self._distinct)))
        words = typed.split()
        length, joined, word_set = float(len(typed)), float(_joined_length(words)), float(_joined_length(set(words)))
        shared = np.minimum(self._counts, counts.astype(np.uint8)).sum(axis=1, dtype=np.int64)
        lengths = self._lengths
        shorter = np.minimum(lengths, length)
        with np.errstate(divide="ignore", invalid="ignore"):
            unlike = np.maximum(lengths, length) / shorter
        # WRatio's parts, each as the characters in common it needs (ratio.py's formulas, fuzz_py.WRatio's scales)
        need = cutoff * (lengths + length) / 200  # ratio of the two strings
        alike = cutoff / 0.95  # lengths under 1.5 times apart: the word parts, at their scale
        need_alike = alike * np.minimum(self._joined + joined, self._word_set + word_set) / 200
        scale = np.where(unlike <= 8, 0.9, 0.6)  # else: the shorter against pieces of the longer
        piece = cutoff / scale
        need_piece = np.where(piece <= 100, piece / (200 - piece) * shorter, np.inf)
        piece_words = cutoff / (0.95 * scale)
        need_piece_words = np.where(
            piece_words <= 100, piece_words / (200 - piece_words) * np.minimum(self._word_set, word_set), np.inf
        )
        need = np.minimum(need, np.where(unlike < 1.5, need_alike, np.minimum(need_piece, need_piece_words)))
        possible = (shared >= need - _EXCESS) & (lengths > 0)
        for word in set(words):
            possible[self._names.name_of[self._names.holding(word)]] = True
        return np.flatnonzero(possible).tolist()


def _joined_length(words: list[str] | set[str]) -> int:
    """The length of the words joined by single spaces."""
    return sum(map(len, words)) + len(words) - 1


def _bucket_counts(texts: list[str]) -> np.ndarray:
    """Each text's characters counted by bucket: one row of _LETTERS + 1 counts per text."""
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    owners = np.repeat(np.arange(len(texts)), [len(text) for text in texts])
    buckets = np.where((codes >= ord("a")) & (codes <= ord("z")), codes - ord("a"), _LETTERS)
    counts = np.bincount(owners * (_LETTERS + 1) + buckets, minlength=len(texts) * (_LETTERS + 1))
    return counts.reshape(len(texts), _LETTERS + 1)
