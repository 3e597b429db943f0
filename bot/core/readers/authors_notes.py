"""A fan fiction writer's notes typed into the chapter: "A/N: Thanks to my beta reader!", "Author's Note: Sorry this
one is short". FanFiction.net has no field for them, so its stories carry them in every format a download takes;
each was a passage of the chapter, and "Who helped the author?" was answered from one. AO3's notes stand apart and
are left out where its pages are read (ao3.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.readers.reader import Block

_NOTE = re.compile(r"\(?+(?:a/n|author['’]?s note)[ \t]*+[:\-–—]", re.IGNORECASE)
"""How such a note opens: "A/N:", "(A/N -", "Author's Note:", "Authors note —"."""


def is_authors_note(text: str) -> bool:
    return _NOTE.match(text) is not None


def without_authors_notes(blocks: Sequence[Block]) -> list[Block]:
    """The blocks less the paragraphs that open as a writer's note; headings are kept ("Author's Note" as a book's
    section is its text, book_matter.py)."""
    return [block for block in blocks if block.heading or not is_authors_note(block.text)]
