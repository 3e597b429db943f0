"""HTML and XHTML as blocks of text, what the HTML and EPUB readers share, parsed by lxml (libxml2).

libxml2 parses in one pass; the walk over the tree is iterative (no recursion, however deep the nesting).
XML is parsed without loading DTDs and without the network, its own entities expanded by libxml2 within its limits, so
a "billion laughs" file is refused and an external entity reads as nothing rather than gigabytes or a secret file;
HTML's named characters (`&mdash;`, `&rsquo;`, `&nbsp;`), which older EPUBs use under XHTML 1.1's DOCTYPE and no DTD
here defines, are read as the characters they name.
Scripts, styles, navigation, forms, what the page hides (hidden.py), ruby's reading over the words it glosses
(furigana), Gutenberg's license sections and what a <video> or <audio> shows a reader that cannot play it, where it is a
short message saying so (a transcript inside is read), are dropped, and so is a book's matter that is no story text, by
the semantics EPUB 3 (`epub:type`) and DPUB-ARIA (`role="doc-..."`) give it: a table of contents, a copyright page, an
index, footnotes and endnotes with the marks that point to them. A mark without semantics (a link to an anchor whose
text is "12", "[3]" or "*") is dropped too: read into its word it made "sea12", a word no question has; so is a printed
page's number; so is a note without semantics that opens with its number linked back to the link to it (Calibre's
conversion of a Kindle book, Word's web page). Paragraphs that are nothing but links within the book, two or more in
a row, are a contents list, dropped; one alone is read. A table's row is one passage, its cells beside each other (a
play's speaker and speech as "Olof: Will you sell the hut?"), unless its cells hold paragraphs of their own.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from html.entities import html5
from itertools import islice
from types import ModuleType
from typing import TYPE_CHECKING
from urllib.parse import unquote

from bot.core.invisible_characters import shows_text
from bot.core.readers import ao3, fanficfare
from bot.core.readers.chapter_lines import MAX_HEADING_CHARS, joined_heading
from bot.core.readers.hidden import hidden_classes, is_hidden
from bot.core.readers.note_marks import NOTE_MARK, is_raised_mark, text_before, without_symbol_mark
from bot.core.readers.plain_notes import is_backlinked_note
from bot.core.readers.plain_text import as_utf8
from bot.core.readers.reader import SCENE_BREAK, Block, ExtraMissing, joined_row
from bot.core.readers.styles import chapter_styled, class_chapter_name, used_chapter_styles, with_subtitle
from bot.core.skipped import Cause, Refusal, StoryRefused

if TYPE_CHECKING:
    from lxml import html as lxml_html
    from lxml.etree import HTMLParser, XMLParser, _Element

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = HEADING_TAGS | frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
RUBY_READINGS = frozenset({"rt", "rp", "rtc"})
"""Ruby's reading over the words it glosses (Japanese furigana), and the brackets around it for readers without
ruby: the words alone are the text, read into them it broke them ("漢かん字じ" holds no "漢字", and Chinese and
Japanese are indexed as pairs of characters)."""
DROPPED_TAGS = frozenset(
    [
        "head",
        "title",
        "script",
        "style",
        "nav",
        "noscript",
        "noframes",  # what browsers without frames or plugins showed: libxml2 keeps it as raw text, tags and all
        "noembed",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",  # its text is what a reader without it shows: "Your Reading System does not support canvas."
        "button",
        "form",
        "select",
        "textarea",
        *RUBY_READINGS,
    ]
)
MEDIA_TAGS = frozenset({"video", "audio"})
"""Their text is what a reader that cannot play them shows: read when it is the story's (a transcript, a caption),
left out whole when it says the reader cannot play them (_says_unplayable)."""
_UNPLAYABLE = re.compile(
    r"(?:\bnot|n['\u2019]t|\bno longer)[\t\n\r ]++(?:support|play)"
    r"|\bunsupported\b|\b(?:cannot|unable to)[\t\n\r ]++play",
    re.IGNORECASE,
)
"""What a fallback says when it is a message: "Your browser does not support the video tag.", "Your Reading System
does not support (this) video." (IDPF's EPUB 3 samples, a listing of the element's markup after it), "doesn't
support HTML5 video"."""
DROPPED_SEMANTICS = frozenset(
    [
        "toc",
        "landmarks",
        "page-list",
        "loi",
        "lot",
        "index",
        "copyright-page",
        "colophon",
        "imprint",
        "titlepage",
        "halftitlepage",
        "seriespage",
        "cover",
        "other-credits",
        "contributors",
        "errata",
        "footnote",
        "footnotes",
        "endnote",
        "endnotes",
        "rearnote",
        "rearnotes",
        "note",
        "noteref",
        "pagebreak",
    ]
)
"""`epub:type` values (and DPUB-ARIA roles, less their "doc-") of matter that is no story: a question about a chapter
found the contents, which repeat every chapter's name; "who wrote it" the copyright page; a note out of its place.
A foreword, a prologue, an epilogue, a dedication or an epigraph is the book's text and is kept."""
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
UNREAD_CLASSES = frozenset({"footnote", "footnotes", "endnote", "endnotes", "pagenum"})
"""Classes of a note's text and of a printed page's number ("[Pg 12]") where nothing gives semantics: Project
Gutenberg's books, and the EPUBs made of them."""
UNREAD_CLASS_PREFIXES = ("sdfootnote", "sdendnote")
"""LibreOffice's (and OpenOffice's) HTML: a note's text ("sdfootnote", "sdfootnote-western") and its marks."""
WORD_UNREAD_CLASSES = frozenset(
    {"msocomtxt", "MsoCommentText", "msocomanchor", "MsoCommentReference", "msocomoff", "MsoSubtitle"}
)
"""Word's web page (File > Save as > Web Page, Filtered too): a reviewer's comment at the page's end, its paragraphs,
its mark in the text ("[MS1]", a link in a span of that class), and the Subtitle style's paragraph, which the Word
reader leaves out as its style says (styles.py). The comment was read as the last chapter's last passage ("Tomas dies
in chapter three, don't forget"), its mark into the word before it."""
PAGE_NUMBER_CLASSES = frozenset({"pageno", "page-no", "pagenumber", "page-number", "page-num", "pb", "folio"})
"""Other classes of a printed page's number, kept in the text of EPUBs converted from print (scans, Distributed
Proofreaders' and publishers' files): "with<span class="pageno">17</span> the" was read "with17 the". Taken for one
only where the element holds a page's number alone (PAGE_NUMBER): a class is the maker's to name."""
PAGE_NUMBER = re.compile(r"[\[({]?(?:(?:p|pg|page)\.?\s?)?(?:\d{1,5}|[ivxlcdm]{1,8})[\])}]?", re.IGNORECASE)
"""A printed page's number as such a span holds it: "17", "[18]", "p. 21", "{xii}"."""
MARGIN_TITLES = frozenset({"header", "footer"})
"""The `title` LibreOffice's HTML gives the <div> of a page's header and footer (a page number, a running title)."""
BOILERPLATE_IDS = frozenset({"pg-header", "pg-footer", "pg-machine-header", "pg-start-separator", "pg-end-separator"})
MAX_ATTRIBUTES = 256
"""Attributes one HTML tag may have (a page's have a few): libxml2's HTML parser looks for each attribute's name
among the tag's others, in time quadratic in their number (a tag of 40,000 took 2.5 s, one of 500,000 hours)."""
_QUOTED = rb"=[\t\n\f\r ]*+(?:\"[^\"]*+\"?|'[^']*+'?)"
"""An attribute's "=" and its quoted value, which may hold ">" (to the end of the page, if it is never closed)."""
_START_TAG = re.compile(
    rb"(?P<tag><(?:(?P<raw>script|style)(?=[\t\n\f\r />])|[a-z])(?:[^>=]++|" + _QUOTED + rb"|=)*+)"
    rb"(?(raw)(?s:.*?</(?P=raw)|.*+))",
    re.IGNORECASE,
)
"""A start tag as HTML reads it, to its ">"; a script's or style's text after it, where libxml2 reads no tag (a
script's "i<n" is none), is passed over."""
_QUOTED_VALUE = re.compile(_QUOTED)
_ENTITY_REFERENCE = re.compile(rb"&([A-Za-z][A-Za-z0-9]{0,31});")
_DECLARED_ENTITY = re.compile(rb"<!ENTITY[\t\n\r ]+([A-Za-z_][\w.-]{0,31})[\t\n\r ]")
_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY[\t\n\r ]++([A-Za-z_][\w.-]{0,31})[\t\n\r ]++(?:SYSTEM|PUBLIC)[\t\n\r ]")
_NAME_REFERENCE = re.compile(rb"&([A-Za-z_][\w.-]{0,31});")
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^\[>]*+\[", re.IGNORECASE)
_SUBSET_END = re.compile(rb"\][\t\n\r ]*+>")
_SIMPLE_ENTITY = re.compile(
    rb"<!ENTITY[\t\n\r ]++([A-Za-z_][\w.-]{0,31})[\t\n\r ]++(?:\"([^\"&<%]{0,200})\"|'([^'&<%]{0,200})')[\t\n\r ]*+>"
)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
DOCTYPE_WITHIN = 4096
"""Bytes from the page's start within which its DOCTYPE begins (after a byte order mark, an XML declaration,
comments)."""


def lxml_etree(format_name: str) -> ModuleType:
    try:
        from lxml import etree
    except ImportError as error:
        raise ExtraMissing(format_name) from error
    return etree


def parse_html(raw: bytes, format_name: str) -> _Element:
    """An HTML page's tree; raises ValueError for a binary file or one libxml2 cannot read at all."""
    etree = lxml_etree(format_name)
    from lxml import html

    raw = as_utf8(raw)  # a page saved as "Unicode" (UTF-16 with its byte order mark) holds NUL bytes, and is text
    if b"\0" in raw:
        raise StoryRefused(Refusal(cause=Cause.HTML_NUL_BYTES))
    raw = without_internal_subset(raw)
    _require_few_attributes(raw)
    try:
        raw.decode("utf-8")
        encoding: str | None = "utf-8"
    except UnicodeDecodeError:
        raw, encoding = declared_encoding(raw)  # else None: libxml2 follows the page's <meta charset>
    try:
        parser = _html_parser(encoding)
    except LookupError:  # an encoding libxml2 does not know: the page's <meta charset>, or its guess
        parser = _html_parser(None)
    try:
        root = html.document_fromstring(raw, parser=parser)
    except (etree.LxmlError, ValueError) as error:  # "Document is empty", and the like
        raise StoryRefused(Refusal(cause=Cause.NOT_MARKUP, format=format_name, detail=str(error))) from error
    _require_whole(parser)
    return root


def _html_parser(encoding: str | None) -> lxml_html.HTMLParser:
    """libxml2's HTML parser, with huge_tree: elements nested up to 2,048 deep rather than 256 (old pages nest
    unclosed tags that deep)."""
    from lxml import html

    return html.HTMLParser(
        encoding=encoding,
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
        huge_tree=True,
    )


_XML_DECLARATION = re.compile(
    rb"<\?xml[\t\n\r ][^>]{0,200}?(?:encoding[\t\n\r ]*=[\t\n\r ]*[\"']([A-Za-z][\w.:-]{0,39})[\"'][^>]{0,200}?)?\?>"
)


def declared_encoding(raw: bytes) -> tuple[bytes, str | None]:
    """A page that is not UTF-8 without its XML declaration (`<?xml version="1.0" encoding="iso-8859-1"?>`, older
    XHTML's, Project Gutenberg's HTML books'), and the encoding it names, or None. libxml2's HTML parser takes a page
    beginning so for UTF-8, whatever the declaration or the page's <meta> says: "é" was read as U+FFFD. Without the
    declaration, it follows the <meta> as for any page."""
    found = _XML_DECLARATION.match(raw)
    if found is None:
        return raw, None
    return raw[found.end() :], found[1].decode("ascii") if found[1] else None


def without_internal_subset(raw: bytes) -> bytes:
    """An XHTML page's DOCTYPE without its internal subset (`<!DOCTYPE html [<!ENTITY hero "Anatole">]>`), and its
    references to the subset's plain entities (text of at most 200 characters) as their text, as XML reads them:
    libxml2's HTML parser ends a DOCTYPE at its first ">", and read the rest of the subset as the story's first passage
    ("]>"), and "&hero;" as written. A page grown by more than its size is refused (a "billion laughs")."""
    start = _DOCTYPE_SUBSET.search(raw, 0, DOCTYPE_WITHIN)
    end = None if start is None else _SUBSET_END.search(raw, start.end())
    if start is None or end is None:
        return raw
    found = _SIMPLE_ENTITY.finditer(raw, start.end(), end.start())
    values = {entity[1]: entity[2] if entity[2] is not None else entity[3] for entity in found}
    page = raw[: start.end() - 1].rstrip() + b">" + raw[end.end() :]
    grown = 0

    def text(reference: re.Match[bytes]) -> bytes:
        nonlocal grown
        value = values.get(reference[1])
        if value is None:
            return reference[0]
        grown += len(value)
        if grown > len(raw):
            raise StoryRefused(Refusal(cause=Cause.ENTITY_EXPANSION))
        return value.replace(b'"', b"&quot;")  # it may stand in an attribute's value

    return _ENTITY_REFERENCE.sub(text, page) if values else page


def _require_few_attributes(raw: bytes) -> None:
    """Raises ValueError for a tag of over MAX_ATTRIBUTES attributes of different names, found in time linear in the
    page: only a tag long enough to hold that many is looked into, and its different words (quoted values taken out)
    are never fewer than the names libxml2 finds in it. A name said again costs it nothing: it is found first."""
    for found in _START_TAG.finditer(raw):
        tag = found["tag"]
        if len(tag) > 2 * MAX_ATTRIBUTES:
            words = set(_QUOTED_VALUE.sub(b"= ", tag).replace(b"/", b" ").split()[1:])  # not the tag's name
            if len(words) > MAX_ATTRIBUTES:
                raise StoryRefused(Refusal(cause=Cause.TOO_MANY_ATTRIBUTES, most=MAX_ATTRIBUTES))


def parse_xml(raw: bytes, format_name: str, name: str | None = None) -> _Element:
    """An XML document's tree, parsed safely (above); raises ValueError when nothing can be read.

    `name`: the part of an archive it is, in messages; None for a file that is one XML document."""
    etree = lxml_etree(format_name)
    parser = etree.XMLParser(
        resolve_entities="internal",  # within libxml2's limit on their expansion (refused past it: _require_whole)
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
    )
    try:
        root = etree.fromstring(html_characters(without_external_entities(raw)), parser)
    except etree.XMLSyntaxError as error:
        raise StoryRefused(Refusal(cause=Cause.NOT_XML, name=name or "", detail=str(error))) from error
    if root is None:
        raise StoryRefused(Refusal(cause=Cause.NOT_XML, name=name or ""))
    _require_whole(parser)
    return root


def html_characters(raw: bytes) -> bytes:
    """The XML with each reference to one of HTML's named characters that the document does not declare itself
    (`&mdash;`, `&rsquo;`, `&nbsp;`) written as the character's number, which XML reads without a DTD: an EPUB page
    under XHTML 1.1's DOCTYPE, whose DTD defines them and is never loaded, lost them ("rye&mdash;all" read "ryeall",
    "Don&rsquo;t&nbsp;stop" "Dontstop"). Two passes over the bytes; UTF-16 text is left as it is."""
    if b"&" not in raw:
        return raw
    declared = _XML_ENTITIES | set(_DECLARED_ENTITY.findall(raw))

    def numbered(found: re.Match[bytes]) -> bytes:
        name = found.group(1)
        text = None if name in declared else html5.get(name.decode("ascii") + ";")
        return found.group() if text is None else b"".join(b"&#%d;" % ord(character) for character in text)

    return _ENTITY_REFERENCE.sub(numbered, raw)


def without_external_entities(raw: bytes) -> bytes:
    """The XML without its references to the entities it declares external (`<!ENTITY secret SYSTEM "file://...">`),
    which are never fetched: libxml2 2.14 (lxml 6) takes one it does not load for undeclared and, recovering, drops
    the rest of the document after it, every chapter lost in silence; older ones read on without it."""
    if b"<!ENTITY" not in raw:
        return raw
    external = set(_EXTERNAL_ENTITY.findall(raw))
    if not external:
        return raw
    return _NAME_REFERENCE.sub(lambda found: b"" if found.group(1) in external else found.group(), raw)


def _require_whole(parser: XMLParser[_Element] | HTMLParser[_Element]) -> None:
    """Raises ValueError when libxml2 stopped building the tree at one of its limits (elements nested deeper
    than it takes, XML text over 10 MB in one piece such as an image packed in a FictionBook, or an entity
    that would expand to far more than the file: a "billion laughs", even unexpanded): it keeps what came
    before, and the rest would be lost in silence."""
    for error in parser.error_log:
        if error.type_name != "ERR_RESOURCE_LIMIT":
            continue
        if error.message.startswith("Excessive depth"):
            raise StoryRefused(Refusal(cause=Cause.NESTED_TOO_DEEP, detail=error.message))
        if "amplification" in error.message:
            raise StoryRefused(Refusal(cause=Cause.ENTITY_EXPANSION))
        raise StoryRefused(Refusal(cause=Cause.PIECE_TOO_LARGE, detail=error.message))


def local_name(element: _Element) -> str:
    """The tag without its namespace, lower case ("" for comments and the like)."""
    tag = element.tag
    return tag.rpartition("}")[2].lower() if isinstance(tag, str) else ""


def text_of(element: _Element) -> str:
    return " ".join("".join(element.itertext()).split())


Place = tuple[str, str]
"""Where a link points or an element stands: (page, id), the page a path in the book ("" for a lone web page)."""


def place_of(page: str, href: str) -> Place:
    """The place a link within the book in `page` points at: "#n1" within the page, "notes.html#n1" beside it."""
    target, _, fragment = href.strip().partition("#")
    if not target:
        return page, unquote(fragment)
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(target))), unquote(fragment)


