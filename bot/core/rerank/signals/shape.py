"""The shape of the text a candidate comes from: how long its story is, and how much of the list it holds.

A library of one-passage abstracts and one of long stories want the other signals weighed apart: a
word's rarity within a story says nothing in an abstract, and a passage whose story fills the list
is being told apart from its own neighbours. These features count for nothing alone; the model takes
every other feature times each of them (`Signal.modifies`), so one fitted model weighs its signals by
the text's shape, read from the library, never from which data set it is.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from bot.core.rerank.candidate import Candidate, RankingContext
from bot.core.rerank.signal import Signal

LONG_STORY = 64
"""A story of this many passages or more counts as long (1.0); one passage counts 0. FairytaleQA's
longest story has 60."""


class ShapeSignal(Signal):
    name = "shape"
    features = ("passages", "same_story")
    modifies = True

    def compute(self, candidates: Sequence[Candidate], context: RankingContext) -> np.ndarray:
        stories = [c.view.story for c in candidates]
        in_list = Counter(stories)
        rows = {
            s: [min(1.0, math.log(context.stories[s].passage_count) / math.log(LONG_STORY)), count / len(stories)]
            for s, count in in_list.items()
        }
        return np.array([rows[s] for s in stories]).reshape(-1, len(self.features))
