"""/performer autocomplete when no name starts with what was typed: the scan of every name it ran (rapidfuzz's
WRatio over all of them) against the filter it runs now (close_names.py), CPU time, side by side.

    .venv/bin/python bench/bench_close_names.py [--stories DIR ...] [--people 95000] [--names 200]
        [--warming-only] [--freeze]

The people are those of the stories (FairytaleQA train and val), two ways to `--people`: their stories copied
(the same names again and again, as a library of many copies has them) and names made distinct (first names
with other people's first names and surnames, as a big owner corpus has them). What is typed: names of theirs with one
letter changed, dropped, swapped or added, a keystroke at a time, each prefix that no name starts with (those
are the ones the fallback answers). Checks that both give the same people in the same order.

Then the first keystroke after a load, as /performer autocomplete meets it, in a directory read from a saved index (its
people read when first looked up): as before, with the people read and both name indexes built by that keystroke;
now, with them built beforehand (PersonFinder.warm, run by the bot in a thread of its own as the library or view
is built), and what that took, CPU time. Autocomplete waits 1.5 s at most (bot.discord_app.autocomplete). And while
a thread warms, as the bot runs it (the cyclic GC on): the longest the event loop waited for a turn, and the GC's
full collections, which hold the GIL throughout; and the memory the warmed indexes hold (tracemalloc).
`--warming-only` leaves out the scan (minutes, at 95,000 distinct names); `--freeze` runs gc.freeze() once the
libraries are built, as a bot could once its library is loaded: the collector then leaves every object alive at that
point unscanned.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import functools
import gc
import random
import statistics
import time
import tracemalloc
from pathlib import Path

from bench_loop_stalls import longest_stall  # the sibling scripts
from bench_people import FAIRYTALEQA
from bench_typos import typo
from compare import times_ms
from rapidfuzz import fuzz, process

from bot.core.analysis import fold
from bot.core.corpus import load_corpus
from bot.core.people import COMPLETION_LIMIT, FUZZY_MATCH, Person, PersonFinder
from bot.eval.sections import merge_corpora, stories_folder

ROUNDS = 3
"""First keystrokes timed each way: the least is taken (the machine may be shared)."""


def copied(people: list[Person], count: int) -> list[Person]:
    return [
        dataclasses.replace(people[n % len(people)], story=f"copy {n // len(people)}", path=f"{n}.md")
        for n in range(count)
    ]


def distinct(people: list[Person], count: int, rng: random.Random) -> list[Person]:
    firsts = sorted({p.name.split()[0] for p in people})
    lasts = sorted({p.name.split()[-1] for p in people if " " in p.name})
    names = dict.fromkeys(p.name for p in people)
    while len(names) < count:
        middle = rng.choice(["", f" {rng.choice(firsts)}"])
        names[f"{rng.choice(firsts)}{middle} {rng.choice(lasts)}"] = None
    return [Person(name=name, story="story", path=f"{n}.md", intro="", mentions=n % 9) for n, name in enumerate(names)]


def typed_prefixes(directory: PersonFinder, names: list[str], rng: random.Random) -> list[str]:
    """Each keystroke of a misspelt name that no name starts with, once."""
    typed: dict[str, None] = {}
    for name in names:
        wrong = " ".join(fold(typo(name, rng) if len(name) > 3 else name + "q").split())
        for end in range(1, len(wrong) + 1):
            if wrong[end - 1] != " " and falls_back(directory, wrong[:end]):
                typed[wrong[:end]] = None
    return list(typed)


def falls_back(directory: PersonFinder, key: str) -> bool:
    """No name starts with it: else complete() would give one that does."""
    return not any(
        word.startswith(key) for p in directory.complete(key, 1) for word in [fold(p.name), *fold(p.name).split()]
    )


def scanned(keys: list[str], key: str) -> list[int]:
    """What complete()'s fallback ran before: WRatio over every name."""
    return [
        i
        for _, _, i in process.extract(key, keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_MATCH, limit=COMPLETION_LIMIT)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, nargs="+", default=[FAIRYTALEQA / "train", FAIRYTALEQA / "val"])
    parser.add_argument("--people", type=int, default=95_000)
    parser.add_argument("--names", type=int, default=200)
    parser.add_argument("--warming-only", action="store_true", help="leave out the scan against the filter")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() before the first keystrokes and warming")
    args = parser.parse_args()
    rng = random.Random(31)
    corpus = merge_corpora([load_corpus(stories_folder(folder)) for folder in args.stories])
    found = list(PersonFinder.from_corpus(corpus).people)
    print(f"{len(found):,} people in {len(corpus.stories):,} stories, made {args.people:,} two ways")
    print(f"{'library':>10}{'names':>9}{'typed':>7}{'built ms':>10}{'scan p50/max ms':>18}", end="")
    print(f"{'filter p50/max ms':>20}{'scan/filter':>13}")
    libraries: list[tuple[str, PersonFinder, str]] = []
    for label, people in (("copies", copied(found, args.people)), ("distinct", distinct(found, args.people, rng))):
        directory = PersonFinder(people)
        keys = [fold(p.name) for p in directory.people]
        picked = [p.name for p in rng.sample(directory.people, args.names)]
        directory.complete("a")  # builds the name index
        began = time.process_time()
        directory.complete("qqqqq")  # and the filter
        built = (time.process_time() - began) * 1000
        typed = typed_prefixes(directory, picked, rng)
        libraries.append((label, directory, typed[0]))
        if args.warming_only:
            continue
        for key in typed:
            expected = [directory.people[i] for i in scanned(keys, key)]
            assert directory.complete(key) == expected, key
        scan = times_ms(functools.partial(scanned, keys), typed, time.process_time)
        new = times_ms(directory.complete, typed, time.process_time)
        ratio = sum(scan) / sum(new)
        print(f"{label:>10}{len(set(keys)):>9,}{len(typed):>7}{built:>10.0f}", end="")
        print(
            f"{statistics.median(scan):>9.2f}/{max(scan):<8.2f}{statistics.median(new):>11.3f}/{max(new):<8.2f}", end=""
        )
        print(f"{ratio:>12.1f}x")
    if args.freeze:
        gc.collect()
        gc.freeze()
    print(f"{len(gc.get_objects()):,} objects the collector scans, {gc.get_freeze_count():,} frozen")
    print(f"first keystroke after a load (the least of {ROUNDS}), CPU ms:")
    print(f"{'library':>10}{'typed':>9}{'before':>9}{'warmed':>9}{'before/warmed':>15}{'warming':>9}")
    for label, directory, key in libraries:
        before, warmed, warming = first_keystrokes(directory, key)
        print(f"{label:>10}{key:>9}{before:>9.0f}{warmed:>9.1f}{before / warmed:>14.0f}x{warming:>9.0f}")
    print(f"while a thread warms, the GC on (the least of {ROUNDS}): the longest the event loop waited for a turn,")
    print("the GC's full collections and the longest of them; and the memory the warmed indexes hold")
    print(f"{'library':>10}{'loop held ms':>14}{'full GCs':>10}{'longest GC ms':>15}{'memory MB':>11}")
    for label, directory, _ in libraries:
        held, collections, longest = loop_held(directory)
        print(f"{label:>10}{held:>14.0f}{collections:>10}{longest:>15.0f}{held_memory(directory) / 1e6:>11.1f}")


