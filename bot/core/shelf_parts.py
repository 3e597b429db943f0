"""A server's shelf as a few built parts kept from one change to the next, as Lucene and tantivy keep segments.

Building the whole shelf again on every change cost ~0.93 s of CPU per 2.6 MB of its text (25 s for a full
64 MB shelf). A story version's text never changes, so what was built of it stays right: the shelf is a row of
runs, each some stories of one built part that come one after the other on the shelf (a run of a whole part is
the part itself; of some of its stories, a copy of their postings alone). A change analyses only the stories no
part holds, as one new part; a story added or replaced inside a run cuts it in two, a removal cuts nothing. Past
MAX_RUNS runs, the neighbours whose merge analyses least are built again as one (a tiered merge), and a part
whose runs search less than LIVE_SHARE of its text is built again, so a view holds at most about twice the text
it searches.

Joined (bot.core.library_join), the runs are the shelf's stories in shelf order, scored, numbered, spelled and
peopled exactly as one build of them (tests/core/test_shelf_parts.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

import numpy as np

from bot.core.analysis import Analyzer
from bot.core.build import AnalysedTexts, analysed_parts
from bot.core.corpus import Corpus
from bot.core.index import BM25Params
from bot.core.library_join import JoinedPassages, segments_of
from bot.core.library_parts import LibraryParts
from bot.core.people import PersonFinder
from bot.core.piece_words import END
from bot.core.segments import HeldPostings, Segment, SegmentedIndex
from bot.core.shelf_corpus import ShelfStoryText, shelf_corpus
from bot.core.spelling import SpellingCorrector

MAX_RUNS = 16
"""Runs a shelf is kept in: each is a segment of the view's index, joined again at every change."""
LIVE_SHARE = 0.5
"""A part whose stories still searched hold less than this share of its text is built again."""


@dataclass(frozen=True, eq=False, kw_only=True)
class BuiltPart:
    """Some shelf story versions built together, and what is needed to search any run of them alone."""

    versions: tuple[int, ...]
    parts: LibraryParts
    characters: tuple[int, ...]
    """Each story's text length."""
    story_words: tuple[np.ndarray, ...]
    """Each story's distinct words (numbers of the part's analysis), in the order they first come in it."""
    word_surface: np.ndarray
    """Each word's surface (an index into `surfaces`): what the speller corrects to."""
    surfaces: list[str]
    word_terms: list[str]
    """Each word's term."""

    @classmethod
    def build(cls, stories: Sequence[tuple[int, ShelfStoryText]], analyzer: Analyzer, params: BM25Params) -> BuiltPart:
        parts, analysed = analysed_parts(shelf_corpus([text for _, text in stories]), analyzer, params)
        surfaces: dict[str, int] = {}
        word_surface = np.fromiter(
            (surfaces.setdefault(s, len(surfaces)) for s in analysed.piece_words.word_surfaces), np.int64
        )
        terms = analysed.piece_words.terms
        return cls(
            versions=tuple(version for version, _ in stories),
            parts=parts,
            characters=tuple(text.characters for _, text in stories),
            story_words=_story_words(analysed, parts.corpus),
            word_surface=word_surface,
            surfaces=list(surfaces),
            word_terms=[terms[n] for n in analysed.piece_words.terms_of_words().tolist()],
        )

    @cached_property
    def passage_segment(self) -> Segment:
        """Its passages' postings as a segment: made when a run first takes some of its stories, not all."""
        return segments_of(self.parts.index)[0]

    @cached_property
    def story_segment(self) -> Segment:
        return segments_of(self.parts.story_index)[0]

    def of(self, chosen: tuple[int, ...]) -> LibraryParts:
        """Its stories `chosen` (ascending) as the parts one build of them alone gives: itself when that is all
        of them, else a copy of their postings alone (a run joined with others is scored with its own terms)."""
        if chosen == tuple(range(len(self.versions))):
            return self.parts
        corpus = self.parts.corpus
        stories = np.zeros(len(corpus.stories), dtype=bool)
        stories[list(chosen)] = True
        passages = stories[corpus.story_of_passages()]
        renumbered = np.cumsum(passages) - 1
        params = self.parts.index.params
        kept = [corpus.stories[n] for n in chosen]
        firsts = np.cumsum([0] + [story.passage_count for story in kept]).tolist()
        run_corpus = Corpus(
            corpus.root,
            tuple(dataclasses.replace(story, first_passage=first) for story, first in zip(kept, firsts, strict=False)),
            JoinedPassages(
                [corpus.story_passages(n) for n in chosen], firsts, [number - n for number, n in enumerate(chosen)]
            ),
            (),
        )
        index = SegmentedIndex([_documents(self.passage_segment, passages)], params)
        people = PersonFinder(
            dataclasses.replace(p, passage=int(renumbered[p.passage]))
            for p in self.parts.person_finder.people
            if p.passage is not None and passages[p.passage]
        )
        paths = {story.path for story in kept}
        digests = {path: digest for path, digest in self.parts.fingerprints.items() if path in paths}
        return LibraryParts(
            corpus=run_corpus,
            index=index,
            story_index=SegmentedIndex([_documents(self.story_segment, stories)], params),
            person_finder=people,
            speller=self._speller(chosen, index),
            fingerprints=digests,
        )

    def _speller(self, chosen: tuple[int, ...], index: SegmentedIndex) -> SpellingCorrector:
        """The words of the chosen stories, each the first time its surface comes, as their analysis alone
        numbers them (AnalysedTexts.of), with its term's document frequency among them."""
        words = np.concatenate([self.story_words[n] for n in chosen])
        _, firsts = np.unique(self.word_surface[words], return_index=True)
        chosen_words = words[np.sort(firsts)].tolist()
        terms = [self.word_terms[word] for word in chosen_words]
        doc_freq = [int(index.doc_freq[index.vocabulary[term]]) for term in terms]
        return SpellingCorrector([self.surfaces[self.word_surface[word]] for word in chosen_words], terms, doc_freq)


