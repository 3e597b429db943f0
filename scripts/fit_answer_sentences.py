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

`--squad FILE` fits on a second kind of text too, Wikipedia articles: SQuAD v1.1's dev set less the third
of its articles held out for `eval --squad FILE --excerpts` (bot/eval/squad.py), its questions asked over
those articles and scoped to their own, carrying `--squad-share` of the weights' fit and of the answer
position's curves. Without it the fit is as before and reproduces the shipped model; the SQuAD fit is not
shipped (docs/ranking.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from fit_reranker import CHECK_FOLD, CHECK_PART, ROOT, CandidateLists, ListOf, fit_linear, in_check_part
from shipped_model import add_mode_arguments, quick_check, run, with_check, write_or_check

from bot.core.answer_position import AnswerPosition
from bot.core.answer_sentences import FEATURES, MODEL_FILE, SentenceModel, sentence_features
from bot.core.corpus import Corpus
from bot.core.excerpt import make_excerpt
from bot.core.library import StoryLibrary
from bot.eval.beir import Part
from bot.eval.excerpts import answer_places, holds
from bot.eval.sections import SectionQuestion, load_section_questions, sections_corpus
from bot.eval.squad import squad_set

MODEL = ROOT / "bot" / "core" / MODEL_FILE
POSITION_STEPS = 10
"""The answer position's curves are read at every tenth of a sentence."""
SQUAD_SHARE = 0.5
"""SQuAD's share of the fit with --squad: of 0.2, 0.5 and 0.8, the one whose cross-validated excerpts kept the
most of both kinds of text (docs/ranking.md, "Excerpts on SQuAD")."""


@dataclass(frozen=True)
class Quoted:
    """A passage ranked first that holds an answer: what its excerpt is cut from and must keep."""

    text: str
    matched: list[tuple[int, int]]
    answers: list[str]
    """The question's answers the passage holds."""
    places: list[tuple[float, float]]
    """Each place of an answer that stands in one sentence: its start and end as shares of that sentence."""


def sentence_lists(name: str, corpus: Corpus, questions: list[SectionQuestion]) -> tuple[CandidateLists, list[Quoted]]:
    """Every passage ranked first that holds an answer, as a list of its sentences (those holding it
    marked), with what its excerpt is cut from, in the same order."""
    library = StoryLibrary(corpus)
    story_by_path = {story.path: n for n, story in enumerate(library.corpus.stories)}
    lists = []
    quoted = []
    seen: set[tuple[int, int]] = set()
    for number, item in enumerate(questions):
        if not item.answers:
            continue
        for scope in (None, story_by_path[item.file]):
            query = library.query(item.question.strip(), scope)
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
    return CandidateLists.of(name, lists, len(FEATURES)), quoted


@dataclass(frozen=True)
class TextSet:
    """One kind of text's passages: their sentence lists, what their excerpts are cut from (in the same
    order), and the share of the fit it carries."""

    lists: CandidateLists
    quoted: list[Quoted]
    share: float

    def subset(self, keep: np.ndarray) -> TextSet:
        quoted = [item for item, kept in zip(self.quoted, keep, strict=True) if kept]
        return TextSet(self.lists.subset(keep), quoted, self.share)


def answer_position(sets: list[TextSet]) -> AnswerPosition:
    """Each kind of text's curves, weighed by its share of the fit."""
    fitted = [
        AnswerPosition.fitted([place for item in each.quoted for place in item.places], POSITION_STEPS) for each in sets
    ]
    total = sum(each.share for each in sets)

    def mixed(curves: list[tuple[float, ...]]) -> tuple[float, ...]:
        points = zip(*curves, strict=True)
        return tuple(round(sum(e.share * x for e, x in zip(sets, p, strict=True)) / total, 4) for p in points)

    return AnswerPosition(mixed([f.head for f in fitted]), mixed([f.tail for f in fitted]))


def fit_model(sets: list[TextSet], regularisation: float) -> dict[str, object]:
    """The sentence weights fitted on the lists that teach something, with the answer position's curves,
    as answer_sentences.json holds them."""
    fitted = fit_linear(
        [each.lists.subset(useful(each.lists)) for each in sets],
        [each.share for each in sets],
        [*FEATURES],
        regularisation,
    )
    return fitted | {"position": answer_position(sets).to_json()}


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


def cross_validate(sets: list[TextSet], regularisation: float) -> None:
    """Each fold's excerpts cut with chances from a model fitted on the other folds (of every kind of
    text): how often the likeliest sentence holds the answer, and how often the excerpt keeps it, per
    kind of text and per kind of question."""
    folds = sorted({int(f) for each in sets for f in each.lists.folds})
    models = {
        fold: SentenceModel.from_json(
            fit_model([each.subset(each.lists.folds != fold) for each in sets], regularisation)
        )
        for fold in folds
    }
    for each in sets:
        lists = each.lists
        fits = useful(lists)
        starts = np.cumsum(lists.sizes) - lists.sizes
        scores = np.zeros(len(lists.answers))
        kept = np.zeros(len(each.quoted), dtype=bool)
        for number, (item, fold) in enumerate(zip(each.quoted, lists.folds, strict=True)):
            model = models[int(fold)]
            rows = slice(starts[number], starts[number] + lists.sizes[number])
            scores[rows] = lists.features[rows] @ model.weights
            chances = model.chances(lists.features[rows]).tolist()
            excerpt = make_excerpt(item.text, item.matched, chances, position=model.position)
            kept[number] = any(holds(excerpt.text, answer) for answer in item.answers)
        kinds = np.array(lists.kinds)
        likeliest = first_sentence_answers(lists.subset(fits), scores[np.repeat(fits, lists.sizes)])
        print(f"{lists.name}, cross-validated:")
        print(f"  the likeliest sentence holds an answer in {likeliest:.4f} of {fits.sum():,} passages")
        for kind in sorted(set(lists.kinds)):
            of_kind = kinds == kind
            print(f"  excerpt keeps, {kind}: {kept[of_kind].mean():.4f} of {of_kind.sum():,} passages")
        print(f"  excerpt keeps, both: {kept.mean():.4f} of {len(kept):,} passages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--regularisation", type=float, default=1.0, help="L2 penalty on the weights")
    parser.add_argument("--output", type=Path, default=MODEL)
    add_mode_arguments(parser, cross_validate="measure by folds of stories; write nothing")
    parser.add_argument(
        "--squad", type=Path, metavar="FILE", help="also fit on SQuAD v1.1's dev-v1.1.json, all but its held-out third"
    )
    parser.add_argument("--squad-share", type=float, default=SQUAD_SHARE, help="SQuAD's share of the fit, with --squad")
    args = parser.parse_args()
    if args.quick_check and args.squad is not None:
        parser.error("--quick-check checks the shipped fit: FairytaleQA only")
    train = args.data / "fairytaleqa" / "train"
    questions = load_section_questions(train / "questions.jsonl")
    if args.quick_check:
        questions = [item for item in questions if in_check_part(item.file)]
    fairytale = sentence_lists("FairytaleQA train passages' sentences", sections_corpus(train, []), questions)
    sets = [TextSet(*fairytale, 1.0 - (args.squad_share if args.squad else 0.0))]
    if args.squad is not None:
        sets.append(
            TextSet(
                *sentence_lists("SQuAD dev (fit part) passages' sentences", *squad_set(args.squad, Part.FIT)),
                args.squad_share,
            )
        )
    if args.cross_validate:
        cross_validate(sets, args.regularisation)
        return
    if args.quick_check:
        if not quick_check(args.output, CHECK_PART, fit_model(sets, args.regularisation)):
            sys.exit(1)
        return
    for each in sets:
        lists = each.lists.subset(useful(each.lists))
        print(f"{lists.name}: {len(lists.sizes):,} passages, {len(lists.answers):,} sentences, share {each.share}")
    model = fit_model(sets, args.regularisation)
    fitted = SentenceModel.from_json(model)
    print(f"answers' places in their sentence: head {fitted.position.head}, tail {fitted.position.tail}")
    note = "Fitted by scripts/fit_answer_sentences.py on FairytaleQA train's answers"
    if args.squad is not None:
        note += f" and SQuAD dev's less its held-out third (--squad-share {args.squad_share})"
    note += "."
    part = fit_model([each.subset(each.lists.folds == CHECK_FOLD) for each in sets], args.regularisation)
    if not write_or_check(args.output, with_check({"note": note} | model, CHECK_PART, part), check=args.check):
        sys.exit(1)
    written = SentenceModel.from_json(json.loads(args.output.read_text("utf-8")))  # as the bot loads it
    if not args.check and (not np.array_equal(written.weights, fitted.weights) or written.position != fitted.position):
        raise AssertionError(f"{args.output} does not hold the weights fitted")
    for each in sets:
        lists = each.lists.subset(useful(each.lists))
        likeliest = first_sentence_answers(lists, lists.features @ written.weights)
        repeating = first_sentence_answers(lists, lists.features[:, FEATURES.index("best")])
        print(f"{lists.name}: the likeliest sentence holds an answer in {likeliest:.4f} of the passages, the one")
        print(f"holding most of the question in {repeating:.4f}")


if __name__ == "__main__":
    run(main)
