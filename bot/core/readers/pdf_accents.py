"""Accents a PDF draws apart from their letters, put back on them.

A font without accented letters (TeX's Computer Modern in the OT1 encoding, LaTeX's default) draws "é" as an acute
accent placed over an "e", two characters in the page's text: the spacing accent first, as TeX's \\accent draws it,
then the letter, read "S\\u00b4ebastien". A spacing accent right before a letter is made that letter's combining accent,
composed where Unicode has the accented letter ("Sébastien"); a dotless i under an accent is an i ("í"). An accent
after a space, or alone, is the character it is; so is one a font with accented letters of its own draws (a word
processor's TrueType or composite font, a font in a standard encoding): one typed, as an acute accent is typed for an
apostrophe ("don\u00b4t" is no "dont\u0301", "it\u00b4s" no "itś").

TeX draws a cedilla under a capital or a tall letter ("Ç", "ķ") the other way round, as `\\ooalign` overlays it: the
letter, a move back, the accent, and a move on to the letter's end, which pypdf may take for a word gap ("C\u00b8 a"),
and the accent then went on the letter after it ("S\u00b8eyma" was "Sȩyma"). Such an accent, a character that is no
letter drawn within the letter before it, is put before that letter in the TJ array, and read on it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

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


def accents_over_letters(operator: bytes, operands: list[object], font: object) -> None:
    """Puts each accent a TJ operation's array draws over the letter before it (`\\ooalign`'s order: the letter, a move
    back, the accent alone) before that letter, in place, then moves on to where the pen stood after it (to the
    letter's end, as `\\ooalign`'s box ends, where the array ends with the accent): `font` is the font dictionary it is
    drawn in, which gives the glyphs' widths. TeX's fonts place letters at their ASCII codes and accents elsewhere,
    which tells the letter from the accent where TeX's own `\\accent` draws the accent first ("\u00b8" then "c")."""
    if operator != b"TJ" or not operands or not isinstance(operands[0], list) or not draws_accents_apart(font):
        return
    shown: list[object] = operands[0]
    widths = _widths(font)
    if widths is None:
        return
    moved: list[object] = []  # built anew in one pass: a slice replaced in place for each accent takes quadratic time
    index = 0
    while index < len(shown):
        before, back, accent = [*shown[index : index + 3], None, None][:3]
        if (
            isinstance(before, bytes)
            and before[-1:].isalpha()
            and isinstance(back, (int, float))
            and back > 0
            and isinstance(accent, bytes)
            and len(accent) == 1
            and not accent.isalnum()
            and _overlaid(widths(before[-1]), back, widths(accent[0]))
        ):
            width = widths(accent[0])
            moved += [before[:-1], accent, width, before[-1:]]
            index += 3
            if index < len(shown) and isinstance(on := shown[index], (int, float)):
                moved.append(back - width + on)  # the same place as before after the move on
                index += 1
        else:
            moved.append(before)
            index += 1
    if len(moved) != len(shown):
        shown[:] = moved


def _overlaid(letter: float, back: float, accent: float) -> bool:
    """Whether a glyph drawn after a letter, `back` thousandths of an em back, stands within it: its middle over the
    letter's middle half."""
    middle = letter - back + accent / 2
    return letter > 0 and letter / 4 <= middle <= letter * 3 / 4


def _widths(font: object) -> Callable[[int], float] | None:
    """A simple Type 1 font's glyph widths (in thousandths of an em) by code, where its dictionary gives them."""
    if not isinstance(font, dict) or _resolved(font.get("/Subtype")) != "/Type1":
        return None
    first, widths = _resolved(font.get("/FirstChar")), _resolved(font.get("/Widths"))
    if not isinstance(first, int) or not isinstance(widths, list):
        return None

    def width(code: int) -> float:
        value = _resolved(widths[code - first]) if 0 <= code - first < len(widths) else 0
        return float(value) if isinstance(value, (int, float)) else 0.0

    return width


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
