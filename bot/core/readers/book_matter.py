"""A book's matter that is no story, found where nothing marks it (an EPUB made by Calibre, a converter, a publisher
that gives no `epub:type`; a book written as a Word, OpenDocument, RTF, FictionBook or HTML file): by the name the
navigation or a heading gives its section, and a copyright page by what it says, each only at the book's start or end,
where a book's matter stands (a story's chapter may be called "Notes" or "Cover", and a lawyer's or a librarian's may
say "All rights reserved" or read out an ISBN). A question about a chapter found the contents, which repeat every
chapter's name; "who wrote it" the copyright page; "what else happened" the list of the author's other books. A
foreword, a prologue, an epilogue, an afterword or a dedication is the book's text, and kept; so is an "Author's Note".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from bot.core.readers.authors_notes import without_authors_notes
from bot.core.readers.chapter_lines import says_the_end
from bot.core.readers.manuscript_frame import without_manuscript_frame
from bot.core.readers.note_marks import without_symbol_notes
from bot.core.readers.part_names import with_parts_named
from bot.core.readers.plain_notes import without_plain_notes
from bot.core.readers.reader import Block, typed_chapters

MATTER_NAMES = frozenset(
    [
        "contents",
        "table of contents",
        "copyright",
        "copyright page",
        "colophon",
        "imprint",
        "index",
        "notes",
        "endnotes",
        "footnotes",
        "about the author",
        "about the authors",
        "about the publisher",
        "by the same author",
        "list of illustrations",
        "illustrations",
        "title page",
        "half title",
        "cover",
        "update log",  # FanFicFare's list of the story's updates, before its first chapter
        "acknowledgments",
        "acknowledgements",
        "author's note",
        "author\u2019s note",
        "authors note",
        "a note from the author",
        "note from the author",
        "discussion questions",
        "questions for discussion",
        "reading group guide",
        "book club questions",
        "book club guide",
        # the same in a German, French, Spanish, Italian or Dutch book
        "inhalt",
        "inhaltsverzeichnis",
        "impressum",
        "danksagung",
        "über die autorin",
        "über den autor",
        "table des matières",
        "sommaire",
        "remerciements",
        "à propos de l'auteur",
        "à propos de l’auteur",
        "índice",
        "agradecimientos",
        "sobre el autor",
        "sobre la autora",
        "indice",
        "ringraziamenti",
        "inhoud",
        "inhoudsopgave",
        "dankwoord",
        "over de auteur",
        "thank you for reading",  # a self-published ebook's plea for a review, after its last chapter
        "thanks for reading",
    ]
)
"""Section names (lower case, without end punctuation) of such matter, a closed list."""
SECTION_CHARS = 100
"""Characters of text under a heading for it to start a section of the book: a title page's author and date under
the title, set in large type as headings are, are no section, and a contents list after them is the book's start."""
MATTER_PREFIXES = (
    "also by ",
    "other books by ",
    "books by ",
    "other titles by ",
    "more from ",
    "praise for ",
)
NEXT_BOOK_PREFIXES = (
    "sneak peek",
    "a sneak peek",
    "excerpt from ",
    "an excerpt from ",
    "read an excerpt",
    "preview of ",
)
"""The first pages of the author's next book after a self-published book's last chapter (Vellum's "Sneak Peek: The
Iron Bridge"): another story, whose people answered for this one's. Matter only after the last chapter: a book may
open with its own "Excerpt from the Captain's Log"."""
_END_PUNCTUATION = ".:;,!?*"
COPYRIGHT_PAGE_CHARS = 2000
"""The most a page that says "All rights reserved" or gives an ISBN has, to be a copyright page: a story that says
so on its last page (a short one, of one page) is longer; a publisher's copyright page is a few hundred."""
_COPYRIGHT = re.compile(
    r"(?:^|[.!?;][\t\n ]++)(?:all rights reserved|ISBN(?:-1[03])?:? ?[\dX][\dX -]{8,}"
    r"|copyright[\t ]*+(?:(?:\u00a9|\(c\))[\t ]*+)?\d{4}"
    r"|(?:this e-?book is )?licensed for your personal (?:enjoyment|use)"
    r"|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati"
    r"|alle rechten voorbehouden)",
    re.IGNORECASE,
)
"""What only a copyright page says, opening its line or a sentence of it: "All rights reserved", an ISBN, "Copyright
2015" (a year straight after), or a self-published ebook's licence ("This ebook is licensed for your personal enjoyment
only"). Within a sentence it is a story's: "the sign said PRIVATE ESTATE - ALL RIGHTS RESERVED", "the stamp, Copyright
2003 Halvorsen Shipping", and so is one a colon brings in ("the first page held one sentence: All rights reserved."),
which left out a story's opening scene."""
NOTICE_LINE = re.compile(
    _COPYRIGHT.pattern + r"|\u00a9|\bcopyright\b|^(?:first |re)?(?:printed|published|typeset) (?:in|by|for|at|with)\b",
    re.IGNORECASE,
)
"""A copyright notice's own line: "All rights reserved", an ISBN, "©" or "Copyright", and one of the page that opens
saying where or how the book was printed, published or typeset ("Printed in Norway.")."""


