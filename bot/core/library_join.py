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
from collections.abc import Iterator, Sequence

import numpy as np

from bot.core.corpus import Corpus, Passage
from bot.core.file_array import WatchedFiles
from bot.core.index import BM25Index, BM25Scoring
from bot.core.library_parts import LibraryParts
from bot.core.passage_table import LazyPassages, text_and_story
from bot.core.people import PersonFinder
from bot.core.segments import HeldPostings, Segment, SegmentedIndex
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
    params = parts[0].index.params
    index = SegmentedIndex([s for part in parts for s in segments_of(part.index)], params)
    story_index = SegmentedIndex([s for part in parts for s in segments_of(part.story_index)], params)
    first_passages = np.cumsum([0] + [len(part.corpus.passages) for part in parts]).tolist()
    first_stories = np.cumsum([0] + [len(part.corpus.stories) for part in parts]).tolist()
    # The first part's stories (a view's: the owner's thousands) kept as they are: only the others' are numbered on.
    stories = parts[0].corpus.stories + tuple(
        dataclasses.replace(story, first_passage=story.first_passage + first)
        for part, first in zip(parts[1:], first_passages[1:], strict=False)
        for story in part.corpus.stories
    )
    corpus = Corpus(
        parts[0].corpus.root,
        stories,
        JoinedPassages([part.corpus.passages for part in parts], first_passages, first_stories),
        tuple(problem for part in parts for problem in part.corpus.problems),
    )
    people = PersonFinder.read_later(  # each part's people read when someone is looked up
        [named for part in parts for named in part.person_finder.named()],
        lambda: [
            p if not first or p.passage is None else dataclasses.replace(p, passage=p.passage + first)
            for part, first in zip(parts, first_passages, strict=False)
            for p in part.person_finder.people  # the first part's people shared (a view's: the owner's library's)
        ],
    )
    if any(part.index.tie_order is not None for part in parts):  # a part of segments ranks ties in file order
        index.tie_order = np.concatenate(
            [
                first + (np.arange(len(part.corpus.passages)) if part.index.tie_order is None else part.index.tie_order)
                for part, first in zip(parts, first_passages, strict=False)
            ]
        )
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
        speller=_joined_speller([part.speller for part in parts], parts[0].index, index, parts[0].mentions is not None),
        fingerprints=parts[0].fingerprints | {p: sha for part in parts[1:] for p, sha in part.fingerprints.items()},
        files=WatchedFiles.joined(watched) if watched else None,
        mentions=mentions,
        story_finder=(
            None
            if parts[0].story_finder is None
            else StoryFinder.joined(parts[0].story_finder, StoryFinder(stories[first_stories[1] :]), stories)
        ),
    )


def segments_of(index: BM25Scoring) -> tuple[Segment, ...]:
    """The index as segments of raw term frequencies, to be scored together with others."""
    if isinstance(index, SegmentedIndex):
        return index.segments
    if isinstance(index, BM25Index):
        postings = index.raw_postings()
        terms = sorted(postings.vocabulary, key=postings.vocabulary.__getitem__)
        held = HeldPostings.of(postings.docs, postings.tf, postings.doc_freq)
        return (Segment.of_postings(terms, held, postings.doc_freq, postings.doc_len),)
    raise TypeError(f"{type(index).__name__} cannot be joined")


def _joined_speller(
    spellers: Sequence[SpellingCorrector], first: BM25Scoring, index: BM25Scoring, library: bool
) -> SpellingCorrector:
    """Every part's words (a word the parts share, once: the first part's), each with its term's
    document frequency in the joined index; a word whose term no live passage holds is left out.

    The first part's words (a view's: the owner's hundreds of thousands) are taken whole, their frequencies
    read by their terms' numbers in the first part's index (`first`), which the joined index keeps
    (bot.core.segments: the first segments' terms keep their numbers), found once per owner library; only the
    other parts' words are looked up one by one. `library`: whether the first part is a library's, whose speller's
    search of its words the joined speller then shares."""
    numbered = spellers[0].numbered(first.vocabulary)
    if numbered is None:  # a first part whose words are not all its index's: each looked up
        return _speller_of_words(spellers, index)
    held, numbers = numbered
    added: dict[str, str] = {}
    for speller in spellers[1:]:
        for word, term in zip(speller.words, speller.terms, strict=True):
            if word not in held and word not in added and term in index.vocabulary:
                added[word] = term
    doc_freq: list[int] = []
    for start in range(0, len(numbers), CHUNK):  # in chunks: the GIL let go between them
        doc_freq += index.doc_freq[numbers[start : start + CHUNK]].tolist()
    doc_freq += [int(index.doc_freq[index.vocabulary[t]]) for t in added.values()]
    words, terms = spellers[0].words + list(added), spellers[0].terms + list(added.values())
    # A library's speller (its parts carry its finders: a view's owner, which lives on beside its views) shares its
    # search of its words; a saved index's first segment's is let go once joined.
    return SpellingCorrector(words, terms, doc_freq, first=spellers[0] if library else None)


def _speller_of_words(spellers: Sequence[SpellingCorrector], index: BM25Scoring) -> SpellingCorrector:
    """The joined speller, each part's words looked up one by one."""
    chosen: dict[str, str] = {}
    for speller in spellers:
        for word, term in zip(speller.words, speller.terms, strict=True):
            if word not in chosen and term in index.vocabulary:
                chosen[word] = term
    doc_freq = [int(index.doc_freq[index.vocabulary[term]]) for term in chosen.values()]
    return SpellingCorrector(list(chosen), list(chosen.values()), doc_freq)


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
