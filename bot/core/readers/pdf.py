"""PDF books and papers (`.pdf`), read with pypdf: pure Python, no other dependency, kept up to date, and
with limits of its own on how much one stream may unpack.

PDF has no paragraphs, only lines placed on pages, so they are rebuilt from where the lines stand:
a line set in a larger type than the text is a heading (a chapter), unless it is a drop cap (one letter, read
into the line it opens); a gap between lines taller than the text's usual line spacing starts a paragraph (the
spacing within a paragraph: where most steps are paragraphs' space after them, a page of one-line paragraphs of
dialogue, the closer step after lines wrapped full), and
so does a line indented past the text's left margin after one that was not (pdf_indents.py: a typeset novel
marks its paragraphs by indent alone; a block quote, verse or centered lines, indented on every line, stay one);
at a new page or column, a book that indents its paragraphs goes on unless the line is indented, another starts
a paragraph after a line that ends a sentence. Pieces of text a little above or below a line (a footnote's
mark) are on it; text placed beyond any page, or at a place that is no number, is nowhere to be seen and left out.
Page numbers, a number alone as a page's first or last line, are dropped (a chapter's number, in a heading's type,
is kept, and so is a number alone within a page), and so are running heads and feet, the book's or chapter's title
repeated at the top or bottom of page after page (pdf_running.py). A word hyphenated at a line's end is
joined ("prac-" and "tising"), a compound kept ("well-known"), as the book's own words and the dictionary
say (line_hyphens.py). Letters set apart (letterspacing) are read as their words (pdf_letterspacing.py), and
an accent drawn apart from its letter on that letter (pdf_accents.py). The title block LaTeX's \\maketitle sets over
an article's story, its author and date, is left out (pdf_title_block.py), as a title page is, and so is the frame
of a story in standard manuscript format (pdf_manuscript.py), and what Archive of Our Own sets around a work in its
PDF download (pdf_ao3.py). A chapter's number set over its title in smaller type is its name's first part ("Chapter 1:
The Hut"). A contents list no heading names, its lines the headings that follow with their page numbers (Google
Docs'), is left out. Text comes in the order of each page's content, which is the reading order in the PDFs that word
processors and typesetters write. A PDF with no text at all (a scanned book) is named and skipped: it needs OCR first.
"""

from __future__ import annotations

import io
import itertools
import logging
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.core.analysis import fold, is_dictionary_word
from bot.core.readers.archive import MAX_UNPACKED_BYTES
from bot.core.readers.book_matter import SECTION_CHARS, book_matter_left_out
from bot.core.readers.chapter_lines import (
    is_bare_chapter_line,
    is_chapter_line,
    is_roman,
    is_subtitle,
    joined_heading,
)
from bot.core.readers.line_hyphens import LineHyphens
from bot.core.readers.pdf_accents import accents_over_letters, as_drawn, with_accents
from bot.core.readers.pdf_actual_text import ActualTextForms, with_actual_text
from bot.core.readers.pdf_ao3 import in_ao3_download
from bot.core.readers.pdf_indents import ENDED_LINE, SENTENCE_ENDS, full_length, indents
from bot.core.readers.pdf_letterspacing import join_letterspaced
from bot.core.readers.pdf_manuscript import in_manuscript
from bot.core.readers.pdf_notes import MARK_TYPE, is_mark, is_raised_mark, without_footnotes
from bot.core.readers.pdf_running import without_running_lines
from bot.core.readers.pdf_shown import ShownText
from bot.core.readers.pdf_title_block import without_title_block
from bot.core.readers.pdf_word_gaps import space_word_gaps
from bot.core.readers.reader import Block, ExtraMissing, StoryText, chosen_title, known_title, story_text
from bot.core.readers.unspaced_scripts import joined_without_space, unspaced_width, written_without_spaces
from bot.core.skipped import Cause, Refusal, StoryRefused

if TYPE_CHECKING:
    import pypdf

