"""Word documents (`.docx`, also what Google Docs and LibreOffice export), read with python-docx.

The title is the document's own (File > Properties, by Word's name for that part or LibreOffice's), else its first
paragraph in the Title style (the title too where the properties' is a program's or a template's: chosen_title), and
a "by" line naming the document's author is left out; paragraphs in Heading styles, in styles based on them or given
an outline level (as RTF's are) name chapters, and so do those in a template's own styles named for chapters
("Chapter Number" over "Chapter Title": "ONE: The Hut") where they are used as headings, and those in the Title style
where two or more hold text (styles.titled_chapters: the first may be the title); tables are read row by row,
a row whose cells hold a paragraph each as one passage ("Wren | Berit", as a web page's), content controls and
tracked insertions where they stand, a paragraph whose mark is a tracked deletion run on into the next (_as_accepted);
a drop cap's letter, a framed paragraph of its own, is read into the word it opens; hidden text (by its formatting
or its style) and ruby's reading over the words it glosses are left out. The archive is checked
first (archive.py): python-docx unpacks every part, images included.
A book's matter where nothing marks it (its copyright notice before the first chapter, "About the Author" at
its end) is left out as an EPUB's is: book_matter.py.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from bot.core.readers.archive import SafeZip
from bot.core.readers.book_matter import book_matter_left_out
from bot.core.readers.chapter_lines import is_chapter_line, joined_heading
from bot.core.readers.markup import parse_xml
from bot.core.readers.note_marks import NOTE_MARK, is_raised_mark, text_before
from bot.core.readers.plain_notes import is_backlinked_note
from bot.core.readers.reader import Block, ExtraMissing, StoryText, chosen_title, joined_row, story_text
from bot.core.readers.styles import (
    SUBTITLE_STYLE,
    ChapterStyle,
    StyleRole,
    chapter_style,
    heading_level,
    outline_heading_level,
    style_role,
    titled_chapters,
    used_chapter_styles,
    with_subtitle,
)
from bot.core.readers.symbol_font import is_symbol_font, symbol_character
from bot.core.skipped import Cause, Refusal, StoryRefused

if TYPE_CHECKING:
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_WRAPPERS = frozenset(f"{_W}{tag}" for tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo"))
"""What holds paragraphs or runs without being text of its own: content controls, custom XML, and tracked
insertions (a paragraph edited with Track Changes on holds its inserted words in them)."""
_LEFT_OUT = frozenset(
    (
        f"{_W}del",  # tracked deletions: not the text as it stands
        f"{_W}moveFrom",
        f"{_W}p",  # a paragraph inside this one's runs: a text box's, not this paragraph's text
        f"{_W}pPr",
        f"{_W}rPr",
        f"{_W}rt",  # ruby's reading (furigana), which Word writes before the words it glosses: "かんじ漢字"
        "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback",  # the same again, for old readers
    )
)
_RELATIONSHIPS = "_rels/.rels"
_CORE_PROPERTIES = "/metadata/core-properties"
"""How a package's relationships name its properties part: Word's type is ".../package/2006/relationships/metadata/
core-properties", LibreOffice's ".../officedocument/2006/relationships/metadata/core-properties"."""
_DC = "{http://purl.org/dc/elements/1.1/}"
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}ptab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _paragraphs(container: _Element, styles: _Styles) -> Iterator[_Element]:
    """The paragraphs (w:p) in order: a table's where it stands, row by row, each cell once (a cell merged
    across rows where it starts, across columns as the one cell it is), a table in a cell where it stands
    in it, a row whose cells hold a paragraph each (_flat_cells) as the row (w:tr), one passage; those in
    content controls and custom XML where they stand.

    Read from the XML in one pass: python-docx's `row.cells` finds a cell merged down from above by
    searching the rows above (a long merged column took seconds, and over 1,000 rows its recursion
    failed), and makes its cell objects anew for each row, so telling a merged cell by `id()` took a later
    cell for one already read when Python reused the id (a table of 300 rows kept 5 of them); and its
    body's paragraphs leave out those in content controls."""
    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield child
        elif child.tag == f"{_W}tbl":
            for row in _unwrapped(child, _ROW):
                if _flat_cells(row, styles):
                    yield row
                    continue
                for cell in _unwrapped(row, f"{_W}tc"):
                    if not _continues_merge(cell):
                        yield from _paragraphs(cell, styles)
        elif child.tag in _WRAPPERS:
            yield from _paragraphs(child, styles)


