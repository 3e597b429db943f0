"""Chapters numbered and nothing more: "1", "2", "3" or "ONE", "TWO", "THREE", as most novels number them, and "1.",
"2." or "1. The Storm", "2. The Calm", as manuscripts and fan fiction type them. A plain-text story's (text.py) and a
document's of no headings (reader.typed_chapters): each number was read as a passage and no chapter named."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.readers.chapter_lines import SUBTITLE_CHARS, counted_number, is_chapter_line, reads_as_a_name

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
    """Where the paragraphs that are a chapter's number stand: only in a text of no chapter line, where every
    paragraph that is a number alone (or a number, its full stop and a name) counts up from one, written one way,
    three at least, the first after at most a title's lines and each followed by a chapter's worth of text. A
    countdown ("3", "2", "1"), a year alone, a recipe's steps ("1. Sift the flour."), a poem's stanzas, a count in a
    game of hide and seek or page numbers pasted among a book's chapter lines make none a chapter."""
    numbered = [(n, _number(paragraph)) for n, paragraph in enumerate(paragraphs)]
    counted = [(n, found) for n, found in numbered if found is not None]
    if (
        len(counted) < COUNTED_CHAPTERS
        or counted[0][0] > BEFORE_COUNTED
        or [number for _, (number, _) in counted] != list(range(1, len(counted) + 1))
        or len({way for _, (_, way) in counted}) > 1
        or any(is_chapter_line(paragraph.split("\n", 1)[0].strip()) for paragraph in paragraphs)
    ):
        return set()
    places = [n for n, _ in counted]
    ends = [*places[1:], len(paragraphs)]
    if any(
        sum(map(len, paragraphs[n + 1 : end])) < MIN_COUNTED_CHAPTER_CHARS for n, end in zip(places, ends, strict=True)
    ):
        return set()
    return set(places)


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
