"""A server's shelf as a corpus: its stories read from the files the database keeps, named by shelf paths.

The files were read once already when uploaded (the same readers and checks as the folder's); each
stored version never changes, so a story read here can be kept by its version and read again only when
a new version comes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from bot.core.corpus import Corpus, Story, story_in
from bot.core.passage_columns import ColumnPassages, StoryPassages
from bot.core.story_ids import SHELF_FOLDER, shelf_path


@dataclass(frozen=True)
class ShelfStoryText:
    """One shelf story, read: its lasting number, file name, title and passages (as columns, which the cycle
    collector does not walk: bot.core.passage_columns)."""

    story: int
    name: str
    title: str
    passages: StoryPassages

    @classmethod
    def read(cls, story: int, name: str, data: bytes) -> ShelfStoryText:
        """Raises ValueError when the file yields no story (a reader that changed since): refusal_of says why."""
        title, passages = story_in(data, name)
        return cls(story, name, title, StoryPassages.of(passages))

    @cached_property
    def characters(self) -> int:
        """The length of its text: what it, and a view that searches it, hold in memory grows with."""
        return sum(map(len, self.passages.texts))


def shelf_corpus(stories: Sequence[ShelfStoryText]) -> Corpus:
    """The shelf's stories as a corpus, each at its shelf path (which no library story can have); its passages are
    the stories' own columns, not an object each."""
    corpus_stories: list[Story] = []
    passages = 0
    for story in stories:
        corpus_stories.append(Story(story.title, shelf_path(story.story, story.name), passages, len(story.passages)))
        passages += len(story.passages)
    return Corpus(Path(SHELF_FOLDER), tuple(corpus_stories), ColumnPassages([s.passages for s in stories]), ())
