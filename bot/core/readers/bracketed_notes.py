"""Notes gathered under a rule at a plain text's end, each opening with its bracketed mark, as Google Docs' "Plain
text (.txt)" download writes footnotes ("[1] The pans were worked by hand until 1890.") and reviewers' comments
("[a]Wren: Tomas dies in ch 3"), their marks run into the words before them ("morning[a]."). They were read as the
last chapter's text, so "Does Tomas die?" was answered from a reviewer's comment, and "morning[a]" was no word."""

from __future__ import annotations

import re

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
