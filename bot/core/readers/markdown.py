"""Markdown stories (`.md`): headings name chapters, markup stays out of the text."""

from __future__ import annotations

import re

from bot.core.readers.markdown_inline import without_emphasis, without_links
from bot.core.readers.plain_text import decoded, indented_paragraphs_of, leading_heading, split_title
from bot.core.readers.reader import Block, StoryText

_LINE_MARKER = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?", re.M)


def plain_markdown(text: str) -> str:
    """Text without Markdown markup: list bullets, quote markers, emphasis, code ticks, link targets."""
    return plain_inline(_LINE_MARKER.sub("", text))


def plain_inline(text: str) -> str:
    """A line without Markdown's markup within it: emphasis, code ticks, link targets (a title's "1." stays)."""
    return without_emphasis(without_links(text)).replace("`", "")


HEADING_INDENT = 3
"""Spaces a heading may stand in (CommonMark)."""


class MarkdownReader:
    suffixes = (".md",)
    name = "Markdown"

    def read(self, raw: bytes) -> StoryText:
        title, body = split_title(decoded(raw), heading_text=plain_inline)
        blocks = []
        for paragraph in indented_paragraphs_of(body):
            # "## Chapter Two" on any line of a paragraph: Markdown needs no blank line around a heading.
            lines: list[str] = []
            for line in paragraph.split("\n"):
                heading = leading_heading(line.lstrip(" "), levels=6) if _heading_start(line) else None
                if heading is None:
                    lines.append(line)
                    continue
                blocks.extend(_text_blocks(lines))
                blocks.append(Block(plain_markdown(heading[0]), heading=True))
                lines = []
            blocks.extend(_text_blocks(lines))
        return StoryText(title, blocks)


def _text_blocks(lines: list[str]) -> list[Block]:
    """The paragraph these lines make, without its markup; none for no text."""
    text = plain_markdown("\n".join(lines).strip())
    return [Block(text)] if text else []


def _heading_start(line: str) -> bool:
    """Whether the line starts as a heading may: "#" after at most three spaces (four make it text)."""
    return line[: HEADING_INDENT + 1].lstrip(" ")[:1] == "#"
