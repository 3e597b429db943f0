"""Accents a PDF draws apart from their letters, put back on them.

A font without accented letters (TeX's Computer Modern in the OT1 encoding, LaTeX's default) draws "é" as an acute
accent placed over an "e", two characters in the page's text: the spacing accent first, as TeX's \\accent draws it,
then the letter, read "S\\u00b4ebastien". A spacing accent right before a letter is made that letter's combining accent,
composed where Unicode has the accented letter ("Sébastien"); a dotless i under an accent is an i ("í"). An accent
after a space, or alone, is the character it is; so is one a font with accented letters of its own draws (a word
processor's TrueType or composite font, a font in a standard encoding): one typed, as an acute accent is typed for an
apostrophe ("don\u00b4t" is no "dont\u0301", "it\u00b4s" no "itś").
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
_ACCENTS = re.compile(f"[{''.join(COMBINING)}]")
_TYPED = "\u2060"
"""Put after an accent that is a character of its own (the word joiner, which shows nothing), taken out once read."""
_APART_FONTS = frozenset(("/Type1", "/Type3"))
"""Kinds of font that TeX's are, which may draw an accent over a letter they have no accented form of."""
_LETTERED_ENCODINGS = frozenset(("/WinAnsiEncoding", "/MacRomanEncoding", "/PDFDocEncoding"))
"""Standard encodings with accented letters of their own."""


def draws_accents_apart(font: object) -> bool:
    """Whether a font (a page's font dictionary, as pypdf gives it) may draw an accent apart from its letter: a Type 1
    or Type 3 font in its own encoding, as TeX's are, not one in an encoding with accented letters."""
    if not isinstance(font, dict):
        return True
    subtype, encoding = (_resolved(font.get(key)) for key in ("/Subtype", "/Encoding"))
    return subtype in _APART_FONTS and not (isinstance(encoding, str) and encoding in _LETTERED_ENCODINGS)


def as_drawn(text: str, font: object) -> str:
    """A piece of text drawn in `font`, each spacing accent in it kept the character it is where the font has accented
    letters of its own (looked at only where the piece holds an accent: most hold none)."""
    if not _ACCENTS.search(text) or draws_accents_apart(font):
        return text
    return _ACCENTS.sub(lambda accent: accent.group() + _TYPED, text)


def _resolved(value: object) -> object:
    get_object = getattr(value, "get_object", None)
    return get_object() if callable(get_object) else value


def with_accents(text: str) -> str:
    """The text with each spacing accent that stands right before a letter put on that letter (but those kept as typed,
    `as_drawn`)."""
    if _APART.search(text):
        text = _APART.sub(_accented, text)
    return text.replace(_TYPED, "") if _TYPED in text else text


def _accented(match: re.Match[str]) -> str:
    letter = "i" if match.group(2) == "\u0131" else match.group(2)
    return unicodedata.normalize("NFC", letter + COMBINING[match.group(1)])
