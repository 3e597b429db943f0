"""Where a story tells how old someone is, for "How old is Danny?" and "What is Abernethy's age?".

A plot brings someone in with who they are ("Cornelius Abernethy, a retired judge") and may tell their age elsewhere:
"the sixty-eight-year-old Cornelius Abernethy has been found in the locked library", "Reinhold, now ninety-four, is
still alive", "Danny is sixteen, angry and talented". The first sentence telling the person's age, next to their name,
answers; the introduction answers where none does (bot.core.introductions).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum

from bot.core.analysis import fold
from bot.core.beside_name import apposed, told_after, told_before
from bot.core.job_asked import sentence_at
from bot.core.number_words import TENS, UNITS
from bot.core.person_forms import person_pattern
from bot.core.sentences import clause_start
from bot.core.time_words import DAY_TIMES, SEASONS, SPANS, WHEN

_NUMBER = rf"(?:(?:{'|'.join(TENS)})(?:[- ](?:{'|'.join(UNITS[1:10])}))?|{'|'.join(UNITS[2:])}|\d{{1,3}}(?![\d,.]\d))"
"""A number of years, in words or digits: "sixty-eight", "sixteen", "94" ("one" and "zero" left out: "Tom is one of
the crew"; not the start of "3,000" or "2.5")."""
_DECADES = "teens|" + "|".join(ten.removesuffix("y") + "ies" for ten in TENS)
_YEAR_OLD = re.compile(rf"\b{_NUMBER}[- ]years?[- ]old\b", re.IGNORECASE)
"""An age that names or describes its owner: "a sullen fifteen-year-old", "the sixty-eight-year-old Cornelius"."""
_AGE_NOW = re.compile(rf"\b(?:aged {_NUMBER}|in (?:his|her|their) (?:(?:early|mid|late)[- ])?(?:{_DECADES}))\b", re.I)
"""An age said of whoever it stands next to: "aged 70", "in her late sixties"."""
_AGE_THEN = re.compile(rf"\bage of {_NUMBER}\b", re.IGNORECASE)
"""An age at some time of a life ("left school at the age of twelve", "died at the age of 88"): the answer only where
the story tells no other."""
_AGE_AFTER_NAME = re.compile(
    rf",? (?:(?:is|was)(?: (?:now|only|just|nearly|almost|barely))?|now|turns|turned|just) {_NUMBER}"
    r"(?=,|[;!?]|\.|$| and\b| years (?:old|of age)\b)"
    r"|, \d{1,3}(?=,(?!\d))|,? \(\d{1,3}\)",
    re.IGNORECASE,
)
"""An age right after a name: "Danny is sixteen, angry", "Reinhold, now ninety-four, is", "Tom is now forty-two",
"Ada Park, 34, a nurse", "Ada Park (34)"; not "Tom is twenty minutes late", "Eddie was ten years in prison", "Elena is
3,000 feet up"."""
_AT_A_TIME = re.compile(rf"\b(?:{WHEN}|since|until|till|if|by the time)\s++$", re.IGNORECASE)
"""What makes an age told right after a name one of some time of their life: "When Tom was twelve, his father
drowned", "By the time Tom was ten"."""
_OPENED_BY_A_TIME = re.compile(
    r"(?:in|by|after|before|during|until|till|since|from|at|on|around|towards?)\b[^,.;!?\n]{0,40}?"
    rf"\b(?:\d{{4}}s?|{SEASONS}|fall|war|{SPANS}|{DAY_TIMES})\b|(?:by then|{WHEN}|while|as soon as)\b",
    re.IGNORECASE,
)
"""A time opening a sentence: "In 1945", "In the spring of 1952", "By 1960", "When the war ended", "After the
funeral"; an age told after it in the past is one of that time ("In 1945 Tom was thirty"), not one told in the present
of a summary ("When the mill closes, Dennis, 54, takes a job", "In 1979 Gwen, 44, sues"). A time told as after the
rest ("Years later", "Eventually", "In the end") is left out: it brings the story towards its present."""
_TOLD_IN_THE_PAST = re.compile(r",? (?:was|were|had)\b|, (?:aged )?[\w-]+, (?:was|were|had|[a-z]+ed)\b")
"""An age told in the past right after a name: "Tom was seventy", "Tom, 40, was", "Tom, aged 40, sailed"."""
_TOLD_NOW = re.compile(r"(?: [A-Z][\w'’-]*){0,3},? (?:is |was )?(?:now|today)\b")
"""An age told with "now" or "today" right after a name: the present's ("Reinhold, now ninety-four,", "Tom is now
forty") or that of the time opening the sentence ("By 1990 Tom was now seventy"), the latest told there either way,
never one further back ("Sixty years later, Reinhold, now ninety-four, is still alive")."""
_MOST_CHARS_OPENING = 80
"""How far before a name the time opening its sentence may start: "In the spring of 1952, after the funeral, Tom"."""
_MOST_CHARS_NEAR = 60
"""How far before or after a name an age may stand and be theirs: "Tom Hale, who left school at the age of fifteen"."""


def age_told(texts: Sequence[str], name: str, others: Sequence[str] = ()) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first telling how old someone of this name is, next to their full name,
    their first name or a nickname (bot.core.person_forms, no surname alone; those of `others`, the story's other
    people, left out); an age told in the past after a time opening its sentence ("In 1945 Tom was thirty", but for
    the sentence first naming them, which tells the story's time) only where no other tells the age now, and before
    an age at some time of their life ("at the age of twelve", told as of a time further back). None where none
    does."""
    shared = {word for other in others for word in other.split()}
    pattern = person_pattern(name, others, possessive=False, surname=False)
    if pattern is None:
        return None
    other_words = {fold(word) for word in shared} - {fold(word) for word in name.split()}
    then: tuple[int, str] | None = None
    then_of_a_time: tuple[int, str] | None = None
    named = False
    for index, text in enumerate(texts):
        for found in pattern.finditer(text):
            told = _age_beside(text, found.start(), found.end(), other_words)
            of_a_time = told is _Told.NOW and named and _told_of_a_time_past(text, found.start(), found.end())
            named = True
            if of_a_time and then_of_a_time is None:
                then_of_a_time = index, sentence_at(text, found.start())
            elif told is _Told.NOW and not of_a_time:
                return index, sentence_at(text, found.start())
            elif told is _Told.THEN and then is None:
                then = index, sentence_at(text, found.start())
    return then_of_a_time or then


class _Told(Enum):
    """How an age beside a name tells how old they are."""

    NOW = "now"
    THEN = "then"


def _told_of_a_time_past(text: str, start: int, end: int) -> bool:
    """Whether the age beside the name from `start` to `end` is one of a time past: a time opens its sentence
    (_OPENED_BY_A_TIME, within _MOST_CHARS_OPENING before the name) and the age is told in the past ("In 1945 Tom
    was thirty", "When the war ended, Tom, 30, sailed"), not with "now" ("In 1990, Tom, now seventy,")."""
    if _TOLD_NOW.match(text, end):
        return False
    opening = clause_start(text, start, _MOST_CHARS_OPENING)
    if opening is None or _OPENED_BY_A_TIME.match(text, opening, start) is None:
        return False
    return _TOLD_IN_THE_PAST.match(text, end) is not None


def _age_beside(text: str, start: int, end: int, others: set[str]) -> _Told | None:
    """How an age beside the name from `start` to `end` tells theirs: right after it ("Danny is sixteen"), in an
    apposition ("Elsie Park, a sullen fifteen-year-old"), a few words after with no one else between ("Gran, who
    runs the coat check, in her late eighties"), right before it ("her nine-year-old daughter, Lila"); or at some time
    of their life ("Tom left school at the age of fifteen", "When Tom was twelve"). None where no age is theirs."""
    if _AGE_AFTER_NAME.match(text, end):
        return _Told.THEN if _AT_A_TIME.search(text, max(0, start - _MOST_CHARS_NEAR), start) else _Told.NOW
    near = end + _MOST_CHARS_NEAR
    aged = _YEAR_OLD.search(text, end, near)
    if aged is not None and apposed(text, end, aged.start(), others):
        return _Told.NOW
    now = _AGE_NOW.search(text, end, near)
    if now is not None and told_after(text, end, now.start(), others):
        return _Told.NOW
    before = [*_YEAR_OLD.finditer(text, max(0, start - _MOST_CHARS_NEAR), start)]
    if before and told_before(text, before[-1].end(), start):
        return _Told.NOW
    then = _AGE_THEN.search(text, end, near)
    return _Told.THEN if then is not None and told_after(text, end, then.start(), others) else None
