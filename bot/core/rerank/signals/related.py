"""Question words the passage lacks but says otherwise: "taught" and "tutors", "dancer" and "ballerina".

Which words are related comes from WordNet (bot/core/related_words.py). A question word the passage
holds as it is counts elsewhere (coverage, sentence); here count only the words it lacks, by their
weight, in three features: a close relative found in the passage (a synonym or a derived form), only
a kind up or down found ("tutor" and "teacher"), and the best single sentence's share of the question
with relatives counted as matches.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.core.query import Query
from bot.core.related_words import RelatedWords, bundled_related_words
from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal

_NOTHING: frozenset[str] = frozenset()


class RelatedSignal(Signal):
    name = "related"
    features = ("related_close", "related_kind", "related_sentence")

    def __init__(self, related: RelatedWords | None = None):
        self.related = related or bundled_related_words()

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        query = context.query
        rows = np.zeros((len(candidates), len(self.features)))
        weights = question_weights(query)
        total = query.total_weight
        wanted = [t for t in weights if t in self.related.close or t in self.related.kinds]
        if not wanted or total <= 0:
            return rows
        for row, candidate in enumerate(candidates):
            rows[row] = self._row(candidate, wanted, weights, total)
        return rows

    def _row(self, candidate: Candidate, wanted: list[str], weights: dict[str, float], total: float) -> list[float]:
        view = candidate.view
        sentences: dict[int, set[str]] = {}
        for position in candidate.positions:
            sentences.setdefault(int(view.sentence_of[position]), set()).add(view.terms[position])
        lacking = [t for t in wanted if t not in candidate.matched]
        if not lacking:
            return [0.0, 0.0, self._best(sentences, weights, total)]
        close_of = {t: self.related.close.get(t, _NOTHING) for t in lacking}
        kinds_of = {t: self.related.kinds.get(t, _NOTHING) for t in lacking}
        close: set[str] = set()
        kind: set[str] = set()
        for position, term in enumerate(view.terms):
            for word in lacking:
                if term in close_of[word]:
                    close.add(word)
                elif term in kinds_of[word]:
                    kind.add(word)
                else:
                    continue
                sentences.setdefault(int(view.sentence_of[position]), set()).add(word)
        kind -= close
        return [
            sum(weights[t] for t in close) / total,
            sum(weights[t] for t in kind) / total,
            self._best(sentences, weights, total),
        ]

    @staticmethod
    def _best(sentences: dict[int, set[str]], weights: dict[str, float], total: float) -> float:
        return max((sum(weights[t] for t in found) for found in sentences.values()), default=0.0) / total


def question_weights(query: Query) -> dict[str, float]:
    """Every question term's weight: the searched ones', and the absent words' share of missing_weight."""
    weights = dict(query.weights)
    if query.absent:
        share = query.missing_weight / len(query.absent)
        for term in query.absent:
            weights.setdefault(term, share)
    return weights