def is_matter_name(name: str) -> bool:
    folded = _folded(name).strip(_END_PUNCTUATION + " ")
    return folded in MATTER_NAMES or folded.startswith(MATTER_PREFIXES)


def without_matter(blocks: Sequence[Block]) -> list[Block]:
    """The blocks less each section named as matter (its heading and what follows, to the next heading) that stands
    before the book's first section of another name or after its last: a book's matter is at its start or its end.
    A story's own chapter called "Notes", "Cover" or "About the Author" between two others is its text, and so is
    every section of a book none of whose sections has another name. A heading with under SECTION_CHARS of text under
    it (a title page's title over its author and date, "Chapter 1" over the chapter's title) is no section."""
    named = [block.heading and is_matter_name(block.text) for block in blocks]
    next_book = [block.heading and _names_next_book(block.text) for block in blocks]
    under = [0] * len(blocks)
    heading = None
    for n, block in enumerate(blocks):
        if block.heading:
            heading = n
        elif heading is not None:
            under[heading] += len(block.text)
    sections = [n for n, block in enumerate(blocks) if block.heading and not named[n] and not next_book[n]]
    story = [n for n in sections if under[n] >= SECTION_CHARS] or sections  # a book of short chapters has its own
    if not story:
        return list(blocks)
    first, last = story[0], story[-1]
    kept: list[Block] = []
    skipping = False
    for n, block in enumerate(blocks):
        if block.heading:
            skipping = (named[n] and (n < first or n > last)) or (next_book[n] and n > last)
        if not skipping:
            kept.append(block)
    return kept


KEPT_PAPERS = frozenset(
    {"diary", "journal", "log", "logbook", "letter", "letters", "notebook", "papers", "memoir", "memoirs", "testimony"}
)
"""What a story's own excerpt is from ("Excerpt from the Diary of Ada Merrow", "... the Captain's Log"): papers its
people kept, no next book. Such an epilogue was left out as one."""


def _names_next_book(heading: str) -> bool:
    folded = _folded(heading).strip(_END_PUNCTUATION + " ")
    if not folded.startswith(NEXT_BOOK_PREFIXES):
        return False
    return not any(word.strip(_END_PUNCTUATION + "'\u2019") in KEPT_PAPERS for word in folded.split())


def is_copyright_page(blocks: Sequence[Block], title: str | None = None) -> bool:
    """Whether a page of a book may be its copyright page: short, saying "All rights reserved" or an ISBN, and headed
    by no chapter's name (a page whose heading the navigation or the page gives is a chapter, however short). The
    book's own title is no chapter's name: pandoc heads what stands before a book's first chapter with it."""
    size = 0
    book = _folded(title) if title else None
    for block in blocks:
        size += len(block.text)
        if size > COPYRIGHT_PAGE_CHARS:
            return False
        if block.heading and not is_matter_name(block.text) and _folded(block.text) != book:
            return False
    return any(_COPYRIGHT.search(block.text) for block in blocks)


def without_copyright_pages(
    pages: Sequence[Sequence[Block]], title: str | None = None, author: str | None = None
) -> list[Block]:
    """The pages' blocks in order, less the copyright pages before the first other page and after the last: a
    publisher's stands at the book's start or end, a short page in its middle is the story's. A book that is all
    such pages (a short story of one page ending in its copyright line) is kept whole. A title page, of the book's
    title and its author's name alone (pandoc's EPUB 2 says no more of it), is none of the story's pages, nor is a
    page headed as matter: a short story headed by the book's title and ending in its notice, then "About the
    Author", was left out as the notice before the book's first other page."""
    notices = [is_copyright_page(page, title) for page in pages]
    title_page = {_folded(name) for name in (title, author, author and f"by {author}") if name}
    story = [  # a cover's image is no text
        n
        for n, notice in enumerate(notices)
        if pages[n]
        and not notice
        and not all(_folded(block.text) in title_page for block in pages[n])
        and not (pages[n][0].heading and is_matter_name(pages[n][0].text))
    ]
    if not story:
        return [block for page in pages for block in page]
    first, last = story[0], story[-1]
    return [block for n, page in enumerate(pages) if not notices[n] or first < n < last for block in page]


