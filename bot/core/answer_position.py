"""Where in its sentence an answer stands: what part of a sentence an excerpt cut through still keeps.

An excerpt of a long passage ends in the middle of a sentence (or starts in one). Answers mostly close
their sentence ("... and the king was glad"), so the end of a sentence holds its answer far more often
than its start: on FairytaleQA train, the last tenth of an answering sentence holds the whole answer
about 40% of the time (the answer ends there), its first nine tenths only 60%. Both curves are fitted by
scripts/fit_answer_sentences.py and shipped in answer_sentences.json beside the sentence model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class AnswerPosition:
    """At shares of a sentence evenly spaced from 0 to 1, the chance its answer lies wholly in its first
    (`head`) or last (`tail`) that share; between them, read on the straight line."""

    head: tuple[float, ...]
    tail: tuple[float, ...]

    @classmethod
    def uniform(cls) -> AnswerPosition:
        """An answer as likely anywhere in its sentence (of no length): a share holds that share of it."""
        return cls((0.0, 1.0), (0.0, 1.0))

    @classmethod
    def fitted(cls, answers: Sequence[tuple[float, float]], steps: int) -> AnswerPosition:
        """From answers' (start, end) as shares of their sentence: at each of steps + 1 shares, how many
        end within the head of that share, and how many start within the tail."""
        count = max(len(answers), 1)
        shares = [step / steps for step in range(steps + 1)]
        head = [sum(end <= share for _, end in answers) / count for share in shares]
        tail = [sum(start >= 1 - share for start, _ in answers) / count for share in shares]
        return cls(tuple(round(x, 4) for x in head), tuple(round(x, 4) for x in tail))

    @classmethod
    def from_json(cls, data: object) -> AnswerPosition:
        """As to_json writes it; ValueError for anything else."""
        if not isinstance(data, Mapping):
            raise ValueError("an answer position is its head and tail curves")
        curves = [data.get("head"), data.get("tail")]
        for curve in curves:
            if not isinstance(curve, list) or len(curve) < 2 or not all(isinstance(x, int | float) for x in curve):
                raise ValueError("an answer position's curves are lists of at least two numbers")
            if curve[0] != 0 or curve[-1] != 1 or any(b < a for a, b in pairwise(curve)):
                raise ValueError("an answer position's curves rise from 0 to 1")
        head, tail = curves
        assert isinstance(head, list) and isinstance(tail, list)
        return cls(tuple(map(float, head)), tuple(map(float, tail)))

    def to_json(self) -> dict[str, list[float]]:
        return {"head": list(self.head), "tail": list(self.tail)}

    def in_head(self, share: float) -> float:
        """The chance a sentence's answer lies in its first `share` (0 to 1)."""
        return _along(self.head, share)

    def in_tail(self, share: float) -> float:
        """The chance a sentence's answer lies in its last `share` (0 to 1)."""
        return _along(self.tail, share)


def _along(curve: tuple[float, ...], share: float) -> float:
    place = min(max(share, 0.0), 1.0) * (len(curve) - 1)
    step = min(int(place), len(curve) - 2)
    return curve[step] + (curve[step + 1] - curve[step]) * (place - step)
