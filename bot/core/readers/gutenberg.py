"""Project Gutenberg's license header and footer, found by the markers every one of its books has.

    *** START OF THE PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***
    ...the book...
    *** END OF THE PROJECT GUTENBERG EBOOK ALICE'S ADVENTURES IN WONDERLAND ***

Older books say "THIS PROJECT GUTENBERG EBOOK", end the header with "*END*THE SMALL PRINT!" (or "*END THE
SMALL PRINT!"), or close with "End of the Project Gutenberg EBook of ...". Markers are looked for only at the start of a
paragraph, and only its first 200 characters, so the check costs the same whatever the paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.readers.book_matter import NOTICE_LINE
from bot.core.readers.reader import Block

_START = re.compile(r"\*+ ?START OF (?:THE|THIS) PROJECT GUTENBERG|\*+END[* ]THE SMALL PRINT", re.I)
_END = re.compile(r"\*+ ?END OF (?:THE|THIS) PROJECT GUTENBERG|END OF (?:THE )?PROJECT GUTENBERG", re.I)
_BY_PRODUCERS = ("produced by", "e-text prepared by", "etext prepared by", "transcribed from", "transcribed by")
MARKER_CHARS = 200
_CREDITS = (
    "illustrated by",
    "illustrations by",
    "with illustrations",
    "with a frontispiece",
    "frontispiece by",
    "decorations by",
    "author of ",
    "translated by",
    "translated from",
    "edited by",
    "with an introduction",
    "introduction by",
    "with a preface",
)
"""How a title page's credits begin, lower case (its back's publication lines are notice lines: NOTICE_LINE)."""
IMPRINT_CHARS = 120
"""The most a publisher's imprint holds: its city, its name and its year, three short lines joined."""
_IMPRINT_END = re.compile(r"\b(?:1[5-9]\d\d|20\d\d)$")
_EDITION = re.compile(r"\bedition\b", re.IGNORECASE)


def is_start(paragraph: str) -> bool:
    return _START.match(paragraph.lstrip()[:MARKER_CHARS]) is not None


def is_end(paragraph: str) -> bool:
    return _END.match(paragraph.lstrip()[:MARKER_CHARS]) is not None


def book_bounds(paragraphs: Sequence[str]) -> tuple[int, int] | None:
    """Where the book is among these paragraphs, between Gutenberg's start and end markers, without the
    producers' credit that opens many books; None when there is no marker (all of it is the book)."""
    start = next((n for n, paragraph in enumerate(paragraphs) if is_start(paragraph)), -1)
    end = next((n for n in range(start + 1, len(paragraphs)) if is_end(paragraphs[n])), len(paragraphs))
    if start < 0 and end == len(paragraphs):
        return None
    start += 1
    while start < end and paragraphs[start].lstrip()[:20].lower().startswith(_BY_PRODUCERS):
        start += 1
    return start, end


def is_title_page(paragraph: str) -> bool:
    """Whether a paragraph before a book's first chapter is its printed title page's or that page's back: a credit
    ("Illustrated by Paul Bransom", "Author of “The Golden Age”"), a copyright or publication line, an imprint ending in
    its year ("NEW YORK CHARLES SCRIBNER'S SONS 1913") or an edition's name, set as names are, no sentence. Each was a
    passage of the story, and the imprint answered "What happened in New York?"."""
    text = paragraph.strip()
    if text.casefold().startswith(_CREDITS) or NOTICE_LINE.search(text):
        return True
    if len(text) > IMPRINT_CHARS or text[-1:] in ".!?" or not _set_as_a_name(text):
        return False  # a sentence: "It was the winter of 1887."
    return _IMPRINT_END.search(text) is not None or _EDITION.search(text) is not None


def _set_as_a_name(text: str) -> bool:
    """Every word of four letters or more capitalised, as a title page sets its lines ("London: Macmillan and Co.")."""
    return all(word[0].isupper() for word in text.split() if len(word) >= 4 and word[0].isalpha())


def header_field(header: Sequence[str], name: str) -> str | None:
    """A `Name: value` line of the header (`Title:`, `Author:`), a wrapped value joined."""
    prefix = f"{name.lower()}:"
    for paragraph in header:
        lines = paragraph.split("\n")
        for number, line in enumerate(lines):
            if line[: len(prefix)].lower() == prefix:
                value = [line[len(prefix) :].strip()]
                for more in lines[number + 1 :]:
                    if not more[:1].isspace() or not more.strip():
                        break
                    value.append(more.strip())
                return " ".join(part for part in value if part) or None
    return None


def book_blocks(blocks: list[Block]) -> list[Block]:
    """A document's blocks without Gutenberg's header and footer, if it has them."""
    bounds = book_bounds([block.text for block in blocks])
    return blocks if bounds is None else blocks[bounds[0] : bounds[1]]


_EBOOK_OF = ("the project gutenberg ebook of ", "project gutenberg's ", "the project gutenberg etext of ")
"""How Project Gutenberg's HTML books open their <title>: "The Project Gutenberg eBook of The Fen Country, by Harold
Grange"."""


def ebook_title(title: str) -> str:
    """The book's own title in a Gutenberg HTML book's <title> ("The Fen Country"), without its "The Project Gutenberg
    eBook of" and its ", by" author; any other title as it is. Every answer named the story by the whole line."""
    folded = title.casefold()
    opening = next((opening for opening in _EBOOK_OF if folded.startswith(opening)), None)
    if opening is None:
        return title
    named, by, _ = title[len(opening) :].rpartition(", by ")
    return (named if by else title[len(opening) :]).strip().rstrip(".") or title
