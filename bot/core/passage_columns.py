"""Passages kept as columns of plain values, which Python's cycle collector does not walk: a shelf story's and a view's.

An object per passage (a PassageText, a Passage: dataclasses) is one the collector tracks, and each of its full
collections walks every one, holding the GIL and the event loop: a server's shelf holding a Word file of 21.6 million
characters kept 600,000 of them (the story's 300,000 and its view's), and full collections held the loop up to 942 ms
(bench/bench_heavy_stalls.py). A tuple of str, int and None is untracked the first time it survives a collection, so
these columns cost the collector nothing whatever their length; a passage is made when it is asked for, as
PassageTable makes a saved index's.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import overload

from bot.core.corpus import Passage, PassageText
from bot.core.passage_table import LazyPassages


@dataclass(frozen=True)
class StoryPassages(Sequence[PassageText]):
    """One story's passages, column by column (each a tuple, one entry a passage)."""

    texts: tuple[str, ...]
    paragraphs: tuple[int, ...]
    chapters: tuple[str | None, ...]
    chapter_numbers: tuple[int, ...]

    @classmethod
    def of(cls, passages: Iterable[PassageText]) -> StoryPassages:
        listed = list(passages)
        return cls(
            tuple(p.text for p in listed),
            tuple(p.paragraph for p in listed),
            tuple(p.chapter for p in listed),
            tuple(p.chapter_number for p in listed),
        )

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> PassageText: ...

    @overload
    def __getitem__(self, index: slice) -> StoryPassages: ...

    def __getitem__(self, index: int | slice) -> PassageText | StoryPassages:
        if isinstance(index, slice):
            return StoryPassages(
                self.texts[index], self.paragraphs[index], self.chapters[index], self.chapter_numbers[index]
            )
        return PassageText(self.paragraphs[index], self.chapters[index], self.chapter_numbers[index], self.texts[index])

    def __iter__(self) -> Iterator[PassageText]:
        return map(PassageText, self.paragraphs, self.chapters, self.chapter_numbers, self.texts)


class ColumnPassages(LazyPassages):
    """The passages of stories held as columns, one story after the other: nothing is copied, and a slice of them is
    a view (Corpus.story_passages, a shelf's run of some of its part's stories), its passages numbered as here."""

    def __init__(
        self,
        stories: Sequence[StoryPassages],
        span: tuple[int, int] | None = None,
        firsts: tuple[int, ...] | None = None,
    ):
        self._stories = tuple(stories)
        self._firsts = (0, *accumulate(len(story) for story in self._stories)) if firsts is None else firsts
        """Each story's first passage, and the passage count: a slice's are its whole's (counted again for each
        story's slice, slicing each of 5,000 stories took 5 s, 8 ms now)."""
        self._span = (0, self._firsts[-1]) if span is None else span
        """The passages of the stories this view holds: [start, stop)."""

    def __len__(self) -> int:
        return self._span[1] - self._span[0]

    def _sliced(self, start: int, stop: int, step: int) -> Sequence[Passage]:
        """A view of the same columns, for a step of 1."""
        if step != 1:
            return super()._sliced(start, stop, step)
        first = self._span[0]
        return ColumnPassages(self._stories, (first + start, first + max(start, stop)), self._firsts)

    def __iter__(self) -> Iterator[Passage]:
        start, stop = self._span
        story = self._story_of(start)
        while story < len(self._stories) and self._firsts[story] < stop:
            first = self._firsts[story]
            for number in range(max(start - first, 0), min(stop, self._firsts[story + 1]) - first):
                yield self._made(story, number)
            story += 1

    def text_and_story(self, i: int) -> tuple[str, int]:
        if not 0 <= i < len(self):
            raise IndexError(i)
        at = self._span[0] + i
        story = self._story_of(at)
        return self._stories[story].texts[at - self._firsts[story]], story

    def _passage(self, i: int) -> Passage:
        at = self._span[0] + i
        story = self._story_of(at)
        return self._made(story, at - self._firsts[story])

    def _made(self, story: int, number: int) -> Passage:
        """The passage `number` (from 0) of `story`."""
        columns = self._stories[story]
        return Passage(
            story=story,
            number=number + 1,
            text=columns.texts[number],
            paragraph=columns.paragraphs[number],
            chapter=columns.chapters[number],
            chapter_number=columns.chapter_numbers[number],
        )

    def _story_of(self, at: int) -> int:
        """The story that holds passage `at` (counted over all the stories)."""
        return bisect.bisect_right(self._firsts, at) - 1
