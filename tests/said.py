"""Problems as the front ends say them (bot.messages.problem_text): what tests of the core compare with the words a
reader is shown."""

from __future__ import annotations

from collections.abc import Iterable

from bot.core.skipped import Problem
from bot.messages import problem_text


def said(problems: Iterable[Problem]) -> tuple[str, ...]:
    return tuple(map(problem_text, problems))
