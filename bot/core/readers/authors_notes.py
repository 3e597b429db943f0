"""A fan fiction writer's notes typed into the chapter: "A/N: Thanks to my beta reader!", "Author's Note: Sorry this
one is short". FanFiction.net has no field for them, so its stories carry them in every format a download takes;
each was a passage of the chapter, and "Who helped the author?" was answered from one. AO3's notes stand apart and
are left out where its pages are read (ao3.py)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from bot.core.readers.chapter_lines import is_chapter_line
from bot.core.readers.reader import Block

_NOTE = re.compile(r"\(?+(?:a/n|author['’]?s note)[ \t]*+[:\-–—]", re.IGNORECASE)
"""How such a note opens: "A/N:", "(A/N -", "Author's Note:", "Authors note —"."""


def without_authors_note(paragraph: str) -> str:
    """The paragraph less the writer's note it opens with: all of it, but the story after a note in brackets ("(A/N -
    set after season two) Harry stepped off the train"), and the chapter line on a line after it or the story's
    hard-wrapped lines under a note's line that ends of itself (_story_wrapped_under), as plain text may type them
    with no blank line between."""
    if _NOTE.match(paragraph) is None:
        return paragraph
    if paragraph.startswith("("):
        closed = _closing_parenthesis(paragraph)
        if closed is not None:
            return paragraph[closed + 1 :].strip()
    lines = paragraph.split("\n")
    chapter = next((n for n, line in enumerate(lines) if n and is_chapter_line(line.strip())), None)
    if chapter is not None:
        return "\n".join(lines[chapter:])
    return "\n".join(lines[1:]) if _story_wrapped_under(lines) else ""


_SENTENCE_ENDS = (".", "!", "?", ")", "\u2026")


def _story_wrapped_under(lines: list[str]) -> bool:
    """Whether a note's first line ends of itself over hard-wrapped lines of the story, typed with no blank line
    between: the line ends a sentence with room left on it for the next line's first word (a wrapped note's line ends
    where the width does), and two lines or more follow. The story's opening scene was left out with the note."""
    if len(lines) < 3 or not lines[1].split():
        return False
    width = max(len(line.rstrip()) for line in lines)
    first = lines[0].rstrip()
    return first.endswith(_SENTENCE_ENDS) and len(first) + 1 + len(lines[1].split()[0]) <= width


def _closing_parenthesis(text: str) -> int | None:
    depth = 0
    for place, character in enumerate(text):
        depth += (character == "(") - (character == ")")
        if depth == 0:
            return place
    return None


def without_authors_notes(blocks: Sequence[Block]) -> list[Block]:
    """The blocks less the writer's notes their paragraphs open with; headings are kept ("Author's Note" as a book's
    section is its text, book_matter.py)."""
    kept = []
    for block in blocks:
        text = block.text if block.heading else without_authors_note(block.text)
        if text:
            kept.append(block if text == block.text else dataclasses.replace(block, text=text))
    return kept
