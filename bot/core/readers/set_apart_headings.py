"""Titles set apart by blank lines in a plain-text collection of tales or essays: Project Gutenberg's rules put four
blank lines before a heading and two after, and a collection's titles ("THE EEL CATCHERS", "The Drowned Church") are
no chapter lines. Each title was a passage of its own and no answer named the tale it came from."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.readers.chapter_lines import ENDINGS, MAX_HEADING_CHARS, is_chapter_line, reads_as_a_name

BLANK_LINES_BEFORE = 3
"""Blank lines, at least, before a line set apart as a heading (Gutenberg sets four; paragraphs are one apart)."""
SET_APART = 2
"""Lines set apart, at least, for them to be a collection's titles: one is a title page's line."""
MOST_SET_APART = 0.25
"""The largest share of the text's paragraphs that may be set apart: a text spaced three lines apart throughout
sets nothing apart."""


def set_apart_headings(body: str, left: Callable[[str], bool]) -> frozenset[str]:
    """The lines set apart as headings: each alone between blank lines, BLANK_LINES_BEFORE of them before it, short,
    reading as a name, not a sentence, and not `left` (the book's title said again, its "CONTENTS": its reader's to
    leave out). Only in a text of no chapter line, where SET_APART lines at least are so set and they are few among
    its paragraphs; else none."""
    lines = [line.strip() for line in body.split("\n")]
    found: list[str] = []
    paragraphs = 0
    blank = 0
    for number, line in enumerate(lines):
        if not line:
            blank += 1
            continue
        if is_chapter_line(line):
            return frozenset()
        starts = number == 0 or blank > 0
        paragraphs += starts
        alone = starts and (number + 1 == len(lines) or not lines[number + 1])
        if alone and blank >= BLANK_LINES_BEFORE and _reads_as_a_title(line) and not left(line):
            found.append(line)
        blank = 0
    if len(found) < SET_APART or len(found) > MOST_SET_APART * paragraphs:
        return frozenset()
    return frozenset(found)


def _reads_as_a_title(line: str) -> bool:
    return (
        len(line) <= MAX_HEADING_CHARS
        and reads_as_a_name(line)
        and any(character.isalpha() for character in line)
        and line.strip(" .!").casefold() not in ENDINGS
    )
