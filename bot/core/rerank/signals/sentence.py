"""The best single sentence's share of the question: answers sit in one sentence, not spread over a page."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.query import Query
from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal, matched_weight


def best_sentence(candidate: Candidate, query: Query) -> tuple[int | None, float]:
    """(index, share of the question) of the sentence holding most of it; the first such on ties."""
    best: tuple[int | None, float] = (None, 0.0)
    for sentence, terms in sorted(candidate.sentence_terms.items()):
        share = matched_weight(terms, query)
        if share > best[1]:
            best = (sentence, share)
    return best


class SentenceSignal(Signal):
    name = "sentence"
    features = ("sentence",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        return np.array([[best_sentence(c, context.query)[1]] for c in candidates])
