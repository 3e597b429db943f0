"""OpenDocument text (`.odt`: LibreOffice's own, and what Google Docs and Word export): a zip of XML parts.

Read with the standard library's zipfile (with the limits of archive.py) and lxml, as EPUB is: a story needs
`content.xml` (the text) and `meta.xml` (the title), nothing else of the package (styles, images, settings).
The title is the document's own (File > Properties), else its first paragraph in the Title style, and a "by" line
naming the document's author is left out; headings (`text:h`, and paragraphs in Heading styles) name chapters, and
so do paragraphs in a template's own styles named for chapters ("Chapter Number" over "Chapter Title": "ONE: The
Hut") where the document uses them as headings (styles.chapter_styled), and those in the Title style where two or
more hold text (styles.titled_chapters: the first may be the title); lists and tables are read where they stand,
a table row by row (a row of a paragraph a cell at most one passage, its cells joined by " | ", as a web page's);
tracked changes read as the text stands (deletions are kept apart from it). What LibreOffice hides (hidden
characters, paragraphs and sections, a writer's notes to self and cut scenes) is left out. Footnotes, comments, text
boxes and frames, generated indexes (a table of contents) and ruby's reading over the words it glosses are left out,
as they are from Word documents.
A book's matter where nothing marks it (its copyright notice before the first chapter, "About the Author" at
its end) is left out as an EPUB's is: book_matter.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from bot.core.readers.archive import SafeZip
from bot.core.readers.book_matter import book_matter_left_out
from bot.core.readers.markup import lxml_etree, parse_xml
from bot.core.readers.note_marks import is_raised_mark, text_before
from bot.core.readers.plain_notes import is_backlinked_note
from bot.core.readers.reader import Block, StoryText, joined_row, story_text
from bot.core.readers.styles import (
    SUBTITLE_STYLE,
    StyleRole,
    chapter_styled,
    heading_level,
    style_role,
    titled_chapters,
    with_subtitle,
)
from bot.core.skipped import Cause, Refusal, StoryRefused

if TYPE_CHECKING:
    from lxml.etree import _Element

FORMAT_NAME = "OpenDocument text (.odt)"
CONTENT = "content.xml"
META = "meta.xml"
MANIFEST = "META-INF/manifest.xml"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_META = "{urn:oasis:names:tc:opendocument:xmlns:meta:1.0}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_ENCRYPTION = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}encryption-data"
_PARAGRAPHS = frozenset((f"{_TEXT}p", f"{_TEXT}h"))
_LEFT_OUT = frozenset(
    [
        f"{_TEXT}tracked-changes",  # what tracked changes deleted, kept apart from the text
        f"{_TEXT}note",  # footnotes and endnotes, their number and their text
        f"{_OFFICE}annotation",  # comments
        f"{_TEXT}number",  # a list's or heading's number as last shown: generated, not written
        f"{_TEXT}ruby-text",  # ruby's reading (furigana), after the words it glosses: "漢字かんじ"
        f"{_TEXT}sequence-decls",
        f"{_TEXT}variable-decls",
        f"{_TEXT}user-field-decls",
        f"{_OFFICE}forms",
        *(
            f"{_TEXT}{index}"  # generated from the text: every entry would be said twice
            for index in (
                "table-of-content",
                "alphabetical-index",
                "illustration-index",
                "table-index",
                "object-index",
                "user-index",
                "bibliography",
            )
        ),
        *(
            f"{{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}}{shape}"  # text boxes, images and shapes
            for shape in ("frame", "custom-shape", "rect", "ellipse", "line", "polygon", "path", "g", "a")
        ),
    ]
)
_CHARACTERS = {f"{_TEXT}s": " ", f"{_TEXT}tab": "\t", f"{_TEXT}line-break": "\n"}
"""`text:s` stands for spaces (`text:c` of them): one does, as runs of spaces are one in a passage."""


_DISPLAY = f"{_TEXT}display"
_STYLE_NAME = f"{_TEXT}style-name"
_HIDDEN_PARAGRAPH = f"{_TEXT}hidden-paragraph"
_HIDDEN_TEXT = f"{_TEXT}hidden-text"
_IS_HIDDEN = f"{_TEXT}is-hidden"
_TEXT_POSITION = f"{_STYLE}text-position"


def _hidden_styles(content: _Element) -> frozenset[str]:
    """The automatic styles that hide their text (Format > Character > Hidden: `text:display="none"`), or are based on
    one that does. LibreOffice shows and prints none of it: a writer's notes to self and cut words."""
    parents: dict[str, str] = {}
    hidden: set[str] = set()
    for style in content.iter(f"{_STYLE}style"):
        name = style.get(f"{_STYLE}name") or ""
        parents[name] = style.get(f"{_STYLE}parent-style-name") or ""
        properties = style.find(f"{_STYLE}text-properties")
        if properties is not None and properties.get(_DISPLAY) == "none":
            hidden.add(name)
    for name in parents:
        seen = {name}
        parent = parents[name]
        while parent and parent not in seen and parent not in hidden:
            seen.add(parent)
            parent = parents.get(parent, "")
        if parent in hidden:
            hidden.add(name)
    return frozenset(hidden)