def _documents(segment: Segment, chosen: np.ndarray) -> Segment:
    """The segment of the `chosen` documents alone (a mask), numbered on without gaps, with only their terms."""
    docs, tf = segment.postings.run(0, len(segment.terms))
    term_of = np.repeat(np.arange(len(segment.terms)), np.diff(segment.starts))
    kept = chosen[docs]
    doc_freq = np.bincount(term_of[kept], minlength=len(segment.terms))
    held = np.flatnonzero(doc_freq)
    renumbered = (np.cumsum(chosen) - 1)[docs[kept]].astype(docs.dtype)
    terms = [segment.terms[t] for t in held.tolist()]
    postings = HeldPostings.of(renumbered, tf[kept], doc_freq[held])
    return Segment.of_postings(terms, postings, doc_freq[held], segment.doc_len[chosen])


def _story_words(analysed: AnalysedTexts, corpus: Corpus) -> tuple[np.ndarray, ...]:
    """Each story's distinct words in the order they first come in it: what its run's speller is made of."""
    words, per_piece = analysed.piece_words.words_of(analysed.pieces)
    ends = analysed.pieces == END
    passage_of_word = np.repeat(np.cumsum(ends) - ends, per_piece)
    story_of_word = corpus.story_of_passages()[passage_of_word]
    keys = story_of_word * len(analysed.piece_words.word_surfaces) + words
    _, firsts = np.unique(keys, return_index=True)
    firsts.sort()  # each story's distinct words in the order they first come, story after story
    starts = np.searchsorted(story_of_word[firsts], np.arange(len(corpus.stories) + 1))
    distinct = words[firsts]
    return tuple(distinct[starts[n] : starts[n + 1]] for n in range(len(corpus.stories)))


@dataclass(frozen=True, eq=False)
class Run:
    """Some stories of a built part (ascending), next to each other on the shelf, as parts of their own."""

    part: BuiltPart
    stories: tuple[int, ...]
    parts: LibraryParts

    @classmethod
    def of(cls, part: BuiltPart, stories: tuple[int, ...]) -> Run:
        return cls(part, stories, part.of(stories))

    @property
    def copied_characters(self) -> int:
        """The text of its stories when its postings are a copy of the part's (not the whole part), else 0."""
        return 0 if self.parts is self.part.parts else sum(self.part.characters[n] for n in self.stories)


@dataclass(frozen=True, kw_only=True)
class ShelfParts:
    """A shelf's stories as runs of built parts, in shelf order."""

    analyzer: Analyzer
    params: BM25Params
    runs: tuple[Run, ...]
    built: tuple[int, ...]
    """The story versions analysed to make it (the others were kept from the shelf's parts before)."""

    def parts(self) -> list[LibraryParts]:
        return [run.parts for run in self.runs]

    @property
    def held_characters(self) -> int:
        """What its memory grows with: the text of every part it holds (stories no longer searched included,
        until their part is built again), and again that of each run whose postings are a copy."""
        return sum(sum(p.characters) for p in self.built_parts) + sum(run.copied_characters for run in self.runs)

    @property
    def built_parts(self) -> tuple[BuiltPart, ...]:
        return tuple({id(run.part): run.part for run in self.runs}.values())

    def analysed_as(self, analyzer: Analyzer) -> ShelfParts | None:
        """The same parts for `analyzer` when it gives the same terms (a reloaded library's), so that they do not
        keep the analyzer they were built with (and its word caches) in memory; None when it analyses otherwise."""
        if analyzer.signature != self.analyzer.signature:
            return None
        return dataclasses.replace(self, analyzer=analyzer)


