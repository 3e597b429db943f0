"""Paragraphs that run on: a line that opens in lower case after one that ends no sentence is the same sentence's.
A song typed a line to a paragraph ("Low tide, low tide," / "bring the herring home,"), as Word users and many EPUBs
set verse, and a PDF converted to Word a line to a paragraph, were a passage per line: "bring my brother Anders" was
a passage of four words, what it asked to bring home in the one before."""

from __future__ import annotations

from collections.abc import Sequence

SENTENCE_ENDS = ".!?\u2026"
_CLOSING = "\"'\u201d\u2019)]\u00bb*_"
"""What may close a sentence after its stop: a quotation's mark, a bracket, emphasis typed as text."""


MIN_WORDS = 3
"""The fewest words of a line another runs on from: a table's cells read as paragraphs ("Wren" beside "herring and
tar", "March" beside "twelve barrels") are each a passage."""


def runs_on(before: Sequence[str], line: str) -> bool:
    """Whether `line` continues the sentence a paragraph ends in, `before` its lines (one, or those run on into it
    already): `line` opens with a lower-case letter, and the paragraph, of MIN_WORDS words or more, ends with no stop
    (a comma, a colon, a word). Only its first and last lines are read, however many it has."""
    if not before:
        return False
    ending = before[-1].rstrip().rstrip(_CLOSING)
    return (
        line[:1].islower()
        and bool(ending)
        and ending[-1] not in SENTENCE_ENDS
        and (len(before) > 1 or len(before[0].split(maxsplit=MIN_WORDS)) >= MIN_WORDS)
    )
