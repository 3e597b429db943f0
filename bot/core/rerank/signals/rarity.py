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
from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal
from bot.core.rerank.signals.sentence import sentence_terms

MIN_PASSAGES = 3
"""A story of fewer passages cannot say which of its words are rare in it."""


class RaritySignal(Signal):
    name = "rarity"
    features = ("rarity_coverage", "rarity_sentence", "rarity_bm25")

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        rows = np.zeros((len(candidates), len(self.features)))
        terms = list(context.query.weights)
        if not terms:
            return rows
        stories: dict[int, StoryRarity] = {}
        for row, candidate in enumerate(candidates):
            story = candidate.view.story
            rarity = stories.get(story)
            if rarity is None:
                rarity = stories[story] = StoryRarity.of(terms, context.passages_of(story), context)
            rows[row] = rarity.features(candidate, context)
        top = rows[:, 2].max(initial=0.0)
        rows[:, 2] = rows[:, 2] / top if top > 0 else 1.0
        return rows


class StoryRarity:
    """Each question term's rarity within one story, and where the story's passages hold it."""

    def __init__(self, rarity: dict[str, float], postings: dict[str, tuple[np.ndarray, np.ndarray]]):
        self.rarity = rarity
        self.postings = postings
        self.total = math.fsum(rarity.values())

    @classmethod
    def of(cls, terms: list[str], passages: range, context: RankingContext) -> StoryRarity:
        postings = {term: context.passage_index.postings_within(term, passages) for term in terms}
        count = len(passages)
        if count < MIN_PASSAGES:
            return cls(dict.fromkeys(terms, 1.0), postings)
        unheld = math.log1p((count + 0.5) / 0.5)
        rarity = {
            term: math.log1p((count - len(docs) + 0.5) / (len(docs) + 0.5)) / unheld
            for term, (docs, _) in postings.items()
        }
        return cls(rarity, postings)

    def features(self, candidate: Candidate, context: RankingContext) -> list[float]:
        if self.total <= 0:
            return [0.0, 0.0, 0.0]
        rarity = self.rarity
        held = sorted(candidate.matched & rarity.keys())
        sentences = sentence_terms(candidate).values()
        best = max((math.fsum(rarity[t] for t in sorted(found & rarity.keys())) for found in sentences), default=0.0)
        score = 0.0
        for term in held:
            docs, parts = self.postings[term]
            place = int(np.searchsorted(docs, candidate.doc))
            if place < len(docs) and docs[place] == candidate.doc:
                score += rarity[term] * context.query.weights[term] * float(parts[place])
        return [math.fsum(rarity[t] for t in held) / self.total, best / self.total, score]