def shelf_parts(
    stories: Sequence[tuple[int, ShelfStoryText]],
    analyzer: Analyzer,
    params: BM25Params,
    kept: ShelfParts | None = None,
) -> ShelfParts:
    """The shelf's stories (each with its version, in shelf order) as runs, reusing what `kept` built of the
    same versions with the same analysis and settings (its runs too, where they are the same stories). The
    analysis is compared by its signature, not the analyzer object: a reload of the owner's library brings an
    analyzer of its own, which gives the same terms, so the shelf is not analysed again for it."""
    held: dict[int, tuple[BuiltPart, int]] = {}
    runs_kept: dict[tuple[int, tuple[int, ...]], Run] = {}
    if kept is not None and kept.analyzer.signature == analyzer.signature and kept.params == params:
        for old in kept.runs:  # a version in two parts (one merged since) is searched in the part its run is of
            held.update({old.part.versions[n]: (old.part, n) for n in old.stories})
        for part in kept.built_parts:  # versions no longer searched, for a restore
            held.update({v: (part, n) for n, v in enumerate(part.versions) if v not in held})
        runs_kept = {(id(run.part), run.stories): run for run in kept.runs}
    while True:
        planned = _merged(_planned(stories, held), MAX_RUNS)
        sparse = _sparse(planned)
        if not sparse:
            break
        held = {version: found for version, found in held.items() if id(found[0]) not in sparse}
    fresh = [story for run in planned if run.part is None for story in stories[run.start : run.stop]]
    new = BuiltPart.build(fresh, analyzer, params) if fresh else None
    runs, first_new = [], 0
    for run in planned:
        if run.part is None:
            assert new is not None
            runs.append(Run.of(new, tuple(range(first_new, first_new + run.stop - run.start))))
            first_new += run.stop - run.start
        else:
            found = runs_kept.get((id(run.part), run.stories))
            runs.append(found if found is not None else Run.of(run.part, run.stories))
    return ShelfParts(analyzer=analyzer, params=params, runs=tuple(runs), built=tuple(v for v, _ in fresh))


def _sparse(planned: list[_Planned]) -> set[int]:
    """The ids of the parts whose runs search less than LIVE_SHARE of their text: to be built again."""
    searched: dict[int, int] = {}
    parts: dict[int, BuiltPart] = {}
    for run in planned:
        if run.part is not None:
            parts[id(run.part)] = run.part
            searched[id(run.part)] = searched.get(id(run.part), 0) + run.characters
    return {key for key, part in parts.items() if searched[key] < LIVE_SHARE * sum(part.characters)}


@dataclass(frozen=True, kw_only=True)
class _Planned:
    """Shelf stories start:stop: `stories` of `part`, or to be built (part None)."""

    start: int
    stop: int
    characters: int
    part: BuiltPart | None = None
    stories: tuple[int, ...] = ()


def _planned(stories: Sequence[tuple[int, ShelfStoryText]], held: dict[int, tuple[BuiltPart, int]]) -> list[_Planned]:
    """The shelf cut where a story does not come after the one before in the same built part (a story
    removed between them cuts nothing: the run leaves it out)."""
    cuts: list[int] = []  # where each run starts
    for number, (version, _) in enumerate(stories):
        part, index = held.get(version, (None, 0))
        if number:
            before, before_index = held.get(stories[number - 1][0], (None, 0))
            if before is part and (part is None or before_index < index):
                continue
        cuts.append(number)
    planned = []
    for start, stop in pairwise([*cuts, len(stories)]):
        part = held.get(stories[start][0], (None, 0))[0]
        run = stories[start:stop]
        planned.append(
            _Planned(
                start=start,
                stop=stop,
                characters=sum(text.characters for _, text in run),
                part=part,
                stories=() if part is None else tuple(held[version][1] for version, _ in run),
            )
        )
    return planned


def _merged(planned: list[_Planned], most: int) -> list[_Planned]:
    """At most `most` runs: the neighbours whose merge analyses the least text (a run to be built anyway counts
    nothing) built again as one, until so."""
    planned = list(planned)
    while len(planned) > most:
        pair = min(range(len(planned) - 1), key=lambda n: _cost(planned[n]) + _cost(planned[n + 1]))
        left, right = planned[pair], planned[pair + 1]
        planned[pair : pair + 2] = [
            _Planned(start=left.start, stop=right.stop, characters=left.characters + right.characters)
        ]
    joined: list[_Planned] = []
    for run in planned:  # runs to build that became neighbours are one
        if joined and joined[-1].part is None and run.part is None:
            joined[-1] = _Planned(
                start=joined[-1].start, stop=run.stop, characters=joined[-1].characters + run.characters
            )
        else:
            joined.append(run)
    return joined


def _cost(run: _Planned) -> int:
    return 0 if run.part is None else run.characters
