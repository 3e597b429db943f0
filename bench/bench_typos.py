"""Misspelt question words and /performer lookups on a big library, CPU time, side by side with the scans
of every word that answered them before (rapidfuzz over the whole list).

    .venv/bin/python bench/bench_typos.py BOOKS [--index DIR] [--words 300]

BOOKS is a folder of story files (with --index, the folder its saved index is in, as STORYBOT_INDEX
names it; else the library is built in memory). Typos: one edit (a swap of neighbours, a letter
dropped, changed or added) of random library words of 5 letters or more; people: names of the
library's people, some with a letter changed, and their surnames. Checks that the filter finds what
the scan finds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from compare import times_ms  # the sibling script
from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.spelling import max_edits


def typo(word: str, rng: random.Random) -> str:
    place = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:place] + word[place + 1] + word[place] + word[place + 2 :]
    if kind == 1:
        return word[:place] + word[place + 1 :]
    letter = rng.choice("abcdefghijklmnopqrstuvwxyz")
    return word[:place] + letter + word[place + (kind == 2) :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("books", type=Path)
    parser.add_argument("--index", type=Path)
    parser.add_argument("--words", type=int, default=300)
    args = parser.parse_args()
    store = IndexStore(args.index, min_passages=0) if args.index else None
    library = StoryLibrary.load(args.books, store=store)
    speller, rng = library.speller, random.Random(18)
    known = set(speller.words)
    long_words = [w for w in speller.words if len(w) >= 5 and w.isalpha()]
    typos = [t for t in (typo(rng.choice(long_words), rng) for _ in range(3 * args.words)) if t not in known]
    typos = typos[: args.words]
    began = time.process_time()
    near = speller.near_words  # built at the first correction
    built = time.process_time() - began
    filtered = times_ms(lambda w: near.closest(w, max_edits(w), 20), typos, time.process_time)
    scanned = times_ms(
        lambda w: process.extract(w, speller.words, scorer=OSA.distance, score_cutoff=max_edits(w), limit=20),
        typos,
        time.process_time,
    )
    for word in typos:
        every = process.extract(word, speller.words, scorer=OSA.distance, score_cutoff=max_edits(word), limit=20)
        assert near.closest(word, max_edits(word), 20) == [(w, int(d), p) for w, d, p in every], word
    print(f"{len(speller.words):,} library words, {len(typos)} typos; filter built in {built * 1000:.0f} ms")
    print(f"closest words, p50 / max: filter {statistics.median(filtered):.2f} / {max(filtered):.2f} ms, ", end="")
    print(f"scan {statistics.median(scanned):.2f} / {max(scanned):.2f} ms (the same words)")
    people = library.person_finder.people
    picked = [p.name for p in rng.sample(people, min(len(people), args.words // 3))]
    asked = picked + [n.lower().replace("a", "e", 1) for n in picked] + [n.split()[-1] for n in picked]
    began = time.process_time()
    library.person_finder.find(asked[0])  # builds the name indexes
    print(f"{len(people):,} people; name indexes built in {(time.process_time() - began) * 1000:.0f} ms")
    found = times_ms(library.person_finder.find, asked, time.process_time)
    completed = times_ms(library.person_finder.complete, [name[:3] for name in asked], time.process_time)
    print(f"/performer lookup p50 / max {statistics.median(found):.2f} / {max(found):.2f} ms, ", end="")
    print(f"completion {statistics.median(completed):.2f} / {max(completed):.2f} ms ({len(asked)} each)")


if __name__ == "__main__":
    main()