def _raised_styles(content: _Element) -> frozenset[str]:
    """The automatic styles that raise their text (Format > Character > Position > Superscript:
    `style:text-position="super 58%"`, or a percentage up): a note's mark typed by hand is set so (note_marks)."""
    raised = set()
    for style in content.iter(f"{_STYLE}style"):
        properties = style.find(f"{_STYLE}text-properties")
        position = "" if properties is None else (properties.get(_TEXT_POSITION) or "")
        first = position.split()[0] if position.split() else ""
        if first == "super" or (first.endswith("%") and first[:-1].isdigit() and int(first[:-1]) > 0):
            raised.add(style.get(f"{_STYLE}name") or "")
    return frozenset(raised)


def _is_raised(element: _Element, raised: frozenset[str]) -> bool:
    """Whether an element is a span in a raising style (_raised_styles)."""
    return element.tag == f"{_TEXT}span" and element.get(_STYLE_NAME) in raised


def _is_hidden(element: _Element, hidden: frozenset[str]) -> bool:
    """Whether LibreOffice hides an element: a section hidden (Format > Sections > Hide), a span or paragraph in a
    hidden style, hidden text whose condition held when the document was saved, or a paragraph a field hides."""
    if element.get(_DISPLAY) == "none" or element.get(_STYLE_NAME) in hidden:
        return True
    if element.tag == _HIDDEN_TEXT:
        return element.get(_IS_HIDDEN) == "true"
    if element.tag in _PARAGRAPHS:
        return any(field.get(_IS_HIDDEN) == "true" for field in element.iter(_HIDDEN_PARAGRAPH))
    return False


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ROW, _CELL = f"{_TABLE}table-row", f"{_TABLE}table-cell"


def _paragraphs(body: _Element, hidden: frozenset[str]) -> Iterator[_Element]:
    """The paragraphs and headings in reading order: in lists, sections and table cells where they stand, less
    those LibreOffice hides; a table's row whose cells hold a paragraph each at most, whole (_flat_row)."""
    walker = lxml_etree(FORMAT_NAME).iterwalk(body, events=("start",))
    for _, element in walker:
        if element.tag in _LEFT_OUT or _is_hidden(element, hidden):
            walker.skip_subtree()
        elif element.tag in _PARAGRAPHS or (element.tag == _ROW and _is_flat_row(element)):
            yield element
            walker.skip_subtree()


def _is_flat_row(row: _Element) -> bool:
    """Whether a table row is one passage: its cells hold a paragraph each at most, as a list of names, a play's
    speaker and speech, or a form does. Each cell was a passage, the speaker apart from the speech, as an HTML page's
    cells were before (markup.py reads a row so too)."""
    cells = [child for child in row if child.tag == _CELL]
    return len(cells) > 1 and all(
        all(part.tag in _PARAGRAPHS for part in cell)
        and len(cell) <= 1
        and not any(part.tag == f"{_TEXT}h" for part in cell)
        for cell in cells
    )


def _row_text(row: _Element, hidden: frozenset[str], raised: frozenset[str]) -> str:
    cells = (" ".join(_text(part, hidden, raised).split()) for cell in row if cell.tag == _CELL for part in cell)
    return joined_row([(cell, False) for cell in cells if cell])


def _text(paragraph: _Element, hidden: frozenset[str], raised: frozenset[str]) -> str:
    """The paragraph's text: its spans, links and fields too, without what _LEFT_OUT names or LibreOffice hides, nor a
    note's mark typed raised against its word (note_marks)."""
    return _text_and_arrow(paragraph, hidden, raised)[0]


def _text_and_arrow(paragraph: _Element, hidden: frozenset[str], raised: frozenset[str]) -> tuple[str, bool]:
    """The paragraph's text (_text), and whether the last of it that shows stands in a link to a place in the document:
    a note's link back "↩" kept as a link (LibreOffice's of Calibre's Word file), where a story's own "she pressed ↩"
    ending a chapter is text, and was left out as a note (pandoc's OpenDocument of keycode.md)."""
    parts: list[str] = []
    links: list[_Element] = []  # the links to places in the document the walk is in
    last_linked = False
    walker = lxml_etree(FORMAT_NAME).iterwalk(paragraph, events=("start", "end"))
    for event, element in walker:
        if event == "start":
            if (
                element.tag in _LEFT_OUT
                or not isinstance(element.tag, str)
                or (element is not paragraph and _is_hidden(element, hidden))
                or (_is_raised(element, raised) and is_raised_mark("".join(element.itertext()), text_before(parts)))
            ):
                walker.skip_subtree()  # its "end" still comes, for its tail
                continue
            if element.tag == _LINK and (element.get(_HREF) or "").startswith("#"):
                links.append(element)
            part = _CHARACTERS.get(element.tag, element.text or "")
        else:
            if links and links[-1] is element:
                links.pop()
            if element is paragraph:
                continue
            part = element.tail or ""
        parts.append(part)
        if part.strip():
            last_linked = bool(links)
    return "".join(parts), last_linked


