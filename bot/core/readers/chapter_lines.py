"""Chapter lines: "CHAPTER I.", "Chapter 1: The Storm", "BOOK II", "PROLOGUE", a Roman numeral alone. A plain-text
story's chapters are named by them (bot.core.readers.text), and a document's lone first heading that reads as one is
no title (bot.core.readers.reader.heading_title). Each check looks at one line of at most MAX_HEADING_CHARS."""

from __future__ import annotations

import re

from bot.core.number_words import TENS, UNITS, tens_value

MAX_HEADING_CHARS = 80
"""A chapter line or title line is at most this long; a longer line is text."""
SUBTITLE_CHARS = 60
"""A subtitle, or a Roman numeral's chapter name after it, is at most this long."""
_CHAPTER_WORDS = {
    "chapter",
    "book",
    "part",
    "volume",
    "stave",
    "canto",
    "letter",
    "act",
    "scene",
    "section",
    # a book in German, French, Spanish, Portuguese, Italian or Dutch numbers its chapters and parts so
    "kapitel",
    "teil",
    "chapitre",
    "partie",
    "livre",
    "capítulo",
    "capitulo",
    "parte",
    "libro",
    "livro",
    "capitolo",
    "hoofdstuk",
    "deel",
}
_ALONE_WORDS = {
    "prologue",
    "epilogue",
    "preface",
    "introduction",
    "foreword",
    "afterword",
    "conclusion",
    "interlude",
    "prolog",
    "epilog",
    "vorwort",
    "nachwort",
    "épilogue",
    "préface",
    "prólogo",
    "epílogo",
    "prologo",
    "epilogo",
    "proloog",
    "epiloog",
}
_UNITS = UNITS[1:]
"""The number words a chapter counts with, from one."""
_NUMBER_WORDS = {
    *_UNITS,
    *TENS,
    "hundred",
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "last",
}
ENDINGS = frozenset({"the end", "finis", "fin", "end"})
"""A book's last line saying it ends ("THE END", without its stops), no passage of its story: a text file's
(bot.core.readers.text), a PDF manuscript's (bot.core.readers.pdf_manuscript), any book's (book_matter)."""
_ENDING_MARKS = " .!*~-_=#\u2013\u2014"
"""What sets a book's "THE END" off on its line: its stops, stars, tildes and dashes ("~ The End ~", "*THE END*")."""


def says_the_end(line: str) -> bool:
    """Whether a line says the book ends ("THE END", "~ The End ~", "Finis."), its marks around it aside."""
    return " ".join(line.strip(_ENDING_MARKS).casefold().split()) in ENDINGS


