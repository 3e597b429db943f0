"""The answer object every adapter (command line, JSON, Discord) renders."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from bot.core.index_damage import IndexDamage
from bot.core.query import Correction, PronounReading


class NoAnswer(StrEnum):
    """Why a question got no passage; bot.messages says it to a reader (with Answer.example, Answer.damage)."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_CONTENT_WORDS = "no_content_words"
    NO_MATCH = "no_match"
    INDEX_DAMAGED = "index_damaged"
    """The saved index was damaged under the running program: Answer.damage says how; it is being rebuilt."""


@dataclass(frozen=True)
class Excerpt:
    """Plain text with the matched words as (start, end) offsets into it."""

    text: str
    highlights: tuple[tuple[int, int], ...]
    answer: tuple[int, int] | None = None
    """Where the sentence that best answers the question stands in `text`."""

    def segments(self) -> Iterator[tuple[str, bool]]:
        """(piece, matched) in order; adjacent matches separated only by spaces join into one."""
        position = 0
        merged: list[list[int]] = []
        for start, end in self.highlights:
            if merged and not self.text[merged[-1][1] : start].strip():
                merged[-1][1] = end
            else:
                merged.append([start, end])
        for start, end in merged:
            if start > position:
                yield self.text[position:start], False
            yield self.text[start:end], True
            position = end
        if position < len(self.text):
            yield self.text[position:], False


@dataclass(frozen=True, kw_only=True)
class Hit:
    story: str
    """The story's title."""
    path: str
    passage: int
    """The passage's position in its story, from 1."""
    passage_count: int
    score: float
    """The passage's BM25Okapi score."""
    excerpt: Excerpt
    paragraph: int
    """The story paragraph the passage comes from, from 1."""
    document: int
    """The passage's index in the library, for reading on from it."""
    chapter: str | None = None
    """The Markdown heading the passage stands under, if any."""
    chapter_passage: int = 0
    """Its position under that heading, from 1."""


@dataclass(frozen=True, kw_only=True)
class Answer:
    question: str
    hits: tuple[Hit, ...]
    """Best first; empty when there is no answer."""
    reason: NoAnswer | None = None
    example: str = ""
    """For no answer: a name from the stories that the reader could ask about instead."""
    offset: int = 0
    """How many better hits came before these (for paging)."""
    more: bool = False
    """Whether further hits follow these."""
    scope: str | None = None
    """The title of the one story searched, when the question was scoped to it."""
    corrections: tuple[Correction, ...] = ()
    """Misspelt words searched as the library's closest words."""
    pronoun_reading: PronounReading | None = None
    """Asked of one story, the pronouns taken to mean its lead, where that changed the answer ("what does she do")."""
    damage: IndexDamage | None = None
    """For INDEX_DAMAGED: which file, and what was wrong with it."""

    @property
    def best(self) -> Hit | None:
        return self.hits[0] if self.hits else None

    @property
    def alternatives(self) -> tuple[Hit, ...]:
        return self.hits[1:]
