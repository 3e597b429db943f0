"""Story files by format: each format is one module with a Reader, registered here by its file name endings."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

from bot.core.readers.docx import DocxReader
from bot.core.readers.epub import EpubReader
from bot.core.readers.html import HtmlReader
from bot.core.readers.markdown import MarkdownReader
from bot.core.readers.pdf import PdfReader
from bot.core.readers.reader import Reader
from bot.core.readers.text import TextReader

READERS: dict[str, Reader] = {
    suffix: reader
    for reader in (TextReader(), MarkdownReader(), HtmlReader(), EpubReader(), DocxReader(), PdfReader())
    for suffix in reader.suffixes
}
STORY_SUFFIXES = tuple(READERS)
READING_VERSION = 6
"""Raised whenever a reader reads the same file differently, so saved indexes built before are rebuilt."""
OPTIONAL_LIBRARIES = ("lxml", "python-docx", "pypdf")
"""The `formats` extra's readers: installing, removing or upgrading one changes what is read."""


def reader_for(path: Path | str) -> Reader | None:
    return READERS.get(Path(path).suffix.lower())


def suffix_list() -> str:
    """ ".txt, .md, .html, ..." for messages."""
    return ", ".join(STORY_SUFFIXES)


def reading_signature() -> str:
    """What decides how files are read: the readers' version and the optional libraries installed."""
    versions = []
    for library in OPTIONAL_LIBRARIES:
        try:
            versions.append(f"{library}={metadata.version(library)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{library}=missing")
    return f"{READING_VERSION}|{','.join(versions)}"
