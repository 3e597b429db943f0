"""Markdown stories (`.md`): headings name chapters, markup (HTML comments and tags too) stays out of the text."""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.core.readers.book_matter import book_matter_left_out
from bot.core.readers.markdown_inline import link_label, without_attributes, without_inline_markup
from bot.core.readers.plain_text import decoded, indented_paragraphs_of, leading_heading, split_title
from bot.core.readers.reader import Block, StoryText, joined_row

_LINE_MARKER = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:\[![A-Za-z][\w-]{0,30}\][+-]?[ \t]*)?"
    r"(?:[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,3}[.)][ \t]+)?",
    re.M,
)
"""What opens a line of a quote or a list: ">" marks, an Obsidian callout's type (`> [!note]`), a bullet (a task's
box too, `- [x]`) or number."""


def plain_markdown(text: str, labels: Collection[str] = frozenset(), code: bool = False) -> str:
    """Text without Markdown markup: list bullets, quote markers, emphasis, code ticks, link targets (and the brackets
    of reference links to `labels`), HTML comments and tags, character references (a code block's, `code`, stay)."""
    return without_inline_markup(_LINE_MARKER.sub("", text), labels, code)


def plain_inline(text: str, labels: Collection[str] = frozenset()) -> str:
    """A line without Markdown's markup within it: emphasis, code ticks, link targets and the brackets of reference
    links to `labels`, HTML comments and tags, character references (a title's "1." stays); a code span's text stays
    as it is."""
    return without_inline_markup(text, labels)


HEADING_INDENT = 3
"""Spaces a heading may stand in (CommonMark)."""


class MarkdownReader:
    suffixes = (".md",)
    name = "Markdown"

    def read(self, raw: bytes) -> StoryText:
        text = decoded(raw)
        metadata = multimarkdown_metadata(text)
        if metadata and metadata[0]:
            title, body = metadata
        else:
            title, body = split_title(metadata[1] if metadata else text, heading_text=_heading_text)
        body = _without_div_fences(_fenced_code_indented(_without_percent_comments(body)))
        body = _underlined_headings_marked(_without_html_blocks_comments(body))
        if title is None:  # "The Mill" underlined with "=" is a "# The Mill" line now
            title, body = split_title(body, heading_text=_heading_text)
        notes = {definition.group(1) for definition in _NOTE_DEFINITION.finditer(body)}
        labels: set[str] = set()
        paragraphs = []  # (text, whether a code block)
        in_note = False  # the paragraph before was a note's: one indented after it is the note's too
        in_list = False  # the same, of a list's item: one indented after it is the item's, not code
        for paragraph in indented_paragraphs_of(body):
            in_note = _NOTE_DEFINITION.match(paragraph) is not None or (in_note and _indented(paragraph))
            in_list = (_MARKER.match(paragraph) is not None and not _indented(paragraph)) or (
                in_list and _indented(paragraph)
            )
            if not in_note:
                code = _indented(paragraph) and not in_list
                paragraphs.append((paragraph if code else _without_link_definitions(paragraph, labels), code))
        blocks = []
        anchors: set[str] = set()  # the headings' ids, and GitHub's names for them
        entries: list[tuple[int, list[str]]] = []  # each paragraph of links within the story, its block and targets
        for paragraph, code in paragraphs:
            # "## Chapter Two" on any line of a paragraph: Markdown needs no blank line around a heading.
            lines: list[str] = []
            for line in paragraph.split("\n"):
                heading = leading_heading(line.lstrip(" "), levels=6) if _heading_start(line) else None
                if heading is None and _heading_start(line) and not line.strip(" \t#"):
                    continue  # "#" alone: a heading of nothing (CommonMark), no text
                if heading is None:
                    lines.append(line)
                    continue
                blocks.extend(_text_blocks(lines, notes, labels, code))
                text, anchor = without_attributes(heading[0])
                name = plain_markdown(_without_note_marks(text, notes), labels)
                anchors.update(filter(None, (anchor, _github_anchor(name))))
                blocks.append(Block(name, heading=True))
                lines = []
            targets = [] if code else _contents_targets(lines)
            if targets:
                entries.append((len(blocks), targets))
            blocks.extend(_text_blocks(lines, notes, labels, code))
        return StoryText(title, book_matter_left_out(_without_contents_links(blocks, entries, anchors), title))