def add_link_places(root: _Element, page: str, places: dict[Place, Place]) -> None:
    """Each note's mark within the book that is an anchor itself (its id, or old HTML's and Word's `name`), by its
    place, to the place it points at, into `places`: a note's mark and its link back are in different pages of an
    EPUB, and the note is told by its link back to its mark (_is_linked_back_note). A mark is a link whose text is one,
    set against the word or sign before it ("salt¹", "end.[2]"): an index's numbers ("Tales: 1 2 3", or a list of
    them alone) link to what they number and back as marks and notes do, and the tales they opened were lost as notes.
    One pass over the page's links."""
    for link in root.iter("{*}a"):
        href = link.get("href")
        if href and _is_inner_link(link) and _is_mark(link) and _set_against_text(link):
            for own in (link.get("id"), link.get("name")):
                if own:
                    places[(page, own)] = place_of(page, href)


_MARK_WRAPPERS = frozenset({"sup", "span", "small", "font", "b", "i", "em", "strong"})


def _set_against_text(link: _Element) -> bool:
    """Whether the text just before the link (out of the few inline elements it opens, `<sup><a>1</a></sup>`) ends in
    a word or a sign, not a space or nothing. A few steps, and the element before it read once."""
    element = link
    for _ in range(_WRAPPERS_WITHIN + 1):
        before = element.getprevious()
        if before is not None:  # its tail, else its own last text ("<i>salt</i><a>1</a>"): each link's own sibling
            return _ends_against(before.tail or "".join(before.itertext()))
        parent = element.getparent()
        if parent is None or (parent.text or "") or local_name(parent) not in _MARK_WRAPPERS:
            return parent is not None and _ends_against(parent.text or "")
        element = parent
    return False


