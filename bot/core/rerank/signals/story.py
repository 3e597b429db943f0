"""The whole story's match: a question names people and things found elsewhere in its story."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal


class StorySignal(Signal):
    name = "story"
    features = ("story",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        stories = np.array([c.view.story for c in candidates])
        if context.scoped or len(set(stories)) < 2:
            return np.ones((len(candidates), 1))
        scores = context.story_index.scores_of(context.query.terms, stories).astype(np.float64)
        top = scores.max(initial=0.0)
        return (scores / top)[:, None] if top > 0 else np.ones((len(candidates), 1))
