"""What the re-ranking signals see: the candidates, their passages analysed once, and the library."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.core.analysis import Analyzer, words
from bot.core.corpus import Passage
from bot.core.index import BM25Scoring
from bot.core.query import Query
from bot.core.sentences import sentence_spans


@dataclass(frozen=True)
class AnalysedPassage:
    """A passage's terms with where each stands: the unit sentence, proximity and phrase signals read."""

    passage: Passage
    terms: tuple[str, ...]
    starts: np.ndarray
    ends: np.ndarray
    sentences: tuple[tuple[int, int], ...]
    sentence_of: np.ndarray
    """For each term, the index of its sentence."""
    forms: str
    """Every word's dictionary form, stop words included, space-separated with a space at each end,
    so a phrase is found with one substring search."""

    @classmethod
    def of(cls, passage: Passage, analyzer: Analyzer) -> AnalysedPassage:
        """One pass over the words; terms and dictionary forms come from the analyser's caches."""
        term, base = analyzer.term, analyzer.base
        found = words(passage.text)
        text_words = [w for w, _, _ in found]
        word_terms = [term(w) for w in text_words]
        kept = [i for i, t in enumerate(word_terms) if t is not None]
        sentences = tuple(sentence_spans(passage.text)) or ((0, len(passage.text)),)
        starts = np.array([found[i][1] for i in kept], dtype=np.int32)
        ends = np.array([found[i][2] for i in kept], dtype=np.int32)
        sentence_starts = np.array([s for s, _ in sentences], dtype=np.int32)
        sentence_of = np.maximum(np.searchsorted(sentence_starts, starts, side="right") - 1, 0)
        forms = f" {' '.join(base(w) for w in text_words)} "
        terms = tuple(t for t in word_terms if t is not None)
        return cls(passage, terms, starts, ends, sentences, sentence_of, forms)

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
        weights = query.weights
        positions = tuple(i for i, t in enumerate(view.terms) if t in weights)
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
