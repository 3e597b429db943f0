"""One text analysis for passages and questions, so both sides of a match see the same terms."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import Stemmer

# Letters and digits, with inner apostrophes kept ("Ivan's", "couldn't"); hyphens,
# underscores and all other punctuation separate words ("25-year-old" -> 25 year old).
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_POSSESSIVE = re.compile(r"['’]s$")
_APOSTROPHE = re.compile(r"['’]")


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "SÉBASTIEN" and "sebastien" compare equal."""
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


def _normalize_word(word: str) -> str:
    return _APOSTROPHE.sub("", _POSSESSIVE.sub("", fold(word)))


def load_stopwords() -> frozenset[str]:
    text = resources.files("bot.core").joinpath("stopwords_en.txt").read_text("utf-8")
    lines = (line.strip() for line in text.splitlines())
    return frozenset(_normalize_word(line) for line in lines if line and not line.startswith("#"))


@dataclass(frozen=True)
class Span:
    """A word of the original text, where it stands and the term it became."""

    term: str
    start: int
    end: int


class Analyzer:
    """Case and accent folding, possessives, stop words and Snowball stemming.

    The switches exist so the evaluation can measure each choice (README, "Ranking quality").
    """

    def __init__(self, *, stem: bool = True, stopwords: bool = True, fold_accents: bool = True):
        self.stem, self.stopwords, self.fold_accents = stem, stopwords, fold_accents
        stop = load_stopwords() if stopwords else frozenset()
        stemmer = Stemmer.Stemmer("english") if stem else None
        lower = fold if fold_accents else str.casefold

        @lru_cache(maxsize=1 << 20)
        def term(word: str) -> str | None:
            normalized = _APOSTROPHE.sub("", _POSSESSIVE.sub("", lower(word)))
            if not normalized or normalized in stop:
                return None
            return stemmer.stemWord(normalized) if stemmer else normalized

        self.term = term
        """The index term of one word, or None for a stop word."""
        self.signature = f"{self!r}|{sorted(stop)}|{Stemmer.version() if stemmer else ''}"
        """Everything that decides the terms: two analyzers with equal signatures agree."""

    def __repr__(self) -> str:
        return f"Analyzer(stem={self.stem}, stopwords={self.stopwords}, fold_accents={self.fold_accents})"

    def terms(self, text: str) -> list[str]:
        term = self.term
        return [t for w in WORD.findall(text) if (t := term(w)) is not None]

    def spans(self, text: str) -> Iterator[Span]:
        term = self.term
        for match in WORD.finditer(text):
            t = term(match.group())
            if t is not None:
                yield Span(t, match.start(), match.end())