MULTIMARKDOWN_KEYS = frozenset(
    [
        "title",
        "subtitle",
        "author",
        "affiliation",
        "address",
        "email",
        "date",
        "copyright",
        "keywords",
        "language",
        "quoteslanguage",
        "baseheaderlevel",
        "htmlheaderlevel",
        "latexheaderlevel",
        "odfheaderlevel",
        "latexmode",
        "latexinput",
        "latexfooter",
        "latexauthor",
        "latextitle",
        "latexleader",
        "latexbegin",
        "latexconfig",
        "css",
        "htmlheader",
        "xhtmlheader",
        "htmlfooter",
        "mmdheader",
        "mmdfooter",
        "bibtex",
        "bibliostyle",
        "transcludebase",
        "usewikilinks",
    ]
)
"""MultiMarkdown's metadata keys (its spec's, as it compares them: lower case, no spaces), and those Scrivener's
MultiMarkdown compile writes."""
MULTIMARKDOWN_KEY_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789 _-")
_BLANK_LINE = re.compile(r"\n[ \t]*+\n")
MAX_KEY_CHARS = 40
"""The longest key read as one ("Base Header Level", "Quotes Language"); a longer line before a colon is a sentence."""


def multimarkdown_metadata(text: str) -> tuple[str | None, str] | None:
    """The title MultiMarkdown's metadata gives (None: it gives none) and the text after it; None where the text
    opens with none. Its metadata is the text's first lines, each `Key: value` or a value's line indented under the
    one before, up to a blank line (Scrivener's MultiMarkdown compile, iA Writer, nvALT write it): it was read as the
    story's first passage, and the story named after its file. Read so only where its keys hold "Title", or are two
    or more and all MultiMarkdown's: a story opening with "Note: the names are changed." or with dialogue
    ("Mother: come here.", "To: Ingrid" over "From: Olof") is the story's."""
    blank = _BLANK_LINE.search(text)
    if blank is None:
        return None
    head, rest = text[: blank.start()], text[blank.end() :]
    keys: list[str] = []
    values: list[list[str]] = []  # each key's value, its lines
    for line in head.split("\n"):
        if line[:1] in (" ", "\t") and keys:
            values[-1].append(line)
            continue
        key, colon, value = line.partition(":")
        if not colon or not key or len(key) > MAX_KEY_CHARS or not set(key.lower()) <= MULTIMARKDOWN_KEY_CHARACTERS:
            return None
        if not key[0].isalnum():
            return None
        keys.append(key.lower().replace(" ", ""))
        values.append([value])
    if "title" not in keys and (len(keys) < 2 or not set(keys) <= MULTIMARKDOWN_KEYS):
        return None
    title = " ".join(" ".join(values[keys.index("title")]).split()) if "title" in keys else ""
    return title or None, rest


def _heading_text(heading: str) -> str:
    """A title's heading as it reads: without its markup and pandoc's attributes (`{#the-salt-road}`)."""
    return plain_inline(without_attributes(heading)[0])


_CONTENTS_ENTRY = re.compile(r"[ \t]*+(?:[-*+][ \t]++|\d{1,9}[.)][ \t]++)?\[[^\[\]\n]*+\]\(#([^()\s]++)\)[ \t]*+")
"""A line that is one link to a place in the story (`[Chapter One: The Hut\t2](#chapter-one:-the-hut)`, a list's
item too): a contents list's entry."""


def _contents_targets(lines: list[str]) -> list[str]:
    """The places a paragraph's links lead to where each of its lines is one link within the story, else none."""
    targets = []
    for line in lines:
        entry = _CONTENTS_ENTRY.fullmatch(line)
        if entry is None:
            return []
        targets.append(entry.group(1))
    return targets


