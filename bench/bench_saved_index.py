"""Whole answers from a saved index (its postings and passages read from their files as questions
need them) against the same library held in memory, side by side on the same questions.

    .venv/bin/python bench/bench_saved_index.py [--passages 100000] [--questions 300] [--datasets DIR]

Passages and questions are bench/compare.py's (FairytaleQA and SciFact from ../shared), 50 passages
to a story file. The two libraries answer each question in turn, so a busy machine slows both alike;
what differs is only where the arrays come from. The ratio is what reading the saved index costs.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import compare  # the sibling script

from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument(
        "--datasets", type=Path, help=f"where fairytaleqa/ and scifact/ are (default: {compare.SHARED})"
    )
    args = parser.parse_args()
    texts, questions = compare.texts_and_questions(
        args.passages, args.questions, compare.chosen_datasets(args.datasets)
    )
    with tempfile.TemporaryDirectory() as folder:
        stories = Path(folder, "stories")
        stories.mkdir()
        for number, start in enumerate(range(0, len(texts), 50)):
            (stories / f"story-{number:06}.txt").write_text("\n\n".join(texts[start : start + 50]), encoding="utf-8")
        store = IndexStore(Path(folder, "index"), min_passages=0)
        in_memory = StoryLibrary.load(stories, store=store)  # built, and saved
        saved = StoryLibrary.load(stories, store=store)
        assert saved.opened and not in_memory.opened
        libraries = {"in memory": in_memory, "saved index": saved}
        times: dict[str, list[float]] = {name: [] for name in libraries}
        for question in questions[:20]:  # warm caches the way a running bot has them warm
            for library in libraries.values():
                library.ask(question)
        for question in questions:
            for name, library in libraries.items():
                began = time.perf_counter()
                library.ask(question)
                times[name].append((time.perf_counter() - began) * 1000)
    p50 = {name: statistics.median(found) for name, found in times.items()}
    print(f"{args.passages:,} passages, {len(questions)} whole answers each, side by side")
    for name, found in times.items():
        found.sort()
        p99 = found[min(len(found) - 1, int(len(found) * 0.99))]
        print(f"{name:<12} p50 {p50[name]:.2f} ms  p99 {p99:.2f} ms  ({p50[name] / p50['in memory']:.2f}x)")


if __name__ == "__main__":
    main()
