"""The title block LaTeX's `\\maketitle` sets atop an article's first page (the title, the author, the date, centered
over the story on the same page), which is no story text.

A title page of its own is left out whole (pdf.py); a title block shares its page with the story, which begins at the
page's first line in the text's type. The lines above it that stand centered (right of the text's margin), one of them a
date alone ("December 2026", "2 December 2026", "December 2, 2026", LaTeX's `\\today`), are the block: its date was kept
as a paragraph under the title, or as a heading that named the story's first chapter ("December 2026"), and its author
with it. The block's first line is the title, and stays the story's heading; the lines from the next to the date (the
author's, perhaps over an address) are left out, the date being one in the type of the line under the title, as
`\\maketitle` sets the author and the date both: a first heading centered in its own type and named by a year ("1912")
is the story's, under the block or without one, and so is a date at its type's line spacing under the line before it
(a block set by hand, "Summer" over "1912": `\\maketitle` skips an em before its date). Without a date, nothing tells
an author's name from a subtitle or an epigraph, and the lines are kept; so are they where other lines in the date's
type are dates too (a diary's entries, each headed by its date).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

CENTERED = 1.0
"""Ems right of the first page's left text margin a title block's lines stand at least: centered, they stand well in;
a heading set flush left (a section's "1 The Lighthouse") stands at the margin."""
DATE_SKIP = 1.5
"""Sizes of its type a date stands at least under the line before it: `\\maketitle` (article's, report's, memoir's,
KOMA-Script's) skips an em between the author and the date, which stand 1.9 to 2 sizes apart; lines of a block set by
hand, "Summer" over "1912", stand at their type's line spacing, 1.2 sizes."""
_MONTH = (
    "(?:january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.?"
)
_DAY = "\\d{1,2}(?:st|nd|rd|th)?"
DATE = re.compile(f"(?:{_DAY} )?{_MONTH}(?: {_DAY},?)? \\d{{4}}|\\d{{4}}", re.IGNORECASE)
"""A date alone, as `\\today` and people write one: each part taken or not once, nothing to backtrack over."""


class Placed(Protocol):
    """A line of a page: its page, left edge, baseline's height, type size and text."""

    @property
    def page(self) -> int: ...
    @property
    def x(self) -> float: ...
    @property
    def y(self) -> float: ...
    @property
    def size(self) -> float: ...
    @property
    def text(self) -> str: ...


L = TypeVar("L", bound=Placed)


@dataclass(frozen=True)
class FramedStory(Generic[L]):
    """A PDF's story within a frame that is no story text (a manuscript's, an AO3 download's): its title as the frame
    gives it, and its lines without the frame."""

    title: str
    lines: list[L]


def without_title_block(lines: Sequence[L], text_size: float) -> list[L]:
    """`lines` (page after page, `text_size` the text's type size) without a title block's author and date lines atop
    the first page."""
    if not lines:
        return list(lines)
    page = [line for line in lines if line.page == lines[0].page]
    in_text = [line for line in page if round(line.size, 1) <= text_size]
    if not in_text:
        return list(lines)
    margin = min(line.x for line in in_text)
    block = 0
    while block < len(page) and page[block] is not in_text[0] and page[block].x >= margin + CENTERED * text_size:
        block += 1
    title = 1
    while title < block and round(page[title].size, 1) == round(page[0].size, 1):
        title += 1  # a title run over lines
    if title >= block:
        return list(lines)
    author_size = round(page[title].size, 1)  # \maketitle sets the author and the date in one type
    date = next(
        (
            index
            for index in range(block - 1, title, -1)
            if _is_date(page[index]) and round(page[index].size, 1) == author_size
        ),
        0,
    )  # not a heading centered in its own type and named by a year ("1912"), under the block or without one
    if not date or sum(_is_date(line) for line in lines if round(line.size, 1) == author_size) > 1:
        return list(lines)  # dates in that type elsewhere are the story's own: a diary's entries
    if page[date - 1].y - page[date].y <= DATE_SKIP * page[date].size:
        return list(lines)  # a line of a block set by hand ("Summer" over "1912"), not \maketitle's date
    return [*lines[:title], *lines[date + 1 :]]


def _is_date(line: Placed) -> bool:
    return DATE.fullmatch(" ".join(line.text.split())) is not None
