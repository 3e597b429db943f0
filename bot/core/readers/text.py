"""Plain-text stories (`.txt`), Project Gutenberg's books among them.

Gutenberg's license header and footer are dropped and its `Title:` line is the title, and FanFicFare's frame
around a download's chapters (fanficfare.py) is; otherwise a title block typed over the story (title_block.py) or a
short first line followed by a blank line is (front matter and `# Title` still come first), its "by" line under it
left out, and a subtitle over that line. Chapter
lines (`CHAPTER I.`, `Chapter 1`, `BOOK II`, `STAVE ONE`, a Roman numeral alone) name the chapters
of the paragraphs after them, a contents list of them, one of titles and an index under their names
(listed_matter.py) and scene breaks (`*   *   *`) are dropped, and
hard-wrapped lines are joined into paragraphs, parted at each indented line where the text marks its paragraphs so
alone (indented_paragraphs.py). Every check looks at a line of at most a few dozen
characters: loading stays linear.
"""

from __future__ import annotations

from bot.core.readers import fanficfare, gutenberg
from bot.core.readers.authors_notes import without_authors_note, without_authors_notes
from bot.core.readers.book_matter import book_matter_left_out
from bot.core.readers.bracketed_notes import without_bracketed_notes
from bot.core.readers.chapter_lines import (
    ENDINGS,
    MAX_HEADING_CHARS,
    is_chapter_line,
    is_subtitle,
    reads_as_a_name,
)
from bot.core.readers.counted_chapters import counted_chapters
from bot.core.readers.gutenberg_notes import without_gutenberg_notes
from bot.core.readers.indented_paragraphs import indent_parted
from bot.core.readers.line_hyphens import LineHyphens
from bot.core.readers.listed_matter import without_listed_matter
from bot.core.readers.markdown_inline import UNDERSCORES, without_emphasis
from bot.core.readers.part_names import with_parts_named
from bot.core.readers.plain_notes import is_backlinked_note, without_plain_notes
from bot.core.readers.plain_text import decoded, leading_heading, paragraphs_of, split_title
from bot.core.readers.reader import LETTER_OR_DIGIT, Block, StoryText, without_breaks
from bot.core.readers.set_apart_headings import set_apart_headings
from bot.core.readers.title_block import block_title, is_author_line

_CONTENTS = {"contents", "table of contents", "contents.", "list of illustrations", "illustrations"}
_CONTENTS_COLUMNS = {"chapter", "chap.", "page", "pages", "chapters"}
_LISTED = "     "
"""Columns set apart by runs of spaces: a list (contents, illustrations and their pages), not prose."""
WRAP_WIDTH = 120
"""No one wraps text by hand wider than this: a block holding a longer line holds a paragraph on each line."""


def is_title_line(paragraph: str) -> bool:
    """A short line that reads as a title, not a sentence: "The Baker's Daughter", not "It rained.", nor a chapter's
    "## Chapter 1" (split_title leaves a first "# Chapter 1" to name its chapter)."""
    return (
        "\n" not in paragraph
        and len(paragraph) <= MAX_HEADING_CHARS
        and reads_as_a_name(paragraph)
        and not is_chapter_line(paragraph)
        and not (paragraph[:1] == "#" and leading_heading(paragraph, levels=6))
    )


class TextReader:
    suffixes = (".txt",)
    name = "text"

    def read(self, raw: bytes) -> StoryText:
        text = decoded(raw)
        download = fanficfare.text_download(text)
        if download is not None:
            return _fanficfare_story(*download)
        title, body = split_title(text)
        parted = paragraphs_of(indent_parted(body))  # paragraphs marked by indentation alone too
        paragraphs = without_gutenberg_notes(without_bracketed_notes(_lines_as_paragraphs(parted)))
        paragraphs = [kept for paragraph in paragraphs if (kept := without_authors_note(paragraph))]  # before chapters
        paged = b"\f" in raw  # a number atop each page counts pages up as chapters would (text_pages.py)
        bounds = gutenberg.book_bounds(paragraphs)
        if bounds is None:
            book = [paragraph for paragraph in paragraphs if paragraph]
            typed = block_title(book[0]) if title is None and len(book) > 1 else None  # "Title: ..." over "Author: ..."
            if typed is not None or (title is None and len(book) > 1 and is_title_line(book[0])):
                title, book = typed or book[0], book[1:]
                if len(book) > 1 and (_is_byline(book[0]) or is_author_line(book[0])):
                    book = book[1:]
                elif len(book) > 2 and is_title_line(book[0]) and (_is_byline(book[1]) or is_author_line(book[1])):
                    book = book[2:]  # a subtitle over it ("A Comedy in Two Acts"): the title page's too
            set_apart = set_apart_headings(body, lambda line: _said_again(line, [title]))
            blocks = _without_half_title(_blocks(book, counted=not paged, set_apart=set_apart), title)
            return StoryText(title, book_matter_left_out(without_listed_matter(_text_of(blocks)), title))
        header = paragraphs[: bounds[0]]
        title = title or gutenberg.header_field(header, "Title")
        repeats = [title, f"by {gutenberg.header_field(header, 'Author')}"]
        set_apart = set_apart_headings(body, lambda line: _said_again(line, repeats))
        blocks = _blocks(paragraphs[bounds[0] : bounds[1]], counted=not paged, set_apart=set_apart)
        return StoryText(
            title, with_parts_named(_front_matter_dropped(without_listed_matter(_text_of(blocks)), repeats))
        )


