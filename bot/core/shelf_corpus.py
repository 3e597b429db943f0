"""A server's shelf as a corpus: its stories read from the files the database keeps, named by shelf paths.

The files were read once already when uploaded (the same readers and checks as the folder's); each
stored version never changes, so a story read here can be kept by its version and read again only when
a new version comes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.core.corpus import Corpus, Passage, PassageText, Story, story_in
from bot.core.story_ids import SHELF_FOLDER, shelf_path


@dataclass(frozen=True)
class ShelfStoryText:
    """One shelf story, read: its lasting number, file name, title and passages."""

    story: int
    name: str
    title: str
    passages: tuple[PassageText, ...]

    @classmethod
    def read(cls, story: int, name: str, data: bytes) -> ShelfStoryText:
        """Raises ValueError with a reason when the file yields no story (a reader that changed since)."""
        title, passages = story_in(data, name)
        return cls(story, name, title, tuple(passages))

    @cached_property
    def characters(self) -> int:
        """The length of its text: what it, and a view that searches it, hold in memory grows with."""
        return text_length(self.passages)


def text_length(passages: Iterable[PassageText]) -> int:
    """The characters of a story's passages: what it, and a view that searches it, hold in memory grows with."""
    return sum(len(passage.text) for passage in passages)


def shelf_corpus(stories: Sequence[ShelfStoryText]) -> Corpus:
    """The shelf's stories as a corpus, each at its shelf path (which no library story can have)."""
    corpus_stories: list[Story] = []
    passages: list[Passage] = []
    for number, story in enumerate(stories):
        corpus_stories.append(
            Story(story.title, shelf_path(story.story, story.name), len(passages), len(story.passages))
        )
        passages.extend(
            Passage(number, count, piece.text, piece.paragraph, piece.chapter, piece.chapter_number)
            for count, piece in enumerate(story.passages, start=1)
        )
    return Corpus(Path(SHELF_FOLDER), tuple(corpus_stories), tuple(passages), ())
