"""EPUB books (`.epub`: Project Gutenberg, Standard Ebooks, Archive of Our Own): a zip of XHTML pages.

Read with the standard library's zipfile (with the limits of archive.py) and lxml, rather than a
whole e-book library: a reader needs the package file (title, author, the spine's order), the
navigation (EPUB 3's nav page, or EPUB 2's NCX) and the pages, nothing else. Pages are read in spine
order (a page the spine calls not linear too: it is the book's, often its notes or a map, and is read as any other);
chapters are named by the navigation where it points (a page it names has its own heading, before its text, left out:
Standard Ebooks' "I" for the navigation's "I: At the Admiral Benbow", LibreOffice's paragraph saying the name; a chapter
within a part whose page has no text of its own named with the part's name too: _named_within_parts), or by the pages'
headings without one.

A book's matter that is no story is left out, so that it never answers a question in the story's place: pages
and sections whose `epub:type` says so (contents, copyright page, imprint, colophon, title page, index, notes:
markup.py), pages EPUB 2's guide or EPUB 3's landmarks name so (not one the navigation names a chapter in), the
navigation's own lists wherever they stand (a nav page in the spine reads as nothing), and where nothing marks it
(Calibre's conversions) sections named so ("Contents", "Copyright", "Notes", "Also by ...", "About the Author":
book_matter.py) and a short page, named no chapter, giving an ISBN or "All rights reserved", both only at the book's
start or end (a story's chapter called "Notes" between others is its text; so is a book of only such), paragraphs
that are only links within the book, two or more in a row (a contents list), and notes' marks. A dedication,
foreword, prologue, epilogue or afterword is the book's text and is read.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, compress, filterfalse, pairwise, repeat, takewhile
from operator import and_, attrgetter, is_not, itemgetter, or_
from typing import TYPE_CHECKING
from urllib.parse import unquote

from bot.core.readers.archive import SafeZip
from bot.core.readers.book_matter import book_matter_left_out, is_matter_name, without_copyright_pages
from bot.core.readers.chapter_lines import HEADING_ENDS, MAX_HEADING_CHARS, is_chapter_line, joined_heading
from bot.core.readers.gutenberg import book_blocks
from bot.core.readers.markup import (
    DROPPED_SEMANTICS,
    EPUB_TYPE,
    RUBY_READINGS,
    Place,
    blocks_of,
    is_matter,
    local_name,
    lxml_etree,
    parse_xml,
    semantics,
    text_of,
)
from bot.core.readers.reader import Block, StoryText, story_text
from bot.core.skipped import Cause, Refusal, StoryRefused

if TYPE_CHECKING:
    from lxml.etree import _Element

CONTAINER = "META-INF/container.xml"
PAGE_TYPES = ("application/xhtml+xml", "text/html")
NCX_TYPE = "application/x-dtbncx+xml"
GUIDE_MATTER = DROPPED_SEMANTICS | {"title-page", "notes"}
"""EPUB 2's guide types (its own spelling of some) of pages that are no story."""
ENCRYPTION = "META-INF/encryption.xml"
FONT_OBFUSCATION = ("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC")
"""The encryption EPUB allows for embedded fonts (not DRM: the text stays readable)."""


@dataclass(frozen=True)
class ChapterMark:
    page: str
    anchor: str
    """An element id in the page, or "" for the page's start."""
    heading: Block
    """The chapter's name, its level how deep the navigation nests the entry: 1 in the top list, 2 within it."""
    own: str = ""
    """The entry's own name, before the outer entry's name put before a number alone (_within_entries)."""


Outers = Callable[[], list[int | None]]
"""Each navigation mark's outer entry's (the index of the mark of the entry it is within, where that is a link), found
only when asked: a flat navigation, or a nested one whose every entry holds text, never needs them."""


def _children(element: _Element, name: str) -> list[_Element]:
    return [child for child in element.iter() if local_name(child) == name]


