"""What each distinct piece of text holds (a piece of `analysis.word_pieces`), worked out once for all
the batches a process analyses: its words' terms, and the words it writes in lowercase.

A build worker meets the same few hundred thousand pieces ("the", "said", "“Well") in batch after
batch. Numbered once, each piece of a batch costs one dictionary lookup in C; what follows (each
batch's own vocabulary in the order its words first come, each story's lowercase words for the
people finder) is numpy over those numbers, not Python per piece of every batch.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from bot.core.analysis import PIECE_END, Analyzer, word_pieces
from bot.core.people_finder import lowercase_words_in

END = 0
"""The number of PIECE_END, which follows each text's pieces."""


class PieceWords(dict[bytes, int]):
    """Each distinct piece met -> its number, and what the pieces hold, by number.

    A "word" here is a pair of a term and the folded word it comes from (Analyzer.piece_terms), so
    the speller's words keep the word each term was first seen as."""

    def __init__(self, analyzer: Analyzer):
        super().__init__({PIECE_END: END})
        self.analyzer = analyzer
        self.word_ends = array("q", [0, 0])
        """Piece n holds words[word_ends[n]:word_ends[n + 1]]."""
        self.words = array("q")
        """The numbers of each piece's words that are no stop words, in order."""
        self.word_terms = array("q")
        """Each word's term number."""
        self.word_surfaces: list[str] = []
        """Each word, folded and without possessive: what the speller corrects to."""
        self.terms: list[str] = []
        self.lowercase_ends = array("q", [0, 0])
        self.lowercase = array("q")
        """The numbers of the words each piece writes in lowercase (people_finder.lowercase_words_in)."""
        self.lowercase_words: list[str] = []
        self._word_numbers: dict[tuple[str, str], int] = {}
        self._term_numbers: dict[str, int] = {}
        self._lowercase_numbers: dict[str, int] = {}

    def __missing__(self, piece: bytes) -> int:
        for term, surface in self.analyzer.piece_terms(piece):
            word = self._word_numbers.get((term, surface))
            if word is None:
                word = self._word_numbers[(term, surface)] = len(self.word_surfaces)
                self.word_surfaces.append(surface)
                self.word_terms.append(_numbered(term, self._term_numbers, self.terms))
            self.words.append(word)
        self.word_ends.append(len(self.words))
        for lowercase in lowercase_words_in(piece):
            self.lowercase.append(_numbered(lowercase, self._lowercase_numbers, self.lowercase_words))
        self.lowercase_ends.append(len(self.lowercase))
        number = self[piece] = len(self)
        return number

    def numbers(self, texts: Sequence[str]) -> np.ndarray:
        """The number of every piece of the texts, each text's followed by END (int64)."""
        return np.fromiter(map(self.__getitem__, chain.from_iterable(word_pieces(texts))), dtype=np.int64)

    def terms_of_words(self) -> np.ndarray:
        """Each word's term number."""
        return _numpy(self.word_terms)

    def words_of(self, numbers: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The words of these pieces, one piece's after the other, and how many each piece holds."""
        return _held(numbers, _numpy(self.word_ends), _numpy(self.words))

    def lowercase_table(self) -> LowercaseTable:
        """What the pieces numbered so far write in lowercase, copied once for the many stories of a batch
        (a copy per story cost a pass over every piece the worker has met)."""
        return LowercaseTable(_numpy(self.lowercase_ends), _numpy(self.lowercase), self.lowercase_words)


@dataclass(frozen=True)
class LowercaseTable:
    """Each piece's lowercase words, by number, as arrays."""

    ends: np.ndarray
    numbers: np.ndarray
    words: list[str]
    """Every lowercase word by its number (a list that only grows)."""

    def of(self, pieces: np.ndarray) -> set[str]:
        """Every word these pieces (numbered before the table was made) write in lowercase."""
        found, _ = _held(np.unique(pieces), self.ends, self.numbers)
        return set(map(self.words.__getitem__, np.unique(found).tolist()))


def _numbered(key: str, numbers: dict[str, int], keys: list[str]) -> int:
    number = numbers.get(key)
    if number is None:
        number = numbers[key] = len(keys)
        keys.append(key)
    return number


def _numpy(values: array[int]) -> np.ndarray:
    """A copy: the array grows later, which a view of its memory would forbid."""
    return np.frombuffer(values, dtype=np.int64).copy()


def _held(numbers: np.ndarray, ends: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """values[ends[n]:ends[n + 1]] for each n of numbers, one after the other, and each one's count."""
    starts = ends[numbers]
    counts = ends[numbers + 1] - starts
    offsets = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return values[offsets + np.arange(len(offsets))], counts


def first_appearances(values: np.ndarray, size: int) -> np.ndarray:
    """The distinct values (each below size) in the order they first come."""
    first = np.full(size, len(values), dtype=np.int64)
    np.minimum.at(first, values, np.arange(len(values)))
    present = np.flatnonzero(first < len(values))
    return present[np.argsort(first[present])]
