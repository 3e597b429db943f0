"""The people finder's cost at build time, against the build's own word analysis of the same stories.

    .venv/bin/python bench/bench_people.py [--stories DIR ...] [--rounds N]

Both run over the same passages in this process, one after the other, each timed as CPU time (best
of `--rounds`): the ratio says what finding people adds to analysing the words, whatever the
machine's load. Then the stories are joined into one story of 1, 2, 4 and 8 copies: a flat "ms per
MB" column shows the finder's work is linear in the text, however long one story is.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.analysis import Analyzer
from bot.core.build import AnalysedTexts
from bot.core.corpus import Corpus, Passage, Story, load_corpus
from bot.core.people import PersonFinder
from bot.eval.sections import merge_corpora, stories_folder

FAIRYTALEQA = Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "fairytaleqa"


def one_story_of(corpus: Corpus, texts: list[str]) -> Corpus:
    passages = tuple(Passage(story=0, number=n, text=text, paragraph=n) for n, text in enumerate(texts, start=1))
    return Corpus(corpus.root, (Story("One Story", "one-story.md", 0, len(passages)),), passages, ())


def best_cpu_seconds(work: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.process_time()
        work()
        times.append(time.process_time() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, nargs="+", default=[FAIRYTALEQA / "train", FAIRYTALEQA / "val"])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    corpus = merge_corpora([load_corpus(stories_folder(folder)) for folder in args.stories])
    texts = [p.text for p in corpus.passages]
    megabytes = sum(len(t.encode()) for t in texts) / 2**20
    people = best_cpu_seconds(lambda: PersonFinder.from_corpus(corpus), args.rounds)
    words = best_cpu_seconds(lambda: AnalysedTexts.of(texts, Analyzer()), args.rounds)
    found = len(PersonFinder.from_corpus(corpus).people)
    print(f"{len(corpus.stories):,} stories, {len(texts):,} passages, {megabytes:.1f} MB; {found:,} people")
    print(f"people finder {people:.3f} s, word analysis {words:.3f} s: {people / words:.2f}x the analysis")
    print(f"{'copies':>8}{'MB':>8}{'seconds':>10}{'ms per MB':>11}{'vs first':>10}")
    first = None
    for copies in (1, 2, 4, 8):
        one_story = one_story_of(corpus, texts * copies)
        seconds = best_cpu_seconds(functools.partial(PersonFinder.from_corpus, one_story), args.rounds)
        per_mb = seconds * 1000 / (megabytes * copies)
        first = first or per_mb
        print(f"{copies:>8}{megabytes * copies:>8.1f}{seconds:>10.3f}{per_mb:>11.1f}{per_mb / first:>9.2f}x")


if __name__ == "__main__":
    main()