def _ends_against(text: str) -> bool:
    return bool(text) and not text[-1].isspace()


def blocks_of(
    root: _Element,
    chapters: dict[str, Block] | None = None,
    links: dict[Place, Place] | None = None,
    page: str = "",
    *,
    openers: bool = True,
) -> list[Block]:
    """The page's paragraphs and headings in document order.

    Paragraphs (not headings: a chapter's may link back to the contents) all of whose text is links within the
    book, two or more in a row, are a contents list, left out; one such paragraph alone is kept: a story's paragraph
    may be one link to its glossary ("<a href='glossary.html#oath'>The Oath of the Nine binds...</a>"), and a lone
    "Next chapter" costs less than lost text. `chapters` maps element ids to chapters' headings (an EPUB's
    navigation): a chapter starts where its element does, and the page's own headings are then not passages, the
    navigation names the chapters. A heading's level is its tag's (<h2>: 2). `links`: the links that are anchors in
    the book's pages before this one, by place (add_link_places), this page's added to them; `page` this page's path
    in the book. A note is looked for after its mark (at its page's, its chapter's or its book's end). `openers`:
    whether paragraphs classed as a chapter's number and title may name it (_chapter_openers); not on an EPUB's page
    the navigation names whole, whose own first heading gives way to that name: a title under "Chapter 1" was lost."""
    etree = lxml_etree("HTML")
    if links is None:
        links = {}
    add_link_places(root, page, links)
    document = root.getroottree().getroot()
    hidden = hidden_classes(document)
    body = document if local_name(document) == "body" else document.find("body")
    titles = [] if body is None else _google_docs_titles(body)
    google_docs_title_paragraph = titles[0] if len(titles) == 1 else None  # the document's title (google_docs_title)
    blocks: list[Block] = []
    all_links: list[bool] = []  # each block's: whether all its text is links within the book
    parts: list[str] = []
    linked = 0  # characters of the block's text within links to the book itself
    open_links: list[_Element] = []  # the links within the book the walk is in
    ends_linked = False  # the block's last text that shows stands within such a link (a note's "↩" link back)

    heading_group: _Element | None = None  # the <hgroup> the walk is in: its heading and lines name one chapter
    group_parts: list[str] = []
    in_headings = 0  # the headings the walk is in: a line break in one parts no paragraphs
    in_preformatted = 0  # the <pre>s the walk is in: a blank line in one parts paragraphs, as in a text file
    quotes: list[bool] = []  # the <q>s the walk is in, each whether it was given marks (_typed_quote): single ones
    # within another's, as a browser shows them
    after_break: int | None = None  # where in `parts` the last <br> of this block stands, if nothing since shows
    row: _Element | None = None  # the table row the walk is in, read as one block (_is_flat_row)
    cells: list[tuple[str, bool]] = []  # its cells read, each with text: (text, whether the persona's)
    cell_start = 0  # where in `parts` the cell the walk is in begins
    separators = 0  # characters of the block's text between its cells: no link's and no text's
    named: str | None = None  # the chapter a mark within the page just started: a paragraph saying its name first is
    # its heading typed as text (Calibre's conversion of a Kindle book: the mark within its bold "Chapter One")
    named_from = 0  # the block after that chapter's: the paragraphs from there may say its name in parts (_says_name)
    epigraph: _Element | None = None  # the epigraph the walk is in: one block, its quotation with its attribution
    opener: tuple[_Element, str] | None = None  # the <p> the walk is in, if its class names a chapter's style
    styled: dict[int, str] = {}  # the blocks of such paragraphs, by place: that style's name (_chapter_openers)

    def flush(heading: bool = False, level: int | None = None, in_epigraph: bool = False) -> None:
        nonlocal linked, ends_linked, after_break, separators, named
        text = "".join(parts)
        parts.clear()
        after_break = None
        lines = text.split(_LINE_BREAK)
        texts = lines if heading_group is None and not heading and _lines_are_paragraphs(lines) else [" ".join(lines)]
        listed = separators + (_page_number_after_tab(text) if linked else 0)  # a contents entry's page
        only_links = not heading and linked > 0 and linked >= _visible(text) - listed
        arrow = ends_linked if not heading and is_backlinked_note(texts[-1]) else None
        linked, ends_linked, separators = 0, False, 0
        for text in texts:
            if heading_group is not None:
                if text.strip():
                    group_parts.append(" ".join(text.split()))
            elif text.strip():
                said_again = named is not None and not heading and " ".join(text.split()).casefold() == named
                said = None if named is None or heading else _says_name(blocks[named_from:], text, named)
                named = named if said is None and not heading else None
                if said:  # its name's parts, each a paragraph: "Chapter 1" and "The Hut"
                    for at in range(named_from, len(blocks)):
                        styled.pop(at, None)
                    del blocks[named_from:], all_links[named_from:]
                elif not said_again:
                    if opener is not None and len(texts) == 1:
                        styled[len(blocks)] = opener[1]
                    linked_arrow = arrow if text is texts[-1] else None
                    blocks.append(Block(text, heading, level, linked_arrow=linked_arrow, epigraph=in_epigraph))
                    all_links.append(only_links)

    def read_into_last() -> None:
        """The block's text taken into the block before it (a subtitle into its heading) or left out with what it
        says of it (a note's mark): no block of its own."""
        nonlocal linked, ends_linked, after_break, separators
        parts.clear()
        linked, ends_linked, after_break, separators = 0, False, None, 0

    def add_text(text: str) -> None:
        """The text into the block, a blank line within a <pre> ending it (a story typed as text, put in a page)."""
        if not in_preformatted or "\n" not in text:
            parts.append(text)
            return
        first, *rest = _BLANK_LINE.split(text)
        parts.append(first)
        for piece in rest:
            flush()
            parts.append(piece)

    walker = etree.iterwalk(root, events=("start", "end"))
    skipped: _Element | None = None
    media: _Element | None = None  # the <video> or <audio> the walk is in, its fallback read
    for event, element in walker:
        name = local_name(element)
        if event == "start":
            inner = name == "a" and _is_inner_link(element)
            if (
                not name
                or name in DROPPED_TAGS
                or _is_boilerplate(element, name)
                or is_matter(element)
                or (name in NOTE_BLOCKS and _is_linked_back_note(element, page, links))
                or is_hidden(element, name, hidden)
                or element is google_docs_title_paragraph
                or (chapters and name == "p" and _is_subtitle(element))  # the navigation's name stands for it
                or (inner and (_is_mark(element) or _is_google_docs_comment_mark(element)))
                or (name in MEDIA_TAGS and media is None and _says_unplayable(element))
                or (name == "sup" and not len(element) and is_raised_mark(element.text or "", text_before(parts)))
            ):
                walker.skip_subtree()  # its "end" still comes, next
                skipped = element
                continue
            if chapters and element.get("id") in chapters:
                flush()
                blocks.append(chapters[element.get("id", "")])
                all_links.append(False)
                named = " ".join(blocks[-1].text.split()).casefold()
                named_from = len(blocks)
            if name in MEDIA_TAGS and media is None:
                media = element
            if row is not None and name in _CELL_TAGS:
                cell_start = len(parts)
            elif name == "tr" and row is None and _is_flat_row(element):
                flush()
                row = element
            elif name in BLOCK_TAGS and epigraph is not None:
                parts.append(" ")  # a line of the epigraph: its attribution stays with its quotation
            elif name in BLOCK_TAGS:
                flush()
                if _is_epigraph(element):
                    epigraph = element
            if name == "hr" and row is None and heading_group is None:
                blocks.append(Block(SCENE_BREAK))  # a scene break: the corpus joins no reply across it
                all_links.append(False)
            if name == "p" and opener is None and (style := _opener_style(element)):
                opener = (element, style)
            if (
                name == "hgroup"
                and heading_group is None
                and any(local_name(child) in HEADING_TAGS for child in element)
            ):
                heading_group = element  # one of no heading (a poem's lines grouped so) is its lines
            if inner:
                open_links.append(element)
            in_headings += name in HEADING_TAGS
            in_preformatted += name == "pre"
            if name == "q":
                marked = not _typed_quote(parts, element.text or "")
                if marked:
                    add_text(_QUOTE_MARKS[sum(quotes) % 2][0])
                quotes.append(marked)
            if name == "br":
                parting = not in_headings and row is None  # a heading's or a row's line breaks part nothing
                if parting and after_break is not None and not "".join(parts[after_break:]).strip():
                    flush()  # two line breaks in a row: old pages and web fiction part their paragraphs so
                parts.append(_LINE_BREAK if parting else " ")
                after_break = len(parts)
                continue
            text = _image_text(element) if name == "img" else element.text or ""
            add_text(text)
            if shows_text(text):
                ends_linked = bool(open_links)
            if open_links:
                linked += _visible(text)
            continue
        if element is not skipped:  # a skipped element's start was not counted
            in_headings -= name in HEADING_TAGS
            in_preformatted -= name == "pre"
        if element is skipped:
            skipped = None
        elif element is media:
            media = None
        elif element is heading_group:
            flush()
            heading_group = None
            if group_parts and not chapters:
                blocks.append(Block(joined_heading(group_parts), heading=True))
                all_links.append(False)
            group_parts.clear()
        elif name in HEADING_TAGS and chapters:
            parts.clear()
            linked = 0
        elif row is not None and name in _CELL_TAGS and element.getparent() is row:
            cell = "".join(parts[cell_start:]).strip()
            del parts[cell_start:]
            if cell:
                cells.append((cell, "z3998:persona" in semantics(element)))
        elif element is row:
            joined = joined_row(cells)
            separators += _visible(joined) - sum(_visible(cell) for cell, _ in cells)
            parts.append(joined)
            cells.clear()
            row = None
            flush()
        elif name == "q":
            if quotes.pop():
                add_text(_QUOTE_MARKS[sum(quotes) % 2][1])
        elif name in BLOCK_TAGS and epigraph is not None and element is not epigraph:
            parts.append(" ")
        elif name == "p" and _in_small_type(element) and (unmarked := _unmarked_above(blocks, "".join(parts))):
            blocks[-1] = replace(blocks[-1], text=unmarked)  # a note typed under its paragraph, no story
            read_into_last()
        elif name in BLOCK_TAGS and _names_heading_above(element, blocks) and "".join(parts).strip():
            blocks[-1] = with_subtitle(blocks[-1], "".join(parts))
            read_into_last()
        elif name in BLOCK_TAGS:
            heading = name in HEADING_TAGS
            flush(heading, int(name[1]) if heading else None, in_epigraph=element is epigraph)
            epigraph = None if element is epigraph else epigraph
            opener = None if opener is not None and element is opener[0] else opener
        elif open_links and open_links[-1] is element:
            open_links.pop()
        add_text(element.tail or "")
        if element.tail and shows_text(element.tail):  # a variation selector after a link back's arrow is no text
            ends_linked = bool(open_links)
        if open_links and element.tail:
            linked += _visible(element.tail)
    flush()
    listed = _in_link_lists(all_links)
    kept = [n for n in range(len(blocks)) if not listed[n]]
    if not openers:
        return [blocks[n] for n in kept]
    return _chapter_openers(
        [blocks[n] for n in kept], {at: styled[n] for at, n in enumerate(kept) if n in styled}, bool(chapters)
    )


