"""The question's words weighed by how rare they are within the passage's own story.

Library-wide a hero's name is rare, so every other signal weighs it heavily; within the hero's story
it is in most passages and tells them apart no better than "the" does. Asked of one story, what
tells its passages apart is the words that are rare inside it. Each question word gets Lucene's idf
over the passages of the candidate's story, as a share of what a word none of them holds would get;
a story of fewer than MIN_PASSAGES passages (a SciFact abstract) tells nothing, and its words weigh
alike. Three features: the share of those weights the passage holds, the best sentence's share, and
BM25Okapi's own score with each term's weight scaled by its rarity (relative to the list's best).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal

MIN_PASSAGES = 3
"""A story of fewer passages cannot say which of its words are rare in it."""


class RaritySignal(Signal):
    name = "rarity"
    features = ("rarity_coverage", "rarity_sentence", "rarity_bm25")

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        terms = list(context.query.weights)
        if not terms or not candidates:
            return np.zeros((len(candidates), len(self.features)))
        stories = {story: context.passages_of(story) for story in dict.fromkeys(c.view.story for c in candidates)}
        postings = SpanPostings.of(terms, list(stories.values()), context)
        holding = {term: counts.tolist() for term, counts in postings.held_in(list(stories.values())).items()}
        rarities = {
            story: StoryRarity.of({term: counts[n] for term, counts in holding.items()}, len(passages))
            for n, (story, passages) in enumerate(stories.items())
        }
        docs = np.array([c.doc for c in candidates], dtype=np.int64)
        parts = {term: postings.parts_of(term, docs).tolist() for term in terms}
        weights = context.query.weights
        rows = []
        for row, candidate in enumerate(candidates):
            rarity = rarities[candidate.view.story]
            if rarity.total <= 0:
                rows.append((0.0, 0.0, 0.0))
                continue
            score = 0.0
            for term in sorted(candidate.matched & rarity.rarity.keys()):
                part = parts[term][row]
                if part == part:  # not NaN: the passage is in the term's postings
                    score += rarity.rarity[term] * weights[term] * part
            rows.append((rarity.coverage(candidate.matched), rarity.best_sentence(candidate), score))
        found = np.array(rows)
        top = found[:, 2].max(initial=0.0)
        found[:, 2] = found[:, 2] / top if top > 0 else 1.0
        return found


@dataclass(frozen=True)
class SpanPostings:
    """Each question term's postings over the passages from the first candidate story's to the last's:
    read once a question, not once a story (a read of a long posting list within a range costs a pass
    over it), then looked up a story or a candidate at a time."""

    postings: Mapping[str, tuple[np.ndarray, np.ndarray]]

    @classmethod
    def of(cls, terms: Sequence[str], stories: Sequence[range], context: RankingContext) -> SpanPostings:
        span = range(min(r.start for r in stories), max(r.stop for r in stories))
        return cls({term: context.passage_index.postings_within(term, span) for term in terms})

    def held_in(self, stories: Sequence[range]) -> dict[str, np.ndarray]:
        """How many of each story's passages hold each term."""
        bounds = [passages.start for passages in stories] + [passages.stop for passages in stories]
        held = {}
        for term, (docs, _) in self.postings.items():
            found = np.searchsorted(docs, np.array(bounds, dtype=docs.dtype))
            held[term] = found[len(stories) :] - found[: len(stories)]
        return held

    def parts_of(self, term: str, docs: np.ndarray) -> np.ndarray:
        """The term's term-frequency part in each of these passages, NaN where it is not held."""
        listed, parts = self.postings[term]
        found = np.full(len(docs), np.nan)
        if len(listed):
            where = np.minimum(np.searchsorted(listed, docs.astype(listed.dtype)), len(listed) - 1)
            holds = listed[where] == docs
            found[holds] = parts[where[holds]]
        return found


class StoryRarity:
    """Each question term's rarity within one story."""

    def __init__(self, rarity: dict[str, float]):
        self.rarity = rarity
        self.total = math.fsum(rarity.values())
        self._sums: dict[frozenset[str], float] = {}

    @classmethod
    def of(cls, held: Mapping[str, int], passages: int) -> StoryRarity:
        """From how many of the story's `passages` hold each question term."""
        if passages < MIN_PASSAGES:
            return cls(dict.fromkeys(held, 1.0))
        unheld = math.log1p((passages + 0.5) / 0.5)
        return cls(
            {term: math.log1p((passages - count + 0.5) / (count + 0.5)) / unheld for term, count in held.items()}
        )

    def coverage(self, held: frozenset[str]) -> float:
        """The share of the question's rarity these terms carry."""
        return self._sum(held) / self.total

    def best_sentence(self, candidate: Candidate) -> float:
        """The best sentence's share of the question's rarity."""
        return max(map(self._sum, candidate.sentence_terms.values()), default=0.0) / self.total

    def _sum(self, terms: frozenset[str]) -> float:
        """The rarity these terms carry, kept: a story's candidates and sentences hold the same few sets."""
        found = self._sums.get(terms)
        if found is None:
            rarity = self.rarity
            found = self._sums[terms] = math.fsum(rarity[t] for t in sorted(terms & rarity.keys()))
        return found
