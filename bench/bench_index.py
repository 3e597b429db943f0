"""Question latency of storybot's BM25 index against rank-bm25's BM25Okapi, side by side.

    .venv/bin/python bench/bench_index.py [--passages N] [--questions Q]

Uses SciFact from ../shared when present (abstracts as passages, repeated to reach N, and its
queries as questions),
else a synthetic corpus drawn from the bundled stories' words. Both engines score the same
analyzed passages with the same parameters; the ratio is rank-bm25's time over ours.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
from rank_bm25 import BM25Okapi

from bot.core.analysis import Analyzer
from bot.core.corpus import load_corpus
from bot.core.index import BM25Index

Result = TypeVar("Result")
ROOT = Path(__file__).resolve().parents[1]
SCIFACT = ROOT.parent / "shared" / "datasets" / "scifact"


def scifact(limit: int, folder: Path = SCIFACT) -> tuple[list[str], list[str]]:
    with open(folder / "corpus.jsonl", encoding="utf-8") as lines:
        docs = [f"{d['title']} {d['text']}" for d in map(json.loads, lines)]
    with open(folder / "queries.jsonl", encoding="utf-8") as lines:
        queries = [q["text"] for q in map(json.loads, lines)]
    return [docs[i % len(docs)] for i in range(limit)], queries


def synthetic(limit: int) -> tuple[list[str], list[str]]:
    words = " ".join(p.text for p in load_corpus(ROOT / "corpus").passages).split()
    rng = random.Random(7)
    docs = [" ".join(rng.choices(words, k=60)) for _ in range(limit)]
    queries = [" ".join(rng.choices(words, k=6)) for _ in range(200)]
    return docs, queries


def timed(function: Callable[..., Result], *args: object) -> tuple[float, Result]:
    start = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=5183)
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    source = "SciFact" if (SCIFACT / "corpus.jsonl").exists() else "synthetic"
    docs, queries = (scifact if source == "SciFact" else synthetic)(args.passages)
    analyzer = Analyzer()
    tokenized = [analyzer.terms(d) for d in docs]
    questions = [analyzer.terms(q) for q in queries[: args.questions]]

    build_ours, ours = timed(BM25Index, tokenized)
    build_ref, reference = timed(BM25Okapi, tokenized)
    ask_ours, ours_scores = timed(lambda: [ours.scores(q) for q in questions])
    top_ours, _ = timed(lambda: [ours.top(q, 10) for q in questions])
    ask_ref, ref_scores = timed(lambda: [reference.get_scores(q) for q in questions])
    agree = all(np.allclose(a, b, rtol=1e-5, atol=1e-6) for a, b in zip(ours_scores, ref_scores, strict=True))

    print(f"{source}: {len(docs)} passages, {len(questions)} questions; scores agree: {agree}")
    print(f"{'':18}{'storybot':>12}{'rank-bm25':>12}{'ratio':>9}")
    print(f"{'build (s)':18}{build_ours:12.3f}{build_ref:12.3f}{build_ref / build_ours:8.1f}x")
    per_q = 1000 / len(questions)
    print(f"{'per question (ms)':18}{ask_ours * per_q:12.3f}{ask_ref * per_q:12.3f}{ask_ref / ask_ours:8.1f}x")
    print(f"{'top 10 (ms)':18}{top_ours * per_q:12.3f}{ask_ref * per_q:12.3f}{ask_ref / top_ours:8.1f}x")


if __name__ == "__main__":
    main()
