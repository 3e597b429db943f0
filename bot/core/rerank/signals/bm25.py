"""The first stage's own score, relative to the best candidate's, so the others adjust rather than replace it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal


class BM25Signal(Signal):
    name = "bm25"
    features = ("bm25",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        scores = np.array([c.bm25 for c in candidates], dtype=np.float64)
        top = scores.max(initial=0.0)
        return (scores / top)[:, None] if top > 0 else np.ones((len(candidates), 1))
