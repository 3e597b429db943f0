"""Archive of Our Own's downloads (HTML, and the EPUBs Calibre makes of them): the work's text without what the
archive sets around it. Its preface (the tags, the stats, the summary, the author's notes), its afterword (end notes,
"Please drop by the archive and comment") and each chapter's notes were read as the story, and answered from.

Told by AO3's own marks, never by a word a book may use: a `preface` or `afterword` block whose message links to
archiveofourown.org, and the notes AO3 sets in a chapter's `meta` block as a label over a `userstuff` quote.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

FRAMES = frozenset({"preface", "afterword"})
NOTE_LABELS = frozenset(
    {"summary", "notes", "end notes", "chapter summary", "chapter notes", "chapter end notes", "series this work"}
)
"""The labels AO3 writes over the author's notes in a work's and a chapter's `meta` blocks."""
SITE = "archiveofourown.org"
TITLE_END = "[Archive of Our Own]"
"""How AO3 ends a download's <title>: "Title - Author - Fandom [Archive of Our Own]"."""


def is_frame(element: _Element) -> bool:
    """A download's preface or afterword: AO3's block of that id, its message linking to the archive."""
    if element.get("id") not in FRAMES:
        return False
    return any(
        SITE in (link.get("href") or "")
        for message in element.iter("{*}p", "p")
        if "message" in _classes(message)
        for link in message.iter("{*}a", "a")
    )


def is_note(element: _Element, name: str) -> bool:
    """An author's note in a chapter's or the work's `meta` block: its label ("Chapter Notes") or its quote. `name`:
    the element's tag without its namespace."""
    if name == "blockquote":
        noted = "userstuff" in _classes(element)
    else:
        noted = name == "p" and " ".join((element.text or "").split()).casefold() in NOTE_LABELS
    parent = element.getparent() if noted else None
    return parent is not None and "meta" in _classes(parent)


def work_title(root: _Element, title: str) -> str:
    """The work's own title where the page's <title> is AO3's "Title - Author - Fandom [Archive of Our Own]": the
    preface message's bold title, else the <title> as it is."""
    if not title.rstrip().endswith(TITLE_END):
        return title
    for message in root.iter("{*}p", "p"):
        if "message" in _classes(message):
            bold = next(message.iter("{*}b", "b"), None)
            named = " ".join("".join(bold.itertext()).split()) if bold is not None else ""
            if named:
                return named
    return title


def _classes(element: _Element) -> list[str]:
    return (element.get("class") or "").split()
