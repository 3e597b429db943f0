"""A title block typed over a plain-text story: "Title: The Salt Road" over "Author: Ann Example" or "By Ann Example"
(and "Word count: 2,400", "Rating: T"), as writers head a draft or a submission. Its lines were read as the story's
first passage, "Title: The Salt Road Author: Ann Example", and the story named after its file. Project Gutenberg's
header, whose "Title:" and "Author:" lines stand before its start marker, is gutenberg.py's."""

from __future__ import annotations

from bot.core.readers.chapter_lines import MAX_HEADING_CHARS, is_chapter_line, reads_as_a_name

TITLE_LABELS = frozenset({"title", "story title", "book title"})
AUTHOR_LABELS = frozenset({"author", "authors", "by", "written by", "writer", "pen name"})
SUBMISSION_LABELS = (
    TITLE_LABELS
    | AUTHOR_LABELS
    | {
        "word count",
        "words",
        "rating",
        "rated",
        "genre",
        "genres",
        "category",
        "categories",
        "warning",
        "warnings",
        "summary",
        "fandom",
        "characters",
        "pairing",
        "pairings",
        "status",
        "disclaimer",
        "date",
        "draft",
        "series",
        "language",
        "email",
        "contact",
        "beta",
        "notes",
        "tags",
        "prompt",
        "author's note",
        "author’s note",
        "authors note",
        "author note",
        "submitted by",
        "address",
        "phone",
        "relationship",
        "relationships",
        "additional tags",
        "archive warning",
        "archive warnings",
        "fandoms",
        "character",
        "chapters",
        "published",
        "updated",
        "completed",
        "stats",
        "length",
        "spoilers",
        "dedication",
        "feedback",
    }
)
"""The labels a writer heads a draft or a submission with: a block with another ("Name: Marta", "Clearance: Level
4", "From: Jane") is a record or a letter of the story's own, whose "Title: Field Officer" is a person's post."""
MAX_LABEL_CHARS = 30
MAX_LABEL_WORDS = 3
"""A label is a few words ("Word count", "Written by"); a longer run of words before a colon is a sentence."""
_LABEL_SIGNS = frozenset(" -'\u2019")
_ARTICLES = frozenset({"the", "a", "an"})


def block_title(paragraph: str) -> str | None:
    """The title a paragraph typed as a title block gives: each of its lines a label and its value ("Title: The Salt
    Road", "Word count: 2,400") or a "by" line, one label the title's, every label a submission's (SUBMISSION_LABELS);
    None where it is no such block (a story opening "Mother: come here." names no title, "Chapter 1: The Storm" is a
    chapter's line, not a label's, and "Name: Marta" over "Title: Field Officer" is a record of the story's own)."""
    title = None
    for line in map(str.strip, paragraph.split("\n")):
        if _is_by_line(line):
            continue
        labelled = _labelled(line)
        if labelled is None or labelled[0] not in SUBMISSION_LABELS:
            return None
        if labelled[0] in TITLE_LABELS:
            title = title or labelled[1]
    if title is None or len(title) > MAX_HEADING_CHARS or title.endswith((".", ",", ";")):
        return None  # "Title: none yet, and maybe never.": a sentence, not a title
    return title


def is_author_line(paragraph: str) -> bool:
    """Whether a paragraph is an author's line typed under a title: "Author: Ann Example", "by Ann Example"."""
    if "\n" in paragraph:
        return False
    labelled = _labelled(paragraph)
    return _is_by_line(paragraph) or (labelled is not None and labelled[0] in AUTHOR_LABELS)


def _labelled(line: str) -> tuple[str, str] | None:
    """A line's label (folded) and value, where it is `Label: value`."""
    label, colon, value = line.partition(":")
    if (
        not colon
        or not value.strip()
        or not label[:1].isalpha()
        or len(label) > MAX_LABEL_CHARS
        or len(label.split()) > MAX_LABEL_WORDS
        or not all(character.isalnum() or character in _LABEL_SIGNS for character in label)
        or is_chapter_line(line)
    ):
        return None
    return " ".join(label.split()).casefold(), value.strip()


def _is_by_line(line: str) -> bool:
    """An author's "by" line ("By Ann Example"), not a subtitle ("By the River Lune") nor a sentence."""
    words = line.split()
    return (
        len(words) > 1
        and words[0].casefold() == "by"
        and words[1].casefold() not in _ARTICLES
        and len(line) <= MAX_HEADING_CHARS
        and reads_as_a_name(line)
    )
