"""Titles set apart by blank lines in a plain-text collection of tales or essays: Project Gutenberg's rules put four
blank lines before a heading and two after, and a collection's titles ("THE EEL CATCHERS", "The Drowned Church") are
no chapter lines. Each title was a passage of its own and no answer named the tale it came from."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.readers import gutenberg
from bot.core.readers.book_matter import is_matter_name
from bot.core.readers.chapter_lines import ENDINGS, MAX_HEADING_CHARS, is_chapter_line, reads_as_a_name
from bot.core.readers.listed_matter import is_index_name

BLANK_LINES_BEFORE = 3
"""Blank lines, at least, before a line set apart as a heading (Gutenberg sets four; paragraphs are one apart)."""
SET_APART = 2
"""Lines set apart, at least, for them to be a collection's titles: one is a title page's line."""
MOST_SET_APART = 0.25
"""The largest share of the text's paragraphs that may be set apart: a text spaced three lines apart throughout
sets nothing apart."""


def set_apart_headings(body: str, left: Callable[[str], bool]) -> frozenset[str]:
    """The lines set apart as headings: each alone between blank lines (or over a subtitle), BLANK_LINES_BEFORE of them
    before it, short, set as a title is (in capitals, or its words of four letters or more capitalised: not a poem's
    line, nor a line of a page pasted from a PDF), no matter's name ("CONTENTS") and not `left` (the book's title
    said again). Only in a text of no chapter line, where SET_APART lines at least are so set and they are few among
    its paragraphs; else none. A Gutenberg book is read between its markers: its licence's "Section 1." is no
    chapter line of the book, and its index's letters after the titles ("L", "C") are none either."""
    found: list[str] = []
    paragraphs = blank = 0
    chaptered = False
    lines = [line.strip() for line in body.split("\n")]
    for number, line in enumerate(lines):
        if not line:
            blank += 1
            continue
        if gutenberg.is_start(line):
            found, paragraphs, chaptered = [], 0, False
        elif gutenberg.is_end(line):
            break
        starts = number == 0 or blank > 0
        if found and starts and is_index_name(line) and lines[number + 1 : number + 2] in ([], [""]):
            break  # the index after the tales: its letters ("L", "C") are no chapter lines
        chaptered = chaptered or is_chapter_line(line)
        paragraphs += starts
        after = lines[number + 1 : number + 3]  # a title alone, or over its subtitle: "A TALE OF WHITTLESEY MERE"
        alone = starts and (
            not after or not after[0] or (_set_as_a_title(after[0]) and (len(after) < 2 or not after[1]))
        )
        if alone and blank >= BLANK_LINES_BEFORE and _set_as_a_title(line) and not left(line):
            found.append(line)
        blank = 0
    if chaptered or len(found) < SET_APART or len(found) > MOST_SET_APART * paragraphs:
        return frozenset()
    return frozenset(found)


def _set_as_a_title(line: str) -> bool:
    words = [word for word in line.split() if len(word) >= 4 and word[0].isalpha()]
    return (
        len(line) <= MAX_HEADING_CHARS
        and reads_as_a_name(line)
        and any(character.isalpha() for character in line)
        and (line.isupper() or (bool(words) and all(word[0].isupper() for word in words)))
        and line.strip(" .!").casefold() not in ENDINGS
        and not is_matter_name(line)
    )
