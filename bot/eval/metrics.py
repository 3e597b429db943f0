"""nDCG@k, Recall@k and MRR@k as trec_eval computes them, so our numbers compare with published ones."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

Qrels = Mapping[str, Mapping[str, int]]
"""query id -> document id -> relevance (0 or less: not relevant)."""
Run = Mapping[str, Mapping[str, float]]
"""query id -> document id -> score."""


def ranking(scores: Mapping[str, float]) -> list[str]:
    """trec_eval's order: score descending, ties broken by document id descending."""
    return [doc for doc, _ in sorted(scores.items(), key=lambda item: (item[1], item[0]), reverse=True)]


def ndcg_at(ranked: Sequence[str], relevance: Mapping[str, int], k: int) -> float:
    """Gain is the relevance itself (trec_eval's ndcg_cut), discounted by log2(rank + 1)."""
    dcg = sum(
        relevance.get(doc, 0) / math.log2(rank + 2) for rank, doc in enumerate(ranked[:k]) if relevance.get(doc, 0) > 0
    )
    ideal = sorted((r for r in relevance.values() if r > 0), reverse=True)[:k]
    idcg = sum(r / math.log2(rank + 2) for rank, r in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: Sequence[str], relevance: Mapping[str, int], k: int) -> float:
    relevant = {doc for doc, r in relevance.items() if r > 0}
    return len(relevant.intersection(ranked[:k])) / len(relevant) if relevant else 0.0


def mrr_at(ranked: Sequence[str], relevance: Mapping[str, int], k: int) -> float:
    return next((1 / (rank + 1) for rank, doc in enumerate(ranked[:k]) if relevance.get(doc, 0) > 0), 0.0)


def evaluate(qrels: Qrels, run: Run) -> dict[str, float]:
    """Means over the judged queries; a judged query missing from the run scores 0."""
    judged = [q for q, rel in qrels.items() if any(r > 0 for r in rel.values())]
    totals = {"ndcg@10": 0.0, "recall@100": 0.0, "mrr@10": 0.0}
    for query in judged:
        ranked = ranking(run.get(query, {}))
        relevance = qrels[query]
        totals["ndcg@10"] += ndcg_at(ranked, relevance, 10)
        totals["recall@100"] += recall_at(ranked, relevance, 100)
        totals["mrr@10"] += mrr_at(ranked, relevance, 10)
    return {name: total / len(judged) if judged else 0.0 for name, total in totals.items()}
