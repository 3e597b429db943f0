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
_MARK = re.compile(r"\[(\d{1,3})\]|(?<=\S)\[([A-Za-z]{1,2})\]")
"""A note's mark: a number ("arm.[2]", "raw [2] from"), or a letter run into the word or stop it follows ("arm.[A]"):
a letter after a space is the story's own label ("Exhibit [A]", cut where a footnote A stood elsewhere)."""
_ENDING_MARK = re.compile(r"\[(?:\d{1,3}|[A-Za-z]{1,2})\]\Z")
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
            closed = _closing_bracket(text)
            if closed is not None:  # the note in its paragraph, the story's text after it perhaps
                labels.add(opened.group(1))
                rest = text[closed + 1 :].strip()
                if rest:
                    kept.append(rest)
                index += 1
                continue
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
    return [
        _MARK.sub(lambda mark: "" if (mark.group(1) or mark.group(2)) in labels else mark.group(), text)
        for text in kept
    ]


def _closing_bracket(text: str) -> int | None:
    """Where the bracket opening `text` closes within it ("[Footnote 1: see [2].] It came from Paris"), if it does."""
    depth = 0
    for place, character in enumerate(text):
        if character == "[":
            depth += 1
        elif character == "]":
            depth -= 1
            if depth == 0:
                return place
    return None


def _closing(paragraphs: list[str], start: int) -> int | None:
    """The paragraph after `start` whose closing bracket ends the footnote of several paragraphs opening there, if
    within MAX_NOTE_PARAGRAPHS: not one ending in a mark ("arm.[2]", the story's), nor past the next note."""
    for index in range(start + 1, min(start + MAX_NOTE_PARAGRAPHS, len(paragraphs))):
        text = paragraphs[index].strip()
        if _FOOTNOTE.match(text) or _ENDING_MARK.search(text):
            return None
        if text.endswith("]"):
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
