"""Scene breaks typed with letters, as fan fiction's authors type them: fanfiction.net strips rules and lines of
symbols alone, so its stories part their scenes with "xXx", "oOoOo", "~o~O~o~", "ooo000ooo" or "-line break-", which
FanFicFare's downloads keep in every format. Each was read as a passage, shown by the read-on buttons and counted
among a chapter's passages. A paragraph of no letter or digit ("* * *") is no passage in any format already."""

from __future__ import annotations

from itertools import pairwise

MAX_BREAK_CHARS = 40
_SIGNS = frozenset("-~=*_+<>[](){}|/\\#^")
"""What such a break is typed with besides its letters: no sentence's marks ("!", "?", quotes, a comma, a full stop)."""
_MARKS = frozenset("xXoO0")
"""The letters, and the zero, typed as marks: a kiss, a hug, a ring."""
_LETTERS = frozenset("xXoO")
"""One of which is in a break: "000" is a number."""
_SAID = frozenset({"linebreak", "pagebreak", "scenebreak", "timeskip", "povchange"})
"""A break said in words, whose words alone make it one ("Line Break")."""
_SAID_WITH_SIGNS = frozenset({"break", "skip"})
"""Words that make a break only between signs ("-break-"), not alone ("Break" is a story's word)."""


def is_typed_break(paragraph: str) -> bool:
    """Whether a paragraph is a scene break typed with letters, its marks in both cases ("xXx"), or with signs or
    zeros ("~o~", "ooo000ooo"); a Roman numeral ("XXX"), a letter's kisses ("xxx", "XOXO") or a cry ("Ooooo") is not."""
    text = paragraph.strip()
    if not text or len(text) > MAX_BREAK_CHARS:
        return False
    shown = set(text) - {" "}
    signs = shown & _SIGNS
    if shown <= _MARKS | _SIGNS:
        marks = sum(character in _MARKS for character in text)
        letters = [character.isupper() for character in text if character.isalpha()]
        alternating = sum(a != b for a, b in pairwise(letters)) >= 2  # "xXx", not a capital's "Ooooo"
        typed = bool(signs) or "0" in shown or alternating
        return bool(shown & _LETTERS) and (marks >= 3 or bool(signs)) and typed
    words = "".join(character for character in text.casefold() if character.isalpha())
    if len(words) + sum(character in _SIGNS or character == " " for character in text) != len(text):
        return False  # a mark of a sentence, or a digit
    return words in _SAID or (words in _SAID_WITH_SIGNS and bool(signs))
