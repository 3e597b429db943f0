"""`python -m bot eval`: SciFact-style benchmarks, story-section questions and an owner's checks, as text or JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

from bot.core.analysis import Analyzer
from bot.core.corpus import Corpus
from bot.core.excerpt import EXCERPT_CHARS
from bot.core.index import BM25Params
from bot.core.library import MIN_MATCH, StoryLibrary
from bot.core.rerank.model import RankingModel, Reranker, signal_names
from bot.core.spelling import SpellingCorrector
from bot.eval.beir import BeirResult, DatasetError, DatasetFault, Part, beir_corpus, evaluate_beir
from bot.eval.excerpts import evaluate_excerpts
from bot.eval.people import evaluate_people, load_labels
from bot.eval.questions import QuestionCheck, check_questions, hit_rates
from bot.eval.sections import (
    Scope,
    SectionQuestion,
    SectionsResult,
    evaluate_sections,
    load_section_questions,
    sections_corpus,
)
from bot.eval.squad import squad_set
from bot.messages import (
    AS_CONFIGURED,
    BM25_ALONE,
    NDCG,
    RANKING_TABLE_HEADER,
    SCIFACT_ALL,
    SCIFACT_HELD_OUT,
    checks_row_text,
    eval_settings_text,
    fairytale_row_text,
    got_text,
    hit_rates_text,
    miss_text,
    not_a_person_text,
    people_found_text,
    people_sample_text,
    scoped_set_text,
    squad_part_text,
    squad_row_text,
    unlabelled_text,
    without_text,
)
from bot.operations.opening import open_library
from bot.settings import Settings

Configuration = tuple[str, tuple[str, ...]]
"""A row's name and the signals it switches off."""
NO_CORRECTION = SpellingCorrector([], [], [])
"""A speller that knows no word, so corrects none (--no-correct)."""


def configurations(args: argparse.Namespace) -> list[Configuration]:
    off = tuple(signal_names()) if args.no_rerank else tuple(args.without)
    rows: list[Configuration] = [(AS_CONFIGURED if off else "default", off)]
    if args.ablation:
        rows += [(without_text(name), (name,)) for name in signal_names()]
        rows.append((BM25_ALONE, tuple(signal_names())))
    return rows


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    analyzer = Analyzer(
        stem=args.stem, stopwords=args.stopwords, fold_accents=args.fold_accents, lemmatize=args.lemmatize
    )
    params = BM25Params(k1=args.k1, b=args.b, epsilon=args.epsilon)
    if args.people is not None:
        return _people(args)
    model = _model(args.model)
    if args.table is not None:
        return _table(args, settings, analyzer, params, model)
    if args.questions is not None:
        library = open_library(settings, params, analyzer)
        if not args.correct:
            library.speller = NO_CORRECTION
        (_, off), *_ = configurations(args)
        return _questions(args, library.with_reranker(Reranker(model, disabled=off)))
    rows: list[dict[str, object]] = []
    if args.beir is not None:
        part = Part(args.part or Part.ALL)
        configured = configurations(args)
        rows = _beir_rows(args.beir, args.split, part, analyzer, params, configured, model, correct=args.correct)
    else:
        set_name, corpus, questions = _section_set(args)
        rows = _section_rows(
            set_name,
            corpus,
            questions,
            args.scope or "both",
            analyzer,
            params,
            configurations(args),
            model,
            correct=args.correct,
            excerpts=args.excerpts,
            excerpt_chars=args.excerpt_chars,
        )
    settings_line = eval_settings_text(repr(analyzer), params.k1, params.b, params.epsilon, args.correct)
    if args.json:
        print(json.dumps({"settings": settings_line, "rows": rows}))
        return 0
    print(settings_line)
    width = max(len(str(row["set"])) for row in rows) + 2
    for row in rows:
        metrics = row["metrics"]
        assert isinstance(metrics, dict)
        shown = "  ".join(f"{k} {v:.4f}" for k, v in metrics.items())
        print(f"{row['set']!s:<{width}}{row['row']:<24}{shown}  ({row['queries_per_second']:,.0f} q/s)")
    return 0