HEADING_SCALE = 1.15
"""A line in type this much larger than the text's is a heading."""
MAX_DROP_CAP = 2
"""Characters of a drop cap: a letter, perhaps after an opening quote."""
HEADING_LEADING = 1.5
"""Type sizes from a heading's line to the next line of the same heading at most: typesetters set headings 1.2 apart
(LaTeX's chapter titles, word processors' single spacing)."""
PARAGRAPH_GAP = 1.3
"""A gap this much taller than the usual line spacing starts a paragraph."""
SAME_LINE = 0.7
"""A piece of text less than this much of its type size (or the line's, the smaller) above or below the line drawn
before it is on that line: a footnote's mark or a superscript, raised some tenths of an em, stays in its sentence
(not a line of its own, read as a page number, or as a paragraph's indented start); the next line stands an em or
more below, and a drop cap's baseline a line or more below the line it opens."""
MAX_PLACE = 1e12
"""Points from the page's origin past which text stands nowhere a reader sees: the largest page PDF allows (14,400
units of up to 75,000 points) is some 10^9 points wide. Such text, or text at a place that is no number (infinity
times zero), is left out: how far apart two such places stand is no number either (10^308 less -10^308 overflows)."""
MAX_OPERATIONS = 1_000_000
"""Drawing operations read in all, a form's each time it is drawn: a book of 3,000 pages or more (a page of
text takes a few hundred), read in about two minutes. A form drawn ten times by a form drawn ten times...
packs hours of reading into a few kilobytes: a 70 KB file drew a 70 KB form 5,000 times a page."""
MAX_PAGE_BYTES = 16 * 2**20
"""What one page's content may unpack to, checked before pypdf parses any page: a page of text takes some
kilobytes (LibreOffice's 20 KB), an illustration drawn in curves some megabytes (one of 5.2 MB, 240,000
operations, read in 5 s), and pypdf parses a page whole before its first operation is counted, up to 2 s a
megabyte (a hex string): a 64 MB page took two minutes before any budget could stop it. The pages' 64 MB in all
(MAX_UNPACKED_BYTES) bounds a file's parsing to about two minutes."""
MAX_PAGE_TEXT = 100_000
"""Characters of text shown on one page, counted before each operation runs (bot.core.readers.pdf_shown): a page
of a book shows a few thousand (5,300 in the densest of 1,300 pages LibreOffice and ReportLab made). pypdf joins
each piece of a page's text to all the text before it on the page, so its time grows as the square of the page's
text: a page of 1 MB on one line took 3 s of CPU, one of 2 MB 28 s, 64 MB of pages of 1 MB 63 s (5 minutes on a
busy machine)."""


class _Refused(StoryRefused):
    """This reader's own reason to skip the file (pypdf's errors are reported as unreadable)."""


_FORMS_SKIPPED = "Exceeded %(limit)d form XObject"
"""How pypdf's warning that it left the rest of a page's forms unread begins (its format string). Its others are
repairs it made, or a drawing it could not read (a missing image, a broken form, one this reader stopped), which
leave the rest of the file's text as it is read."""


_OTHER_HANDLER = "only Standard PDF encryption handler"
"""How pypdf's refusal of a file encrypted by another security handler than a password's begins: a store's DRM
(Adobe Digital Editions' EBX_HANDLER), which no export mends."""


@dataclass
class _Warned:
    forms_skipped: bool = False


