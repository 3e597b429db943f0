"""Footnotes of a typeset page, and their marks in the text, which are no part of the story (as EPUB's and HTML's notes
and marks are not).

A note's mark in the text is a number or a note's symbol ("*", "†") set in smaller type and raised above the line it
stands on, after the word it marks: read into the line, "her skills.1 Her dedication" made "skills.1" a word. Raised
letters (an initial, "1st" as Word sets it) are text.

The notes themselves stand at the foot of a page or a column, below its text, the first of them beginning with its
number or symbol set small (LaTeX sets the notes smaller than the text, Word's may be in the text's own type), or set
in the notes' own type where they are smaller than the text (InDesign's, a trade book's "1  The editor's note"): read as
text, each ran into the middle of the paragraph that goes on over the page ("...the community that had 1The editor's
note: this tale was first told... nurtured her"). A line of the text never begins with a mark, which follows the word
it marks; a page's last lines that begin with none (a caption, a verse's source) are text. A note's mark stands raised
in the text of its page too (or of the page before, where the note had no room left): a line that begins with a small
number no raised mark there says is text (a verse number opening a line of scripture or of a numbered poem: the rest
of its page was left out as notes). A note LaTeX carries over to the next page (or column) goes on there at the foot,
below the text, with no mark: the last lines of a column in the type of the notes ending the column before (smaller
than the text), one under another below the gap over the notes and ending as low as those, where the last of those is
a full line that ends no sentence, are that note's rest (text in that type above the gap or ending higher up the
page, a letter quoted small, is the story's).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from bot.core.readers.pdf_indents import SENTENCE_ENDS, column_runs

MARK_TYPE = 0.8
"""Share of its line's type size a note's mark is set in at most (LaTeX's are 0.7, Word's superscripts 0.65)."""
MARK_RISE = 0.2
"""Share of its line's type size a note's mark's baseline stands above the line's at least (LaTeX's 0.36, Word's
superscripts 0.33); a footnote's text sits on its line, and a drop cap or a raised initial is a letter."""
NOTE_SYMBOLS = frozenset("*†‡§¶‖#")
CARRIED_LINE = 0.85
"""Share of the longest line of its column (in characters) a note's last line there fills at least where the note goes
on in the next column: LaTeX breaks a note between full lines, and a note's own last line (a source, "p. 4") is most
often short. A note's smaller type fills a line with more characters than the text's."""
NOTE_STEP = 1.35
"""Share of a note's type size its lines stand apart at most, baseline to baseline (LaTeX's 1.2): the gap over a page's
notes (\\skip\\footins and \\footnotesep, 1.45 of it at the least) is wider."""


class Placed(Protocol):
    """A line of a page: its page, baseline height, left edge, type size (most of its characters'), the pieces of text
    it was drawn in and its first one's type size, the notes' marks raised on it (left out of its text), and its
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
    def first_size(self) -> float: ...
    @property
    def marks(self) -> list[str]: ...
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


def without_footnotes(lines: Sequence[L], em: float) -> list[L]:
    """`lines` (page after page, in the pages' order, `em` the text's type size) without the notes at the foot of each
    page or column: its lines from the first, below some of its text, that begins with a mark set smaller than the
    line, one that the page's text raises (or the page's before: a note with no room left on its mark's page is set
    on the next)."""
    raised: dict[int, set[str]] = {}
    for line in lines:
        raised.setdefault(line.page, set()).update(line.marks)
    notes: set[int] = set()
    carried: Placed | None = None
    for run in column_runs(lines, em):
        page = lines[run.start].page
        marks = raised[page] | raised.get(page - 1, set())  # a note set on the page after its mark's, out of room
        first = next((index for index in run[1:] if _begins_with_mark(lines[index], marks, em)), run.stop)
        if carried is not None:
            first = min(first, _carried_over(lines, run, carried))
        notes.update(range(first, run.stop))
        last = lines[run.stop - 1]
        full = len(last.text) >= CARRIED_LINE * max(len(lines[index].text) for index in run)
        ends = first < run.stop and full and not last.text.endswith(SENTENCE_ENDS)
        carried = last if ends and round(last.size, 1) < round(em, 1) else None
    return [line for index, line in enumerate(lines) if index not in notes]


def _carried_over(lines: Sequence[Placed], run: range, carried: Placed) -> int:
    """Where the rest of a note, carried over from the column before (`carried`, its last line there, ending no
    sentence), begins at this column's foot: its last lines in the note's type, smaller than the text, one under
    another (NOTE_STEP), below some text, the last as low as `carried` (a full page's notes end at its foot); run.stop
    where there are none. The text in that type above the notes' gap, or ending higher up the page (a letter the story
    quotes in small type, where the note before ended at its page's foot after all), is the story's."""
    start = run.stop
    if abs(lines[run.stop - 1].y - carried.y) > NOTE_STEP * carried.size:
        return start
    while (
        start > run.start + 1
        and round(lines[start - 1].size, 1) == round(carried.size, 1)
        and (start == run.stop or lines[start - 1].y - lines[start].y <= NOTE_STEP * carried.size)
    ):
        start -= 1
    return start


def _begins_with_mark(line: Placed, raised: set[str], em: float) -> bool:
    """Whether a line begins a note: with a mark the page raises, set smaller than the line (LaTeX's, Word's), or in
    the note's own type where the whole line is smaller than the text ("1  The scissors were sold...", as InDesign and
    many a trade book set notes: it was read as the story, and cut the paragraph running over the page in two)."""
    if not line.parts:
        return False
    if line.first_size <= MARK_TYPE * line.size and is_mark(line.parts[0]):
        return line.parts[0].strip() in raised
    opening = line.text.split(maxsplit=1)
    return round(line.size, 1) < round(em, 1) and len(opening) == 2 and is_mark(opening[0]) and opening[0] in raised
