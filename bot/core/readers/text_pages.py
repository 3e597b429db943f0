"""A plain text's pages, where form feeds part them (as OCR programs and pdftotext write a scanned or printed book):
their frames are no story text.

A page's number alone on its last line ("12", "- 12 -"), or at one end of its first line set apart from a running
head by spaces ("12    THE SALT ROAD", "THE LETTER    13"), is left out where it counts the pages as the others do. A
number alone atop a page is a chapter's as often as a page's, and is kept. So is a running head left out: the first
line of a page, standing apart from the text under it, beside the page's number, or the same but for a number over a
third of a numbered book's pages (three at least). A chapter's own line is never one, nor a line that ends a sentence
("No."), nor a speaker's name over the speech. Left in, each page gave a passage "1 2    THE SALT ROAD". A word
broken by a hyphen at a page's end goes on across it; elsewhere a page break ends a line, as it always did."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from bot.core.readers.chapter_lines import MAX_HEADING_CHARS, is_chapter_line

PAGE_BREAK = "\f"
_PAGE_NUMBER = re.compile(r"[-\u2013\u2014 ]*(\d{1,4})[-\u2013\u2014 ]*")
"""A page's number alone on its line, dashes either side perhaps."""
_NUMBERED_HEAD = re.compile(r"(\d{1,4}) {2,}(\S.*)|(.*\S) {2,}(\d{1,4})")
"""A running head with its page's number at one end, set apart by two spaces or more."""
_NUMBERS = re.compile(r"\d+")
_HEADS_REPEATED = 3
"""Pages a line must head, the same but for a number, to be a running head where no page number stands beside it."""
_SENTENCE_ENDS = (".", "!", "?", ",", ";", ":", '"', "'", "\u201d", "\u2019", "\u2026")


@dataclass
class _Page:
    lead: str
    """The blank lines before its text, as the file has them."""
    lines: list[str]
    """Its lines from the first to the last that shows anything."""
    trail: str
    """The blank lines after its text."""
    first_number: int | None = None
    """The number beside a running head on its first line."""
    last_number: int | None = None
    """The number alone on its last line."""
    head: str = ""
    """Its first line's words as a running head has them, with no number ("the salt road"); empty where it is none."""


def without_page_frames(text: str) -> str:
    """The text, its pages' numbers and running heads left out and its pages joined; a page break where no frame is
    left out ends a line, as it always did."""
    if PAGE_BREAK not in text:
        return text
    pages = [_page(page) for page in text.split(PAGE_BREAK)]
    counted = Counter(
        number - index
        for index, page in enumerate(pages)
        for number in (page.first_number, page.last_number)
        if number is not None
    )
    offset = next((offset for offset, count in counted.most_common(1) if count > 1), None)
    heads = Counter(page.head for page in pages[1:] if page.head)
    repeated = max(_HEADS_REPEATED, len(pages) // 3)  # a head's book or chapter name: on many pages of a numbered book
    joined: list[str] = []
    last = ""  # the last line of text joined
    trail, framed = "", False  # the last page's blank lines after its text, and whether it lost its last line
    for index, page in enumerate(pages):
        lines = page.lines
        top = offset is not None and page.first_number == index + offset
        top = top or (offset is not None and index > 0 and bool(page.head) and heads[page.head] >= repeated)
        bottom = offset is not None and page.last_number == index + offset and len(lines) > top
        kept = _shown(lines[top : len(lines) - bottom])
        if not index:
            joined.append("" if top else page.lead)
        elif not (framed or top):
            joined.append(f"{trail}\n{page.lead}")  # the page break ends a line, as the file has it
        elif kept:
            joined.append("\n" if _goes_on(last, kept[0]) else "\n\n")
        joined.append("\n".join(kept))
        last = kept[-1].strip() if kept else last
        trail, framed = ("" if bottom else page.trail), bottom
    joined.append(trail)
    return "".join(joined)


def _goes_on(last: str, first: str) -> bool:
    """Whether a page's first line goes on with the paragraph the page before ended in: a word broken across them by
    a hyphen ("harbour-" "master's"). A page's first small letter is no sign: a poem of them may follow another, and
    two poems were read as one."""
    return last[-1:] == "-" and last[-2:-1].isalpha() and first.lstrip()[:1].islower()


def _page(text: str) -> _Page:
    all_lines = text.split("\n")
    start, end = _shown_span(all_lines)
    lines = all_lines[start:end]
    if not lines:
        return _Page(text, [], "")
    page = _Page("\n".join([*all_lines[:start], ""]), lines, "\n".join(["", *all_lines[end:]]))
    last = _PAGE_NUMBER.fullmatch(lines[-1].strip())
    if last is not None and len(lines) > 1:
        page.last_number = int(last.group(1))
    first = lines[0].strip()
    if _PAGE_NUMBER.fullmatch(first):
        return page  # a chapter's number atop its first page as often as a page's: the story's
    if len(first) > MAX_HEADING_CHARS or is_chapter_line(first) or first.endswith(_SENTENCE_ENDS):
        return page
    if len(lines) < 2 or lines[1].strip():
        return page  # a head stands apart from the text under it; a speaker's name over the speech does not
    numbered = _NUMBERED_HEAD.fullmatch(first)
    if numbered is not None:
        page.first_number = int(numbered.group(1) or numbered.group(4))
    page.head = " ".join(_NUMBERS.sub(" ", first).split()).casefold()
    return page


def _shown(lines: list[str]) -> list[str]:
    """The lines from the first to the last that shows anything."""
    start, end = _shown_span(lines)
    return lines[start:end]


def _shown_span(lines: list[str]) -> tuple[int, int]:
    """Where the lines that show anything begin, and where they end (past the last)."""
    start = next((n for n, line in enumerate(lines) if line.strip()), len(lines))
    end = next((n + 1 for n in range(len(lines) - 1, start - 1, -1) if lines[n].strip()), start)
    return start, end