_WORD = re.compile(r"\w+")
_OPENING_QUOTES = frozenset("\"'\u201c\u2018\u00ab\u201e\u2014")
"""What a line of speech opens with: no part of a chapter's name."""


def _is_epigraph(element: _Element) -> bool:
    """Whether an element is an epigraph (EPUB's `epub:type="epigraph"`, DPUB-ARIA's `doc-epigraph`, or its class):
    one passage, the quotation with its attribution ("— Ovid Bellamy, Letters from Tern Island"), which was a passage
    of its own that no question about the quotation's words found."""
    return "epigraph" in semantics(element) or "epigraph" in (element.get("class") or "").lower().split()


def _says_name(before: list[Block], text: str, name: str) -> bool | None:
    """Whether the paragraphs since a chapter's mark, then text, say its name in parts, word for word ("Chapter 1"
    and "The Hut" under the navigation's "Chapter 1: The Hut", InDesign's export): True when they do, None when
    they begin to, False when they do not. One paragraph is its name only as a whole (said_again in blocks_of). A
    name no heading is as long as is said in no parts: each part joins all those before it."""
    if not _WORD.search(text) or text.lstrip()[:1] in _OPENING_QUOTES or len(name) > MAX_HEADING_CHARS:
        return False  # a scene break's "* * *", or a line of speech ("Come!", "Home!"), is no part of a name
    said = _WORD.findall(" ".join([*(block.text for block in before), text]).casefold())
    words = _WORD.findall(name)
    if said == words:
        return bool(before)
    return None if words[: len(said)] == said else False


