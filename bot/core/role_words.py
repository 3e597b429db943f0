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

ROLE_WORDS_FILE = "role_words.txt"


@dataclass(frozen=True)
class RoleWords:
    synonyms: dict[str, frozenset[str]]
    narrower: dict[str, frozenset[str]]

    @classmethod
    def parse(cls, text: str) -> RoleWords:
        """The file's lines: word, synonyms, narrower words, tab-separated, a compound's words joined by "_"; `#`
        starts a comment line."""
        synonyms: dict[str, frozenset[str]] = {}
        narrower: dict[str, frozenset[str]] = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            word, same, below = line.split("\t")
            if same:
                synonyms[word] = frozenset(w.replace("_", " ") for w in same.split(" "))
            if below:
                narrower[word] = frozenset(w.replace("_", " ") for w in below.split(" "))
        return cls(synonyms, narrower)


@cache
def bundled_role_words() -> RoleWords:
    return RoleWords.parse(resources.files("bot.core").joinpath(ROLE_WORDS_FILE).read_text("utf-8"))