class _PypdfWarnings(logging.Handler):
    """pypdf's warnings, taken from the reader of the file they are about (in its thread) rather than printed raw
    on the owner's terminal or in the bot's log: the reader names the file once, in the corpus's words. Only
    what they say is kept (a hostile file can make pypdf warn a million times)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self._reading = threading.local()

    def emit(self, record: logging.LogRecord) -> None:
        warned: _Warned | None = getattr(self._reading, "warned", None)
        if warned is not None and str(record.msg).startswith(_FORMS_SKIPPED):
            warned.forms_skipped = True

    @contextmanager
    def watched(self) -> Iterator[_Warned]:
        """What pypdf warns of while this thread reads a file."""
        self._reading.warned = warned = _Warned()
        try:
            yield warned
        finally:
            self._reading.warned = None


_PYPDF_WARNINGS = _PypdfWarnings()
_pypdf_log = logging.getLogger("pypdf")
_pypdf_log.addHandler(_PYPDF_WARNINGS)
_pypdf_log.propagate = False


@dataclass(kw_only=True)
class Line:
    page: int
    y: float
    x: float
    parts: list[str] = field(default_factory=list)
    sizes: Counter[float] = field(default_factory=Counter)
    """Characters in each type size: a raised initial or a footnote's mark on the line leaves it the text's size."""
    size: float = 0.0
    """The type size of most of its characters, kept as pieces are added: sought among all its sizes for each piece,
    a line of 20,000 pieces in as many sizes took 7 s, four times that at twice the pieces."""
    first_size: float = 0.0
    """The type size of its first piece: a footnote's number, set small, before the note."""
    marks: list[str] = field(default_factory=list)
    """The notes' marks raised on it, after the words they mark, left out of its text."""
    marks_at: int = 0
    """How many pieces it had when its last mark was left out."""
    right: float = 0.0
    """About where its text ends, where it ends in a script written without spaces: its last such piece's place and an
    estimate of that piece's width (unspaced_width)."""
    full: bool = False
    """Whether it runs across its page's text, as a line wrapped within its paragraph does (set once its page is
    read)."""

    def mark(self, text: str) -> None:
        """Leaves out a note's mark raised after the words before it, keeping what it says."""
        self.marks.append(text.strip())
        self.marks_at = len(self.parts)

    def add(self, text: str, size: float) -> None:
        if not self.parts:
            self.first_size = size
        elif self.marks and self.marks_at == len(self.parts) and text[:1].isalnum():
            self.parts.append(" ")  # a mark stood between two words: "water.²And" is "water. And"
        elif (
            len(self.parts) == 1
            and self.first_size <= MARK_TYPE * size
            and is_mark(self.parts[0])
            and text[:1].isalpha()
        ):
            self.parts.append(" ")  # a verse's number set small opens the line: "⁴And" is "4 And"
        self.parts.append(text)
        self.sizes[size] += len(text.strip())
        if self.sizes[size] > self.sizes[self.size]:
            self.size = size

    @property
    def text(self) -> str:
        return " ".join(with_accents(_well_formed("".join(self.parts))).split())


