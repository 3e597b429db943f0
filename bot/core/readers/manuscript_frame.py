"""A story in standard manuscript format, as Scrivener compiles it to Word or RTF and as writers set it up in Word:
its first page's contact block (the writer's name with the word count on a tab, address, phone, e-mail), its title
said again under them and its closing "END" are no story text. Each was a passage, so "What is the author's phone
number?" was answered, with what the owner never meant to show a server. PDF's are found by their layout
(pdf_manuscript.py); a document's paragraphs have none, and are told by the word count atop them."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.readers.chapter_lines import ENDINGS, MAX_HEADING_CHARS
from bot.core.readers.reader import Block

MAX_HEADER_LINES = 10
"""Paragraphs before a manuscript's word count at most: it is on the first line, or after an agent's block."""


def is_word_count(text: str) -> bool:
    """Whether a line is, or ends in, a manuscript's word count: "About 3,500 words", "3500 words", "approx. 12,000
    words" (after the writer's name, where both are drawn as one line)."""
    words = text.split()
    if len(words) < 2 or words[-1].casefold() != "words":
        return False
    number = words[-2].lstrip("~").replace(",", "")
    return number.isdigit() and len(number) <= 7


def without_manuscript_frame(blocks: Sequence[Block], title: str | None) -> list[Block]:
    """The blocks less a manuscript's frame, where the word count stands among its first short lines: those lines, the
    contact lines after it (to its last e-mail address or phone number), the title said again (in any case) and a "by"
    line, and a last "END". Short lines opening the story after them ("Portsmouth, 1888") are its own; without a word
    count, or a contact line or a count alone, nothing is left out."""
    count = next(
        (n for n, block in enumerate(blocks[:MAX_HEADER_LINES]) if not block.heading and is_word_count(block.text)),
        None,
    )
    if count is None or any(block.heading or len(block.text) > MAX_HEADING_CHARS for block in blocks[:count]):
        return list(blocks)
    if not (_is_count_alone(blocks[count].text) or any(_is_contact(block.text) for block in blocks[: count + 6])):
        return list(blocks)  # "He wrote 500 words" opening a story
    after = range(count + 1, min(len(blocks), count + 1 + MAX_HEADER_LINES))
    contact = [n for n in after if not blocks[n].heading and _is_contact(blocks[n].text)]
    start = max(contact[-1] if contact else count, count) + 1  # the address between the count and the e-mail too
    if any(blocks[n].heading or len(blocks[n].text) > MAX_HEADING_CHARS for n in range(count + 1, start)):
        return list(blocks)
    folded_title = " ".join((title or "").split()).casefold()
    for _ in range(2):  # the title said again, and its "by" line
        if start < len(blocks) and not blocks[start].heading:
            said = " ".join(blocks[start].text.split()).casefold()
            if said == folded_title or said.startswith("by "):
                start += 1
    story = list(blocks[start:])
    if story and not story[-1].heading and story[-1].text.strip(" .!").casefold() in ENDINGS:
        story.pop()  # "END", under the last paragraph
    return story


_QUALIFIERS = frozenset({"about", "approx.", "approximately", "approx", "circa", "c.", "~", "word", "count:"})


def _is_count_alone(text: str) -> bool:
    """A word count on its own line, "About 2,300 words", not a sentence ending in one."""
    return all(word.casefold() in _QUALIFIERS for word in text.split()[:-2])


def _is_contact(text: str) -> bool:
    """A contact block's e-mail address or phone number (seven digits or more)."""
    return "@" in text or sum(character.isdigit() for character in text) >= 7