def _child(element: _Element | None, name: str) -> _Element | None:
    """The first child (not any descendant) named `name`: a navigation entry's label is its own, not a nested
    entry's, and looking through every descendant of each entry took time quadratic in how deep they nest."""
    if element is None:
        return None
    return next((child for child in element.iterchildren() if local_name(child) == name), None)


_ITEMS_AROUND = "count(ancestor::*[local-name()='li'])"


_OUTER_LINK = "ancestor::*[local-name()='li'][2]/*[local-name()='a'][1]"
"""The link of the entry around a link's own entry."""


def _links(toc: _Element) -> tuple[list[tuple[str, str, int, str]], Outers]:
    """The links of a nav, (href, name, depth: 1 in the top list, own name) in document order, and their outer
    entries (Outers), in one walk: a link nested in
    another (no EPUB should, an upload may) has its own text, left out of the outer one's. Reading each link's text
    whole read a nested link's again for every link around it, quadratic in how deep they nest. A link named by a
    number alone, in an entry within another's, is named with that entry's name too (_within_entries). Ruby's reading
    (RUBY_READINGS) is no part of a name."""
    etree = lxml_etree("EPUB")
    etree.strip_elements(toc, *(f"{{*}}{tag}" for tag in RUBY_READINGS), with_tail=False)  # the navigation's own tree
    links: list[tuple[str, list[str], _Element, int]] = []  # the last: the list items around it, at least one
    open_links: list[list[str]] = []
    for event, element in etree.iterwalk(toc, events=("start", "end")):
        is_link = local_name(element) == "a"
        if event == "start":
            if is_link:
                # libxml2 nests no deeper than 256: counting the items around a link is a few steps, in C
                links.append((element.get("href", ""), [], element, max(1, int(element.xpath(_ITEMS_AROUND)))))
                open_links.append(links[-1][1])
            if open_links:
                open_links[-1].append(element.text or "")
            continue
        if is_link:
            open_links.pop()
        if open_links and element is not toc:
            open_links[-1].append(element.tail or "")
    names = own = [" ".join("".join(parts).split()) for _, parts, _, _ in links]
    elements = list(map(itemgetter(2), links))  # each kept alive, so its id is its own
    if any(map(_NUMBER.fullmatch, names)):  # looked for in C: a book's few numbered entries cost its others nothing
        names = _within_entries(elements, names)

    def outers() -> list[int | None]:
        index = {id(element): n for n, element in enumerate(elements)}
        return [next((index.get(id(o)) for o in element.xpath(_OUTER_LINK)), None) for element in elements]

    return list(zip(map(itemgetter(0), links), names, map(itemgetter(3), links), own, strict=True)), outers


_NUMBER = re.compile(r"(?:\d{1,4}|(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\.?", re.I)
"""A navigation entry's name that is a number alone ("I", "XIV", "12."; not "Mild"): within another entry, it names a
part of that."""


def _letter(name: str) -> bool:
    """Whether the name is a lone letter that is no numeral ("A", "B."): a list holding one is an alphabet's, whose "C"
    and "D" are letters too (Standard Ebooks' The Devil's Dictionary), not a part's number."""
    return len(name.rstrip(".")) == 1 and name[0].isalpha() and not _NUMBER.fullmatch(name)


def _part_number(name: str, in_alphabet: bool) -> bool:
    """Whether the entry's name is a number alone that names a part of the entry around it: not a lone letter among
    an alphabet's."""
    return bool(_NUMBER.fullmatch(name)) and not (in_alphabet and len(name.rstrip(".")) == 1)