def _well_formed(text: str) -> str:
    """pypdf gives what a font's ToUnicode map says, surrogates too (a code mapped to <D800>), which no UTF-8 holds:
    the text could be neither digested nor stored. A pair split over two codes is joined, a lone one is U+FFFD."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _is_page_number(text: str) -> bool:
    """A line of a number alone: a page's number where it stands at the page's top or foot (_page_edges) in the
    text's type or smaller (a chapter's number is set larger)."""
    return text.isdigit() or (text.islower() and is_roman(text.upper()))


def _lines(reader: pypdf.PdfReader) -> list[Line]:
    """Every line of text with where it stands and its type size, page after page."""
    pages = list(reader.pages)
    _require_content_within(pages)
    lines: list[Line] = []
    operations = 0
    forms = ActualTextForms()  # each form written anew once in the file, however often drawn
    for number, page in enumerate(pages):
        if not with_actual_text(reader, page, MAX_PAGE_TEXT, forms):
            raise _too_much_text()
        shown = ShownText(page.get("/Resources"))

        def counted(operator: bytes, operands: list[object], cm: object, tm: object, shown: ShownText = shown) -> None:
            # In a form, pypdf catches what this raises and skips the form; the page's next operation raises again.
            nonlocal operations
            operations += 1
            if operations > MAX_OPERATIONS:
                raise _too_many()
            shown.before(operator, operands)
            if shown.characters > MAX_PAGE_TEXT:
                raise _too_much_text()
            accents_over_letters(operator, operands, shown.font)
            join_letterspaced(operator, operands, shown.font)
            space_word_gaps(operator, operands)

        def seen(text: str, cm: list[float], tm: list[float], font: object, size: float, page: int = number) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scaled = abs(size) * (abs(tm[3] * cm[3]) or 1.0)  # a negative size draws the text mirrored
            if not all(abs(value) <= MAX_PLACE for value in (x, y, scaled)):  # NaN is not <=
                return
            last = lines[-1] if lines else None
            if not text.strip():
                if text and last is not None and last.page == page and abs(last.y - y) <= SAME_LINE * last.size:
                    last.parts.append(" ")  # a space drawn alone (LibreOffice's no-break space) parts two words
                return
            if last is None or last.page != page or abs(last.y - y) > SAME_LINE * min(last.size, scaled):
                last = Line(page=page, y=y, x=x)
                lines.append(last)
            elif is_raised_mark(text, scaled, y - last.y, last.size):
                last.mark(text)  # a note's mark, after the word it marks
                return
            added = as_drawn(text, font).replace("\n", " ")
            last.add(added, scaled)
            last.x = min(last.x, x)
            if written_without_spaces(added[-1:]):  # only such a line's reach is asked (_blocks' seams)
                last.right = max(last.right, x + unspaced_width(added) * scaled)

        read_from = len(lines)
        page.extract_text(visitor_text=seen, visitor_operand_before=counted, visitor_operand_after=shown.after)
        _mark_full_lines(lines[read_from:], page)
        if operations > MAX_OPERATIONS:
            raise _too_many()
        if shown.characters > MAX_PAGE_TEXT:
            raise _too_much_text()
    texts = [line for line in lines if line.text]
    text_size = _text_size(texts) if texts else 0.0
    heading = text_size * HEADING_SCALE
    _typed_headings_raised(texts, text_size, _line_spacing(texts, text_size) * PARAGRAPH_GAP)
    edges = _page_edges(texts)
    kept = without_running_lines(
        [
            line
            for index, line in enumerate(texts)
            if index not in edges or line.size >= heading or not _is_page_number(line.text)
        ],
        heading,
        _line_spacing(texts, text_size) * PARAGRAPH_GAP,
        _heading_texts(texts, heading),
    )
    return without_footnotes(kept, text_size)


def _typed_headings_raised(lines: list[Line], text_size: float, gap: float) -> None:
    """Sets each chapter line in the text's type that stands apart from the text around it ("Chapter 2", "PART II:
    THE SEA", alone on its line with a paragraph's gap above and below) in a heading's size, and so the short line
    that names one with no name of its own right under it ("The Storm"): a manuscript exported from Word sets its
    chapters bold at the text's size, and they were text, the whole book one chapter, the contents page's, and its
    chapters' "Chapter 2" taken for running heads. A contents list's entry ("Chapter 2: The Storm .... 7") is none,
    nor is a line smaller than the text (a running head that names the chapter, "Chapter 1: The Keeper")."""
    heading = text_size * HEADING_SCALE
    for index, line in enumerate(lines):
        if round(line.size, 1) != round(text_size, 1) or not _stands_apart(lines, index, gap):
            continue
        text = line.text.strip()
        if is_chapter_line(text):
            if not any(leaders in text for leaders in _LEADERS):
                line.size = heading
        elif index and _names_chapter_above(lines[index - 1], line, heading):
            line.size = heading


def _names_chapter_above(above: Line, line: Line, heading: float) -> bool:
    """Whether a line is the name of the chapter line right above it, a heading with no name of its own."""
    return (
        above.page == line.page
        and above.size >= heading
        and is_bare_chapter_line(above.text.strip())
        and is_subtitle(line.text.strip())
    )


_LEADERS = ("...", ". . .", "\u2026")
"""What runs from a contents list's entry to its page number."""


def _stands_apart(lines: list[Line], index: int, gap: float) -> bool:
    """Whether a line has more than a paragraph's gap, or a page's edge, above it and below it."""
    line = lines[index]
    above = lines[index - 1] if index else None
    below = lines[index + 1] if index + 1 < len(lines) else None
    return (above is None or above.page != line.page or above.y - line.y > gap) and (
        below is None or below.page != line.page or line.y - below.y > gap
    )


CONTENTS_ENTRIES = 2
"""Lines naming headings with their page numbers, one after another, that make a contents list."""


def _without_contents(lines: list[Line], heading: float) -> list[Line]:
    """The lines less a contents list that no heading names ("Contents"): Google Docs sets its contents as the
    headings' texts in the text's type, each with its page number at the right margin (on its line), no leaders; they
    were read as a chapter's text, under the document's subtitle taken for a chapter. A run of CONTENTS_ENTRIES lines
    or more, each a heading's text (leaders after it, if any) and a number, the headings each named once, in their
    order, and each standing after the list: a list naming headings already read (a timetable of the places the
    chapters are named after) is the story's."""
    first: dict[str, int] = {}  # each heading's folded text: where it first stands
    for index, line in enumerate(lines):
        if line.size >= heading:
            first.setdefault(fold(line.text), index)
    named = [_contents_entry(line, heading, first) for line in lines]
    left_out: set[int] = set()
    start = 0
    while start < len(lines):
        end = start
        while end < len(lines) and named[end] is not None:
            end += 1
        places = [first[name] for name in named[start:end] if name is not None]
        if len(places) >= CONTENTS_ENTRIES and start < min(places) and places == sorted(set(places)):
            left_out.update(range(start, end))
        start = end + 1
    return [line for index, line in enumerate(lines) if index not in left_out]


