"""BM25Okapi, rank-bm25's scoring model, laid out as posting lists of precomputed weights.

rank-bm25 scores a question by walking every document in Python for every term; here each
term's BM25 weight in each document is computed once at build time, so a question costs only
the postings of its own terms (tests/core/test_index.py checks the scores against rank-bm25).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class BM25Params:
    """rank-bm25's BM25Okapi parameters, with its defaults."""

    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25
    """Terms in more than half the passages get idf = epsilon * mean idf instead of a negative one."""


DEFAULT_PARAMS = BM25Params()


class BM25Index:
    def __init__(self, documents: Iterable[Sequence[str]], params: BM25Params = DEFAULT_PARAMS):
        self.params = params
        vocabulary: dict[str, int] = {}
        lengths: list[int] = []
        every_term: list[str] = []
        for terms in documents:
            lengths.append(len(terms))
            every_term.extend(terms)
        self.vocabulary = vocabulary
        self.size = len(lengths)
        term_ids = np.fromiter(
            (vocabulary.setdefault(t, len(vocabulary)) for t in every_term), dtype=np.int64, count=len(every_term)
        )
        del every_term
        # One (term, passage) key per occurrence; sorting and counting them gives every posting
        # list in term order, passages ascending, with its term frequencies.
        stride = max(self.size, 1)
        keys = term_ids * stride + np.repeat(np.arange(self.size, dtype=np.int64), lengths)
        postings, counts = np.unique(keys, return_counts=True)
        del keys, term_ids
        self._docs = (postings % stride).astype(np.int32)
        tf = counts.astype(np.float64)
        doc_freq = np.bincount(postings // stride, minlength=len(vocabulary))
        self._starts = np.concatenate(([0], np.cumsum(doc_freq)))
        self.idf = self._idf(doc_freq)
        doc_len = np.asarray(lengths, dtype=np.float64)
        avgdl = doc_len.mean() if self.size and doc_len.sum() else 1.0
        k1, b = params.k1, params.b
        norm = k1 * (1 - b + b * doc_len[self._docs] / avgdl)
        term_idf = np.repeat(self.idf, doc_freq)
        self._weights = (term_idf * tf * (k1 + 1) / (tf + norm)).astype(np.float32)

    def _idf(self, doc_freq: np.ndarray) -> np.ndarray:
        idf = np.log(self.size - doc_freq + 0.5) - np.log(doc_freq + 0.5)
        if len(idf):
            idf[idf < 0] = self.params.epsilon * idf.mean()
        return idf

    def term_idf(self, term: str) -> float | None:
        """The term's idf, or None when no passage has it."""
        term_id = self.vocabulary.get(term)
        return None if term_id is None else float(self.idf[term_id])

    def max_idf(self) -> float:
        """The idf a term found in no passage would have: what an unknown word is worth."""
        return float(np.log(self.size + 0.5) - np.log(0.5))

    def scores(self, query: Iterable[str]) -> np.ndarray:
        """BM25Okapi score of every passage; a repeated query term counts again, as in rank-bm25."""
        scores = np.zeros(self.size, dtype=np.float32)
        for term, repeat in Counter(query).items():
            term_id = self.vocabulary.get(term)
            if term_id is None:
                continue
            postings = slice(self._starts[term_id], self._starts[term_id + 1])
            scores[self._docs[postings]] += repeat * self._weights[postings]
        return scores

    def top(self, query: Iterable[str], k: int) -> list[tuple[int, float]]:
        """The k best passages with a positive score, best first, ties in corpus order."""
        scores = self.scores(query)
        if k <= 0:
            return []
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > k:
            candidates = candidates[np.argpartition(-scores[candidates], k - 1)[:k]]
        ranked = candidates[np.lexsort((candidates, -scores[candidates]))]
        return [(int(doc), float(scores[doc])) for doc in ranked]
