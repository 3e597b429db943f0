"""How far a PDF text operation moves the pen, by its font's glyph widths: where text given in place of the glyphs
(`/ActualText`, pdf_actual_text.py) must end where the glyphs did, for the space before the next glyph to be read as
the page draws it.

A simple font (Type 1, TrueType) gives its glyphs' widths in thousandths of an em by code (`/FirstChar`, `/Widths`), a
composite one (Type0) its descendant's by character identifier (`/W`, else `/DW`), two bytes a code where its CMap is
Identity (what word processors write; other CMaps, and Type 3 fonts, whose widths are in a space of their own, are not
measured). A TJ array's numbers move the pen back by thousandths of an em (a negative one, on).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

_IDENTITY = frozenset(("/Identity-H", "/Identity-V"))
_MOST_W_ITEMS = 100_000
"""Items of a `/W` array read at most, and widths it gives at most in all, a code given twice counted twice (a run
`first last width` gives many): a font of every Unicode character gives some thousands of runs, and two-byte codes
65,536 widths."""


def _resolved(value: object) -> object:
    get_object = getattr(value, "get_object", None)
    return get_object() if callable(get_object) else value


def _number(value: object) -> float | None:
    value = _resolved(value)
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Advance:
    """What a text operation shows: its glyphs' widths and moves (thousandths of an em) and how many glyphs."""

    width: float
    glyphs: int


def glyph_widths(font: object) -> tuple[Callable[[int], float], int] | None:
    """The font's width of each code (thousandths of an em) and the bytes a code takes; None where not known."""
    font = _resolved(font)
    if not isinstance(font, dict):
        return None
    subtype = _resolved(font.get("/Subtype"))
    if subtype in ("/Type1", "/TrueType", "/MMType1"):
        first, widths = _number(font.get("/FirstChar")), _resolved(font.get("/Widths"))
        if first is None or not isinstance(widths, list):
            return None
        start = int(first)

        def simple(code: int) -> float:
            value = _number(widths[code - start]) if 0 <= code - start < len(widths) else None
            return value or 0.0

        return simple, 1
    if subtype != "/Type0" or _resolved(font.get("/Encoding")) not in _IDENTITY:
        return None
    descendants = _resolved(font.get("/DescendantFonts"))
    glyphs = _resolved(descendants[0]) if isinstance(descendants, list) and descendants else None
    if not isinstance(glyphs, dict):
        return None
    default = _number(glyphs.get("/DW"))
    by_cid = _cid_widths(_resolved(glyphs.get("/W")))
    if by_cid is None:
        return None
    fallback = 1000.0 if default is None else default
    return (lambda code: by_cid.get(code, fallback)), 2


def _cid_widths(given: object) -> dict[int, float] | None:
    """A `/W` array's widths by character identifier: `c [w1 w2 ...]` and `first last w` runs."""
    widths: dict[int, float] = {}
    if given is None:
        return widths
    if not isinstance(given, list) or len(given) > _MOST_W_ITEMS:
        return None
    index = 0
    room = _MOST_W_ITEMS  # widths still to be given, counted before they are: runs over and over the same codes
    while index + 1 < len(given):
        first, after = _number(given[index]), _resolved(given[index + 1])
        if first is None:
            return None
        if isinstance(after, list):
            room -= len(after)
            if room < 0:
                return None
            for offset, width in enumerate(after):
                value = _number(width)
                if value is not None:
                    widths[int(first) + offset] = value
            index += 2
        else:
            last = _number(after)
            value = _number(given[index + 2]) if index + 2 < len(given) else None
            if last is None or value is None:
                return None
            room -= max(int(last) - int(first) + 1, 0)
            if room < 0:
                return None  # no font's: every two-byte code is 65,536 widths
            for cid in range(int(first), int(last) + 1):
                widths[cid] = value
            index += 3
    return widths


def advance(measure: tuple[Callable[[int], float], int], operator: bytes, operands: list[object]) -> Advance | None:
    """How far a Tj's or TJ's glyphs and moves right take the pen, with the font's widths; None for other operations.
    A move back is left out: LibreOffice places a mark with one (Khmer's "ា" after "ន្ម", `[<1B>377<02>]`) and sets
    the next glyph where the pen went on, a width of the letter after it: counted, the span's text ended 0.38 em short,
    read a space away ("ម្នា ក់")."""
    width, code_bytes = measure
    if operator == b"Tj":
        items: list[object] = list(operands[:1])
    elif operator == b"TJ" and operands and isinstance(operands[0], list):
        items = operands[0]
    else:
        return None
    total, glyphs = 0.0, 0
    for item in items:
        if isinstance(item, (bytes, str)):
            raw = item if isinstance(item, bytes) else item.encode("latin-1", "replace")
            for at in range(0, len(raw) - code_bytes + 1, code_bytes):
                total += width(int.from_bytes(raw[at : at + code_bytes], "big"))
                glyphs += 1
        else:
            move = _number(item) or 0.0
            total -= min(move, 0.0)  # a move right; one back places a mark or kerns, and the pen goes on after
    return Advance(total, glyphs)
