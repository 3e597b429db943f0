"""The Symbol font's characters as Unicode: what Word's Insert > Symbol, WordPerfect and old .doc files put in text set
in the Symbol font, a byte (RTF's `\\'be` in a font named Symbol) or a private-use code (Word's
`<w:sym w:font="Symbol" w:char="F0BE"/>`, the byte plus 0xF000) standing for a glyph of that font: an em dash, a
bullet, a Greek letter, a mathematical sign. Read as Windows-1252, "waited—and" was "waited¾and", "∑" "å"; Word's
`w:sym` was dropped, "waitedand".

SYMBOL_CHARACTERS is Adobe's Symbol encoding (the character codes and glyph names of Adobe's Core 14 Symbol.afm, the
glyphs' Unicode values by the Adobe Glyph List, as pypdf's `_codecs/symbol.py` has them), with these changes: "Delta"
and "Omega" are the Greek letters (U+0394, U+03A9, not the increment and ohm signs, which no question types); the
glyphs the Glyph List puts in the private-use area are given what Apple's SYMBOL.TXT mapping gives them (the bracket
pieces, U+239B to U+23AD; the registered, copyright and trade marks), the radical's extension an overline; 0xBE, the
horizontal line's extension (U+23AF), is an em dash, as Word's users set it; codes with no glyph (0x7F to 0x9F, 0xF0,
0xFF) a space, so the words around them stay apart."""

from __future__ import annotations

SYMBOL_FONT = "symbol"
"""The font's name, as documents give it (any case)."""
_FIRST = 0x20
SYMBOL_CHARACTERS = (
    " !∀#∃%&∋()∗+,−./0123456789:;<=>?"
    "≅ΑΒΧΔΕΦΓΗΙϑΚΛΜΝΟΠΘΡΣΤΥςΩΞΨΖ[∴]⊥_"
    "‾αβχδεφγηιϕκλμνοπθρστυϖωξψζ{|}∼ "
    "                                "
    "€ϒ′≤⁄∞ƒ♣♦♥♠↔←↑→↓°±″≥×∝∂•÷≠≡≈…⏐—↵"
    "ℵℑℜ℘⊗⊕∅∩∪⊃⊇⊄⊂⊆∈∉∠∇®©™∏√⋅¬∧∨⇔⇐⇑⇒⇓"
    "◊〈®©™∑⎛⎜⎝⎡⎢⎣⎧⎨⎩⎪ 〉∫⌠⎮⌡⎞⎟⎠⎤⎥⎦⎫⎬⎭ "
)
"""The characters of codes 0x20 to 0xFF in the Symbol font, in order."""
PRIVATE_USE_START = 0xF000
"""Where Windows puts a symbol font's codes in Unicode's private-use area: code 0xBE is U+F0BE."""


def is_symbol_font(name: str) -> bool:
    """Whether a font's name is the Symbol font's."""
    return name.strip().casefold() == SYMBOL_FONT


def symbol_character(code: int) -> str | None:
    """The character a code of the Symbol font stands for, the code a byte (0x20 to 0xFF) or that byte in the
    private-use area (PRIVATE_USE_START); None for any other code."""
    if PRIVATE_USE_START + _FIRST <= code <= PRIVATE_USE_START + 0xFF:
        code -= PRIVATE_USE_START
    if _FIRST <= code <= 0xFF:
        return SYMBOL_CHARACTERS[code - _FIRST]
    return None