def _within_entries(links: list[_Element], names: list[str]) -> list[str]:
    """The links' names, each that is a number alone in an entry within another's named with that entry's name too:
    "I" within "A Scandal in Bohemia" (Standard Ebooks' story told in parts) is "A Scandal in Bohemia: I", as a
    number alone names no chapter of a book of several. `links` keeps each link alive, so its id is its own."""
    index = {id(link): n for n, link in enumerate(links)}
    around = "ancestor::*[local-name()='li'][1]/.."  # the list of a link's entry
    alphabets = {
        id(outer): outer
        for link, name in zip(links, names, strict=True)
        if _letter(name)
        for outer in link.xpath(around)
    }  # each kept alive, so its id is its own
    named = []
    for link, name in zip(links, names, strict=True):
        in_alphabet = len(name.rstrip(".")) == 1 and any(id(outer) in alphabets for outer in link.xpath(around))
        outer = (
            link.xpath("ancestor::*[local-name()='li'][2]/*[local-name()='a'][1]")
            if _part_number(name, in_alphabet)
            else []
        )
        outer_name = names[index[id(outer[0])]] if outer and id(outer[0]) in index else ""
        named.append(f"{outer_name}: {name}" if outer_name else name)
    return named


def _without_own_heading(found: list[Block], name: str) -> list[Block]:
    """A page's blocks less its own heading, before its text, when the navigation names its chapter: the name again
    ("I" for the navigation's "I: At the Admiral Benbow"), or a first paragraph saying that name (LibreOffice's EPUB
    writes a heading so). Its own heading is its first, with the headings right after it that the navigation's name
    says too ("I", then "At the Admiral Benbow"); a heading after those names a chapter within the page ("Chapter 1"
    after "Part One", which the navigation names alone). A paragraph after the page's heading that says the name is
    its text: a poem titled by its first line."""
    if found and not found[0].heading:
        said_again = " ".join(found[0].text.split()).casefold() == " ".join(name.split()).casefold()
        return found[1:] if said_again else found
    named = _WORD.findall(name.casefold())
    own = 1 if found else 0
    said: list[str] = []
    for n, block in enumerate(takewhile(attrgetter("heading"), found)):
        said += _WORD.findall(block.text.casefold())
        if said == named:
            own = n + 1
        if len(said) >= len(named):
            break
    return found[own:]


def _said_further(start: Block, found: list[Block]) -> str:
    """What a page's own first heading says after the navigation's name for the page: "The Keeper" where the
    navigation's "Chapter One" is the page's "Chapter One: The Keeper" (a heading and its subtitle,
    markup._under_heading), and where "Part II: Chapter Two" is its "Chapter Two: The Storm" (the words they share a
    chapter line: "Part One" and "One Fine Day" share none); "" for none. The title the navigation left out was
    lost."""
    if not found or not found[0].heading or max(len(start.text), len(found[0].text)) > MAX_HEADING_CHARS:
        return ""  # no chapter's name: the words compared are a heading's few, never a page's
    named = _WORD.findall(start.text.casefold())
    own = list(_WORD.finditer(found[0].text))
    for size in range(min(len(named), len(own) - 1), 0, -1):
        said = found[0].text[: own[size - 1].end()]
        if named[-size:] == [word.group().casefold() for word in own[:size]] and (
            size == len(named) or is_chapter_line(said)
        ):
            return found[0].text[own[size - 1].end() :].lstrip(HEADING_ENDS + " ")
    return ""


_WORD = re.compile(r"\w+")
_GENERIC = re.compile(r"Section \d{1,4}")
"""The name LibreOffice's EPUB export (libepubgen) gives a page with no heading in its navigation, numbered by the
page: "Section 1" for the title and copyright page before the first chapter."""


def _says(found: list[Block], name: str) -> bool:
    """Whether a page begins by saying the navigation's name for it: a chapter a book names "Section 1" has that
    heading (pandoc's) or first paragraph (LibreOffice's); LibreOffice's generic name for a page (_GENERIC) none."""
    first = next((block.text for block in found), "")
    return " ".join(first.split()).casefold() == name.casefold()


def _resolved(base: str, href: str) -> tuple[str, str]:
    """(path in the zip, fragment) of a link found in the file at `base`."""
    target, _, fragment = href.partition("#")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(target))), unquote(fragment)