def _contents_entry(line: Line, heading: float, first: dict[str, int]) -> str | None:
    """The heading a line of a contents list names (folded), if it is one: in the text's type, a heading's text and a
    page number."""
    if line.size >= heading:
        return None
    name, _, number = line.text.rpartition(" ")
    if not _is_page_number(number):
        return None
    name = fold(name.rstrip(". "))  # leaders: "The Hut . . . . 2"
    return name if name in first else None


def _heading_texts(lines: list[Line], heading: float) -> list[str]:
    """The text of each heading, its lines run over joined (a running head may say a chapter's title once)."""
    texts: list[str] = []
    previous: Line | None = None
    for line in lines:
        if line.size < heading:
            previous = None
            continue
        if previous is not None and previous.page == line.page and _same_heading(previous, line):
            texts[-1] += " " + line.text
        else:
            texts.append(line.text)
        previous = line
    return texts


def _page_edges(lines: list[Line]) -> set[int]:
    """The highest and the lowest line of each page, where its number stands: a number alone anywhere else is
    text (a story's numbered sections, a countdown, a table's column)."""
    edges: set[int] = set()
    for _, page in itertools.groupby(range(len(lines)), key=lambda index: lines[index].page):
        indexes = list(page)
        edges.update((max(indexes, key=lambda index: lines[index].y), min(indexes, key=lambda index: lines[index].y)))
    return edges


def _text_size(lines: list[Line]) -> float:
    """The type size of most lines: the text's."""
    return Counter(round(line.size, 1) for line in lines).most_common(1)[0][0]


def _require_content_within(pages: list[pypdf.PageObject]) -> None:
    """Refuses a file whose pages unpack to too much, before any page is parsed (unpacking is quick)."""
    unpacked = 0
    for page in pages:
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        if size > MAX_PAGE_BYTES:
            raise _Refused(Refusal(cause=Cause.PAGE_TOO_LARGE, most=MAX_PAGE_BYTES))
        unpacked += size
        if unpacked > MAX_UNPACKED_BYTES:
            raise _Refused(Refusal(cause=Cause.CONTENT_TOO_LARGE, most=MAX_UNPACKED_BYTES))


def _too_many() -> _Refused:
    return _Refused(Refusal(cause=Cause.TOO_MANY_OPERATIONS, most=MAX_OPERATIONS))


def _too_much_text() -> _Refused:
    return _Refused(Refusal(cause=Cause.TOO_MUCH_TEXT, most=MAX_PAGE_TEXT))


def _line_spacing(lines: list[Line], text_size: float) -> float:
    """The usual height from a line of the text to the next within a paragraph."""
    gaps = Counter(
        round(above.y - below.y, 1)
        for above, below in itertools.pairwise(lines)
        if above.page == below.page and above.y > below.y and round(below.size, 1) == text_size
    )
    if not gaps:
        return text_size * 1.2
    usual = gaps.most_common(1)[0][0]
    return _wrapped_spacing(lines, text_size, usual) or usual


def _wrapped_spacing(lines: list[Line], text_size: float, usual: float) -> float | None:
    """The height from a line wrapped within its paragraph to the next, where the commonest height is the space
    between paragraphs: a word processor's paragraphs parted by space after them, not by an indent (Word's Normal
    style), where most of a dialogue's paragraphs are one line, each a paragraph's step below the one before. It is
    the commonest of the closer steps (the usual one a paragraph's gap beside it), where most lines above the usual
    step end short of the lines above that closer one, as paragraphs' last lines end short of the lines wrapped
    within them; the prose of a double-spaced manuscript, its lines above the usual step mostly full, keeps that step
    however its single-spaced block quote is set."""
    above_each: dict[float, list[int]] = {}
    for above, below in itertools.pairwise(lines):
        if above.page == below.page and above.y > below.y and round(above.size, 1) == round(below.size, 1) == text_size:
            above_each.setdefault(round(above.y - below.y, 1), []).append(len(above.text))
    closer = [gap for gap in above_each if gap * PARAGRAPH_GAP < usual]
    if not closer:
        return None
    wrapped = max(closer, key=lambda gap: len(above_each[gap]))
    measure = full_length(above_each[wrapped])
    ends = above_each.get(usual, [])
    short = sum(length < ENDED_LINE * measure for length in ends)
    return wrapped if 2 * short > len(ends) else None


