"""The words a story may call a role by: its synonyms and narrower words, from WordNet's first sense of it.

`role_words.txt` beside this file is derived by scripts/build_role_words.py (which says how): "prosecutor" is
"public prosecutor" and, narrower, "district attorney"; "doctor" is "physician", never a Doctor of the Church's
"theologian". Words in their dictionary form, so a story's word is compared whole ("hire" is no "hirer").
It carries WordNet's licence notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.core.related_words import word_columns

ROLE_WORDS_FILE = "role_words.txt"


@dataclass(frozen=True)
class RoleWords:
    synonyms: dict[str, frozenset[str]]
    narrower: dict[str, frozenset[str]]

    @classmethod
    def parse(cls, text: str) -> RoleWords:
        """The file's lines: word, synonyms, narrower words (bot.core.related_words.word_columns), a compound's words
        joined by "_"."""
        synonyms, narrower = word_columns(text)
        return cls(_spaced(synonyms), _spaced(narrower))


def _spaced(table: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    return {word: frozenset(w.replace("_", " ") for w in found) for word, found in table.items()}


@cache
def bundled_role_words() -> RoleWords:
    return RoleWords.parse(resources.files("bot.core").joinpath(ROLE_WORDS_FILE).read_text("utf-8"))
