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


@dataclass(frozen=True)
class RelatedWords:
    close: dict[str, frozenset[str]]
    kinds: dict[str, frozenset[str]]

    @classmethod
    def parse(cls, text: str) -> RelatedWords:
        """The file's lines: term, close terms, kind terms, tab-separated; `#` starts a comment line."""
        close: dict[str, frozenset[str]] = {}
        kinds: dict[str, frozenset[str]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            term, near, below = line.split("\t")
            if near:
                close[term] = frozenset(near.split(" "))
            if below:
                kinds[term] = frozenset(below.split(" "))
        return cls(close, kinds)


@cache
def bundled_related_words() -> RelatedWords:
    return RelatedWords.parse(resources.files("bot.core").joinpath(RELATED_FILE).read_text("utf-8"))
