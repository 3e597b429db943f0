"""Stories found by title or file name, forgiving case, accents and typos, as /performer finds people."""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import PurePosixPath

import numpy as np
from rapidfuzz import fuzz

from bot.core.analysis import fold, load_stopwords
from bot.core.corpus import Story
from bot.core.fuzzy import closest
from bot.core.invisible_characters import plain_question
from bot.core.sequences import Chained
from bot.core.story_ids import shelf_file_name, story_id

COMPLETION_LIMIT = 25  # Discord's cap on autocomplete choices
FUZZY_SUGGEST = 60
FUZZY_WORD = 80
SMALL_WORDS = load_stopwords()
"""Words ("the", "and", "of") a title typed from memory may hold where the story's title does not."""
KEYS_KEPT = 1 << 15
"""Stories whose keys are kept: about 1 KB each, mostly strings the finders of the views built hold anyway."""


def _key(text: str) -> str:
    """A title or a name as typed, as they are compared: folded words, plain as a question is searched (plain_question:
    without terminal escapes, controls or bidi marks). A name pasted from a terminal, "\x1b[1mThe Snow Man", was
    looked for as "1mthe snow man"."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(plain_question(text))).split())


@dataclass(frozen=True)
class StoryLookup:
    query: str
    matches: tuple[int, ...]
    """Indexes into Corpus.stories; one is a clear answer, more are ambiguous."""
    suggestions: tuple[int, ...] = ()
    """For no match: the closest stories, best first."""


@dataclass(frozen=True, kw_only=True)
class _StoryKeys:
    """How a story is found by name: what StoryFinder keeps of each story."""

    title: str
    file: str
    path: str
    """A shelf story by its uploaded name."""
    name: str
    """Its file's name, any folder aside: `kira.md` for `tales/kira.md`."""
    label: str
    """A story as messages name one of a shared title: '"Same Title" (clock.md)'."""
    id: str


def _file_name(path: str) -> str:
    """A story's file's name, any folder aside."""
    return PurePosixPath(path).name


def _ending(found: list[int], stories: Sequence[Story], typed: tuple[str, ...]) -> list[int]:
    """Of the stories found by their file's name, the one whose path ends the path typed (folded, by its parts) with
    the most of its folders, where only one does; else all of them."""
    ending: dict[int, list[int]] = {}
    for i in found:
        parts = PurePosixPath(fold(shelf_file_name(stories[i].path))).parts
        if typed[-len(parts) :] == parts:
            ending.setdefault(len(parts), []).append(i)
    longest = ending[max(ending)] if ending else found
    return longest if len(longest) == 1 else found


@lru_cache(maxsize=KEYS_KEPT)
def _story_keys(title: str, path: str) -> _StoryKeys:
    """Kept by title and path: a server's view is assembled again at each change of its shelf (and after a reload),
    the owner's thousands of stories with it, and their keys took half a change's CPU."""
    key = _key(title)
    return _StoryKeys(
        title=key,
        file=_key(PurePosixPath(path).stem),
        path=fold(shelf_file_name(path)),
        name=fold(_file_name(path)),
        label=_key(f"{title} {shelf_file_name(path)}"),
        id=story_id(path),
    )


@dataclass(frozen=True, eq=False)
class _Names:
    """Some stories' keys, one after the other (a library's, or a view's shelf's), numbered from `first`."""

    first: int
    titles: list[str]
    title_words: list[frozenset[str]]
    files: list[str]
    paths: list[str]
    names: list[str]
    labels: list[str]
    by_path: dict[str, int]
    ids: tuple[str, ...]
    by_id: dict[str, int | None]
    """Each id's story here; None for an id two of them have."""
    title_counts: Counter[str]

    @classmethod
    def of(cls, stories: Sequence[Story]) -> _Names:
        keys = [_story_keys(s.title, s.path) for s in stories]
        titles = [k.title for k in keys]
        by_id: dict[str, int | None] = {}
        for i, key in enumerate(keys):
            by_id[key.id] = None if key.id in by_id else i  # two paths, one id: neither is named by it
        return cls(
            first=0,
            titles=titles,
            title_words=[frozenset(title.split()) for title in titles],
            files=[k.file for k in keys],
            paths=[k.path for k in keys],
            names=[k.name for k in keys],
            labels=[k.label for k in keys],
            by_path={s.path: i for i, s in enumerate(stories)},
            ids=tuple(k.id for k in keys),
            by_id=by_id,
            title_counts=Counter(s.title for s in stories),
        )


