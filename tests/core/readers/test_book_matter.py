"""A book's matter (copyright lines, contents, notes, "About the Author", "Also by") as pandoc and LibreOffice write
it in every format, read from the files they made of tests/fixtures/formats/book.md (its README says how)."""

import shutil
from pathlib import Path

import pytest

from bot.core.corpus import load_corpus
from tests.core.readers.format_fixtures import FIXTURES
from tests.core.readers.lighthouse import CHAPTERS, check_story

pytest.importorskip("docx", reason="these readers need the formats extra: pip install -e '.[formats]'")

DEDICATION = {"Dedication": ["For the keepers of every northern light."]}
MATTER = ["Skarvik Press", "All rights reserved", "Nordkinn", "grew up in a lighthouse", "Cloudberry Jam", "Contents"]
"""The copyright lines, the note, "About the Author", the list of the author's other books, a contents list."""


def copied(name: str, folder: Path) -> Path:
    """The fixture, named as its title says (pandoc's RTF gives none: the file's name names it)."""
    target = folder / f"the-lighthouse-keeper{Path(name).suffix}"
    shutil.copy(FIXTURES / name, target)
    return target


@pytest.mark.parametrize(
    "name",
    [
        "book-pandoc.docx",
        "book-pandoc.odt",
        "book-pandoc.rtf",
        "book-pandoc.fb2",
        "book-pandoc.html",
        "book-pandoc.epub",
        "book-pandoc-epub2.epub",
        "book-libreoffice.docx",
        "book-libreoffice.rtf",
        "book-libreoffice.html",
    ],
)
def test_a_books_matter_as_pandoc_and_libreoffice_write_it_is_no_story_text(tmp_path, name):
    # Only EPUB's matter was found, and not pandoc's: its copyright page is headed by the book's title, and its
    # EPUB 2 title page counted as the story's first page. A Word, OpenDocument, RTF, FictionBook or HTML book kept
    # its title page's lines, its copyright lines before the first chapter, and "About the Author" and "Also by"
    # after the last, as story text.
    copied(name, tmp_path)
    library = check_story(tmp_path, chapters=DEDICATION | CHAPTERS)
    texts = " ".join(p.text for p in library.corpus.passages)
    assert [left_out for left_out in MATTER if left_out in texts] == []


def test_libreoffices_epub_reads_each_chapter_heading_once(tmp_path):
    # LibreOffice's EPUB writes a heading as a paragraph in a style of its own, after the navigation's name for the
    # page: the chapter's name was read again as its first paragraph.
    copied("book-libreoffice.epub", tmp_path)
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert {name: found.get(name) for name in DEDICATION | CHAPTERS} == DEDICATION | CHAPTERS
