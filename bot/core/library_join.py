"""Several libraries' parts joined into one library of all their stories, scored exactly as one build.

A library that grows (new stories in a segment of their own) or a server's view (the owner's stories
and the server's shelf) is a join of parts, each some stories. BM25Okapi's statistics belong to the
whole library, so the join keeps each part's raw term frequencies (its segments) and scores them
together (SegmentedIndex): scores and top k are those of one index built over all the stories in
the parts' order (tests/core/test_library_join.py). Nothing is copied: passages are read from
their parts, renumbered on the way.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Container, Iterator, Sequence
from typing import overload

import numpy as np

from bot.core.corpus import Corpus, Passage
from bot.core.file_array import WatchedFiles
from bot.core.index import BM25Index, BM25Scoring
from bot.core.joined_index import JoinedIndex, library_index, one_segment
from bot.core.joined_people import JoinedPersonFinder
from bot.core.library_parts import LibraryParts
from bot.core.passage_table import LazyPassages, text_and_story
from bot.core.people import FindsPeople, PersonFinder
from bot.core.segments import Segment, SegmentedIndex
from bot.core.sequences import Chained, Overlaid
from bot.core.spelling import CHUNK, SpellingCorrector
from bot.core.story_mentions import MentionFinder
from bot.core.story_names import StoryFinder


def join_parts(parts: Sequence[LibraryParts]) -> LibraryParts:
    """One library of the parts' stories, in order: passages and stories numbered on from one part
    to the next, their two indexes scored as one (SegmentedIndex over the parts' segments), the
    spellers' words combined (a word's term counted over every part), people and fingerprints merged.

    Every part's index must keep raw term frequencies (a SegmentedIndex, or a BM25Index built in
    memory); all share one root folder and BM25 settings. One part is returned as it is."""
    if not parts:
        raise ValueError("there is nothing to join")
    if len(parts) == 1:
        return parts[0]
    library = parts[0].mentions is not None  # a library's parts (a view's owner), which lives on beside its views
    first_passages = np.cumsum([0] + [len(part.corpus.passages) for part in parts]).tolist()
    first_stories = np.cumsum([0] + [len(part.corpus.stories) for part in parts]).tolist()
    # The first part's stories (a view's: the owner's thousands) kept as they are: only the others' are numbered on.
    later = tuple(
        dataclasses.replace(story, first_passage=story.first_passage + first)
        for part, first in zip(parts[1:], first_passages[1:], strict=False)
        for story in part.corpus.stories
    )
    stories = Chained(parts[0].corpus.stories, later) if library else (*parts[0].corpus.stories, *later)
    corpus = Corpus(
        parts[0].corpus.root,
        stories,
        JoinedPassages([part.corpus.passages for part in parts], first_passages, first_stories),
        tuple(problem for part in parts for problem in part.corpus.problems),
    )
    people: FindsPeople = (  # a library's people read and indexed once, for all its views
        JoinedPersonFinder(parts[0].person_finder, _people(parts[1:], first_passages[1:]))
        if library and isinstance(parts[0].person_finder, PersonFinder)
        else _people(parts, first_passages)
    )
    index: BM25Scoring
    story_index: BM25Scoring
    if library:  # its indexes shared, only what the other parts add held (bot.core.joined_index)
        index = JoinedIndex(
            library_index(parts[0].index),
            [s for part in parts[1:] for s in segments_of(part.index)],
            _tie_order(parts[1:], first_passages[1:]),
        )
        story_index = JoinedIndex(
            library_index(parts[0].story_index), [s for part in parts[1:] for s in segments_of(part.story_index)]
        )
    else:
        params = parts[0].index.params
        index = SegmentedIndex([s for part in parts for s in segments_of(part.index)], params)
        index.tie_order = _tie_order(parts, first_passages)
        story_index = SegmentedIndex([s for part in parts for s in segments_of(part.story_index)], params)
    watched = [part.files for part in parts if part.files is not None]
    mentions = None
    first_mentions = parts[0].mentions
    if first_mentions is not None:  # a library's finder, built once, joined with the other parts' (a shelf's few)
        mentions = MentionFinder.joined(
            [
                part.mentions or MentionFinder(part.corpus.stories, part.person_finder.named(), first_mentions.analyzer)
                for part in parts
            ],
            first_stories,
        )
    return LibraryParts(
        corpus=corpus,
        index=index,
        story_index=story_index,
        person_finder=people,
        speller=(
            _library_speller([part.speller for part in parts], index)
            if isinstance(index, JoinedIndex)
            else _joined_speller([part.speller for part in parts], parts[0].index, index)
        ),
        # A path of two parts is the later's; the first's (a view's owner's thousands) read through, not copied.
        fingerprints=Overlaid(
            {p: sha for part in parts[1:] for p, sha in part.fingerprints.items()}, parts[0].fingerprints
        ),
        files=WatchedFiles.joined(watched) if watched else None,
        mentions=mentions,
        story_finder=(
            None
            if parts[0].story_finder is None
            else StoryFinder.joined(parts[0].story_finder, StoryFinder(stories[first_stories[1] :]), stories)
        ),
    )


def _people(parts: Sequence[LibraryParts], first_passages: Sequence[int]) -> PersonFinder:
    """The parts' people as one finder, their intros' passages numbered on from `first_passages`: read when someone is
    looked up."""
    return PersonFinder.read_later(
        [named for part in parts for named in part.person_finder.named()],
        lambda: [
            p if not first or p.passage is None else dataclasses.replace(p, passage=p.passage + first)
            for part, first in zip(parts, first_passages, strict=False)
            for p in part.person_finder.people  # the first part's people shared
        ],
    )


def segments_of(index: BM25Scoring) -> tuple[Segment, ...]:
    """The index as segments of raw term frequencies, to be scored together with others."""
    if isinstance(index, SegmentedIndex):
        return index.segments
    if isinstance(index, BM25Index):
        return (one_segment(index),)
    raise TypeError(f"{type(index).__name__} cannot be joined")


def _tie_order(parts: Sequence[LibraryParts], first_passages: Sequence[int]) -> np.ndarray | None:
    """The parts' passages' places in file order, numbered from the first's (None: their numbers): a part of segments
    ranks ties in file order."""
    if all(part.index.tie_order is None for part in parts):
        return None
    return np.concatenate(
        [
            first + (np.arange(len(part.corpus.passages)) if part.index.tie_order is None else part.index.tie_order)
            for part, first in zip(parts, first_passages, strict=False)
        ]
    )


def _library_speller(spellers: Sequence[SpellingCorrector], index: JoinedIndex) -> SpellingCorrector:
    """A library's speller (the first) and its view's others' words it lacks, each with its term's document frequency
    in the joined index; a word whose term no live passage holds is left out.

    The library's words (hundreds of thousands) are not copied: the joined speller reads its lists, and a word's
    frequency when a correction weighs it, by its term's number in the library's index (found once per library);
    its search of its words and its map of words to terms are shared. Only the other parts' words are looked up."""
    first = spellers[0]
    numbered = first.numbered(index.first.vocabulary)
    if numbered is None:  # a library whose words are not all its index's: each looked up
        return _speller_of_words(spellers, index)
    held, numbers = numbered
    added = _words_added(spellers, held, index.vocabulary)
    terms = list(added.values())
    frequencies = index.doc_freq_of(np.array([index.vocabulary[t] for t in terms], dtype=np.int64)).tolist()
    return SpellingCorrector(
        Chained(first.words, list(added)),
        Chained(first.terms, terms),
        Chained(JoinedFrequencies(numbers, index), frequencies),
        first=first,
    )


