"""A letter's short lines (its date, its greeting, its closing and signature) read into the passages they frame.

An epistolary story writes each letter's "3rd October 1952", "Dear Agnes," and "Your loving brother, Callum" as
paragraphs of their own. Apart, they were passages no question should get ("Who is Agnes?" was answered "Dear
Agnes,"), and the letter's own paragraphs lost who wrote to whom. Joined, the first paragraph of a letter says when it
was written and to whom, and the last who signed it.
"""

from __future__ import annotations

import re

from bot.core.analysis import fold, load_stopwords

MONTHS = frozenset(
    (
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    )
)
WEEKDAYS = frozenset(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))
CLOSINGS = (
    "yours",
    "your",
    "ever yours",
    "love",
    "with love",
    "all my love",
    "much love",
    "best wishes",
    "sincerely",
    "affectionately",
    "faithfully",
    "regards",
    "kind regards",
    "warm regards",
    "warmly",
    "fondly",
    "god bless",
    "in haste",
    "respectfully",
)
"""How a letter's closing line starts ("Your loving brother,", "Yours ever,", "With love,")."""
LONGEST_LINE = 80
"""Characters past which a paragraph is more than a letter's date, greeting or closing."""
MOST_WORDS = 8
"""Words past which a paragraph is more than a letter's date, greeting or closing ("Your ever loving brother, J. R.
Hartley" has seven)."""

_WORD = re.compile(r"[^\W_]+(?:['’.][^\W_]+)*\.?")
_GREETING = re.compile(r"(?:my\s+)?(?:(?:very|own|dear|dearest)\s+)*(?:dear|dearest|darling)\b", re.IGNORECASE)


def is_date_line(paragraph: str) -> bool:
    """A line that is a date alone ("3rd October 1952", "Skerryvore, Monday 3 October"): a month's or a day's name,
    a number, and no word in lowercase but a day's ending ("3rd")."""
    words = _words(paragraph)
    if words is None:
        return False
    named = any(word.lower().rstrip(".") in MONTHS or word.lower() in WEEKDAYS for word in words)
    numbered = any(word[0].isdigit() for word in words)
    capitalised = all(word[0].isdigit() or word[0].isupper() for word in words)
    return named and numbered and capitalised


def is_greeting(paragraph: str) -> bool:
    """A letter's greeting alone: "Dear Agnes,", "My dearest Mina,", "Dear Mr. Holmes:"."""
    words = _words(paragraph)
    return (
        words is not None
        and _GREETING.match(paragraph) is not None
        and paragraph.rstrip()[-1:] in ",:!"
        and "\n" not in paragraph.strip()
    )


def is_closing(paragraph: str) -> bool:
    """A letter's closing, with its signature or without: "Your loving brother,\nCallum", "Yours ever, A.", "Love,";
    not "Love, she thought, was blind." (after its comma, only a name may follow)."""
    words = _words(paragraph)
    if words is None or "," not in paragraph:
        return False
    opening = " ".join(word.lower() for word in words[:3])
    signed = paragraph.split(",", 1)[1].strip()
    return any(opening == closing or opening.startswith(closing + " ") for closing in CLOSINGS) and (
        not signed or is_signature(signed)
    )


def is_signature(paragraph: str) -> bool:
    """A name alone, as a letter is signed: one to three capitalised words, or initials, none a stop word ("Callum",
    "J. R. Hartley"; not "The End")."""
    words = _words(paragraph)
    return (
        words is not None
        and len(words) <= 3
        and all(word[0].isupper() and fold(word.rstrip(".")) not in load_stopwords() for word in words)
        and all(character.isalpha() or character in " .'’-" for character in paragraph.strip())
    )


def _words(paragraph: str) -> list[str] | None:
    """The paragraph's words, or None for one too long to be a letter's line, or one that opens with a quote."""
    if len(paragraph) > 2 * LONGEST_LINE:  # most paragraphs: not copied by strip() to learn so, three times each
        return None
    text = paragraph.strip()
    if not text or len(text) > LONGEST_LINE or not (text[0].isalnum()):
        return None
    words = _WORD.findall(text)
    return words if 0 < len(words) <= MOST_WORDS else None


def with_letter_lines(chunks: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The paragraphs in a row (each a text and how many paragraphs it holds) with each letter's date and greeting
    joined to the paragraph after them, and its closing and signature to the paragraph before, by line breaks. Only a
    letter is closed: after a greeting, and a name alone only where the letter ends (before a date or greeting, or
    last), so a story's short last paragraph ("Second.", "Z") stays its own."""
    joined: list[tuple[str, int]] = []
    opening: list[tuple[str, int]] = []
    in_letter = False
    greetings = [is_greeting(text) for text, _ in chunks]
    opens = [greeting or is_date_line(text) for greeting, (text, _) in zip(greetings, chunks, strict=True)]
    for at, (text, count) in enumerate(chunks):
        ends_letter = at + 1 == len(chunks) or opens[at + 1]
        if opens[at]:
            opening.append((text, count))
            in_letter = in_letter or greetings[at]
            continue
        if in_letter and joined and not opening and (is_closing(text) or (ends_letter and is_signature(text))):
            before, held = joined[-1]
            joined[-1] = (f"{before}\n{text}", held + count)
            in_letter = not ends_letter
            continue
        if opening:
            text = "\n".join([*(line for line, _ in opening), text])
            count += sum(held for _, held in opening)
            opening = []
        joined.append((text, count))
    joined.extend(opening)  # a greeting with nothing after it stays as it is
    return joined
