"""How long /performer's fuzzy matching holds the event loop, though it runs in a thread (as the bot runs it).

    .venv/bin/python bench/bench_performer_stalls.py [--stories DIR ...] [--people 95000] [--keys 5]

The people are those of the stories (FairytaleQA train and val), made `--people` two ways as bench_close_names.py
makes them (copies of their stories; distinct names). What is typed: people's names misspelt (a letter changed,
dropped, swapped or added in each word), one name (short) and names joined up to 100 characters, /performer's cap
(long): none is anyone's name, so a lookup (find) falls to the fuzzy scores (and, when none is close enough, its
suggestions), and autocomplete (complete) to the close names. Each runs in a thread (asyncio.to_thread, as
bot.discord_app does) while a watcher sleeps 10 ms at a time on the loop: the longest it waited past its 10 ms, the
least of 3 runs, the worst key; and the CPU time of the call itself. The directory is warmed first (its indexes
built), as the bot warms it.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import random
import time
from collections.abc import Callable
from pathlib import Path

from bench_close_names import copied, distinct  # the sibling scripts
from bench_loop_stalls import longest_stall
from bench_people import FAIRYTALEQA
from bench_typos import typo

from bot.core.analysis import fold
from bot.core.corpus import load_corpus
from bot.core.people import PersonFinder
from bot.eval.sections import merge_corpora, stories_folder

ROUNDS = 3
LONG = 100
"""/performer's name option holds at most 100 characters (bot.discord_app.exts.performer)."""
WATCHED = 0.03
"""The watcher's sleeps have begun this long (s) before the thread starts: a thread that takes the GIL at once and holds
it would otherwise hold the loop before the watcher's first sleep began, which then never sees the stall."""


def misspelt(name: str, rng: random.Random) -> str:
    return " ".join(typo(word, rng) if len(word) > 3 else word + "q" for word in name.split())


def keys(directory: PersonFinder, count: int, rng: random.Random) -> dict[str, list[str]]:
    """Short keys (one name misspelt) and long ones (misspelt names joined, cut at LONG characters)."""
    names = [p.name for p in rng.sample(directory.people, count * 8)]
    short = [misspelt(name, rng) for name in names[:count]]
    long = []
    for start in range(count, count * 8, 7):
        joined = " ".join(misspelt(name, rng) for name in names[start : start + 7])
        long.append(joined[:LONG].strip())
    return {"short": short, "long": long}


def held(call: Callable[[], object]) -> tuple[float, float]:
    """The longest the loop waited while a thread ran `call` (the least of ROUNDS), and the call's CPU time: ms."""
    stalls, cpu = [], []
    for _ in range(ROUNDS):

        def timed() -> None:
            began = time.thread_time()
            call()
            cpu.append((time.thread_time() - began) * 1000)

        async def late() -> None:
            await asyncio.sleep(WATCHED)
            await asyncio.to_thread(timed)

        stall, _ = asyncio.run(longest_stall(late))
        stalls.append(stall * 1000)
    return min(stalls), min(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, nargs="+", default=[FAIRYTALEQA / "train", FAIRYTALEQA / "val"])
    parser.add_argument("--people", type=int, default=95_000)
    parser.add_argument("--keys", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(41)
    corpus = merge_corpora([load_corpus(stories_folder(folder)) for folder in args.stories])
    found = list(PersonFinder.from_corpus(corpus).people)
    print(f"{len(found):,} people in {len(corpus.stories):,} stories, made {args.people:,} two ways")
    print(f"in a thread, the worst of {args.keys} keys: the loop held (the least of {ROUNDS} runs) and CPU, ms")
    print(f"{'library':>10}{'key':>7}{'chars':>7}{'find held':>11}{'find CPU':>10}{'complete held':>15}", end="")
    print(f"{'complete CPU':>14}")
    for label, people in (("copies", copied(found, args.people)), ("distinct", distinct(found, args.people, rng))):
        directory = PersonFinder(people)
        directory.warm()
        folded = {fold(p.name) for p in directory.people}
        for kind, typed in keys(directory, args.keys, rng).items():
            assert not folded.intersection(fold(key) for key in typed), kind  # each falls to the fuzzy scores
            finds = [held(functools.partial(directory.find, key)) for key in typed]
            completes = [held(functools.partial(directory.complete, key)) for key in typed]
            print(f"{label:>10}{kind:>7}{max(map(len, typed)):>7}", end="")
            print(f"{max(h for h, _ in finds):>11.1f}{max(c for _, c in finds):>10.1f}", end="")
            print(f"{max(h for h, _ in completes):>15.1f}{max(c for _, c in completes):>14.1f}")


if __name__ == "__main__":
    main()