class EpubReader:
    suffixes = (".epub",)
    name = "EPUB"

    def read(self, raw: bytes) -> StoryText:
        book = SafeZip(raw, self.name)
        container = parse_xml(book.read(CONTAINER), self.name, CONTAINER)
        package_path = next((r.get("full-path") for r in _children(container, "rootfile") if r.get("full-path")), None)
        if not package_path:
            raise StoryRefused(Refusal(cause=Cause.NO_PACKAGE, name=CONTAINER))
        if package_path not in book.names():  # not a file "every EPUB has": this one's container names it
            raise StoryRefused(Refusal(cause=Cause.PACKAGE_MISSING, names=(package_path, CONTAINER)))
        package = parse_xml(book.read(package_path), self.name, package_path)
        items = {item.get("id", ""): item for item in _children(package, "item") if item.get("id") and item.get("href")}

        def path_of(item: _Element) -> str:
            return _resolved(package_path, item.get("href", ""))[0]

        spine = [
            path_of(items[ref.get("idref", "")])
            for ref in _children(package, "itemref")
            if ref.get("idref") in items and items[ref.get("idref", "")].get("media-type") in PAGE_TYPES
        ]
        if not spine:
            raise StoryRefused(Refusal(cause=Cause.NO_PAGES))
        present = book.names()
        missing = [page for page in dict.fromkeys(spine) if page not in present]
        if missing:
            raise StoryRefused(Refusal(cause=Cause.PAGES_MISSING, name=missing[0], count=len(missing) - 1))
        encrypted = _encrypted(book)
        if any(page in encrypted for page in spine):
            raise StoryRefused(Refusal(cause=Cause.LOCKED))
        marks, outers = self._navigation(book, package, items, path_of)
        marks_of: dict[str, list[ChapterMark]] = {}  # by page, once: each page looking through all was quadratic
        for mark in marks:
            marks_of.setdefault(mark.page, []).append(mark)
        matter = self._matter_pages(book, package, package_path)
        if matter:  # not a page the navigation names a chapter in
            matter -= {
                mark.page
                for mark in marks
                if not (is_matter_name(mark.heading.text) or _GENERIC.fullmatch(mark.heading.text))
            }
        pages: list[list[Block]] = []
        further: dict[int, str] = {}  # by page: what its own heading says after the navigation's name (_said_further)
        links: dict[Place, Place] = {}  # the book's links that are anchors: blocks_of
        for page in filterfalse(matter.__contains__, dict.fromkeys(spine)):
            chapters = {mark.anchor: mark.heading for mark in marks_of.get(page, ())}
            start = chapters.pop("", None)
            root = parse_xml(book.read(page), self.name, page)
            body = next(iter(_children(root, "body")), root)
            if _is_matter_page(body):
                continue
            found = blocks_of(body, chapters if marks else None, links, page, openers=start is None)
            # LibreOffice's "Section 1" for a page with no heading names no chapter
            if start is not None and (_GENERIC.fullmatch(start.text) is None or _says(found, start.text)):
                further[len(pages)] = _said_further(start, found)
                found = [start, *(found if chapters else _without_own_heading(found, start.text))]
            pages.append(found)
        titles, authors = _children(package, "title"), _children(package, "creator")
        title = text_of(titles[0]) if titles else None
        author = text_of(authors[0]) if authors else None
        pages = _named_within_parts(pages, marks, outers, title)
        for at, rest in further.items():
            if rest:
                named = pages[at][0]
                pages[at] = [Block(joined_heading([named.text, rest]), True, named.level), *pages[at][1:]]
        kept = book_blocks(without_copyright_pages(pages, title, author))
        return story_text(title, book_matter_left_out(kept, title), author)

    def _matter_pages(self, book: SafeZip, package: _Element, package_path: str) -> set[str]:
        """Pages that are no story, whole, by what the book says of them: EPUB 2's guide and EPUB 3's landmarks (a
        "toc", a "copyright-page"). An entry that points into a page (Gutenberg's "toc" is an anchor in the book's
        first page) leaves the page to its own semantics, and so does one the navigation names a chapter in: a book
        of one page, its guide calling it the title page, is still a book."""
        present = book.names()
        found: set[str] = set()
        for item in package.iterfind(".//{*}item[@properties]"):  # the few with properties, not all the book's pages
            page = _resolved(package_path, item.get("href", ""))[0]
            if "nav" in (item.get("properties") or "").split() and page in present:
                for nav in parse_xml(book.read(page), self.name, page).iter("{*}nav"):
                    if "landmarks" in semantics(nav):
                        for link in nav.iter("{*}a"):
                            if GUIDE_MATTER.intersection(semantics(link)) and "#" not in link.get("href", ""):
                                found.add(_resolved(page, link.get("href", ""))[0])
        for reference in package.iter("{*}reference"):
            href = reference.get("href", "")
            if (reference.get("type") or "").lower() in GUIDE_MATTER and href and "#" not in href:
                found.add(_resolved(package_path, href)[0])
        return found

    def _navigation(
        self, book: SafeZip, package: _Element, items: dict[str, _Element], path_of: Callable[[_Element], str]
    ) -> tuple[list[ChapterMark], Outers]:
        """The table of contents' entries in order, and their outer entries: EPUB 3's nav page, else EPUB 2's NCX, else
        none. One the manifest names but the zip lacks is none: the pages' headings name the chapters (the whole book
        was skipped)."""
        present = book.names()
        items = {key: item for key, item in items.items() if path_of(item) in present}
        nav = next((i for i in items.values() if "nav" in (i.get("properties") or "").split()), None)
        if nav is not None:
            page = path_of(nav)
            root = parse_xml(book.read(page), self.name, page)
            navs = _children(root, "nav")
            toc = next((n for n in navs if "toc" in (n.get(EPUB_TYPE) or "").split()), navs[0] if navs else None)
            if toc is not None:
                links, links_outers = _links(toc)
                return [_mark(page, href, text, depth, own) for href, text, depth, own in links], links_outers
        ncx = next((i for i in items.values() if i.get("media-type") == NCX_TYPE), None)
        if ncx is None:
            return [], list
        page = path_of(ncx)
        root = parse_xml(book.read(page), self.name, page)
        marks = []
        names: dict[int, str] = {}  # each navPoint's name, by the point, which `points` keeps alive
        depths: dict[int, int] = {}  # and how deep it nests: 1 for one of the map's own
        points = _children(root, "navpoint")
        entries = []
        for point in points:  # navLabel/text and content are a navPoint's own children
            label, content = _child(_child(point, "navlabel"), "text"), _child(point, "content")
            if label is not None and content is not None:
                entries.append((point, text_of(label), content))
        alphabets = {id(point.getparent()) for point, name, _ in entries if _letter(name)}  # the points around them
        for point, own, content in entries:
            names[id(point)] = name = own
            depths[id(point)] = depth = depths.get(id(point.getparent()), 0) + 1
            in_alphabet = id(point.getparent()) in alphabets
            if _part_number(name, in_alphabet) and id(point.getparent()) in names:  # a part within the entry around it
                name = f"{names[id(point.getparent())]}: {name}"
            marks.append(_mark(page, content.get("src", ""), name, depth, own))

        def points_outers() -> list[int | None]:  # a mark for each entry, in order
            index = {id(point): n for n, (point, _, _) in enumerate(entries)}
            return [index.get(id(point.getparent())) for point, _, _ in entries]

        return marks, points_outers


