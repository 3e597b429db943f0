"""Chapters named again in each part of a book: "SCENE I." in every act of a play, "CHAPTER I." in every book of a
novel that numbers its chapters from one in each. Each such chapter was read under its own name alone, two or more
chapters of the story under one name, and an answer cited "SCENE I." with no act: where chapters' names repeat, each
under a part's heading ("ACT II.", "BOOK II", "Part Two") is named with its part, "ACT II: SCENE I.", as an EPUB's
navigation names a chapter in its part."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from bot.core.readers.chapter_lines import is_chapter_line, joined_heading
from bot.core.readers.reader import Block

PART_WORDS = frozenset(
    {"book", "part", "volume", "act", "teil", "buch", "livre", "partie", "libro", "parte", "acto", "atto", "deel"}
)
"""The words a part's heading opens with, in the languages whose chapter lines are read (chapter_lines)."""


def with_parts_named(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, each chapter's heading under a part's named with that part where a chapter's number is said
    twice or more in the book (_folded); else as they are (a book numbering its chapters through its parts names each
    once)."""
    parts = [block.heading and _is_part(block.text) for block in blocks]
    said = Counter(_folded(block.text) for block, part in zip(blocks, parts, strict=True) if block.heading and not part)
    if not any(part for part in parts) or not any(count > 1 for count in said.values()):
        return list(blocks)
    named: list[Block] = []
    part_name: str | None = None
    for block, part in zip(blocks, parts, strict=True):
        if part:
            part_name = " ".join(block.text.split()).rstrip(" .:")
        elif block.heading and part_name is not None:
            block = replace(block, text=joined_heading([part_name, block.text.strip()]))
        named.append(block)
    return named


def _is_part(heading: str) -> bool:
    words = heading.split()
    return bool(words) and words[0].rstrip(".:").casefold() in PART_WORDS and is_chapter_line(heading.strip())


def _folded(text: str) -> str:
    """A chapter's name by its first two words, its number's ("SCENE I." of "SCENE I. The same. Evening.")."""
    return " ".join(word.strip(".:,") for word in text.casefold().split()[:2])
