"""What the re-ranking signals see: the candidates, their passages analysed once, and the library."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain

from bot.core.analysis import Analyzer, span_word_lists, words
from bot.core.corpus import Passage, Story
from bot.core.index import BM25Scoring
from bot.core.library_terms import LibraryTerms
from bot.core.passage_table import text_and_story
from bot.core.query import Query
from bot.core.sentences import sentence_spans


@dataclass(frozen=True, kw_only=True)
class AnalysedPassage:
    """A passage's terms with where each stands: the unit sentence, proximity and phrase signals read."""

    doc: int
    text: str
    story: int
    terms: tuple[str, ...]
    sentences: tuple[tuple[int, int], ...]
    sentence_of: tuple[int, ...]
    """For each term, the index of its sentence."""
    forms: str
    """Every word's dictionary form, stop words included, space-separated with a space at each end,
    so a phrase is found with one substring search."""
    _terms: LibraryTerms = field(repr=False, compare=False)
    _passages: Sequence[Passage] = field(repr=False, compare=False)
    _sentence_places: dict[int, list[tuple[int, int]]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, doc: int, passages: Sequence[Passage], terms: LibraryTerms) -> AnalysedPassage:
        """The passage's text and story alone are read; one pass over each sentence's words with the
        library's kept terms and forms. No word's place in the text is looked up until an excerpt or
        a signal asks for it (`places`), nor the rest of the passage (`passage`)."""
        text, story = text_and_story(passages, doc)
        sentences = tuple(sentence_spans(text)) or ((0, len(text)),)
        by_sentence = span_word_lists(text, sentences)
        found = list(chain.from_iterable(by_sentence))
        found_terms = list(map(terms.term, found))  # the passage's words at once, each a lookup
        stop_form = terms.stop_form  # the few stop words' forms: a small dictionary, unlike the words'
        forms = [t if t is not None else stop_form(w) for w, t in zip(found, found_terms, strict=True)]
        sentence_of: list[int] = []
        end = 0
        for number, words_in in enumerate(by_sentence):
            start, end = end, end + len(words_in)
            sentence_of += [number] * (end - start - found_terms[start:end].count(None))
        kept = tuple([t for t in found_terms if t is not None])
        forms_text = f" {' '.join(forms)} "
        return cls(
            doc=doc,
            text=text,
            story=story,
            terms=kept,
            sentences=sentences,
            sentence_of=tuple(sentence_of),
            forms=forms_text,
            _terms=terms,
            _passages=passages,
        )

    @cached_property
    def passage(self) -> Passage:
        """The whole passage (its number, paragraph, chapter), read when a hit asks for it."""
        return self._passages[self.doc]

    def places(self, indexes: Iterable[int]) -> list[tuple[int, int]]:
        """Where these terms' words stand in the text, (start, end) each: only their sentences' words
        are looked up (an excerpt wants the question's words, seldom every sentence)."""
        found = []
        for index in indexes:
            sentence = self.sentence_of[index]
            places = self._sentence_places.get(sentence)
            if places is None:
                start, end = self.sentences[sentence]
                term = self._terms.term  # as the terms were found, word for word
                places = [(start + s, start + e) for w, s, e in words(self.text[start:end]) if term(w) is not None]
                self._sentence_places[sentence] = places
            found.append(places[index - bisect_left(self.sentence_of, sentence)])
        return found

    def positions(self, wanted: Collection[str]) -> list[int]:
        """Indexes into `terms` of every one of these terms, in order: a scan in C per term."""
        terms = self.terms
        found: list[int] = []
        for term in wanted:
            position = -1
            for _ in range(terms.count(term)):  # most passages lack some: counted, not an exception raised
                position = terms.index(term, position + 1)
                found.append(position)
        found.sort()
        return found


def phrase_in_forms(phrase: tuple[str, str]) -> str:
    """How a phrase of two dictionary forms stands in `AnalysedPassage.forms`: one substring search."""
    return f" {phrase[0]} {phrase[1]} "


@dataclass(frozen=True, kw_only=True)
class Candidate:
    """A passage BM25Okapi found for a question, with where the question's terms stand in it."""

    doc: int
    bm25: float
    view: AnalysedPassage
    positions: tuple[int, ...]
    """Indexes into view.terms of the question's terms, in order."""
    matched: frozenset[str]
    """The question's terms the passage holds."""
    sentence_terms: dict[int, frozenset[str]]
    """Sentence index -> the question terms it holds, sentences in order: worked out once for the
    signals that weigh sentences and the excerpt."""

    @classmethod
    def of(cls, doc: int, bm25: float, view: AnalysedPassage, query: Query) -> Candidate:
        positions = tuple(view.positions(query.weights))
        terms, sentence_of = view.terms, view.sentence_of
        found: dict[int, set[str]] = {}
        for position in positions:
            found.setdefault(sentence_of[position], set()).add(terms[position])
        by_sentence = {sentence: frozenset(held) for sentence, held in found.items()}
        return cls(
            doc=doc,
            bm25=bm25,
            view=view,
            positions=positions,
            matched=frozenset(terms[i] for i in positions),
            sentence_terms=by_sentence,
        )


@dataclass(frozen=True, kw_only=True)
class RankingContext:
    story_index: BM25Scoring
    analyzer: Analyzer
    query: Query
    within: range | None
    """The one story's passages searched, if the question was scoped."""
    passage_index: BM25Scoring
    """The passages' own index: how a word spreads over one story's passages."""
    stories: Sequence[Story]
    """The library's stories, by number: where each one's passages lie."""

    def passages_of(self, story: int) -> range:
        found = self.stories[story]
        return range(found.first_passage, found.first_passage + found.passage_count)

    @property
    def scoped(self) -> bool:
        return self.within is not None
