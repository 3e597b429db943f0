"""What a word processor's paragraph style says about a paragraph, by the style's name: the same names in Word,
LibreOffice and the RTF they write ("Title", "Heading 1"; Word's RTF says "heading 1")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from enum import Enum
from typing import NamedTuple

from bot.core.readers.chapter_lines import MAX_HEADING_CHARS, is_chapter_line, joined_heading
from bot.core.readers.reader import Block


class StyleRole(Enum):
    TITLE = "title"
    """The document's title, when its properties name none."""
    HEADING = "heading"
    """Names the chapter of the paragraphs after it."""
    LEFT_OUT = "left out"
    """A subtitle, a contents list or an index (its heading and entries): neither text nor a chapter."""
    TEXT = "text"


TITLE_STYLE = "title"
HEADING_STYLE = "heading"
LEFT_OUT_STYLES = re.compile(r"subtitle|(?:toc|contents|index) (?:heading|\d{1,2})|table of figures")
"""Word's "TOC Heading" and "toc 1" to "toc 9" (a contents list's entries, each a chapter's name again, found by a
question about that chapter), "index 1", "Index Heading", "Table of Figures"; LibreOffice's "Contents Heading",
"Contents 1". The whole name: a writer's own style "Index Card" or "Contents of the Letter" holds story text."""


SUBTITLE_STYLE = "subtitle"
"""Word's and LibreOffice's Subtitle: the document's subtitle under its title, left out; right under a heading, that
chapter's name ("Part One" over "The Harbour"), which was lost."""


def with_subtitle(heading: Block, subtitle: str) -> Block:
    """A heading with the subtitle right under it as one name, "Part One: The Harbour" (SUBTITLE_STYLE, an HTML
    paragraph of that class); the heading as it was for an empty subtitle."""
    said = " ".join(subtitle.split())
    return Block(joined_heading([heading.text.strip(), said]), True, heading.level) if said else heading


def style_role(name: str) -> StyleRole:
    folded = name.casefold()
    if folded == TITLE_STYLE:
        return StyleRole.TITLE
    if LEFT_OUT_STYLES.fullmatch(folded):
        return StyleRole.LEFT_OUT
    if folded.startswith(HEADING_STYLE):
        return StyleRole.HEADING
    return StyleRole.TEXT


TITLED_CHAPTER_CHARS = 1000
"""Characters of text, at least, under a document's first Title paragraph before its next for the first to name a
chapter too: a book's title stands over a "by" line, a dedication or nothing."""


def titled_chapters(roles: Sequence[StyleRole], texts: Sequence[str]) -> list[int]:
    """Where paragraphs in the Title style name chapters, `roles` and `texts` being the document's paragraphs': a
    writer who sets every chapter's heading in Title, not Heading 1, has one such paragraph for each, and all but the
    first were lost (only one is the title), the chapters run together. Where two or more hold text, all after the
    first name chapters, and the first does too where it reads as a chapter line ("Chapter 1") or a chapter's worth of
    text stands under it before the next; else it is the book's title. Where one does, it is the title alone."""
    titled = [
        n for n, (role, text) in enumerate(zip(roles, texts, strict=True)) if role is StyleRole.TITLE and text.strip()
    ]
    if len(titled) < 2:
        return []
    first, second = titled[0], titled[1]
    under = sum(len(texts[n].strip()) for n in range(first + 1, second) if roles[n] is StyleRole.TEXT)
    names_book = not is_chapter_line(" ".join(texts[first].split())) and under < TITLED_CHAPTER_CHARS
    # Then only those with text under them: a closing "The End" in Title heads no chapter, and left the story's own
    # title a chapter's (named after its file). Not before the title is told: a collection's title right over its
    # first short piece's was dropped so, and that piece's name taken for the book's.
    with_text = [
        n
        for n, end in zip(titled, [*titled[1:], len(texts)], strict=True)
        if any(roles[m] is StyleRole.TEXT and texts[m].strip() for m in range(n + 1, end))
    ]
    if len(with_text) < 2:
        return []
    return [n for n in with_text if n != first] if names_book else with_text


_LEVEL = re.compile(r"heading (\d{1,2})")
BODY_TEXT_LEVEL = 9
"""Word's outline level 9 (RTF's `\\outlinelevel9`, a Word document's `w:outlineLvl`) is body text; 0 to 8 are
headings'."""


def heading_level(name: str) -> int | None:
    """A heading style's level by its name ("Heading 2": 2); None for a heading style named with no level."""
    found = _LEVEL.fullmatch(name.casefold())
    return int(found.group(1)) if found else None


def outline_heading_level(outline: int | None) -> int | None:
    """The heading level an outline level gives (0: 1, as Word's Navigation pane shows it); None for body text or
    none given."""
    return outline + 1 if outline is not None and 0 <= outline < BODY_TEXT_LEVEL else None


