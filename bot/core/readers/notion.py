"""Notion's Markdown export (Export, "Markdown & CSV"): what Notion writes around a page's text, told by the file name
it gives every page ("The Hut 11aa22bb33cc44dd55ee66ff77889900.md"). Every story so exported was titled with its page's
id, its database properties read as its first passage, its callouts (Notion's note boxes) and its links to its sub-pages
as story text."""

from __future__ import annotations

from bot.core.readers.chapter_lines import is_chapter_line

PAGE_ID_DIGITS = 32
HEX_DIGITS = frozenset("0123456789abcdef")
MAX_KEY_CHARS = 40
"""The longest property name read as one; a longer run before a colon is a sentence's."""
SENTENCE_ENDS = tuple(".!?\"'”’…")
"""How a line of dialogue or prose ends ("Mother: come here."); a property's value (a status, a tag, a date) never
does."""


def without_page_id(stem: str) -> str:
    """A Notion page's name without the id Notion ends it with ("Chapter 1 The Hut 11aa…9900" -> "Chapter 1 The
    Hut"); any other name as it is (a name that is an id alone keeps it: nothing else would name it)."""
    head, space, tail = stem.rpartition(" ")
    if space and head.strip() and is_page_id(tail):
        return head
    return stem


def is_page_id(word: str) -> bool:
    """Whether a word is a Notion page's id as its export writes it: 32 lower-case hex digits."""
    return len(word) == PAGE_ID_DIGITS and set(word) <= HEX_DIGITS


def is_notion_page(stem: str) -> bool:
    """Whether a file's name (less its ending) is one Notion's export gives a page."""
    return without_page_id(stem) != stem


def notion_page_text(text: str) -> str:
    """A Notion page's Markdown without what Notion writes around its text: the properties under its `# title`
    ("Status: Drafting" a line each, up to a blank line), its callouts (`<aside>` … `</aside>`, a note box opening
    with its emoji) and paragraphs that are one link to a sub-page's file alone (the page's list of its sub-pages)."""
    lines = text.split("\n")
    kept: list[str] = []
    index = 0
    if lines and lines[0].startswith("# "):
        kept.append(lines[0])
        index = 1
        while index < len(lines) and not lines[index].strip():
            kept.append(lines[index])
            index += 1
        end = index
        while end < len(lines) and lines[end].strip():
            end += 1
        if end > index and all(_is_property(line) for line in lines[index:end]):
            index = end
    while index < len(lines):
        stripped = lines[index].strip()
        if stripped == "<aside>" and (closed := _callout_end(lines, index)) is not None:
            index = closed
            continue
        if not _is_sub_page_link(stripped):
            kept.append(lines[index])
        index += 1
    return "\n".join(kept)


def _callout_end(lines: list[str], start: int) -> int | None:
    """The line after the `</aside>` closing the callout opened at `start`; None where none closes it (then it is
    text: nothing Notion wrote)."""
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped == "</aside>":
            return index + 1
        if stripped == "<aside>":
            return None
    return None


def _is_property(line: str) -> bool:
    """Whether a line is one of a page's properties as Notion writes them: "Name: value", the value no sentence and
    the line no chapter's ("Chapter 1: The Hut" under the book's title names its first chapter)."""
    key, colon, value = line.partition(": ")
    value = value.strip()
    return (
        bool(colon and key and value)
        and len(key) <= MAX_KEY_CHARS
        and key[0].isalnum()
        and key == key.strip()
        and not value.endswith(SENTENCE_ENDS)
        and not is_chapter_line(line.strip())
    )


def _is_sub_page_link(line: str) -> bool:
    """Whether a line is a link alone to another page of the export: `[Name](Folder%20…/Name%20<id>.md)`."""
    if not (line.startswith("[") and line.endswith(".md)")):
        return False
    middle = line.find("](")
    if middle < 0 or "](" in line[middle + 2 :] or "]" in line[1:middle]:
        return False
    target = line[middle + 2 : -len(".md)")]
    return is_page_id(target.rpartition("%20")[2])
