"""The story the question names: a person of it ("sophie", "Sébastien", "sebastein") or its title's words."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal


class NamedStorySignal(Signal):
    name = "named"
    features = ("named",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        if context.scoped:
            return np.zeros((len(candidates), 1))
        named = context.query.named.stories
        return np.array([[named.get(c.view.story, 0.0)] for c in candidates]).reshape(-1, 1)
