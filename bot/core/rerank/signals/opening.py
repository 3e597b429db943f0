"""A story's first passage introduces its people and places, which many questions ask about."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal


class OpeningSignal(Signal):
    name = "opening"
    features = ("opening",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        return np.array([[1.0 if c.view.passage.number == 1 else 0.0] for c in candidates])