_ROW = f"{_W}tr"


def _flat_cells(row: _Element, styles: _Styles) -> list[_Element] | None:
    """The paragraph of each of the row's cells, where there are two cells or more and each holds one paragraph of
    text (no table, no heading, no tracked deletion of its mark): the row is then read as one passage (joined_row), as
    a web page's is, a row's meaning being what its cells say together; each cell a passage, "Wren" was read apart
    from "Berit", its captain. None for a row read cell by cell, as before: cells of several paragraphs each."""
    cells = [cell for cell in _unwrapped(row, f"{_W}tc") if not _continues_merge(cell)]
    if len(cells) < 2:
        return None
    paragraphs = []
    for cell in cells:
        found = list(islice(_unwrapped(cell, f"{_W}p"), 2))
        if len(found) != 1 or next(_unwrapped(cell, f"{_W}tbl"), None) is not None or _mark_deleted(found[0]):
            return None
        if styles.role(found[0])[0] is not StyleRole.TEXT or is_chapter_line(_text(found[0], styles).strip()):
            return None  # a heading, or a chapter's line typed in a table set out for layout: "Chapter One" | text
        paragraphs.append(found[0])
    return paragraphs


def _mark_deleted(paragraph: _Element) -> bool:
    """Whether the paragraph's mark (its end, whose run properties are its `w:pPr/w:rPr`) is a tracked deletion, or
    moved away: with the changes accepted, as the text stands, the paragraph runs on into the next."""
    mark = paragraph.find(f"{_W}pPr/{_W}rPr")
    return mark is not None and (mark.find(f"{_W}del") is not None or mark.find(f"{_W}moveFrom") is not None)


_BLOCKS = frozenset({f"{_W}p", f"{_W}tbl"} | _WRAPPERS)


def _as_accepted(paragraphs: Iterator[_Element]) -> Iterator[list[_Element]]:
    """The paragraphs as they stand with Track Changes' changes accepted, each as the paragraphs it is made of: one
    whose mark is deleted (_mark_deleted) is one with the paragraph right after it, as Word shows them ("The wind rose
    " and "and the door banged." are "The wind rose and the door banged."; its paragraph split in two passages, the
    sentence was in neither). The paragraph whose mark stands gives the whole its style, as that mark holds it. One
    before a table, or last in a cell, runs on into no paragraph and stands alone."""
    run: list[_Element] = []
    for paragraph in paragraphs:
        if run and next((s for s in run[-1].itersiblings() if s.tag in _BLOCKS), None) is not paragraph:
            yield run
            run = []
        run.append(paragraph)
        if not _mark_deleted(paragraph):
            yield run
            run = []
    if run:
        yield run


def _unwrapped(container: _Element, tag: str) -> Iterator[_Element]:
    """The `tag` children in order, those in wrappers too: a table's rows and a row's cells may stand in content
    controls (Word's repeating sections hold each row in one)."""
    for child in container.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _unwrapped(child, tag)


def _continues_merge(cell: _Element) -> bool:
    """Whether a table cell continues the one above it (a vMerge with no value continues)."""
    merge = cell.find(f"{_W}tcPr/{_W}vMerge")
    return merge is not None and merge.get(f"{_W}val", "continue") == "continue"


def _properties(document: SafeZip, format_name: str) -> tuple[str | None, str | None]:
    """The title and author the document's properties give, by whichever name its relationships give that part.

    Read here, not by python-docx: it knows Word's name alone, and for a document of LibreOffice's (or one with no
    properties) made its own, titled "Word Document" and written by "python-docx"."""
    present = document.names()
    if _RELATIONSHIPS not in present:
        return None, None
    relationships = parse_xml(document.read(_RELATIONSHIPS), format_name, _RELATIONSHIPS)
    for relationship in relationships.iter("{*}Relationship"):
        target = (relationship.get("Target") or "").lstrip("/")
        if (relationship.get("Type") or "").endswith(_CORE_PROPERTIES) and target in present:
            properties = parse_xml(document.read(target), format_name, target)
            return properties.findtext(f"{_DC}title") or None, properties.findtext(f"{_DC}creator") or None
    return None, None


