"""Whether the excerpt shown holds the answer whenever the passage it quotes does.

A passage holds a question's answer when one of the answers people wrote (FairytaleQA's, or SQuAD's
spans of its paragraph: bot.eval.squad) appears in it word for word (case, accents and punctuation
aside); the excerpt keeps it when the trimmed text shown holds that answer too. Implicit questions'
answers are mostly not in the text, so only the questions whose chosen passage holds an answer count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.analysis import fold, word_list, words
from bot.core.library import StoryLibrary
from bot.eval.beir import DatasetError, DatasetFault
from bot.eval.sections import Scope, SectionQuestion


@dataclass(frozen=True)
class ExcerptsResult:
    questions: int
    passage_holds: int
    """Questions whose best passage holds one of their answers."""
    excerpt_holds: int
    """Of those, the questions whose excerpt holds it too."""

    @property
    def metrics(self) -> dict[str, float]:
        total = max(self.questions, 1)
        return {
            "passage holds": self.passage_holds / total,
            "excerpt holds": self.excerpt_holds / total,
            "excerpt keeps": self.excerpt_holds / max(self.passage_holds, 1),
        }


def _words(text: str) -> str:
    """The text's words, folded, one space apart and around: so "a farmer" is not found in "a farmers"."""
    return f" {' '.join(word_list(fold(text)))} "


def answer_places(text: str, answer: str) -> list[tuple[int, int]]:
    """(start, end) in `text` of each place its words are the answer's, in order (as `holds` compares them)."""
    wanted = word_list(fold(answer))
    found = [(piece, start, end) for word, start, end in words(text) for piece in word_list(fold(word))]
    pieces = [piece for piece, _, _ in found]
    return [
        (found[i][1], found[i + len(wanted) - 1][2])
        for i in range(len(pieces) - len(wanted) + 1)
        if wanted and pieces[i : i + len(wanted)] == wanted
    ]


def holds(text: str, answer: str) -> bool:
    wanted = _words(answer)
    return wanted.strip() != "" and wanted in _words(text)


def evaluate_excerpts(library: StoryLibrary, questions: Sequence[SectionQuestion], scope: Scope) -> ExcerptsResult:
    """Asks each question with answers as the bot would, and compares the best excerpt with its passage."""
    story_by_path = {story.path: number for number, story in enumerate(library.corpus.stories)}
    asked = passage_holds = excerpt_holds = 0
    for item in questions:
        if not item.answers:
            continue
        story = story_by_path.get(item.file)
        if story is None:
            raise DatasetError(DatasetFault.NOT_IN_CORPUS, question=item.question, story_file=item.file)
        asked += 1
        best = library.ask(item.question, count=1, story=story if scope is Scope.STORY else None).best
        if best is None:
            continue
        passage = library.corpus.passages[best.document].text
        held = [answer for answer in item.answers if holds(passage, answer)]
        if held:
            passage_holds += 1
            excerpt_holds += any(holds(best.excerpt.text, answer) for answer in held)
    return ExcerptsResult(asked, passage_holds, excerpt_holds)
