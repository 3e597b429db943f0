import json
from importlib import resources

import numpy as np
import pytest

from bot.core.rerank.model import MODEL_FILE, RankingModel, Reranker, signal_names
from tests.core.rerank.conftest import context_for

MILL = 1


def test_the_shipped_model_covers_every_feature():
    data = json.loads(resources.files("bot.core.rerank").joinpath(MODEL_FILE).read_text("utf-8"))
    assert set(RankingModel.from_json(data).features) == set(Reranker().model_columns)
    assert "FairytaleQA train and SciFact train" in data["note"]


def test_a_modifying_signals_features_count_only_as_products_with_the_others():
    columns = Reranker().model_columns
    assert "passages" not in columns and "same_story" not in columns
    assert {"coverage", "coverage*passages", "coverage*same_story"} <= set(columns)
    assert Reranker(disabled=["shape"]).model_columns == Reranker(disabled=["shape"]).feature_names


def test_a_product_column_is_its_features_multiplied_and_zero_when_one_is_switched_off(small_library):
    candidates, context = context_for(small_library, "the miller by the river")
    names = ["coverage", "passages", "coverage*passages"]
    coverage, passages, product = Reranker().columns(candidates, context, names).T
    assert np.array_equal(product, coverage * passages) and len(set(product)) > 1
    _, _, switched_off = Reranker(disabled=["shape"]).columns(candidates, context, names).T
    assert not switched_off.any()


def test_a_switched_off_signal_adds_no_feature():
    reranker = Reranker(disabled=["phrase", "story"])
    assert "phrase" not in reranker.feature_names and "story" not in reranker.feature_names
    assert "coverage" in reranker.feature_names


def test_an_unknown_signal_name_is_refused_with_the_known_ones():
    with pytest.raises(ValueError, match="no re-ranking signal called sparkle"):
        Reranker(disabled=["sparkle"])
    assert "coverage" in signal_names()


def test_weights_decide_the_order(small_library):
    candidates, context = context_for(small_library, "miller river bread")
    by_bm25 = Reranker(RankingModel.linear({"bm25": 1.0})).rerank(candidates, context)
    by_coverage = Reranker(RankingModel.linear({"coverage": 1.0})).rerank(candidates, context)
    assert by_bm25 == candidates  # BM25's own order
    assert (by_coverage[0].view.passage.story, by_coverage[0].view.passage.number) == (MILL, 2)
    assert by_coverage[0] is not candidates[0]


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "boosted"},
        {"kind": "linear"},
        {"kind": "linear", "weights": {"coverage*passages*same_story": 1.0}},
        {"kind": "trees", "features": ["bm25"], "trees": []},
        {"kind": "trees", "features": ["bm25"], "trees": [{"threshold": [0.5]}]},
        {
            "kind": "trees",
            "features": ["bm25"],
            "trees": [{"split_feature": [3], "threshold": [0.5], "left": [-1], "right": [-2], "leaf_value": [0, 1]}],
        },
        {
            "kind": "trees",
            "features": ["bm25"],
            "trees": [{"split_feature": [0], "threshold": [0.5], "left": [-1], "right": [-3], "leaf_value": [0, 1]}],
        },
        {
            "kind": "trees",
            "features": ["bm25"],
            "trees": [{"split_feature": [0], "threshold": [0.5], "left": [-1], "right": [-2], "leaf_value": [0]}],
        },
        {
            "kind": "trees",
            "features": ["bm25"],
            "trees": [{"split_feature": [-1], "threshold": [0.5], "left": [-1], "right": [-2], "leaf_value": [0, 1]}],
        },
        {  # split 1 leads back to split 0 (and leaf 2 is never reached): a walk that never ends in a leaf
            "kind": "trees",
            "features": ["bm25"],
            "trees": [
                {
                    "split_feature": [0, 0],
                    "threshold": [0.5, 0.2],
                    "left": [1, 0],
                    "right": [-1, -2],
                    "leaf_value": [0, 1, 2],
                }
            ],
        },
        {"kind": "blend", "linear": {"kind": "linear", "weights": {"bm25": 1.0}}, "alpha": 1.0},
        {
            "kind": "blend",
            "linear": {"kind": "linear", "weights": {"bm25": 1.0}},
            "trees": {"kind": "linear", "weights": {"bm25": 1.0}},
            "alpha": 1.0,
        },
        {
            "kind": "blend",
            "alpha": 0.5,
            "linear": {"kind": "linear", "weights": {"bm25": 1.0, "coverage": 1.0}},
            "trees": {
                "kind": "trees",
                "features": ["coverage", "bm25"],
                "trees": [
                    {"split_feature": [0], "threshold": [0.5], "left": [-1], "right": [-2], "leaf_value": [0, 1]}
                ],
            },
        },
    ],
)
def test_a_model_file_not_as_the_fitting_script_writes_it_is_refused(data):
    with pytest.raises(ValueError):
        RankingModel.from_json(data)
