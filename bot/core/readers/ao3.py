"""Archive of Our Own's downloads (HTML, and the EPUBs and PDFs Calibre makes of them): the work's text without what
the archive sets around it. Its preface (the tags, the stats, the summary, the author's notes), its afterword (end
notes, "Please drop by the archive and comment") and each chapter's notes were read as the story, and answered from.

Told by AO3's own marks, never by a word a book may use: a `preface` or `afterword` block whose message links to
archiveofourown.org, and the notes AO3 sets in a chapter's `meta` block as a label over a `userstuff` quote. A PDF
keeps no blocks, only their words: its messages ("Posted originally on the Archive of Our Own at" the work's address,
and "Please drop by the archive and comment...") and labels, as AO3's templates write them (pdf_ao3.py). A work's
page saved from the archive in a browser is told by its <title>, AO3's, and its `#workskin`, which holds the work:
only its chapters' text is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

AFTERWORD = "afterword"
FRAMES = frozenset({"preface", AFTERWORD})
"""The ids of AO3's blocks around the work, and the headings it sets over them."""
WORK_LABELS = frozenset({"summary", "notes"})
"""The labels over the work's summary and notes in its preface."""
CHAPTER_LABELS = frozenset({"chapter summary", "chapter notes"})
"""The labels over a chapter's summary and notes, under its heading."""
CHAPTER_END_LABEL = "chapter end notes"
"""The label over a chapter's end notes, after its text."""
NOTE_LABELS = WORK_LABELS | CHAPTER_LABELS | {CHAPTER_END_LABEL, "end notes", "series this work"}
"""The labels AO3 writes over the author's notes in a work's and a chapter's `meta` blocks."""
SITE = "archiveofourown.org"
POSTED = "Posted originally on the Archive of Our Own at"
"""How the preface's message begins, the work's address on the archive after it."""
CLOSING = ("Please drop by the archive and comment to let the", "know if you enjoyed their work!")
"""How the afterword's message, the download's last words, begins and ends ("the creator", "the author" before)."""
ENDNOTE_LINKS = frozenset(
    f"see the end of the {part} for {more}notes" for part in ("work", "chapter") for more in ("", "more ")
)
"""The line AO3 sets under a work's or a chapter's notes where it has end notes too."""
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


PAGE_FRAMES = frozenset({"summary", "notes", "landmark"})
"""Classes of what a work's page on the archive sets around its chapters' text within `#workskin`: the work's and
each chapter's summary and notes modules, and the headings for screen readers its style sheet hides ("Chapter
Text")."""


@dataclass(frozen=True)
class SavedWork:
    """A work's page saved from the archive: the work's title, and the element holding its chapters' text alone."""

    title: str | None
    text: _Element


def saved_work(root: _Element, title: str) -> SavedWork | None:
    """A work's page saved from the archive (File > Save Page As, its <title> AO3's): its `#workskin`, the work's
    title and chapters, without the work's preface, the summaries, notes and hidden headings in it; the site's menus,
    the tags and stats, the kudos and readers' comments around it are no story. None for any other page."""
    if not title.rstrip().endswith(TITLE_END):
        return None
    skin = next((element for element in root.iter("{*}div", "div") if element.get("id") == "workskin"), None)
    if skin is None:
        return None
    heading = next((h for h in skin.iter("{*}h2", "h2") if "title" in _classes(h)), None)
    named = " ".join("".join(heading.itertext()).split()) if heading is not None else ""
    framed = [
        element
        for element in skin.iter()
        if PAGE_FRAMES & set(_classes(element))
        or ({"preface", "group"} <= set(_classes(element)) and "chapter" not in _classes(element))
    ]
    for element in framed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return SavedWork(named or None, skin)


def squeezed(text: str) -> str:
    """Text without its white space, in one case: a message as the same words wherever its lines break."""
    return "".join(text.split()).casefold()


def posted_end(text: str) -> int | None:
    """Where in text (lines joined, squeezed) the preface's message ends, "Posted originally on the Archive of Our Own
    at" a work's address on the archive, or None where it holds none."""
    posted = squeezed(POSTED)
    at = text.find(posted)
    address = f"{SITE}/works/"
    found = text.find(address, at + len(posted), at + len(posted) + len(f"https://www.{address}")) if at >= 0 else -1
    return found + len(address) if found >= 0 else None


def is_closing(text: str) -> bool:
    """Whether text (lines joined, squeezed) is the afterword's message: "Please drop by the archive and comment to
    let the creator know if you enjoyed their work!"."""
    return text.startswith(squeezed(CLOSING[0])) and text.endswith(squeezed(CLOSING[1]))


def is_endnote_link(text: str) -> bool:
    """Whether a line is AO3's "See the end of the chapter for more notes" under a work's or a chapter's notes."""
    return " ".join(text.strip("(). ").split()).casefold() in ENDNOTE_LINKS


def _classes(element: _Element) -> list[str]:
    return (element.get("class") or "").split()
