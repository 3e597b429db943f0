"""Rich Text (`.rtf`: WordPad, TextEdit, Scrivener, Word and LibreOffice), read by a small tokenizer of its own.

No library on PyPI reads RTF in time linear in its size: striprtf runs regular expressions over the whole
file that rescan it from every field and every font (8,000 empty fields took 6.5 s, four times what 4,000
took), and rtfparse (made for e-mail bodies) reads groups by recursion and brings an Outlook library along.
RTF's grammar is small: control words (`\\par`, `\\f1`, `\\u1052`), control symbols (`\\'e9`, `\\~`), groups
in braces, and text. One regular expression takes one token at a time, each of its alternatives bounded
(a control word has at most 32 letters and 10 digits) or a run of plain bytes, so a file is read in one
pass; groups are a stack, not recursion, and may nest 1,024 deep; `\\binN` data is jumped over.

Paragraphs end at `\\par` (and table cells at `\\cell`, a row of a paragraph a cell one passage at `\\row`:
_row_noted; Calibre's tables, written as text: _cells_apart). The title is the `\\info` group's `\\title`, else the
first paragraph in the Title style, else a first paragraph centered in larger type than the next, a centered
author's line (pandoc's title; one that reads as a chapter's, "Prologue", too where no later paragraph is centered
as large), and a "by" line naming `\\author`, or pandoc's author's line under its title, is left out; paragraphs in
Heading styles (by the style sheet's names) or with an outline level name chapters, and so do paragraphs in a
template's own styles named for chapters ("Chapter Number" over "Chapter Title": "ONE: The Hut") where the document
uses them as headings (styles.chapter_styled), and those in the Title style where two or more hold text
(styles.titled_chapters: the first may be the title), as in Word's and OpenDocument's; a drop cap's letter
(`\\dropcapt`) is read into the word it opens.
Text is decoded by the document's code page (`\\ansicpg`) or its font's (`\\fcharset`: Russian Word files set
Cyrillic fonts in a Western code page), and `\\uN` characters are read with their `\\ucN` fallbacks skipped; text in
the font named Symbol is read as its glyphs (symbol_font.py). Left out, as from Word documents: the font, colour and
style tables, pictures and objects, headers and footers, footnotes, comments, fields' instructions (their results
are read), list numbers, text boxes and hidden text (`\\v`). A book's matter where nothing marks it (its copyright
notice before the first chapter, "About the Author" at its end) is left out as an EPUB's is: book_matter.py.
"""

from __future__ import annotations

import codecs
import itertools
import re
from enum import Enum
from typing import NamedTuple

from bot.core.readers.book_matter import book_matter_left_out
from bot.core.readers.chapter_lines import is_chapter_line
from bot.core.readers.reader import Block, StoryText, joined_row, story_text
from bot.core.readers.styles import (
    StyleRole,
    chapter_styled,
    heading_level,
    outline_heading_level,
    style_role,
    titled_chapters,
)
from bot.core.readers.symbol_font import PRIVATE_USE_START, is_symbol_font, symbol_character
from bot.core.readers.text import is_title_line
from bot.core.skipped import Cause, Refusal, StoryRefused

MAX_DEPTH = 1024
"""Groups nested deeper than this are no document (word processors nest a few dozen deep)."""
DEFAULT_CODE_PAGE = "cp1252"
DEFAULT_SIZE = 24
"""RTF's type size where none is set: 12 points (\\fs24)."""
_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?[0-9]{1,10})? ?"  # a control word, its number, the space that ends it
    rb"|\\'([0-9a-fA-F]{2})"  # a byte of text in the code page
    rb"|\\([^a-zA-Z])"  # a control symbol (\~, \{, \*, a line end)
    rb"|([{}])"
    rb"|[\r\n]+"  # line ends are not text
    rb"|([^\\{}\r\n]+)"  # text, in the code page
    rb"|\\",  # a backslash at the very end
    re.DOTALL,
)


_START = re.compile(rb"\s*\{\\rtf")


TITLE_BLOCK_LINES = 4
"""Lines pandoc's title block may hold under its first author's: more authors, and the date."""


class Destination(Enum):
    """Where a group's text goes."""

    TEXT = "text"
    SKIPPED = "skipped"
    FONTS = "fonts"
    STYLES = "styles"
    STYLE = "style"
    """One entry of the style sheet: its text is the style's name."""
    INFO = "info"
    TITLE = "title"
    AUTHOR = "author"


