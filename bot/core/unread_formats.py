"""Books in formats no reader here reads, told from files that are no books, so that each is named with the step that
makes it readable: an owner whose library is a Kindle folder saw every book "ignored" in one line with Thumbs.db,
most of them behind "and 8 more", and no hint that Calibre converts them."""

from __future__ import annotations

import enum


class UnreadFormat(enum.StrEnum):
    """A kind of book file no reader reads, by what makes it readable. Stable: kept in saved indexes."""

    KINDLE = "kindle"
    """MOBI, AZW, AZW3: Calibre converts them to EPUB."""
    KINDLE_KFX = "kindle_kfx"
    """KFX, which the Kindle app writes: Calibre converts it only with its KFX Input plugin."""
    EBOOK = "ebook"
    """Other e-book formats Calibre converts to EPUB: Microsoft Reader, Palm, Sony."""
    WORD_PROCESSOR = "word_processor"
    """Word 97-2003, Works, WordPerfect, Word Pro: their program saves them as .docx, .odt or .rtf."""
    PAGES = "pages"
    """Apple Pages, which exports to Word."""
    ARCHIVE = "archive"
    """A zip or other archive: its stories are read once it is unpacked into the folder."""
    PAGE_IMAGES = "page_images"
    """Comic book archives and DjVu: pictures of pages, no text to search."""
    SCRIVENER = "scrivener"
    """A Scrivener project, a folder of its scenes, notes and snapshots: Scrivener compiles it to one book."""


_SUFFIXES = {
    UnreadFormat.KINDLE: (".mobi", ".azw", ".azw3", ".prc"),
    UnreadFormat.KINDLE_KFX: (".kfx", ".kfx-zip"),
    UnreadFormat.EBOOK: (".lit", ".pdb", ".lrf", ".snb", ".tcr"),
    UnreadFormat.WORD_PROCESSOR: (".doc", ".dot", ".wps", ".wpd", ".lwp", ".sxw"),
    UnreadFormat.PAGES: (".pages",),
    UnreadFormat.ARCHIVE: (".zip", ".rar", ".7z", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz"),
    UnreadFormat.PAGE_IMAGES: (".cbz", ".cbr", ".cb7", ".djvu", ".djv"),
    UnreadFormat.SCRIVENER: (".scriv",),
}
_BY_SUFFIX = {suffix: kind for kind, suffixes in _SUFFIXES.items() for suffix in suffixes}

SYSTEM_FILES = frozenset({"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"})
"""Files Windows and macOS leave in any folder they show (macOS's others begin with a dot, passed over already):
they are no one's, and named among the files that are not stories they hid those that are."""


def unread_format(name: str) -> UnreadFormat | None:
    """The kind of book a file of no story format is, by its name's ending; None for any other file."""
    lowered = name.lower()
    dot = lowered.rfind(".")
    if dot < 0:
        return None
    second = lowered.rfind(".", 0, dot)
    if second >= 0 and lowered[second:] in _BY_SUFFIX:  # ".tar.gz" before ".gz"
        return _BY_SUFFIX[lowered[second:]]
    return _BY_SUFFIX.get(lowered[dot:])


def is_system_file(name: str) -> bool:
    """Whether a file is one the system left in the folder, which no one needs told about."""
    return name.lower() in SYSTEM_FILES


PACKAGES = frozenset({UnreadFormat.SCRIVENER, UnreadFormat.PAGES})
"""Kinds macOS keeps as a folder shown as one file (a package), which is a book as a whole: the files within are no
stories of their own (a Scrivener project's notes, synopses and old snapshots were read as stories, each scene one
called "Content")."""


def unread_package(name: str) -> UnreadFormat | None:
    """The kind of book a folder is, where it is a package of one; None for any other folder."""
    kind = unread_format(name)
    return kind if kind in PACKAGES else None
