"""A LightGBM ranking model exported to arrays scores exactly as LightGBM does, on the bot's real features."""

import json
from pathlib import Path

import lightgbm
import numpy as np
import pytest

from bot.core.library import StoryLibrary
from bot.core.rerank.model import RankingModel, Reranker
from bot.core.rerank.trees import TreeData, TreeEnsemble, lightgbm_trees
from bot.eval.questions import load_questions

QUESTIONS = Path(__file__).resolve().parents[2] / "fixtures" / "story_questions.jsonl"


@pytest.fixture(scope="module")
def real_lists(library: StoryLibrary) -> tuple[np.ndarray, np.ndarray, list[int]]:
    """Every bundled question's candidates (library-wide and scoped to each story): their features,
    whether each holds the expected phrase, and the lists' sizes."""
    reranker = Reranker()
    features: list[np.ndarray] = []
    answers: list[bool] = []
    sizes: list[int] = []
    for question, expect in load_questions(QUESTIONS):
        query = library.query(question)
        for scope in (None, *range(len(library.corpus.stories))):
            candidates, context = library.candidates(query, scope)
            if len(candidates) < 2:
                continue
            features.append(reranker.features(candidates, context))
            answers.extend(expect in c.view.passage.text for c in candidates)
            sizes.append(len(candidates))
    return np.vstack(features), np.array(answers, dtype=np.int64), sizes


def fitted(features: np.ndarray, answers: np.ndarray, sizes: list[int]) -> lightgbm.Booster:
    settings = {"objective": "lambdarank", "num_leaves": 7, "min_data_in_leaf": 3, "verbose": -1, "seed": 1}
    return lightgbm.train(settings, lightgbm.Dataset(features, answers, group=sizes), num_boost_round=40)


def test_exported_trees_score_every_candidate_exactly_as_lightgbm(real_lists):
    features, answers, sizes = real_lists
    assert answers.any() and not answers.all()
    booster = fitted(features, answers, sizes)
    trees = lightgbm_trees(booster.dump_model())
    assert len(trees) == booster.num_trees() and any(len(t["threshold"]) > 1 for t in trees)
    expected = booster.predict(features, raw_score=True)
    assert np.array_equal(TreeEnsemble.of(trees).predict(features), expected)
    assert len(np.unique(expected)) > 10  # the trees tell candidates apart: the check is not of constants


def test_the_bot_ranks_with_an_exported_model_as_lightgbm_orders(library, real_lists):
    features, answers, sizes = real_lists
    booster = fitted(features, answers, sizes)
    names = Reranker().feature_names
    data = json.loads(json.dumps({"kind": "trees", "features": names, "trees": lightgbm_trees(booster.dump_model())}))
    reranker = Reranker(RankingModel.from_json(data))
    candidates, context = library.candidates(library.query("Where did Sophie grow up?"), None)
    scores = np.asarray(booster.predict(reranker.features(candidates, context), raw_score=True))
    expected = [candidates[i].doc for i in np.lexsort((np.arange(len(candidates)), -scores))]
    assert [c.doc for c in reranker.rerank(candidates, context)] == expected


def test_a_split_on_missing_values_is_refused_rather_than_misread():
    def dump(missing: str) -> dict:
        split = {"split_index": 0, "split_feature": 0, "threshold": 0.5, "decision_type": "<=", "missing_type": missing}
        left, right = {"leaf_index": 0, "leaf_value": 1.0}, {"leaf_index": 1, "leaf_value": 2.0}
        leaves = {"left_child": left, "right_child": right}
        return {"tree_info": [{"tree_structure": split | leaves}]}

    with pytest.raises(ValueError, match="missing values NaN"):
        lightgbm_trees(dump("NaN"))
    trees = lightgbm_trees(dump("None"))
    assert list(TreeEnsemble.of(trees).predict(np.array([[0.2], [0.5], [0.7]]))) == [1.0, 1.0, 2.0]


def test_an_exported_blend_scores_as_its_linear_model_plus_alpha_times_lightgbm(library, real_lists):
    features, answers, sizes = real_lists
    booster = fitted(features, answers, sizes)
    names = Reranker().feature_names
    weights = np.linalg.lstsq(features, answers.astype(float), rcond=None)[0]  # a linear model fitted to the lists
    linear = {"kind": "linear", "weights": dict(zip(names, weights.tolist(), strict=True))}
    trees = {"kind": "trees", "features": names, "trees": lightgbm_trees(booster.dump_model())}
    data = json.loads(json.dumps({"kind": "blend", "alpha": 0.7, "linear": linear, "trees": trees}))
    linear_scores, tree_scores = features @ weights, np.asarray(booster.predict(features, raw_score=True))
    assert np.array_equal(RankingModel.from_json(data).score(features), linear_scores + 0.7 * tree_scores)
    # Neither part alone orders the candidates as the blend does: the check sees both.
    blended = np.argsort(linear_scores + 0.7 * tree_scores, kind="stable")
    assert not np.array_equal(blended, np.argsort(linear_scores, kind="stable"))
    assert not np.array_equal(blended, np.argsort(tree_scores, kind="stable"))


def test_the_bot_ranks_with_an_exported_blend_as_its_parts_add_up(library, real_lists):
    features, answers, sizes = real_lists
    booster = fitted(features, answers, sizes)
    names = Reranker().feature_names
    weights = {name: float(n % 3 - 1) for n, name in enumerate(names)}
    linear = {"kind": "linear", "weights": weights}
    trees = {"kind": "trees", "features": names, "trees": lightgbm_trees(booster.dump_model())}
    reranker = Reranker(RankingModel.from_json({"kind": "blend", "alpha": 2.5, "linear": linear, "trees": trees}))
    candidates, context = library.candidates(library.query("Where did Sophie grow up?"), None)
    computed = reranker.features(candidates, context)
    tree_scores = np.asarray(booster.predict(computed, raw_score=True))
    scores = computed @ np.array(list(weights.values())) + 2.5 * tree_scores
    expected = [candidates[i].doc for i in np.lexsort((np.arange(len(candidates)), -scores))]
    assert [c.doc for c in reranker.rerank(candidates, context)] == expected


def test_trees_of_one_leaf_and_of_several_depths_add_up_row_by_row():
    one_leaf: TreeData = {"split_feature": [], "threshold": [], "left": [], "right": [], "leaf_value": [0.25]}
    # value 0 <= 0.5 ? leaf 0 : (value 1 <= 0.2 ? leaf 1 : leaf 2)
    two_deep: TreeData = {
        "split_feature": [0, 1],
        "threshold": [0.5, 0.2],
        "left": [-1, -2],
        "right": [1, -3],
        "leaf_value": [1, 2, 4],
    }
    ensemble = TreeEnsemble.of([one_leaf, two_deep, one_leaf])
    rows = np.array([[0.5, 9.0], [0.6, 0.2], [0.6, 0.3], [-1.0, -1.0]])
    assert list(ensemble.predict(rows)) == [1.5, 2.5, 4.5, 1.5]
    assert ensemble.predict(np.zeros((0, 2))).shape == (0,)
