"""`python -m bot eval`: SciFact-style benchmarks, story-section questions and an owner's checks, as text or JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections.abc import Sequence

from bot.core.analysis import Analyzer
from bot.core.corpus import Corpus
from bot.core.index import BM25Params
from bot.core.library import MIN_MATCH, StoryLibrary
from bot.core.rerank.model import Reranker, signal_names
from bot.core.spelling import SpellingCorrector
from bot.eval.beir import BeirResult, beir_corpus, evaluate_beir
from bot.eval.excerpts import evaluate_excerpts
from bot.eval.people import evaluate_people, load_labels
from bot.eval.questions import check_questions, hit_rates
from bot.eval.sections import Scope, SectionsResult, evaluate_sections, load_section_questions, sections_corpus
from bot.open_library import open_library
from bot.settings import Settings

Configuration = tuple[str, tuple[str, ...]]
NO_CORRECTION = SpellingCorrector([], [], [])
"""A speller that knows no word, so corrects none (--no-correct)."""
"""A row's name and the signals it switches off."""


def configurations(args: argparse.Namespace) -> list[Configuration]:
    off = tuple(signal_names()) if args.no_rerank else tuple(args.without)
    rows: list[Configuration] = [("as configured" if off else "default", off)]
    if args.ablation:
        rows += [(f"without {name}", (name,)) for name in signal_names()]
        rows.append(("BM25Okapi only", tuple(signal_names())))
    return rows


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    analyzer = Analyzer(
        stem=args.stem, stopwords=args.stopwords, fold_accents=args.fold_accents, lemmatize=args.lemmatize
    )
    params = BM25Params(k1=args.k1, b=args.b, epsilon=args.epsilon)
    if args.people is not None:
        return _people(args)
    if args.questions is not None:
        library = open_library(settings, params, analyzer)
        if not args.correct:
            library.speller = NO_CORRECTION
        return _questions(args, library)
    rows: list[dict[str, object]] = []
    if args.beir is not None:
        corpus, doc_ids = beir_corpus(args.beir)
        # A ranking measure: every retrieved document counts, so no minimum match applies.
        for name, library in _libraries(corpus, analyzer, params, configurations(args), args.correct, min_match=0.0):
            result = evaluate_beir(library, doc_ids, args.beir, args.split)
            rows.append({"row": name, "set": f"{result.dataset} ({result.split})"} | _result(result))
    else:
        questions = load_section_questions(args.sections / "questions.jsonl")
        corpus = sections_corpus(args.sections, args.distractors)
        scopes = [Scope.LIBRARY, Scope.STORY] if args.scope == "both" else [Scope(args.scope)]
        for name, library in _libraries(corpus, analyzer, params, configurations(args), args.correct):
            for scope in scopes:
                result = evaluate_sections(library, questions, scope)
                row = {"row": name, "set": f"{args.sections.name} ({scope})"} | _result(result)
                if args.excerpts:
                    row["metrics"] = result.metrics | evaluate_excerpts(library, questions, scope).metrics
                rows.append(row)
    settings_line = f"{analyzer!r}, k1={params.k1} b={params.b} epsilon={params.epsilon}"
    settings_line += "" if args.correct else ", no typo correction"
    if args.json:
        print(json.dumps({"settings": settings_line, "rows": rows}))
        return 0
    print(settings_line)
    for row in rows:
        metrics = row["metrics"]
        assert isinstance(metrics, dict)
        shown = "  ".join(f"{k} {v:.4f}" for k, v in metrics.items())
        print(f"{row['set']:<22}{row['row']:<24}{shown}  ({row['queries_per_second']:,.0f} q/s)")
    return 0


def _libraries(
    corpus: Corpus,
    analyzer: Analyzer,
    params: BM25Params,
    rows: Sequence[Configuration],
    correct: bool = True,
    min_match: float | None = None,
) -> list[tuple[str, StoryLibrary]]:
    """One analysed library, shared by every row, each row with its own re-ranker."""
    base = StoryLibrary(corpus, analyzer, params, MIN_MATCH if min_match is None else min_match)
    if not correct:
        base.speller = NO_CORRECTION
    return [(name, base.with_reranker(Reranker(disabled=off))) for name, off in rows]


def _result(result: BeirResult | SectionsResult) -> dict[str, object]:
    return {"metrics": result.metrics, "queries": result.queries, "queries_per_second": result.queries_per_second}


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
    print(
        f"{result.found:,} people in {result.stories:,} stories ({result.found / max(result.stories, 1):.1f} a story)"
    )
    print(
        f"sample of {len(result.sample)} (seed {args.seed}): {result.labelled} labelled, "
        f"precision {result.precision:.1%}"
    )
    for performer in result.wrong:
        print(f"  not a person: {performer.name} ({performer.path}): {performer.intro}")
    for performer in result.unlabelled:
        print(f"  unlabelled: {json.dumps({'story': performer.path, 'name': performer.name})} {performer.intro}")
    return 0


def _questions(args: argparse.Namespace, library: StoryLibrary) -> int:
    checks = check_questions(library, args.questions)
    rates = hit_rates(checks)
    misses = [c for c in checks if c.rank != 1]
    if args.json:
        print(json.dumps(rates | {"questions": len(checks), "misses": [dataclasses.asdict(c) for c in misses]}))
        return 0
    print(f"{len(checks)} questions: hit@1 {rates['hit@1']:.1%}, hit@3 {rates['hit@3']:.1%}")
    for check in misses:
        where = f"found at rank {check.rank}" if check.rank else "not in the top 3"
        print(f'  miss: "{check.question}" wants "{check.expect}": {where}; answer was {check.got}')
    return 0
