"""Fits which sentence of a passage answers, on FairytaleQA train, and writes bot/core/answer_sentences.json.

    .venv/bin/pip install -e '.[fit]' && .venv/bin/python scripts/fit_answer_sentences.py [--data DIR]

Every FairytaleQA train question with answers is asked library-wide (all train stories) and scoped to
its story, as the bot asks it; the passage ranked first, when it holds one of the answers word for
word, is a list of its sentences, those holding the answer marked (a passage and question met in
both scopes counts once). Each sentence gets bot.core.answer_sentences' features, and the listwise
softmax model of scripts/fit_reranker.py (`fit_linear`) is fitted to give the answering sentences
the most chance. Val and every test split are never read here; `python -m bot eval --sections ...
--excerpts` measures what the excerpt keeps.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
from fit_reranker import ROOT, CandidateLists, ListOf, fit_linear

from bot.core.answer_sentences import FEATURES, MODEL_FILE, SentenceModel, sentence_features
from bot.core.library import StoryLibrary
from bot.eval.excerpts import answer_places
from bot.eval.sections import load_section_questions, sections_corpus

MODEL = ROOT / "bot" / "core" / MODEL_FILE


def sentence_lists(train: Path) -> CandidateLists:
    library = StoryLibrary(sections_corpus(train, []))
    story_by_path = {story.path: n for n, story in enumerate(library.corpus.stories)}
    lists = []
    seen: set[tuple[int, int]] = set()
    for number, item in enumerate(load_section_questions(train / "questions.jsonl")):
        if not item.answers:
            continue
        query = library.query(item.question.strip())
        for scope in (None, story_by_path[item.file]):
            ranked = library.rank(query, scope, 1)
            if not ranked or (number, ranked[0].doc) in seen:
                continue
            best = ranked[0]
            seen.add((number, best.doc))
            places = [place for answer in item.answers for place in answer_places(best.view.text, answer)]
            answers = np.array([any(s < e2 and s2 < e for s2, e2 in places) for s, e in best.view.sentences])
            if answers.any() and not answers.all():
                kind = "library" if scope is None else "story"
                lists.append(ListOf(sentence_features(best, query), answers, item.file, kind))
    return CandidateLists.of("FairytaleQA train passages' sentences", lists, len(FEATURES))


def first_sentence_answers(lists: CandidateLists, scores: np.ndarray) -> float:
    """The share of lists whose highest-scored sentence (the first of equals) holds the answer."""
    starts = np.cumsum(lists.sizes) - lists.sizes
    return float(
        np.mean(
            [
                lists.answers[start + int(np.argmax(scores[start : start + size]))]
                for start, size in zip(starts, lists.sizes, strict=True)
            ]
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--regularisation", type=float, default=1.0, help="L2 penalty on the weights")
    parser.add_argument("--output", type=Path, default=MODEL)
    args = parser.parse_args()
    lists = sentence_lists(args.data / "fairytaleqa" / "train")
    print(f"{lists.name}: {len(lists.sizes):,} passages, {len(lists.answers):,} sentences")
    model = fit_linear([lists], [1.0], list(FEATURES), args.regularisation)
    note = "Fitted by scripts/fit_answer_sentences.py on FairytaleQA train's answers."
    args.output.write_text(json.dumps({"note": note} | model, indent=1) + "\n", encoding="utf-8")
    written = SentenceModel.from_json(json.loads(args.output.read_text("utf-8")))  # as the bot loads it
    fitted = SentenceModel.from_json(model)
    if not np.array_equal(written.weights, fitted.weights):
        raise AssertionError(f"{args.output} does not hold the weights fitted")
    likeliest = first_sentence_answers(lists, lists.features @ written.weights)
    repeating = first_sentence_answers(lists, lists.features[:, FEATURES.index("best")])
    print(f"the likeliest sentence holds an answer in {likeliest:.4f} of the passages, the one holding most of")
    print(f"the question in {repeating:.4f}")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