def _is_matter_page(body: _Element) -> bool:
    """Whether the page is matter by its semantics, its body's or its one section's (Standard Ebooks' `<body
    epub:type="frontmatter"><section epub:type="imprint">`): its navigation entry's name then goes with it."""
    sections = body.findall("*")  # elements only: the parser drops comments and processing instructions
    return is_matter(body) or (len(sections) == 1 and is_matter(sections[0]))


def _encrypted(book: SafeZip) -> set[str]:
    """The files META-INF/encryption.xml says are encrypted (a book sold with DRM lists its pages), but fonts
    obfuscated as EPUB allows. A file that cannot be read says none: the pages then say whether they can be."""
    if ENCRYPTION not in book.names():
        return set()
    try:
        root = parse_xml(book.read(ENCRYPTION), "EPUB", ENCRYPTION)
    except ValueError:
        return set()
    found: set[str] = set()
    for data in _children(root, "encrypteddata"):
        method = _child(data, "encryptionmethod")
        if method is None or method.get("Algorithm") not in FONT_OBFUSCATION:
            found.update(posixpath.normpath(unquote(r.get("URI", ""))) for r in _children(data, "cipherreference"))
    return found


def _mark(base: str, href: str, name: str, depth: int, own: str) -> ChapterMark:
    page, anchor = _resolved(base, href)
    return ChapterMark(page, anchor, Block(name, heading=True, level=depth), own)


