"""/performer's two steps for a name several people share: the name looked up (the candidates, a pick list), then
the one picked looked up again by the id its option carries (bot.operations.look_up_person.person_by_id), as the pick
list's callback, and a choice of autocomplete, run it. The people a step reads (the directory's, counted as read) and
its time, the least of 5 runs.

    .venv/bin/python bench/bench_person_pick.py [--stories DIR] [--index DIR] [--people 95000]

The library is the stories' (FairytaleQA train, read whole: a real library with its own story ids), its index saved
in `--index` so that a second run loads it. Its people are then made `--people` as a big library has them (copies of
its people in stories of their own, bench_close_names.py's `copied`), named so that none shares a name with the real
ones, whose names several people share: each such name is looked up, and each of its candidates picked by id.
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import functools
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import SupportsIndex, overload

from bench_close_names import copied  # the sibling scripts
from bench_people import FAIRYTALEQA

from bot.core.analysis import fold
from bot.core.library import StoryLibrary
from bot.core.people import Person, PersonFinder
from bot.core.saved_index import IndexStore
from bot.eval.sections import stories_folder
from bot.operations.look_up_person import PersonFound, look_up_person, person_by_id

ROUNDS = 5


class Counted(tuple[Person, ...]):
    """The directory's people, counting each one read (walked over or taken by position)."""

    read = 0

    def __iter__(self) -> Iterator[Person]:
        for person in super().__iter__():
            Counted.read += 1
            yield person

    @overload
    def __getitem__(self, key: SupportsIndex) -> Person: ...
    @overload
    def __getitem__(self, key: slice) -> tuple[Person, ...]: ...
    def __getitem__(self, key: SupportsIndex | slice) -> Person | tuple[Person, ...]:
        if isinstance(key, slice):
            some = super().__getitem__(key)
            Counted.read += len(some)
            return some
        Counted.read += 1
        return super().__getitem__(key)


def scaled(library: StoryLibrary, people: int) -> StoryLibrary:
    """The library with its people made `people` (copies in stories it does not have), counted as read."""
    own = list(library.person_finder.people)
    copies = copied(own, max(people - len(own), 0))
    others = [dataclasses.replace(p, name=f"Person{n} Copied{n}") for n, p in enumerate(copies)]
    directory = PersonFinder(own + others)
    directory.warm()
    directory.__dict__["people"] = Counted(directory.people)
    big = copy.copy(library)
    big.person_finder = directory
    return big


def measured(call: Callable[[], object]) -> tuple[int, float]:
    """The people one call reads, and its least time of ROUNDS (ms)."""
    Counted.read = 0
    call()
    read = Counted.read
    times = []
    for _ in range(ROUNDS):
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return read, min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=Path, default=FAIRYTALEQA / "train")  # /work/shared/datasets/...
    parser.add_argument("--index", type=Path, default=Path("/tmp/storybot-bench-person-pick"))
    parser.add_argument("--people", type=int, default=95_000)
    args = parser.parse_args()
    real = StoryLibrary.load(stories_folder(args.stories), store=IndexStore(args.index, min_passages=0))
    shared: dict[str, int] = {}
    for someone in real.person_finder.people:
        shared[fold(someone.name)] = shared.get(fold(someone.name), 0) + 1
    names = sorted(name for name, count in shared.items() if count > 1)
    for library in (scaled(real, 0), scaled(real, args.people)):
        directory = library.person_finder
        directory.warm()
        lookups, picks, gone = [], [], []
        for name in names:
            lookup = look_up_person(library, name)
            assert lookup.found is PersonFound.AMBIGUOUS, name
            lookups.append(measured(functools.partial(look_up_person, library, name)))
            for person in lookup.people:
                assert person_by_id(library, person.id) == person
                picks.append(measured(functools.partial(person_by_id, library, person.id)))
                # Autocomplete's choice of someone no longer there, as /performer is sent it: by id, then?
                no_one = person.id.split(":")[0] + ":aaaaaaaa"
                assert look_up_person(library, no_one).found is PersonFound.NONE
                gone.append(measured(functools.partial(look_up_person, library, no_one)))
        print(f"{len(directory.people):,} people: {len(names)} names several people share, ", end="")
        print(f"{len(picks)} picks; people read and ms a call, mean (max)")
        steps = (("name looked up", lookups), ("one picked, by id", picks), ("a gone one's id", gone))
        for step, found in steps:
            read = [r for r, _ in found]
            ms = [t for _, t in found]
            print(f"  {step:<18} read {sum(read) / len(read):>9,.1f} ({max(read):>7,})", end="")
            print(f"   {sum(ms) / len(ms):>7.3f} ms ({max(ms):.3f})")


if __name__ == "__main__":
    main()
