"""A library's passages as arrays and one block of text: opening a saved index makes no object per passage.

A Passage is made when it is asked for, from its row of the arrays and its slice of the text (a
memory-mapped file), so a library of millions of passages costs its arrays, not millions of objects.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import overload

import numpy as np

from bot.core.corpus import Passage

NO_CHAPTER = -1


@dataclass(frozen=True)
class PassageTable(Sequence[Passage]):
    story: np.ndarray
    number: np.ndarray
    paragraph: np.ndarray
    chapter: np.ndarray
    """An index into `chapters`, or NO_CHAPTER."""
    chapter_number: np.ndarray
    text_offsets: np.ndarray
    """Passage i's UTF-8 text is text[text_offsets[i]:text_offsets[i + 1]]."""
    text: np.ndarray
    """Every passage's text, UTF-8, one after the other (uint8)."""
    chapters: tuple[str, ...]

    @classmethod
    def of(cls, passages: Sequence[Passage]) -> PassageTable:
        """The table of passages already in memory (when a library is saved)."""
        chapters: dict[str, int] = {}
        encoded = [p.text.encode("utf-8") for p in passages]
        offsets = np.zeros(len(passages) + 1, dtype=np.int64)
        np.cumsum([len(t) for t in encoded], out=offsets[1:])
        return cls(
            np.fromiter((p.story for p in passages), np.int32, len(passages)),
            np.fromiter((p.number for p in passages), np.int32, len(passages)),
            np.fromiter((p.paragraph for p in passages), np.int32, len(passages)),
            np.fromiter(
                (NO_CHAPTER if p.chapter is None else chapters.setdefault(p.chapter, len(chapters)) for p in passages),
                np.int32,
                len(passages),
            ),
            np.fromiter((p.chapter_number for p in passages), np.int32, len(passages)),
            offsets,
            np.frombuffer(b"".join(encoded), dtype=np.uint8),
            tuple(chapters),
        )

    def __len__(self) -> int:
        return len(self.story)

    @overload
    def __getitem__(self, index: int) -> Passage: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Passage, ...]: ...

    def __getitem__(self, index: int | slice) -> Passage | tuple[Passage, ...]:
        if isinstance(index, slice):
            return tuple(self._passage(i) for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._passage(index)

    def __iter__(self) -> Iterator[Passage]:
        return (self._passage(i) for i in range(len(self)))

    def _passage(self, i: int) -> Passage:
        text = self.text[self.text_offsets[i] : self.text_offsets[i + 1]].tobytes().decode("utf-8")
        chapter = int(self.chapter[i])
        return Passage(
            int(self.story[i]),
            int(self.number[i]),
            text,
            int(self.paragraph[i]),
            None if chapter == NO_CHAPTER else self.chapters[chapter],
            int(self.chapter_number[i]),
        )
