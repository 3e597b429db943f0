"""The shape every re-ranking signal has."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

import numpy as np

from bot.core.query import Query
from bot.core.rerank.candidate import Candidate, RankingContext


class Signal(ABC):
    name: ClassVar[str]
    """What `eval --without` calls it."""
    features: ClassVar[tuple[str, ...]]
    """The columns `compute` returns, named as in model.json."""
    modifies: ClassVar[bool] = False
    """True for a signal that says how to weigh the others (the text's shape) rather than what answers:
    the model takes each other signal's feature times each of its features ("coverage*passages"), not
    its features alone."""

    @abstractmethod
    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        """One row per candidate, one column per feature, each about 0 to 1."""


def matched_weight(terms: frozenset[str], query: Query) -> float:
    """The share of the question's weight that these terms carry."""
    total = query.total_weight
    return query.weight_of(terms) / total if total else 0.0


def matched_tokens(candidate: Candidate) -> list[tuple[int, str]]:
    """(token position, term) of each question term in the passage, in order."""
    terms = candidate.view.terms
    return [(i, terms[i]) for i in candidate.positions]