def _github_anchor(heading: str) -> str:
    """The id GitHub and others give a heading that has none of its own: lower case, spaces as hyphens, other signs
    left out ("Chapter One: The Hut" is "chapter-one-the-hut")."""
    kept = "".join(character for character in heading.casefold() if character.isalnum() or character in " -_")
    return kept.replace(" ", "-")


CONTENTS_TITLE_WORDS = 8
"""The most words of a line on a title page, before its contents: Google Docs' subtitle ("A novella"), a by line."""


def _without_contents_links(
    blocks: list[Block], entries: list[tuple[int, list[str]]], anchors: set[str]
) -> list[Block]:
    """The blocks less a contents list of links to the story's headings (Google Docs' Markdown writes one, each
    entry a paragraph `[Chapter One: The Hut\t2](#chapter-one:-the-hut)`: its names and page numbers were read), and
    the lines of a title page before it, each short and before any heading (Google Docs' subtitle under its title).
    A link to a place in the story that no heading has, or a paragraph with words of its own, is the story's."""
    contents = {block for block, targets in entries if all(target in anchors for target in targets)}
    if not contents:
        return blocks
    first = min(contents)
    if all(
        not block.heading and "\n" not in block.text and len(block.text.split()) <= CONTENTS_TITLE_WORDS
        for block in blocks[:first]
    ):
        contents.update(range(first))
    return [block for number, block in enumerate(blocks) if number not in contents]


_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s\[]+)\]:", re.M)
"""A footnote's text begins so ("[^1]: It always did."), pandoc's and GitHub's Markdown; paragraphs indented under it
are the note's. Notes are left out of the story, as the readers of every other format leave them out."""
_NOTE_MARK = re.compile(r"\[\^([^\]\s\[]+)\]")
"""A footnote's mark in the text ("dawn.[^1]"); no "[" within, so each is found in one pass."""


def _without_note_marks(text: str, notes: set[str]) -> str:
    """The text without the marks of the notes the story defines ("[^1]" with no note of that name stays, as
    CommonMark and pandoc keep it)."""
    if "[^" not in text:
        return text
    return _NOTE_MARK.sub(lambda mark: "" if mark.group(1) in notes else mark.group(0), text)


_LINK_DEFINITION = re.compile(
    r" {0,3}\[([^\[\]]{1,999})\]:[ \t]*+\n?[ \t]*+(?:<[^<>\n]*+>|[^<\s]\S*+)"
    r"(?:[ \t]*+\n?[ \t]*+(?<=\s)(?:\"[^\"]*+\"|'[^']*+'|\([^()]*+\)))?[ \t]*+(?:\n|\Z)"
)
"""A link reference definition (CommonMark's): `[label]:`, a target and perhaps a title ("A river", 'A river' or (A
river)), either of them on the next line. Possessive, so that a line of spaces is matched or refused in one pass."""


def _without_link_definitions(paragraph: str, labels: set[str]) -> str:
    """The paragraph without the link reference definitions that open it ("[r1]: https://example.org/river"), their
    labels added to `labels`: they were a passage of URLs. One within a paragraph, or indented as code, is text."""
    position = 0
    while (definition := _LINK_DEFINITION.match(paragraph, position)) and definition.group(1).strip():
        labels.add(link_label(definition.group(1)))
        position = definition.end()
    return paragraph[position:]


def _indented(paragraph: str) -> bool:
    return paragraph.startswith(("    ", "\t"))


def _text_blocks(lines: list[str], notes: set[str], labels: set[str], code: bool) -> list[Block]:
    """The paragraph these lines make, without its markup and its notes' marks; none for no text. A pipe table's
    rows are paragraphs, each its cells with text joined (joined_row): a row's meaning is what its cells say
    together ("Wren | Berit | herring"), each cell a passage kept a ship's captain apart from the ship. A code block's
    (`code`) HTML, character references and brackets stay."""
    if _is_table(lines):
        rows = []
        for row in [lines[0], *lines[2:]]:
            cells = (plain_inline(_without_note_marks(cell, notes), labels) for cell in _cells(row))
            text = joined_row([(cell, False) for cell in cells if cell])
            if text:
                rows.append(Block(text))
        return rows
    text = plain_markdown(_without_note_marks("\n".join(lines), notes), set() if code else labels, code).strip()
    return [Block(text)] if text else []


