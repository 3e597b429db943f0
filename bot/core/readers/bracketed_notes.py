"""Notes gathered under a rule, each opening with its bracketed mark, as Google Docs' "Plain text (.txt)" download
writes footnotes ("[1] The pans were worked by hand until 1890.") and reviewers' comments ("[a]Wren: Tomas dies in ch
3") at its end, their marks run into the words before them ("morning[a]."), and as a web page typed by hand sets them
under an `<hr>` at its chapter's end. They were read as the story's text, so "Does Tomas die?" was answered from a
reviewer's comment, "Where were the scissors sold?" from a note, and "morning[a]" was no word."""

from __future__ import annotations

import dataclasses
import re

from bot.core.readers.reader import SCENE_BREAK, Block

_RULE_CHARS = 10
"""Underscores, at least, on the line alone over the notes (Google Docs writes sixteen)."""
_NOTE = re.compile(r"\[(\d{1,3}|[a-z]{1,2})\]")
"""A note's mark: "[1]" for a footnote, "[a]" for a comment."""


def without_bracketed_notes(paragraphs: list[str]) -> list[str]:
    """The paragraphs less the notes after the last rule of underscores, where every paragraph after it opens with a
    mark, and less those marks in the text; otherwise as they are."""
    rule = next(
        (n for n in range(len(paragraphs) - 1, -1, -1) if _is_rule(paragraphs[n])),
        None,
    )
    if rule is None or rule == len(paragraphs) - 1:
        return paragraphs
    notes = [_NOTE.match(paragraph) for paragraph in paragraphs[rule + 1 :]]
    marks = {note.group(1) for note in notes if note is not None}
    if None in notes or not marks:
        return paragraphs
    return [_NOTE.sub(lambda m: "" if m.group(1) in marks else m.group(), p) for p in paragraphs[:rule]]


def _is_rule(paragraph: str) -> bool:
    stripped = paragraph.strip()
    return len(stripped) >= _RULE_CHARS and not stripped.strip("_")


def without_notes_under_breaks(blocks: list[Block]) -> list[Block]:
    """The blocks less each chapter's notes under its last break (HTML's `<hr>`: SCENE_BREAK), where every paragraph
    from there to the next heading opens with a mark ("[1]") that the chapter's text before has run into a word
    ("Bergen[1]"), and less those marks; otherwise as they are. Each paragraph is looked at once or twice: a run of
    marked paragraphs ends at the next break, and only one reaching its chapter's end reads the chapter again."""
    kept: list[Block] = []
    start = 0  # where the chapter the walk is in starts in `kept`
    at = 0
    while at < len(blocks):
        block = blocks[at]
        if block.heading:
            start = len(kept)
        elif block.text == SCENE_BREAK:
            end = at + 1
            while end < len(blocks) and not blocks[end].heading and _NOTE.match(blocks[end].text):
                end += 1
            chapter_ends = end == len(blocks) or blocks[end].heading
            marks = _marks_of(blocks[at + 1 : end], kept[start:]) if end > at + 1 and chapter_ends else set()
            if marks:
                kept[start:] = [_without_marks(b, marks) for b in kept[start:]]
                kept.append(block)
                at = end
                continue
        kept.append(block)
        at += 1
    return kept


def _marks_of(notes: list[Block], before: list[Block]) -> set[str]:
    """The marks `notes` open with, where each is run into a word of the text `before` ("Bergen[1]"); else none."""
    marks = {found.group(1) for note in notes if (found := _NOTE.match(note.text)) is not None}
    text = " ".join(block.text for block in before)
    return marks if all(f"[{mark}]" in text for mark in marks) else set()


def _without_marks(block: Block, marks: set[str]) -> Block:
    text = _NOTE.sub(lambda m: "" if m.group(1) in marks else m.group(), block.text)
    return block if text == block.text else dataclasses.replace(block, text=text)
