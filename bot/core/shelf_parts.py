"""A server's shelf as a few built parts kept from one change to the next, as Lucene and tantivy keep segments.

Building the whole shelf again on every change cost ~0.93 s of CPU per 2.6 MB of its text (25 s for a full
64 MB shelf). A story version's text never changes, so what was built of it stays right: the shelf is a row of
runs, each some of its stories (in shelf order) that lie next to each other in one built part, the part's other
stories hidden as deleted documents (bot.core.segments). A change builds only the stories no part holds (one new
part); a story replaced or removed cuts its run in two. Past MAX_RUNS runs the smallest neighbours are built
again as one (a tiered merge), and the runs of a part whose live text fell under LIVE_SHARE of it are built
again, so a view holds at most about twice the text it searches.

Joined (bot.core.library_join), the runs are the shelf's stories in shelf order, scored, numbered, spelled and
peopled exactly as one build of them (tests/core/test_shelf_parts.py).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.analysis import Analyzer
from bot.core.build import AnalysedTexts, analysed_parts
from bot.core.corpus import Corpus
from bot.core.index import BM25Params
from bot.core.library_join import JoinedPassages, segments_of
from bot.core.library_parts import LibraryParts
from bot.core.performers import PerformerDirectory
from bot.core.piece_words import END
from bot.core.segments import Segment, SegmentedIndex
from bot.core.shelf_corpus import ShelfStoryText, shelf_corpus
from bot.core.spelling import SpellingCorrector

MAX_RUNS = 8
"""Runs a shelf is kept in: each is a segment of the view's index, joined again at every change."""
LIVE_SHARE = 0.5
"""A part whose stories still searched hold less than this share of its text is built again."""


@dataclass(frozen=True, eq=False)
class BuiltPart:
    """Some shelf story versions built together, and what is needed to search any run of them alone."""

    versions: tuple[int, ...]
    parts: LibraryParts
    characters: tuple[int, ...]
    """Each story's text length."""
    passage_segment: Segment
    story_segment: Segment
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
            passage_segment=segments_of(parts.index)[0],
            story_segment=segments_of(parts.story_index)[0],
            story_words=_story_words(analysed, parts.corpus),
            word_surface=word_surface,
            surfaces=list(surfaces),
            word_terms=[terms[n] for n in analysed.piece_words.terms_of_words().tolist()],
        )

    def run(self, first: int, end: int) -> LibraryParts:
        """Its stories first:end as the parts one build of them alone gives (itself when that is all of it)."""
        if (first, end) == (0, len(self.versions)):
            return self.parts
        corpus = self.parts.corpus
        stories = corpus.stories[first:end]
        low, high = stories[0].first_passage, stories[-1].first_passage + stories[-1].passage_count
        passages = np.ones(len(corpus.passages), dtype=bool)
        passages[low:high] = False
        kept = np.ones(len(corpus.stories), dtype=bool)
        kept[first:end] = False
        index = SegmentedIndex([self.passage_segment.without(np.flatnonzero(passages))], self.parts.index.params)
        story_index = SegmentedIndex([self.story_segment.without(np.flatnonzero(kept))], self.parts.index.params)
        run_corpus = Corpus(
            corpus.root,
            tuple(dataclasses.replace(s, first_passage=s.first_passage - low) for s in stories),
            JoinedPassages([corpus.passages[low:high]], [0, high - low], [-first]),
            (),
        )
        performers = PerformerDirectory(
            dataclasses.replace(p, passage=p.passage - low)
            for p in self.parts.performers.performers
            if p.passage is not None and low <= p.passage < high
        )
        paths = {story.path for story in stories}
        digests = {path: digest for path, digest in self.parts.fingerprints.items() if path in paths}
        return LibraryParts(run_corpus, index, story_index, performers, self._speller(first, end, index), digests)

    def _speller(self, first: int, end: int, index: SegmentedIndex) -> SpellingCorrector:
        """The words of stories first:end, each the first time its surface comes, as their analysis alone
        numbers them (AnalysedTexts.of), with its term's live document frequency."""
        words = np.concatenate(self.story_words[first:end])
        _, firsts = np.unique(self.word_surface[words], return_index=True)
        chosen = words[np.sort(firsts)].tolist()
        terms = [self.word_terms[word] for word in chosen]
        doc_freq = [int(index.doc_freq[index.vocabulary[term]]) for term in terms]
        return SpellingCorrector([self.surfaces[self.word_surface[word]] for word in chosen], terms, doc_freq)


