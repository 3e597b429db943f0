"""What re-ranking costs per question, side by side with re-ranking off, on the same library and questions.

    .venv/bin/python bench/bench_rerank.py [--passages N [--datasets DIR]] [--questions Q]

With no --passages: the bundled stories and their question file. With --passages N: SciFact's
abstracts from DIR/scifact (by default ../shared/datasets beside the repository; repeated to reach N) as passages,
50 to a story, and its queries as questions; where ../shared is not there (a git worktree, say), a synthetic library
drawn from the bundled stories' words. Which data it measures is said on stderr; a --datasets without SciFact is
refused. Each question is asked once per
round, alternating the two libraries; the medians of three rounds are printed with their ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from bench_index import SCIFACT, scifact, synthetic  # the sibling script: same data, same questions

from bot.core.corpus import Corpus, Passage, Story, load_corpus
from bot.core.library import StoryLibrary
from bot.core.rerank.model import Reranker, signal_names

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
PASSAGES_PER_STORY = 50


def passages_corpus(texts: list[str]) -> Corpus:
    starts = range(0, len(texts), PASSAGES_PER_STORY)
    stories = tuple(
        Story(f"Story {n}", f"s{n}.txt", start, len(texts[start : start + PASSAGES_PER_STORY]))
        for n, start in enumerate(starts)
    )
    passages = tuple(
        Passage(
            story=n // PASSAGES_PER_STORY,
            number=n % PASSAGES_PER_STORY + 1,
            text=text,
            paragraph=n % PASSAGES_PER_STORY + 1,
        )
        for n, text in enumerate(texts)
    )
    return Corpus(ROOT, stories, passages, ())


def per_question_ms(library: StoryLibrary, questions: list[str]) -> float:
    start = time.perf_counter()
    for question in questions:
        library.ask(question)
    return (time.perf_counter() - start) * 1000 / len(questions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, help="a library of this many passages instead of the bundled one")
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument(
        "--datasets", type=Path, help=f"with --passages: the folder holding scifact/ (default: {SCIFACT.parent})"
    )
    args = parser.parse_args()
    if args.datasets is not None and args.passages is None:
        parser.error("--datasets goes with --passages: without it the bundled stories are measured")
    if args.passages is None:
        corpus = load_corpus(ROOT / "corpus")
        lines = (ROOT / "tests" / "fixtures" / "story_questions.jsonl").read_text("utf-8").splitlines()
        questions = [json.loads(line)["q"] for line in lines if line.strip()]
        source = "bundled stories"
        print("data: the bundled stories and tests/fixtures/story_questions.jsonl", file=sys.stderr)
    else:
        folder = (args.datasets or SCIFACT.parent) / "scifact"
        if (folder / "corpus.jsonl").is_file():
            texts, questions = scifact(args.passages, folder)
            source = "SciFact abstracts"
            print(f"data: SciFact's abstracts and queries from {folder}", file=sys.stderr)
        elif args.datasets is not None:
            sys.exit(f"--datasets {args.datasets}: no scifact/corpus.jsonl there; give the folder holding scifact/")
        else:
            texts, questions = synthetic(args.passages)
            source = "synthetic passages"
            print(
                f"data: synthetic passages of the bundled stories' words, not SciFact: {folder} is not there "
                "(give --datasets)",
                file=sys.stderr,
            )
        corpus = passages_corpus(texts)
    questions = questions[: args.questions]
    started = time.perf_counter()
    reranked = StoryLibrary(corpus)
    built = time.perf_counter() - started
    plain = reranked.with_reranker(Reranker(disabled=signal_names()))
    per_question_ms(reranked, questions)  # warm the caches both share (analyser, lemmas)
    timings: dict[str, list[float]] = {"re-ranking on": [], "re-ranking off": []}
    for _ in range(ROUNDS):
        timings["re-ranking off"].append(per_question_ms(plain, questions))
        reranked._analysed.clear()
        timings["re-ranking on"].append(per_question_ms(reranked, questions))
        reranked._analysed.clear()
    on, off = (statistics.median(timings[k]) for k in ("re-ranking on", "re-ranking off"))
    print(f"{source}: {len(corpus.passages):,} passages (built in {built:.1f} s), {len(questions)} questions")
    print(f"  per question, re-ranking off: {off:.3f} ms")
    print(f"  per question, re-ranking on:  {on:.3f} ms  (+{on - off:.3f} ms, {on / off:.2f}x)")


if __name__ == "__main__":
    main()