_ROMAN = re.compile(r"(?=[MDCLXVI])M{0,4}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_LETTERS = "MDCLXVI"


_SENTENCE_END = (".", ",", ";", ":")
_QUOTE_ENDS = ('"', "'", "\u201d", "\u2019")
_SAID_END = ("?", "!", "\u2026", *_QUOTE_ENDS)
"""How a question, a cry or a line of dialogue ends: "Who had sent the letter?" under "Chapter 2" was taken for the
chapter's name, and the sentence lost from the text, as a first line "Is anyone there?" was for the title."""
_QUOTES = ('"', "'", "\u201c", "\u2018", "-", "\u2014", "*")


def is_roman(word: str) -> bool:
    return len(word) <= 12 and word[:1] in _ROMAN_LETTERS and _ROMAN.fullmatch(word) is not None


def _is_number(words: list[str]) -> bool:
    """ "IV", "12", "Twenty-One", "THE FIRST" (the words after `CHAPTER`)."""
    first = words[0].rstrip(".:,")
    if first.lower() == "the" and len(words) > 1:
        first = words[1].rstrip(".:,")
    return (
        (first.isdigit() and len(first) <= 4)
        or is_roman(first)
        or all(part.lower() in _NUMBER_WORDS for part in first.split("-"))
    )


def counted_number(line: str) -> int | None:
    """The number a line says alone, as a chapter's number counting up is written: "12", "ONE", "Twenty-One" (a
    number word in capitals or title case, to ninety-nine); None for any other line."""
    if line.isdecimal() and len(line) <= 3:  # not isdigit: "²" is a digit int() refuses
        return int(line)
    if len(line) > 13 or not (line.isupper() or line.istitle()):
        return None
    parts = line.lower().split("-")
    tens = tens_value(parts[0]) if parts[0] in TENS else None
    if len(parts) == 1:
        return tens if tens is not None else (_UNITS.index(parts[0]) + 1 if parts[0] in _UNITS else None)
    if len(parts) == 2 and tens is not None and parts[1] in _UNITS[:9]:
        return tens + _UNITS.index(parts[1]) + 1
    return None


def is_chapter_line(line: str) -> bool:
    """ "CHAPTER I.", "Chapter 1: The Storm", "BOOK II", "Chapter the First", "PROLOGUE", "XII", "IV. THE RED-HEADED
    LEAGUE"."""
    if not line or len(line) > MAX_HEADING_CHARS:
        return False
    first = line.split(maxsplit=1)[0]
    if not (first.isupper() or first.istitle()):
        return False
    key = first.rstrip(".:").lower()
    if key not in _ALONE_WORDS and key not in _CHAPTER_WORDS and not is_roman(first.rstrip(".")):
        return False  # most lines of a book: the rest of the line need not be split
    words = line.split()
    if key in _ALONE_WORDS:
        return len(words) == 1
    if key in _CHAPTER_WORDS and len(words) >= 2 and _is_number(words[1:]):
        counted = words[2:] if words[1].lower() == "the" and len(words) > 2 else words[1:]  # "Chapter the First"
        number = counted[0].rstrip(".:,")
        return len(counted) == 1 or counted[0] != number or counted[1] in ("-", "—", "–") or line.isupper()
    if is_roman(first.rstrip(".")):
        return len(words) == 1 or (first.endswith(".") and len(line) <= SUBTITLE_CHARS and not _initials(words))
    return False


def _initials(words: list[str]) -> bool:
    """A signature's initials ("M. F.", "C. D.", "V. W."), whose first reads as a Roman numeral: a preface signed so
    was a chapter "M. F." holding the place and date under it."""
    return all(len(word) == 2 and word[0].isupper() and word[1] == "." for word in words)


def is_alone_word(line: str) -> bool:
    """A chapter line of one word that needs no number: "PROLOGUE", "Epilog", "Préface"."""
    return " " not in line.strip() and line.strip().rstrip(".:").lower() in _ALONE_WORDS


def is_bare_chapter_line(line: str) -> bool:
    """A chapter line with no name of its own ("Chapter 1", "PART ONE", "Chapter the First", "IV", "Prologue"): a
    short line after it may be its name; "Chapter 1: The Storm" has one."""
    if not is_chapter_line(line):
        return False
    words = line.split()
    counted = words[2:] if len(words) > 2 and words[1].lower() == "the" else words[1:]
    return len(counted) <= 1


HEADING_ENDS = ".:;,!?-–—"
"""What may end a heading's part, after which the next follows with a space alone ("Chapter 1." and "The Hut")."""


def joined_heading(parts: list[str]) -> str:
    """A chapter's name in parts as one name: an <hgroup>'s heading and lines (bot.core.readers.markup), "I" and "At
    the Admiral Benbow" (Standard Ebooks' number and title) as "I: At the Admiral Benbow", as their navigation names
    it, and a PDF's "Chapter 1" over its title "The Hut" as "Chapter 1: The Hut"; were each a block, the number named
    no chapter, or the chapter, and its title was read as the chapter's first paragraph."""
    joined = parts[0]
    for part in parts[1:]:
        joined += (" " if joined[-1] in HEADING_ENDS else ": ") + part
    return joined


def is_subtitle(line: str) -> bool:
    """A chapter's name on the line after its number ("Chapter 2" over "The Storm"), or a title's subtitle."""
    return len(line) <= SUBTITLE_CHARS and (line.isupper() or reads_as_a_name(line))


def reads_as_a_name(line: str) -> bool:
    """Whether a short line names a story or a chapter rather than saying something: it ends no sentence, opens no
    dialogue, and one ending as a question or a cry is in title case ("Who Moved My Cheese?", not "Run!" or "Help
    me…": two words of four letters or more, each capitalised)."""
    if line.endswith(_SENTENCE_END) or line.startswith(_QUOTES):
        return False
    if not line.endswith(_SAID_END):
        return True
    long_words = [word for word in line.split() if len(word.strip("?!\u2026\"'\u201d\u2019()")) >= 4]
    return not line.endswith(_QUOTE_ENDS) and len(long_words) >= 2 and all(word[0].isupper() for word in long_words)