_TABLE_DELIMITER = re.compile(r"[ \t]*+\|?[ \t]*+:?-++:?[ \t]*+(?:\|[ \t]*+:?-++:?[ \t]*+)*+\|?[ \t]*+")
"""A pipe table's delimiter row, under its header row ("| --- | :---: |", "--- | ---"); possessive, so that a line of
spaces and dashes is matched or refused in one pass."""
_CELL_PIPE = re.compile(r"(?<!\\)\|")
"""A pipe between a row's cells; one escaped ("\\|") is the cell's text."""


def _is_table(lines: list[str]) -> bool:
    """Whether the paragraph is a pipe table (GitHub's, pandoc's): a header row, then a delimiter row, each with a
    pipe; not a code block's lines (indented four spaces, as a fenced block's are made), which stay as they stand."""
    if len(lines) < 2 or "|" not in lines[0] or "|" not in lines[1] or _indented(lines[0]) or _indented(lines[1]):
        return False
    return _TABLE_DELIMITER.fullmatch(lines[1]) is not None


def _cells(row: str) -> list[str]:
    """A table row's cells, without the pipes at its ends and between them."""
    row = row.strip()
    row = row[1:] if row.startswith("|") else row
    row = row[:-1] if row.endswith("|") and not row.endswith("\\|") else row
    return [cell.replace("\\|", "|").strip() for cell in _CELL_PIPE.split(row)]


def _fenced_code_indented(body: str) -> str:
    """The body with each fenced code block (between lines of three or more backticks or tildes) as CommonMark's
    other code block, its lines indented four spaces and its fences left out: a "# comment" in a story's code was a
    heading, naming the chapter of every paragraph after it, and the fence's "```python" a paragraph "python"."""
    if "```" not in body and "~~~" not in body:
        return body
    lines: list[str] = []
    fence = ""  # the open fence's characters, "" outside code
    for line in body.split("\n"):
        marker, rest = _fence(line)
        if not fence and marker:
            fence = marker
        elif fence and marker.startswith(fence) and not rest.strip():
            fence = ""
        else:
            lines.append(f"    {line}" if fence and line.strip() else line)
            continue
        lines.append("")
    return "\n".join(lines)


_DIV_OPENING = re.compile(r" {0,3}:{3,}+[ \t]*+(?:\{[^{}\n]*+\}|[\w-]++)[ \t]*+:*+[ \t]*+")
"""A fenced div's opening line (pandoc's), `::: {custom-style="Block Text"}` or `::: warning`, with its attributes."""
_DIV_CLOSING = re.compile(r" {0,3}:{3,}+[ \t]*+")


def _without_div_fences(body: str) -> str:
    """The body without pandoc's fenced divs' fence lines (their text kept): `::: {custom-style="Block Text"}` and
    `:::` were read with the paragraph they hold, as pandoc writes a Word paragraph's own style. A ":::" line with no
    div open is the story's (a scene break)."""
    if ":::" not in body:
        return body
    lines = body.split("\n")
    depth = 0
    for number, line in enumerate(lines):
        if _DIV_OPENING.fullmatch(line):
            lines[number], depth = "", depth + 1
        elif depth and _DIV_CLOSING.fullmatch(line):
            lines[number], depth = "", depth - 1
    return "\n".join(lines)


def _without_percent_comments(body: str) -> str:
    """The body without Obsidian's comments (`%%TODO: make this sadder%%`, within a line or over paragraphs), which
    Obsidian never shows: they were read as the story's. A "%%" that none closes is text."""
    if "%%" not in body:
        return body
    out: list[str] = []
    done = 0
    opening = body.find("%%")
    while opening >= 0:
        closing = body.find("%%", opening + 2)
        if closing < 0:
            break
        out.append(body[done:opening])
        done = closing + 2
        opening = body.find("%%", done)
    out.append(body[done:])
    return "".join(out)


_HTML_BLOCK_COMMENT = re.compile(r"^ {0,3}<!--", re.M)
"""A comment that opens a line, CommonMark's HTML block: it runs to the first "-->", over blank lines too."""