def _value(element: _Element | None, tag: str) -> str | None:
    """The `w:val` of the `tag` setting in this element (a style, its `w:pPr` or `w:rPr`); "" where it is set with
    none."""
    setting = None if element is None else element.find(f"{_W}{tag}")
    return None if setting is None else setting.get(f"{_W}val", "")


def _hidden(run_properties: _Element | None) -> bool | None:
    """Whether these run properties hide their text (`w:vanish`: Word never shows or prints it); None where they do
    not say. `w:specVanish` hides only a paragraph's mark (a heading's style separator), no text."""
    value = _value(run_properties, "vanish")
    return None if value is None else value not in ("false", "0", "off")


def _outline(paragraph_properties: _Element | None) -> int | None:
    """The outline level these paragraph properties give (`w:outlineLvl`): 0 to 8 a heading's, 9 body text."""
    value = _value(paragraph_properties, "outlineLvl") or ""
    return int(value) if value.isdigit() and len(value) <= 2 else None


_Value = TypeVar("_Value")


def _inherited(own: dict[str, _Value | None], based_on: dict[str, str]) -> dict[str, _Value | None]:
    """Each style's value: its own, else its nearest base style's (`w:basedOn`) that has one. Each style's chain is
    followed once, as far as the first style already known; a chain that comes back on itself ends there."""
    found: dict[str, _Value | None] = {}
    for start in own:
        chain: dict[str, None] = {}  # in order, and looked up at once
        value: _Value | None = None
        style: str | None = start
        while style is not None and style in own and style not in chain:
            if style in found:
                value = found[style]
                break
            chain[style] = None
            value = own[style]
            if value is not None:
                break
            style = based_on.get(style)
        found.update(dict.fromkeys(chain, value))
    return found


class _Styles:
    """What the document's styles say of its paragraphs and runs, each style with what its base styles give it: a
    style of one's own based on Heading 1 ("Chapter Title", as novel templates have) is a heading, as Word's
    Navigation pane and contents list take it, and text hidden by a style is hidden."""

    def __init__(self, styles: _Element, default: str) -> None:
        names: dict[str, str] = {}
        outlines: dict[str, int | None] = {}
        levels: dict[str, int | None] = {}  # by name: "Heading 2", 2
        hidden: dict[str, dict[str, bool | None]] = {"paragraph": {}, "character": {}}
        based_on: dict[str, dict[str, str]] = {"paragraph": {}, "character": {}}
        for style in styles.iterchildren(f"{_W}style"):
            kind, style_id = style.get(f"{_W}type") or "paragraph", style.get(f"{_W}styleId") or ""
            if kind not in hidden:
                continue
            base = _value(style, "basedOn")
            if base:
                based_on[kind][style_id] = base
            hidden[kind][style_id] = _hidden(style.find(f"{_W}rPr"))
            if kind == "paragraph":
                names[style_id] = _value(style, "name") or ""
                outlines[style_id] = _outline(style.find(f"{_W}pPr"))
                levels[style_id] = heading_level(names[style_id])
        self.names = names
        self.default = default
        self.chapters = {style_id: found for style_id, name in names.items() if (found := chapter_style(name))}
        """The paragraph styles whose names say they set a chapter's number or name (chapter_style)."""
        self.outlines = _inherited(outlines, based_on["paragraph"])
        self.levels = _inherited(levels, based_on["paragraph"])
        self.paragraphs_hidden = _inherited(hidden["paragraph"], based_on["paragraph"])
        self.characters_hidden = _inherited(hidden["character"], based_on["character"])

    def style(self, paragraph: _Element) -> str:
        """The id of the paragraph's style, or of the document's default where it names none the document has."""
        style = _value(paragraph.find(f"{_W}pPr"), "pStyle")
        return style if style in self.names else self.default

    def role(self, paragraph: _Element) -> tuple[StyleRole, int | None]:
        """The paragraph's role by its style's name (style_role), and its level where it is a heading. A paragraph
        given an outline level of 0 to 8, or in a style that has one or is based on a Heading style, is a heading too,
        as in RTF; its outline level, else its Heading style's, is its level. Outline level 9 makes body text of a
        style based on a Heading style, as Word's "TOC Heading" is."""
        style = self.style(paragraph)
        role = style_role(self.names.get(style, ""))
        outline = _outline(paragraph.find(f"{_W}pPr"))
        if outline is None:
            outline = self.outlines.get(style)
        outlined = outline_heading_level(outline)
        based_on_heading = outline is None and self.levels.get(style) is not None
        if role is StyleRole.TEXT and (outlined is not None or based_on_heading):
            role = StyleRole.HEADING
        return role, outlined if outlined is not None else self.levels.get(style)

    def run_hidden(self, run: _Element, paragraph_style: str) -> bool:
        """Whether a run's text is hidden: by its own formatting, else its character style's, else its paragraph
        style's (the nearest that says, as Word reads a style's settings over its base's)."""
        properties = run.find(f"{_W}rPr")
        hidden = _hidden(properties)
        if hidden is None:
            hidden = self.characters_hidden.get(_value(properties, "rStyle") or "")
        if hidden is None:
            hidden = self.paragraphs_hidden.get(paragraph_style)
        return bool(hidden)


