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

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from bot.core.readers.pdf_advance import advance, glyph_widths

if TYPE_CHECKING:
    import pypdf

ACTUAL_FONT = "/StorybotActualText"
"""The font resource the spans' text is shown in: a name no producer writes."""
ACTUAL_WIDTH = 1000
"""Each of its characters' width, an em: as wide as a glyph drawn (the next glyph's place stands within it), so pypdf
reads no space between two spans of a word (with no width, "แม่ น้ำ")."""
FIT_SLACK = 100
"""Thousandths of an em a span's text is shown wider than the glyphs it stands for (_spacing_to_fit): pypdf reads a
space where the next glyph stands as far as a space (half its font's, or none where the font has no space glyph) past
the text before, so a mark drawn with no width and the glyph right after it (Tlwg's "ู" then "่") were read apart.
Narrower than any word space (0.18 em and more, pdf_word_gaps.py), a space after the span is still read."""
_SHOWS_TEXT = frozenset((b"Tj", b"TJ"))
"""The operators shown in a span's place (`'` and `"` also move to the next line: they are read as they stand)."""
_MOST_CODES = 0xFFFE
"""Distinct characters a page's spans may show in the font, one two-byte code each (all but 0 and _SPACE_CODE)."""
_SPACE_CODE = 0x0020
"""A code never given: pypdf decodes a two-byte code as UTF-16 to measure it, and took this one for a space, measured
as its font's space (the 32nd character of a page's spans, "ค" of "ชายแก่คนหนึ่ง", was read a space before the next)."""


@dataclass
class ActualTextForms:
    """A file's forms as written anew (or not): each read once, however many pages or forms draw it (pypdf's resolved
    objects stand for the file's while it is read). Keyed by the form's identity: what a resources' entry now names."""

    written: dict[int, object] = field(default_factory=dict)
    measures: dict[int, tuple[object, tuple[Callable[[int], float], int] | None]] = field(default_factory=dict)
    """Each font's widths (pdf_advance.glyph_widths), looked up once in the file: a `/W` of many runs was read again
    on each page. Keyed by the font dictionary's identity, kept with it."""
    looked: dict[int, object] = field(default_factory=dict)
    """The resources' XObject dictionaries looked through, by identity (kept with it): once in the file, where a
    dictionary every page names (of every page's images) was looked through again on each page, pages x images steps."""


def with_actual_text(
    reader: pypdf.PdfReader, page: pypdf.PageObject, most_text: int, forms: ActualTextForms | None = None
) -> bool:
    """Writes the page's content anew, in memory, with each `/ActualText` span's text shown in place of its glyphs, and
    the content of each form its resources name, and theirs, once in the file (`forms`); False, the page left as it
    is, where the spans' text passes `most_text` characters: the page shows too much, and no more of it is written
    (spans of plain letters under the page's limit in bytes made a page four times that)."""
    from pypdf.generic import NameObject

    budget = [most_text]
    forms = forms or ActualTextForms()
    contents = page.get_contents()
    if contents is not None and b"/ActualText" in contents.get_data():
        written = _written_anew(reader, contents, page.get("/Resources"), budget, ACTUAL_FONT, forms)
        if written is False:
            return False
        if written is not None:
            content, codes = written
            page[NameObject("/Contents")] = (
                content  # read as it stands (written out, it was parsed again: twice the time)
            )
            if codes:
                _add_font(page, codes, ACTUAL_FONT)
    return _forms_written_anew(reader, page.get("/Resources"), budget, forms)


def _forms_written_anew(reader: pypdf.PdfReader, resources: object, budget: list[int], forms: ActualTextForms) -> bool:
    """Writes anew each form reachable from the resources (a header's, a page's drawn whole, forms within forms) whose
    content says `/ActualText`, and names it in their place: each form once, a form that draws itself or is drawn by
    many too (one pass over the forms, each resources' dictionary looked through once); False where the spans' text
    passes the budget left. The forms' text was read from their glyphs: a page set in a form, as qpdf overlays a page,
    read "แแแแ" where its spans said "แม่น้ำ"."""
    from pypdf.generic import NameObject, StreamObject

    pending = [resources]
    looked = forms.looked  # the resources' dictionaries looked through, in the file: their forms written anew already
    while pending:
        given = _resolved(pending.pop())
        xobjects = _resolved(given.get("/XObject")) if isinstance(given, dict) else None
        if not isinstance(xobjects, dict) or id(xobjects) in looked:
            continue
        looked[id(xobjects)] = xobjects
        for name in list(xobjects):
            form = _resolved(xobjects[name])
            if id(form) in forms.written:
                if forms.written[id(form)] is not form:
                    xobjects[NameObject(str(name))] = forms.written[id(form)]  # written anew already
                continue
            forms.written[id(form)] = form
            if not isinstance(form, StreamObject) or _resolved(form.get("/Subtype")) != "/Form":
                continue
            inner = form.get("/Resources")
            pending.append(inner)
            if _resolved(inner) is None or b"/ActualText" not in form.get_data():
                continue  # a form with no resources of its own (inherited, in old files) is read as it stands
            font = f"{ACTUAL_FONT}Form{len(forms.written)}"  # its own: a form may share the page's fonts
            written = _written_anew(reader, form, inner, budget, font, forms)
            if written is False:
                return False
            if written is None:
                continue
            content, codes = written
            for key, value in form.items():
                if key not in ("/Length", "/Filter", "/DecodeParms"):
                    content[NameObject(key)] = value
            if codes:
                _add_font(content, codes, font)
            forms.written[id(form)] = forms.written[id(content)] = content
            xobjects[NameObject(str(name))] = content
    return True


