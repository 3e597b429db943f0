"""Fits which sentence of a passage answers, on FairytaleQA train, and writes bot/core/answer_sentences.json.

    .venv/bin/pip install -e '.[fit]' && .venv/bin/python scripts/fit_answer_sentences.py [--data DIR]

Every FairytaleQA train question with answers is asked library-wide (all train stories) and scoped to
its story, as the bot asks it; the passage ranked first, when it holds one of the answers word for
word, is a list of its sentences, those holding the answer marked (a passage and question met in
both scopes counts once). Each sentence gets bot.core.answer_sentences' features, and the listwise
softmax model of scripts/fit_reranker.py (`fit_linear`) is fitted to give the answering sentences
the most chance. Where in its sentence each answer stands (its start and end as shares of the sentence,
for the answers that stand in one) gives bot.core.answer_position's curves, written beside the weights,
for an excerpt that cuts through a sentence. `--cross-validate` writes nothing: each fold of stories
gets its chances and curves from the other folds, and the excerpt cut with them is checked for the
answer, as `eval --excerpts` checks it. Val and every test split are never read here; `python -m bot eval
--sections ... --excerpts` measures what the excerpt keeps.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fit_reranker import ROOT, CandidateLists, ListOf, fit_linear

from bot.core.answer_position import AnswerPosition
from bot.core.answer_sentences import FEATURES, MODEL_FILE, SentenceModel, sentence_features
from bot.core.excerpt import make_excerpt
from bot.core.library import StoryLibrary
from bot.eval.excerpts import answer_places, holds
from bot.eval.sections import load_section_questions, sections_corpus

MODEL = ROOT / "bot" / "core" / MODEL_FILE
POSITION_STEPS = 10
"""The answer position's curves are read at every tenth of a sentence."""


@dataclass(frozen=True)
class Quoted:
    """A passage ranked first that holds an answer: what its excerpt is cut from and must keep."""

    text: str
    matched: list[tuple[int, int]]
    answers: list[str]
    """The question's answers the passage holds."""
    places: list[tuple[float, float]]
    """Each place of an answer that stands in one sentence: its start and end as shares of that sentence."""


def sentence_lists(train: Path) -> tuple[CandidateLists, list[Quoted]]:
    """Every passage ranked first that holds an answer, as a list of its sentences (those holding it
    marked), with what its excerpt is cut from, in the same order."""
    library = StoryLibrary(sections_corpus(train, []))
    story_by_path = {story.path: n for n, story in enumerate(library.corpus.stories)}
    lists = []
    quoted = []
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
            text = best.view.text
            places = [place for answer in item.answers for place in answer_places(text, answer)]
            answers = np.array([any(s < e2 and s2 < e for s2, e2 in places) for s, e in best.view.sentences])
            if answers.any():
                kind = "library" if scope is None else "story"
                lists.append(ListOf(sentence_features(best, query), answers, item.file, kind))
                held = [answer for answer in item.answers if holds(text, answer)]
                within = [
                    ((start - s) / (e - s), (end - s) / (e - s))
                    for start, end in dict.fromkeys(places)
                    for s, e in best.view.sentences
                    if s <= start and end <= e
                ]
                quoted.append(Quoted(text, best.view.places(best.positions), held, within))
    return CandidateLists.of("FairytaleQA train passages' sentences", lists, len(FEATURES)), quoted


def answer_position(quoted: list[Quoted]) -> AnswerPosition:
    return AnswerPosition.fitted([place for item in quoted for place in item.places], POSITION_STEPS)


def useful(lists: CandidateLists) -> np.ndarray:
    """The lists a fit learns from: some sentences hold the answer and some do not."""
    starts = np.cumsum(lists.sizes) - lists.sizes
    return np.array([not lists.answers[s : s + n].all() for s, n in zip(starts, lists.sizes, strict=True)])


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


def cross_validate(lists: CandidateLists, quoted: list[Quoted], regularisation: float) -> None:
    """Each fold's excerpts cut with chances from a model fitted on the other folds: how often the
    likeliest sentence holds the answer, and how often the excerpt keeps it, per kind."""
    fits = useful(lists)
    starts = np.cumsum(lists.sizes) - lists.sizes
    scores = np.zeros(len(lists.answers))
    kept = np.zeros(len(quoted), dtype=bool)
    for fold in sorted({int(f) for f in lists.folds}):
        others = lists.folds != fold
        fitted = fit_linear([lists.subset(fits & others)], [1.0], [*FEATURES], regularisation)
        position = answer_position([item for item, other in zip(quoted, others, strict=True) if other])
        model = SentenceModel.from_json(fitted | {"position": position.to_json()})
        for number in np.flatnonzero(lists.folds == fold):
            rows = slice(starts[number], starts[number] + lists.sizes[number])
            scores[rows] = lists.features[rows] @ model.weights
            item = quoted[number]
            chances = model.chances(lists.features[rows]).tolist()
            excerpt = make_excerpt(item.text, item.matched, chances, position=model.position)
            kept[number] = any(holds(excerpt.text, answer) for answer in item.answers)
    kinds = np.array(lists.kinds)
    likeliest = first_sentence_answers(lists.subset(fits), scores[np.repeat(fits, lists.sizes)])
    print(f"cross-validated: the likeliest sentence holds an answer in {likeliest:.4f} of {fits.sum():,} passages")
    for kind in sorted(set(lists.kinds)):
        of_kind = kinds == kind
        print(f"cross-validated excerpt keeps, {kind}: {kept[of_kind].mean():.4f} of {of_kind.sum():,} passages")
    print(f"cross-validated excerpt keeps, both: {kept.mean():.4f} of {len(kept):,} passages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--regularisation", type=float, default=1.0, help="L2 penalty on the weights")
    parser.add_argument("--output", type=Path, default=MODEL)
    parser.add_argument("--cross-validate", action="store_true", help="measure by folds of stories; write nothing")
    args = parser.parse_args()
    every, quoted = sentence_lists(args.data / "fairytaleqa" / "train")
    if args.cross_validate:
        cross_validate(every, quoted, args.regularisation)
        return
    lists = every.subset(useful(every))
    print(f"{lists.name}: {len(lists.sizes):,} passages, {len(lists.answers):,} sentences")
    model = fit_linear([lists], [1.0], list(FEATURES), args.regularisation)
    position = answer_position(quoted)
    print(f"answers' places in their sentence: head {position.head}, tail {position.tail}")
    model |= {"position": position.to_json()}
    note = "Fitted by scripts/fit_answer_sentences.py on FairytaleQA train's answers."
    args.output.write_text(json.dumps({"note": note} | model, indent=1) + "\n", encoding="utf-8")
    written = SentenceModel.from_json(json.loads(args.output.read_text("utf-8")))  # as the bot loads it
    fitted = SentenceModel.from_json(model)
    if not np.array_equal(written.weights, fitted.weights) or written.position != fitted.position:
        raise AssertionError(f"{args.output} does not hold the weights fitted")
    likeliest = first_sentence_answers(lists, lists.features @ written.weights)
    repeating = first_sentence_answers(lists, lists.features[:, FEATURES.index("best")])
    print(f"the likeliest sentence holds an answer in {likeliest:.4f} of the passages, the one holding most of")
    print(f"the question in {repeating:.4f}")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
