"""Whether what a story says a few words after or before a name is said of that person, not of someone else.

An age or a home town told near a name may be another's: "Ruth questions Jenny Pascoe, a 34-year-old ferry pilot",
"Tom met Anna, a girl from Leeds", "Martin, whose mother is in her eighties", "Their children, eleven-year-old Maisie,
Tom and Sam". It is the name's where it stands right by it, in an apposition ("Wren Tallow, a seventeen-year-old
net-mender from Gullhaven") or with no other person, kin or kind of person between (bot.core.age_asked,
bot.core.origin_asked).
"""

from __future__ import annotations

import re
from collections.abc import Collection

from bot.core.analysis import fold
from bot.core.people_finder import kin_words, kinds_of_people, person_titles

_APPOSED = re.compile(r",? (?:(?:who )?(?:is|was) )?(?:a|an|the)(?: [\w'’-]+){0,6} ")
"""An apposition or a clause saying who someone is, up to what it tells: "Elsie Park, a sullen fifteen-year-old girl",
"Gethin Pryce, a coal miner's son from Merthyr" (at most six words before it, each repetition bounded)."""
_WORD = re.compile(r"[\w'’-]+")
"""A word, with its apostrophes and hyphens ("miner's", "net-mender")."""
_SENTENCE_BREAK = re.compile(r"[.!?;\n]")
"""What ends a sentence or a clause: what is told past it is no longer beside the name."""
_NOT_THEIRS = frozenset({"whose", "with", "for", "by", "to", "of"})
"""Words after which what follows is said of another: "Martin, whose mother ...", "Tom lives with his daughter, aged
ten", "works for a man from Leeds", "Frank Dolan, the father of a sixteen-year-old runaway"."""
_NAMING = frozenset({"named", "called"})
_MOST_WORDS_BEFORE = 2
"""How many words may stand between what is told and the name after it: "her nine-year-old daughter, Lila"."""


def apposed(text: str, end: int, at: int, others: Collection[str]) -> bool:
    """Whether the words from the name ending at `end` to what starts at `at` open an apposition or a clause saying
    who they are ("Ada Park, a nurse from Leeds", "Elsie Park, who is a sullen fifteen-year-old"), naming none of
    `others` (the story's other people's name words, folded) and none of _NOT_THEIRS."""
    if not _APPOSED.fullmatch(text, end, at):
        return False
    between = {fold(word) for word in _WORD.findall(text, end, at)}
    return not (_NOT_THEIRS.intersection(between) or any(word in others for word in between))


def told_after(text: str, end: int, at: int, others: Collection[str]) -> bool:
    """Whether what starts at `at` is said of the name ending at `end`: in an apposition of it (apposed), or in its
    sentence with no word of `others`, no relative, no kind of person and none of _NOT_THEIRS between ("Tom Hale left
    school at the age of fifteen"; not "Ruth questions Jenny Pascoe, a ...", "Martin, whose mother is ...")."""
    if _SENTENCE_BREAK.search(text, end, at):
        return False
    if apposed(text, end, at, others):
        return True
    between = {fold(word) for word in _WORD.findall(text, end, at)}
    return not (_NOT_THEIRS.intersection(between) or any(word in others or _person_word(word) for word in between))


def told_before(text: str, after: int, start: int) -> bool:
    """Whether what ends at `after` is said of the name starting at `start`: at most _MOST_WORDS_BEFORE words between,
    each a title, a relative or a kind of person ("her nine-year-old daughter, Lila", "sixty-eight-year-old Cornelius
    Abernethy"), and then "named" or "called" ("a twelve-year-old girl named Wren", "a 12-year-old called Kevin"), in
    one sentence."""
    gap = text[after:start]
    if _SENTENCE_BREAK.search(gap):
        return False
    between = _WORD.findall(gap)
    if between[-1:] and fold(between[-1]) in _NAMING:
        between = between[:-1]
    if len(between) > _MOST_WORDS_BEFORE or gap.replace(",", "").split()[: len(between)] != between:
        return False
    return all(_person_word(fold(word)) for word in between)


def _person_word(folded: str) -> bool:
    """A title ("judge"), a relative ("daughter") or a word for a kind of person ("boy", "widow"), folded."""
    return folded in kin_words() or folded in kinds_of_people() or folded in person_titles()