def _without_half_title(blocks: list[Block], title: str | None) -> list[Block]:
    """The blocks less the title said again before the first chapter ("THE SALT ROAD" over "CHAPTER I.", a printed
    book's half-title), as a Gutenberg book's is left out: it was a passage. A book of no chapters keeps it: a poem
    titled by its first line says it again."""
    first = next((n for n, block in enumerate(blocks) if block.heading), None)
    if title is None or first is None:
        return blocks
    said = " ".join(title.split()).casefold()
    return [block for n, block in enumerate(blocks) if n >= first or " ".join(block.text.split()).casefold() != said]


def _said_again(line: str, repeats: list[str | None]) -> bool:
    """Whether a line set apart is the book's title or "by" line said again: no tale's title, left out as the title
    page's lines are."""
    folded = " ".join(line.split()).casefold()
    return _is_byline(line) or any(folded == " ".join(repeat.split()).casefold() for repeat in repeats if repeat)


_ARTICLES = frozenset({"the", "a", "an"})


def _is_byline(paragraph: str) -> bool:
    """The author's "by" line under a title ("by Margaret Lindqvist"), no sentence of the story nor a subtitle ("By the
    River Lune")."""
    words = paragraph.split()
    return (
        words[0].casefold() == "by"
        and len(words) > 1
        and words[1].casefold() not in _ARTICLES
        and is_title_line(paragraph)
    )


def _fanficfare_story(title: str, chapters: list[tuple[str | None, str]]) -> StoryText:
    """A FanFicFare download's chapters under the names it gives them: "1. The Log", fanfiction.net's way, reads as no
    chapter line elsewhere, a story's own numbered line."""
    blocks: list[Block] = []
    for name, text in chapters:
        if name is not None:
            blocks.append(Block(name, heading=True))
        blocks.extend(_blocks(_lines_as_paragraphs(paragraphs_of(text))))
    return StoryText(title, _text_of(without_authors_notes(blocks)))


def _lines_as_paragraphs(paragraphs: list[str]) -> list[str]:
    """The paragraphs, those of a block whose lines are too long to be hard-wrapped its lines: Word's, Google Docs'
    and Notepad's plain text writes each paragraph on one line, with no blank line between them where the document
    spaced its paragraphs by style. Such a file was one paragraph, its title and chapter lines run into the text."""
    parted: list[str] = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        if len(lines) > 1 and max(map(len, lines)) > WRAP_WIDTH:
            parted.extend(line.strip() for line in lines if line.strip())
        else:
            parted.append(paragraph)
    return parted


def _text_of(blocks: list[Block]) -> list[Block]:
    """The blocks less the notes Calibre's plain text of an EPUB keeps as paragraphs ending in their link back ("↩",
    alone on a line after a note that ends in a list or a quote), under its "* * *" over them, with their marks run
    into words ("code.1"): each left out where its mark is found (plain_notes.py); then less the breaks and lines of
    no letter or digit, each a scene break (without_breaks), and a heading of the arrow alone ("## ↩"), which named no
    chapter but a link."""
    if any(is_backlinked_note(block.text) for block in blocks):
        blocks = without_plain_notes(blocks, marked_only=True)
    return without_breaks(
        block
        for block in blocks
        if not block.heading or LETTER_OR_DIGIT.search(block.text) or not is_backlinked_note(block.text)
    )


