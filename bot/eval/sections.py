"""Story questions tied to the sections that answer them (FairytaleQA's layout), library-wide or per story.

A folder holds `corpus/` (one story per file, one paragraph per section) and `questions.jsonl` with
`q`, `file` and `sections` (1-based paragraph numbers) per line, and optionally `kind` and `answers`. A question
is answered at rank r when the r-th passage comes from one of its sections of its story.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from bot.core.corpus import Corpus, load_corpus
from bot.core.library import StoryLibrary
from bot.eval.beir import DatasetError, DatasetFault, data_lines

DEPTH = 10


class Scope(StrEnum):
    LIBRARY = "library"
    """Every story of the library competes."""
    STORY = "story"
    """Only the question's own story is searched."""


@dataclass(frozen=True, kw_only=True)
class SectionQuestion:
    question: str
    file: str
    sections: frozenset[int]
    kind: str
    answers: tuple[str, ...] = ()
    """What people answered (FairytaleQA's `answers`), if given: what an excerpt should show."""


@dataclass(frozen=True, kw_only=True)
class SectionsResult:
    queries: int
    stories: int
    passages: int
    metrics: dict[str, float]
    """hit@1, hit@3 and mrr@10 over all questions, then per kind (e.g. "explicit hit@1")."""
    queries_per_second: float


def load_section_questions(path: Path) -> list[SectionQuestion]:
    if not path.exists():
        raise DatasetError(DatasetFault.SECTIONS_MISSING, file=path)
    questions = []
    for number, line in data_lines(path, DatasetFault.SECTIONS_LINE):
        try:
            item = json.loads(line)
            questions.append(
                SectionQuestion(
                    question=str(item["q"]),
                    file=str(item["file"]),
                    sections=frozenset(map(int, item["sections"])),
                    kind=item.get("kind", ""),
                    answers=tuple(map(str, item.get("answers", ()))),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise DatasetError.of_line(DatasetFault.SECTIONS_LINE, path, number, error) from error
    return questions


def merge_corpora(corpora: Sequence[Corpus]) -> Corpus:
    """One library of several folders' stories; later folders' paths are prefixed with their folder name."""
    first = corpora[0]
    stories, passages = list(first.stories), list(first.passages)
    for corpus in corpora[1:]:
        prefix = corpus.root.parent.name or corpus.root.name
        for number, story in enumerate(corpus.stories):
            shifted = len(stories)
            stories.append(replace(story, path=f"{prefix}/{story.path}", first_passage=len(passages)))
            passages.extend(replace(p, story=shifted) for p in corpus.story_passages(number))
    return Corpus(first.root, tuple(stories), tuple(passages), ())


def stories_folder(folder: Path) -> Path:
    """A dataset folder's corpus/ if it has one, else the folder itself."""
    return folder / "corpus" if (folder / "corpus").is_dir() else folder


def sections_corpus(folder: Path, distractors: Sequence[Path]) -> Corpus:
    """The corpus of `folder`, with the stories of the `distractors` folders (their corpus/ if they have one)."""
    roots = [folder / "corpus", *(stories_folder(d) for d in distractors)]
    return merge_corpora([load_corpus(root) for root in roots])


def evaluate_sections(library: StoryLibrary, questions: Sequence[SectionQuestion], scope: Scope) -> SectionsResult:
    story_by_path = {story.path: number for number, story in enumerate(library.corpus.stories)}
    ranks: list[tuple[str, int | None]] = []
    start = time.perf_counter()
    for item in questions:
        story = story_by_path.get(item.file)
        if story is None:
            raise DatasetError(DatasetFault.NOT_IN_CORPUS, question=item.question, story_file=item.file)
        asked = story if scope is Scope.STORY else None
        _, ranked = library.searched(library.query(item.question, asked), asked, DEPTH)
        rank = None
        for position, candidate in enumerate(ranked, start=1):
            passage = candidate.view.passage
            if passage.story == story and passage.paragraph in item.sections:
                rank = position
                break
        ranks.append((item.kind, rank))
    elapsed = time.perf_counter() - start
    metrics = _metrics([rank for _, rank in ranks], "")
    for kind in sorted({kind for kind, _ in ranks if kind}):
        metrics |= _metrics([rank for k, rank in ranks if k == kind], f"{kind} ")
    corpus = library.corpus
    return SectionsResult(
        queries=len(questions),
        stories=len(corpus.stories),
        passages=len(corpus.passages),
        metrics=metrics,
        queries_per_second=len(questions) / max(elapsed, 1e-9),
    )


def _metrics(ranks: list[int | None], prefix: str) -> dict[str, float]:
    total = max(len(ranks), 1)
    return {
        f"{prefix}hit@1": sum(r == 1 for r in ranks) / total,
        f"{prefix}hit@3": sum(r is not None and r <= 3 for r in ranks) / total,
        f"{prefix}mrr@10": sum(1 / r for r in ranks if r is not None) / total,
    }
