"""Characters that show nothing and join what stands on either side, taken out of stories and questions:
left in, each cut the word it stood in two ("pl\u00adane", with HTML's &shy;, was "pl" and "ane")."""

from __future__ import annotations

import re

JOINING_INVISIBLES = "\u00ad\u2060\ufeff"
"""Soft hyphen, word joiner, zero-width no-break space (a byte order mark inside the text). Not the
zero-width space, which marks a break between words (Thai and Khmer write no spaces)."""
_DROPPED = str.maketrans(dict.fromkeys(JOINING_INVISIBLES))
WORD_JOINERS = "\u200c\u200d"
"""Zero-width non-joiner and joiner: spelling inside Persian and Indic words, where they decide how the letters on
either side are drawn (so they stay in the text; the joiner also binds emoji sequences), and pasted into Latin
ones. A word holds them, and its term is the word's without them (bot.core.analysis)."""
ZERO_WIDTH_SPACE = "\u200b"
"""A break between words that shows nothing: kept in stories and questions (Thai and Khmer write no spaces), but no
letter of a name typed (bot.core.people)."""
INSIDE_WORDS = JOINING_INVISIBLES + WORD_JOINERS
"""The invisible characters a word may hold, which its term leaves out: the analysis treats JOINING_INVISIBLES as
it does WORD_JOINERS, also in text that did not come through without_invisibles."""


_INSIDE_DROPPED = str.maketrans(dict.fromkeys(INSIDE_WORDS))
_TRIMMED = "".join(character for character in map(chr, range(0x3001)) if character.isspace()) + (
    ZERO_WIDTH_SPACE + INSIDE_WORDS
)
"""White space (every character str.isspace() takes: none lies above U+3000) and the zero-width characters that show
nothing and hold nothing together at a name's ends. Not a variation selector or a tag character: they end an emoji
or a flag ("\u2744\ufe0f"), nor a bidirectional mark, which places the stops at a right-to-left title's end."""


def trimmed(title: str) -> str:
    """A title or a chapter's name without white space or zero-width characters at its ends: "\u200bThe Mill" (pasted
    from a web page, a byte order mark or a word joiner before a document's title) was listed and offered as typed so,
    and matched nothing a user types. Inside it they stay (Persian's non-joiner, Thai's zero-width space)."""
    return title.strip(_TRIMMED)


_SOFT_HYPHEN_AT_BREAK = re.compile(r"\u00ad\s+")
"""A soft hyphen and the white space after it: the line break where a word was hyphenated, kept in text copied from
a page or wrapped by hand ("prac\u00ad\ntising"). A soft hyphen stands inside a word, so the word goes on after it."""


UNSEEN = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
"""Unicode's default-ignorable code points (the zero-width space, joiners, soft hyphen, bidirectional marks, variation
selectors, tags, Hangul fillers, the byte order mark) and the braille blank, as a regular expression's class: a reader
sees nothing of them."""
_SHOWN = re.compile(f"[^\\s{UNSEEN}]")
"""A character that shows: none of white space and UNSEEN. Control characters are told apart before (a file of NUL
bytes is refused as such)."""
UNSEEN_CHARACTER = re.compile(f"[{UNSEEN}]")


def shows_text(text: str) -> bool:
    """Whether the text shows a reader anything: a file, paragraph or title of zero-width spaces and other invisible
    characters alone is as blank as one of spaces (it was a story, its one passage of nothing). Stops at the first
    such character, nearly always the first; ASCII text (most) shows something unless it is white space alone."""
    if text.isascii():
        return not text.isspace() and bool(text)
    return _SHOWN.search(text) is not None


def without_invisibles(text: str) -> str:
    """`text` without JOINING_INVISIBLES, a soft hyphen's line break joined; text holding none (nearly all) is given
    back as it is."""
    if "\u00ad" in text:
        text = _SOFT_HYPHEN_AT_BREAK.sub("", text)
    return _without(text, JOINING_INVISIBLES, _DROPPED)


def without_inside_words(text: str) -> str:
    """`text` without INSIDE_WORDS, so that a word holding them reads whole, as the analysis reads it (a name pasted
    as "Pa\u200dvel" is Pavel); text holding none (nearly all) is given back as it is."""
    return _without(text, INSIDE_WORDS, _INSIDE_DROPPED)


def _without(text: str, characters: str, table: dict[int, None]) -> str:
    if text.isascii() or not any(character in text for character in characters):
        return text
    return text.translate(table)


CONTROL_CHARACTERS = {
    code: " " if chr(code).isspace() else None for code in [*range(9), 11, *range(14, 32), *range(127, 160)]
}
"""Control characters other than tab, line ends and form feed: C0, DEL and C1. They show nothing, and printed on
the owner's terminal (`ask`, `stories`, the console) an ESC or a CSI starts an escape sequence: a story's
"\x1b]0;...\x07" retitled the terminal, and others write to its clipboard or clear its screen. Those that are white
space to str.split() (a vertical tab, the separators, C1's next line) become a space: they part words."""
_ESCAPE_SEQUENCE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*\x07?|[@-Z\\-_])")
"""A terminal's escape sequence: CSI ("\x1b[1;31m"), OSC ("\x1b]0;title\x07") or one of two characters. Each part
stops at the first character it cannot take (the OSC's text at the next ESC), so finding them is linear."""


def without_controls(text: str) -> str:
    """`text` without terminal escape sequences and CONTROL_CHARACTERS."""
    if "\x1b" in text:
        text = _ESCAPE_SEQUENCE.sub("", text)
    return text.translate(CONTROL_CHARACTERS)


FORMAT_MARKS = re.compile(
    "[\u061c\u180e\u200e\u200f\u202a-\u202e\u2061-\u2064\u2066-\u2069\ufe00-\ufe0f"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
"""Invisible characters that format what is around them and belong to no word: bidirectional marks, embeddings,
overrides and isolates (which text copied from a right-to-left page carries), invisible operators, the Mongolian
vowel separator, variation selectors and tag characters. Inside a typed word each cut it in two
("S\u00e9b\u200eastien" was "s\u00e9b" and "astien", no one), or kept it from any word (a variation selector)."""


def plain_question(question: str) -> str:
    """What someone typed (a question, a name) as searched: without JOINING_INVISIBLES, FORMAT_MARKS, terminal escape
    sequences and control characters. A question pasted from a terminal or a Discord ansi code block
    ("\x1b[1;31mS\u00e9bastien\x1b[0m born where") was searched as "31msebastien" and "0m", words of no story, and
    found nothing."""
    text = without_invisibles(without_controls(question))
    return text if text.isascii() else FORMAT_MARKS.sub("", text)
