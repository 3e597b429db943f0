"""The people's folded names by whole name and by word, sorted for prefixes, their people held in int arrays.

A warming thread builds this for up to 95,000 people in the bot's own process. Built as a list of people per name
and per word, and a (name, person) tuple per name and word, it made some 200,000 small containers at once, and the
full collections they set off in the cyclic garbage collector (which holds the GIL, and so the event loop) took
0.2-0.4 s each (bench/bench_close_names.py). Here the names and words are two sorted lists of strings, and each
one's people a slice of one int array, none of which the collector scans; a lookup is a bisect and a slice.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import reduce

import numpy as np

_JOINERS = re.compile("[-'’]")
"""What joins the parts of one word of a name: a hyphen, an apostrophe."""
NICKNAME_QUOTES = '"“”'
"""What sets apart a name someone is known by within their full name ('Iolanthe "Lanthe" Vasquez-Mbeki')."""


class NameIndex:
    """Each person's folded name, and the distinct names and words in sorted order with the people of each."""

    def __init__(self, keys: list[str]):
        self.keys = keys
        """Each person's folded name, in directory order."""
        name_numbers: dict[str, int] = {}
        word_numbers: dict[str, int] = {}
        name_of = np.fromiter((name_numbers.setdefault(key, len(name_numbers)) for key in keys), np.int64, len(keys))
        word_of: list[int] = []
        holders: list[int] = []
        for person, key in enumerate(keys):
            for word in dict.fromkeys(name_words(key)):
                word_of.append(word_numbers.setdefault(word, len(word_numbers)))
                holders.append(person)
        self.names, places = _sorted(list(name_numbers))
        """The distinct names, sorted."""
        self.name_of = places[name_of]
        """Each person's place in `names`."""
        self._by_name = _Groups(self.name_of, np.arange(len(keys)), len(self.names))
        self.words, places = _sorted(list(word_numbers))
        """The distinct words of the names (`name_words`), sorted."""
        self._by_word = _Groups(places[np.array(word_of, dtype=np.int64)], np.array(holders, np.int64), len(self.words))

    def named(self, key: str) -> list[int]:
        """The people whose whole name is `key`, in directory order."""
        place = _place(self.names, key)
        return [] if place is None else self.people_named(place).tolist()

    def people_named(self, place: int) -> np.ndarray:
        """The people of the name at `place` in `names`, in directory order."""
        return self._by_name.of(place, place + 1)

    def holding(self, word: str) -> np.ndarray:
        """The people whose name holds the word, in directory order."""
        place = _place(self.words, word)
        return self._by_word.of(0, 0) if place is None else self._by_word.of(place, place + 1)

    def holding_all(self, words: list[str]) -> list[int]:
        """The people whose name holds every one of these words, in directory order."""
        return reduce(np.intersect1d, [self.holding(word) for word in words]).tolist()

    def starting(self, prefix: str, limit: int) -> list[int]:
        """The first `limit` people, in directory order, whose name or a word of it starts with the prefix."""
        found = [self._by_name.of(*_starting(self.names, prefix)), self._by_word.of(*_starting(self.words, prefix))]
        return np.unique(np.concatenate(found))[:limit].tolist()

    def holding_all_then_starting(self, words: list[str], limit: int) -> list[int]:
        """The first `limit` people, in directory order, whose name holds each of the words but the last and a word
        starting with the last, in any order: "Iolanthe Vas" typed of 'Iolanthe "Lanthe" Vasquez-Mbeki', whose name
        starts with no such words, or "kalmurzaeva so" of Sofia Kalmurzaeva."""
        starting = self._by_word.of(*_starting(self.words, words[-1]))
        return reduce(np.intersect1d, [self.holding(word) for word in words[:-1]], np.unique(starting))[:limit].tolist()


class _Groups:
    """People in numbered groups, in two arrays: the people, a group after another (each in the order given), and
    where each group starts in them."""

    def __init__(self, group: np.ndarray, people: np.ndarray, count: int):
        """Each of `people` in the group numbered as it is in `group`, of `count` groups."""
        self._people = people[np.argsort(group, kind="stable")]
        self._starts = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(group, minlength=count), out=self._starts[1:])

    def of(self, first: int, end: int) -> np.ndarray:
        """The people of groups [first, end), a group after another."""
        return self._people[self._starts[first] : self._starts[end]]


def name_words(key: str) -> list[str]:
    """The words a folded name is found by: each of its words, and a double name's parts and the parts run together
    ("mcallister-byrne" also as "mcallister", "byrne" and "mcallisterbyrne"; "o'brien" as "o", "brien" and
    "obrien"): people type a hyphen or an apostrophe as a space, or leave it out. A nickname's quotes are no part of
    it ('iolanthe "lanthe" vasquez-mbeki' is found by "lanthe")."""
    found = []
    for quoted in key.split():
        word = quoted.strip(NICKNAME_QUOTES)
        if not word:
            continue
        found.append(word)
        parts = [part for part in _JOINERS.split(word) if part]
        if len(parts) > 1:
            found += [*parts, "".join(parts)]
    return found


def _sorted(texts: list[str]) -> tuple[list[str], np.ndarray]:
    """The texts sorted, and the place in them of each text as given."""
    order = sorted(range(len(texts)), key=texts.__getitem__)
    places = np.empty(len(texts), dtype=np.int64)
    places[order] = np.arange(len(texts))
    return [texts[i] for i in order], places


def _place(texts: list[str], text: str) -> int | None:
    """Where `text` is in the sorted `texts`, if it is."""
    place = bisect_left(texts, text)
    return place if place < len(texts) and texts[place] == text else None


def _starting(texts: list[str], prefix: str) -> tuple[int, int]:
    """The places [first, end) of the sorted `texts` that start with `prefix`: they follow one another."""
    first = bisect_left(texts, prefix)
    return first, bisect_left(texts, True, lo=first, key=lambda text: not text.startswith(prefix))
