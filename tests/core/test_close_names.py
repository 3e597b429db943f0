import json
import random
from pathlib import Path

import pytest
from rapidfuzz import fuzz, process

from bot.core.analysis import fold
from bot.core.close_names import CloseNames
from bot.core.name_index import NameIndex, name_words
from bot.core.people import COMPLETION_LIMIT, FUZZY_MATCH, FUZZY_SUGGEST, Person, PersonFinder

LABELS = Path(__file__).resolve().parents[2] / "bench" / "people_labels.jsonl"
"""Names the people finder met in FairytaleQA's stories, each labelled a person or not."""


@pytest.fixture(scope="module")
def names() -> list[str]:
    """FairytaleQA's names, and as many again made of their words (first names with other surnames), the
    same name in several stories."""
    real = [json.loads(line)["name"] for line in LABELS.read_text("utf-8").splitlines()]
    rng = random.Random(7)
    words = [word for name in real for word in name.split()]
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(len(real) * 4)]
    return [*real, *made, *real[:100], *made[:50]]


def typed(names: list[str]) -> list[str]:
    """What someone types: each keystroke of names misspelt (a letter changed, dropped, doubled or swapped),
    words in another order or repeated, a word alone, accents and case, and what matches no one."""
    rng = random.Random(11)
    typed = []
    for name in rng.sample(names, 6):
        place = rng.randrange(len(name))
        wrong = [
            name[:place] + "x" + name[place + 1 :],
            name[:place] + name[place + 1 :],
            name[:place] + name[place] * 2 + name[place + 1 :],
            name[:place] + name[place + 1 : place + 2] + name[place : place + 1] + name[place + 2 :],
            " ".join(reversed(name.split())),
            f"{name.split()[-1]} {name.split()[-1]}",
            name.upper(),
        ]
        typed += [w[:end] for w in wrong for end in range(1, len(w) + 1)]
    return [*typed, "a", "é", "o'", "zzzz", "q q q", "mac", "ali bab", "x" * 90, "sébastien", "ann-marie", "  "]


def scan(keys: list[str], key: str, cutoff: float, limit: int | None) -> list[int]:
    """What complete() (at FUZZY_MATCH) and find() (its suggestions) ran before: WRatio over every name."""
    return [i for _, _, i in process.extract(key, keys, scorer=fuzz.WRatio, score_cutoff=cutoff, limit=limit)]


@pytest.mark.parametrize("cutoff", [FUZZY_MATCH, FUZZY_SUGGEST])
def test_the_names_close_to_what_is_typed_are_those_of_a_scan_of_every_name(names, cutoff):
    keys = [fold(name) for name in names]
    close = CloseNames(NameIndex(keys))
    for text in typed(names):
        key = " ".join(fold(text).split())
        assert close.closest(key, cutoff, len(keys)) == scan(keys, key, cutoff, None), key


def test_completion_when_no_name_starts_so_gives_the_people_of_a_scan_in_its_order(names):
    people = [
        Person(name=name, story=f"Story {n % 30}", path=f"s{n % 30}.md", intro="", mentions=n % 5)
        for n, name in enumerate(names)
    ]
    directory = PersonFinder(people)
    keys = [fold(p.name) for p in directory.people]
    fell_back = taken_apart = 0
    for text in typed(names):
        key = " ".join(fold(text).split())
        if not key or any(w.startswith(key) for k in keys for w in [k, *name_words(k)]):
            continue  # a name starts so, by one of the words it is found by ("im" of "I'm")
        fell_back += 1
        # Words that start no name together, each a word of one ("jack z" of "Zengi-mizi Jack"), else close names.
        *whole, last = key.split()
        held = [
            person
            for person, k in zip(directory.people, keys, strict=True)
            if whole
            and all(word in name_words(k) for word in whole)
            and any(word.startswith(last) for word in name_words(k))
        ]
        expected = held[:COMPLETION_LIMIT] or [
            directory.people[i] for i in scan(keys, key, FUZZY_MATCH, COMPLETION_LIMIT)
        ]
        taken_apart += bool(held)
        assert directory.complete(text) == expected, text
    assert fell_back > 100 and taken_apart > 0
