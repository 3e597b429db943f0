"""The people of the stories, found in the text itself, and a forgiving lookup by name."""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from rapidfuzz import fuzz

from bot.core.analysis import fold
from bot.core.close_names import CloseNames
from bot.core.corpus import Corpus
from bot.core.fuzzy import closest
from bot.core.invisible_characters import ZERO_WIDTH_SPACE, plain_question
from bot.core.name_index import NICKNAME_QUOTES, NameIndex
from bot.core.people_finder import HONORIFICS, find_people, role_titles

COMPLETION_LIMIT = 25  # Discord's cap on autocomplete choices
FUZZY_MATCH = 75  # rapidfuzz ratio for "Sofiya" -> "Sofia"; "Sophie" scores 50
FUZZY_SUGGEST = 55
FUZZY_CLOSE = 3
"""Names within this of the best fuzzy score match too."""
SHORTEST_MISSPELT = 3
"""A name or a word of one with fewer letters is found only as typed: "ron" is no misspelling of Rosaleen "Ro"
Mahon's "Ro" (a ratio of 80), its one letter more a third of the word."""
_INITIAL = re.compile(r"[^\W\d_]\.")
"""A word typed as an initial: one letter and a full stop ("s." of "s. kalmurzaeva")."""


@dataclass(frozen=True, kw_only=True)
class Person:
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
    matches: tuple[Person, ...]
    ambiguous: bool
    suggestions: tuple[str, ...] = ()
    """For no match: the closest names, best first."""
    misspelt: bool = False
    """The matches were found by forgiving a misspelling: no one has the name as typed ("Elsa" finding Ella), which
    the reply must say rather than show them as the person asked for."""


