"""FanFicFare's downloads (HTML and plain text), how most readers save a story from fanfiction.net, Archive of Our
Own or Royal Road: the story's chapters without the frame its templates set around them. Its title page (the
category, the characters, the status, the story's URL, the summary) was read as the story and answered from, its
contents list as a chapter, "by author" as part of the title, and "End file." as the last passage; a text download's
chapter lines ("1. The Log", fanfiction.net's way) named no chapter.

Told by FanFicFare's own marks, never by a word a book may use. In HTML (writer_html.py): a <title> "Title by
Author" that the <h1> says again as a link to the story and its author's, a `full` table of `<b>Label:</b>` rows, and
the contents under its `TOCTOP` anchor. In text (writer_txt.py): the title, "by Author" and the title page's
"Label: value" lines, "TABLE OF CONTENTS" over the chapters' names, each chapter's name indented alone on its line,
and "End file." last.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.etree import _Element

CONTENTS_ANCHOR = "TOCTOP"
"""The anchor FanFicFare sets around its contents' heading, the list of links after it."""
TITLE_PAGE_CLASS = "full"
TEXT_CONTENTS = "TABLE OF CONTENTS"
TEXT_END = "End file."
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
"""Blank lines part paragraphs; the indentation after them is kept, a chapter's name told by it."""
_INDENT = ("\t", "        ")
"""How a text download indents a chapter's name: a tab, or the eight spaces it becomes where lines are wrapped (as
they are by default, to 78 characters)."""
_LABEL_CHARS = 40


def is_frame(element: _Element, name: str) -> bool:
    """FanFicFare's heading of title and author, its title page's table, or its contents (the anchor over them and
    the list). `name`: the element's tag without its namespace."""
    if name == "h1":
        return _is_byline(element)
    if name == "table":
        return TITLE_PAGE_CLASS in (element.get("class") or "").split() and _is_title_page(element)
    if name == "a":
        return element.get("name") == CONTENTS_ANCHOR
    if name == "p":
        before = element.getprevious()
        return before is not None and _named(before, "a") and before.get("name") == CONTENTS_ANCHOR
    return False


def work_title(root: _Element, title: str) -> str:
    """The story's own title where the page's <title> is FanFicFare's "Title by Author", its <h1> saying so again
    with the title a link: the link's text; else the <title> as it is."""
    heading = next(root.iter("h1"), None)
    if heading is None or not _is_byline(heading):
        return title
    return " ".join("".join(heading[0].itertext()).split()) or title


def _is_byline(heading: _Element) -> bool:
    """An <h1> as FanFicFare writes it: a link to the story, " by ", its author's link; the page's <title> its text."""
    if len(heading) < 2 or (heading.text or "").strip() or not (_named(heading[0], "a") and _named(heading[1], "a")):
        return False
    if (heading[0].tail or "").strip() != "by":
        return False
    title = next(heading.getroottree().getroot().iter("title"), None)
    said = " ".join("".join(heading.itertext()).split())
    return title is not None and " ".join("".join(title.itertext()).split()) == said


def _named(element: _Element, name: str) -> bool:
    """Whether the element is one of that tag, in a namespace or none (not a comment, whose tag is no name)."""
    return isinstance(element.tag, str) and element.tag.rpartition("}")[2] == name


def _is_title_page(table: _Element) -> bool:
    """Every row a bold label ending in a colon over its value, as FanFicFare's title page sets its metadata."""
    rows = 0
    for row in table.iter("tr"):
        cells = [cell for cell in row if _named(cell, "td")]
        label = cells[0][0] if cells and len(cells[0]) else None
        if label is None or not _named(label, "b") or not "".join(label.itertext()).strip().endswith(":"):
            return False
        rows += 1
    return rows > 0


def text_download(text: str) -> tuple[str, list[tuple[str | None, str]]] | None:
    """A FanFicFare text download's title and its chapters (each's name, and its text), None where the text is not
    one. Its frame (the title, "by Author", the title page's lines, the contents, "End file.") is no chapter's. Every
    text file is asked: one that does not end so is told at once, without its paragraphs split."""
    if not text.rstrip().endswith(TEXT_END):
        return None
    paragraphs = [paragraph for paragraph in _BLANK_LINES.split(text.strip("\n")) if paragraph.strip()]
    if len(paragraphs) < 4 or paragraphs[-1].strip() != TEXT_END or not paragraphs[1].startswith("by "):
        return None
    title = paragraphs[0].strip()
    first = next((n for n in range(2, len(paragraphs) - 1) if paragraphs[n].startswith(_INDENT)), None)
    if "\n" in title or "\n" in paragraphs[1] or first is None:
        return None
    header = [" ".join(paragraph.split()) for paragraph in paragraphs[2:first]]
    contents = header.index(TEXT_CONTENTS) if TEXT_CONTENTS in header else len(header)
    if contents and not _is_title_page_text(paragraphs[2]):
        return None
    body = paragraphs[first:-1]
    return title, _chapters(body, header[contents + 1 :] or [" ".join(body[0].split())])


def _is_title_page_text(paragraph: str) -> bool:
    """The title page's lines: the first a "Label: value" (a long value wraps onto lines of its own)."""
    label, colon, value = paragraph.partition("\n")[0].partition(": ")
    return bool(colon and value) and 0 < len(label) <= _LABEL_CHARS and label[0].isupper() and not label[0].isspace()


def _chapters(body: list[str], names: list[str]) -> list[tuple[str | None, str]]:
    """The body parted at each chapter's name, in the contents' order, where it stands indented alone."""
    chapters: list[tuple[str | None, list[str]]] = [(None, [])]
    expected = 0
    for paragraph in body:
        said = " ".join(paragraph.split())
        if expected < len(names) and paragraph.startswith(_INDENT) and said == names[expected]:
            chapters.append((said, []))
            expected += 1
        else:
            chapters[-1][1].append(paragraph)
    return [(name, "\n\n".join(text)) for name, text in chapters if name is not None or text]
