"""A book's matter that is no story, found where nothing marks it (an EPUB made by Calibre, a converter, a publisher
that gives no `epub:type`): by the name the navigation or a heading gives its section, and a copyright page by what
it says. A question about a chapter found the contents, which repeat every chapter's name; "who wrote it" the
copyright page; "what else happened" the list of the author's other books. A foreword, a prologue, an epilogue, an
afterword or a dedication is the book's text, and kept; so is an "Author's Note".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.readers.reader import Block

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
    ]
)
"""Section names (lower case, without end punctuation) of such matter, a closed list."""
MATTER_PREFIXES = ("also by ", "other books by ", "books by ", "other titles by ", "more from ", "praise for ")
_END_PUNCTUATION = ".:;,!?*"
COPYRIGHT_PAGE_CHARS = 2000
"""The most a page that says "All rights reserved" or gives an ISBN has, to be a copyright page: a story that says
so on its last page (a short one, of one page) is longer; a publisher's copyright page is a few hundred."""
_COPYRIGHT = re.compile(r"all rights reserved|\bISBN(?:-1[03])?:? ?[\dX][\dX -]{8,}", re.IGNORECASE)


def is_matter_name(name: str) -> bool:
    folded = " ".join(name.casefold().split()).strip(_END_PUNCTUATION + " ")
    return folded in MATTER_NAMES or folded.startswith(MATTER_PREFIXES)


def without_matter(blocks: Sequence[Block]) -> list[Block]:
    """The blocks less each section named as matter (its heading and what follows, to the next heading)."""
    kept: list[Block] = []
    skipping = False
    for block in blocks:
        if block.heading:
            skipping = is_matter_name(block.text)
        if not skipping:
            kept.append(block)
    return kept


def is_copyright_page(blocks: Sequence[Block]) -> bool:
    """Whether a page of a book is its copyright page: short, and saying "All rights reserved" or an ISBN."""
    size = 0
    for block in blocks:
        size += len(block.text)
        if size > COPYRIGHT_PAGE_CHARS:
            return False
    return any(_COPYRIGHT.search(block.text) for block in blocks)
