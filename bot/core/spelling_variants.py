"""British spellings read as their American ones: a story's "colour" and "litres" meet a question's "color" and
"liters".

`spelling_variants.txt` beside this file is derived from breame's list by scripts/build_spelling_variants.py (which
says which pairs it keeps) and carries breame's licence notice.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

VARIANTS_FILE = "spelling_variants.txt"


def parse_variants(text: str) -> dict[str, str]:
    """The file's lines: a British spelling and its American one, tab-separated; `#` starts a comment line."""
    pairs = (line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
    return {british: american for british, american in pairs}


@cache
def american_spellings() -> dict[str, str]:
    """Each British spelling's American one, by the folded word."""
    return parse_variants(resources.files("bot.core").joinpath(VARIANTS_FILE).read_text("utf-8"))
