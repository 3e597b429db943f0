"""Words a question and the stories write apart in one and joined in the other: Lucene's word-break spell checker's
two moves (breaking a word, joining words), each taken only on the library's own evidence.

A story writes "Al-Amin", "e-mails", "$45,000": the analysis reads each as two words ("al" "amin", "e" "mail", "45"
"000"), so a question's "alamin", "emails" or "45000" met nothing, and the minimum-match rule refused it. The other
way round, a question's "A.I." or "e-mail" is two words where the story has one ("AI", "email").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from bot.core.analysis import LONGEST_WORD, Analyzer, normalize_word, words
from bot.core.corpus import Passage
from bot.core.index import BM25Scoring

HYPHENS = "-\u2010\u2011"
"""What joins the parts of a compound or a double name ("e-mail", "Al-Amin"): the hyphen and Unicode's hyphens.
Dashes join clauses, not words."""
CHECKED_PASSAGES = 64
"""Passages holding all parts that are read, at most, to find them joined, over all the words of a question and all
the ways each may break: evidence enough, and a bounded cost for a question of many long words whose parts many
passages hold."""
TRIED_SPLITS = 32
"""Ways of breaking whose parts' postings are read, at most, for one question: a 990-character question of unknown
words took two seconds reading the postings of every split."""
MIN_BROKEN = 3
"""Shorter words break only into single letters and pieces of words."""
YEARS = range(1000, 2100)
"""Numbers a question means as years more often than as amounts: "1800" is not "1,800 soldiers"."""


def joined_by(text: str, left: str, right: str) -> bool:
    """Whether `text`, between two words, joins them into one: a hyphen where a word has a letter ("e-mail", "IL-6";
    not a score's or a range's "2-1"); a comma between digits before a group of three ("45,000", not "3,5"); a point
    after a single letter before another ("A.I."; a point between digits is a decimal's more often than not)."""
    if len(text) != 1:
        return False
    if text in HYPHENS:
        return not (left.isdigit() and right.isdigit())
    if text == "," and left.isdigit() and right.isdigit():
        return len(right) == 3
    return text == "." and len(left) == 1 == len(right) and left.isalpha() and right.isalpha()


@dataclass(frozen=True)
class BrokenWord:
    """A question word the library lacks, read as the words the stories write it as."""

    shown: str
    """The words as a passage writes them joined ("Al-Amin"), to say what was searched."""
    parts: tuple[str, ...]
    """The parts' terms, in order."""


@dataclass(frozen=True)
class JoinedWords:
    """Question words that the library writes as one word."""

    first: int
    """Where they start among the question's words."""
    count: int
    """How many words it joins."""
    term: str
    """The joined word's term."""


class WordBreaker:
    """Breaks and joins one question's words against one library's terms and passages (of one story, if given): a
    word breaks only on what the passages searched write, and each question reads at most CHECKED_PASSAGES of them
    and the postings of TRIED_SPLITS ways of breaking."""

    def __init__(
        self, analyzer: Analyzer, index: BM25Scoring, passages: Sequence[Passage], within: range | None = None
    ):
        self.analyzer, self.index, self.passages = analyzer, index, passages
        self.within = within if within is not None else range(0, index.size)
        self.unread = CHECKED_PASSAGES
        self.untried = TRIED_SPLITS

    def broken(self, word: str) -> BrokenWord | None:
        """The word (one the library lacks) as parts the library holds and some passage writes joined: a word of
        letters split in two anywhere, a number in groups of three from its end ("45000" as "45,000"; no year's).
        Of several ways, the one most passages write; None when no passage writes any."""
        folded = normalize_word(word)
        if not MIN_BROKEN <= len(folded) <= LONGEST_WORD:
            return None
        best: tuple[int, BrokenWord] | None = None
        for parts in _splits(folded):
            if self.unread <= 0 or self.untried <= 0:
                break
            terms = [self.analyzer.term(part) for part in parts]
            held = tuple(term for term in terms if term is not None and term in self.index.vocabulary)
            if len(held) < len(parts):
                continue
            self.untried -= 1
            count, shown = self._written_joined(held)
            if count and (best is None or count > best[0]):
                best = (count, BrokenWord(shown=shown, parts=held))
        return best[1] if best is not None else None

    def joined(self, question: str, found: Sequence[tuple[str, int, int]]) -> list[JoinedWords]:
        """Runs of the question's words (`words(question)`) that it joins as the stories join words, whose joined
        word is a term of the library, searched beside those of its own words the library holds ("A.I." for "AI",
        "on-line" for "online", "IL-6" for "IL6" too); not a stop word joined to a word the library holds:
        "re-signed" is searched as "signed", never as "resigned"."""
        runs: list[JoinedWords] = []
        first = 0
        while first < len(found):
            last = first
            while last + 1 < len(found) and joined_by(
                question[found[last][2] : found[last + 1][1]], found[last][0], found[last + 1][0]
            ):
                last += 1
            if last > first:
                term = self.analyzer.term("".join(word for word, _, _ in found[first : last + 1]))
                parts = [self.analyzer.term(word) for word, _, _ in found[first : last + 1]]
                held = any(part is not None and part in self.index.vocabulary for part in parts)
                prefixed = held and None in parts  # "re-signed": a stop word before a word the library holds
                if term is not None and term in self.index.vocabulary and term not in parts and not prefixed:
                    runs.append(JoinedWords(first=first, count=last - first + 1, term=term))
            first = last + 1
        return runs

    def _written_joined(self, terms: tuple[str, ...]) -> tuple[int, str]:
        """How many passages searched that hold all the terms write their words joined, of those read (at most what
        is left unread), and how the first of them writes them."""
        held = self.index.postings_within(terms[0], self.within)[0]
        for term in terms[1:]:
            held = np.intersect1d(held, self.index.postings_within(term, self.within)[0], assume_unique=True)
        read = held[: self.unread]
        self.unread -= len(read)
        written = [joined for document in read if (joined := self._joined_in(self.passages[int(document)].text, terms))]
        return len(written), written[0] if written else ""

    def _joined_in(self, text: str, terms: tuple[str, ...]) -> str:
        """The words of these terms as `text` writes them joined ("Al-Amin"), or "" when it does not."""
        found = words(text)
        size = len(terms)
        for start in range(len(found) - size + 1):
            run = found[start : start + size]
            if all(self.analyzer.term(word) == term for (word, _, _), term in zip(run, terms, strict=True)) and all(
                joined_by(text[a[2] : b[1]], a[0], b[0]) for a, b in pairwise(run)
            ):
                return text[run[0][1] : run[-1][2]]
        return ""


def _splits(folded: str) -> list[tuple[str, ...]]:
    """The ways a word may be written apart: a number in its groups of three from the end; letters in two anywhere
    (each part of at least one letter)."""
    if folded.isdigit():
        head = len(folded) % 3 or 3
        if len(folded) <= 3 or int(folded) in YEARS:
            return []
        return [(folded[:head], *(folded[i : i + 3] for i in range(head, len(folded), 3)))]
    if not folded.isalpha():
        return []
    return [(folded[:cut], folded[cut:]) for cut in range(1, len(folded))]
