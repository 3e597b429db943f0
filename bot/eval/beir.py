"""Ranking quality on a BEIR-layout collection, through the same analysis and index the bot uses."""

from __future__ import annotations

import csv
import json
import time
from dataclasses import dataclass
from pathlib import Path

from bot.core.analysis import Analyzer
from bot.core.index import DEFAULT_PARAMS, BM25Index, BM25Params
from bot.eval.metrics import evaluate

DEPTH = 100  # documents retrieved per query, as BEIR does for Recall@100


class DatasetError(Exception):
    """The folder is not a usable BEIR collection; the message says what is missing."""


@dataclass(frozen=True)
class BeirResult:
    dataset: str
    split: str
    queries: int
    documents: int
    metrics: dict[str, float]
    queries_per_second: float


def _jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        raise DatasetError(f"{path} is missing; a BEIR folder has corpus.jsonl, queries.jsonl and qrels/<split>.tsv.")
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    if not path.is_file():
        raise DatasetError(f"{path} is missing; pick a split that has a qrels/<split>.tsv file.")
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as rows:
        reader = csv.reader(rows, delimiter="\t")
        next(reader, None)
        for row in reader:
            if len(row) >= 3:
                qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    return qrels


def evaluate_beir(
    folder: Path, split: str = "train", params: BM25Params = DEFAULT_PARAMS, analyzer: Analyzer | None = None
) -> BeirResult:
    analyzer = analyzer or Analyzer()
    corpus = _jsonl(folder / "corpus.jsonl")
    qrels = load_qrels(folder / "qrels" / f"{split}.tsv")
    queries = {q["_id"]: q["text"] for q in _jsonl(folder / "queries.jsonl") if q["_id"] in qrels}
    doc_ids = [d["_id"] for d in corpus]
    index = BM25Index((analyzer.terms(f"{d.get('title', '')} {d.get('text', '')}") for d in corpus), params)
    start = time.perf_counter()
    run = {
        query_id: {doc_ids[doc]: score for doc, score in index.top(analyzer.terms(text), DEPTH)}
        for query_id, text in queries.items()
    }
    elapsed = time.perf_counter() - start
    return BeirResult(
        folder.name, split, len(queries), len(corpus), evaluate(qrels, run), len(queries) / max(elapsed, 1e-9)
    )