def _chapter_openers(blocks: list[Block], styled: dict[int, str], named_elsewhere: bool) -> list[Block]:
    """The blocks, paragraphs whose classes name a chapter's styles ("CN" over "CT", InDesign's; "chapter-number"
    over "chapter-title") headings where the page uses them as a document uses such styles (chapter_styled), a
    number over its title one name, "1: The Hut", as an <hgroup>'s lines are; where the navigation names the
    chapters, they are left out where the navigation's name says their words, as the page's headings are, and are
    text where it does not (a title under a navigation of numbers alone, "Chapter 1", is read). Each chapter's number
    and title were its first two passages."""
    if not named_elsewhere:
        return chapter_styled(blocks, styled)
    used = used_chapter_styles((styled.get(at, ""), block.text, block.heading) for at, block in enumerate(blocks))
    kept: list[Block] = []
    named: set[str] = set()  # the words of the chapter's name the navigation gives
    for at, block in enumerate(blocks):
        if block.heading:
            named = set(_WORD.findall(block.text.casefold()))
        elif styled.get(at) in used and set(_WORD.findall(block.text.casefold())) <= named:
            continue
        kept.append(block)
    return kept


_PUBLISHERS_TAGS = {"cn": ("ct", "chapter number"), "ct": ("cn", "chapter title")}
"""Publishers' tags for a chapter's number and title, as InDesign writes its paragraph styles so named: each with
the tag it stands with, a number over its title. Only so: "cn" alone may be a Chinese line's class."""