def _blocks(paragraphs: list[str], *, counted: bool = False, set_apart: frozenset[str] = frozenset()) -> list[Block]:
    chapters = counted_chapters(paragraphs) if counted else set()
    hyphens = LineHyphens(line for paragraph in paragraphs for line in paragraph.split("\n"))
    blocks: list[Block] = []
    bare_heading = False  # the last block is a chapter line alone: a title-like line after it is its name
    for index, paragraph in enumerate(paragraphs):
        heading = leading_heading(paragraph, levels=6) if paragraph[:1] == "#" else None  # "## Chapter Two"
        if heading:
            blocks.append(Block(heading[0], heading=True))
            paragraph, bare_heading = heading[1].strip(), False
            if not paragraph:
                continue
        if LETTER_OR_DIGIT.search(paragraph) is None:
            if not bare_heading and blocks:  # a scene break ("*     *     *") or a rule, not text; or a link back
                blocks.append(Block(paragraph.strip() if is_backlinked_note(paragraph) else ""))  # for the notes
            continue
        lines = [line for line in map(str.strip, paragraph.split("\n")) if line]
        chapter_line = is_chapter_line(lines[0]) or index in chapters or (len(lines) <= 2 and lines[0] in set_apart)
        if bare_heading and len(lines) == 1 and is_subtitle(lines[0]) and not chapter_line:
            blocks[-1] = Block(f"{blocks[-1].text} {without_emphasis(lines[0], UNDERSCORES)}", heading=True)
            bare_heading = False
            continue
        bare_heading = False
        if _is_contents(lines) or _is_illustration(paragraph):
            continue
        if chapter_line:
            name, rest = lines[:1], lines[1:]
            if len(rest) <= 2 and all(is_subtitle(line) for line in rest):
                name, rest = lines, []
            blocks.append(Block(without_emphasis(" ".join(name), UNDERSCORES), heading=True))
            bare_heading = not rest and len(name) == 1
            lines = rest
        if lines:
            blocks.append(Block(without_emphasis(_joined(lines, hyphens), UNDERSCORES)))
    return blocks


def _joined(lines: list[str], hyphens: LineHyphens) -> str:
    """A hard-wrapped paragraph's lines as one, a word broken at a line's end by a hyphen made whole: "prac-" "tising"
    is "practising", and "well-" "known" "well-known", where both read "prac- tising" and "well- known" (a line broken
    after a hyphen, as textwrap, editors and old Gutenberg texts break them, and scans read by OCR)."""
    parts = [lines[0]]
    for line in lines[1:]:
        parts[-1], between = hyphens.seam(parts[-1], line)
        parts += [between, line]
    return "".join(parts)


def _is_contents(lines: list[str]) -> bool:
    """A table of contents: chapter lines alone, two or more, under a line of its columns' names perhaps ("CHAPTER
    PAGE", as Gutenberg's books keep their printed contents)."""
    listed = lines[1:] if set(lines[0].casefold().split()) <= _CONTENTS_COLUMNS else lines
    return len(listed) > 1 and all(is_chapter_line(line) for line in listed)


def _is_illustration(paragraph: str) -> bool:
    """Distributed Proofreaders' mark of where a picture stood ("[Illustration: ODO AT THE FORGE]"): no text."""
    return paragraph.startswith("[Illustration") and paragraph.endswith("]")


def _front_matter_dropped(blocks: list[Block], repeats: list[str | None]) -> list[Block]:
    """A Gutenberg book's title and "by" line said again, its "Contents" and "List of Illustrations" lines and lists
    set in columns, before the first chapter, and its title page's credits and imprint before its first paragraph of
    prose too (gutenberg.is_title_page: a book of no chapters is all before its first); a transcriber's note there,
    to the next line that reads as a title; its "THE END" after the last."""
    dropped = _CONTENTS | {" ".join(repeat.split()).casefold() for repeat in repeats if repeat}
    first_heading = next((number for number, block in enumerate(blocks) if block.heading), len(blocks))
    prose = next((n for n in range(first_heading) if len(blocks[n].text) > gutenberg.IMPRINT_CHARS), first_heading)
    noted = _transcribers_note(blocks[:first_heading])
    front = [
        block
        for n, block in enumerate(blocks[:first_heading])
        if block.text.casefold() not in dropped
        and _LISTED not in block.text
        and not (n < prose and gutenberg.is_title_page(block.text))
        and n not in noted
    ]
    if len(blocks) > first_heading + 1 and blocks[-1].text.strip(" .!").casefold() in ENDINGS:
        blocks = blocks[:-1]  # "THE END": the printed book saying so, no passage of the story
    return front + blocks[first_heading:]


_TRANSCRIBERS_NOTE = ("transcriber's note", "transcriber\u2019s note", "transcribers' note", "transcribers note")
NOTE_PARAGRAPHS = 4
"""A transcriber's note runs over at most this many paragraphs after its own line, to the title page's."""


def _transcribers_note(front: list[Block]) -> set[int]:
    """Where a transcriber's note stands among a Gutenberg book's blocks before its first chapter ("Transcriber's
    Note:" over "Obvious typographical errors have been corrected."): from its first line to the next that reads as
    a title (the book's title page), that line within NOTE_PARAGRAPHS; else its first line alone, as where no title
    follows the prose after it is the book's. It was the book's first passage."""
    opening = next((n for n, block in enumerate(front) if block.text.casefold().startswith(_TRANSCRIBERS_NOTE)), None)
    if opening is None:
        return set()
    reach = range(opening + 1, min(opening + 2 + NOTE_PARAGRAPHS, len(front)))
    title = next((n for n in reach if is_title_line(front[n].text)), None)
    return set(range(opening, title if title is not None else opening + 1))
