import math

import pytest

from bot.eval.metrics import evaluate, ranking


def test_trec_eval_breaks_score_ties_by_document_id_descending():
    assert ranking({"a": 1.0, "b": 1.0, "c": 2.0}) == ["c", "b", "a"]


def test_metrics_on_a_hand_worked_example():
    qrels = {
        "q1": {"d1": 2, "d2": 1, "d3": 0},  # d3 judged, but not relevant
        "q2": {"a": 1},
        "q3": {"x": 1},  # judged, never retrieved: counts as zero
        "q4": {"y": 0},  # nothing relevant: not averaged, as in trec_eval
    }
    run = {
        "q1": {"d3": 0.9, "d2": 0.8, "d1": 0.7, "d4": 0.5},
        "q2": {"a": 1.0, "b": 1.0},  # tie: b ranks first
    }
    # q1: DCG = 1/log2(3) + 2/log2(4); ideal = 2/log2(2) + 1/log2(3); first relevant at rank 2.
    q1_ndcg = (1 / math.log2(3) + 1) / (2 + 1 / math.log2(3))
    # q2: a at rank 2 after the tie.
    q2_ndcg = 1 / math.log2(3)
    metrics = evaluate(qrels, run)
    assert metrics["ndcg@10"] == pytest.approx((q1_ndcg + q2_ndcg + 0) / 3)
    assert metrics["recall@100"] == pytest.approx((1 + 1 + 0) / 3)
    assert metrics["mrr@10"] == pytest.approx((0.5 + 0.5 + 0) / 3)


def test_cutoffs():
    relevant_at_11 = {"q": {f"d{i}": 0.0 for i in range(10)} | {"hit": -1.0}}
    metrics = evaluate({"q": {"hit": 1}}, relevant_at_11)
    assert metrics["ndcg@10"] == 0 and metrics["mrr@10"] == 0 and metrics["recall@100"] == 1