def without_notice_before_chapters(blocks: Sequence[Block], title: str | None = None) -> list[Block]:
    """The blocks less a copyright notice that stands before the first chapter (COPYRIGHT_PAGE_CHARS at most, saying
    "All rights reserved" or giving an ISBN): a document has no pages to tell its copyright page by (a Word,
    OpenDocument, RTF, FictionBook or HTML book, an EPUB that Calibre made of one); what comes before its first
    heading is where that page stood, to its last line that says it is a notice (NOTICE_LINE). What follows that
    line, before the first chapter, is the book's text on pages of its own: a dedication, an epigraph. A document
    with no chapter after is kept whole: a short story that says so, and a poem ending in its copyright line before
    its notes or "About the Author" (a heading named as matter is no chapter: the poem before it was lost, and the
    notes read in its place). Where what stands before the first heading is no such notice, what stands before the
    first chapter may be, after headings named as matter: Calibre's Word file of an EPUB opens with its own "Table of
    Contents" (a long contents list under such a heading, after the notice, leaves the notice found as before). Then
    the notice's section (from its heading) is left out to its last notice line, what stands before that heading kept:
    a dedication before a "Copyright" heading is the book's text."""
    book = _folded(title) if title else None
    headings = [n for n, block in enumerate(blocks) if block.heading and _folded(block.text) != book]
    chapter = next((n for n in headings if not is_matter_name(blocks[n].text)), None)
    if chapter is None:
        return list(blocks)
    end = next((n for n in (headings[0], chapter) if is_copyright_page(blocks[:n], title)), None)
    if end is None:
        return list(blocks)
    last = max(n for n in range(end) if NOTICE_LINE.search(blocks[n].text))
    if end == headings[0]:
        return list(blocks[last + 1 :])
    # found past the first heading: the notice is its section's, what stands before that section is none of it
    section = max((n for n in headings if n < last), default=0)
    return [*blocks[:section], *blocks[last + 1 :]]


def without_contents_lists(blocks: Sequence[Block], title: str | None = None) -> list[Block]:
    """The blocks less the paragraphs of a contents list written as plain lines, where nothing marks it (Calibre's
    FictionBook, pandoc's RTF): a run of paragraphs that each say a heading of the book, or a matter's name ("Table of
    Contents", "Title Page"), two of them at least a heading's, naming the headings in the book's order (each once:
    a refrain that says its poem's title twice, a countdown in a book of numbered chapters, is none) and standing
    where a contents list does (_where_contents_stand). A question about a chapter found them, each chapter's name
    said again. Empty paragraphs between the lines are part of the run, and a matter's name need not stand in order:
    Calibre's Word file of an EPUB writes the EPUB's contents, then (after an empty line) its landmarks, "Title Page"
    and "Table of Contents", the latter a heading of Calibre's own contents page at the book's start."""
    book = _folded(title) if title else None
    folded = [_folded(block.text) for block in blocks]
    where: dict[str, list[int]] = {}  # each heading's positions, in order
    for n, block in enumerate(blocks):
        if block.heading:
            where.setdefault(folded[n], []).append(n)
    listed = [
        not block.heading and (folded[n] in where or is_matter_name(block.text) or not folded[n])
        for n, block in enumerate(blocks)
    ]
    first, last = _chapters_span(blocks, book)
    dropped = [False] * len(blocks)
    start = 0
    while start < len(blocks):
        end = start
        while end < len(blocks) and listed[end]:
            end += 1
        names = [folded[n] for n in range(start, end) if folded[n] in where and not is_matter_name(blocks[n].text)]
        if len(names) >= 2 and _in_order(names, where) and _where_contents_stand(blocks, start, (first, last), book):
            dropped[start:end] = [True] * (end - start)
        start = end + 1
    return [block for block, left_out in zip(blocks, dropped, strict=True) if not left_out]


def _where_contents_stand(blocks: Sequence[Block], start: int, chapters: tuple[int, int], book: str | None) -> bool:
    """Whether lines from `start` stand where a contents list does: before the book's first chapter, or after its last
    under a heading that names no chapter ("Contents", the book's title). Anywhere else they are a chapter's text:
    brothers calling each other in a novel whose chapters are named by who tells them, a countdown, in its middle or
    in its last chapter (after the last chapter's heading, they were left out as a contents list after the book)."""
    first, last = chapters
    if start <= first:
        return True
    before = blocks[start - 1]
    return start > last and before.heading and _is_title_or_matter(before.text, book)