def _blocks(lines: list[Line]) -> list[Block]:
    text_size = _text_size(lines)
    spacing = _line_spacing(lines, text_size)
    lines = _with_drop_caps(lines, text_size)
    hyphens = LineHyphens(line.text for line in lines)
    headings = [line.size >= text_size * HEADING_SCALE for line in lines]
    indented = indents(lines, [not heading for heading in headings], text_size)
    levels = _heading_levels(line.size for line, heading in zip(lines, headings, strict=True) if heading)
    blocks: list[Block] = []
    current: list[str] = []
    current_heading = False
    level: int | None = None
    number: list[str] = []  # a chapter's number over its title: the title's first part
    previous: Line | None = None
    block_lines = 0
    for line, heading, indent_starts, opens in zip(lines, headings, indented.starts, indented.opens, strict=True):
        if previous is None:
            starts = True
        elif opens:
            starts = (
                heading
                or current_heading
                or indent_starts
                or (not indented.marked and previous.text.endswith(SENTENCE_ENDS))
            )
        elif heading:
            starts = not current_heading or not _same_heading(previous, line)
        else:
            starts = current_heading or indent_starts or previous.y - line.y > spacing * PARAGRAPH_GAP
        if starts and current:
            if heading and current_heading and block_lines == 1 and previous is not None and _numbers(previous, line):
                number = ["".join(current)]
            else:
                blocks.append(Block(joined_heading([*number, "".join(current)]), current_heading, level))
                number = []
            current = []
        if starts:
            level = levels[round(line.size, 1)] if heading else None
            block_lines = 0
        block_lines += 1
        if current:
            current[-1], between = hyphens.seam(current[-1], line.text)
            unspaced = (
                previous is not None
                and previous.full
                and joined_without_space(current[-1], line.text)
                and not _ends_in_space(previous)
            )
            current.append("" if unspaced else between)
        current.append(line.text)
        current_heading = heading
        previous = line
    if current:
        blocks.append(Block(joined_heading([*number, "".join(current)]), current_heading, level))
    return blocks


TYPED_SKIP = 5.0
"""Sizes of its type a chapter's title stands below its number at most where both are set alike: a manuscript's blank
lines between "Chapter 2" and "The Storm"."""
NUMBER_SKIP = 3.0
"""Sizes of a chapter's title's type its number stands above it at most: LaTeX's book and report classes set
"Chapter 1" two sizes above the title's first line."""


def _numbers(above: Line, below: Line) -> bool:
    """Whether a heading line is a chapter's number ("Chapter 1", "PART II", "IV") set over its title, the next heading
    line, in larger type (LaTeX's `\\chapter`): they name one chapter, "Chapter 1: The Hut", as an EPUB's <hgroup>
    does; the number alone was lost, the chapter named "The Hut". A title that reads as a chapter line itself ("Part
    One" over "Chapter 1") is a heading of its own, and so is a number in the larger type (a part's, over a chapter's
    title)."""
    if above.page != below.page or not is_chapter_line(above.text) or is_chapter_line(below.text):
        return False
    larger, same = round(above.size, 1) < round(below.size, 1), round(above.size, 1) == round(below.size, 1)
    apart = above.y - below.y
    if same and is_bare_chapter_line(above.text.strip()):  # "Chapter 2" over "The Storm", in one type
        return 0 < apart <= TYPED_SKIP * below.size
    return larger and 0 < apart <= NUMBER_SKIP * below.size


FULL_LINE = 0.85
"""Of its page's width less the margins (the left one, the text's leftmost line, taken for both), how far a line runs
to be full: a line wrapped within its paragraph runs to the right margin, a paragraph's last line stops short."""


def _mark_full_lines(lines: list[Line], page: pypdf.PageObject) -> None:
    """Marks which of a page's lines are full (Line.full), by how far their text runs across the page. The margins are
    measured from the page's box where it stands: a page split from a two-up sheet keeps the box of its half
    ([612 0 1224 792]), and taken from 0, every line was full, a verse's short lines read as one word."""
    if not lines:
        return
    try:
        box = page.mediabox
        low, high = sorted((float(box[0]), float(box[2])))
    except Exception:  # a hostile page's box: no line is taken for full
        return
    left = min(line.x for line in lines)
    reach = left + FULL_LINE * (high - (left - low) - left)  # the text's right edge: as far in from the box's as left
    for line in lines:
        line.full = line.right >= reach


