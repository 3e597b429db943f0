"""Which sentence of a passage holds the answer: the chance of each, for the excerpt to keep the likeliest.

The sentence that repeats most of the question is not always the one that answers it: "What did the
prince do after he saw the tombs?" is answered by the sentence after the tombs, "Who were young and
strong?" by the one before "They were both young and strong." Each sentence gets features (its share
of the question, and of the question words the sentence holding most of it lacks, its distance from
that sentence and its neighbours' shares, a cue of the kind of thing asked for (a feeling's word for
"How did ... feel?"), its length, where it stands), and a listwise softmax model fitted by
scripts/fit_answer_sentences.py on FairytaleQA train's answers turns them into chances that add up to 1.
The same file holds where in its sentence an answer stands (bot.core.answer_position), fitted alongside.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from bot.core.answer_position import AnswerPosition
from bot.core.feeling_words import names_a_feeling
from bot.core.query import Query, asks_feeling
from bot.core.rerank.candidate import Candidate
from bot.core.rerank.signal import matched_weight
from bot.core.rerank.signals.answer_kind import KIND_CUES
from bot.core.rerank.signals.sentence import best_sentence

MODEL_FILE = "answer_sentences.json"
DISTANCES = (-3, -2, -1, 1, 2, 3)
"""The distances from the best-matching sentence that get a column each; farther ones share one a side."""
CUED_KINDS = tuple(KIND_CUES)
"""The kinds of answer whose cue a sentence is searched for (a name for who, a place for where, ...)."""
FEATURES = (
    "share",
    "best",
    *(f"distance{d:+d}" for d in DISTANCES),
    "before_far",
    "after_far",
    "previous_share",
    "next_share",
    "new_share",
    *(f"cue_{kind}" for kind in CUED_KINDS),
    "cue_feeling",
    "length",
    "first",
    "last",
    "quote",
)
LENGTH_SCALE = 6.0
"""A sentence's log length in characters over this: most sentences read 0.5 to 1."""
_QUOTES = ('"', "“", "”")
_COLUMN = {name: number for number, name in enumerate(FEATURES)}
_SHARE, _BEST, _PREVIOUS_SHARE, _NEXT_SHARE, _NEW_SHARE = (
    _COLUMN[n] for n in ("share", "best", "previous_share", "next_share", "new_share")
)
_BEFORE_FAR, _AFTER_FAR, _LENGTH = _COLUMN["before_far"], _COLUMN["after_far"], _COLUMN["length"]
_FIRST, _LAST, _QUOTE = _COLUMN["first"], _COLUMN["last"], _COLUMN["quote"]
_FEELING = _COLUMN["cue_feeling"]
_DISTANCE_COLUMNS = {step: _COLUMN[f"distance{step:+d}"] for step in DISTANCES}


def sentence_features(candidate: Candidate, query: Query) -> np.ndarray:
    """One row per sentence of the candidate's passage, one column per name in FEATURES: made as lists and
    turned into an array once (a passage has a sentence or a few; a numpy call a column cost more)."""
    view = candidate.view
    count = len(view.sentences)
    shares = [0.0] * count
    for sentence, terms in candidate.sentence_terms.items():
        shares[sentence] = matched_weight(terms, query)
    best = best_sentence(candidate, query)[0] or 0
    repeated = candidate.sentence_terms.get(best, frozenset())
    new_shares = [0.0] * count
    for sentence, terms in candidate.sentence_terms.items():
        new_shares[sentence] = matched_weight(terms - repeated, query)
    lengths = np.log(np.maximum(np.array([end - start for start, end in view.sentences]), 1)) / LENGTH_SCALE
    cue = KIND_CUES.get(query.kind)
    feeling = asks_feeling(query.text)
    rows = []
    for number, ((start, end), length) in enumerate(zip(view.sentences, lengths.tolist(), strict=True)):
        row = [0.0] * len(FEATURES)
        distance = number - best
        row[_SHARE] = shares[number]
        row[_BEST] = float(distance == 0)
        if distance in _DISTANCE_COLUMNS:
            row[_DISTANCE_COLUMNS[distance]] = 1.0
        row[_BEFORE_FAR] = float(distance < DISTANCES[0])
        row[_AFTER_FAR] = float(distance > DISTANCES[-1])
        row[_PREVIOUS_SHARE] = shares[number - 1] if number > 0 else 0.0
        row[_NEXT_SHARE] = shares[number + 1] if number + 1 < count else 0.0
        row[_NEW_SHARE] = new_shares[number]
        text = view.text[start:end]
        if cue is not None:
            row[_COLUMN[f"cue_{query.kind}"]] = float(cue.search(text) is not None)
        if feeling:
            row[_FEELING] = float(names_a_feeling(text))
        row[_LENGTH] = length
        row[_FIRST] = float(number == 0)
        row[_LAST] = float(number == count - 1)
        row[_QUOTE] = float(any(quote in text for quote in _QUOTES))
        rows.append(row)
    return np.array(rows)


@dataclass(frozen=True)
class SentenceModel:
    """A linear score per sentence from its features, as chances over the passage's sentences (softmax),
    and where in its sentence an answer stands (for an excerpt that cuts through one)."""

    weights: np.ndarray
    """One per name in FEATURES, in order."""
    position: AnswerPosition

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> SentenceModel:
        """A model as scripts/fit_answer_sentences.py writes it; ValueError for anything else."""
        weights = data.get("weights")
        if data.get("kind") != "linear" or not isinstance(weights, dict):
            raise ValueError("an answer-sentence model is linear, with its weights")
        if tuple(weights) != FEATURES:
            raise ValueError(f"an answer-sentence model weighs {FEATURES}, not {tuple(weights)}")
        values = np.array([float(w) for w in weights.values()])
        if not np.isfinite(values).all():  # JSON's NaN or Infinity would make every chance NaN
            raise ValueError("an answer-sentence model's weights are finite numbers")
        return cls(values, AnswerPosition.from_json(data.get("position")))

    @classmethod
    @cache
    def bundled(cls) -> SentenceModel:
        return cls.from_json(json.loads(resources.files("bot.core").joinpath(MODEL_FILE).read_text("utf-8")))

    def chances(self, features: np.ndarray) -> np.ndarray:
        """Each row's chance of holding the answer; they add up to 1."""
        scores = features @ self.weights
        exp = np.exp(scores - scores.max())
        return exp / exp.sum()

    def answer_chances(self, candidate: Candidate, query: Query) -> np.ndarray:
        return self.chances(sentence_features(candidate, query))
