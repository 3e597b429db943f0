"""The re-ranker: the signals' features scored by a model fitted by scripts/fit_reranker.py.

The model comes from `model.json` beside this file: a linear model (weights per feature), a
LightGBM ranking model's trees (`trees.py`), or a blend of the two (the linear score plus a fitted
multiple of the trees'), all evaluated with numpy alone. A switched-off
signal's features count as zero, so `eval --without NAME` measures what the signal adds.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal
from bot.core.rerank.signals import ALL_SIGNALS
from bot.core.rerank.trees import TreeEnsemble

RERANK_DEPTH = 20
"""How many of BM25's best passages are reordered; the rest follow in BM25 order."""
MODEL_FILE = "model.json"
PRODUCT = "*"
"""Joins the features a model column multiplies ("coverage*passages")."""


@dataclass(frozen=True)
class RankingModel:
    """Scores candidates from their features, named as the signals name them."""

    features: tuple[str, ...]
    weights: np.ndarray | None = None
    """A linear model's weight per feature."""
    trees: TreeEnsemble | None = None
    """Or a tree ensemble's."""
    blend: tuple[tuple[float, RankingModel], ...] = ()
    """Or a blend's parts: each part's score counts this many times, over the same features."""

    def __post_init__(self) -> None:
        multiplied = [name for name in self.features if name.count(PRODUCT) > 1]
        if multiplied:
            raise ValueError(f"a model's column multiplies two features at most, not {multiplied[0]!r}")

    @classmethod
    def linear(cls, weights: Mapping[str, float]) -> RankingModel:
        return cls(tuple(weights), weights=np.array([float(w) for w in weights.values()]))

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> RankingModel:
        """A model as scripts/fit_reranker.py writes it; ValueError for anything else."""
        kind = data.get("kind")
        if kind == "linear":
            weights = data.get("weights")
            if not isinstance(weights, dict):
                raise ValueError("a linear model needs its weights")
            return cls.linear({str(k): float(v) for k, v in weights.items()})
        if kind == "trees":
            features, trees = data.get("features"), data.get("trees")
            if not isinstance(features, list) or not isinstance(trees, list) or not trees:
                raise ValueError("a trees model needs its features and trees")
            try:
                ensemble = TreeEnsemble.of(trees)
            except (KeyError, TypeError, IndexError) as error:
                raise ValueError(f"a tree is not as exported ({error!r})") from error
            if ensemble.split_feature.size and int(ensemble.split_feature.max()) >= len(features):
                raise ValueError("a tree splits on a feature the model does not name")
            return cls(tuple(map(str, features)), trees=ensemble)
        if kind == "blend":
            linear, trees, alpha = data.get("linear"), data.get("trees"), data.get("alpha")
            if not isinstance(linear, dict) or not isinstance(trees, dict) or not isinstance(alpha, int | float):
                raise ValueError("a blend needs its linear model, its trees and the trees' multiple alpha")
            if linear.get("kind") != "linear" or trees.get("kind") != "trees":
                raise ValueError("a blend's parts are a linear model and a trees model")
            parts = cls.from_json(linear), cls.from_json(trees)
            if parts[0].features != parts[1].features:
                raise ValueError("a blend's parts must name the same features in the same order")
            return cls(parts[0].features, blend=((1.0, parts[0]), (float(alpha), parts[1])))
        raise ValueError(f"unknown ranking model kind {kind!r}")

    @classmethod
    def bundled(cls) -> RankingModel:
        return cls.from_json(json.loads(resources.files("bot.core.rerank").joinpath(MODEL_FILE).read_text("utf-8")))

    def score(self, features: np.ndarray) -> np.ndarray:
        """One score per row of `features`, whose columns are `self.features`."""
        if self.blend:
            return sum((weight * part.score(features) for weight, part in self.blend), np.zeros(len(features)))
        if self.trees is not None:
            return self.trees.predict(features)
        assert self.weights is not None
        return features @ self.weights


@cache
def _factors(computed: tuple[str, ...], names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray]:
    """Each column's two factors, as indexes into the computed features and two more columns after
    them: zeros (a feature not computed: its signal is switched off) and ones (a plain feature's
    second factor). Worked out once per model and set of signals."""
    where = {name: number for number, name in enumerate(computed)}
    zeros, ones = len(computed), len(computed) + 1
    first, second = [], []
    for name in names:
        factor, _, other = name.partition(PRODUCT)
        first.append(where.get(factor, zeros))
        second.append(where.get(other, zeros) if other else ones)
    return np.array(first, dtype=np.intp), np.array(second, dtype=np.intp)


def signal_names() -> list[str]:
    return [signal.name for signal in ALL_SIGNALS]


class Reranker:
    def __init__(self, model: RankingModel | None = None, disabled: Collection[str] = ()):
        unknown = set(disabled) - set(signal_names())
        if unknown:
            raise ValueError(f"no re-ranking signal called {', '.join(sorted(unknown))}; there are {signal_names()}")
        self.model = model or RankingModel.bundled()
        self.signals: list[Signal] = [signal() for signal in ALL_SIGNALS if signal.name not in disabled]

    @property
    def feature_names(self) -> list[str]:
        return [name for signal in self.signals for name in signal.features]

    @property
    def model_columns(self) -> list[str]:
        """What a model is fitted on: each feature of the signals that do not modify, then each of those
        times each modifying signal's feature ("coverage*passages")."""
        plain = [name for signal in self.signals if not signal.modifies for name in signal.features]
        modifiers = [name for signal in self.signals if signal.modifies for name in signal.features]
        return plain + [f"{name}{PRODUCT}{modifier}" for modifier in modifiers for name in plain]

    def features(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        """Every signal's features, one column each in `feature_names`' order."""
        if not candidates:
            return np.zeros((0, len(self.feature_names)))
        return np.hstack([signal.compute(candidates, context) for signal in self.signals])

    def columns(self, candidates: Sequence[Candidate], context: RankingContext, names: Sequence[str]) -> np.ndarray:
        """The columns `names` (as `model_columns` names them), in that order: "a*b" is feature a times
        feature b; a switched-off signal's features are zero, and so are their products."""
        found = self.features(candidates, context)
        first, second = _factors(tuple(self.feature_names), tuple(names))
        padded = np.hstack([found, np.zeros((len(found), 1)), np.ones((len(found), 1))])
        return padded[:, first] * padded[:, second]

    def rerank(self, candidates: Sequence[Candidate], context: RankingContext) -> list[Candidate]:
        """The candidates best first; equal scores keep BM25's order."""
        if not self.signals or len(candidates) < 2:
            return list(candidates)
        combined = self.model.score(self.columns(candidates, context, self.model.features))
        order = np.lexsort((np.arange(len(candidates)), -combined))
        return [candidates[i] for i in order]
