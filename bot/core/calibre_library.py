"""A Calibre library as the corpus folder (or in it): each book a folder "Author/Title (id)/" holding its Calibre
record, `metadata.opf`, its `cover.jpg` and one file per format kept ("Title - Author.epub", ".txt"…), and the
library's database, `metadata.db`, at its top. Each book was read once per format, a TXT copy titled "The Salt Road
Margaret Lindqvist" after Calibre's file name, and Calibre's own files were warned about at every start."""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path

from bot.core.readers.markup import local_name, parse_xml, text_of

BOOK_RECORD = "metadata.opf"
BOOK_FILES = frozenset({BOOK_RECORD, "cover.jpg"})
"""What Calibre keeps beside a book's formats in its folder: no book of their own."""
LIBRARY_DATABASE = "metadata.db"
LIBRARY_FILES = frozenset({LIBRARY_DATABASE, "metadata_db_prefs_backup.json", "full-text-search.db"})
"""What Calibre keeps at its library's top, beside LIBRARY_DATABASE."""
FORMATS_BEST_FIRST = (
    ".epub",
    ".docx",
    ".odt",
    ".fb2",
    ".fb2.zip",
    ".html",
    ".xhtml",
    ".htm",
    ".rtf",
    ".pdf",
    ".md",
    ".txt",
)
"""A book's formats by how much of it its reader reads: chapters, titles and paragraphs marked by the format itself
first; a PDF's laid-out pages, whose paragraphs and running heads are found from where its lines stand, before a text
Calibre converts with its chapters as plain lines."""
MAX_RECORD_BYTES = 1024 * 1024
"""The largest `metadata.opf` read (Calibre's are a few KB; a long description makes tens)."""
CALIBRE_MARK = b'scheme="calibre"'
"""What Calibre's record says of its book's id (`<dc:identifier opf:scheme="calibre">12</dc:identifier>`)."""


def is_book_folder(folder: Path, names: Collection[str]) -> bool:
    """Whether a folder is a book's in a Calibre library: named "Title (id)", holding Calibre's record of it."""
    return _named_as_book(folder) and BOOK_RECORD in names and CALIBRE_MARK in _record(folder / BOOK_RECORD)


def _named_as_book(folder: Path) -> bool:
    """Whether a folder is named as Calibre names a book's: "Title (id)", its id in the library's database."""
    head, bracket, number = folder.name.rpartition(" (")
    return bool(head and bracket) and number.endswith(")") and number[:-1].isdigit()


def book_formats(names: Collection[str]) -> list[str]:
    """A book's files that a reader reads, best first (FORMATS_BEST_FIRST): the first is read for it, and each next
    one where those before give no story. Hidden files are no format of it (the folder's walk passes them over)."""
    in_order = sorted(name for name in names if not name.startswith("."))
    found = (name for suffix in FORMATS_BEST_FIRST for name in in_order if name.lower().endswith(suffix))
    return list(dict.fromkeys(found))


def best_format(names: Collection[str]) -> str | None:
    """The one of a book's files read for it (FORMATS_BEST_FIRST); None where no reader reads any."""
    return next(iter(book_formats(names)), None)


def beside_book(folder: Path, names: Collection[str]) -> tuple[Path, ...]:
    """The files of a Calibre book's folder its story comes from besides the best format's: Calibre's record, which
    titles it, and the book's other formats, read where those before them give no story."""
    return (folder / BOOK_RECORD, *(folder / name for name in book_formats(names)[1:]))


def next_formats(path: Path, listed: dict[Path, list[str]]) -> list[Path]:
    """The formats of the Calibre book a file is after it, best first: read in turn where it gives no story (a book
    bought with DRM, kept beside a text Calibre converted); none for a file in no book's folder. Each folder is listed
    once and kept in `listed` (its book's formats, or none), however many of its files give no story."""
    folder = path.parent
    formats = listed.get(folder)
    if formats is None:
        try:
            names = os.listdir(folder) if _named_as_book(folder) else []
        except OSError:
            names = []
        formats = listed[folder] = book_formats(names) if names and is_book_folder(folder, names) else []
    return [folder / name for name in formats[formats.index(path.name) + 1 :]] if path.name in formats else []


def is_calibre_own(name: str, names: Collection[str]) -> bool:
    """Whether a file in a folder is one of the library's own (`metadata.db` and the files Calibre keeps beside
    it), told by the database standing in the same folder."""
    return name in LIBRARY_FILES and LIBRARY_DATABASE in names


def book_title(path: Path) -> str:
    """The title Calibre's record gives the book a file in a Calibre book folder is ("" for any other file, or a
    record that gives none): the owner's title for it, not Calibre's file name "Title - Author"."""
    if not _named_as_book(path.parent):
        return ""
    record = _record(path.parent / BOOK_RECORD)
    if CALIBRE_MARK not in record:
        return ""
    try:
        root = parse_xml(record, "Calibre")
    except ValueError:
        return ""
    for element in root.iter():
        if isinstance(element.tag, str) and local_name(element) == "title":
            return " ".join(text_of(element).split())
    return ""


def _record(path: Path) -> bytes:
    """A book's `metadata.opf` ("" where it cannot be read, or is larger than any Calibre writes)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_RECORD_BYTES + 1)
    except OSError:
        return b""
    return data if len(data) <= MAX_RECORD_BYTES else b""