def _texts(paragraphs: list[_Element], styles: _Styles) -> str:
    """The text of paragraphs that stand as one (_as_accepted), each paragraph's runs as Word joins them: a space
    between them is the runs' own ("rose " and "and"), none is put in (Word shows "rose" and "and" as "roseand")."""
    return "".join(
        _row_text(paragraph, styles) if paragraph.tag == _ROW else _text(paragraph, styles) for paragraph in paragraphs
    )


def _row_text(row: _Element, styles: _Styles) -> str:
    """A row read as one passage (_flat_cells): its cells' texts that show, joined as every table reader joins them."""
    cells = [" ".join(_text(paragraph, styles).split()) for paragraph in _flat_cells(row, styles) or []]
    return joined_row([(cell, False) for cell in cells if cell])


def _text(paragraph: _Element, styles: _Styles) -> str:
    """The paragraph's text as it stands: its runs', in hyperlinks, fields, smart tags, content controls and
    tracked insertions too (python-docx's Paragraph.text reads only the runs and hyperlinks directly in it:
    "The keeper never lit the lamp", edited in with Track Changes on, read "The keeper lit the lamp");
    not tracked deletions, nor a text box's paragraphs anchored in it, nor a note's mark written as a link to a
    place in the document (_is_mark) or typed raised against its word (_is_raised_mark), nor hidden text (an author's
    note to self was quoted in answers), nor ruby's reading over the words it glosses (the words alone are the text a
    question has)."""
    parts: list[str] = []
    paragraph_style = styles.style(paragraph)
    waiting = list(reversed(paragraph))
    while waiting:
        element = waiting.pop()
        tag = element.tag
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag in _CHARACTERS:
            parts.append(_CHARACTERS[tag])
        elif tag == f"{_W}sym":
            parts.append(_symbol(element))
        elif tag == _RUN and (
            styles.run_hidden(element, paragraph_style) or _is_raised_mark(element, text_before(parts))
        ):
            continue
        elif tag not in _LEFT_OUT and not (tag == _HYPERLINK and _is_mark(element)):
            waiting.extend(reversed(element))
    return "".join(parts)


_RUN = f"{_W}r"


def _is_raised_mark(run: _Element, before: str) -> bool:
    """Whether a run is a note's mark typed as superscript against its word ("Bergen" then a raised "1": note_marks),
    by its own formatting (Format > Font > Superscript)."""
    if _value(run.find(f"{_W}rPr"), "vertAlign") != "superscript":
        return False
    return is_raised_mark("".join(piece.text or "" for piece in run.iter(f"{_W}t")), before)


_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


def _symbol(symbol: _Element) -> str:
    """A character Insert > Symbol put in (`<w:sym w:font="Symbol" w:char="F0BE"/>`): the Symbol font's code as the
    character it stands for (symbol_font.py: an em dash), a code that is a character of Unicode's own (over 0xFF, no
    private use nor surrogate) as that character; another font's code (a Wingdings dingbat, a picture) a space, so
    the words around it stay apart. It was dropped: "He waitedand waited"."""
    digits = symbol.get(f"{_W}char") or ""
    if not 0 < len(digits) <= 4 or not _HEX_DIGITS.issuperset(digits):
        return " "
    code = int(digits, 16)
    found = symbol_character(code) if is_symbol_font(symbol.get(f"{_W}font") or "") else None
    if found is None and code > 0xFF and not 0xD800 <= code <= 0xF8FF:
        found = chr(code)
    return found or " "


_HYPERLINK = f"{_W}hyperlink"
_MARK_CHARS = 16
"""The most of a link's text looked at to tell a note's mark: a mark is short."""


