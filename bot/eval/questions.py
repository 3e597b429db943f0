"""An owner's own checks: questions with a phrase the answer must contain."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.core.analysis import fold
from bot.core.answer import NoAnswer
from bot.core.library import StoryLibrary
from bot.eval.beir import DatasetError, DatasetFault, data_lines
from bot.eval.sections import Scope

DEPTH = 3


@dataclass(frozen=True, kw_only=True)
class QuestionCheck:
    question: str
    expect: str
    rank: int | None
    """Where the first passage holding `expect` came, from 1; None if not in the top 3."""
    story: str | None
    """The best answer's story's title; None when there was no answer."""
    passage: int | None
    """Its passage's number."""
    reason: NoAnswer | None
    """Why there was no answer (None: there was one, or none was said): bot.messages words it."""


def load_questions(path: Path) -> list[tuple[str, str]]:
    """The (question, phrase) pairs; a line whose phrase is still empty (from `feedback export`) is skipped."""
    if not path.exists():
        raise DatasetError(DatasetFault.QUESTIONS_MISSING, file=path)
    pairs = []
    for number, line in data_lines(path, DatasetFault.QUESTIONS_LINE):  # line by line, not U+2028's lines
        try:
            item = json.loads(line)
            question, expect = str(item["q"]), str(item["expect"]).strip()
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise DatasetError.of_line(DatasetFault.QUESTIONS_LINE, path, number, error) from error
        if expect:
            pairs.append((question, expect))
    if not pairs:
        raise DatasetError(DatasetFault.NO_EXPECTED, file=path)
    return pairs


def check_questions(library: StoryLibrary, path: Path, scope: Scope = Scope.LIBRARY) -> list[QuestionCheck]:
    """Each question asked of the whole library, or (Scope.STORY) of the one story whose text holds its phrase, as
    a reader asks within the story they are reading; a phrase no story or several hold is asked of the library."""
    checks = []
    for question, expect in load_questions(path):
        wanted = fold(expect)
        story = story_holding(library, wanted) if scope is Scope.STORY else None
        answer = library.ask(question, count=DEPTH, story=story)
        rank = next((n for n, hit in enumerate(answer.hits, 1) if wanted in fold(hit.excerpt.text)), None)
        best = answer.best
        checks.append(
            QuestionCheck(
                question=question,
                expect=expect,
                rank=rank,
                story=best.story if best else None,
                passage=best.passage if best else None,
                reason=None if best else answer.reason,
            )
        )
    return checks


def story_holding(library: StoryLibrary, wanted: str) -> int | None:
    """The one story a passage of which holds the folded phrase `wanted`; None if none does, or several."""
    stories = {passage.story for passage in library.corpus.passages if wanted in fold(passage.text)}
    return stories.pop() if len(stories) == 1 else None


def hit_rates(checks: list[QuestionCheck]) -> dict[str, float]:
    total = max(len(checks), 1)
    return {
        "hit@1": sum(c.rank == 1 for c in checks) / total,
        "hit@3": sum(c.rank is not None for c in checks) / total,
    }