def _ends_in_space(line: Line | None) -> bool:
    """Whether a line's last piece ends in a space drawn (a Thai line wrapped at a space between two words: not where
    it wraps between words with none, as Thai mostly does)."""
    return line is not None and line.parts[-1:] != [] and line.parts[-1][-1:].isspace()


def _heading_levels(sizes: Iterable[float]) -> dict[float, int]:
    """Each heading's type size (to a tenth of a point), its level: the largest 1, the next 2, and on."""
    return {size: n for n, size in enumerate(sorted({round(size, 1) for size in sizes}, reverse=True), start=1)}


def _title_page(lines: list[Line]) -> list[Line]:
    """The lines of the book's title page, none if it has none: a first page, of several, with a heading (the title,
    in large type) and, in the text's type, under SECTION_CHARS of text that ends no sentence (an author, a publisher,
    a date), centered as title pages are set, where a first page that opens the story holds some of it (a chapter's
    first lines; a poem's, set flush left or centered as a stanza, that may end in no stop; dialogue ending in a quote
    after its stop). It is no story text, as an EPUB's title page is not."""
    page = list(itertools.takewhile(lambda line: line.page == lines[0].page, lines))
    heading = _text_size(lines) * HEADING_SCALE
    text = [line for line in page if line.size < heading]
    if len(page) == len(lines) or len(text) == len(page) or sum(len(line.text) for line in text) >= SECTION_CHARS:
        return []
    if any(line.text.rstrip(_CLOSING).endswith(_STOPS) for line in text):
        return []
    return [] if _flush_left(text, lines, heading) or _has_stanza(text, lines) else page


_STOPS = (".", "!", "?", "…")
_CLOSING = "\"'”’)]»"
"""What may close a sentence after its stop: quotes, brackets."""


def _flush_left(text: list[Line], lines: list[Line], heading: float) -> bool:
    """Whether lines of a first page are set flush left, as a story's are, not centered as a title page's: two of them
    start at one left edge, or one starts at the left edge most of the text on that side of the book starts at."""
    edges = Counter(round(line.x) for line in text)
    if any(count > 1 for count in edges.values()):
        return True
    side = lines[0].page % 2
    margins = Counter(
        round(line.x) for line in lines if line.page != lines[0].page and line.page % 2 == side and line.size < heading
    )
    return bool(margins) and margins.most_common(1)[0][0] in edges


STANZA_LINES = 3
"""Lines in the text's type, each at the text's line spacing below the one before, that make a stanza (a first page's
poem, centered as a title page's lines are), where a title page spaces its few lines apart (an author, a publisher,
a date)."""


def _has_stanza(text: list[Line], lines: list[Line]) -> bool:
    """Whether a first page's lines below its heading hold a stanza: STANZA_LINES in the text's type one under
    another, at the book's line spacing or closer."""
    text_size = _text_size(lines)
    spacing = _line_spacing(lines, text_size) * PARAGRAPH_GAP
    run = 0
    for above, below in itertools.pairwise(text):
        in_text = round(above.size, 1) == round(below.size, 1) == text_size
        run = run + 1 if in_text and 0 < above.y - below.y <= spacing else 0
        if run + 1 >= STANZA_LINES:
            return True
    return False


def _title_of(title_page: list[Line]) -> str | None:
    """The title a title page gives (for a book whose metadata gives none, LaTeX's without hyperref): its first line in
    the page's largest type, with the lines it runs over."""
    largest = max(line.size for line in title_page)
    title: list[Line] = []
    for line in title_page:
        if (not title and line.size == largest) or (title and _same_heading(title[-1], line)):
            title.append(line)
        elif title:
            break
    return " ".join(line.text for line in title) or None


def _same_heading(above: Line, below: Line) -> bool:
    """Whether two heading lines, one below the other on a page, are one heading run over lines ("Sophie Korolev: A" /
    "Pianist Takes the Stage", as LaTeX sets a chapter's title): in the same type, a heading's line spacing apart. A
    chapter's number over its title ("Chapter 1", set smaller) is a heading of its own, and so is a heading set
    further below."""
    return round(above.size, 1) == round(below.size, 1) and above.y - below.y <= below.size * HEADING_LEADING


