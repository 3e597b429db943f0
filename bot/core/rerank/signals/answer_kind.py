"""Does the passage hold the kind of thing asked for: a who question wants a person named, a where a place.

Each cue is a density (per word, capped), read from the passage text: proper names, place phrases,
time words, numbers, and words that give reasons. A feature is the cue for the question's own kind,
so the fitted weights say how much each kind of match is worth; a which-question's noun counts
on its own when the passage names one ("Which hall ..." and "Carnegie Hall").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from bot.core.analysis import Analyzer
from bot.core.query import AnswerKind
from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal
from bot.core.time_words import SEASONS

_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion "
    "first second third fourth fifth dozen score half twice"
)
# A capitalised word inside a sentence, not at its start: a name.
_PROPER_NAME = re.compile(r"(?<=[\w,;:] )[^\W\d_a-z][^\W\d_]+")
KIND_CUES = {
    AnswerKind.PERSON: _PROPER_NAME,
    AnswerKind.NAME: _PROPER_NAME,
    AnswerKind.PLACE: re.compile(
        r"\b(?:[Ii]n|[Aa]t|[Ii]nto|[Ii]nside|[Nn]ear|[Uu]nder|[Bb]eneath|[Bb]ehind|[Aa]cross|[Tt]hrough|[Tt]owards?|"
        r"[Ff]rom|[Bb]eyond|[Uu]pon)\s+(?:(?:the|a|an|his|her|their|its|my|our|your)\s+\w+|[A-Z]\w+)"
    ),
    AnswerKind.TIME: re.compile(
        rf"\b(?:\d+|days?|nights?|morning|evening|years?|months?|weeks?|{SEASONS}|hours?|"
        r"o'clock|midnight|noon|dawn|sunset|sunrise|today|tomorrow|yesterday|when|after|before|until|while)\b",
        re.I,
    ),
    AnswerKind.NUMBER: re.compile(rf"\b(?:\d+|{'|'.join(_NUMBER_WORDS.split())})\b", re.I),
    AnswerKind.REASON: re.compile(r"\b(?:because|since|so that|therefore|in order to|for fear|reason|so)\b", re.I),
}
_WORD = re.compile(r"\w+")
_NAME_BEFORE = re.compile(r"([^\W\d_a-z][^\W\d_]+)[ \t]+\Z")
DENSITY_CAP = 0.1
"""One cue in ten words counts as fully there."""


class AnswerKindSignal(Signal):
    name = "answer_kind"
    features = ("kind_person", "kind_name", "kind_place", "kind_time", "kind_number", "kind_reason", "focus")
    _KINDS = (
        AnswerKind.PERSON,
        AnswerKind.NAME,
        AnswerKind.PLACE,
        AnswerKind.TIME,
        AnswerKind.NUMBER,
        AnswerKind.REASON,
    )

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        query = context.query
        rows = np.zeros((len(candidates), len(self.features)))
        if query.kind in self._KINDS:
            column = self._KINDS.index(query.kind)
            pattern = KIND_CUES[query.kind]
            for row, candidate in enumerate(candidates):
                text = candidate.view.text
                words = max(len(_WORD.findall(text)), 1)
                density = len(pattern.findall(text)) / words
                rows[row, column] = min(density / DENSITY_CAP, 1.0)
        if query.focus is not None:
            rows[:, -1] = [1.0 if _named(c, query.focus, context.analyzer) else 0.0 for c in candidates]
        return rows


def _named(candidate: Candidate, focus: str, analyzer: Analyzer) -> bool:
    """Whether the which-question's noun stands in the passage as part of a name ("Carnegie Hall"):
    right after a capitalised word that is not a common one ("The hall" is no name)."""
    view = candidate.view
    text = view.text
    for i in candidate.positions:
        if view.terms[i] != focus:
            continue
        start = view.places([i])[0][0]
        before = _NAME_BEFORE.search(text, max(0, start - 40), start)
        if before and analyzer.term(before.group(1)) is not None:
            return True
    return False
