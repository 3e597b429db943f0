"""Words broken at a line's end by a hyphen, in text laid out in lines (a PDF's): "prac-" at the end of a line and
"tising" at the start of the next are "practising", while a compound broken at its own hyphen, "well-" and "known",
stays "well-known". Left as they were, such lines read "prac- tising": two words no question finds.

What the book itself says decides first: the word written whole elsewhere in it, or written with its hyphen
elsewhere, whichever it is more often. A word the book writes once is looked up in the analyzer's English dictionary
(simplemma's), which knows "practising" whole and "well-known" with its hyphen; one it knows neither way is joined,
unless both halves are words ("grey-" "haired"): a typesetter's break falls between syllables, which are seldom
words. A hyphen before a capital or a digit, or after a digit ("Anglo-" "Saxon", "1914-" "1918", "20-" "year-old"),
is a compound's. A dash set close to the word before it ("gifts\u2014", "gifts--") at a line's end joins the next
line with no space: the line broke after it, as word processors break lines. Counting the book's words once makes
this linear in its length."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from bot.core.analysis import fold, is_dictionary_word

_HYPHENS = "\u2010-"
"""The hyphen-minus and the hyphen (U+2010) that typesetters' fonts map theirs to."""
_DASHES = ("\u2013", "\u2014", "--")
"""An en dash, an em dash, and two hyphens typed for one: a line may break after one set close to its words."""
_WORD = re.compile(rf"[^\W_]+(?:[{_HYPHENS}][^\W_]+)*")
"""A word, with the hyphens inside it ("well-known", "mother-in-law")."""
_BROKEN_END = re.compile(rf"(?<![\w{_HYPHENS}])([^\W_]+(?:[{_HYPHENS}][^\W_]+)*)[{_HYPHENS}]\Z")
"""A line's last word cut by a hyphen, sought in its last piece between spaces: a letter or a digit right before it;
not a dash after a space, nor "--"."""


_SUSPENDED_BEFORE = frozenset({"and", "or", "nor", "to"})
"""Words after a hanging hyphen ("pre- and post-war", "two- or three-year-olds"): the line broke after its space."""


class LineHyphens:
    """How the lines of one text join, from the words the whole text holds."""

    def __init__(self, lines: Iterable[str]):
        self._counts = Counter(_counted(word) for line in lines for word in _WORD.findall(line))

    def seam(self, before: str, after: str) -> tuple[str, str]:
        """The line `before` as it ends where `after`, the next line of its paragraph, follows, and what stands
        between them: a space; nothing, the hyphen kept ("well-" "known"); or nothing, the hyphen dropped ("prac-"
        "tising": "practising")."""
        last = before.rsplit(None, 1)[-1] if before else ""
        if last.endswith(_DASHES) and last.rstrip("\u2013\u2014-") and after:
            return before, ""  # "gifts--" "since": a dash set close to its words, the line broken after it
        broken = _BROKEN_END.search(last) if last else None
        start = _WORD.match(after)
        if broken is None or start is None:
            return before, " "
        head, tail = broken.group(1), start.group()
        if tail.casefold() in _SUSPENDED_BEFORE:
            return before, " "  # "pre-" "and post-war": a hyphen left hanging, its word's end said after
        if head[-1].isalpha() and tail[0].islower() and self._one_word(head, tail):
            return before[:-1], ""
        return before, ""

    def _one_word(self, head: str, tail: str) -> bool:
        joined, hyphened = _counted(head + tail), _counted(f"{head}-{tail}")
        whole, with_hyphen = self._counts[joined], self._counts[hyphened]
        if whole != with_hyphen:
            return whole > with_hyphen
        known_whole, known_hyphened = is_dictionary_word(fold(joined)), is_dictionary_word(fold(hyphened))
        if known_whole != known_hyphened:
            return known_whole
        if known_whole:  # the dictionary spells it both ways: as the book printed it
            return False
        halves = (  # the pieces either side of the break: "of" and "the" of "out-of-" "the-way"
            fold(head.replace("\u2010", "-").rsplit("-", 1)[-1]),
            fold(tail.replace("\u2010", "-").split("-", 1)[0]),
        )
        return not all(is_dictionary_word(half) for half in halves)


def _counted(word: str) -> str:
    return word.replace("\u2010", "-").casefold()
