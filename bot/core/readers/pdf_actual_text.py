"""Text a PDF gives as marked content's `/ActualText`, read in place of the glyphs drawn within it.

A word processor printing a script its font lacks (LibreOffice's Thai with no Thai font installed) draws every
character as the same glyph, a font's code 1, and says which character each is only as `/Span <</ActualText
<FEFF0E21>>> BDC ... EMC` around it; the font's ToUnicode maps the code to one character, the first it drew (which
stands outside any span wherever it recurs). pypdf reads no marked content, and calls its text visitor when a line's
text is flushed, not at each operator, so nothing can be put in a span's place while it reads: "แม่น้ำ" was read
"แแแแแแ". The page's content is written anew before pypdf reads it: within each span, its first text operator shows
the span's text in a font of our own (`ACTUAL_FONT`: two-byte codes, a ToUnicode of the span's characters), its
other text operators show nothing, and the font the content set is set again after. Pages whose content never says
`/ActualText` (nearly all) are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pypdf

ACTUAL_FONT = "/StorybotActualText"
"""The font resource the spans' text is shown in: a name no producer writes."""
ACTUAL_WIDTH = 1000
"""Each of its characters' width, an em: as wide as a glyph drawn (the next glyph's place stands within it), so pypdf
reads no space between two spans of a word (with no width, "แม่ น้ำ")."""
_SHOWS_TEXT = frozenset((b"Tj", b"TJ"))
"""The operators shown in a span's place (`'` and `"` also move to the next line: they are read as they stand)."""
_MOST_CODES = 0xFFFF
"""Distinct characters a page's spans may show in the font, one two-byte code each."""


def with_actual_text(reader: pypdf.PdfReader, page: pypdf.PageObject, most_text: int) -> bool:
    """Writes the page's content anew, in memory, with each `/ActualText` span's text shown in place of its glyphs;
    False, the page left as it is, where the spans' text passes `most_text` characters: the page shows too much, and
    no more of it is written (spans of plain letters under the page's limit in bytes made a page four times that)."""
    from pypdf.generic import ByteStringObject, ContentStream, NameObject

    contents = page.get_contents()
    if contents is None or b"/ActualText" not in contents.get_data():
        return True
    content = ContentStream(contents, reader, "bytes")  # parsed as pypdf parses a page it reads: never parsed again
    codes: dict[str, bytes] = {}
    operations: list[tuple[list[object], bytes]] = []
    # Per marked content open, the innermost span open within it, its own or an enclosing one's (None: no span): the
    # span in force is the last, where looking back for it through marked content nested 40,000 deep took 16 s.
    spans: list[_Span | None] = []
    font: list[object] = []  # the last Tf's operands
    shown_text = 0
    spanned = False  # a span's glyphs left out: its text shown in their place, or nothing (an empty /ActualText)
    for operands, operator in content.operations:
        if operator == b"Tf":
            font = list(operands)
        elif operator in (b"BDC", b"BMC"):
            spans.append((_span(operands) if operator == b"BDC" else None) or (spans[-1] if spans else None))
        elif operator == b"EMC" and spans:
            spans.pop()
        span = spans[-1] if spans else None
        if span is None or operator not in _SHOWS_TEXT:
            operations.append((operands, operator))
            continue
        if span.shown:
            continue  # the span's text is shown already
        span.shown = True
        spanned = True
        text = span.text
        shown_text += len(text)
        if shown_text > most_text:
            return False
        if len(codes) + len(text) > _MOST_CODES:
            return True
        if not text:
            continue  # the glyphs stand for no text (a rule, an ornament)
        shown = b"".join(codes.setdefault(char, (len(codes) + 1).to_bytes(2, "big")) for char in text)
        size = font[1] if len(font) > 1 else 1
        operations += [([NameObject(ACTUAL_FONT), size], b"Tf"), ([ByteStringObject(shown)], b"Tj")]
        if font:
            operations.append((font, b"Tf"))
    if not spanned:
        return True
    content.operations = operations
    page[NameObject("/Contents")] = content  # read as it stands, where written out it was parsed again: twice the time
    if codes:
        _add_font(page, codes)
    return True


@dataclass
class _Span:
    """Marked content with `/ActualText`: its text, and whether it was shown in place of the span's first glyphs."""

    text: str
    shown: bool = False


def _span(operands: list[object]) -> _Span | None:
    """A BDC's span, or None where it gives no `/ActualText` text string (its properties named in the resources are
    not looked up: LibreOffice writes them inline). The content is parsed as bytes: its string is read as a text
    string (UTF-16 or UTF-8 after their byte order marks, else PDFDocEncoding), never a name ("/ActualText /Span")."""
    from pypdf.generic import create_string_object

    properties = operands[1] if len(operands) > 1 else None
    given = properties.get("/ActualText") if isinstance(properties, dict) else None
    text = create_string_object(bytes(given)) if isinstance(given, bytes) else None
    return _Span(str(text)) if isinstance(text, str) else None


def _add_font(page: pypdf.PageObject, codes: dict[str, bytes]) -> None:
    """ACTUAL_FONT among the page's fonts: a composite font of two-byte codes whose ToUnicode gives the characters."""
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject

    pairs = [f"<{code.hex()}> <{char.encode('utf-16-be').hex()}>" for char, code in codes.items()]
    chunks = "".join(
        f"{len(pairs[at : at + 100])} beginbfchar\n" + "\n".join(pairs[at : at + 100]) + "\nendbfchar\n"
        for at in range(0, len(pairs), 100)  # a CMap's bfchar section holds 100 at most
    )
    cmap = DecodedStreamObject()
    cmap.set_data(
        (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /StorybotActualText def\n"
            f"1 begincodespacerange <0000> <FFFF> endcodespacerange\n{chunks}"
            "endcmap CMapName currentdict /CMap defineresource pop end end"
        ).encode()
    )
    glyphs = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject(ACTUAL_FONT),
            NameObject("/DW"): NumberObject(ACTUAL_WIDTH),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): NameObject(ACTUAL_FONT),
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([glyphs]),
            NameObject("/ToUnicode"): cmap,
        }
    )
    resources = page.get("/Resources")
    resources = resources.get_object() if resources is not None else None
    if not isinstance(resources, DictionaryObject):
        resources = DictionaryObject()
        page[NameObject("/Resources")] = resources
    fonts = resources.get("/Font")
    fonts = fonts.get_object() if fonts is not None else None
    if not isinstance(fonts, DictionaryObject):
        fonts = DictionaryObject()
        resources[NameObject("/Font")] = fonts
    fonts[NameObject(ACTUAL_FONT)] = font
