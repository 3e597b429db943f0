"""`python -m bot eval`: SciFact-style benchmarks and an owner's question checks, as text or JSON."""

from __future__ import annotations

import argparse
import dataclasses
import json

from bot.core.analysis import Analyzer
from bot.core.corpus import load_corpus
from bot.core.index import BM25Params
from bot.core.library import StoryLibrary
from bot.eval.beir import evaluate_beir
from bot.eval.questions import check_questions, hit_rates
from bot.settings import Settings


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    analyzer = Analyzer(stem=args.stem, stopwords=args.stopwords, fold_accents=args.fold_accents)
    params = BM25Params(k1=args.k1, b=args.b, epsilon=args.epsilon)
    if args.beir is not None:
        result = evaluate_beir(args.beir, args.split, params, analyzer)
        if args.json:
            print(
                json.dumps(
                    dataclasses.asdict(result) | {"params": dataclasses.asdict(params), "analyzer": repr(analyzer)}
                )
            )
        else:
            print(f"{result.dataset} ({result.split}): {result.queries:,} queries, {result.documents:,} documents")
            print(f"  {analyzer!r}, k1={params.k1} b={params.b} epsilon={params.epsilon}")
            for name, value in result.metrics.items():
                print(f"  {name:<12}{value:.4f}")
            print(f"  {'queries/s':<12}{result.queries_per_second:,.0f}")
        return 0
    library = StoryLibrary(load_corpus(settings.corpus), analyzer, params)
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