def _opener_style(paragraph: _Element) -> str | None:
    """The chapter's style a paragraph's classes name (class_chapter_name), or its publisher's tag does where the
    paragraph beside it has the other: "CN" over "CT"."""
    classes = paragraph.get("class") or ""
    found = class_chapter_name(classes)
    if found is not None:
        return found
    for tag in classes.casefold().split():
        if tag in _PUBLISHERS_TAGS:
            partner, style = _PUBLISHERS_TAGS[tag]
            beside = paragraph.getnext() if tag == "cn" else paragraph.getprevious()
            if beside is not None and partner in (beside.get("class") or "").casefold().split():
                return style
    return None


_CELL_TAGS = frozenset({"td", "th"})
_QUOTE_MARKS = (("\u201c", "\u201d"), ("\u2018", "\u2019"))
"""The marks a browser shows around a <q> (“ ”), and around one within another (‘ ’): without them its words ran
into the sentence that says who spoke them ("Are you coming? asked Tomas.")."""


_QUOTE_LOOKBACK = 8
_TYPED_QUOTES = frozenset("\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e")


def _typed_quote(parts: list[str], opening: str) -> bool:
    """Whether a <q> stands within quotation marks typed around it, or opens with its own ('“<q>Are you coming?</q>”',
    '<q>“Never,” she said.</q>', as pages converted from Word wrap speech already quoted): it is given none, which
    doubled them. The text before it is looked at in its last part with any, among the last _QUOTE_LOOKBACK (each
    <q> looking further back over empty parts, a page of them took time in their square)."""
    before = next((part for part in islice(reversed(parts), _QUOTE_LOOKBACK) if part), "")
    return before[-1:] in _TYPED_QUOTES or opening.lstrip()[:1] in _TYPED_QUOTES


MAX_INITIAL_CHARS = 2


def _image_text(image: _Element) -> str:
    """The text an image stands for, where the page shows it as its text: an initial set as a picture (Project
    Gutenberg's illustrated books, older EPUBs: `<img alt="I"/>NGRID lived`), or a heading that is a picture alone
    (`<h2><img alt="Chapter One"/></h2>`). Read as "NGRID lived", with no chapters. Any other picture's `alt`
    describes it (an illustration), and is no story text."""
    alt = " ".join((image.get("alt") or "").split())
    if not alt:
        return ""
    if len(alt) <= MAX_INITIAL_CHARS and alt[-1].isalpha():
        after = _text_after(image).lstrip()
        said = after.startswith(alt) and after[len(alt) : len(alt) + 1].islower()  # "When" after its "W": said whole
        return alt if after[:1].isalpha() and not said else ""
    heading = next((above for above in image.iterancestors() if local_name(above) in HEADING_TAGS), None)
    if heading is not None and not "".join(heading.itertext()).strip() and _names_a_heading(alt):
        return alt
    return ""


def _names_a_heading(alt: str) -> bool:
    """Whether a picture's alt text reads as a heading's name ("Chapter One", "CHAPTER II."), not as what a tool put
    there: a file's name ("00003.jpeg"), or a word about the picture ("image", "decorative ornament")."""
    return alt[:1].isupper() and _FILE_NAME.fullmatch(alt) is None


_FILE_NAME = re.compile(r"\S+\.[A-Za-z]{3,4}")


def _text_after(element: _Element) -> str:
    """The text right after an element: its tail, or, where it ends its parent with none, its parent's."""
    parent = element.getparent()
    while element.tail is None and element.getnext() is None and parent is not None:
        element, parent = parent, parent.getparent()
    return element.tail or ""


