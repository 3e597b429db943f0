"""Words related in meaning, from WordNet: a question's "taught" is a story's "tutors".

`related_words.txt` beside this file is derived by scripts/build_related_words.py (which says how)
and holds, for each index term of a common English word, its close relatives (synonyms and derived
forms) and its kinds one step up or down, as index terms. It carries WordNet's licence notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

RELATED_FILE = "related_words.txt"


def word_columns(text: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """The two word sets of each line of a file derived from WordNet (this module's and bot.core.role_words'): word,
    then two space-separated columns, tab-separated; `#` starts a comment line, and an empty column is no entry."""
    first: dict[str, frozenset[str]] = {}
    second: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, near, below = line.split("\t")
        if near:
            first[word] = frozenset(near.split(" "))
        if below:
            second[word] = frozenset(below.split(" "))
    return first, second


@dataclass(frozen=True)
class RelatedWords:
    close: dict[str, frozenset[str]]
    kinds: dict[str, frozenset[str]]

    @classmethod
    def parse(cls, text: str) -> RelatedWords:
        """The file's lines: term, close terms, kind terms (word_columns)."""
        return cls(*word_columns(text))


@cache
def bundled_related_words() -> RelatedWords:
    return RelatedWords.parse(resources.files("bot.core").joinpath(RELATED_FILE).read_text("utf-8"))
