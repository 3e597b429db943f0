"""Accents a PDF draws apart from their letters, put back on them.

A font without accented letters (TeX's Computer Modern in the OT1 encoding, LaTeX's default) draws "é" as an acute
accent placed over an "e", two characters in the page's text: the spacing accent first, as TeX's \\accent draws it,
then the letter, read "S\\u00b4ebastien". A spacing accent right before a letter is made that letter's combining accent,
composed where Unicode has the accented letter ("Sébastien"); a dotless i under an accent is an i ("í"). An accent
after a space, or alone, is the character it is.
"""

from __future__ import annotations

import re
import unicodedata

COMBINING = {
    "\u00b4": "\u0301",  # acute
    "`": "\u0300",  # grave, as the glyph list names TeX's
    "\u02cb": "\u0300",  # grave, the modifier letter
    "\u02c6": "\u0302",  # circumflex (the ASCII ^ is another glyph)
    "\u02dc": "\u0303",  # tilde (the ASCII ~ is another glyph)
    "\u00af": "\u0304",  # macron
    "\u02c9": "\u0304",  # macron, the modifier letter
    "\u02d8": "\u0306",  # breve
    "\u02d9": "\u0307",  # dot above
    "\u00a8": "\u0308",  # dieresis
    "\u02da": "\u030a",  # ring
    "\u02dd": "\u030b",  # double acute
    "\u02c7": "\u030c",  # caron
    "\u00b8": "\u0327",  # cedilla
    "\u02db": "\u0328",  # ogonek
}
"""Each spacing accent, and the combining accent it puts on the letter after it."""
_APART = re.compile(f"([{''.join(COMBINING)}])([^\\W\\d_])")
"""A spacing accent and the letter right after it: one character each, so nothing to backtrack over."""


def with_accents(text: str) -> str:
    """The text with each spacing accent that stands right before a letter put on that letter."""
    if not _APART.search(text):
        return text
    return _APART.sub(_accented, text)


def _accented(match: re.Match[str]) -> str:
    letter = "i" if match.group(2) == "\u0131" else match.group(2)
    return unicodedata.normalize("NFC", letter + COMBINING[match.group(1)])