class StoryFinder:
    def __init__(self, stories: Sequence[Story]):
        self.stories = stories
        names = _Names.of(stories)
        self._names: tuple[_Names, ...] = (names,)
        """Its stories' keys in runs: one, or a view's owner's (shared with the owner's finder) and its shelf's."""
        self.ids: Sequence[str] = names.ids
        """Each story's stable id (bot.core.story_ids), in story order."""
        self.shared_titles: AbstractSet[str] = frozenset(t for t, count in names.title_counts.items() if count > 1)
        """Titles more than one story has: lists and pickers add the file name to tell them apart."""
        self.order: np.ndarray | None = None
        """The stories' numbers in file order, when that is not their order (None): a library joined from segments
        numbers a story added since after the others, where one build of the folder numbers it in file order."""
        self._ranks: np.ndarray | None = None
        """Each story's place in file order (`order` inverted), made when a tie first needs it."""
        self._halves: tuple[StoryFinder, StoryFinder, int] | None = None
        """A view's: the owner's finder, the shelf's and the shelf's first number, when either has an order; each
        keeps its own, and the view's is theirs one after the other (no array of the owner's size per view)."""

    def in_file_order(self, order: np.ndarray) -> StoryFinder:
        """The same finder, its answers' stories (and their ties) in the file order `order` gives."""
        found = copy.copy(self)
        found.order = None if np.array_equal(order, np.arange(len(order))) else np.asarray(order, dtype=np.int64)
        found._ranks = None
        found._halves = None
        return found

    @property
    def _reordered(self) -> bool:
        """Whether file order is not story order."""
        return self.order is not None or self._halves is not None

    def file_order(self, start: int = 0, end: int | None = None) -> Sequence[int]:
        """The stories from place `start` to `end` in file order (as one build numbers them)."""
        end = len(self.stories) if end is None else end
        if self._halves is not None:
            first, later, offset = self._halves
            shelf = later.file_order(max(start - offset, 0), max(end - offset, 0))
            return [*first.file_order(min(start, offset), min(end, offset)), *(offset + n for n in shelf)]
        return range(start, end) if self.order is None else self.order[start:end].tolist()

    def _ordered(self, stories: list[int]) -> list[int]:
        """These stories in file order: linear in the library's stories, not sorted."""
        if self._halves is not None and len(stories) > 1:
            first, later, offset = self._halves
            shelf = later._ordered([n - offset for n in stories if n >= offset])
            return first._ordered([n for n in stories if n < offset]) + [offset + n for n in shelf]
        if self.order is None or len(stories) < 2:
            return stories
        held = np.zeros(len(self.stories), dtype=bool)
        held[stories] = True
        return self.order[held[self.order]].tolist()

    def _rank(self, story: int) -> int:
        """The story's place in file order."""
        if self._halves is not None:
            first, later, offset = self._halves
            return first._rank(story) if story < offset else offset + later._rank(story - offset)
        if self.order is None:
            return story
        if self._ranks is None:
            ranks = np.empty(len(self.order), dtype=np.int64)
            ranks[self.order] = np.arange(len(self.order))
            self._ranks = ranks
        return int(self._ranks[story])

    @classmethod
    def joined(cls, first: StoryFinder, later: StoryFinder, stories: Sequence[Story]) -> StoryFinder:
        """The finder of `stories`, the first finder's then the later one's, as one built over them all finds: a
        server's view joins the owner's finder, built once, with its shelf's. The first's keys are shared, not
        copied: each search goes through both runs, the later's stories numbered on."""
        offset = len(first.stories)
        joined = cls.__new__(cls)
        joined.stories = stories
        joined._names = first._names + tuple(replace(names, first=names.first + offset) for names in later._names)
        joined.ids = Chained(first.ids, later.ids)
        shared = (
            t for names in later._names for t in names.title_counts if any(t in n.title_counts for n in first._names)
        )
        joined.shared_titles = SharedTitles(first.shared_titles, frozenset((*later.shared_titles, *shared)))
        joined.order = None
        joined._ranks = None
        joined._halves = (first, later, offset) if first._reordered or later._reordered else None
        return joined

    def by_path(self, path: str) -> int | None:
        """The story whose file this is, exactly: for paths the bot stored (a channel's story, a thread's),
        where a removed story must mean none, not the nearest title. Of two with the path, the later."""
        for names in reversed(self._names):
            found = names.by_path.get(path)
            if found is not None:
                return names.first + found
        return None

    def by_id(self, found: str) -> int | None:
        """The story with this id, or None when no story has it (any more: removed or moved), or two have."""
        held = [(names, names.by_id[found]) for names in self._names if found in names.by_id]
        if len(held) != 1 or held[0][1] is None:
            return None
        names, story = held[0]
        return None if story is None else names.first + story

    def find(self, name: str) -> StoryLookup:
        """Exact title, file name or path (of several, the one whose file name is typed as written, case and all); else
        the file's name typed with no folder or another (`kira.md`, `corpus/kira.md` for tales/kira.md; of several, the
        one whose folders end the path typed: `corpus/tales/kira.md` beside old/kira.md); else every
        story whose title holds all the words, each as typed or a typo or two away; else no match, with the closest
        titles as suggestions."""
        key = _key(name)
        if not key:
            return StoryLookup(name, ())
        path = fold(name.strip())
        exact = [
            n.first + i
            for n in self._names
            for i in range(len(n.titles))
            if key in (n.titles[i], n.files[i], n.labels[i]) or path == n.paths[i]
        ]
        as_typed, written_as = name.strip(), shelf_file_name
        if not exact:  # the file's name in a folder ("kira.md" for tales/kira.md), or typed with the folder it was
            # typed from (`--story corpus/kira.md`, as the shell completes it, "./kira.md"): "No story called" before
            as_typed, written_as = _file_name(as_typed), _file_name
            file_name = fold(as_typed)
            exact = [n.first + i for n in self._names for i, file in enumerate(n.names) if file == file_name]
            if len(exact) > 1:  # `corpus/tales/kira.md` beside other/kira.md: the one whose folders end the path typed
                exact = _ending(exact, self.stories, PurePosixPath(path).parts)
        if len(exact) > 1:  # "Mill.md" beside "mill.md": the file name typed as it is written is that file's
            written = [i for i in exact if written_as(self.stories[i].path) == as_typed]
            exact = written if len(written) == 1 else exact
        if exact:
            return StoryLookup(name, tuple(self._ordered(exact)))
        # Each word once: a word typed again narrows nothing, and "of of of ..." was looked for in every title
        # for each time it was typed. Small words count only when nothing else is typed: a title may lack them, and
        # "Ali Baba and the Forty Thieves" was no story where the title is "Ali Baba And Forty Thieves".
        typed = list(dict.fromkeys(key.split()))
        words = [w for w in typed if w not in SMALL_WORDS] or typed
        containing = [
            n.first + i
            for n in self._names
            for i, title in enumerate(n.title_words)
            if all(w in title or w in n.files[i] for w in words)
        ]
        if containing:
            return StoryLookup(name, tuple(self._ordered(containing)))
        near = [
            n.first + i
            for n in self._names
            for i, title in enumerate(n.title_words)
            if all(self._near(w, title) for w in words)
        ]
        if near:
            return StoryLookup(name, tuple(self._ordered(near)))
        return StoryLookup(name, (), tuple(self._closest(key, 3)))

    def _closest(self, key: str, limit: int) -> list[int]:
        """The titles closest to the key, best first (in file order among equals), as process.extract gives them,
        scored with the GIL let go (bot.core.fuzzy): a story named by a question or a button is matched in a thread.
        Each run's closest, merged: the closest of all are among them."""
        found = [
            (-score, self._rank(n.first + i), n.first + i)
            for n in self._names
            for i, score in closest(key, n.titles, fuzz.WRatio, FUZZY_SUGGEST, None if self._reordered else limit)
        ]
        return [i for _, _, i in sorted(found)[:limit]]

    @staticmethod
    def _near(word: str, title_words: frozenset[str]) -> bool:
        """A word of the title one or two typos away ("violnist" for "violinist")."""
        return any(fuzz.ratio(word, candidate) >= FUZZY_WORD for candidate in title_words)

    def complete(self, prefix: str, limit: int = COMPLETION_LIMIT) -> list[int]:
        """Stories whose title or file name starts with (or holds) the prefix, best first; else close ones."""
        key = _key(prefix)
        if not key:
            signs = plain_question(prefix).strip().casefold()
            if signs:
                return self._holding(signs, limit)
            return list(self.file_order(0, min(limit, len(self.stories))))
        starts = [
            n.first + i
            for n in self._names
            for i, t in enumerate(n.titles)
            if t.startswith(key) or n.files[i].startswith(key)
        ]
        taken = set(starts)
        inside = [
            n.first + i
            for n in self._names
            for i, t in enumerate(n.titles)
            if n.first + i not in taken and (key in t or key in n.files[i])
        ]
        hits = self._ordered(starts) + self._ordered(inside)
        if len(hits) < limit:
            taken = set(hits)
            hits += [i for i in self._closest(key, limit) if i not in taken]
        return hits[:limit]

    def _holding(self, signs: str, limit: int) -> list[int]:
        """Stories whose title or file name holds `signs` as typed, in file order: text of signs alone ("&", "!",
        "(1)"... has no word to compare), which listed the first stories as if nothing had been typed."""
        found: list[int] = []
        for story in self.file_order():
            title, path = self.stories[story].title, self.stories[story].path
            if signs in title.casefold() or signs in _file_name(path).casefold():
                found.append(story)
                if len(found) == limit:
                    break
        return found


class SharedTitles(AbstractSet[str]):
    """A view's titles more than one story has: its owner's (shared) and those its shelf adds."""

    def __init__(self, first: AbstractSet[str], added: frozenset[str]):
        self._first, self._added = first, frozenset(title for title in added if title not in first)

    def __contains__(self, title: object) -> bool:
        return title in self._first or title in self._added

    def __iter__(self) -> Iterator[str]:
        yield from self._first
        yield from self._added

    def __len__(self) -> int:
        return len(self._first) + len(self._added)
