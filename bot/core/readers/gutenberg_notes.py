"""Distributed Proofreaders' notes in a plain-text book, as Project Gutenberg's are typed: "[Footnote 1: The flannel
is still shown at Penzance.]" after the paragraph whose mark "[1]" it explains, "FOOTNOTES:" over "[1] A sack of
barley weighed ..." at a chapter's end, and "[Sidenote: The eel-grigs.]" where the margin's note stood. Each was a
passage of its chapter, answering as the story, and a mark stayed in the word before it ("arm.[2]")."""

from __future__ import annotations

import re

_FOOTNOTE = re.compile(r"\[Footnote[ \t]++(\d{1,3}|[A-Za-z]{1,2})[ \t]*+:")
"""How a footnote opens: "[Footnote 1:", "[Footnote A:"."""
_LISTED = re.compile(r"\[(\d{1,3}|[A-Za-z]{1,2})\][ \t]")
"""A note under "FOOTNOTES:": "[1] A sack ..."."""
_MARK = re.compile(r"\[(\d{1,3}|[A-Za-z]{1,2})\]")
_NOTES_LINES = frozenset({"footnotes:", "footnotes", "footnote:"})
_SIDENOTE = "[Sidenote:"
MAX_NOTE_PARAGRAPHS = 8
"""A footnote runs over at most this many paragraphs to its closing bracket; one that never closes is text."""


def without_gutenberg_notes(paragraphs: list[str]) -> list[str]:
    """The paragraphs less the footnotes and sidenotes, and less the marks in the text of the footnotes left out."""
    labels: set[str] = set()
    kept: list[str] = []
    index = 0
    while index < len(paragraphs):
        text = paragraphs[index].strip()
        opened = _FOOTNOTE.match(text)
        if opened is not None:
            end = _closing(paragraphs, index)
            if end is not None:
                labels.add(opened.group(1))
                index = end + 1
                continue
        if text.startswith(_SIDENOTE) and text.endswith("]"):
            index += 1
            continue
        if text.casefold() in _NOTES_LINES:
            listed = _listed_after(paragraphs, index + 1)
            if listed:
                labels.update(listed)
                index += 1 + len(listed)
                continue
        kept.append(paragraphs[index])
        index += 1
    if not labels:
        return kept
    return [_MARK.sub(lambda mark: "" if mark.group(1) in labels else mark.group(), text) for text in kept]


def _closing(paragraphs: list[str], start: int) -> int | None:
    """The paragraph whose closing bracket ends the footnote opening at `start`, if within MAX_NOTE_PARAGRAPHS."""
    for index in range(start, min(start + MAX_NOTE_PARAGRAPHS, len(paragraphs))):
        if paragraphs[index].rstrip().endswith("]"):
            return index
    return None


def _listed_after(paragraphs: list[str], start: int) -> list[str]:
    """The marks of the notes listed from `start` on, one a paragraph, each opening with its mark."""
    listed = []
    for index in range(start, len(paragraphs)):
        found = _LISTED.match(paragraphs[index].strip())
        if found is None:
            break
        listed.append(found.group(1))
    return listed