def _joined_speller(
    spellers: Sequence[SpellingCorrector], first: BM25Scoring, index: SegmentedIndex
) -> SpellingCorrector:
    """Every part's words (a word the parts share, once: the first part's), each with its term's document frequency
    in the joined index: the first part's (a grown library's big first segment) taken whole, their frequencies read
    by their terms' numbers in its index, which the joined index keeps (bot.core.segments: the first segments' terms
    keep their numbers); only the other parts' words are looked up one by one."""
    numbered = spellers[0].numbered(first.vocabulary)
    if numbered is None:  # a first part whose words are not all its index's: each looked up
        return _speller_of_words(spellers, index)
    held, numbers = numbered
    added = _words_added(spellers, held, index.vocabulary)
    doc_freq: list[int] = []
    for start in range(0, len(numbers), CHUNK):  # in chunks: the GIL let go between them
        doc_freq += index.doc_freq[numbers[start : start + CHUNK]].tolist()
    doc_freq += [int(index.doc_freq[index.vocabulary[t]]) for t in added.values()]
    return SpellingCorrector([*spellers[0].words, *added], [*spellers[0].terms, *added.values()], doc_freq)


def _words_added(
    spellers: Sequence[SpellingCorrector], held: Container[str], vocabulary: Container[str]
) -> dict[str, str]:
    """The later spellers' words the first lacks (`held`), once each, with their terms: only those a live passage of
    the joined index holds."""
    added: dict[str, str] = {}
    for speller in spellers[1:]:
        for word, term in zip(speller.words, speller.terms, strict=True):
            if word not in held and word not in added and term in vocabulary:
                added[word] = term
    return added


