"""Chapters named again in each part of a book: "SCENE I." in every act of a play, "CHAPTER I." in every book of a
novel that numbers its chapters from one in each. Each such chapter was read under its own name alone, two or more
chapters of the story under one name, and an answer cited "SCENE I." with no act: where chapters' names repeat, each
under a part's heading ("ACT II.", "BOOK II", "Part Two") is named with its part, "ACT II: SCENE I.", as an EPUB's
navigation names a chapter in its part."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from bot.core.readers.chapter_lines import is_alone_word, is_chapter_line, is_roman, joined_heading
from bot.core.readers.reader import Block

PART_WORDS = frozenset(
    {"book", "part", "volume", "act", "teil", "buch", "livre", "partie", "libro", "parte", "acto", "atto", "deel"}
)
"""The words a part's heading opens with, in the languages whose chapter lines are read (chapter_lines)."""


def with_parts_named(blocks: Sequence[Block]) -> list[Block]:
    """The blocks, each chapter's heading under a part's named with that part where a chapter's number is said
    twice or more in the book (_chapter_key); else as they are (a book numbering its chapters through its parts names
    each once). A heading that holds its part ("ACT I. SCENE I.") names the chapters under it and keeps its name; a
    chapter line of no number ("EPILOGUE", "Afterword") is the book's, named with a part only where said in two."""
    parts = [_part_of(block.text) if block.heading else None for block in blocks]
    keys = [  # a heading's own chapter, after any part it holds: none for a part's
        _chapter_key(block.text.strip()[len(part or "") :]) if block.heading else None
        for block, part in zip(blocks, parts, strict=True)
    ]
    said = Counter(key for key in keys if key is not None)
    if not any(parts) or not any(count > 1 for count in said.values()):
        return list(blocks)
    named: list[Block] = []
    part_name: str | None = None
    for block, part, key in zip(blocks, parts, keys, strict=True):
        if part:
            part_name = " ".join(part.split()).rstrip(" .:")
        elif key is not None and part_name is not None and (not is_alone_word(block.text) or said[key] > 1):
            block = replace(block, text=joined_heading([part_name, block.text.strip()]))
        named.append(block)
    return named


def _part_of(heading: str) -> str | None:
    """The part a heading names: all of it ("ACT II.", "PART TWO"), or its opening where the rest names a chapter
    ("ACT I." of "ACT I. SCENE I."); None for a heading that opens with no part's word."""
    text = heading.strip()
    words = text.split()
    if not words or words[0].rstrip(".:").casefold() not in PART_WORDS or not is_chapter_line(text):
        return None
    rest = text.split(maxsplit=2)[2:]
    return text[: len(text) - len(rest[0])].rstrip() if rest and is_chapter_line(rest[0]) else text


def _chapter_key(text: str) -> str | None:
    """A chapter line's name by its number ("scene i" of "SCENE I. The same. Evening.", "iv" of "IV. THE HILL") or
    its word ("epilogue"); None for a heading that is no chapter line ("The Wedding"), which names no number."""
    text = text.strip()
    if not is_chapter_line(text):
        return None
    words = [word.strip(".:,") for word in text.casefold().split()]
    return words[0] if is_roman(text.split()[0].rstrip(".")) else " ".join(words[:2])