class PersonFinder:
    """The people, most mentioned first. One read from a saved index (`read_later`) holds only their
    names until someone is looked up: a big library's tens of thousands of people and their intros
    are not read before its first answer."""

    def __init__(self, people: Iterable[Person]):
        self.__dict__["people"] = tuple(sorted(people, key=_directory_order))
        self._named: Sequence[tuple[str, str]] | None = None
        self._read: Callable[[], Iterable[Person]] | None = None
        self._unindexed()

    @classmethod
    def read_later(cls, named: Sequence[tuple[str, str]], read: Callable[[], Iterable[Person]]) -> PersonFinder:
        """A directory of people known now by name and story file (`named`), read whole (`read`) when
        first looked up or listed."""
        directory = cls.__new__(cls)
        directory._named, directory._read = named, read
        directory._unindexed()
        return directory

    def _unindexed(self) -> None:
        self._indexing = threading.RLock()
        """Held while the name indexes are built: a keystroke in one thread while warm() builds them in another
        waits for that build rather than running a second one beside it."""
        self._name_index: NameIndex | None = None
        self._close_names: CloseNames | None = None
        self._story_people: dict[str, list[int]] | None = None

    @cached_property
    def people(self) -> tuple[Person, ...]:
        assert self._read is not None  # set by read_later; __init__ sets the people themselves
        return tuple(sorted(self._read(), key=_directory_order))

    def named(self) -> Sequence[tuple[str, str]]:
        """Each person's name and story file, in no particular order."""
        if self._named is not None:
            return self._named
        return [(p.name, p.path) for p in self.people]

    def __getstate__(self) -> dict[str, object]:
        """Sent to another process whole: the people read now (what reads them stays here)."""
        state = dict(self.__dict__, people=self.people, _read=None)
        for built in ("_indexing", "_name_index", "_close_names", "_story_people"):
            del state[built]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._unindexed()

    def warm(self, stop: threading.Event | None = None) -> None:
        """Reads the people and builds both name indexes now, in a thread off the event loop, when the library or
        view is built: left to the first lookup, a big library's (95,000 names) took that lookup a second or more,
        and /performer's first keystroke offered no one (bench/bench_close_names.py). Once `stop` is set, the next
        step (reading, the name index, the close names, each story's people) is not taken: a bot closing waits for one
        step, not all."""
        for step in (lambda: self.people, lambda: self._names, self._close, self._by_story):
            if stop is not None and stop.is_set():
                return
            step()

    @property
    def warmed(self) -> bool:
        """Whether its names were indexed (by a lookup, or warm()): whether anyone here looks people up."""
        return self._name_index is not None

    @property
    def _names(self) -> NameIndex:
        """Built at the first lookup or warm(), not at every start (95,752 people in 3,080 books)."""
        if self._name_index is None:
            with self._indexing:
                if self._name_index is None:
                    self._name_index = NameIndex([fold(p.name) for p in self.people])
        return self._name_index

    def _close(self) -> CloseNames:
        """Built at warm() or the first name no one's starts with: a scan of 95,752 names took 0.15 s a keystroke."""
        if self._close_names is None:
            with self._indexing:
                if self._close_names is None:
                    self._close_names = CloseNames(self._names)
        return self._close_names

    def _by_story(self) -> dict[str, list[int]]:
        """Each story file's people, by their places in `people`: built once, at warm() or the first look-up by
        story, so that finding one person of a story (a pick's id) reads that story's people, not everyone's (it
        read 40,000 of 95,000 a pick: bench/bench_person_pick.py)."""
        if self._story_people is None:
            with self._indexing:
                if self._story_people is None:
                    people: dict[str, list[int]] = {}
                    for place, person in enumerate(self.people):
                        people.setdefault(person.path, []).append(place)
                    self._story_people = people
        return self._story_people

    def of_story(self, path: str) -> tuple[Person, ...]:
        """The people of the story at `path` (its file), most mentioned first; none for a story not in the directory."""
        people = self.people
        return tuple(people[place] for place in self.places_of(path))

    def places_of(self, path: str) -> list[int]:
        """The places in `people` of the people of the story at `path`."""
        return self._by_story().get(path, [])

    @classmethod
    def from_corpus(cls, corpus: Corpus, lowercase_words: Callable[[int, int], set[str]] | None = None) -> PersonFinder:
        """The people of every story; `lowercase_words`, when given, the words that passages [first, end)
        write in lowercase (a build has them from its word analysis), else the finder cuts them itself."""
        found = []
        for number, story in enumerate(corpus.stories):
            texts = [p.text for p in corpus.story_passages(number)]
            end = story.first_passage + story.passage_count
            lowercase = None if lowercase_words is None else lowercase_words(story.first_passage, end)
            for person in _story_people(texts, story.title, story.path, lowercase):
                assert person.passage is not None
                found.append(dataclasses.replace(person, passage=story.first_passage + person.passage))
        return cls(found)

    def find(self, query: str) -> Lookup:
        """By full name, first name or surname, any case or accents, forgiving small misspellings."""
        return find_among((self,), query)

    def holding(self, query: str) -> tuple[Person, ...]:
        """Everyone whose name holds every word typed, forgiving nothing: "Karim" is Karim and Karim Benali, where
        `find` takes the one whose whole name it is."""
        return holding_among((self,), query)

    def complete(self, prefix: str, limit: int = COMPLETION_LIMIT) -> list[Person]:
        """Names that start with the prefix (any of their words), most mentioned first; else close ones."""
        return complete_among((self,), prefix, limit)

    def leading(self) -> Person | None:
        """The person who comes first (the most mentioned), if any."""
        return self.people[0] if self.people else None

    def __len__(self) -> int:
        return len(self.people)

    def _initialled(self, words: list[str]) -> list[int]:
        """The people whose name holds every whole word typed, and for each initial typed ("s.") another word starting
        with its letter: "s. kalmurzaeva" is Sofia and Sébastien Kalmurzaeva (it was the nearer spelling, Sofia, alone).
        Nothing for initials alone: "s." would be everyone with an S."""
        initials = [word[0] for word in words if _INITIAL.fullmatch(word)]
        whole = [word for word in words if not _INITIAL.fullmatch(word)]
        if not initials or not whole:
            return []
        found = []
        for person in self._names.holding_all(whole):
            others = [word for word in self._names.keys[person].split() if word not in whole]
            if all(any(word.startswith(letter) for word in others) for letter in initials):
                found.append(person)
        return found

    def _fuzzy(self, key: str) -> dict[int, float]:
        """The people whose full name (or, for one word typed, any word of it) rapidfuzz's ratio scores within
        FUZZY_CLOSE of FUZZY_MATCH or more, with their best score: only those names are scored one by one (with the GIL
        let go: bot.core.fuzzy)."""
        names = self._names
        scores: dict[int, float] = {}
        cutoff = FUZZY_MATCH - FUZZY_CLOSE
        for i, score in closest(key, names.keys, fuzz.ratio, cutoff):
            if len(names.keys[i]) >= SHORTEST_MISSPELT:
                scores[i] = max(scores.get(i, 0.0), score)
        if " " not in key:
            for place, score in closest(key, names.words, fuzz.ratio, cutoff):
                if len(word := names.words[place]) >= SHORTEST_MISSPELT:
                    for i in names.holding(word).tolist():
                        scores[i] = max(scores.get(i, 0.0), score)
        return scores


