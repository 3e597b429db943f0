"""SQuAD v1.1's questions on Wikipedia articles as story questions: each article a story, each of its paragraphs
a section (cut into passages as the bot cuts a story file), each question answered by the paragraph it was
asked on.

The file is SQuAD v1.1's JSON (`data` -> `title`, `paragraphs` -> `context`, `qas` -> `question`,
`answers`), e.g. its dev set, dev-v1.1.json (CC BY-SA 4.0; docs/commands.md: eval's options). The articles are split
for good by a hash of their title: a third held out (measured by `eval --table`), the rest for fitting
(scripts/fit_reranker.py --squad), so no article's text or questions are in both.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from bot.core.corpus import Corpus, Passage, Story, passages_of
from bot.core.readers.reader import Block
from bot.eval.beir import DatasetError, DatasetFault, Part
from bot.eval.sections import SectionQuestion

HELD_OUT_SHARE = 3
"""One article in this many (by a hash of its title) is held out of fitting."""


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]
    questions: tuple[tuple[str, int, tuple[str, ...]], ...]
    """(question, its paragraph from 1, the answers people gave)."""

    @property
    def held_out(self) -> bool:
        return hashlib.blake2b(self.title.encode("utf-8"), digest_size=8).digest()[0] % HELD_OUT_SHARE == 0

    @property
    def path(self) -> str:
        return f"{self.title}.txt"


def load_articles(path: Path) -> list[Article]:
    """The file's articles in order; a paragraph's whitespace (line breaks included) becomes single spaces,
    as a story file's lines are joined."""
    if not path.is_file():
        raise DatasetError(DatasetFault.SQUAD_MISSING, file=path)
    try:
        data = json.loads(path.read_text("utf-8"))
        articles = []
        for item in data["data"]:
            paragraphs, questions = [], []
            for number, paragraph in enumerate(item["paragraphs"], start=1):
                paragraphs.append(" ".join(str(paragraph["context"]).split()))
                for qa in paragraph["qas"]:
                    answers = tuple(" ".join(str(a["text"]).split()) for a in qa["answers"])
                    questions.append((str(qa["question"]).strip(), number, answers))
            articles.append(Article(str(item["title"]), tuple(paragraphs), tuple(questions)))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as error:
        raise DatasetError(DatasetFault.NOT_SQUAD, file=path, detail=repr(error)) from error
    if not articles:
        raise DatasetError(DatasetFault.NO_ARTICLES, file=path)
    return articles


def squad_corpus(root: Path, articles: Sequence[Article]) -> Corpus:
    """The articles as stories, titled with their title's words; a paragraph over MAX_PASSAGE_CHARS is cut
    into several passages, each keeping its paragraph's number as a story file's do."""
    stories: list[Story] = []
    passages: list[Passage] = []
    for number, article in enumerate(articles):
        texts = list(passages_of(Block(text) for text in article.paragraphs))
        held = {number for t in texts for number in range(t.paragraph, t.paragraph + t.paragraphs)}
        if held != set(range(1, len(article.paragraphs) + 1)):
            raise DatasetError(DatasetFault.EMPTY_PARAGRAPH, title=article.title)
        stories.append(Story(article.title.replace("_", " "), article.path, len(passages), len(texts)))
        passages.extend(
            Passage(story=number, number=n, text=t.text, paragraph=t.paragraph) for n, t in enumerate(texts, start=1)
        )
    return Corpus(root, tuple(stories), tuple(passages), ())


def squad_questions(articles: Sequence[Article]) -> list[SectionQuestion]:
    return [
        SectionQuestion(question=question, file=article.path, sections=frozenset({paragraph}), kind="", answers=answers)
        for article in articles
        for question, paragraph, answers in article.questions
    ]


def squad_set(path: Path, part: Part) -> tuple[Corpus, list[SectionQuestion]]:
    """The library and the questions of a part. The fit part's library is its own articles alone; the held-out
    part's questions are asked over every article (the others as distractors, as FairytaleQA val is asked
    over train's stories too); all is every question over every article."""
    articles = load_articles(path)
    asked = [a for a in articles if part is Part.ALL or a.held_out == (part is Part.HELD_OUT)]
    library = asked if part is Part.FIT else articles
    return squad_corpus(path.parent, library), squad_questions(asked)