_DESTINATIONS = {b"fonttbl": Destination.FONTS, b"stylesheet": Destination.STYLES, b"info": Destination.INFO}
_INFO_FIELDS = {b"title": Destination.TITLE, b"author": Destination.AUTHOR}
_TABLES = (b"colortbl", b"listtable", b"listoverridetable", b"revtbl", b"rsidtbl", b"pgdsctbl", b"xmlnstbl", b"filetbl")
_DOCUMENT_DATA = (b"generator", b"latentstyles", b"themedata", b"colorschememapping", b"datastore", b"userprops")
_PICTURES = (b"pict", b"object", b"objdata", b"nonshppict", b"shppict", b"shp", b"shpinst", b"do", b"background")
_MARGINS = (b"header", b"headerl", b"headerr", b"headerf", b"footer", b"footerl", b"footerr", b"footerf")
_NOTES = (b"footnote", b"ftnsep", b"ftnsepc", b"ftncn", b"aftnsep", b"aftnsepc", b"aftncn", b"annotation")
_MARKS = (b"fldinst", b"xe", b"tc", b"tcn", b"txe", b"rxe", b"bkmkstart", b"bkmkend", b"docvar", b"template")
_NUMBERS = (b"pn", b"pntext", b"pntxta", b"pntxtb", b"listtext")
_FONT_DATA = (b"falt", b"panose", b"fontemb", b"fontfile")
_SKIPPED = frozenset((*_TABLES, *_DOCUMENT_DATA, *_PICTURES, *_MARGINS, *_NOTES, *_MARKS, *_NUMBERS, *_FONT_DATA))
"""Destinations that are not text: tables, pictures and shapes (text boxes too), headers and footers, notes and
comments, fields' instructions, index and contents entries, bookmarks, list numbers. The `{\\*\\...}` ones, which a
reader may skip, are all skipped."""
_CHARACTERS = {
    b"line": "\n",
    b"tab": "\t",
    b"emdash": "\u2014",
    b"endash": "\u2013",
    b"emspace": "\u2003",
    b"enspace": "\u2002",
    b"qmspace": "\u2005",
    b"bullet": "\u2022",
    b"lquote": "\u2018",
    b"rquote": "\u2019",
    b"ldblquote": "\u201c",
    b"rdblquote": "\u201d",
    b"page": " ",
}
_SYMBOLS = {b"~": "\xa0", b"_": "-", b"{": "{", b"}": "}", b"\\": "\\"}
"""Control symbols that are characters; `\\-` (an optional hyphen) is none."""
_STYLE_KINDS = frozenset((b"s", b"cs", b"ds", b"ts"))
"""How a style sheet's entry says what it styles: \\s paragraphs (the only ones that matter here)."""
_PARAGRAPH_ENDS = frozenset((b"par", b"sect", b"cell", b"nestcell", b"row", b"nestrow"))
_LINE_ENDS = (b"\n", b"\r")
"""A backslash before a line end is a \\par."""
_CODE_PAGES = {b"ansi": "cp1252", b"mac": "mac_roman", b"pc": "cp437", b"pca": "cp850"}
_CHARSETS = {
    77: "mac_roman",
    128: "cp932",
    129: "cp949",
    130: "johab",
    134: "cp936",
    136: "cp950",
    161: "cp1253",
    162: "cp1254",
    163: "cp1258",
    177: "cp1255",
    178: "cp1256",
    186: "cp1257",
    204: "cp1251",
    222: "cp874",
    238: "cp1250",
    254: "cp437",
    255: "cp850",
}
"""A font's `\\fcharset` as a code page; those not here (0 and 1, ANSI and default) use the document's."""
_ALIGNMENTS = frozenset((b"qc", b"ql", b"qr", b"qj", b"qd"))
_SETTINGS = frozenset(
    (
        *(b"uc", b"f", b"plain", b"pard", b"s", b"outlinelevel", b"deff", b"ansicpg", b"ansi", b"mac", b"pc", b"pca"),
        *(b"fs", b"b", b"v", b"deleted", b"dropcapt", b"intbl", *_ALIGNMENTS),
    )
)
_MEANINGFUL = frozenset((*_SKIPPED, *_DESTINATIONS, b"u", b"upr", *_CHARACTERS, *_PARAGRAPH_ENDS, *_SETTINGS))
"""The control words that matter in the text; the others (type, colour, spacing, borders) are passed over."""


