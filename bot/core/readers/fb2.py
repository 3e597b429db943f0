"""FictionBook (`.fb2`, and `.fb2.zip`: one zipped), the e-book format of Russian and Eastern European libraries.

One XML file, read with lxml as EPUB's parts are (no entities expanded, no DTD, no network). The title is
the description's `book-title`, and a "by" line naming its first author is left out; each section's
`title` names a chapter, nested sections' too (in a book whose sections have none, Calibre's, a short paragraph
all in bold does: one opening its section, or in a book of one section, one not said again in bold: _bold_headings);
paragraphs, a poem's stanzas (one passage each), epigraphs, quotations and table cells are read in order. Left out:
the body's own title (the book's title and author again), footnote bodies and their markers in the text (as Word's
footnotes are; a marker is a link typed `note`, or one into the notes' body whose text is a mark), scene breaks (a
subtitle of `* * *`: no passage, but no reply is read across one) and the images packed in the file. A zipped book
is read with archive.py's limits, and must hold one `.fb2` file.
A book's matter where nothing marks it (its copyright notice before the first chapter, "About the Author" at
its end, notes written as paragraphs with their marks run into words: Calibre's) is left out as an EPUB's is:
book_matter.py.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from bot.core.readers.archive import SafeZip
from bot.core.readers.book_matter import book_matter_left_out
from bot.core.readers.markup import local_name, lxml_etree, parse_xml
from bot.core.readers.note_marks import NOTE_MARK
from bot.core.readers.reader import SCENE_BREAK, Block, StoryText, story_text
from bot.core.skipped import Cause, Refusal, StoryRefused

if TYPE_CHECKING:
    from lxml.etree import _Element

FORMAT_NAME = "FictionBook (.fb2)"
NOTES_BODIES = frozenset({"notes", "comments", "footnotes"})
"""The names of the bodies that hold notes; the first body, which has none, holds the book."""
_PARAGRAPHS = frozenset({"p", "v", "subtitle", "text-author", "td", "th"})
_LEFT_OUT = frozenset({"image", "binary"})
_NOTE = "note"
"""A link's `type` when it points at a footnote: its mark ("[1]") is left out with the note."""


def _text(paragraph: _Element) -> str:
    """The paragraph's text, emphasis and links included, without footnote marks."""
    parts: list[str] = []
    walker = lxml_etree(FORMAT_NAME).iterwalk(paragraph, events=("start", "end"))
    for event, element in walker:
        if event == "start":
            if not isinstance(element.tag, str) or (local_name(element) == "a" and _is_mark(element)):
                walker.skip_subtree()  # its "end" still comes, for its tail
            else:
                parts.append(element.text or "")
        elif element is not paragraph:
            parts.append(element.tail or "")
    return "".join(parts)


def _is_mark(link: _Element) -> bool:
    """Whether a link is a note's mark: typed so (or so typed by _type_marks)."""
    return link.get("type") == _NOTE


def _type_marks(books: list[_Element], notes: list[_Element]) -> None:
    """Types as notes' marks, in place, the links into the notes' bodies whose whole text is a mark ("1", "[2]",
    "*"), as many libraries' books link their notes without the type. A number linked within the story (a
    cross-reference's "chapter 2") is its text."""
    targets = {element.get("id") for body in notes for element in body.iter() if element.get("id")}
    for body in books:
        for link in body.iter("{*}a"):
            href = next((value for name, value in link.items() if name.rpartition("}")[2] == "href"), "")
            text = " ".join("".join(link.itertext()).split())
            if href.startswith("#") and href[1:] in targets and NOTE_MARK.fullmatch(text):
                link.set("type", _NOTE)


def _joined(element: _Element) -> str:
    """A title's or a stanza's lines (its p or v elements) as one line."""
    return " ".join(_text(line) for line in element.iter() if local_name(line) in _PARAGRAPHS)


BOLD_HEADING_CHARS = 120
"""The longest paragraph, all in bold, that names a chapter in a book whose sections have no titles."""


_BEFORE_TEXT = frozenset({"image", "empty-line"})
"""What may stand in a section before its first line: a picture, an empty line."""


def _is_bold_line(paragraph: _Element) -> bool:
    """Whether the paragraph is one short line, all of it in bold: how Calibre's FictionBook heads its chapters
    (`<p><strong>Chapter One</strong></p>`), giving its sections no titles."""
    if len(paragraph) != 1 or (paragraph.text or "").strip():
        return False
    bold = paragraph[0]
    text = " ".join(_text(paragraph).split())
    return local_name(bold) == "strong" and not (bold.tail or "").strip() and 0 < len(text) <= BOLD_HEADING_CHARS


def _opens_section(paragraph: _Element) -> bool:
    parent = paragraph.getparent()
    if parent is None or local_name(parent) != "section":
        return False
    before = paragraph.getprevious()
    while before is not None and (not isinstance(before.tag, str) or local_name(before) in _BEFORE_TEXT):
        before = before.getprevious()
    return before is None