def _without_html_blocks_comments(body: str) -> str:
    """The body without the HTML comments that open a line (not indented as code), to their "-->" or the story's end
    (CommonMark's HTML block, which a blank line does not end): a note to self over two paragraphs was read as them.
    Comments within a line are plain_markdown's to leave out."""
    if "<!--" not in body:
        return body
    out: list[str] = []
    done = 0
    while comment := _HTML_BLOCK_COMMENT.search(body, done):
        close = body.find("-->", comment.end() - 2)
        out.append(body[done : comment.start()])
        done = len(body) if close < 0 else close + 3
    out.append(body[done:])
    return "".join(out)


def _underlined_headings_marked(body: str) -> str:
    """The body with CommonMark's other headings, a paragraph underlined with "=" (level 1) or "-" (level 2), written
    as "#" lines, and its thematic breaks ("---", "* * *", "___": a story's scene breaks) as _BREAK_PARAGRAPH: the
    underline was read as the paragraph's text ("The Mill\n========"), the heading no chapter's name, and each break
    a passage ("---", "* *", "_"). A paragraph of a list's items or a quote is underlined by no heading (the line is
    a break), nor is text indented as code."""
    lines = body.split("\n")
    start = 0  # the current paragraph's first line
    for number, line in enumerate(lines):
        stripped = line.strip(" \t")
        if not stripped or _code_or_heading(line):
            start = number + 1
            continue
        underline = _underline(line)
        if underline and start < number and _MARKER.match(lines[start]) is None:
            text = " ".join(paragraph_line.strip(" \t") for paragraph_line in lines[start:number])
            lines[start:number] = [""] * (number - start - 1) + [f"{'#' * underline} {text}"]
            lines[number], start = "", number + 1
        elif _is_break(stripped):
            lines[number], start = _BREAK_PARAGRAPH, number + 1
    return "\n".join(lines)


_BREAK_PARAGRAPH = "\n\u2042\n"
"""A thematic break as a paragraph of its own of the asterism, a scene break's sign, which no Markdown reads as markup
("* * *" is a list's item there): a block of no letter, a scene break to the corpus (reader.without_breaks), so that
a line that asks is not read into one passage with a reply after the break."""
_MARKER = re.compile(r"[ \t]*(?:>|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))")
"""A list item's or a quote's first line."""


def _code_or_heading(line: str) -> bool:
    return line.startswith(("    ", "\t")) or _heading_start(line)


def _underline(line: str) -> int:
    """The level of the heading a line of "=" (1) or "-" (2) after at most three spaces underlines, else 0."""
    text = line.rstrip(" \t")
    mark = text.lstrip(" ")[:1]
    if len(text) - len(text.lstrip(" ")) > HEADING_INDENT or mark not in ("=", "-") or text.lstrip(" ").strip(mark):
        return 0
    return 1 if mark == "=" else 2


def _is_break(stripped: str) -> bool:
    """A thematic break: three or more of "-", "*" or "_" alone, spaces between them allowed."""
    mark = stripped[:1]
    return (
        mark in ("-", "*", "_")
        and not stripped.replace(" ", "").replace("\t", "").strip(mark)
        and (stripped.count(mark) >= 3)
    )


def _fence(line: str) -> tuple[str, str]:
    """A code fence's characters and what follows them on its line ("", line where it is none): three or more
    backticks or tildes after at most three spaces, and no backtick after a backtick fence's. String methods, not a
    regular expression, whose look-ahead for that backtick is quadratic in a line of backticks."""
    text = line.lstrip(" ")
    character = text[:1]
    if len(line) - len(text) > HEADING_INDENT or character not in ("`", "~"):
        return "", line
    rest = text.lstrip(character)
    if len(text) - len(rest) < 3 or (character == "`" and "`" in rest):
        return "", line
    return text[: len(text) - len(rest)], rest


def _heading_start(line: str) -> bool:
    """Whether the line starts as a heading may: "#" after at most three spaces (four make it text)."""
    return line[: HEADING_INDENT + 1].lstrip(" ")[:1] == "#"