def _with_drop_caps(lines: list[Line], text_size: float) -> list[Line]:
    """A drop cap, a chapter's first letter set large over its first lines and drawn before them, read into the line
    it opens ("T" and "he keeper" are "The keeper"; "A" and "storm" are "A storm"), rather than as a heading "T" over
    a paragraph beginning "he keeper"."""
    kept: list[Line] = []
    for line in lines:
        cap = kept[-1] if kept else None
        if (
            cap is not None
            and cap.page == line.page
            and cap.size >= text_size * HEADING_SCALE > line.size
            and cap.y <= line.y + SAME_LINE * text_size  # a heading stands above its text, a drop cap beside it
            and len(cap.text) <= MAX_DROP_CAP
            and cap.text[-1:].isalpha()
            and line.text[:1].isalpha()
        ):
            first = line.text.split()[0]
            joined = is_dictionary_word(fold(cap.text + first)) or not is_dictionary_word(fold(first))
            line.parts.insert(0, cap.text if joined else cap.text + " ")
            kept[-1] = line
        else:
            kept.append(line)
    return kept


def _unreadable(error: Exception) -> StoryRefused:
    return StoryRefused(Refusal(cause=Cause.NOT_PDF, detail=f"{type(error).__name__}: {error}"))


def _text_title(reader: pypdf.PdfReader) -> str | None:
    """The metadata's title when it is text: pypdf gives one that is not (a number, an array, a name) as the object it
    is, whose AttributeError, outside what reading catches, ended the upload's reader and the folder's load."""
    from pypdf.generic import NameObject

    title = reader.metadata.title if reader.metadata is not None else None
    return title if isinstance(title, str) and not isinstance(title, NameObject) else None


def _text_author(reader: pypdf.PdfReader) -> str | None:
    """The metadata's author when it is text (as for the title): story_text leaves out a line of the author's name alone
    before the story, and a "by" line naming them."""
    from pypdf.generic import NameObject

    author = reader.metadata.author if reader.metadata is not None else None
    return _well_formed(author) if isinstance(author, str) and not isinstance(author, NameObject) else None


class PdfReader:
    suffixes = (".pdf",)
    name = "PDF"

    def read(self, raw: bytes) -> StoryText:
        try:
            import pypdf
        except ImportError as error:
            raise ExtraMissing(self.name) from error
        try:
            with _PYPDF_WARNINGS.watched() as warned:
                reader = pypdf.PdfReader(io.BytesIO(raw))
                if reader.is_encrypted and not reader.decrypt(""):
                    raise _Refused(Refusal(cause=Cause.PDF_PASSWORD))
                title = known_title(_text_title(reader))
                lines = _lines(reader)
            if warned.forms_skipped:  # pypdf's own limit, a form drawn over and over as MAX_OPERATIONS is
                raise _Refused(Refusal(cause=Cause.FORMS_TOO_OFTEN))
        except _Refused:
            raise
        except NotImplementedError as error:
            if str(error).startswith(_OTHER_HANDLER):
                raise _Refused(Refusal(cause=Cause.LOCKED)) from error
            raise _unreadable(error) from error
        except Exception as error:  # pypdf reads hostile files; whatever it raises, this file is unreadable
            raise _unreadable(error) from error
        if not lines:
            raise StoryRefused(Refusal(cause=Cause.IMAGES_ONLY))
        text_size = _text_size(lines)
        work = in_ao3_download(lines, text_size, text_size * HEADING_SCALE)
        if work is None:
            lines = _without_contents(lines, text_size * HEADING_SCALE)
        manuscript = None if work else in_manuscript(lines, text_size, _line_spacing(lines, text_size) * PARAGRAPH_GAP)
        title_page = _title_page(lines) if manuscript is None and work is None else []
        if work is not None:
            title = chosen_title(title, work.title)
            lines = work.lines
        elif manuscript is not None:
            title = chosen_title(title, manuscript.title)
            lines = manuscript.lines
        elif title_page:
            title = chosen_title(title, _title_of(title_page))
            lines = lines[len(title_page) :]
        else:
            lines = without_title_block(lines, text_size)
        author = _text_author(reader)
        return story_text(title and _well_formed(title), book_matter_left_out(_blocks(lines), title), author)
