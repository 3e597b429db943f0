"""The re-ranker: a linear model over the signals' features, with weights fitted on FairytaleQA train.

Weights come from `weights.json` beside this file (written by scripts/fit_reranker.py); a switched-off
signal's features count as zero, so `eval --without NAME` measures what the signal adds.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal
from bot.core.rerank.signals import ALL_SIGNALS

RERANK_DEPTH = 20
"""How many of BM25's best passages are reordered; the rest follow in BM25 order."""


@dataclass(frozen=True)
class RerankWeights:
    weights: dict[str, float]

    @classmethod
    def bundled(cls) -> RerankWeights:
        text = resources.files("bot.core.rerank").joinpath("weights.json").read_text("utf-8")
        return cls({str(k): float(v) for k, v in json.loads(text)["weights"].items()})


def signal_names() -> list[str]:
    return [signal.name for signal in ALL_SIGNALS]


class Reranker:
    def __init__(self, weights: RerankWeights | None = None, disabled: Collection[str] = ()):
        unknown = set(disabled) - set(signal_names())
        if unknown:
            raise ValueError(f"no re-ranking signal called {', '.join(sorted(unknown))}; there are {signal_names()}")
        self.weights = (weights or RerankWeights.bundled()).weights
        self.signals: list[Signal] = [signal() for signal in ALL_SIGNALS if signal.name not in disabled]

    @property
    def feature_names(self) -> list[str]:
        return [name for signal in self.signals for name in signal.features]

    def features(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        if not candidates:
            return np.zeros((0, len(self.feature_names)))
        return np.hstack([signal.compute(candidates, context) for signal in self.signals])

    def rerank(self, candidates: Sequence[Candidate], context: RankingContext) -> list[Candidate]:
        """The candidates best first; equal scores keep BM25's order."""
        if not self.signals or len(candidates) < 2:
            return list(candidates)
        vector = np.array([self.weights.get(name, 0.0) for name in self.feature_names])
        combined = self.features(candidates, context) @ vector
        order = np.lexsort((np.arange(len(candidates)), -combined))
        return [candidates[i] for i in order]
