"""The question's word pairs across stop words: "king of the mountain" finds "king ... mountain" with any
small words between, where the phrase signal needs the same words in between."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal


class TermPairSignal(Signal):
    name = "term_pair"
    features = ("term_pair",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        terms = context.query.terms
        wanted = {(a, b) for a, b in pairwise(terms) if a != b}
        if not wanted:
            return np.zeros((len(candidates), 1))
        rows = []
        for candidate in candidates:
            view, positions = candidate.view.terms, candidate.positions
            found = {(view[i], view[i + 1]) for i in positions if i + 1 < len(view)} & wanted
            rows.append([len(found) / len(wanted)])
        return np.array(rows)
