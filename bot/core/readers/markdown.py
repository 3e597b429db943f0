"""Markdown stories (`.md`): headings name chapters, markup stays out of the text."""

from __future__ import annotations

import re

from bot.core.readers.markdown_inline import without_emphasis, without_links
from bot.core.readers.plain_text import decoded, leading_heading, paragraphs_of, split_title
from bot.core.readers.reader import Block, StoryText

_LINE_MARKER = re.compile(r"^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|\d{1,3}[.)][ \t]+)?", re.M)


def plain_markdown(text: str) -> str:
    """Text without Markdown markup: list bullets, quote markers, emphasis, code ticks, link targets."""
    return without_emphasis(without_links(_LINE_MARKER.sub("", text))).replace("`", "")


class MarkdownReader:
    suffixes = (".md",)
    name = "Markdown"

    def read(self, raw: bytes) -> StoryText:
        title, body = split_title(decoded(raw))
        blocks = []
        for paragraph in paragraphs_of(body):
            heading = leading_heading(paragraph, levels=6)  # "## Chapter Two", as a paragraph's first line
            if heading:
                blocks.append(Block(plain_markdown(heading[0]), heading=True))
                paragraph = heading[1].strip()
            paragraph = plain_markdown(paragraph)
            if paragraph:
                blocks.append(Block(paragraph))
        return StoryText(title, blocks)
