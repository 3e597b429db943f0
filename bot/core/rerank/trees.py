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


@dataclass(frozen=True, kw_only=True)
class TreeEnsemble:
    """Every tree's nodes in one array, so that a step down all trees for all candidates is a few numpy
    calls on flat arrays. A leaf is a node too, whose two children are itself: a walk that reached it
    stays there however many steps the deepest tree still takes."""

    split_feature: np.ndarray
    """(nodes,): the feature each split tests (0 for a leaf)."""
    threshold: np.ndarray
    children: np.ndarray
    """(nodes * 2,): each node's next node when its value is above the threshold, then when it is at most."""
    leaf_value: np.ndarray
    """(nodes,): a leaf's value (0 for a split)."""
    roots: np.ndarray
    """(trees,): each tree's first node."""
    depth: int

    @classmethod
    def of(cls, trees: Sequence[TreeData]) -> TreeEnsemble:
        """ValueError for a tree that is not as `lightgbm_trees` exports one."""
        split_feature: list[int] = []
        threshold: list[float] = []
        children: list[int] = []
        leaf_value: list[float] = []
        roots = []
        for tree in trees:
            roots.append(len(leaf_value))
            splits, leaves = len(tree["threshold"]), len(tree["leaf_value"])
            if (
                leaves != splits + 1
                or not len(tree["split_feature"]) == len(tree["left"]) == len(tree["right"]) == splits
            ):
                raise ValueError(f"a tree of {splits} splits needs as many features and children, and one more leaf")
            if splits and sorted(map(int, [*tree["left"], *tree["right"]])) != [*range(-leaves, 0), *range(1, splits)]:
                raise ValueError("a tree's children must be each of its nodes but the first, once: a tree, no loop")
            children += _children(tree, roots[-1])
            split_feature += [int(f) for f in tree["split_feature"]] + [0] * leaves
            threshold += [float(t) for t in tree["threshold"]] + [0.0] * leaves
            leaf_value += [0.0] * splits + [float(v) for v in tree["leaf_value"]]
        if min(split_feature, default=0) < 0:
            raise ValueError("a tree splits on a feature numbered below 0")
        return cls(
            split_feature=np.array(split_feature, dtype=np.intp),
            threshold=np.array(threshold),
            children=np.array(children, dtype=np.intp),
            leaf_value=np.array(leaf_value),
            roots=np.array(roots, dtype=np.intp),
            depth=_depth(trees),
        )

    def predict(self, features: np.ndarray) -> np.ndarray:
        """The sum of every tree's leaf for each row of `features`, as LightGBM's raw score."""
        rows, width = features.shape
        values = np.ascontiguousarray(features, dtype=np.float64).ravel()
        row_start = np.arange(rows, dtype=np.intp) * width
        node = np.repeat(self.roots[:, None], rows, axis=1)  # (trees, rows)
        for _ in range(self.depth):
            at_most = values[row_start + self.split_feature[node]] <= self.threshold[node]
            node = self.children[2 * node + at_most]
        # Tree by tree, as LightGBM adds them (cumsum adds in order): the same sum to the last bit.
        return np.cumsum(self.leaf_value[node], axis=0)[-1] if len(node) else np.zeros(rows)


def _children(tree: TreeData, root: int) -> list[int]:
    """Each node's two next nodes in the flat array, the tree's first node being `root`: its splits'
    (above the threshold, then at most), then its leaves' (themselves). A tree of one leaf has no split:
    its root is its leaf."""
    splits, leaves = len(tree["threshold"]), len(tree["leaf_value"])

    def node(child: int) -> int:  # one of the tree's (`of` checked)
        return root + (child if child >= 0 else splits - child - 1)

    pairs = [(node(int(right)), node(int(left))) for left, right in zip(tree["left"], tree["right"], strict=True)]
    return [n for pair in pairs for n in pair] + [n for leaf in range(leaves) for n in (root + splits + leaf,) * 2]


def _depth(trees: Sequence[TreeData]) -> int:
    """How many splits the deepest path takes (at least one, for one-leaf trees)."""
    deepest = 1
    for tree in trees:
        if not len(tree["threshold"]):
            continue
        lefts, rights = tree["left"], tree["right"]
        level, frontier = 1, [0]
        while frontier:  # ends: `of` refused a tree whose children loop
            frontier = [int(c) for n in frontier for c in (lefts[n], rights[n]) if c >= 0]
            level += bool(frontier)
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
