"""How often storybot's answer holds what a question wants, against plain BM25 peers on the same passages.

    .venv/bin/pip install -e '.[bench,test]'    # bm25s and PyStemmer; rank-bm25
    .venv/bin/python bench/peer_answers.py bench/untuned3 bench/untuned4 ... [--json]

Each folder holds a `corpus/` of stories and a `questions.jsonl` of {"q": ..., "expect": ...} (or `probes.jsonl`),
as `python -m bot eval --questions` reads them. Issue 15's second target is put this way: on people's questions
about stories nobody tuned for, storybot's answer should hold the answer at least 5 points more often than the
best plain BM25 peer library-wide, and 3 points story-scoped. This measures that on the sets in the repository.

- storybot: `eval --questions`' own check (`bot.eval.questions.check_questions`): the excerpt shown first holds
  the phrase; with its re-ranker, and as BM25Okapi alone (its analysis, no re-ranking).
- bm25s (Lucene's BM25, its English stop words and PyStemmer's English stemmer, as its README indexes) and
  rank-bm25 (BM25Okapi over lower-cased words): each scores storybot's own passages, and its best passage, whole,
  is its answer. A whole passage is never shorter than storybot's excerpt of it, so this favours the peers.

Story-scoped, each question is asked of the one story holding its phrase, as `eval --questions --scope story`
asks it: storybot searches that story alone; a peer takes its best passage among that story's.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from rank_bm25 import BM25Okapi

from bot.core.analysis import fold
from bot.core.library import StoryLibrary
from bot.core.rerank.model import RankingModel, Reranker, signal_names
from bot.eval.questions import check_questions, load_questions, story_holding
from bot.eval.sections import Scope

WORD = re.compile(r"\w+")
BM25_ALONE = "storybot BM25Okapi alone"
Scorer = Callable[[str], np.ndarray]
"""A peer's scores of every passage for a question."""


def bm25s_scorer(texts: Sequence[str]) -> Scorer:
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(list(texts), stopwords="en", stemmer=stemmer, show_progress=False), show_progress=False
    )

    def scores(question: str) -> np.ndarray:
        tokens = bm25s.tokenize([question], stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)
        known = retriever.get_tokens_ids(tokens[0])
        return retriever.get_scores_from_ids(known) if known else np.zeros(len(texts))

    return scores


def rank_bm25_scorer(texts: Sequence[str]) -> Scorer:
    okapi = BM25Okapi([WORD.findall(text.lower()) for text in texts])
    return lambda question: np.asarray(okapi.get_scores(WORD.findall(question.lower())))


PEERS: dict[str, Callable[[Sequence[str]], Scorer]] = {"bm25s": bm25s_scorer, "rank-bm25": rank_bm25_scorer}


def peer_hits(library: StoryLibrary, path: Path, scope: Scope) -> dict[str, float]:
    """Each peer's share of the questions whose best passage holds the phrase wanted."""
    passages = library.corpus.passages
    texts = [passage.text for passage in passages]
    folded = [fold(text) for text in texts]
    stories = np.array([passage.story for passage in passages])
    asked = []  # each question, its folded phrase and the story it is asked of (None: the library)
    for question, expect in load_questions(path):
        wanted = fold(expect)
        asked.append((question, wanted, story_holding(library, wanted) if scope is Scope.STORY else None))
    rates = {}
    for name, make in PEERS.items():
        scorer = make(texts)
        hits = 0
        for question, wanted, story in asked:
            scores = scorer(question).astype(float)
            if story is not None:
                scores = np.where(stories == story, scores, -np.inf)
            hits += wanted in folded[int(np.argmax(scores))]
        rates[name] = hits / len(asked)
    return rates


@dataclass(frozen=True)
class Row:
    """One set in one scope: each way's share of questions answered first with the phrase wanted."""

    name: str
    scope: Scope
    questions: int
    rates: dict[str, float]


def measure(folder: Path, scope: Scope) -> Row:
    path = folder / "questions.jsonl"
    if not path.exists():
        path = folder / "probes.jsonl"
    library = StoryLibrary.load(folder / "corpus")
    model = RankingModel.bundled()
    rates = {}
    for name, off in (("storybot", ()), (BM25_ALONE, tuple(signal_names()))):
        checks = check_questions(library.with_reranker(Reranker(model, disabled=off)), path, scope)
        rates[name] = sum(check.rank == 1 for check in checks) / len(checks)
    rates |= peer_hits(library, path, scope)
    return Row(folder.name, scope, len(checks), rates)


def pooled(rows: Sequence[Row], scope: Scope) -> Row:
    """Every set's questions of one scope together."""
    total = sum(row.questions for row in rows)
    rates = {column: sum(row.rates[column] * row.questions for row in rows) / total for column in rows[0].rates}
    return Row("all", scope, total, rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = []
    for scope in (Scope.LIBRARY, Scope.STORY):
        scoped = [measure(folder, scope) for folder in args.folders]
        rows += [*scoped, pooled(scoped, scope)]
    if args.json:
        print(
            json.dumps(
                [{"set": row.name, "scope": row.scope.value, "questions": row.questions} | row.rates for row in rows]
            )
        )
        return
    columns = list(rows[0].rates)
    print(f"| set | scope | questions | {' | '.join(columns)} | storybot - best peer |")
    print("|" + " --- |" * (len(columns) + 4))
    for row in rows:
        shown = " | ".join(f"{100 * row.rates[column]:.1f}%" for column in columns)
        margin = 100 * (row.rates["storybot"] - max(row.rates[peer] for peer in PEERS))
        print(f"| {row.name} | {row.scope.value} | {row.questions} | {shown} | {margin:+.1f} |")


if __name__ == "__main__":
    main()
