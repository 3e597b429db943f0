"""A story in standard manuscript format (William Shunn's: what writers send magazines and agents), whose frame is no
story text.

Its first page opens with the writer's contact block at the top left (name, address, phone, e-mail, set close) and the
story's word count at the top right ("About 3,500 words"), then, well below them, the title centered, "by" the author
centered under it, and the story; its end is a centered "END" (or "# # #", a scene break's marks, no passage in any
format). Each of these was read as a passage. The manuscript is told by its layout: lines at the top of the first page,
one of them ending in a word count, over a centered line standing apart below them (its title). Without a word count
there, the lines are the story's (a letter opening it, its address at the top; dialogue), and so is a last line "END"
where the first page is no manuscript's.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.readers.chapter_lines import ENDINGS, MAX_HEADING_CHARS
from bot.core.readers.manuscript_frame import is_word_count
from bot.core.readers.pdf_title_block import CENTERED, FramedStory, L

MAX_HEADER_LINES = 10
"""Lines over a manuscript's title at most: a name, two or three lines of address, a phone number, an e-mail address,
an agent's or a society's line, and the word count, on a line of its own or after the name."""
TITLE_LINES = 2
"""Lines a manuscript's title runs over at most, where a "by" line under it says where it ends."""


def in_manuscript(lines: Sequence[L], text_size: float, apart: float) -> FramedStory[L] | None:
    """`lines` (page after page, in the text's `text_size`; lines more than `apart` below the one before stand apart
    from it) as a manuscript's story, or None where the first page is not a manuscript's."""
    page = [line for line in lines[: MAX_HEADER_LINES + 1 + TITLE_LINES + 1] if line.page == lines[0].page]
    if not page:
        return None
    margin = min(line.x for line in page)

    def centered(line: L) -> bool:
        return line.x >= margin + CENTERED * text_size

    title = next(
        (
            index
            for index in range(1, min(len(page), MAX_HEADER_LINES + 1))
            if centered(page[index])
            and not is_word_count(page[index].text)
            and all(above.y - page[index].y > apart for above in page[:index])
        ),
        None,
    )  # the first centered line standing apart below every line before it
    if title is None:
        return None
    header = page[:title]
    if not any(is_word_count(line.text) for line in header) or any(
        len(line.text) > MAX_HEADING_CHARS for line in header
    ):
        return None
    byline = next(
        (
            index
            for index in range(title + 1, min(len(page), title + TITLE_LINES + 1))
            if page[index].text.casefold().startswith("by ")
        ),
        None,
    )
    if byline is not None and all(centered(line) for line in page[title : byline + 1]):
        named, story = page[title:byline], list(lines[byline + 1 :])
    else:
        named, story = page[title : title + 1], list(lines[title + 1 :])
    if story and centered(story[-1]) and story[-1].text.strip(" .!").casefold() in ENDINGS:
        story = story[:-1]  # "END", centered under the last paragraph
    if not story:
        return None  # a page of lines alone, with nothing under them: they are all it says
    return FramedStory(" ".join(line.text for line in named), story)