def _is_mark(link: _Element) -> bool:
    """Whether a hyperlink is a note's mark: to a place in the document (a bookmark), its whole text one ("1", "[3]",
    "*"). Calibre's Word file of a book writes its notes' marks so, and they were read into their words ("parents1");
    Word's own footnotes are references, never text. A link's text is read only so far as a mark's could go."""
    if not link.get(f"{_W}anchor"):
        return False
    text = ""
    for piece in link.iter(f"{_W}t"):
        text += piece.text or ""
        if len(text.strip()) > _MARK_CHARS:
            return False
    return NOTE_MARK.fullmatch(text.strip()) is not None


def _arrow_linked(paragraph: _Element) -> bool:
    """Whether the "↩" ending a paragraph is a link to a place in the document: Calibre's Word file of an EPUB keeps a
    note's link back so; a writer's own "she pressed ↩" ending a chapter is text, and was left out as a note."""
    for piece in reversed(list(paragraph.iter(f"{_W}t"))):
        if (piece.text or "").strip():
            return any(link.tag == _HYPERLINK and link.get(f"{_W}anchor") for link in piece.iterancestors())
    return False


def _marked_places(body: _Element) -> set[str]:
    """The bookmarks that notes' marks link to (_is_mark): where Calibre's Word file of an EPUB begins each note."""
    return {link.get(f"{_W}anchor") or "" for link in body.iter(_HYPERLINK) if _is_mark(link)}


def _bookmarks(paragraph: _Element) -> set[str]:
    return {mark.get(f"{_W}name") or "" for mark in paragraph.iter(f"{_W}bookmarkStart")}


def _notes_joined(blocks: list[Block], starts: list[bool]) -> list[Block]:
    """The blocks with each note of several paragraphs as one: from a paragraph that a mark links to, to the next
    that ends in the link back to the mark (is_backlinked_note), no heading between. Calibre writes a note of an
    EPUB as its paragraphs, the last alone ending in "↩︎"; joined, plain_notes.py leaves the whole note out, where
    its paragraphs before the last were read as the chapter's text. Without a link back they stay as they were."""
    joined: list[Block] = []
    note: list[Block] = []  # a note's paragraphs so far
    for block, start in zip(blocks, starts, strict=True):
        if note and (block.heading or start):
            joined.extend(note)
            note = []
        if start and not is_backlinked_note(block.text):
            note.append(block)
        elif not note:
            joined.append(block)
        else:
            note.append(block)
            if is_backlinked_note(block.text):
                joined.append(Block(" ".join(part.text for part in note)))
                note = []
    joined.extend(note)
    return joined


def _chapter_styles_used(
    paragraphs: list[_Element], roles: list[tuple[StyleRole, int | None]], texts: list[str], styles: _Styles
) -> list[tuple[StyleRole, int | None]]:
    """The paragraphs' roles, those in a style whose name says it sets chapters ("Chapter Number", "Chapter Title",
    based on Normal in a self-publishing template) headings where the document uses it as one (used_chapter_styles)."""
    names = [styles.names.get(styles.style(paragraph), "") for paragraph in paragraphs]
    used = used_chapter_styles(
        (name, text, role is StyleRole.HEADING)
        for name, (role, _), text in zip(names, roles, texts, strict=True)
        if role in (StyleRole.TEXT, StyleRole.HEADING)
    )
    return [
        (StyleRole.HEADING, None) if role is StyleRole.TEXT and name in used else (role, level)
        for name, (role, level) in zip(names, roles, strict=True)
    ]


def _drop_caps_joined(paragraphs: list[_Element], roles: list[tuple[StyleRole, int | None]], texts: list[str]) -> None:
    """Each drop cap's letter (Insert > Drop Cap: a paragraph of its own, framed with `w:framePr w:dropCap="drop"` or
    "margin") put before the paragraph it opens, with no space, its own text then none: "I" and "ngrid lived in a hut"
    were two paragraphs, the name lost at every chapter's start, and where chapters are typed "I" was taken for one.
    A drop cap before a heading, the document's end or another drop cap, opening no text, stays as it is."""
    waiting: int | None = None  # the drop cap to be put before the next text
    for n, (paragraph, (role, _)) in enumerate(zip(paragraphs, roles, strict=True)):
        if not texts[n].strip():
            continue
        if waiting is not None and role is StyleRole.TEXT and not _is_drop_cap(paragraph):
            texts[n] = texts[waiting].strip() + texts[n]
            texts[waiting] = ""
        waiting = n if role is StyleRole.TEXT and _is_drop_cap(paragraph) else None


