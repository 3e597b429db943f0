"""Footnotes of a typeset page, and their marks in the text, which are no part of the story (as EPUB's and HTML's notes
and marks are not).

A note's mark in the text is a number or a note's symbol ("*", "†") set in smaller type and raised above the line it
stands on, after the word it marks: read into the line, "her skills.1 Her dedication" made "skills.1" a word. Raised
letters (an initial, "1st" as Word sets it) are text.

The notes themselves stand at the foot of a page or a column, below its text, in smaller type, the first of them
beginning with its mark: read as text, each ran into the middle of the paragraph that goes on over the page ("...the
community that had 1The editor's note: this tale was first told... nurtured her"). A page's last lines in small type
that begin with no mark (a caption, a verse's source) are text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from bot.core.readers.pdf_indents import column_runs

NOTE_TYPE = 0.9
"""Share of the text's type size below which lines at a page's foot are set as notes (LaTeX's are 0.8, Word's 0.83)."""
MARK_TYPE = 0.8
"""Share of its line's type size a note's mark is set in at most (LaTeX's are 0.7, Word's superscripts 0.65)."""
MARK_RISE = 0.2
"""Share of its line's type size a note's mark's baseline stands above the line's at least (LaTeX's 0.36, Word's
superscripts 0.33); a footnote's text sits on its line, and a drop cap or a raised initial is a letter."""
NOTE_SYMBOLS = frozenset("*†‡§¶‖#")


class Placed(Protocol):
    """A line of a page: its page, baseline height, left edge, type size, the pieces of text it was drawn in, and its
    text."""

    @property
    def page(self) -> int: ...
    @property
    def y(self) -> float: ...
    @property
    def x(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def parts(self) -> list[str]: ...
    @property
    def text(self) -> str: ...


L = TypeVar("L", bound=Placed)


def is_mark(text: str) -> bool:
    """Whether a piece of text is what a note's mark says: a number, or notes' symbols."""
    mark = text.strip()
    return bool(mark) and (mark.isdigit() or all(symbol in NOTE_SYMBOLS for symbol in mark)) and len(mark) <= 3


def is_raised_mark(text: str, size: float, rise: float, line_size: float) -> bool:
    """Whether a piece of text drawn on a line, after some of it, is a note's mark: `size` its type size, `rise` how
    far its baseline stands above the line's, `line_size` the line's type size."""
    return size <= MARK_TYPE * line_size and rise >= MARK_RISE * line_size and is_mark(text)


def without_footnotes(lines: Sequence[L], text_size: float, em: float) -> list[L]:
    """`lines` (page after page, in the pages' order) without the notes at the foot of each page or column: its last
    lines, below its text, set smaller than the text's `text_size`, the first of them beginning with a mark."""
    notes: set[int] = set()
    for run in column_runs(lines, em):
        first = run.stop
        while first > run.start and lines[first - 1].size < NOTE_TYPE * text_size:
            first -= 1
        if run.start < first < run.stop and lines[first].parts and is_mark(lines[first].parts[0]):
            notes.update(range(first, run.stop))
    return [line for index, line in enumerate(lines) if index not in notes]
