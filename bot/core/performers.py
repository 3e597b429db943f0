"""The people of the stories, found in the text itself, and a forgiving lookup by name."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.core.analysis import fold
from bot.core.corpus import Corpus
from bot.core.people_finder import find_people

COMPLETION_LIMIT = 25  # Discord's cap on autocomplete choices
FUZZY_MATCH = 75  # rapidfuzz ratio for "Sofiya" -> "Sofia"; "Sophie" scores 50
FUZZY_SUGGEST = 55

@dataclass(frozen=True)
class Performer:
    name: str
    story: str
    """The story's title."""
    path: str
    intro: str
    """The sentence that introduces them."""
    mentions: int
    passage: int | None = None
    """Where the intro stands: an index into Corpus.passages."""


@dataclass(frozen=True)
class Lookup:
    query: str
    matches: tuple[Performer, ...]
    ambiguous: bool
    suggestions: tuple[str, ...] = ()
    """For no match: the closest names, best first."""


class PerformerDirectory:
    def __init__(self, performers: Iterable[Performer]):
        self.performers = tuple(sorted(performers, key=lambda p: (-p.mentions, p.name, p.story)))
        self._keys = [fold(p.name) for p in self.performers]
        self._words = [key.split() for key in self._keys]

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> PerformerDirectory:
        found = []
        for number, story in enumerate(corpus.stories):
            texts = [p.text for p in corpus.story_passages(number)]
            for performer in _story_performers(texts, story.title, story.path):
                assert performer.passage is not None
                found.append(dataclasses.replace(performer, passage=story.first_passage + performer.passage))
        return cls(found)

    def find(self, query: str) -> Lookup:
        """By full name, first name or surname, any case or accents, forgiving small misspellings."""
        key = " ".join(re.sub(r"['’]s\b", "", fold(query)).replace(",", " ").split())
        if not key:
            return Lookup(query, (), False)
        words = key.split()
        found = [i for i, k in enumerate(self._keys) if k == key]
        if not found:
            found = [i for i, name_words in enumerate(self._words) if all(w in name_words for w in words)]
        if not found:
            found = self._fuzzy(key)
        if not found:
            suggestions = process.extract(key, self._keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_SUGGEST, limit=3)
            names = dict.fromkeys(self.performers[i].name for _, _, i in suggestions)
            return Lookup(query, (), False, tuple(names))
        matches = tuple(self.performers[i] for i in found)
        return Lookup(query, matches, len(matches) > 1)

    def _fuzzy(self, key: str) -> list[int]:
        single_word = " " not in key
        scores = []
        for full, words in zip(self._keys, self._words, strict=True):
            candidates = [full, *words] if single_word else [full]
            scores.append(max(fuzz.ratio(key, c) for c in candidates))
        best = max(scores, default=0)
        if best < FUZZY_MATCH:
            return []
        return [i for i, score in enumerate(scores) if score >= best - 3]

    def complete(self, prefix: str, limit: int = COMPLETION_LIMIT) -> list[Performer]:
        """Names that start with the prefix (any of their words), most mentioned first; else close ones."""
        key = " ".join(fold(prefix).split())
        hits = [
            p
            for p, full, words in zip(self.performers, self._keys, self._words, strict=True)
            if full.startswith(key) or any(w.startswith(key) for w in words)
        ]
        if not hits and key:
            close = process.extract(key, self._keys, scorer=fuzz.WRatio, score_cutoff=FUZZY_MATCH, limit=limit)
            hits = [self.performers[i] for _, _, i in close]
        return hits[:limit]


def _story_performers(texts: list[str], title: str, path: str) -> list[Performer]:
    """The story's people from its passages' texts; an intro is one sentence of one passage."""
    people = find_people(texts, _lowercase_words(texts))
    mentions = _count_mentions("\n\n".join(texts), [p.name for p in people])
    return [Performer(p.name, title, path, p.intro, mentions[p.name], p.passage) for p in people]


_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’]*\b")
_ASCII_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_'")
_ASCII_SEPARATORS = str.maketrans({chr(c): " " for c in range(128) if chr(c) not in _ASCII_WORD_CHARS})


def _lowercase_words(texts: list[str]) -> set[str]:
    """Every word written in lowercase letters: such a word ("grace", "may") is no name in this story.

    In ASCII texts, the runs of word characters and apostrophes that are plain lowercase words (most
    of them) are taken whole, and only the rest go through the pattern: the same set, several times
    faster than the pattern over all the text.
    """
    found = set(_LOWERCASE_WORD.findall("\n\n".join(t for t in texts if not t.isascii())))
    ascii_text = "\n\n".join(t for t in texts if t.isascii())
    for run in set(ascii_text.translate(_ASCII_SEPARATORS).split()):
        if run.isalpha() and run.islower():
            found.add(run)
        else:
            found.update(_LOWERCASE_WORD.findall(run))
    return found


def _count_mentions(text: str, names: Iterable[str]) -> dict[str, int]:
    """Mentions by full name, or by first name or surname alone unless two people share it; one pass."""
    names = list(names)
    word_owners = Counter(w for name in names for w in set(name.split()))
    form_owner = {w: name for name in names for w in name.split() if word_owners[w] == 1}
    form_owner |= {name: name for name in names}
    counts = dict.fromkeys(names, 0)
    if not names:
        return counts
    forms = "|".join(re.escape(form) for form in sorted(form_owner, key=len, reverse=True))
    for match in re.finditer(rf"(?<![\w-])(?:{forms})(?![\w-])", text):
        counts[form_owner[match.group()]] += 1
    return counts
