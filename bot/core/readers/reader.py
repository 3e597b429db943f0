"""The one interface every story format has: bytes in, a title and blocks of text out.

A new format is one new module with a `Reader` in it, listed in `readers/__init__.py`. Readers know
nothing of passages: the corpus numbers the blocks, splits long ones and files them under chapters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from bot.core.invisible_characters import CONTROL_CHARACTERS
from bot.core.readers.attributions import is_attribution
from bot.core.readers.chapter_lines import (
    HEADING_ENDS,
    is_bare_chapter_line,
    is_chapter_line,
    is_subtitle,
    joined_heading,
)
from bot.core.readers.counted_chapters import counted_chapters
from bot.core.readers.run_on_paragraphs import runs_on
from bot.core.skipped import Cause, Refusal, StoryRefused

ROW_SEPARATOR = " | "
"""Between a table row's cells read as one passage (HTML's, EPUB's, Markdown's): the pipe a Markdown table's row is
written with, which no cell's own punctuation is taken for (a cell may end in "." or hold ";" and ","; "; " made
"Never.; salt"); a row of "Wren", "Berit" and "herring" is "Wren | Berit | herring", each word beside those it is
said with."""


def joined_row(cells: Sequence[tuple[str, bool]]) -> str:
    """A table row's cells with text as one passage, as every reader of tables reads a row whose cells each hold a
    paragraph at most (a list of names, a form, a play's speaker and speech): a speaker's cell (Standard Ebooks'
    `z3998:persona`, the True beside it) and the speech after it as "Olof: Will you sell the hut?", as a play's text
    says it, and so a cell ending in a colon and the next ("Captain:", "Berit"); others with ROW_SEPARATOR between
    them. Each cell a passage, "Who captains the Wren?" found no passage holding both "Wren" and "Berit"."""
    joined = ""
    for n, (cell, _) in enumerate(cells):
        if n == 0:
            joined = cell
        elif cells[n - 1][1]:
            joined += (" " if joined[-1] in HEADING_ENDS else ": ") + cell
        elif joined.endswith(":"):
            joined += " " + cell
        else:
            joined += ROW_SEPARATOR + cell
    return joined


LETTER_OR_DIGIT = re.compile(r"[^\W_]")
"""A character for which str.isalnum() holds: a block with none (a scene break's stars, a rule) is no passage."""


@dataclass(frozen=True)
class Block:
    """A paragraph of a story, or a heading that names the chapter of the paragraphs after it."""

    text: str
    heading: bool = False
    level: int | None = None
    """A heading's level where the document gives one (1 the highest: Heading 1, a top section); None: not known."""
    linked_arrow: bool | None = None
    """Where the paragraph ends in "↩", whether that arrow is a link within the document (a note's link back to its
    mark) or the story's own text ("she pressed ↩"), where the document keeps links (HTML, EPUB, Word, OpenDocument);
    None: not known (formats that keep no links, or no arrow). bot.core.readers.plain_notes takes no paragraph whose
    arrow is no link for a note."""
    after_break: bool = False
    """Whether a scene break ("* * *", a rule, a Markdown thematic break) stands between the paragraph and the one
    before it: the break shows no text and is no passage, but a question's line and its reply, or a letter's lines,
    are never read into one passage across it (bot.core.corpus)."""
    epigraph: bool = False
    """Whether the paragraph is an epigraph the document marks so (HTML's, EPUB's): the story's text, but none of a
    part page's own, which would keep the part's name from its chapters' (bot.core.readers.epub)."""


SCENE_BREAK = "* * *"
"""The text a reader gives a scene break its format marks without text (HTML's <hr>): a block of no letter or digit,
as a typed "* * *" is, which typed_chapters reads as the next paragraph's after_break."""


@dataclass(frozen=True)
class StoryText:
    title: str | None
    """From the file itself (metadata, a title line); None: the corpus names it after the file."""
    blocks: list[Block]
    """Paragraphs and headings in reading order."""


class Reader(Protocol):
    # Read-only members, so that a reader's class attributes (`suffixes = (".txt",)`) match them.
    @property
    def suffixes(self) -> tuple[str, ...]:
        """File name endings it reads, lower case, with the dot."""
        ...

    @property
    def name(self) -> str:
        """What the format is called in messages ("EPUB")."""
        ...

    def read(self, raw: bytes) -> StoryText:
        """The story in these bytes; raises StoryRefused (a ValueError) with why, as data (bot.messages words it)."""
        ...


class ExtraMissing(StoryRefused):
    """The format's reader needs packages of an optional extra that is not installed."""

    def __init__(self, format_name: str, extra: str = "formats"):
        super().__init__(Refusal(cause=Cause.NEEDS_READER, format=format_name, detail=extra))


_BULLET = re.compile(r"[\u2022\u25e6\u25aa\u25ab\u2023\u2043\u25cf\u25cb\u25a0\u25a1]\s+")
"""A list's bullet written as text before an item (pandoc's FictionBook and RTF, Calibre's EPUB of a Word file):
"• The first lamp". A dash is no bullet: it opens a line of dialogue in Russian and French."""


def clean(text: str) -> str:
    """Text from a document without control characters, its white space runs made single spaces."""
    return " ".join(text.translate(CONTROL_CHARACTERS).split())


PLACEHOLDER_TITLES = frozenset({"Unknown", "Unknown Title"})
"""What producers write as a document's title when it was given none: Calibre's conversions ("Unknown", in EPUB,
FictionBook and RTF), LibreOffice's EPUB export ("Unknown Title"). No title of its own: the story is named after its
file, not "Unknown" beside every other such file."""
_PLACEHOLDER = re.compile(
    r"(?:document|untitled)[ -]?\d{1,4}|untitled document(?: \d{1,4})?|microsoft word - .*|.+\.(?:docx?|odt|rtf|pdf)"
)
"""A document's title that a program made, the writer never gave (compared folded): Word's "Document1" and Google
Docs' "Untitled document", LibreOffice's "Untitled 1" (a poem's "Untitled", with no number, is its own); the title
Acrobat's printer (Distiller, PDFMaker) gives a PDF printed from Word, "Microsoft Word - salt_road_FINAL_v3.docx"; a
file's name, its ending and all."""
_BROWSER_FRAME = (" - google docs", " - google drive")
"""What a browser's "Save as PDF" of a Google document adds to its name, the tab's title: "The Salt Road - Google
Docs"."""
_TEMPLATE = re.compile(r"\btemplates?\b")
"""A title kept from the template a book was begun in ("6x9 Novel Template"): the page's title, where it gives one,
is the book's."""


def known_title(title: str | None) -> str | None:
    """A document's title as its metadata gives it, less what a program made of it (_BROWSER_FRAME); None where a
    program made it whole (PLACEHOLDER_TITLES, _PLACEHOLDER). Such titles were every answer's story name ("Microsoft
    Word - salt_road_FINAL_v3.docx", "Document1"), the title on the page dropped as a title page's."""
    title = clean(title or "")
    folded = title.casefold()
    for frame in _BROWSER_FRAME:
        if folded.endswith(frame):
            title, folded = title[: -len(frame)].rstrip(), folded[: -len(frame)].rstrip()
    if not title or title in PLACEHOLDER_TITLES or _PLACEHOLDER.fullmatch(folded):
        return None
    return title


def chosen_title(metadata: str | None, page: str | None) -> str | None:
    """The story's title: its metadata's (known_title), else the one its page gives (a Title paragraph, a title
    page's, a lone first heading), which is also the one where the metadata's is a template's ("6x9 Novel
    Template")."""
    title = known_title(metadata)
    if title is None or _TEMPLATE.search(title.casefold()):
        return clean(page or "") or title
    return title


def story_text(title: str | None, blocks: Iterable[Block], author: str | None = None) -> StoryText:
    """A document's story: its text cleaned, and empty blocks, headings that repeat the title, a "by Author" line, and
    the title and the author's name as lines of a title page before the story's first paragraph (LibreOffice's and
    pandoc's; the name may be set large, as LaTeX's title sets it, a heading) left out, and a list's bullet written as
    text before its item. A paragraph that says its heading again is the story's, and so is one that says the title
    said once already: a poem titled by its first line. A producer's placeholder for no title is none; with no title,
    or a template's, a lone first heading is it (chosen_title, heading_title)."""
    blocks = typed_chapters(blocks, title)
    title = chosen_title(title, heading_title(blocks))
    byline = f"by {clean(author)}".casefold() if author else None
    repeated = title.casefold() if title else None
    title_page = {repeated, clean(author).casefold() if author else None} - {None}
    kept: list[Block] = []
    opening = True  # no paragraph of the story yet: a title page's lines may stand here
    listed = False  # the block kept last is a list's item, its bullet written as text
    run_on: list[str] = []  # the paragraphs run on into the block kept last, joined once it is done: each join
    # copying the text so far was quadratic in a document converted from a PDF a line to a paragraph
    for block in blocks:
        text = clean(block.text)
        bullet = _BULLET.match(text)
        if bullet:
            text = text[bullet.end() :]
        folded = text.casefold()
        if not text or folded == byline:
            continue
        if block.heading and folded == repeated:
            title_page.discard(folded)  # the title said: a title page says it once
            continue
        if block.heading and opening and folded in title_page:
            title_page.discard(folded)  # the author's name, set as large as a heading
            continue
        if not block.heading:
            if opening and folded in title_page:
                title_page.discard(folded)
                continue
            opening = False
        if _continues_last(kept, run_on, block, text) and not bullet and not listed:
            run_on.append(text)
            continue
        _joined_into_last(kept, run_on)
        listed = bool(bullet)
        kept.append(Block(text, block.heading, block.level, after_break=block.after_break))
        run_on = [text]
    _joined_into_last(kept, run_on)
    return StoryText(title, kept)


def _continues_last(kept: list[Block], run_on: list[str], block: Block, text: str) -> bool:
    """Whether a paragraph continues the sentence the paragraph kept before it (`run_on`, as it stands) ends in
    (run_on_paragraphs), or is that paragraph's attribution (attributions), with no heading or scene break between
    them."""
    if not kept or block.heading or block.after_break or kept[-1].heading:
        return False
    return runs_on(run_on, text) or is_attribution(text)


def _joined_into_last(kept: list[Block], run_on: list[str]) -> None:
    """The block kept last with the paragraphs that ran on into it."""
    if len(run_on) > 1:
        kept[-1] = replace(kept[-1], text=" ".join(run_on))


def typed_chapters(blocks: Iterable[Block], title: str | None = None) -> list[Block]:
    """The blocks less those of no letter or digit (without_breaks), and, in a document with no
    heading at all, its lines that read as chapter lines ("Chapter 1", "CHAPTER TWO", "Prologue") as headings: a
    manuscript typed in Word or compiled by Scrivener sets its chapters so, and had none, its "Chapter 1" a passage of
    its own. A short line that reads as a name right under a chapter line with none ("Chapter 2" over "The Storm", a
    manuscript's two bold centred lines) is its name, "Chapter 2: The Storm", as in a `.txt` file: it was the
    chapter's first passage, answering "What happened in the storm?" with two words. The line under a title that
    reads as a chapter line (a story titled "Chapter One", its author's name under it) is not its name. Chapters
    numbered and nothing more ("1.", "2. The Calm") are headings where they count up as chapters do
    (counted_chapters)."""
    kept = without_breaks(blocks)
    if any(block.heading for block in kept):
        return kept
    counted = counted_chapters([clean(block.text) for block in kept])  # "1.", "2.", "3." over chapters of text
    typed: list[Block] = []
    for number, block in enumerate(kept):
        line = clean(block.text) if "\n" not in block.text else ""
        if (
            typed
            and typed[-1].heading
            and is_bare_chapter_line(typed[-1].text)
            and _names_chapter(line)
            and clean(typed[-1].text).casefold() != (title or "").casefold()
        ):
            typed[-1] = Block(joined_heading([typed[-1].text, line]), heading=True)
        else:
            typed.append(Block(line, heading=True) if is_chapter_line(line) or number in counted else block)
    return typed


def _names_chapter(line: str) -> bool:
    return bool(line) and is_subtitle(line) and not is_chapter_line(line)


def without_breaks(blocks: Iterable[Block]) -> list[Block]:
    """The blocks less those of no letter or digit (scene breaks, "* * *", "#", a rule: no passage), each paragraph
    after one marked after_break (a heading after one parts the paragraphs already)."""
    kept: list[Block] = []
    broken = False  # a block of no letter or digit since the last kept
    for block in blocks:
        if not block.heading and LETTER_OR_DIGIT.search(block.text) is None:
            broken = bool(kept)
            continue
        if broken and not block.heading and not block.after_break:
            block = replace(block, after_break=True)
        kept.append(block)
        broken = False
    return kept


def heading_title(blocks: Sequence[Block]) -> str | None:
    """The story's title where a document's metadata gives none: its first heading, before any text, when no heading
    after it stands as high (chapters under it a level lower, or none). pandoc and LibreOffice write Markdown's
    `# The Mill` so, in every format, and so does a writer's Word file opened with a Heading 1: it was the story's
    chapter, the file's name its title. A book's "Chapter 1" with "Chapter 2" at its level after it is no title, nor
    a heading that reads as a chapter's ("Chapter One", "PROLOGUE", "IV", as a `.txt` file's first line is none), nor
    one whose level the reader does not know."""
    first = next((n for n, block in enumerate(blocks) if clean(block.text)), None)
    level = blocks[first].level if first is not None and blocks[first].heading else None
    if first is None or level is None or is_chapter_line(clean(blocks[first].text)):
        return None
    found, after = blocks[first], blocks[first + 1 :]
    if any(block.heading and (block.level is None or block.level <= level) for block in after):
        return None
    if not any(not block.heading and clean(block.text) for block in after):
        return None  # a heading alone: the story's only words
    return clean(found.text)
