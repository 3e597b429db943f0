"""A line of dialogue that asks, read into one passage with the reply that answers it.

A story's characters ask what its readers do: '"Who found him?" asked O'Brien.' holds a reader's "Who found the
body?" word for word, and the next paragraph, '"The maid, Sarah Pike, sir."', holds the answer and none of the
question's words. Apart, the question's paragraph was the answer shown, and the reply could not be found at all.
"""

from __future__ import annotations

OPENING_QUOTES = "\"“‘'«„"
CLOSING_QUOTES = "\"”’'»“"
LONGEST_QUESTION = 240
"""Characters past which a paragraph is more than one line that asks (a speech, a narration with a quote in it)."""
_SINGLE_QUOTES = "'‘’"
"""Quotes an elision's apostrophe is written as too ("'Twas", and "‘Twas" as word processors curl it)."""
_ELIDED_WORDS = frozenset(("twas", "tis", "twere", "twill", "twould", "tisn", "twasn", "em", "cause", "til", "tween"))
"""Words an apostrophe opens in narration, for letters left out ("'Twas", "'Tisn't", "'em", "'cause", "'til")."""
_LONGEST_ELIDED = 6
"""Letters read of a paragraph's first word to tell whether it is one of them."""
_SPEECH_ENDS = frozenset(",.!?…-—")
"""What a speech's words end with before its closing quote."""
LONGEST_EXCHANGE = 600
"""Characters a question and its reply may hold together: no more than an answer's excerpt shows
(bot.core.excerpt.EXCERPT_CHARS), so the reply is never cut from the question (a 906-character reply's answer was)."""
LONGEST_SPEECH_TAG = 60
"""Characters that may follow the question's closing quote: who asked, and how ("asked O'Brien, turning round")."""


def asks(paragraph: str) -> bool:
    """Whether the paragraph is one quoted question, with at most who asked it after: it opens with a quote, its last
    question mark closes that quote, no other quote stands in it (a paragraph of several speeches, or of narration
    around a speech, is more than one line that asks), and it ends a sentence (a sentence that reads on into the
    next paragraph would read on into the reply)."""
    if not paragraph or len(paragraph) > LONGEST_QUESTION or paragraph[0] not in OPENING_QUOTES:
        return False
    mark = paragraph.rfind("?")
    if mark < 0 or mark + 1 == len(paragraph) or paragraph[mark + 1] not in CLOSING_QUOTES:
        return False
    tag = paragraph[mark + 2 :]
    return (
        len(tag) <= LONGEST_SPEECH_TAG
        and not _quotes_in(paragraph[1 : mark + 1])
        and not _quotes_in(tag)
        and (not tag.strip() or tag.rstrip()[-1] in ".!?")
    )


def _quotes_in(text: str) -> bool:
    """Whether the text holds a quote mark, other than an apostrophe inside a word, straight or curly ("O'Brien")."""
    for at, character in enumerate(text):
        if character in OPENING_QUOTES or character in CLOSING_QUOTES:
            inside = 0 < at < len(text) - 1 and text[at - 1].isalpha() and text[at + 1].isalpha()
            if not (character in "'’" and inside):
                return True
    return False


def replies(paragraph: str) -> bool:
    """Whether the paragraph is spoken: it opens with a quote. Not one that opens with an elision's apostrophe
    ("'Twas a cold night", "'Tis true", "'90s"), unless a quote closes after a sentence's mark ("'Tis true,' she
    said"): a plural's apostrophe ("the owls' cries") closes nothing, and a speech running on into the next paragraph
    closes no quote at all ("'We must go now." opens one)."""
    if not paragraph or paragraph[0] not in OPENING_QUOTES:
        return False
    return paragraph[0] not in _SINGLE_QUOTES or not _elided(paragraph) or _closes_speech(paragraph)


def _elided(paragraph: str) -> bool:
    """Whether the paragraph's opening apostrophe stands for letters left out of its first word ("'Twas", "'90s")."""
    end = 1
    while end < len(paragraph) and end <= _LONGEST_ELIDED and paragraph[end].isalnum():
        end += 1
    word = paragraph[1:end].casefold()
    return word[:1].isdigit() or word in _ELIDED_WORDS


def _closes_speech(paragraph: str) -> bool:
    """Whether a single quote closes a speech in the paragraph: right after a sentence's mark ("true,' she said")."""
    return any(paragraph[at] in "'’" and paragraph[at - 1] in _SPEECH_ENDS for at in range(2, len(paragraph)))


def with_replies(chunks: list[tuple[str, int]], longest: int) -> list[tuple[str, int]]:
    """The paragraphs in a row, each a text and how many paragraphs it holds, with each that asks joined to the
    spoken one after it by a line break, where both fit in `longest` characters: an answer's excerpt, so that the
    reply is never cut from the question it answers (a reply that asks again is then not joined to the next)."""
    joined: list[tuple[str, int]] = []
    at = 0
    while at < len(chunks):
        text, count = chunks[at]
        if at + 1 < len(chunks) and asks(text) and replies(chunks[at + 1][0]):
            reply, held = chunks[at + 1]
            if len(text) + 1 + len(reply) <= longest:
                joined.append((f"{text}\n{reply}", count + held))
                at += 2
                continue
        joined.append((text, count))
        at += 1
    return joined