_LINK = f"{_TEXT}a"
_HREF = "{http://www.w3.org/1999/xlink}href"


def _style_names(content: _Element) -> dict[str, str]:
    """The style each automatic style ("P1": a paragraph given a format of its own) is based on, by name;
    names as written ("Heading_20_1") are read as shown ("Heading 1")."""
    names = {}
    for style in content.iter(f"{_STYLE}style"):
        name, parent = style.get(f"{_STYLE}name"), style.get(f"{_STYLE}parent-style-name")
        if name and parent and style.get(f"{_STYLE}family") == "paragraph":
            names[name] = parent
    return names


def _level(heading: _Element, style: str) -> int | None:
    """A heading's level: its outline level (`text:outline-level`), else its style's ("Heading 2")."""
    level = heading.get(f"{_TEXT}outline-level") or ""
    return int(level) if level.isdigit() and len(level) <= 2 else heading_level(style)


def _shown(style: str) -> str:
    return style.replace("_20_", " ")


class OdtReader:
    suffixes = (".odt",)
    name = FORMAT_NAME

    def read(self, raw: bytes) -> StoryText:
        document = SafeZip(raw, self.name)
        present = document.names()
        if MANIFEST in present:
            manifest = parse_xml(document.read(MANIFEST), self.name, MANIFEST)
            if next(manifest.iter(_ENCRYPTION), None) is not None:
                raise StoryRefused(Refusal(cause=Cause.ODT_PASSWORD))
        content = parse_xml(document.read(CONTENT), self.name, CONTENT)
        body = content.find(f"{_OFFICE}body/{_OFFICE}text")
        if body is None:
            raise StoryRefused(Refusal(cause=Cause.NOT_TEXT_DOCUMENT))
        title = author = None
        if META in present:
            meta = parse_xml(document.read(META), self.name, META)
            title = meta.findtext(f"{_OFFICE}meta/{_DC}title")
            author = meta.findtext(f"{_OFFICE}meta/{_META}initial-creator") or meta.findtext(
                f"{_OFFICE}meta/{_DC}creator"
            )
        based_on, hidden, raised = _style_names(content), _hidden_styles(content), _raised_styles(content)
        blocks = []
        styled: dict[int, str] = {}  # the style of each block of text, by its place (chapter_styled)
        subtitled = 0  # how many blocks there were when a heading last took its subtitle: one each
        paragraphs = list(_paragraphs(body, hidden))
        styles = [paragraph.get(f"{_TEXT}style-name") or "" for paragraph in paragraphs]
        shown_styles = [_shown(based_on.get(style, style)) for style in styles]
        roles = [style_role(shown) for shown in shown_styles]
        read = [
            (_row_text(paragraph, hidden, raised), False)
            if paragraph.tag == _ROW
            else _text_and_arrow(paragraph, hidden, raised)
            for paragraph in paragraphs
        ]
        titled = set(titled_chapters(roles, [text for text, _ in read]))  # chapters' headings in the Title style
        for number, (paragraph, shown, role, (text, linked)) in enumerate(
            zip(paragraphs, shown_styles, roles, read, strict=True)
        ):
            if paragraph.tag == _ROW:
                blocks.append(Block(text))
                continue
            if role is StyleRole.TITLE and number not in titled:
                title = title or text
            elif shown.casefold() == SUBTITLE_STYLE and blocks and blocks[-1].heading and subtitled != len(blocks):
                blocks[-1], subtitled = with_subtitle(blocks[-1], text), len(blocks)
            elif role is not StyleRole.LEFT_OUT:
                heading = paragraph.tag == f"{_TEXT}h" or role is StyleRole.HEADING or number in titled
                level = 1 if number in titled else _level(paragraph, shown) if heading else None
                arrow = linked if not heading and is_backlinked_note(text) else None
                if not heading:
                    styled[len(blocks)] = shown
                blocks.append(Block(text, heading=heading, level=level, linked_arrow=arrow))
        return story_text(title, book_matter_left_out(chapter_styled(blocks, styled), title), author)
