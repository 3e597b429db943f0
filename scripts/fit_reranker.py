"""Fits the re-ranker's weights on FairytaleQA's train split and writes bot/core/rerank/weights.json.

    .venv/bin/pip install -e '.[fit]' && .venv/bin/python scripts/fit_reranker.py [--data DIR]

Every train question is asked twice, library-wide (all train stories) and scoped to its story. For
each, BM25Okapi's candidates get the signals' features, and a listwise softmax model (the chance
that a candidate is the answer is softmax(features @ weights) over the question's candidates) is
fitted by maximum likelihood with scipy's L-BFGS: it rewards putting an answering passage first,
which is what a reader sees. The runtime needs only the weights' dot product with numpy. Val is
never read here; confirm on it with `python -m bot eval --sections DIR/val`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from bot.core.library import StoryLibrary
from bot.core.rerank.model import RERANK_DEPTH, Reranker
from bot.eval.sections import load_section_questions, sections_corpus

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT / "bot" / "core" / "rerank" / "weights.json"


def candidate_lists(library: StoryLibrary, reranker: Reranker, data: Path) -> list[tuple[np.ndarray, np.ndarray]]:
    """(features, is-answer) per question and scope, for lists holding both an answer and a non-answer."""
    story_by_path = {story.path: n for n, story in enumerate(library.corpus.stories)}
    lists = []
    for item in load_section_questions(data / "questions.jsonl"):
        story = story_by_path[item.file]
        query = library.query(item.question)
        for scope in (None, story):
            candidates, context = library.candidates(query, scope, RERANK_DEPTH)
            answers = np.array(
                [c.view.passage.story == story and c.view.passage.paragraph in item.sections for c in candidates]
            )
            if answers.any() and not answers.all():
                lists.append((reranker.features(candidates, context), answers))
    return lists


def fit(lists: list[tuple[np.ndarray, np.ndarray]], regularisation: float) -> np.ndarray:
    features = np.vstack([f for f, _ in lists])
    answers = np.concatenate([a for _, a in lists])
    group = np.repeat(np.arange(len(lists)), [len(a) for _, a in lists])

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        scores = features @ weights
        top = np.full(len(lists), -np.inf)
        np.maximum.at(top, group, scores)
        exp = np.exp(scores - top[group])
        total = np.bincount(group, exp)
        hit = np.bincount(group, exp * answers)
        value = -np.sum(np.log(hit) - np.log(total)) + regularisation * weights @ weights
        share_all = exp / total[group]
        share_hit = np.where(answers, exp / hit[group], 0.0)
        gradient = features.T @ (share_all - share_hit) + 2 * regularisation * weights
        return float(value), gradient

    return minimize(loss, np.zeros(features.shape[1]), jac=True, method="L-BFGS-B").x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets" / "fairytaleqa")
    parser.add_argument("--regularisation", type=float, default=1.0, help="L2 penalty on the weights")
    parser.add_argument("--without", action="append", default=[], metavar="SIGNAL", help="fit without this signal")
    args = parser.parse_args()
    train = args.data / "train"
    library = StoryLibrary(sections_corpus(train, []))
    reranker = Reranker(disabled=args.without)
    lists = candidate_lists(library, reranker, train)
    weights = dict(
        zip(reranker.feature_names, (round(float(w), 4) for w in fit(lists, args.regularisation)), strict=True)
    )
    print(f"{len(lists):,} candidate lists from {train}")
    for name, weight in weights.items():
        print(f"  {name:<14}{weight:+.4f}")
    note = "Fitted by scripts/fit_reranker.py on FairytaleQA train (listwise softmax, L-BFGS)."
    WEIGHTS.write_text(json.dumps({"note": note, "weights": weights}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
