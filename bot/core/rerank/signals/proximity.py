"""Question words close together: "grow up in a small town" beats "grow" here and "town" three lines on."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.query import Query
from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal, matched_tokens, matched_weight

WINDOW = 8
"""Terms (stop words left out) a window spans: about a clause."""


class ProximitySignal(Signal):
    name = "proximity"
    features = ("proximity",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        return np.array([[self._best_window(c, context.query)] for c in candidates])

    @staticmethod
    def _best_window(candidate: Candidate, query: Query) -> float:
        """The most question weight in any WINDOW terms holding two or more question terms."""
        tokens = matched_tokens(candidate)
        best = 0.0
        end = 0
        for start, (first, _) in enumerate(tokens):
            end = max(end, start)
            while end + 1 < len(tokens) and tokens[end + 1][0] - first < WINDOW:
                end += 1
            terms = frozenset(t for _, t in tokens[start : end + 1])
            if len(terms) > 1:
                best = max(best, matched_weight(terms, query))
        return best