class FindsPeople(Protocol):
    """Who a library's stories name: one PersonFinder, or a server's view's (its owner's and its shelf's, joined)."""

    @property
    def people(self) -> tuple[Person, ...]: ...

    @property
    def warmed(self) -> bool: ...

    def named(self) -> Sequence[tuple[str, str]]: ...

    def warm(self, stop: threading.Event | None = None) -> None: ...

    def of_story(self, path: str) -> tuple[Person, ...]: ...

    def find(self, query: str) -> Lookup: ...

    def holding(self, query: str) -> tuple[Person, ...]: ...

    def complete(self, prefix: str, limit: int = COMPLETION_LIMIT) -> list[Person]: ...

    def leading(self) -> Person | None: ...

    def __len__(self) -> int: ...


def _typed_words(query: str) -> tuple[str, list[str]]:
    """A name as typed, folded, without possessives and commas, and its words without a nickname's quotes."""
    key = " ".join(re.sub(r"['’]s\b", "", _folded(query)).replace(",", " ").split())
    return key, [word for quoted in key.split() if (word := quoted.strip(NICKNAME_QUOTES))]


def holding_among(finders: Sequence[PersonFinder], query: str) -> tuple[Person, ...]:
    """`PersonFinder.holding` over the people of these finders as one finder of them all, in order."""
    words = _typed_words(query)[1]
    return tuple(merged(finders, [finder._names.holding_all(words) if words else [] for finder in finders]))


def find_among(finders: Sequence[PersonFinder], query: str) -> Lookup:
    """`PersonFinder.find` over the people of these finders as one finder of them all, in order."""
    key, words = _typed_words(query)
    if not words:
        return Lookup(query, (), False)
    # "Mr. von Hassel" is Ludwig von Hassel: a surname of two words or more says whose; "Mr. Hale" may be any Hale.
    untitled = [word for word in words if word.rstrip(".") not in HONORIFICS]
    # "Inspector Halda" is Viktor Halda, whom the story brings in as its inspector, and "Judge Achebe" Rosalind Achebe.
    unroled = [word for word in untitled if word.rstrip(".") not in role_titles()]
    # "mama sades real name", "hales killer": a possessive typed without its apostrophe, before misspellings.
    owned = [*words[:-1], words[-1][:-1]] if len(words[-1]) > 2 and words[-1].endswith("s") else []
    steps: list[Callable[[PersonFinder], list[int]]] = [
        lambda finder: finder._names.named(key),
        lambda finder: finder._names.holding_all(words),
        lambda finder: finder._initialled(words),
        lambda finder: finder._names.holding_all(untitled) if len(untitled) > 1 and untitled != words else [],
        lambda finder: finder._names.holding_all(unroled) if unroled and unroled != untitled else [],
        lambda finder: finder._names.holding_all(owned) if owned else [],
    ]
    for step in steps:
        found = merged(finders, [step(finder) for finder in finders])
        if found:
            return Lookup(query, tuple(found), len(found) > 1)
    scores = [
        {i: score for i, score in finder._fuzzy(key).items() if _same_honorific(key, finder._names.keys[i])}
        for finder in finders
    ]
    best = max((score for scored in scores for score in scored.values()), default=0.0)
    if best >= FUZZY_MATCH:
        close = [sorted(i for i, score in scored.items() if score >= best - FUZZY_CLOSE) for scored in scores]
        found = merged(finders, close)
        return Lookup(query, tuple(found), len(found) > 1, misspelt=True)
    suggested = _ranked(finders, [finder._close().scored(key, FUZZY_SUGGEST, 3) for finder in finders], 3)
    return Lookup(query, (), False, tuple(dict.fromkeys(p.name for p in suggested)))