def loop_held(directory: PersonFinder) -> tuple[float, int, float]:
    """The longest the event loop waited for a turn while a thread warmed the directory, ms; the full collections
    the GC ran meanwhile and the longest of them, ms: each the least of ROUNDS."""
    held, counts, longest = [], [], []
    for _ in range(ROUNDS):
        warm = functools.partial(asyncio.to_thread, read_later(directory).warm)
        gc.collect()
        with FullCollections() as full:
            stall, _ = asyncio.run(longest_stall(warm))
        held.append(stall * 1000)
        counts.append(len(full.took))
        longest.append(max(full.took, default=0.0))
    return min(held), min(counts), min(longest)


class FullCollections:
    """The GC's full (generation 2) collections while in this `with`, ms each, in `took`; and the CPU time of the
    thread that ran each, in `cpu` (what a busy machine does not inflate)."""

    def __init__(self) -> None:
        self.took: list[float] = []
        self.cpu: list[float] = []
        self._began = (0.0, 0.0)

    def __enter__(self) -> FullCollections:
        gc.callbacks.append(self._timed)
        return self

    def __exit__(self, *_: object) -> None:
        gc.callbacks.remove(self._timed)

    def _timed(self, phase: str, info: dict[str, int]) -> None:
        if info["generation"] == 2:
            if phase == "start":
                self._began = (time.perf_counter(), time.thread_time())
            else:
                self.took.append((time.perf_counter() - self._began[0]) * 1000)
                self.cpu.append((time.thread_time() - self._began[1]) * 1000)


def held_memory(directory: PersonFinder) -> int:
    """The bytes a warmed directory holds that one just opened does not (its people are read by both)."""
    fresh = read_later(directory)
    assert fresh.people
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        fresh.warm()
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


def read_later(directory: PersonFinder) -> PersonFinder:
    """The directory as a saved index opens it: its people named, read when first looked up, each a new Person
    (as segment_library reads them): what the cyclic GC meets while a thread warms it in the bot."""
    return PersonFinder.read_later(directory.named(), lambda: [dataclasses.replace(p) for p in directory.people])


def first_keystrokes(directory: PersonFinder, key: str) -> tuple[float, float, float]:
    """The first keystroke's CPU ms in a directory just opened, and in one warmed first; the warming's CPU ms."""
    before, warmed, warming = [], [], []
    for _ in range(ROUNDS):
        fresh = read_later(directory)
        began = time.process_time()
        hits = fresh.complete(key)
        before.append((time.process_time() - began) * 1000)
        ready = read_later(directory)
        began = time.process_time()
        ready.warm()
        warming.append((time.process_time() - began) * 1000)
        began = time.process_time()
        assert ready.complete(key) == hits
        warmed.append((time.process_time() - began) * 1000)
    return min(before), min(warmed), min(warming)


if __name__ == "__main__":
    main()
