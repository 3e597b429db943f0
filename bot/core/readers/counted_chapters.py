"""Chapters numbered and nothing more: "1", "2", "3" or "ONE", "TWO", "THREE", as most novels number them, and "1.",
"2." or "1. The Storm", "2. The Calm", as manuscripts and fan fiction type them. A plain-text story's (text.py) and a
document's of no headings (reader.typed_chapters): each number was read as a passage and no chapter named."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.readers.chapter_lines import (
    SUBTITLE_CHARS,
    counted_number,
    is_alone_word,
    is_chapter_line,
    reads_as_a_name,
)

COUNTED_CHAPTERS = 3
"""Numbers counting up from one that make chapters: fewer are a list's, a poem's or a speaker's."""
MIN_COUNTED_CHAPTER_CHARS = 1000
"""The least text after each number for the numbers to be chapters: a novel's chapter runs to pages, a list's item, a
stanza or a count's line to a paragraph."""
BEFORE_COUNTED = 2
"""The most paragraphs before the first number (a title, a dedication) for the numbers to be chapters."""
_DOTTED = re.compile(r"(\d{1,3})\.(?:[ \t]++(\S.*))?")
"""A number and its full stop, and the chapter's name after it perhaps: "1.", "12. The Storm"."""


def counted_chapters(paragraphs: Sequence[str]) -> set[int]:
    """Where the paragraphs that are a chapter's number stand: only in a text of no chapter line (a prologue's or an
    epilogue's aside), where the paragraphs that are a number alone, written one way (or a number, its full stop and
    a name), count up from one, three at least, the first after at most a title's lines and each followed by a
    chapter's worth of text. Numbers written another way are no chapters, but do not stop these: a list of "1. Eggs",
    "2. Lamp oil" in a novel of chapters "ONE", "TWO". A countdown ("3", "2", "1"), a year alone, a recipe's steps
    ("1. Sift the flour."), a poem's stanzas, a count in a game of hide and seek or page numbers pasted among a book's
    chapter lines make none a chapter."""
    if any(_names_a_chapter(paragraph.split("\n", 1)[0].strip()) for paragraph in paragraphs):
        return set()
    ways: dict[str, list[tuple[int, int]]] = {}
    for place, paragraph in enumerate(paragraphs):
        found = _number(paragraph)
        if found is not None:
            ways.setdefault(found[1], []).append((place, found[0]))
    for counted in ways.values():
        places = [place for place, _ in counted]
        if (
            len(counted) >= COUNTED_CHAPTERS
            and places[0] <= BEFORE_COUNTED
            and [number for _, number in counted] == list(range(1, len(counted) + 1))
            and _chapters_long(paragraphs, places)
        ):
            return set(places)
    return set()


def _names_a_chapter(line: str) -> bool:
    """A chapter line that names or numbers a chapter ("CHAPTER I.", "Part Two"); not a prologue's or an epilogue's
    word alone, which a book of numbered chapters has too."""
    return is_chapter_line(line) and not is_alone_word(line)


def _chapters_long(paragraphs: Sequence[str], places: list[int]) -> bool:
    ends = [*places[1:], len(paragraphs)]
    return all(
        sum(map(len, paragraphs[n + 1 : end])) >= MIN_COUNTED_CHAPTER_CHARS for n, end in zip(places, ends, strict=True)
    )


def _number(paragraph: str) -> tuple[int, str] | None:
    """The chapter number a paragraph says and how it writes it ("digits", "words", "dotted"), if it says one alone."""
    if "\n" in paragraph or len(paragraph) > SUBTITLE_CHARS + 5:
        return None
    number = counted_number(paragraph)
    if number is not None:
        return number, "digits" if paragraph.isdigit() else "words"
    dotted = _DOTTED.fullmatch(paragraph)
    if dotted is None or (dotted.group(2) is not None and not reads_as_a_name(dotted.group(2))):
        return None  # "1. Sift the flour." is a step
    return int(dotted.group(1)), "dotted"