def _is_subtitle(paragraph: _Element, styles: _Styles) -> bool:
    return styles.names.get(styles.style(paragraph), "").casefold() == SUBTITLE_STYLE


def _is_drop_cap(paragraph: _Element) -> bool:
    frame = paragraph.find(f"{_W}pPr/{_W}framePr")
    return frame is not None and frame.get(f"{_W}dropCap") in ("drop", "margin")


class DocxReader:
    suffixes = (".docx",)
    name = "Word (.docx)"

    def read(self, raw: bytes) -> StoryText:
        try:
            import docx
            from docx.enum.style import WD_STYLE_TYPE
        except ImportError as error:
            raise ExtraMissing(self.name) from error
        package = SafeZip(raw, self.name)
        package.require_unpacked_size()
        title, author = _properties(package, self.name)
        try:
            document = docx.Document(io.BytesIO(raw))
            # Style names looked up once: python-docx's paragraph.style scans every style for each
            # paragraph in the default style (5.5 s per MB of text that way, 0.6 s this way).
            paragraph_styles = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
            default = paragraph_styles.style_id if paragraph_styles is not None else ""
            styles = _Styles(document.styles.element, default or "")
            blocks: list[Block] = []
            starts = []  # whether each block is where a note's mark links to
            marked = _marked_places(document.element.body)
            groups = list(_as_accepted(_paragraphs(document.element.body, styles)))
            paragraphs = [joined[-1] for joined in groups]  # each one's mark stands, and holds the style
            roles = [styles.role(paragraph) for paragraph in paragraphs]
            texts = [
                "" if role is StyleRole.LEFT_OUT else _texts(joined, styles)
                for joined, (role, _) in zip(groups, roles, strict=True)
            ]
            _drop_caps_joined(paragraphs, roles, texts)
            roles = _chapter_styles_used(paragraphs, roles, texts, styles)
            for titled in titled_chapters([role for role, _ in roles], texts):
                roles[titled] = (StyleRole.HEADING, 1)  # every chapter's heading set in the Title style
            title_paragraph = ""
            number: tuple[int, ChapterStyle] | None = None  # the block of a chapter's number, its name to come
            subtitled = 0  # how many blocks there were when a heading last took its subtitle: one each
            for joined, paragraph, (role, level), text in zip(groups, paragraphs, roles, texts, strict=True):
                chapter = styles.chapters.get(styles.style(paragraph))
                if role is StyleRole.TITLE:
                    title_paragraph = title_paragraph or text
                elif role is StyleRole.HEADING:
                    if number and chapter and chapter.kind == number[1].kind and not chapter.number and text.strip():
                        # the name under its number: "ONE" over "The Hut" is one chapter, "ONE: The Hut"
                        at, number = number[0], None
                        blocks[at] = Block(
                            joined_heading([blocks[at].text.strip(), text.strip()]), heading=True, level=level
                        )
                        continue
                    if text.strip():
                        number = (len(blocks), chapter) if chapter and chapter.number else None
                    blocks.append(Block(text, heading=True, level=level))
                elif _is_subtitle(paragraph, styles) and blocks and blocks[-1].heading and subtitled != len(blocks):
                    blocks[-1], subtitled = with_subtitle(blocks[-1], _texts(joined, styles)), len(blocks)
                elif role is not StyleRole.LEFT_OUT:
                    arrow = _arrow_linked(paragraph) if is_backlinked_note(text) else None
                    blocks.append(Block(text, linked_arrow=arrow))
                    number = None if text.strip() else number
                if role in (StyleRole.HEADING, StyleRole.TEXT):
                    places = set[str]().union(*map(_bookmarks, joined))
                    starts.append(bool(marked) and not blocks[-1].heading and bool(places & marked))
            blocks = _notes_joined(blocks, starts)
        except Exception as error:  # python-docx reads hostile files; whatever it raises, this file is unreadable
            raise StoryRefused(Refusal(cause=Cause.NOT_WORD, detail=str(error))) from error
        title = chosen_title(title, title_paragraph)
        return story_text(title, book_matter_left_out(blocks, title), author)