def _bold_headings(books: list[_Element]) -> set[_Element]:
    """The bold lines that name chapters in a book whose sections have no titles. Calibre's FictionBook of an EPUB
    opens each chapter's section with one, and then only those do: one within a section is its text (a play's
    speaker, "MAREN"; a shout, "Run!"). Its FictionBook of a Word file is one section, its chapters' bold lines
    within it: then a line said in bold again (a speaker's name, each time the speaker speaks) names no chapter."""
    bold = [
        paragraph
        for body in books
        for paragraph in body.iter("{*}p")
        if local_name(paragraph) == "p" and _is_bold_line(paragraph)
    ]
    opening = [paragraph for paragraph in bold if _opens_section(paragraph)]
    if len(opening) > 1:
        return set(opening)
    said = Counter(" ".join(_text(paragraph).split()).casefold() for paragraph in bold)
    return {paragraph for paragraph in bold if said[" ".join(_text(paragraph).split()).casefold()] == 1}


def _depth(title: _Element) -> int:
    """A section's title's level: 1 for a section of the body, 2 for one within it, and on."""
    return sum(1 for ancestor in title.iterancestors() if local_name(ancestor) == "section")


def _blocks(body: _Element, bold_headings: set[_Element]) -> list[Block]:
    """The body's blocks; a paragraph in `bold_headings` (a bold line, in a book whose sections have no titles) is a
    chapter's heading."""
    blocks = []
    walker = lxml_etree(FORMAT_NAME).iterwalk(body, events=("start",))
    for _, element in walker:
        name = local_name(element)
        if name == "title":
            if element.getparent() is not body:  # the body's own title repeats the book's
                section = local_name(element.getparent()) == "section"
                blocks.append(Block(_joined(element), heading=section, level=_depth(element) if section else None))
            walker.skip_subtree()
        elif name == "stanza":
            blocks.append(Block(_joined(element)))
            walker.skip_subtree()
        elif name in _PARAGRAPHS:
            text = _text(element)
            if name == "subtitle" and not any(character.isalnum() for character in text):  # a scene break: * * *
                blocks.append(Block(SCENE_BREAK))  # no passage, but no reply is read across it
            else:
                blocks.append(Block(text, heading=element in bold_headings))
            walker.skip_subtree()
        elif name == "empty-line":
            blocks.append(Block(""))  # a break: plain_notes.py tells a note's paragraphs by the one over the notes
        elif name in _LEFT_OUT or not name:
            walker.skip_subtree()
    return blocks


def _first(root: _Element, path: tuple[str, ...]) -> _Element | None:
    """The first element down this path of local names (FictionBook's namespace is not always the same)."""
    found = root
    for name in path:
        child = next((child for child in found.iterchildren() if local_name(child) == name), None)
        if child is None:
            return None
        found = child
    return found


def _author(title_info: _Element | None) -> str | None:
    author = _first(title_info, ("author",)) if title_info is not None else None
    if author is None:
        return None
    names = {local_name(part): _text(part) for part in author.iterchildren()}
    full = " ".join(names.get(part, "") for part in ("first-name", "middle-name", "last-name")).strip()
    return full or names.get("nickname")


def read_fb2(raw: bytes, name: str | None = None) -> StoryText:
    """The story of a FictionBook file's bytes (`name`: the file in a zip it was packed in, for messages)."""
    root = parse_xml(raw, FORMAT_NAME, name)
    if local_name(root) != "fictionbook":
        raise StoryRefused(Refusal(cause=Cause.NOT_FB2, name=name or "", detail=local_name(root)))
    bodies = [child for child in root.iterchildren() if local_name(child) == "body"]
    books = [body for body in bodies if (body.get("name") or "").casefold() not in NOTES_BODIES] or bodies[:1]
    in_books = set(map(id, books))
    _type_marks(books, [body for body in bodies if id(body) not in in_books])
    title_info = _first(root, ("description", "title-info"))
    book_title = _first(title_info, ("book-title",)) if title_info is not None else None
    title = _text(book_title) if book_title is not None else None
    if not title and books:
        body_title = _first(books[0], ("title",))
        title = _joined(body_title) if body_title is not None else None
    titled = any(local_name(part) == "title" and part.getparent() is not body for body in books for part in body.iter())
    bold_headings = set() if titled else _bold_headings(books)
    blocks = [block for body in books for block in _blocks(body, bold_headings)]
    return story_text(title, book_matter_left_out(blocks, title), _author(title_info))


def _is_book(name: str) -> bool:
    """A .fb2 file in the zip, not a hidden one (macOS's zip adds "__MACOSX/._book.fb2" beside each file)."""
    base = name.rpartition("/")[2]
    return base.lower().endswith(".fb2") and not base.startswith(".") and not name.startswith("__MACOSX/")


class Fb2Reader:
    suffixes = (".fb2",)
    name = FORMAT_NAME

    def read(self, raw: bytes) -> StoryText:
        return read_fb2(raw)


class ZippedFb2Reader:
    suffixes = (".fb2.zip",)
    name = "FictionBook (.fb2.zip)"

    def read(self, raw: bytes) -> StoryText:
        archive = SafeZip(raw, self.name)
        books = sorted(name for name in archive.names() if _is_book(name))
        if len(books) != 1:
            raise StoryRefused(Refusal(cause=Cause.FB2_COUNT, count=len(books)))
        return read_fb2(archive.read(books[0]), books[0])