def _speller_of_words(spellers: Sequence[SpellingCorrector], index: BM25Scoring) -> SpellingCorrector:
    """The joined speller, each part's words looked up one by one."""
    chosen: dict[str, str] = {}
    for speller in spellers:
        for word, term in zip(speller.words, speller.terms, strict=True):
            if word not in chosen and term in index.vocabulary:
                chosen[word] = term
    numbers = np.array([index.vocabulary[term] for term in chosen.values()], dtype=np.int64)
    return SpellingCorrector(list(chosen), list(chosen.values()), index.doc_freq_of(numbers).tolist())


class JoinedFrequencies(Sequence[int]):
    """The document frequency in a joined index of each of a library's speller's words' terms (by their numbers in
    it), read when asked for: a correction weighs a few."""

    def __init__(self, numbers: np.ndarray, index: JoinedIndex):
        self._numbers, self._index = numbers, index

    def __len__(self) -> int:
        return len(self._numbers)

    @overload
    def __getitem__(self, at: int) -> int: ...

    @overload
    def __getitem__(self, at: slice) -> list[int]: ...

    def __getitem__(self, at: int | slice) -> int | list[int]:
        if isinstance(at, slice):
            return self._index.doc_freq_of(self._numbers[at]).tolist()
        return int(self._index.doc_freq_of(self._numbers[at : at + 1 or None])[0])


class JoinedPassages(LazyPassages):
    """The parts' passages one after the other, each part's story numbers moved on past the stories
    before it; a passage is read from its part when asked for."""

    def __init__(self, parts: Sequence[Sequence[Passage]], first_passages: list[int], first_stories: list[int]):
        self._parts = tuple(parts)
        self._first_passages = first_passages
        """Each part's first passage here, and the passage count."""
        self._first_stories = first_stories

    def __len__(self) -> int:
        return self._first_passages[-1]

    def __iter__(self) -> Iterator[Passage]:
        for part, first_story in zip(self._parts, self._first_stories, strict=False):
            for passage in part:
                yield dataclasses.replace(passage, story=passage.story + first_story)

    def text_and_story(self, index: int) -> tuple[str, int]:
        """Read from its part as the part reads it (a table: two arrays, not a whole Passage)."""
        if not 0 <= index < len(self):
            raise IndexError(index)
        part = bisect.bisect_right(self._first_passages, index) - 1
        text, story = text_and_story(self._parts[part], index - self._first_passages[part])
        return text, story + self._first_stories[part]

    def _passage(self, index: int) -> Passage:
        part = bisect.bisect_right(self._first_passages, index) - 1
        passage = self._parts[part][index - self._first_passages[part]]
        return dataclasses.replace(passage, story=passage.story + self._first_stories[part])
