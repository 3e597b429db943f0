"""How much of the question the passage holds, by weight: BM25 rewards repeating one word, this does not."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal, matched_weight


class CoverageSignal(Signal):
    name = "coverage"
    features = ("coverage",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        return np.array([[matched_weight(c.matched, context.query)] for c in candidates])