def _story_words(analysed: AnalysedTexts, corpus: Corpus) -> tuple[np.ndarray, ...]:
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


@dataclass(frozen=True)
class Run:
    """Stories first:end of a built part, next to each other on the shelf."""

    part: BuiltPart
    first: int
    end: int


@dataclass(frozen=True, kw_only=True)
class ShelfParts:
    """A shelf's stories as runs of built parts, in shelf order."""

    analyzer: Analyzer
    params: BM25Params
    runs: tuple[Run, ...]
    built: tuple[int, ...]
    """The story versions analysed to make it (the others were kept from the shelf's parts before)."""

    def parts(self) -> list[LibraryParts]:
        return [run.part.run(run.first, run.end) for run in self.runs]

    @property
    def held_characters(self) -> int:
        """The text of every part it holds, stories no longer searched included (until their part is built again)."""
        return sum(sum(part.characters) for part in self.built_parts)

    @property
    def built_parts(self) -> tuple[BuiltPart, ...]:
        return tuple({id(run.part): run.part for run in self.runs}.values())


def shelf_parts(
    stories: Sequence[tuple[int, ShelfStoryText]],
    analyzer: Analyzer,
    params: BM25Params,
    kept: ShelfParts | None = None,
) -> ShelfParts:
    """The shelf's stories (each with its version, in shelf order) as runs, reusing what `kept` built of the
    same versions with the same analyzer and settings."""
    held: dict[int, tuple[BuiltPart, int]] = {}
    if kept is not None and kept.analyzer is analyzer and kept.params == params:
        searched = {version for version, _ in stories}
        for part in kept.built_parts:
            live = sum(c for v, c in zip(part.versions, part.characters, strict=True) if v in searched)
            if live >= LIVE_SHARE * sum(part.characters):
                held.update({version: (part, n) for n, version in enumerate(part.versions)})
    planned = _merged(_planned(stories, held), MAX_RUNS)
    fresh = [story for run in planned if run.part is None for story in stories[run.start : run.stop]]
    new = BuiltPart.build(fresh, analyzer, params) if fresh else None
    runs, first_new = [], 0
    for run in planned:
        if run.part is None:
            assert new is not None
            runs.append(Run(new, first_new, first_new + run.stop - run.start))
            first_new += run.stop - run.start
        else:
            runs.append(Run(run.part, run.first, run.first + run.stop - run.start))
    return ShelfParts(analyzer=analyzer, params=params, runs=tuple(runs), built=tuple(v for v, _ in fresh))


@dataclass(frozen=True)
class _Planned:
    """Shelf stories start:stop: from `part` (from its story `first` on), or to be built (part None)."""

    start: int
    stop: int
    characters: int
    part: BuiltPart | None = None
    first: int = 0


def _planned(stories: Sequence[tuple[int, ShelfStoryText]], held: dict[int, tuple[BuiltPart, int]]) -> list[_Planned]:
    """The shelf cut where a story does not follow the one before in the same built part."""
    planned: list[_Planned] = []
    for number, (version, text) in enumerate(stories):
        part, first = held.get(version, (None, 0))
        last = planned[-1] if planned else None
        follows = last is not None and last.part is part and (part is None or last.first + number - last.start == first)
        if last is not None and follows:
            planned[-1] = dataclasses.replace(last, stop=number + 1, characters=last.characters + text.characters)
        else:
            planned.append(_Planned(number, number + 1, text.characters, part, first))
    return planned


def _merged(planned: list[_Planned], most: int) -> list[_Planned]:
    """At most `most` runs: the neighbours with the least text between them built again as one, until so."""
    planned = list(planned)
    while len(planned) > most:
        pair = min(range(len(planned) - 1), key=lambda n: planned[n].characters + planned[n + 1].characters)
        left, right = planned[pair], planned[pair + 1]
        planned[pair : pair + 2] = [_Planned(left.start, right.stop, left.characters + right.characters)]
    # Runs to build that became neighbours are one.
    joined: list[_Planned] = []
    for run in planned:
        if joined and joined[-1].part is None and run.part is None:
            last = joined[-1]
            joined[-1] = _Planned(last.start, run.stop, last.characters + run.characters)
        else:
            joined.append(run)
    return joined
