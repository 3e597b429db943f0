"""A library's passages as arrays and a text store: opening a saved index makes no object per passage.

A Passage is made when it is asked for, from its row of the arrays and its text (from memory-mapped
compressed blocks), so a library of millions of passages costs its arrays, not millions of objects.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from bot.core.corpus import Passage
from bot.core.file_array import SavedArray, file_name
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.text_store import TextStore

NO_CHAPTER = -1


class LazyPassages(Sequence[Passage]):
    """Passages made one at a time as they are asked for, indexed and sliced as a tuple of them is."""

    @overload
    def __getitem__(self, index: int) -> Passage: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Passage]: ...

    def __getitem__(self, index: int | slice) -> Passage | Sequence[Passage]:
        if isinstance(index, slice):
            return self._sliced(*index.indices(len(self)))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._passage(index)

    def _sliced(self, start: int, stop: int, step: int) -> Sequence[Passage]:
        """The passages of range(start, stop, step): made now, unless the passages can be viewed in place."""
        return tuple(self._passage(i) for i in range(start, stop, step))

    @abstractmethod
    def _passage(self, index: int) -> Passage:
        """The passage at 0 <= index < len(self)."""

    @abstractmethod
    def text_and_story(self, i: int) -> tuple[str, int]:
        """Passage i's text and story alone, without the rest of the Passage."""


@dataclass(frozen=True, kw_only=True)
class PassageTable(LazyPassages):
    story: SavedArray
    number: SavedArray
    paragraph: SavedArray
    chapter: SavedArray
    """An index into `chapters`, or NO_CHAPTER."""
    chapter_number: SavedArray
    texts: TextStore
    chapters: tuple[str, ...]

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> PassageTable:
        """The table of passages already in memory (when a library is saved)."""
        chapters: dict[str, int] = {}
        return cls(
            story=np.fromiter((p.story for p in passages), np.int32, len(passages)),
            number=np.fromiter((p.number for p in passages), np.int32, len(passages)),
            paragraph=np.fromiter((p.paragraph for p in passages), np.int32, len(passages)),
            chapter=np.fromiter(
                (NO_CHAPTER if p.chapter is None else chapters.setdefault(p.chapter, len(chapters)) for p in passages),
                np.int32,
                len(passages),
            ),
            chapter_number=np.fromiter((p.chapter_number for p in passages), np.int32, len(passages)),
            texts=TextStore.of([p.text for p in passages]),
            chapters=tuple(chapters),
        )

    def __len__(self) -> int:
        return len(self.story)

    def __iter__(self) -> Iterator[Passage]:
        return (self._passage(i) for i in range(len(self)))

    def text_and_story(self, i: int) -> tuple[str, int]:
        """Two reads of its arrays rather than a whole Passage's six."""
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self.texts.text(i), int(self.story[i])

    def _passage(self, i: int) -> Passage:
        text = self.texts.text(i)
        chapter = int(self.chapter[i])
        if not NO_CHAPTER <= chapter < len(self.chapters):
            raise IndexDamaged(IndexDamage(file_name(self.chapter, "passage_chapter"), DamageKind.CONTENTS))
        return Passage(
            story=int(self.story[i]),
            number=int(self.number[i]),
            text=text,
            paragraph=int(self.paragraph[i]),
            chapter=None if chapter == NO_CHAPTER else self.chapters[chapter],
            chapter_number=int(self.chapter_number[i]),
        )


def text_and_story(passages: Sequence[Passage], i: int) -> tuple[str, int]:
    """Passage i's text and story: from a table, two reads of its arrays rather than a whole Passage's six."""
    if isinstance(passages, LazyPassages):  # a table, a segment's, a join of them (not a runtime Protocol: 10x slower)
        return passages.text_and_story(i)
    passage = passages[i]
    return passage.text, passage.story
