"""Question words the passage lacks but says otherwise: "taught" and "tutors", "dancer" and "performer".

Which words are related comes from WordNet (bot/core/related_words.py). A question word the passage
holds as it is counts elsewhere (coverage, sentence); here count only the words it lacks, by their
weight, in three features: a close relative found in the passage (a synonym or a derived form), only
a kind up or down found ("tutor" and "teacher"), and the best single sentence's share of the question
with relatives counted as matches.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from bot.core.query import Query
from bot.core.related_words import RelatedWords, bundled_related_words
from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal

_NOTHING: frozenset[str] = frozenset()
_NONE: set[str] = set()


class RelatedSignal(Signal):
    name = "related"
    features = ("related_close", "related_kind", "related_sentence")

    def __init__(self, related: RelatedWords | None = None):
        self._given = related
        """None for the bundled words, read on first use: a re-ranker sent to or from a worker process
        carries no copy of them."""

    @property
    def related(self) -> RelatedWords:
        return self._given or bundled_related_words()

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        query = context.query
        weights = question_weights(query)
        total = query.total_weight
        # Each relative, once for the question: the question words it is close to, and those it is a kind of.
        close_to: dict[str, set[str]] = {}
        kind_to: dict[str, set[str]] = {}
        for word in weights:
            for relative in self.related.close.get(word, _NOTHING):
                close_to.setdefault(relative, set()).add(word)
            for relative in self.related.kinds.get(word, _NOTHING):
                kind_to.setdefault(relative, set()).add(word)
        if not (close_to or kind_to) or total <= 0:
            return np.zeros((len(candidates), len(self.features)))
        relatives = close_to.keys() | kind_to.keys()
        found = []
        for candidate in candidates:
            held = relatives.intersection(candidate.view.terms)  # most passages hold none: no walk of their terms
            if held:
                found.append(self._row(candidate, held, close_to, kind_to, weights, total))
            else:  # its sentences' question terms alone, whose weights the question keeps summed
                best = max(map(query.weight_of, candidate.sentence_terms.values()), default=0.0)
                found.append([0.0, 0.0, best / total])
        return np.array(found)

    def _row(
        self,
        candidate: Candidate,
        held: set[str],
        close_to: dict[str, set[str]],
        kind_to: dict[str, set[str]],
        weights: dict[str, float],
        total: float,
    ) -> list[float]:
        view = candidate.view
        sentences: dict[int, frozenset[str] | set[str]] = dict(candidate.sentence_terms)
        close: set[str] = set()
        kind: set[str] = set()
        for position in view.positions(held):
            term = view.terms[position]
            near = close_to.get(term, _NONE)
            below = kind_to.get(term, _NONE)
            found = (near | below) - candidate.matched
            if found:
                close |= near - candidate.matched
                kind |= below - candidate.matched
                sentence = view.sentence_of[position]
                sentences[sentence] = sentences.get(sentence, frozenset()) | found
        kind -= close
        return [
            math.fsum(weights[t] for t in close) / total,
            math.fsum(weights[t] for t in kind) / total,
            self._best(sentences, weights, total),
        ]

    @staticmethod
    def _best(sentences: dict[int, frozenset[str] | set[str]], weights: dict[str, float], total: float) -> float:
        return max((math.fsum(weights[t] for t in found) for found in sentences.values()), default=0.0) / total


def question_weights(query: Query) -> dict[str, float]:
    """Every question term's weight: the searched ones', and the absent words' share of missing_weight."""
    weights = dict(query.weights)
    if query.absent:
        share = query.missing_weight / len(query.absent)
        for term in query.absent:
            weights.setdefault(term, share)
    return weights