class ChapterStyle(NamedTuple):
    """What a style's name says it sets: a chapter's or a part's ("Chapter Title", "Part Number"), its number alone
    ("Chapter Number": "ONE") or its name."""

    kind: str
    number: bool


_CHAPTER_STYLE = re.compile(
    r"(?:(chapter)(?:[ _-]?+(?:(number|num)|title|heading|head|name|label))?"
    r"|(part)[ _-]?+(?:(number|num)|title|heading|head|name|label))"
)
"""A self-publishing template's own styles ("Chapter Number", "Chapter Title", "Part Title", Kindle Create's "Chapter
Title"), based on Normal, not on a Heading style. A bare "Part" is none: a play's speaker may be set in it."""


def chapter_style(name: str) -> ChapterStyle | None:
    """The chapter or part a style's name says it sets; None for any other name. Only a name: whether its paragraphs
    are headings is for their use to say (bot.core.readers.docx)."""
    found = _CHAPTER_STYLE.fullmatch(" ".join(name.casefold().split()))
    if found is None:
        return None
    chapter_number, part, part_number = found.group(2, 3, 4)
    return ChapterStyle("part" if part else "chapter", bool(chapter_number or part_number))


_SHORT_CHAPTER = re.compile(r"\A(?:ch|chap)(?=[ _-]?(?:num|title|head|name|label))")


def class_chapter_name(classes: str) -> str | None:
    """The style name among an HTML paragraph's class names that says it sets a chapter's number or name, by the rule
    of style names (chapter_style): "chapter-number", "ChapterTitle" (InDesign's and Word's web pages write a
    paragraph style's name as a class), "ch-title" as "chapter-title"; None for any other. A bare "chapter" is none:
    it is the class of many a book's whole chapter."""
    for name in classes.casefold().split():
        name = _SHORT_CHAPTER.sub("chapter", name, count=1)
        if name != "chapter" and chapter_style(name):
            return name
    return None


def used_chapter_styles(paragraphs: Iterable[tuple[str, str, bool]]) -> set[str]:
    """The names of the paragraph styles named for chapters (chapter_style: "Chapter Number", "Chapter Title", based
    on the default style in a self-publishing template) that the document uses as headings, of its paragraphs'
    (style name, text, whether a heading) in order: each of their paragraphs short, of one line, and each (after any
    other such paragraph: a chapter's number over its name) followed by text, not by a heading nor the document's end.
    A template's book had no chapter, its copyright page and "About the Author" read as its story; a style so named
    but set on a story's paragraphs (a long one, or one closing the document) stays text."""
    used: dict[str, bool] = {}
    waiting: list[str] = []  # the chapter styles since the last text, each to be followed by text
    for name, text, heading in paragraphs:
        line = text.strip()
        if not line:
            continue
        if heading:
            used.update(dict.fromkeys(waiting, False))
            waiting = []
        elif chapter_style(name):
            used[name] = used.get(name, True) and len(line) <= MAX_HEADING_CHARS and "\n" not in line
            waiting.append(name)
        else:
            waiting = []
    used.update(dict.fromkeys(waiting, False))
    return {name for name, heading in used.items() if heading}


def chapter_styled(blocks: list[Block], styles: Mapping[int, str]) -> list[Block]:
    """The blocks, those in a paragraph style the document uses for chapters (used_chapter_styles; `styles` names
    each block of text's style by its place) headings, a number over its name one chapter, "ONE: The Hut", as in
    Word (bot.core.readers.docx): OpenDocument's and RTF's."""
    used = used_chapter_styles((styles.get(at, ""), block.text, block.heading) for at, block in enumerate(blocks))
    read: list[Block] = []
    number: tuple[int, ChapterStyle] | None = None  # the block of a chapter's number, its name to come
    heading: int | None = None  # a heading just read: a chapter's title in its style under it is one name with it
    for at, block in enumerate(blocks):
        chapter = chapter_style(styles[at]) if styles.get(at) in used else None
        if chapter is None or block.heading:
            read.append(block)
            number = None if block.heading or block.text.strip() else number
            heading = len(read) - 1 if block.heading else None if block.text.strip() else heading
        elif number and chapter.kind == number[1].kind and not chapter.number:
            read[number[0]] = Block(joined_heading([read[number[0]].text.strip(), block.text.strip()]), heading=True)
            number = None
        elif heading is not None and not chapter.number:  # "Chapter 1" as <h1>, "The Hut" in a chapter title's style
            above = read[heading]
            read[heading] = Block(joined_heading([above.text.strip(), block.text.strip()]), True, above.level)
            heading = None
        else:
            number = (len(read), chapter) if chapter.number else None
            read.append(Block(block.text, heading=True))
    return read
