"""Where a story tells how old someone is, for "How old is Danny?" and "What is Abernethy's age?".

A plot brings someone in with who they are ("Cornelius Abernethy, a retired judge") and may tell their age elsewhere:
"the sixty-eight-year-old Cornelius Abernethy has been found in the locked library", "Reinhold, now ninety-four, is
still alive", "Danny is sixteen, angry and talented". The first sentence telling the person's age, next to their name,
answers; the introduction answers where none does (bot.core.introductions).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.analysis import fold
from bot.core.job_asked import name_pattern, sentence_at
from bot.core.number_words import TENS, UNITS
from bot.core.people_finder import kin_words, kinds_of_people, person_titles

_NUMBER = rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(UNITS[1:10])}))?|{'|'.join(UNITS[2:])}|\d{{1,3}})"
"""A number of years, in words or digits: "sixty-eight", "sixteen", "94" ("one" and "zero" left out: "Tom is one of
the crew")."""
_DECADES = "teens|" + "|".join(ten.removesuffix("y") + "ies" for ten in TENS)
_AGE = re.compile(
    rf"\b(?:{_NUMBER}[- ]years?[- ]old|aged {_NUMBER}|age of {_NUMBER}"
    rf"|in (?:his|her|their) (?:(?:early|mid|late)[- ])?(?:{_DECADES}))\b",
    re.IGNORECASE,
)
"""An age said of whoever it stands next to: "a sullen fifteen-year-old", "aged 70", "at the age of twelve", "in her
late sixties"."""
_AGE_AFTER_NAME = re.compile(
    rf",? (?:is|was|now|turns|turned|just) {_NUMBER}(?=[,.;!?]| years\b| and\b|$)|, \d{{1,3}}(?=,)|,? \(\d{{1,3}}\)",
    re.IGNORECASE,
)
"""An age right after a name: "Danny is sixteen, angry", "Reinhold, now ninety-four, is", "Ada Park, 34, a nurse",
"Ada Park (34)"; not "Tom is twenty minutes late"."""
_MOST_CHARS_AFTER = 60
"""How far after a name an age of _AGE may start and be theirs: "Tom Hale, who left school at the age of fifteen"."""
_MOST_WORDS_BETWEEN = 2
"""How many words may stand between an age and the name after it: "her nine-year-old daughter, Lila", "the
sixty-eight-year-old retired judge Cornelius Abernethy" is past it."""
_BETWEEN = re.compile(r"[\w'’-]+,?")
_APPOSED = re.compile(r",? (?:(?:who )?(?:is|was) )?(?:a|an|the)(?: [\w'’-]+){0,2} ")
"""An apposition or a clause saying who someone is, up to their age: "Elsie Park, a sullen fifteen-year-old girl"."""
_SENTENCE_BREAK = re.compile(r"[.!?;]")
_NEXT_WORD = re.compile(r"\s++([\w'’-]+)")


def age_told(texts: Sequence[str], name: str, others: Sequence[str] = ()) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first telling how old someone of this name is, next to their full name,
    their first name or a nickname (bot.core.job_asked's name_pattern, with the words of `others`, the story's other
    people, left out); None where none does."""
    pattern = name_pattern(name, {word for other in others for word in other.split()})
    if pattern is None:
        return None
    for index, text in enumerate(texts):
        for found in pattern.finditer(text):
            if _age_next_to(text, found.start(), found.end()):
                return index, sentence_at(text, found.start())
    return None


def _age_next_to(text: str, start: int, end: int) -> bool:
    """Whether an age stands right after the name from `start` to `end`, within a few words after it, or right
    before it with at most a word for a kind of person between ("her nine-year-old daughter, Lila")."""
    if _AGE_AFTER_NAME.match(text, end):
        return True
    after = _AGE.search(text, end, end + _MOST_CHARS_AFTER)
    if after is not None and not _SENTENCE_BREAK.search(text, end, after.start()):
        return _APPOSED.fullmatch(text, end, after.start()) is not None or not _names_someone_after(text, after.end())
    ages = list(_AGE.finditer(text, max(0, start - _MOST_CHARS_AFTER), start))
    if not ages:
        return False
    between = text[ages[-1].end() : start].split()
    if len(between) > _MOST_WORDS_BETWEEN or not all(_BETWEEN.fullmatch(word) for word in between):
        return False
    return all(_person_word(word.rstrip(",")) for word in between)


def _names_someone_after(text: str, at: int) -> bool:
    """Whether the word after an age ending at `at` is a word for a person, whose age it is: "playing with a
    twelve-year-old boy" (but "who left school at the age of fifteen" is the name's)."""
    following = _NEXT_WORD.match(text, at, at + 40)
    return following is not None and _person_word(following.group(1))


def _person_word(word: str) -> bool:
    """A word that may stand between an age and a name: a title or part of one ("Judge"), a relative ("daughter"), a
    word for a kind of person ("boy", "widow")."""
    folded = fold(word.strip("'’-"))
    return word[:1].isupper() or folded in kin_words() or folded in kinds_of_people() or folded in person_titles()
