"""Paragraphs marked by a first-line indent, as typeset novels mark them (LaTeX, InDesign, a word processor's "first
line indent" style), with no space between them: read by spacing alone, each page was one paragraph.

A line starts a paragraph when its left edge stands at least MIN_INDENT (in ems of the text's type) right of the
text's left margin while the line before did not. The margin is the leftmost edge a good share of the lines stand
at, taken for each column run (lines going down a page; a second column starts higher up) and, where a run is too
short to say or is indented as a whole (a page of verse), for that side of the book (left and right pages may have
margins of their own). Block quotes, verse, lists and centered lines are indented on every line, so only their first
line starts a paragraph; the line after one starts one when that line ended well before the measure (a centered
line) and the line is back at the margin, or when that line ended a sentence short of the measure and the line
stands at the book's usual paragraph indent or at another indent (lines of dialogue, one-line paragraphs each).
Lengths are counted in characters, as pypdf gives no widths: a run's full lines hold about as many. One pass over
the lines, and a count over each column run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

MIN_INDENT = 0.6
"""Ems a line's left edge stands right of the margin to be indented: typesetters indent paragraphs by one to three
(LaTeX 1.5, Word's half inch 3 at 12 points), and hang punctuation out of the margin by well under one."""
MIN_RUN_LINES = 4
"""Lines a column run needs for its own margin; a shorter one (a chapter's last lines) takes its side's."""
WIDE_INDENT = 8.0
"""Ems past which a run's margin is a column's of its own rather than an indent of the whole run."""
MARGIN_SHARE = 0.1
"""Share of a run's (or a side's) lines that must stand at a left edge for it to be their margin."""
USUAL_INDENT_SLACK = 0.25
"""Ems a line of dialogue may stand off the book's usual paragraph indent."""
SHORT_LINE = 0.7
"""Share of a full line's characters below which a line ended well before the measure: a centered line, a quote's
last. A ragged-right paragraph's first line may fall some way short of the measure and is no such line."""
ENDED_LINE = 0.9
"""Share of a full line's characters below which a line of dialogue, ending a sentence, ended its paragraph."""
INDENTED_BOOK = 3
"""Paragraphs opened by the usual indent for a book to mark its paragraphs so (then a page break alone starts none)."""
LONGEST_LINE = 1000
"""Characters past which lines are counted as one length: a line of a page holds a few hundred at most."""
SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ":")


class Placed(Protocol):
    """A line of a page: its page, baseline height, left edge and text (its type size is the caller's: `body` and
    `em`)."""

    @property
    def page(self) -> int: ...
    @property
    def y(self) -> float: ...
    @property
    def x(self) -> float: ...
    @property
    def text(self) -> str: ...


@dataclass(frozen=True)
class Indents:
    starts: list[bool]
    """For each line, whether its indentation (or the short indented line before it) starts a paragraph."""
    opens: list[bool]
    """For each line, whether it opens a page or a column, where spacing says nothing of paragraphs."""
    marked: bool
    """Whether the book marks its paragraphs by indentation, so that a line at the margin on a new page goes on."""


def indents(lines: Sequence[Placed], body: Sequence[bool], em: float) -> Indents:
    """Where `lines` (page after page; `body` says which are the text's, not headings) start paragraphs by indentation,
    `em` being the text's type size."""
    runs = column_runs(lines, em)
    offsets = _offsets(lines, body, runs, em)
    indented = [is_body and offset >= MIN_INDENT * em for is_body, offset in zip(body, offsets, strict=True)]
    filled = _filled(lines, body, indented, runs)
    usual = Counter(
        round(offsets[index])
        for index in range(len(lines) - 1)
        if indented[index] and filled[index] >= SHORT_LINE and body[index + 1] and not indented[index + 1]
    ).most_common(1)
    usual_indent, usual_count = usual[0] if usual else (None, 0)
    starts = [False] * len(lines)
    for index in range(1, len(lines)):
        if not body[index]:
            continue
        before = index - 1
        if not body[before]:
            starts[index] = indented[index]
        elif indented[index]:
            starts[index] = not indented[before] or (
                filled[before] < ENDED_LINE
                and lines[before].text.endswith(SENTENCE_ENDS)
                and (
                    abs(offsets[index] - offsets[before]) >= MIN_INDENT * em
                    or (usual_indent is not None and abs(offsets[index] - usual_indent) <= USUAL_INDENT_SLACK * em)
                )
            )
        else:
            starts[index] = indented[before] and filled[before] < SHORT_LINE
    opens = [False] * len(lines)
    for run in runs:
        opens[run.start] = True
    return Indents(starts, opens, usual_count >= INDENTED_BOOK)


def column_runs(lines: Sequence[Placed], em: float) -> list[range]:
    """The lines' column runs: lines going down a page, until the page ends or the next line stands higher up."""
    runs: list[range] = []
    start = 0
    while start < len(lines):
        end = start + 1
        while end < len(lines) and lines[end].page == lines[start].page and lines[end].y <= lines[end - 1].y + em:
            end += 1
        runs.append(range(start, end))
        start = end
    return runs


def _offsets(lines: Sequence[Placed], body: Sequence[bool], runs: list[range], em: float) -> list[float]:
    """How far each line's left edge stands right of its margin."""
    sides: dict[int, Counter[int]] = {0: Counter(), 1: Counter()}
    for line, is_body in zip(lines, body, strict=True):
        if is_body:
            sides[line.page % 2][round(line.x)] += 1
    side_margin = {side: _margin(counts) for side, counts in sides.items()}
    offsets: list[float] = []
    for run in runs:
        margin = side_margin[lines[run.start].page % 2]
        edges = Counter(round(lines[index].x) for index in run if body[index])
        if edges.total() >= MIN_RUN_LINES:
            own = _margin(edges)
            if not MIN_INDENT * em <= own - margin < WIDE_INDENT * em:
                margin = own
        offsets.extend(lines[index].x - margin for index in run)
    return offsets


def _filled(lines: Sequence[Placed], body: Sequence[bool], indented: list[bool], runs: list[range]) -> list[float]:
    """How much of the measure each line fills: its characters, to those of a full line of its run (a page's two
    columns may be narrower than the book's single one), or of the book's where the run has no two lines at the
    margin to say."""
    book = full_length([len(lines[index].text) for index in range(len(lines)) if body[index] and not indented[index]])
    filled: list[float] = []
    for run in runs:
        full = [len(lines[index].text) for index in run if body[index] and not indented[index]]
        measure = full_length(full) if len(full) >= 2 else book
        filled.extend(len(lines[index].text) / measure if measure else 1.0 for index in run)
    return filled


def full_length(lengths: list[int]) -> int:
    """The characters of a full line among lines at the margin: most are full, but a paragraph's last line is not,
    and in a page of dialogue nor are many others, so the length a quarter of them reach rather than the median.
    Counted, not sorted, so a book's lines take linear time."""
    counts = Counter(min(length, LONGEST_LINE) for length in lengths)
    rank = len(lengths) * 3 // 4
    for length in sorted(counts):  # at most LONGEST_LINE of them
        rank -= counts[length]
        if rank < 0:
            return length
    return 0


def _margin(edges: Counter[int]) -> int:
    """The leftmost of the left edges that at least MARGIN_SHARE of the lines share: on a page of prose most lines
    stand at the margin, on one with a long quote or verse perhaps not; a line or two set out into the margin (a
    list's numbers, hanging punctuation) is no margin."""
    least = max(2, MARGIN_SHARE * edges.total())
    shared = [edge for edge, count in edges.items() if count >= least]
    return min(shared) if shared else min(edges, default=0)
