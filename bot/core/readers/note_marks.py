"""Notes' marks: what one looks like, and one typed as raised text against its word with no note linked: "Bergen¹".

A manuscript's or a web page's notes are often typed by hand: the mark a superscript "1" (Word's and LibreOffice's
Format > Superscript, HTML's `<sup>`), the notes a list under "Notes" at the end, which is left out as matter. The
mark was read into its word ("Bergen1", "rope2"), which no question's "Bergen" finds. A raised mark right after a word
or its punctuation is no part of the story; one after a digit is a power ("10⁶") and stays. A note typed as a
paragraph under its own, opening with the symbol its mark is ("rope,*" over "* Tarred hemp..."), is none either.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from bot.core.readers.reader import Block

NOTE_SYMBOLS = "*\u2020\u2021\u00a7\u00b6"
"""The symbols a note's mark is written with: asterisk, dagger, double dagger, section sign, pilcrow."""
NOTE_MARK = re.compile(rf"[\[(]\d{{1,4}}[\])]|\d{{1,3}}|[\[(]?[{NOTE_SYMBOLS}]{{1,3}}[\])]?")
"""A note's mark as a link's whole text: "12", "[3]", "(1024)", "*", "†". A bare number of four digits is a year
("in 1984", linked to a note about it or a page about the year): the story's word, kept."""


def is_raised_mark(text: str, before: str) -> bool:
    """Whether raised text (a superscript's whole text) is a note's mark (NOTE_MARK) set against the text `before` it:
    right after a letter or punctuation, no space, no digit."""
    last = before[-1:]
    return bool(last) and not last.isspace() and not last.isdigit() and NOTE_MARK.fullmatch(text) is not None


def text_before(parts: list[str]) -> str:
    """The last character of the text read so far, in parts ("" if none)."""
    return next((part[-1] for part in reversed(parts) if part), "")


def without_symbol_mark(note: str, before: str) -> str | None:
    """The paragraph `before` without the mark of a note typed under it, the note opening with that mark ("* Tarred
    hemp was preferred..." under "...with a tarred rope* while..."), where the paragraph has it right after a word or
    its stop ("rope,*", "across.†"): None where the note opens with no symbol's mark, or the paragraph holds it after
    no word. Such a note was read as the story, and answered in its place. Only one unmistakably a note is taken, as
    losing the story's text is worse than reading a note: none under a paragraph that opens a word with the symbol
    (emphasis typed as text, "*very*", "*I can't do this anymore*,", whose closing "*" follows a word as a mark
    does), none of several lines opening with a symbol (a list, "* Buy milk"), none closing with it ("* Harry has left
    the chat *")."""
    opening, symbols = note.split(maxsplit=1), frozenset(NOTE_SYMBOLS)
    if len(opening) < 2 or len(opening[0]) > 3 or not set(opening[0]) <= symbols:
        return None
    if not any(character.isalpha() for character in opening[1][:_NOTE_LETTERS]):
        return None  # "* * *", a break
    if note[-1] in symbols or any(line.lstrip()[:1] in symbols for line in note.splitlines()[1:]):
        return None
    if _opens_with_symbol(before, symbols):
        return None
    mark = opening[0]
    at = before.find(mark)
    while at != -1:
        after = before[at + len(mark) : at + len(mark) + 1]
        if (
            at
            and (before[at - 1].isalnum() or (before[at - 1] in _STOPS and before[at - 2 : at - 1].isalnum()))
            and after not in symbols
        ):
            return before[:at] + before[at + len(mark) :]
        at = before.find(mark, at + len(mark))
    return None


def _opens_with_symbol(text: str, symbols: frozenset[str]) -> bool:
    """Whether a word of `text` opens with a symbol ("*very*", "(*sighs*"): emphasis typed as text, whose closing
    symbol follows a word as a note's mark does."""
    return any(
        character in symbols
        and (at == 0 or text[at - 1].isspace() or text[at - 1] in _OPENERS)
        and text[at + 1 : at + 2].strip() not in ("", *symbols)
        for at, character in enumerate(text)
    )


_NOTE_LETTERS = 20
"""Characters of a note's text, at most, looked at for a letter: a note says something."""
_STOPS = ".,;:!?'\"\u2019\u201d)"
"""What a mark may follow its word after: a stop, a quotation's close, a bracket ("rope,*", "across.†")."""
_OPENERS = "([\"'\u2018\u201c"
"""What a word may open with before emphasis typed as text: a bracket, a quotation's open ("(*sighs*)")."""


def without_symbol_notes(blocks: Sequence[Block]) -> list[Block]:
    """The blocks less each note typed as a paragraph right under its own, opening with the symbol its mark is in it
    (without_symbol_mark: "...tied with tarred rope,* and set off" over "* Tarred hemp, bought at Lymington quay"), and
    less that mark: in plain text and a Word file, typed in the text's own type, each such note was a passage in the
    middle of its chapter, and its mark read into the word."""
    kept: list[Block] = []
    for block in blocks:
        if not block.heading and kept and not kept[-1].heading:
            unmarked = without_symbol_mark(block.text.strip(), kept[-1].text)
            if unmarked is not None:
                kept[-1] = dataclasses.replace(kept[-1], text=unmarked)
                continue
        kept.append(block)
    return kept
