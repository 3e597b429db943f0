"""Top 10 of questions made of frequent words, pruned (`BM25Index.top`) against dense scoring, side by side.

    .venv/bin/python bench/bench_frequent.py [--passages 200000]

Passages of 10 to 120 words drawn from a Zipf vocabulary of 20,000 words (exponent 1.07, as words of
prose run); questions of three words drawn from the 20 most frequent (each in a third to most of
the passages), from ranks 20 to 500, and from the Zipf law itself. Dense scoring is
`BM25Index.scores` (every passage's score) and a partial sort for the best 10, what a top k
without pruning costs. Times are CPU time per question (the machine's other work falls on neither).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import numpy as np
from compare import times_ms  # the sibling script

from bot.core.index import BM25Index

VOCABULARY = 20_000


def zipf_library(passages: int) -> list[list[str]]:
    rng = np.random.default_rng(3)
    weights = 1 / np.arange(1, VOCABULARY + 1) ** 1.07
    lengths = rng.integers(10, 120, size=passages)
    ids = rng.choice(VOCABULARY, size=int(lengths.sum()), p=weights / weights.sum())
    words = [f"w{i}" for i in range(VOCABULARY)]
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    return [[words[i] for i in ids[bounds[n] : bounds[n + 1]]] for n in range(passages)]


def question_sets() -> dict[str, list[list[str]]]:
    rng = np.random.default_rng(5)
    return {
        "frequent (ranks 1-20)": [[f"w{i}" for i in rng.integers(0, 20, size=3)] for _ in range(50)],
        "middling (ranks 20-500)": [[f"w{i}" for i in rng.integers(20, 500, size=3)] for _ in range(50)],
        "Zipf-drawn, 2-5 words": [
            [f"w{int(i) % VOCABULARY}" for i in rng.zipf(1.3, size=int(rng.integers(2, 6)))] for _ in range(50)
        ],
    }


def per_question_ms(ask: Callable[[list[str]], object], questions: list[list[str]]) -> tuple[float, float]:
    """The median and the 90th percentile, after 5 questions to warm up."""
    times = sorted(times_ms(ask, questions, time.process_time, warm=5))
    return float(np.median(times)), times[int(len(times) * 0.9)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=200_000)
    args = parser.parse_args()
    index = BM25Index(zipf_library(args.passages))

    def dense(question: list[str]) -> np.ndarray:
        scores = index.scores(question)
        return np.argpartition(-scores, 10)[:10]

    print(f"{args.passages:,} passages; top 10 per question, CPU ms, p50 / p90")
    print(f"{'questions':<26}{'pruned':>16}{'dense':>16}{'pruned / dense':>17}")
    for name, questions in question_sets().items():
        pruned_ms, dense_ms = per_question_ms(lambda q: index.top(q, 10), questions), per_question_ms(dense, questions)
        print(
            f"{name:<26}{pruned_ms[0]:>8.2f} / {pruned_ms[1]:<5.2f}{dense_ms[0]:>8.2f} / {dense_ms[1]:<5.2f}"
            f"{pruned_ms[0] / dense_ms[0]:>16.2f}x"
        )


if __name__ == "__main__":
    main()
