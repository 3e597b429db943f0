"""Where a story tells where someone comes from, for "Where is Gethin from?" and "What town is Wren from?".

A plot says where someone comes from in the sentence that brings them in or beside their name later ("a Welshman
named Gethin Pryce, a coal miner's son from Merthyr", "Born in Moscow to a family of musicians, Sébastien had been
playing the violin"), while the passages most like the question are those saying the name and "from" most. The first
sentence telling it next to the person's name answers; the introduction answers where none does
(bot.core.introductions).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence

from bot.core.analysis import fold
from bot.core.beside_name import told_after
from bot.core.job_asked import name_pattern, sentence_at

_ORIGIN = re.compile(
    r"\b(?i:born\b[^.;!?\n]{0,40}?\b(?:in|at|near)|(?:grew|growing|brought|raised) up in|raised in|native of)\b"
    r"|\bfrom(?P<place>(?: [a-z'’-]+){0,4} [A-Z][\w'’-]*)"
)
"""Words telling where someone comes from: "born in Moscow", "born on 14 March 1921 in Lyon", "grew up in", "a native
of", and "from" before a capitalised word within a few words ("from Merthyr", "from the fishing town of Gullhaven";
not "never forgot where she came from"), which _a_place checks is no person's name, month or day ("a letter from
Tom", "from Monday"). Each repetition is bounded: the search is linear in the text."""
_MOST_CHARS_AFTER = 80
"""How far after a name what tells their origin may start: "Wren Tallow, a seventeen-year-old net-mender from the
fishing town of Gullhaven" (43)."""
_MOST_CHARS_BEFORE = 80
"""How far before a name it may start: "Born in Moscow to a family of musicians, Sébastien" (50)."""
_STOPS = ".!?;\n"
"""What ends the sentence before one that opens with where someone comes from."""
_QUOTES = " \t\"“”‘’'("
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]*")
_NO_PLACES = frozenset(
    word.casefold() for word in (*calendar.month_name[1:], *calendar.day_name, "Christmas", "Easter", "God")
)
"""Capitalised words "from" may stand before that are no place: "from Monday to Friday", "a gift from God"."""


def origin_told(texts: Sequence[str], name: str, others: Sequence[str] = ()) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first telling where someone of this name comes from, next to their full
    name, their first name or a nickname (bot.core.job_asked's name_pattern, with the words of `others`, the story's
    other people, left out); None where none does."""
    shared = {word for other in others for word in other.split()}
    pattern = name_pattern(name, shared)
    if pattern is None:
        return None
    own = {fold(word) for word in name.split()}
    other_words = {fold(word) for word in shared} - own
    for index, text in enumerate(texts):
        for found in pattern.finditer(text):
            if _origin_near(text, found.start(), found.end(), other_words, own):
                return index, sentence_at(text, found.start())
    return None


def _origin_near(text: str, start: int, end: int, others: set[str], own: set[str]) -> bool:
    """Whether words telling an origin are said of the name from `start` to `end`: within _MOST_CHARS_AFTER after it
    and its own (bot.core.beside_name.told_after: "Gethin Pryce, a coal miner's son from Merthyr"; not "Tom met
    Anna, a girl from Leeds"), or opening its sentence before it with no one else named between ("Born in Moscow to
    a family of musicians, Sébastien"); "from" not before a name of the story's people (`others`, `own`), a month or
    a day."""
    for told in _ORIGIN.finditer(text, end, end + _MOST_CHARS_AFTER):
        if _a_place(told, others | own) and told_after(text, end, told.start(), others):
            return True
    for told in _ORIGIN.finditer(text, max(0, start - _MOST_CHARS_BEFORE), start):
        head = text[max(0, told.start() - _MOST_CHARS_BEFORE) : told.start()].rstrip(_QUOTES)
        opens = not head or head[-1] in _STOPS
        named = {fold(word) for word in _CAPITALISED.findall(text, told.end(), start)}
        if opens and _a_place(told, others | own) and not named & others and "\n" not in text[told.start() : start]:
            return True
    return False


def _a_place(told: re.Match[str], people: set[str]) -> bool:
    """Whether what _ORIGIN found tells a place: any of its words but "from" before a person's name, a month or a day
    ("a letter from Tom", "from Monday")."""
    place = told.group("place")
    return place is None or fold(place.split()[-1]) not in people | _NO_PLACES
