"""What came before: "What happened after the storm?" is answered by the passage after the storm's.

A story tells events in order, so the answer to a question about what came after, then or next often
stands in the passage that follows the one matching the question's event, and shares few of its
words. For such questions this signal gives each candidate the question's BM25 score in the passage
before it in its story, as a share of the best candidate's score (the `bm25` feature's scale); for
other questions, and for a story's first passage, it is 0. (The passages either side for every
question were measured too, and bought nothing: docs/ranking.md.)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal

_AFTER = re.compile(r"\b(?:after|then|next)\b", re.IGNORECASE)
"""A question about what followed something."""


class FollowsSignal(Signal):
    name = "follows"
    features = ("follows",)

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        top = max((c.bm25 for c in candidates), default=0.0)
        if top <= 0 or not _AFTER.search(context.query.text):
            return np.zeros((len(candidates), 1))
        before = np.array([c.doc - 1 for c in candidates], dtype=np.int64)
        has_before = np.array([c.doc - 1 in context.passages_of(c.view.story) for c in candidates])
        # A story's first passage asks for its own score, then counts 0: one lookup for the whole list.
        asked = np.where(has_before, before, [c.doc for c in candidates])
        scores = context.passage_index.scores_of(context.query.terms, asked)
        return (np.where(has_before, scores, 0.0) / top)[:, None]