def _part_text(block: Block) -> bool:
    """Whether a block is text a part's page may have of its own: no heading, no epigraph."""
    return not block.heading and not block.epigraph


def _named_within_parts(
    pages: list[list[Block]], marks: list[ChapterMark], outers_of: Outers, title: str | None
) -> list[list[Block]]:
    """The pages with each chapter the navigation nests in a part of no text of its own (the next entry read is one
    within it, no paragraph between) named with the part's name too, as a number alone is (_within_entries):
    Standard Ebooks' "I: The Hut" within "Part I: The Village", whose page is its heading alone, is "Part I: The
    Village: I: The Hut"; the part's name was read nowhere. A part is one of several entries side by side: one that
    holds the whole book is its title (Calibre's "The Mill" around its chapters), and so is one named as the book
    is. A part with text of its own names that text, and its chapters keep their names; so do a flat navigation's,
    and chapters named as matter ("Notes", which book_matter.py leaves out by that name). Looked for in C, a block
    and a mark at a time: a book of thousands of entries none of which is such a part costs no step for each."""
    if max(map(attrgetter("heading.level"), marks), default=1) <= 1:  # a flat navigation
        return pages
    headings = map(id, map(attrgetter("heading"), marks))  # `marks` keeps each alive
    at = dict(zip(headings, range(len(marks)), strict=True))
    flat = list(chain.from_iterable(pages))
    found = list(map(at.get, map(id, flat)))  # each block's mark, or None
    texts_and_marks = list(
        compress(found, map(or_, map(_part_text, flat), map(is_not, found, repeat(None))))
    )  # a page's own heading left in, with no text under it, is no text of the part's, nor its epigraph
    marked = list(map(is_not, texts_and_marks, repeat(None)))
    pairs = list(compress(pairwise(texts_and_marks), map(and_, marked, marked[1:])))
    if not pairs:  # no mark read right after another
        return pages
    outers = outers_of()
    levels = [mark.heading.level for mark in marks]
    named = [not is_matter_name(mark.own) for mark in marks]
    side_by_side = Counter(compress(zip(outers, levels, strict=True), named))
    book = " ".join((title or "").split()).casefold()
    parts = {
        outer
        for outer, mark in pairs
        if outer is not None
        and mark is not None
        and outers[mark] == outer
        and side_by_side[outers[outer], levels[outer]] > named[outer]
        and not book.startswith(" ".join(marks[outer].heading.text.split()).casefold())  # "The Salt Road: A Novel"
    }
    if not parts:
        return pages
    names: list[str] = []  # each mark's name, in order: an outer entry's comes before those within it
    for mark, outer, not_matter in zip(marks, outers, named, strict=True):
        name = mark.heading.text
        numbered = mark.own != name  # a number alone, named with its outer entry's name: now that one's as it reads
        if outer is not None and (numbered or (outer in parts and not_matter)):
            name = f"{names[outer]}: {mark.own}"
        names.append(name)
    renamed = {
        id(mark.heading): Block(name, heading=True, level=mark.heading.level)
        for mark, name in zip(marks, names, strict=True)
        if name != mark.heading.text
    }
    return [[renamed.get(id(block), block) for block in page] for page in pages]
