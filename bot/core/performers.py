"""The people of the stories, found in the text itself, and a forgiving lookup by name."""

from __future__ import annotations

import dataclasses
import re
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
    return [Performer(p.name, title, path, p.intro, p.mentions, p.passage) for p in find_people(texts)]
