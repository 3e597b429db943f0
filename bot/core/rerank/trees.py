"""A LightGBM ranking model's trees, evaluated with numpy: the bot needs no LightGBM to run one.

scripts/fit_reranker.py exports each tree as arrays (the feature and threshold each split tests, its
two children, the leaves' values). A value goes left when it is at most the threshold, as LightGBM
decides numerical splits trained without missing values; the export refuses anything else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

TreeData = Mapping[str, Sequence[float] | Sequence[int]]
"""One tree as exported: split_feature, threshold, left, right (a child below 0 is leaf ~child), leaf_value."""


@dataclass(frozen=True)
class TreeEnsemble:
    split_feature: np.ndarray
    """(trees, nodes): the feature each split tests."""
    threshold: np.ndarray
    left: np.ndarray
    """(trees, nodes): the next node when value <= threshold; a leaf is stored as -(leaf + 1)."""
    right: np.ndarray
    leaf_value: np.ndarray
    """(trees, leaves)."""
    depth: int

    @classmethod
    def of(cls, trees: Sequence[TreeData]) -> TreeEnsemble:
        nodes = max(max(len(t["threshold"]) for t in trees), 1)
        leaves = max(len(t["leaf_value"]) for t in trees)
        split_feature = np.zeros((len(trees), nodes), dtype=np.int64)
        threshold = np.zeros((len(trees), nodes))
        # A tree of one leaf has no split: its root "node" sends everything to leaf 0 either way.
        left = np.full((len(trees), nodes), -1, dtype=np.int64)
        right = np.full((len(trees), nodes), -1, dtype=np.int64)
        leaf_value = np.zeros((len(trees), leaves))
        for n, tree in enumerate(trees):
            count = len(tree["threshold"])
            split_feature[n, :count] = tree["split_feature"]
            threshold[n, :count] = tree["threshold"]
            left[n, :count] = tree["left"]
            right[n, :count] = tree["right"]
            leaf_value[n, : len(tree["leaf_value"])] = tree["leaf_value"]
        return cls(split_feature, threshold, left, right, leaf_value, _depth(left, right))

    def predict(self, features: np.ndarray) -> np.ndarray:
        """The sum of every tree's leaf for each row of `features`, as LightGBM's raw score."""
        rows = features.shape[0]
        trees = np.arange(self.split_feature.shape[0])[None, :]
        node = np.zeros((rows, len(trees[0])), dtype=np.int64)
        for _ in range(self.depth):
            inner = node >= 0
            safe = np.where(inner, node, 0)
            value = np.take_along_axis(features, self.split_feature[trees, safe], axis=1)
            step = np.where(value <= self.threshold[trees, safe], self.left[trees, safe], self.right[trees, safe])
            node = np.where(inner, step, node)
        leaves = self.leaf_value[trees, -node - 1]
        total = np.zeros(rows)
        for column in leaves.T:  # tree by tree, as LightGBM adds them: the same sum to the last bit
            total += column
        return total


def _depth(left: np.ndarray, right: np.ndarray) -> int:
    """How many splits the deepest path takes (at least one, for one-leaf trees)."""
    deepest = 1
    for lefts, rights in zip(left, right, strict=True):
        level, frontier = 1, [0]
        while frontier:
            children = [int(c) for n in frontier for c in (lefts[n], rights[n]) if c >= 0]
            if children:
                level += 1
            frontier = children
        deepest = max(deepest, level)
    return deepest


def lightgbm_trees(dump: Mapping[str, object]) -> list[TreeData]:
    """The trees of a LightGBM model as Booster.dump_model() gives them, as arrays `TreeEnsemble.of` takes:
    splits in split_index order, leaves in leaf_index order, a child below 0 being leaf -(child + 1)."""
    info = dump["tree_info"]
    assert isinstance(info, list)
    return [_tree(tree["tree_structure"]) for tree in info]


def _tree(root: Mapping[str, object]) -> TreeData:
    splits: dict[int, tuple[int, float, int, int]] = {}
    leaves: dict[int, float] = {}

    def visit(node: Mapping[str, object]) -> int:
        if "leaf_value" in node:
            leaf = int(str(node.get("leaf_index", 0)))
            leaves[leaf] = float(str(node["leaf_value"]))
            return -(leaf + 1)
        if node["decision_type"] != "<=" or node["missing_type"] != "None":
            raise ValueError(
                f"cannot export a {node['decision_type']} split with missing values {node['missing_type']}"
            )
        left, right = node["left_child"], node["right_child"]
        assert isinstance(left, Mapping) and isinstance(right, Mapping)
        children = (visit(left), visit(right))
        number = int(str(node["split_index"]))
        splits[number] = (int(str(node["split_feature"])), float(str(node["threshold"])), *children)
        return number

    visit(root)
    ordered = [splits[n] for n in range(len(splits))]
    return {
        "split_feature": [s[0] for s in ordered],
        "threshold": [s[1] for s in ordered],
        "left": [s[2] for s in ordered],
        "right": [s[3] for s in ordered],
        "leaf_value": [leaves[n] for n in range(len(leaves))],
    }