_LINE_BREAK = "\0"
"""A <br> where it may part paragraphs, in the block's text until flush decides (no page read holds a NUL)."""
_INDENTS = ("\u00a0\u00a0", "\u2003", "\u3000", "\t")
"""How a page indents a paragraph's first line where it has no style to: non-breaking spaces, an em space, an
ideographic space, a tab."""
PROSE_LINE_CHARS = 80
"""A block's lines this long on average, between line breaks, are paragraphs; a poem's lines are shorter."""
INDENTED_LINE_CHARS = 50
"""As long on average where most of them open indented: an indented poem's lines are shorter still."""
_PARAGRAPH_ENDS = (".", "!", "?", '"', "\u201d", "\u2019", "'", "\u2026", ")")
"""How three in four of a block's lines end, at least, for them to be paragraphs: as sentences do."""


def _lines_are_paragraphs(lines: list[str]) -> bool:
    """Whether a block's lines, parted by single line breaks, are its paragraphs: eFiction's fan-fiction archives, old
    personal pages and text pasted into blog editors part theirs with one <br> each, indented with non-breaking
    spaces, and the whole story was one paragraph cut into slices. A poem's lines, indented or not, long or short, stay
    one block: they end sentences less often than three times in four."""
    shown = [line.strip() for line in lines if line.strip()]
    if len(shown) < 2:
        return False
    ended = sum(line.endswith(_PARAGRAPH_ENDS) for line in shown)
    if 4 * ended < 3 * len(shown):
        return False  # a poem's lines end in commas, dashes or nothing as often as not; paragraphs end sentences
    length = sum(map(len, shown)) / len(shown)
    indented = sum(line.lstrip(" \n\r").startswith(_INDENTS) for line in lines[1:])
    return length >= PROSE_LINE_CHARS or (2 * indented >= len(lines) - 1 and length >= INDENTED_LINE_CHARS)


def _is_flat_row(row: _Element) -> bool:
    """Whether a table row's cells hold no blocks of their own (paragraphs, lists, a table, or two line breaks in a row,
    as old pages part paragraphs): its cells are then read as one passage (joined_row), a row's meaning being what
    its cells say together; each cell a passage, Standard Ebooks' plays read a speech apart from its speaker. A row
    whose cells hold paragraphs is read as they are. The walk stops at a row's first block, which a row around it has
    stopped at before: each element is looked at by one row."""
    for element in row.iterdescendants():
        name = local_name(element)
        if name in BLOCK_TAGS and not (name in _CELL_TAGS and element.getparent() is row):
            return False
        after = element.getnext() if name == "br" and not (element.tail or "").strip() else None
        if after is not None and local_name(after) == "br":
            return False  # a paragraph's break: a page laid out in a table, its story in one cell (<br><br>)
    return True


MESSAGE_CHARS = 300
"""Characters a fallback that is a message holds at most, a listing of the element's markup (<pre>, <code>) aside: a
sentence or two. A transcript is longer, and may say someone "could not play" something."""
_PLAYED = re.compile(r"\b(?:video|audio|browser|reading system|player|media|html5|element|tag|format)s?\b", re.I)
"""What a message says cannot be played, or cannot play it."""
_SENTENCE = re.compile(r"[^.!?]*+[.!?]*+")


def _says_unplayable(media: _Element) -> bool:
    """Whether a <video>'s or <audio>'s fallback is a message that the reader cannot play it: short (MESSAGE_CHARS), and
    a sentence of it says the medium or the reader cannot play or support it (_UNPLAYABLE, _PLAYED). Only the
    outermost is looked at, one within it is then read or left out with it."""
    text = "".join(media.itertext())
    listing = 0
    for inner in media.iter("{*}pre", "{*}code"):
        parent = inner.getparent()
        if local_name(inner) == "pre" or parent is None or local_name(parent) != "pre":
            listing += len("".join(inner.itertext()))
    if len(text) - listing > MESSAGE_CHARS:
        return False
    return any(
        _UNPLAYABLE.search(sentence.group()) and _PLAYED.search(sentence.group())
        for sentence in _SENTENCE.finditer(text)
    )


def _in_link_lists(all_links: list[bool]) -> list[bool]:
    """For each block, whether it and the block before or after it are all links within the book."""
    padded = [False, *all_links, False]
    return [padded[i] and (padded[i - 1] or padded[i + 1]) for i in range(1, len(padded) - 1)]


def _is_boilerplate(element: _Element, name: str) -> bool:
    """Gutenberg's license sections, LibreOffice's page headers and footers, and what Archive of Our Own and FanFicFare
    set around a work (ao3.py, fanficfare.py)."""
    return (
        element.get("id") in BOILERPLATE_IDS
        or "pg-boilerplate" in (element.get("class") or "")
        or (element.get("title") in MARGIN_TITLES and local_name(element) == "div")
        or ao3.is_frame(element)
        or ao3.is_note(element, name)
        or fanficfare.is_frame(element, name)
        or _is_google_docs_note(element, name)
    )


def _is_google_docs_note(element: _Element, name: str) -> bool:
    """Google Docs' web page of a document: a footnote or comment at the page's end opens with its link back to its
    mark (`<a href="#ftnt_ref1">[1]</a>`), and the document's subtitle is a paragraph of that class. The note was read
    as the last chapter's last passage, the subtitle as the story's first."""
    if name != "p":
        return False
    if _is_subtitle(element):
        return not _under_heading(element)
    first = next(element.iterchildren(), None)
    return first is not None and local_name(first) == "a" and (first.get("href") or "").startswith(_GOOGLE_DOCS_BACK)


_GOOGLE_DOCS_BACK = ("#ftnt_ref", "#cmnt_ref")


def _in_small_type(paragraph: _Element) -> bool:
    """Whether a paragraph's whole text is in one <small>: a note typed under the paragraph it annotates."""
    return (
        not (paragraph.text or "").strip()
        and len(paragraph) == 1
        and local_name(paragraph[0]) == "small"
        and not (paragraph[0].tail or "").strip()
    )


def _unmarked_above(blocks: list[Block], note: str) -> str | None:
    """The paragraph above without the mark the note opens with (without_symbol_mark), if it is the note's."""
    if not blocks or blocks[-1].heading:
        return None
    return without_symbol_mark(note.strip(), blocks[-1].text)


def _names_heading_above(element: _Element, blocks: list[Block]) -> bool:
    """Whether a paragraph is a subtitle right under the heading just read (_under_heading)."""
    if not blocks or not blocks[-1].heading:
        return False
    return local_name(element) == "p" and _is_subtitle(element) and _under_heading(element)


def _is_subtitle(element: _Element) -> bool:
    return "subtitle" in (element.get("class") or "").split()


