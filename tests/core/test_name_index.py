import json
import random
import re
from pathlib import Path

import pytest

from bot.core.analysis import fold
from bot.core.name_index import NameIndex

LABELS = Path(__file__).resolve().parents[2] / "bench" / "people_labels.jsonl"
"""Names the people finder met in FairytaleQA's stories."""


def fairytaleqa(library_names: list[str]) -> list[str]:
    """The bundled stories' people and FairytaleQA's names, and as many again made of their words (first names
    with other surnames), some names in several stories, of accents, joiners and emoji, and an empty one."""
    real = library_names + [json.loads(line)["name"] for line in LABELS.read_text("utf-8").splitlines()]
    rng = random.Random(5)
    words = [word for name in real for word in name.split()] + ["Zoë", "Gro\u00df", "A\u200db", "\U0001f600"]
    made = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 3))) for _ in range(len(real) * 8)]
    return [fold(name) for name in [*real, *made, *real[:50], *made[:200], ""]]


@pytest.fixture(scope="module")
def keys(library) -> list[str]:
    return fairytaleqa([p.name for p in library.person_finder.people])


def typed(keys: list[str]) -> list[str]:
    """Every prefix of names and of their words, and misspelt, and what starts no name."""
    rng = random.Random(3)
    texts = [*rng.sample(keys, 200), *(word for key in rng.sample(keys, 200) for word in key.split())]
    texts += [text[:place] + "x" + text[place + 1 :] for text in texts if text for place in [rng.randrange(len(text))]]
    return [*(text[:end] for text in texts for end in range(len(text) + 1)), "zzz", "\U0010ffff", "é", "a "]


def _forms(word: str) -> list[str]:
    """A word of a name, and a double name's parts and the parts run together."""
    parts = re.findall(r"[^-'’]+", word)
    return [word, *parts, "".join(parts)] if len(parts) > 1 else [word]


class Scanned:
    """What the index is to give, from loops over every person: the reference."""

    def __init__(self, keys: list[str]):
        self.by_key: dict[str, list[int]] = {}
        self.by_word: dict[str, list[int]] = {}
        self.by_start: dict[str, set[int]] = {}
        for i, key in enumerate(keys):
            self.by_key.setdefault(key, []).append(i)
            words = list(dict.fromkeys(found for word in key.split() for found in _forms(word)))
            for word in words:
                self.by_word.setdefault(word, []).append(i)
            for text in [key, *words]:
                for end in range(len(text) + 1):
                    self.by_start.setdefault(text[:end], set()).add(i)

    def holding_all(self, words: list[str]) -> list[int]:
        return sorted(set.intersection(*(set(self.by_word.get(word, [])) for word in words)))

    def starting(self, prefix: str, limit: int) -> list[int]:
        return sorted(self.by_start.get(prefix, set()))[:limit]


def test_whole_names_and_words_give_their_people(keys):
    scanned, index = Scanned(keys), NameIndex(keys)
    for text in typed(keys):
        assert index.named(text) == scanned.by_key.get(text, []), text
        assert index.holding(text).tolist() == scanned.by_word.get(text, []), text
    assert index.words == sorted(scanned.by_word) and index.names == sorted(scanned.by_key)
    assert [index.names[place] for place in index.name_of] == keys


def test_names_holding_several_words_are_those_holding_each(keys):
    scanned, index = Scanned(keys), NameIndex(keys)
    rng = random.Random(8)
    for key in rng.sample(keys, 300):
        words = key.split()
        for asked in (words, words[::-1], words[:1], [*words, "zzz"], [words[-1], words[-1]] if words else []):
            if asked:
                assert index.holding_all(asked) == scanned.holding_all(asked), asked


@pytest.mark.parametrize("limit", [1, 25, 10_000])
def test_completions_are_the_first_people_a_name_or_word_of_whom_starts_so(keys, limit):
    scanned, index = Scanned(keys), NameIndex(keys)
    for text in typed(keys):
        assert index.starting(text, limit) == scanned.starting(text, limit), text


def test_no_people():
    index = NameIndex([])
    assert index.named("a") == [] and index.holding("a").size == 0 and index.holding_all(["a", "b"]) == []
    assert index.starting("", 5) == [] and index.names == [] and index.words == []


def test_a_double_name_is_found_by_its_parts_and_by_them_run_together():
    keys = [fold(name) for name in ["Captain Seamus McAllister-Byrne", "Amélie Dubois-Carter", "Rory", "-Bo-"]]
    index = NameIndex(keys)
    assert index.holding_all(["mcallister", "byrne"]) == [0]
    assert index.holding("mcallisterbyrne").tolist() == [0] and index.holding("carter").tolist() == [1]
    assert index.starting("byr", 5) == [0] and index.holding("bo").tolist() == []  # one part: no double name
    irish = NameIndex([fold("Inspector Hamish O'Brien"), fold("Seán Ó’Súilleabháin")])
    assert irish.holding_all(["hamish", "obrien"]) == [0] and irish.holding_all(["o", "brien"]) == [0]
    assert irish.holding("osuilleabhain").tolist() == [1]