def _written_anew(
    reader: pypdf.PdfReader,
    contents: object,
    resources: object,
    budget: list[int],
    font_name: str,
    forms: ActualTextForms,
) -> tuple[pypdf.generic.ContentStream, dict[str, bytes]] | Literal[False] | None:
    """The content parsed, each span's text shown in place of its glyphs, and the codes given its characters; None
    where no span's glyphs were left out (or its characters pass what one font's codes hold): nothing to write anew;
    False where the spans' text passes the budget left (`budget[0]`, taken from as the text is shown)."""
    from pypdf.generic import ByteStringObject, ContentStream, FloatObject, NameObject

    content = ContentStream(contents, reader, "bytes")  # parsed as pypdf parses a page it reads: never parsed again
    codes: dict[str, bytes] = {}
    operations: list[tuple[list[object], bytes]] = []
    # Per marked content open, the innermost span open within it, its own or an enclosing one's (None: no span): the
    # span in force is the last, where looking back for it through marked content nested 40,000 deep took 16 s.
    spans: list[_Span | None] = []
    font: list[object] = []  # the last Tf's operands
    spacing: list[float] = [0.0]  # the character spacing (Tc) in force, saved by q and restored by Q
    fonts = _fonts(resources)
    spanned = False  # a span's glyphs left out: its text shown in their place, or nothing (an empty /ActualText)
    for operands, operator in content.operations:
        if operator == b"Tf":
            font = list(operands)
        elif operator == b"Tc" and operands:
            spacing[-1] = _number(operands[0]) or 0.0
        elif operator == b"q":
            spacing.append(spacing[-1])
        elif operator == b"Q" and len(spacing) > 1:
            spacing.pop()
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
        budget[0] -= len(text)
        if budget[0] < 0:
            return False
        if len(codes) + len(text) > _MOST_CODES:
            return None
        if not text:
            continue  # the glyphs stand for no text (a rule, an ornament)
        shown = b"".join(codes.get(char) or _new_code(codes, char) for char in text)
        size = font[1] if len(font) > 1 else 1
        operations.append(([NameObject(font_name), size], b"Tf"))
        fitted = _spacing_to_fit(fonts, forms, font, spacing[-1], operator, operands, len(text))
        if fitted is None:
            operations.append(([ByteStringObject(shown)], b"Tj"))
        else:  # as wide as the glyphs drawn: the space after them, or none, read as the page draws it
            operations += [
                ([FloatObject(round(fitted, 4))], b"Tc"),
                ([ByteStringObject(shown)], b"Tj"),
                ([FloatObject(spacing[-1])], b"Tc"),
            ]
        if font:
            operations.append((font, b"Tf"))
    if not spanned:
        return None
    content.operations = operations
    return content, codes


def _new_code(codes: dict[str, bytes], char: str) -> bytes:
    """The two-byte code given to a character the page's spans show first: from 1 up, _SPACE_CODE left out."""
    code = len(codes) + 1
    codes[char] = (code + (code >= _SPACE_CODE)).to_bytes(2, "big")
    return codes[char]


def _fonts(resources: object) -> dict[str, object]:
    """The fonts a page's resources name (their dictionaries, references followed)."""
    resources = _resolved(resources)
    fonts = _resolved(resources.get("/Font")) if isinstance(resources, dict) else None
    return {str(name): font for name, font in fonts.items()} if isinstance(fonts, dict) else {}


def _resolved(value: object) -> object:
    get_object = getattr(value, "get_object", None)
    return get_object() if callable(get_object) else value


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _spacing_to_fit(
    fonts: dict[str, object],
    forms: ActualTextForms,
    font: list[object],
    spacing: float,
    operator: bytes,
    operands: list[object],
    characters: int,
) -> float | None:
    """The character spacing (Tc) that makes a span's text, each character ACTUAL_WIDTH wide, end where the glyphs it
    stands for ended; None where their font's widths are not known (the text is then an em a character). Shown an em a
    character, a span drawn wider (LibreOffice's "ำ" as two glyphs of DejaVu, "ลำ" then "เล็ก") ended before the next
    glyph, which pypdf read a space away ("ลำ เล็ก"), and one drawn narrower (Tlwg's "้ำ") ran past the space after it
    ("แม่น้ำ เขา" read "แม่น้ำเขา")."""
    given = _resolved(fonts.get(str(font[0]))) if font else None
    size = _number(font[1]) if len(font) > 1 else None
    if id(given) not in forms.measures:
        forms.measures[id(given)] = (given, glyph_widths(given))
    measure = forms.measures[id(given)][1]
    if measure is None or size is None or not characters:
        return None
    drawn = advance(measure, operator, operands)
    if drawn is None:
        return None
    width = (drawn.width + FIT_SLACK) / 1000 * size + spacing * drawn.glyphs
    fitted = (width - characters * ACTUAL_WIDTH / 1000 * size) / characters
    return fitted if math.isfinite(fitted) else None


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


def _add_font(page: pypdf.generic.DictionaryObject, codes: dict[str, bytes], name: str) -> None:
    """The font `name` among the fonts of the page's (or form's) resources: a composite font of two-byte codes whose
    ToUnicode gives the characters."""
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
    fonts[NameObject(name)] = font
