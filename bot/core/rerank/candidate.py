"""What the re-ranking signals see: the candidates, their passages analysed once, and the library."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from bot.core.analysis import Analyzer, word_list, words
from bot.core.corpus import Passage
from bot.core.index import BM25Scoring
from bot.core.query import Query
from bot.core.sentences import sentence_spans


@dataclass(frozen=True)
class AnalysedPassage:
    """A passage's terms with where each stands: the unit sentence, proximity and phrase signals read."""

    passage: Passage
    terms: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_of: tuple[int, ...]
    """For each term, the index of its sentence."""
    forms: str
    """Every word's dictionary form, stop words included, space-separated with a space at each end,
    so a phrase is found with one substring search."""
    _analyzer: Analyzer = field(repr=False, compare=False)

    @classmethod
    def of(cls, passage: Passage, analyzer: Analyzer) -> AnalysedPassage:
        """One pass over each sentence's words with the analyser's cached terms and forms: no word's
        place in the text is looked up until an excerpt or a signal asks for it (`starts`)."""
        term, base = analyzer.term, analyzer.base
        text = passage.text
        sentences = tuple(sentence_spans(text)) or ((0, len(text)),)
        terms: list[str] = []
        sentence_of: list[int] = []
        forms: list[str] = []
        for number, (start, end) in enumerate(sentences):
            found = word_list(text[start:end])
            forms.extend(map(base, found))
            kept = [t for t in map(term, found) if t is not None]
            terms.extend(kept)
            sentence_of.extend([number] * len(kept))
        return cls(passage, tuple(terms), sentences, tuple(sentence_of), f" {' '.join(forms)} ", analyzer)

    @cached_property
    def _places(self) -> tuple[np.ndarray, np.ndarray]:
        term = self._analyzer.term
        kept = [(start, end) for word, start, end in words(self.passage.text) if term(word) is not None]
        places = np.array(kept, dtype=np.int32).reshape(-1, 2)
        return places[:, 0], places[:, 1]

    @property
    def starts(self) -> np.ndarray:
        """Where each term's word starts in the text."""
        return self._places[0]

    @property
    def ends(self) -> np.ndarray:
        """Where each term's word ends in the text."""
        return self._places[1]

    def positions(self, wanted: Collection[str]) -> list[int]:
        """Indexes into `terms` of every one of these terms, in order: a scan in C per term."""
        terms = self.terms
        found: list[int] = []
        for term in wanted:
            position = -1
            while True:
                try:
                    position = terms.index(term, position + 1)
                except ValueError:
                    break
                found.append(position)
        found.sort()
        return found

    def has_phrase(self, phrase: tuple[str, str]) -> bool:
        return f" {phrase[0]} {phrase[1]} " in self.forms


@dataclass(frozen=True)
class Candidate:
    """A passage BM25Okapi found for a question, with where the question's terms stand in it."""

    doc: int
    bm25: float
    view: AnalysedPassage
    positions: tuple[int, ...]
    """Indexes into view.terms of the question's terms, in order."""
    matched: frozenset[str]
    """The question's terms the passage holds."""

    @classmethod
    def of(cls, doc: int, bm25: float, view: AnalysedPassage, query: Query) -> Candidate:
        positions = tuple(view.positions(query.weights))
        return cls(doc, bm25, view, positions, frozenset(view.terms[i] for i in positions))


@dataclass(frozen=True)
class RankingContext:
    story_index: BM25Scoring
    analyzer: Analyzer
    query: Query
    within: range | None
    """The one story's passages searched, if the question was scoped."""

    @property
    def scoped(self) -> bool:
        return self.within is not None