def _under_heading(paragraph: _Element) -> bool:
    """Whether a paragraph stands right after a heading, with no other element between them: a subtitle so is that
    chapter's name ("Chapter One" over "The Keeper", a publisher's EPUB), lost as Google Docs' document subtitle
    is."""
    before = paragraph.getprevious()
    return before is not None and local_name(before) in HEADING_TAGS


def _page_number_after_tab(text: str) -> int:
    """The digits of a contents entry's page number, after a tab at its text's end (Google Docs' and Word's contents,
    with page numbers shown); 0 where there is none. Looked for from the end, in one pass: a regular expression's
    search tried the tabs of a page of them one by one."""
    stripped = text.rstrip()
    digits = len(stripped) - len(stripped.rstrip("0123456789"))
    if not 1 <= digits <= 4:
        return 0
    before = stripped[:-digits]
    return digits if "\t" in before[len(before.rstrip(" \t")) :] else 0


def _is_google_docs_comment_mark(element: _Element) -> bool:
    """Google Docs' mark of a comment in the text, "[a]" (`<a href="#cmnt1" id="cmnt_ref1">`): it was read into the
    word before it, "morning[a]", which no question finds."""
    return (element.get("href") or "").startswith("#cmnt") and (element.get("id") or "").startswith("cmnt_ref")


def google_docs_title(body: _Element) -> str | None:
    """The title of a Google Docs web page, which has no <title>: its paragraph in the Title style (its file's name,
    "TheSaltRoad", has the document's name without spaces)."""
    titles = _google_docs_titles(body)
    return " ".join("".join(titles[0].itertext()).split()) or None if len(titles) == 1 else None


def _google_docs_titles(body: _Element) -> list[_Element]:
    """A Google Docs web page's paragraphs in the Title style; where there are several (a writer's chapter names set
    so), none is the document's title."""
    if "doc-content" not in (body.get("class") or "").split():
        return []
    return list(islice((p for p in body.iter("p") if "title" in (p.get("class") or "").split()), 2))


_NUMBERED_BACK = re.compile(r"\d{1,3}[.)]")
"""A note's link back as a numbered list writes it ("1.", "2)"): no mark in the text, where "1." is a sentence's end,
but at a note's opening, linked back to its own mark, one (hand-made and Sigil's notes)."""
NOTE_BLOCKS = frozenset({"p", "div", "li", "dd"})
"""Blocks a note without semantics is written as."""
_WRAPPERS_WITHIN = 3
"""Elements a note's link back may stand within at its paragraph's start (`<p><sup><a>1</a></sup>`), at most."""


def _is_linked_back_note(element: _Element, page: str, links: dict[Place, Place]) -> bool:
    """Whether the block is a note without semantics: it opens with a link whose text is a mark (NOTE_MARK) to an
    anchor that itself links to this note, the link back or the block (Calibre's conversion of a Kindle book:
    `<p><a href="index_split_001.html#filepos2500" id="filepos9100">1</a> The salt pans...</p>`, its mark
    `<a href="index_split_002.html#filepos9100" id="filepos2500">`; Word's web page, by `name`). It was read as the
    last chapter's text. A paragraph opening with a link elsewhere (a glossary's entry) is the story's: only a link
    back to its own mark makes a note. A few steps, whatever the page."""
    opening = element
    for _ in range(_WRAPPERS_WITHIN + 1):
        child = None if (opening.text or "").strip() else next(opening.iterchildren(), None)
        if child is None or local_name(child) in BLOCK_TAGS:
            return False  # a block within is looked at on its own: a <div> of notes and story is not one note
        opening = child
        if local_name(opening) == "a":
            break
    else:
        return False
    if not _is_inner_link(opening) or not (_is_mark(opening) or _NUMBERED_BACK.fullmatch(_short_text(opening))):
        return False
    mark = links.get(place_of(page, opening.get("href", "")))
    if mark is None or mark[0] != page or not mark[1]:
        return False
    return mark[1] in (opening.get("id"), opening.get("name"), element.get("id"))


def semantics(element: _Element) -> list[str]:
    """What EPUB 3's `epub:type` (parsed as XML, or as HTML: then the attribute keeps its prefix) and DPUB-ARIA's
    `role` (its "doc-" roles: ARIA's own "note" is a web page's aside, not a book's note) say the element is:
    ["endnotes"], ["toc"], ["bodymatter", "chapter"]."""
    roles = [word[4:] for word in (element.get("role") or "").lower().split() if word.startswith("doc-")]
    return (element.get(EPUB_TYPE) or element.get("epub:type") or "").lower().split() + roles


def is_matter(element: _Element) -> bool:
    """Whether the element is matter that is no story (DROPPED_SEMANTICS), or a note's text, a page's number or Word's
    comment or subtitle by its class (a page's number by other classes too, where it holds that number alone)."""
    classes = element.get("class")
    if classes and any(
        name in UNREAD_CLASSES or name in WORD_UNREAD_CLASSES or name.startswith(UNREAD_CLASS_PREFIXES)
        for name in classes.split()
    ):
        return True
    if classes and not PAGE_NUMBER_CLASSES.isdisjoint(classes.lower().split()):
        return PAGE_NUMBER.fullmatch(_short_text(element)) is not None
    if element.get(EPUB_TYPE) is None and element.get("epub:type") is None and element.get("role") is None:
        return False  # most of a book's elements: a paragraph, an emphasis, a link
    return any(word in DROPPED_SEMANTICS or word.startswith("index-") for word in semantics(element))


def _is_mark(link: _Element) -> bool:
    """Whether a link within the book is a note's mark: its whole text is one."""
    return NOTE_MARK.fullmatch(_short_text(link)) is not None


def _short_text(element: _Element, most: int = 16) -> str:
    """The element's text, or its first `most` characters and more: a mark is short, and reading every link's text
    whole read a nested link's again for every link around it."""
    if not len(element):  # a mark's usual shape: its text alone
        return (element.text or "").strip()
    found = ""
    for piece in element.itertext():
        found += piece
        if len(found.strip()) > most:
            break
    return found.strip()


def _visible(text: str) -> int:
    return len("".join(text.split()))


def _is_inner_link(element: _Element) -> bool:
    """A link to a place in the book (an anchor, another page), not to the web or an e-mail address."""
    href = (element.get("href") or "").strip()
    return bool(href) and ":" not in href.partition("#")[0] and not href.startswith("//")