class Group(NamedTuple):
    """What a group sets, which its end restores."""

    destination: Destination
    unicode_skip: int = 1
    """\\ucN: how many characters stand after a \\uN for readers that lack it."""
    font: int | None = None
    style: int = 0
    outline: int | None = None
    size: int = DEFAULT_SIZE
    """\\fsN: the type's size in half points."""
    centered: bool = False
    hidden: bool = False
    """\\v (to \\v0 or the group's end): hidden text, which WordPad, Word and LibreOffice never show or print."""
    deleted: bool = False
    """\\deleted: what Track Changes deleted, which Word and LibreOffice write so and show struck out until the change
    is accepted: the text as it stands is without it, as the Word and OpenDocument readers read theirs."""
    drop_cap: bool = False
    """\\dropcaptN (1 dropped, 2 in the margin; to \\pard): the paragraph is a drop cap's letter in its frame, which
    Word's Insert > Drop Cap sets apart from the rest of its word, opening the next paragraph."""
    in_table: bool = False
    """\\intbl (to \\pard): the paragraph stands in a table's cell."""
    unicode_version: Destination | None = None
    """In an \\upr group (text said twice, in the code page, then in Unicode in its {\\*\\ud} group): where the
    Unicode version's text goes; the code page's is skipped."""


def _code_page(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class _Document:
    """One file's reading: the groups open, the tables read so far, the paragraphs."""

    def __init__(self) -> None:
        self.group = Group(Destination.TEXT)
        self.open: list[Group] = []
        self.code_page = DEFAULT_CODE_PAGE
        self.default_font: int | None = None
        self.font_code_pages: dict[int, str] = {}
        self.font_entry = 0
        self.style_names: dict[int, str] = {}
        self.style_entry: int | None = 0
        self.bytes = bytearray()
        """Text bytes not yet decoded: a character of a two-byte code page may come as two \\'hh."""
        self.unicode_skip = 0
        """Fallback characters still to skip after a \\uN."""
        self.parts: dict[Destination, list[str]] = {
            Destination.TEXT: [],
            Destination.STYLE: [],
            Destination.TITLE: [],
            Destination.AUTHOR: [],
            Destination.FONTS: [],
        }
        self.symbol_fonts: set[int] = set()
        """The fonts named Symbol (symbol_font.py): their bytes and private-use characters are its glyphs."""
        self.blocks: list[Block] = []
        self.styled: dict[int, str] = {}
        """The style of each block of text in one the style sheet names, by its place (chapter_styled)."""
        self.titled: list[tuple[int, str]] = []
        """Each paragraph in the Title style, by the place in `blocks` it stands before: the title, or chapters'
        headings (styles.titled_chapters)."""
        self.title_paragraph: str | None = None
        self.opening: tuple[str, int] | None = None
        """The document's first paragraph and its type's size, when it is centered and no heading: pandoc's title."""
        self.opening_title: str | None = None
        self.opening_closed = False
        self.opening_chapter = False
        self.author_line: str | None = None
        """The centered line under pandoc's title, in smaller type: its author's name, or a subtitle."""
        self.author_size = 0
        self.more_lines: list[str] = []
        """Centered lines under that one, in its type: pandoc's further authors and its date."""
        self.title_block_rest: tuple[str, ...] = ()
        """Those lines, where the empty paragraph that ends pandoc's title block follows them: no passages."""
        self.title_block_ended = False
        """An empty paragraph came after the title's second line: centered lines after it are the story's (an
        epigraph), not more authors' or the date."""
        self.opening_author: str | None = None
        """That line, where the empty paragraph that ends pandoc's title block follows it."""
        """The opening paragraph reads as a chapter's line ("Prologue", "Chapter One"): pandoc's title of a story so
        titled, unless a later paragraph is centered as large, as a manuscript's chapters are."""
        """An empty paragraph came after the opening one: pandoc's title block ends so, with no author under it."""
        self.paragraphs = 0
        self.row_start = 0
        """Where the table row the text may be in begins in `blocks`: after the last `\\row`, or a paragraph outside
        a table."""
        self.row_flat = True
        """Whether that row's cells have each held one paragraph so far (_row_noted)."""
        self.drop_cap: str | None = None
        """A drop cap's letter, to be put before the next paragraph's text (Group.drop_cap)."""
        self.bare_level: int | None = None
        """In Calibre's RTF, how many groups are open around its paragraph groups (`{<tab>`): text at that depth
        stands in no paragraph (a caption, a table's cells)."""
        self.cells: list[tuple[int, int]] = []
        """The groups opened and closed at the bare level since the last paragraph: where their text stands in
        `parts[TEXT]`, from and to."""
        self.cell_opened: int | None = None
        """Where in `parts[TEXT]` the group open at the bare level began."""
        self.cell_set = False
        """Whether that group set its text bold or aligned before any of it, as Calibre sets a table's cell (a
        header's, or one aligned by the book's style); a word in italics in a caption is none."""

    def read(self, raw: bytes) -> StoryText:
        position, ended = 0, False
        while not ended:
            for match in _TOKEN.finditer(raw, position):
                word, number, byte, symbol, brace, text = match.groups()
                if text is not None:
                    if (
                        text == b"\t"
                        and raw[match.start() - 1 : match.start()] == b"{"
                        and raw.startswith(_LINE_ENDS, match.end())
                    ):
                        self._paragraph_opened()
                    self._text(text)
                    continue
                if byte is not None:
                    self._text(bytes((int(byte, 16),)))
                    continue
                if self.bytes:
                    self._decode()
                if brace == b"{":
                    self._open()
                elif brace == b"}":
                    ended = self._close()
                    if ended:
                        break
                elif symbol is not None:
                    self._symbol(symbol)
                elif word == b"bin":
                    position = match.end() + max(int(number or 0), 0)
                    if position > len(raw):
                        raise StoryRefused(Refusal(cause=Cause.RTF_DATA_SHORT))
                    break  # the tokens go on after the data
                elif word is not None and (
                    word in _MEANINGFUL or self.unicode_skip or self.group.destination is not Destination.TEXT
                ):
                    self._word(word, None if number is None else int(number))
            else:
                if self.open:
                    raise StoryRefused(Refusal(cause=Cause.RTF_UNCLOSED, count=len(self.open)))
                ended = True
        self._paragraph_end()
        self._drop_cap_alone()
        self._title_styled()
        self.blocks = chapter_styled(self.blocks, self.styled)
        title = _joined(self.parts[Destination.TITLE]) or self.title_paragraph or self.opening_title
        author = _joined(self.parts[Destination.AUTHOR]) or self.opening_author or None
        return story_text(title, book_matter_left_out(self._without_title_block(), title), author)

    def _title_styled(self) -> None:
        """The paragraphs in the Title style put where they stand, as a Word document's are: chapters' headings
        where two or more hold text (styles.titled_chapters), the first of the others the title. All but the first
        were dropped, and with them every chapter's name a writer set in Title."""
        at = 0  # the next of `titled`
        read: list[tuple[StyleRole, str, Block | None]] = []  # each paragraph's role, text and block, titled or not
        for place, block in enumerate([*self.blocks, None]):
            while at < len(self.titled) and self.titled[at][0] == place:
                read.append((StyleRole.TITLE, self.titled[at][1], None))
                at += 1
            if block is not None:
                read.append((StyleRole.HEADING if block.heading else StyleRole.TEXT, block.text, block))
        chapters = set(titled_chapters([role for role, _, _ in read], [text for _, text, _ in read]))
        blocks: list[Block] = []
        styled: dict[int, str] = {}
        place = 0  # of the block in `blocks` before now
        for number, (_, text, block) in enumerate(read):
            if block is not None:
                if place in self.styled:
                    styled[len(blocks)] = self.styled[place]
                blocks.append(block)
                place += 1
            elif number in chapters:
                blocks.append(Block(text, heading=True, level=1))
            else:
                self.title_paragraph = self.title_paragraph or text
        self.blocks, self.styled = blocks, styled

    def _without_title_block(self) -> list[Block]:
        """The blocks less pandoc's title block's further lines (title_block_rest), which stand right after its
        title and first author's line."""
        rest = list(self.title_block_rest)
        if not rest:
            return self.blocks
        opening = len(rest) + 2
        kept = [b for n, b in enumerate(self.blocks) if n >= opening or " ".join(b.text.split()) not in rest]
        return kept

    def _paragraph_opened(self) -> None:
        """A group that opens with a tab alone on its line is Calibre's paragraph (its RTF writer opens each `<p>`
        and `<li>` so: `{<tab>`, a line end, the text, `\\par\\pard\\plain\\hyphpar}`): text before it that no
        \\par ended is a paragraph of its own. Calibre ends no figure's caption and no table so ("The lamp of
        chapter 3", the cells), and they ran into the next paragraph. Word, LibreOffice and pandoc write a tab as
        `\\tab`, never as the character."""
        if self.group.destination is not Destination.TEXT:
            return
        self.cell_opened = None  # this group is a paragraph, no cell
        if self.bytes.strip() or any(part.strip() for part in self.parts[Destination.TEXT]):
            self._paragraph_end()
        else:  # only white space so far, which no paragraph keeps: looked at once
            self.parts[Destination.TEXT].clear()
            self.cells.clear()
        self.bare_level = len(self.open) - 1

    def _open(self) -> None:
        if len(self.open) >= MAX_DEPTH:
            raise StoryRefused(Refusal(cause=Cause.RTF_TOO_DEEP, most=MAX_DEPTH))
        if len(self.open) == self.bare_level and self.group.destination is Destination.TEXT:
            self.cell_opened = len(self.parts[Destination.TEXT])
            self.cell_set = False
        self.open.append(self.group)
        self.unicode_skip = 0
        if self.group.destination is Destination.STYLES:
            self.group = self.group._replace(destination=Destination.STYLE)
            self.style_entry = 0
            self.parts[Destination.STYLE].clear()

    def _close(self) -> bool:
        """Ends a group; True when it was the document's."""
        self.unicode_skip = 0
        if not self.open:
            return True
        closed, self.group = self.group, self.open.pop()
        if self.bare_level is not None and len(self.open) <= self.bare_level:
            self.bare_level = len(self.open)  # out of a group that held Calibre's paragraphs (a styled <div>)
            if self.cell_opened is not None and closed.destination is Destination.SKIPPED:
                self.cell_opened = None  # a picture outside paragraphs (Calibre's figure): what came before ends
                self._paragraph_end()
            elif self.cell_opened is not None:
                if self.cell_set:
                    self.cells.append((self.cell_opened, len(self.parts[Destination.TEXT])))
                self.cell_opened = None
        if closed.destination is Destination.FONTS:
            self._font_named()
        if closed.destination is Destination.STYLE and self.group.destination is Destination.STYLES:
            name = _joined(self.parts[Destination.STYLE]).rstrip(";").strip()
            if self.style_entry is not None and name:
                self.style_names[self.style_entry] = name
        return not self.open

    def _text(self, data: bytes) -> None:
        if self.group.destination is Destination.SKIPPED:
            return
        if self.unicode_skip:
            skipped = min(self.unicode_skip, len(data))
            self.unicode_skip -= skipped
            data = data[skipped:]
        self.bytes += data

    def _decode(self) -> None:
        font = self._font()
        if font in self.symbol_fonts and self.group.destination is Destination.TEXT:
            self._emit("".join(symbol_character(byte) or " " for byte in self.bytes))
            self.bytes.clear()
            return
        code_page = self.font_code_pages.get(font, self.code_page) if font is not None else self.code_page
        self._emit(self.bytes.decode(code_page, "replace"))
        self.bytes.clear()

    def _font(self) -> int | None:
        return self.group.font if self.group.font is not None else self.default_font

    def _emit(self, text: str) -> None:
        """Adds text to the group's destination; hidden text is no story text (an author's note to self was quoted in
        answers), nor is a tracked deletion, though a style sheet's entry set hidden keeps its name."""
        destination = self.group.destination
        parts = self.parts.get(destination)
        shown = not (self.group.hidden or self.group.deleted)
        if parts is not None and (shown or destination is not Destination.TEXT):
            parts.append(text)

    def _symbol(self, symbol: bytes) -> None:
        destination = self.group.destination
        if destination is Destination.SKIPPED:
            return
        if symbol == b"*":  # a destination that a reader which does not know it skips
            self.group = self.group._replace(destination=Destination.SKIPPED)
        elif self.unicode_skip:
            self.unicode_skip -= 1
        elif symbol in _LINE_ENDS and destination is Destination.TEXT:
            self._paragraph_end()
            self._row_noted(b"par")
        elif symbol in _SYMBOLS:
            self._emit(_SYMBOLS[symbol])

    def _word(self, word: bytes, number: int | None) -> None:
        group = self.group
        destination = group.destination
        if destination is Destination.SKIPPED:
            if word == b"ud" and group.unicode_version is not None:
                self.group = group._replace(destination=group.unicode_version, unicode_version=None)
            return
        if self.unicode_skip:  # a control word stands for one character of a \uN's fallback too
            self.unicode_skip -= 1
            return
        if word == b"upr":
            self.group = group._replace(destination=Destination.SKIPPED, unicode_version=destination)
        elif word in _SKIPPED:
            self.group = group._replace(destination=Destination.SKIPPED)
        elif word in _DESTINATIONS:
            self.group = group._replace(destination=_DESTINATIONS[word])
        elif destination is Destination.INFO:
            self.group = group._replace(destination=_INFO_FIELDS.get(word, Destination.SKIPPED))
        elif destination is Destination.FONTS:
            self._font_word(word, number)
        elif destination is Destination.STYLE and word in _STYLE_KINDS:
            self.style_entry = (number or 0) if word == b"s" else None  # a character, section or table style: None
        elif word == b"u" and number is not None:
            code = number % 0x10000  # a negative number is a character over 32767
            symbol = symbol_character(code) if code >= PRIVATE_USE_START and self._font() in self.symbol_fonts else None
            self._emit(symbol or chr(code))
            self.unicode_skip = group.unicode_skip
        elif word in _CHARACTERS:
            self._emit(_CHARACTERS[word])
        elif word in _PARAGRAPH_ENDS:
            if destination is Destination.TEXT:
                self._paragraph_end()
                self._row_noted(word)
        else:
            self._setting(word, number)

    def _font_word(self, word: bytes, number: int | None) -> None:
        if word == b"f":
            self._font_named()
            self.font_entry = number or 0
        elif word == b"fcharset" and number in _CHARSETS:
            self.font_code_pages[self.font_entry] = _CHARSETS[number]
        elif word == b"cpg" and number is not None:
            code_page = _code_page(f"cp{number}")
            if code_page:
                self.font_code_pages[self.font_entry] = code_page

    def _font_named(self) -> None:
        """Notes the font table's entry whose name has been read (up to its ";") if it is the Symbol font."""
        name = _joined(self.parts[Destination.FONTS]).split(";")[0]
        if is_symbol_font(name):
            self.symbol_fonts.add(self.font_entry)
        self.parts[Destination.FONTS].clear()

    def _setting(self, word: bytes, number: int | None) -> None:
        """A control word that changes how what follows reads."""
        group = self.group
        if (
            (word in _ALIGNMENTS or (word == b"b" and number != 0))
            and self.cell_opened is not None
            and len(self.parts[Destination.TEXT]) == self.cell_opened
            and not self.bytes
        ):
            self.cell_set = True
        if word == b"uc":
            self.group = group._replace(unicode_skip=max(number or 0, 0))
        elif word == b"f":
            self.group = group._replace(font=number or 0)
        elif word == b"plain":
            self.group = group._replace(font=None, size=DEFAULT_SIZE, hidden=False, deleted=False)
        elif word == b"pard":
            self.group = group._replace(style=0, outline=None, centered=False, drop_cap=False, in_table=False)
        elif word == b"intbl":
            self.group = group._replace(in_table=number != 0)
        elif word == b"dropcapt":
            self.group = group._replace(drop_cap=number in (1, 2))
        elif word in _ALIGNMENTS:
            self.group = group._replace(centered=word == b"qc")
        elif word == b"v":
            self.group = group._replace(hidden=number != 0)
        elif word == b"deleted":
            self.group = group._replace(deleted=number != 0)
        elif word == b"fs":
            self.group = group._replace(size=number if number and number > 0 else DEFAULT_SIZE)
        elif word == b"s":
            self.group = group._replace(style=number or 0)
        elif word == b"outlinelevel":
            self.group = group._replace(outline=number)
        elif word == b"deff":
            self.default_font = number or 0
        elif word == b"ansicpg" and number is not None:
            self.code_page = _code_page(f"cp{number}") or self.code_page
        elif word in _CODE_PAGES:
            self.code_page = _CODE_PAGES[word]

    def _paragraph_end(self) -> None:
        if self.bytes:
            self._decode()
        parts = self.parts[Destination.TEXT]
        cells, opened = self.cells, self.cell_opened
        self.cells, self.cell_opened = [], None
        if not parts:
            self._blank_paragraph()
            return
        if cells or opened:
            before = _cells_apart(parts, cells, len(parts) if opened is None else opened)
            if opened is None:
                before, parts[:] = before[:-1], [before[-1]] if before else []
            else:
                del parts[:opened]
            for cell in before:
                self._opening_title(cell, heading=False)
                self.blocks.append(Block(cell))
        text = _joined(parts)
        parts.clear()
        if not text.strip():
            self._blank_paragraph()
            return
        style = self.style_names.get(self.group.style, "")
        role = style_role(style)
        if role is StyleRole.TITLE:
            self.titled.append((len(self.blocks), text))
        elif role is not StyleRole.LEFT_OUT:
            outlined = outline_heading_level(self.group.outline)
            heading = role is StyleRole.HEADING or outlined is not None
            text = self._after_drop_cap(text, heading)
            if not heading and self.group.drop_cap:
                self.drop_cap = text.strip()
                return
            self._opening_title(text, heading)
            level = outlined if outlined is not None else heading_level(style) if heading else None
            if style and not heading:
                self.styled[len(self.blocks)] = style
            self.blocks.append(Block(text, heading, level))

    def _row_noted(self, end: bytes) -> None:
        """Notes a paragraph's end for the table row it may end (`end` the control word that ended it): a row whose
        cells each ended at `\\cell` with one paragraph, no `\\par` in them and no table in them, is read as one
        passage at its `\\row` (joined_row), as a web page's is; each cell a passage, "Wren" was read apart from
        "Berit", its captain. A row whose cells hold several paragraphs is read as before."""
        if end == b"row" and self.row_flat:
            cells = self.blocks[self.row_start :]
            # a heading, or a chapter's line typed in a table set out for layout ("Chapter One" | text), stays apart
            if len(cells) > 1 and not any(cell.heading or is_chapter_line(cell.text.strip()) for cell in cells):
                self.blocks[self.row_start :] = [
                    Block(joined_row([(" ".join(cell.text.split()), False) for cell in cells]))
                ]
        if end in (b"nestcell", b"nestrow") or (end not in (b"cell", b"row") and self.group.in_table):
            self.row_flat = False  # a cell of several paragraphs, or a table in it
        elif end != b"cell":
            self.row_start, self.row_flat = len(self.blocks), True

    def _after_drop_cap(self, text: str, heading: bool) -> str:
        """The paragraph's text with the drop cap before it put before it, with no space: "I" and "ngrid lived in a
        hut" were two paragraphs, and an "I" a chapter where chapters are typed. A drop cap before a heading or
        another drop cap, opening no text, is a paragraph of its own (_drop_cap_alone)."""
        if self.drop_cap is None:
            return text
        if heading or self.group.drop_cap:
            self._drop_cap_alone()
            return text
        text, self.drop_cap = self.drop_cap + text, None
        return text

    def _drop_cap_alone(self) -> None:
        """The drop cap waiting for its text, as a paragraph of its own: it opens none."""
        if self.drop_cap is not None:
            self._opening_title(self.drop_cap, heading=False)
            self.blocks.append(Block(self.drop_cap))
            self.drop_cap = None

    def _opening_title(self, text: str, heading: bool) -> None:
        """Notes the title pandoc writes, with no \\info and no style sheet: the document's first paragraph,
        centered, no heading, in larger type than the paragraph after it (the author's name, centered too) and both
        read as a title (is_title_line: short, no sentence). A centered poem in large type is no title: its second line
        is as large; nor is a centered "Chapter 1" over the text, nor a sentence set large ("It was the night of the
        storm."), nor an opening set large over the sentence it begins ("Once upon a time" over "there was a
        keeper..."). With no author, pandoc's title is followed by an empty paragraph, then the story set otherwise
        (not centered, or smaller). A title that reads as a chapter's line ("Prologue", "Chapter One": a story so
        titled) is one in that shape too, unless a later paragraph is centered as large: a manuscript's chapters are
        set so, each over an empty paragraph."""
        self.paragraphs += 1
        line = " ".join(text.split())
        if self.paragraphs == 1:
            if self.group.centered and not heading and (is_title_line(line) or is_chapter_line(line)):
                self.opening = (text, self.group.size)
                self.opening_chapter = not is_title_line(line)
        elif (
            self.opening_chapter
            and self.opening is not None
            and self.group.centered
            and not heading
            and self.group.size >= self.opening[1]
        ):
            self.opening_title = self.opening_author = None  # a manuscript's chapters, each centered as large
            self.opening = None
        elif self.paragraphs > 2 and self.author_line is not None:
            if (
                len(self.more_lines) == self.paragraphs - 3 < TITLE_BLOCK_LINES
                and not self.title_block_ended
                and self.group.centered
                and not heading
                and self.group.size == self.author_size
                and is_title_line(line)
            ):
                self.more_lines.append(line)  # a second author's line, the date's
        elif self.paragraphs != 2 or self.opening is None:
            return
        elif self.opening[1] > self.group.size and self.group.centered and not heading and is_title_line(line):
            self.opening_title, self.author_line = " ".join(self.opening[0].split()), line
            self.author_size = self.group.size
        elif self.opening_closed and (not self.group.centered or self.opening[1] > self.group.size):
            self.opening_title = " ".join(self.opening[0].split())

    def _blank_paragraph(self) -> None:
        """pandoc ends its title block with an empty paragraph, the title's alone where no author or date is given:
        such a title over a story's first paragraph or chapter was a passage, the story named after its file. After
        the author's line under the title, it says that line was the author's ("Ann Example" was the first passage)."""
        if self.paragraphs == 1 and self.opening is not None:
            self.opening_closed = True
        elif self.paragraphs == 2 and self.opening_title is not None:
            self.opening_author = self.author_line
        elif (
            self.more_lines
            and not self.title_block_ended
            and self.paragraphs == 2 + len(self.more_lines)
            and not self.group.centered
        ):
            # pandoc's empty paragraph is set left: a centered poem's stanzas under its title and author are no title
            # block
            self.opening_author, self.title_block_rest = self.author_line, tuple(self.more_lines)
        if self.paragraphs >= 2:
            self.title_block_ended = True


def _cells_apart(parts: list[str], cells: list[tuple[int, int]], end: int) -> list[str]:
    """The text of `parts[:end]` in Calibre's RTF, outside its paragraphs, as paragraphs: each cell of a table apart.
    Its RTF writer knows no tables (rtfml.py: "TODO: Tables"): it writes a cell's text as it stands, a space apart
    from the next, a header cell (bold) or a cell aligned by the book's style as a group of its own (`{\\b Name}
    {\\b Town} Sophie Riga`). A group set bold or aligned before its text (_Document.cell_set), next to another, white
    space alone between them, is a cell; the text around (a caption, a row of plain cells, a word set in italics
    within it, a caption's label in bold before its title in italics) stays one paragraph: nothing in the file tells
    plain cells apart."""
    pieces: list[tuple[str, bool]] = []  # (text, a group's)
    at = 0
    for begin, finish in cells:
        if finish > end:
            break
        pieces += [(_joined(parts[at:begin]), False), (_joined(parts[begin:finish]), True)]
        at = finish
    pieces.append((_joined(parts[at:end]), False))
    said = [n for n, (text, _) in enumerate(pieces) if text.strip()]
    apart: set[int] = set()
    for first, second in itertools.pairwise(said):
        if pieces[first][1] and pieces[second][1]:
            apart.update((first, second))
    paragraphs: list[str] = []
    run: list[str] = []
    for n, (text, _) in enumerate(pieces):
        if n in apart:
            paragraphs += ["".join(run), text]
            run = []
        else:
            run.append(text)
    paragraphs.append("".join(run))
    return [paragraph for paragraph in paragraphs if paragraph.strip()]


def _joined(parts: list[str]) -> str:
    """The text of these parts; a character beyond U+FFFF came as two \\uN halves (UTF-16), joined here."""
    return "".join(parts).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class RtfReader:
    suffixes = (".rtf",)
    name = "Rich Text (.rtf)"

    def read(self, raw: bytes) -> StoryText:
        if _START.match(raw) is None:
            raise StoryRefused(Refusal(cause=Cause.NOT_RTF))
        return _Document().read(raw)