def _in_order(names: list[str], where: dict[str, list[int]]) -> bool:
    """Whether the names are the headings of the book in its order, each a heading after the one before."""
    after = -1
    for name in names:
        positions = where[name]
        found = bisect_right(positions, after)
        if found == len(positions):
            return False
        after = positions[found]
    return True


def _chapters_span(blocks: Sequence[Block], book: str | None) -> tuple[int, int]:
    """The positions of the book's first and last chapter headings (not its title, no matter's name); (0, 0) without."""
    chapters = [n for n, block in enumerate(blocks) if block.heading and not _is_title_or_matter(block.text, book)]
    return (chapters[0], chapters[-1]) if chapters else (0, 0)


def _is_title_or_matter(heading: str, book: str | None) -> bool:
    return _folded(heading) == book or is_matter_name(heading)


def book_matter_left_out(blocks: Sequence[Block], title: str | None = None) -> list[Block]:
    """A document's blocks less its matter: a manuscript's frame (manuscript_frame.py), notes written as paragraphs
    with their links back and their marks (plain_notes.py), notes typed under their paragraphs with a symbol's mark
    ("rope,*" over "* Tarred hemp...": note_marks.without_symbol_notes), a fan fiction writer's notes
    (authors_notes.py), a contents list of plain lines, the copyright notice before its first chapter and the sections
    named as matter at its start or end (without_matter), a closing "THE END", a document of no headings read by its
    typed ones (_typed_headings); chapters named again in each part named with their part (part_names)."""
    blocks = _typed_headings(without_symbol_notes(without_plain_notes(without_manuscript_frame(blocks, title))), title)
    return with_parts_named(
        _without_closing_line(
            without_matter(
                without_notice_before_chapters(without_contents_lists(without_authors_notes(blocks), title), title)
            )
        )
    )


def _without_closing_line(blocks: list[Block]) -> list[Block]:
    """The blocks less a last line under the story's text saying the book ends ("THE END", "~ Fin ~"), as a
    Gutenberg text's and a manuscript's are read: the printed book's mark, it was a passage of every other story that
    ends so, and the one answer to "How does it end?"."""
    ends = bool(blocks) and not blocks[-1].heading and says_the_end(blocks[-1].text)
    return blocks[:-1] if ends and any(not block.heading for block in blocks[:-1]) else blocks


def _typed_headings(blocks: list[Block], title: str | None) -> list[Block]:
    """The blocks with a document's typed chapter lines as headings where it has none (typed_chapters), and, where it
    has two chapters or more (its title's heading is none), each line that names a matter alone before the first
    ("Table of Contents", "Copyright") or after the last, there as a heading where it names the end's own matter
    ("About the Author", "Acknowledgments", END_MATTER) or a heading of matter follows it (a bold "Notes" before the
    navigation's "About the Author"): a manuscript's copyright notice and its author's biography were read as its story,
    where the same file with Word's heading styles left them out. A line "Contents" or "Notes" after the last chapter
    with no matter after it is the story's own (the contents of a sea chest), and so is every such line of a story of
    one chapter or none, or between two chapters."""
    blocks = typed_chapters(blocks, title)
    book = _folded(title) if title else None
    chapters = [
        n
        for n, block in enumerate(blocks)
        if block.heading and not is_matter_name(block.text) and _folded(block.text) != book
    ]
    if len(chapters) < 2:
        return blocks
    first, last = chapters[0], chapters[-1]
    matter_after = [False] * (len(blocks) + 1)  # whether a heading of matter stands after each position
    for n in range(len(blocks) - 1, -1, -1):
        matter_after[n] = matter_after[n + 1] or (blocks[n].heading and is_matter_name(blocks[n].text))
    return [
        Block(block.text, heading=True)
        if not block.heading
        and _names_matter(block.text)
        and (n < first or (n > last and (_ends_a_book(block.text) or matter_after[n + 1])))
        else block
        for n, block in enumerate(blocks)
    ]


END_MATTER = frozenset(
    [
        "about the author",
        "about the authors",
        "about the publisher",
        "acknowledgments",
        "acknowledgements",
    ]
)
"""Matter whose name, typed after a book's last chapter, is the book's end and no story's line."""


def _ends_a_book(text: str) -> bool:
    folded = _folded(text).strip(_END_PUNCTUATION + " ")
    return folded in END_MATTER or folded.startswith(MATTER_PREFIXES)


def _names_matter(text: str) -> bool:
    return "\n" not in text and len(text) <= SECTION_CHARS and is_matter_name(text)


def _folded(text: str) -> str:
    return " ".join(text.casefold().split())