def _section_set(args: argparse.Namespace) -> tuple[str, Corpus, list[SectionQuestion]]:
    """The name, library and questions of --sections, or else of --squad: by default the questions of its
    held-out third of articles, asked over every article."""
    if args.sections is not None:
        questions = load_section_questions(args.sections / "questions.jsonl")
        return args.sections.name, sections_corpus(args.sections, args.distractors), questions
    part = Part(args.part or Part.HELD_OUT)
    return squad_part_text(part), *squad_set(args.squad, part)


def _model(path: Path | None) -> RankingModel:
    if path is None:
        return RankingModel.bundled()
    try:
        data = json.loads(path.read_text("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return RankingModel.from_json(data)
    except (OSError, ValueError) as error:
        raise DatasetError(DatasetFault.NOT_A_MODEL, file=path, detail=str(error)) from error


def _beir_rows(
    folder: Path,
    split: str,
    part: Part,
    analyzer: Analyzer,
    params: BM25Params,
    rows: Sequence[Configuration],
    model: RankingModel,
    *,
    correct: bool = True,
) -> list[dict[str, object]]:
    corpus, doc_ids = beir_corpus(folder)
    found = []
    # A ranking measure: every retrieved document counts, so no minimum match applies.
    for name, library in _libraries(corpus, analyzer, params, rows, model, correct, min_match=0.0):
        result = evaluate_beir(library, doc_ids, folder, split, part)
        found.append({"row": name, "set": f"{result.dataset} ({result.split})"} | _result(result))
    return found


def _section_rows(
    set_name: str,
    corpus: Corpus,
    questions: Sequence[SectionQuestion],
    scope: str,
    analyzer: Analyzer,
    params: BM25Params,
    rows: Sequence[Configuration],
    model: RankingModel,
    *,
    correct: bool = True,
    excerpts: bool = False,
    excerpt_chars: int = EXCERPT_CHARS,
) -> list[dict[str, object]]:
    """Rows of `questions` asked over `corpus`, named `set_name (scope)`."""
    scopes = [Scope.LIBRARY, Scope.STORY] if scope == "both" else [Scope(scope)]
    found = []
    for name, library in _libraries(corpus, analyzer, params, rows, model, correct):
        for each in scopes:
            result = evaluate_sections(library, questions, each)
            row = {"row": name, "set": scoped_set_text(set_name, each)} | _result(result)
            if excerpts:
                library.excerpt_chars = excerpt_chars
                row["metrics"] = result.metrics | evaluate_excerpts(library, questions, each).metrics
            found.append(row)
    return found


def _table(
    args: argparse.Namespace, settings: Settings, analyzer: Analyzer, params: BM25Params, model: RankingModel
) -> int:
    """One row per validation set: its measure with BM25Okapi alone, with the default ranking, and the difference."""
    rows: list[Configuration] = [("default", ()), (BM25_ALONE, tuple(signal_names()))]
    fairytale, scifact = args.table / "fairytaleqa", args.table / "scifact"
    val = fairytale / "val"
    questions = load_section_questions(val / "questions.jsonl")
    corpus = sections_corpus(val, [fairytale / "train"])
    measured = _section_rows(val.name, corpus, questions, "both", analyzer, params, rows, model)
    table: list[tuple[str, str, dict[str, float]]] = [
        (fairytale_row_text(scope), "hit@1", _pair(measured, scoped_set_text(val.name, scope), "hit@1"))
        for scope in (Scope.LIBRARY, Scope.STORY)
    ]
    for part in (Part.HELD_OUT, Part.ALL):
        measured = _beir_rows(scifact, "train", part, analyzer, params, rows, model)
        name = SCIFACT_HELD_OUT if part is Part.HELD_OUT else SCIFACT_ALL
        table.append((name, NDCG, _pair(measured, str(measured[0]["set"]), "ndcg@10")))
    squad = args.squad or args.table / "squad" / "dev-v1.1.json"
    if args.squad or squad.is_file():  # absent unless downloaded (docs/commands.md: eval's options)
        corpus, questions = squad_set(squad, Part.HELD_OUT)
        measured = _section_rows("squad", corpus, questions, "both", analyzer, params, rows, model)
        table += [
            (squad_row_text(scope), "hit@1", _pair(measured, scoped_set_text("squad", scope), "hit@1"))
            for scope in (Scope.LIBRARY, Scope.STORY)
        ]
    library = open_library(settings, params, analyzer)
    checks = {
        name: hit_rates(check_questions(library.with_reranker(Reranker(model, off)), args.checks))["hit@1"]
        for name, off in rows
    }
    table.append((checks_row_text(args.checks.name), "hit@1", checks))
    if args.json:
        print(json.dumps([{"set": s, "measure": m} | values for s, m, values in table]))
        return 0
    print(RANKING_TABLE_HEADER)
    for name, measure, values in table:
        change = values["default"] - values[BM25_ALONE]
        print(f"| {name} | {measure} | {values[BM25_ALONE]:.4f} | **{values['default']:.4f}** | {change:+.4f} |")
    return 0


def _pair(rows: list[dict[str, object]], set_name: str, measure: str) -> dict[str, float]:
    """Each configuration's value of `measure` on one set."""
    found = {}
    for row in rows:
        if row["set"] == set_name:
            metrics = row["metrics"]
            assert isinstance(metrics, dict)
            found[str(row["row"])] = float(metrics[measure])
    return found


def _libraries(
    corpus: Corpus,
    analyzer: Analyzer,
    params: BM25Params,
    rows: Sequence[Configuration],
    model: RankingModel,
    correct: bool = True,
    min_match: float | None = None,
) -> list[tuple[str, StoryLibrary]]:
    """One analysed library, shared by every row, each row with its own re-ranker."""
    base = StoryLibrary(corpus, analyzer, params, MIN_MATCH if min_match is None else min_match)
    if not correct:
        base.speller = NO_CORRECTION
    return [(name, base.with_reranker(Reranker(model, disabled=off))) for name, off in rows]


def _result(result: BeirResult | SectionsResult) -> dict[str, object]:
    return {"metrics": result.metrics, "queries": result.queries, "queries_per_second": result.queries_per_second}


def _questions(args: argparse.Namespace, library: StoryLibrary) -> int:
    scopes = [Scope.LIBRARY, Scope.STORY] if args.scope == "both" else [Scope(args.scope or Scope.LIBRARY)]
    results = []
    for scope in scopes:
        checks = check_questions(library, args.questions, scope)
        results.append((scope, checks, hit_rates(checks)))
    if args.json:
        rows = [
            rates | {"scope": str(scope), "questions": len(checks), "misses": [_miss(c) for c in checks if c.rank != 1]}
            for scope, checks, rates in results
        ]
        print(json.dumps(rows[0] if len(rows) == 1 else {"scopes": rows}))
        return 0
    for scope, checks, rates in results:
        if scopes != [Scope.LIBRARY]:  # the library's alone is shown as it always was
            print(scoped_set_text(args.questions.name, scope))
        print(hit_rates_text(len(checks), rates["hit@1"], rates["hit@3"]))
        for check in checks:
            if check.rank != 1:
                print(miss_text(check.question, check.expect, check.rank, got_text(check)))
    return 0


def _miss(check: QuestionCheck) -> dict[str, object]:
    """A miss in `eval --questions --json`: what was asked and wanted, the rank, and what the answer was."""
    return {"question": check.question, "expect": check.expect, "rank": check.rank, "got": got_text(check)}


def _people(args: argparse.Namespace) -> int:
    result = evaluate_people(args.people, load_labels(args.labels), args.sample, args.seed)
    if args.json:
        print(
            json.dumps(
                {
                    "stories": result.stories,
                    "people": result.found,
                    "sample": len(result.sample),
                    "seed": args.seed,
                    "labelled": result.labelled,
                    "precision": result.precision,
                    "wrong": [dataclasses.asdict(p) for p in result.wrong],
                    "unlabelled": [dataclasses.asdict(p) for p in result.unlabelled],
                }
            )
        )
        return 0
    print(people_found_text(result.found, result.stories))
    print(people_sample_text(len(result.sample), args.seed, result.labelled, result.precision))
    for person in result.wrong:
        print(not_a_person_text(person.name, person.path, person.intro))
    for person in result.unlabelled:
        print(unlabelled_text(json.dumps({"story": person.path, "name": person.name}), person.intro))
    return 0