def complete_among(finders: Sequence[PersonFinder], prefix: str, limit: int) -> list[Person]:
    """`PersonFinder.complete` over the people of these finders as one finder of them all, in order. A nickname's
    quotes typed are no part of the name, as in a lookup ('"Lan' is Lanthe's start), and words typed that start no
    name together may each be one of its words ("Iolanthe Vas")."""
    words = [word for quoted in _folded(prefix).split() if (word := quoted.strip(NICKNAME_QUOTES))]
    key = " ".join(words)
    if not key:  # every name starts so: the first in directory order (Discord asks so at the first focus)
        return merged(finders, [range(min(limit, len(finder.people))) for finder in finders])[:limit]
    hits = merged(finders, [finder._names.starting(key, limit) for finder in finders])[:limit]
    if not hits and len(words) > 1:
        hits = merged(finders, [finder._names.holding_all_then_starting(words, limit) for finder in finders])[:limit]
    if not hits:
        hits = _ranked(finders, [finder._close().scored(key, FUZZY_MATCH, limit) for finder in finders], limit)
    return hits[:limit]


def merged(finders: Sequence[PersonFinder], found: Sequence[Sequence[int]]) -> list[Person]:
    """Each finder's people found (by place, in its order), in the order of one finder of them all: by
    `_directory_order`, then the earlier finder's, as one sort of all their people in turn orders them."""
    if len(finders) == 1:
        return [finders[0].people[i] for i in found[0]]
    places = sorted(
        (_directory_order(finder.people[i]), side, i)
        for side, (finder, held) in enumerate(zip(finders, found, strict=True))
        for i in held
    )
    return [finders[side].people[i] for _, side, i in places]


def _ranked(finders: Sequence[PersonFinder], scored: Sequence[list[tuple[float, int]]], limit: int) -> list[Person]:
    """The first `limit` of the finders' people scored (each negated score and place), best first, then in the order
    of one finder of them all."""
    places = sorted(
        (negated, _directory_order(finder.people[i]), side, i)
        for side, (finder, held) in enumerate(zip(finders, scored, strict=True))
        for negated, i in held
    )
    return [finders[side].people[i] for _, _, side, i in places[:limit]]


def _same_honorific(key: str, name: str) -> bool:
    """Whether a folded name may be a misspelling of the key as to its honorific: "mr. hale" is not Mrs. Hale (one
    letter apart, and another person in nearly every book)."""
    typed, stored = (word.partition(" ")[0].rstrip(".") for word in (key, name))
    return typed == stored or typed not in HONORIFICS or stored not in HONORIFICS


def _folded(typed: str) -> str:
    """A name as typed, as names are compared: folded, and plain as a question is searched (plain_question: without
    terminal escapes, controls or bidi marks). A name pasted from a terminal, "\x1b[1mSofia\x1b[0m", was no one, and
    was said back as 'No one called "Sofia"' where printing drops the escapes. Without zero-width spaces too, which
    a question keeps as a break between words (Thai writes no spaces) but which in a name pasted from a page that
    breaks its lines with them counted as letters: five before "Sofia" made her no one."""
    return fold(plain_question(typed)).replace(ZERO_WIDTH_SPACE, "")


def _directory_order(person: Person) -> tuple[int, str, str, tuple[str, ...]]:
    """Most mentioned first, then by name and title, then in file order (the folder walked, each folder's names in
    order): a library joined from segments holds a story added since after the others, where one build reads it in
    its place, and the people of two copies of a tale tied in the segments' order."""
    return (-person.mentions, person.name, person.story, tuple(person.path.split("/")))


def _story_people(texts: list[str], title: str, path: str, lowercase_words: set[str] | None) -> list[Person]:
    """The story's people from its passages' texts; an intro is one sentence of one passage."""
    found = find_people(texts, lowercase_words)
    return [
        Person(name=p.name, story=title, path=path, intro=p.intro, mentions=p.mentions, passage=p.passage)
        for p in found
    ]
