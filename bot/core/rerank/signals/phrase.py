"""The question's word pairs found as pairs in the passage: "grow up" is not "growing success"."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext, phrase_in_forms
from bot.core.rerank.signal import Signal


class PhraseSignal(Signal):
    name = "phrase"
    features = ("phrase",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        wanted = context.query.phrases
        if not wanted:
            return np.zeros((len(candidates), 1))
        needles = [phrase_in_forms(phrase) for phrase in wanted]
        return np.array([[sum(needle in c.view.forms for needle in needles) / len(wanted)] for c in candidates])
