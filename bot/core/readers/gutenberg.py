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

from bot.core.readers.reader import Block

_START = re.compile(r"\*+ ?START OF (?:THE|THIS) PROJECT GUTENBERG|\*+END[* ]THE SMALL PRINT", re.I)
_END = re.compile(r"\*+ ?END OF (?:THE|THIS) PROJECT GUTENBERG|END OF (?:THE )?PROJECT GUTENBERG", re.I)
_BY_PRODUCERS = ("produced by", "e-text prepared by", "etext prepared by", "transcribed from", "transcribed by")
MARKER_CHARS = 200


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
