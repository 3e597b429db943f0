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
from bot.core.beside_name import apposed, told_after
from bot.core.job_asked import sentence_at
from bot.core.person_forms import person_pattern
from bot.core.sentences import clause_start
from bot.core.time_words import DAY_TIMES, SEASONS, SPANS

_PLACE_NOUNS = (
    "town|village|city|farm|hills|mountains|valley|countryside|port|island|suburbs?|county|province|coast|capital"
    "|estate|parish|glen|moors?|fjord|steppe|desert|plains|slums?|streets"
)
"""Words for a place that may follow "born in" or "grew up on" with no name: "grew up on a farm in Cumbria"."""
_HOMES = "cottage|hut|cabin|hovel|castle|palace"
"""Words for a home that may follow "born in" or "grew up in" as a place ("born in a little cottage by the sea"), not
"from" ("a messenger from the palace" is sent, not from there)."""
_GROWN = rf"(?P<grown>(?: [a-z'’-]+){{0,3}} (?:[A-Z][\w'’-]*|(?:{_PLACE_NOUNS}|{_HOMES})\b))"
"""The place after "born in": a capitalised word or a word for a place or a home within a few words."""
_ORIGIN = re.compile(
    r"\b(?i:born|raised|(?:grew|growing|brought) up|native)\b[^.;!?\n]{0,40}?\b(?:in|on|near|at|by|of)"
    rf"{_GROWN}"
    r"|\b(?P<verb>(?:is|was|are|were|(?P<coming>comes?|came|hails?|hailed|arrived|arrives))"
    r"(?: originally| all the way| over)?(?(coming)(?: to (?P<bound>[A-Z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}"
    rf"|the (?:{_PLACE_NOUNS})))?) )?"
    rf"from(?P<place>(?: [a-z'’-]+){{0,4}} (?:[A-Z][\w'’-]*|(?:{_PLACE_NOUNS})\b))"
)
"""Words telling where someone comes from: "born in Moscow", "born on 14 March 1921 in Lyon", "grew up on a farm", "a
native of Leeds" (a place or a word for one after them: not "born in 1920", "raised in poverty", "grew up in the
shadow of his brother"); "from" before a capitalised word or a word for a place within a few words, after a verb of
being or coming ("came from Merthyr", "came from a poor village", "is all the way from Texas", "came to England from
Jamaica": a named place right after "from", where the first place is no person, not "came to London from the
Ministry") or in an apposition ("a coal miner's son from Merthyr", checked by _origin_near), not of a journey or a
sender ("returned from France", "a letter from Vienna"). _tells_a_place checks the place is no person's name,
possessive, month, day or time ("a letter from Tom's mother", "from Monday"). Each repetition is bounded: the search
is linear in the text."""
_MOST_CHARS_AFTER = 80
"""How far after a name what tells their origin may start: "Wren Tallow, a seventeen-year-old net-mender from the
fishing town of Gullhaven" (43)."""
_MOST_CHARS_BEFORE = 80
"""How far before a name it may start: "Born in Moscow to a family of musicians, Sébastien" (50)."""
_SET_APART = re.compile(r",? \(?(?:originally )?")
"""What may stand between a name and a "from" set apart after it: "Tom Hale, from Leeds,", "Tom (from Leeds)", "Tom
Hale, originally from Leeds"."""
_CLAUSE = re.compile(r"\b(?:who|which|that)\b")
"""A clause within an apposition, whose "from" tells what someone did, not where they come from: "Lucien, a trumpet
player who has just returned from Chicago"."""
_NO_PLACES = frozenset(
    word.casefold()
    for word in (
        *calendar.month_name[1:],
        *calendar.day_name,
        *("Christmas", "Easter", "God"),
        *("Depression", "Blitz", "Renaissance", "Reformation", "Restoration", "Revolution", "Occupation", "War"),
    )
)
"""Capitalised words "from" or "born in" may stand before that are no place but a time or a being: "from Monday to
Friday", "a gift from God", "born in the Depression"."""
_NO_PLACE_AFTER = frozenset({"whom", "which", "whose", "what", "where"})
"""Words after "from" that open a clause, not a place: "the Sun Goddess from whom the Japanese Emperors descend"."""
_GROWN_ON = re.compile(rf"[^.;!?\n]{{0,40}}?\b(?:in|on|near|at|by){_GROWN}")
"""The next place in the clause after a time "born in" named: "born in the years of the Depression in a mill town",
"born at the end of the Revolution in Petrograd"."""
_TIMES = f"{SPANS}|reign|times?|age|era|{SEASONS}"
"""Words for a time that "of" may name after a person or an event: "the reign of", "the days of", "the Summer of"."""
_A_TIME_OF = re.compile(rf"\b(?:{_TIMES}) of\b", re.IGNORECASE)
"""A time named after a person or an event, not a place: "born in the year of the Great Flood", "born in the reign of
Queen Anne", "born in the Year of the Dragon", "the Summer of Love"; sought only right before the place and in it, not
in "born in the summer of 1952 in Leeds"."""
_MOST_CHARS_TIME_OF = max(len(word) for word in _TIMES.split("|")) + len(" of ")
"""How far before a place a time ending in "of" may start: "century of" (and its "of" may follow the place's last
word: "the Year of the Dragon")."""
_CAPITALISED_RUN = re.compile(r"(?: [A-Z][\w'’-]*){1,3}")
"""The rest of a place's name of capitalised words: "Restoration London", "Christmas Island"."""
_POSSESSIVES = ("'s", "’s")
"""What ends an owner's name: "a letter from Tom's mother"."""
_OWNER = re.compile(r"(?: [A-Z][\w-]*){0,3}['’]s\b")
"""What after a name (the rest of it skipped) makes it no subject of the verb after: "Anna Lind's parcel came to London
from Vienna"."""
_JOURNEY = re.compile(
    rf"(?:[ -][A-Z][\w'’-]*){{0,3}},? (?:on (?:the|a|an) (?:early |late |next |last |first )?(?:{DAY_TIMES})"
    r" (?:train|bus|coach|boat|ship|ferry|plane|flight|steamer)|yesterday|today|tonight|last night"
    rf"|(?:this|that|the next) (?:{DAY_TIMES}|day)|in the (?:{DAY_TIMES})|at (?:{DAY_TIMES})"
    r"|for (?:the|a) (?:weekend|day|night))\b"
)
"""What after the place a verb of coming comes from tells a journey of a day, not where someone comes from: "arrived
from London on the morning train", "arrives from Oslo that evening", "came from Leeds for the weekend" (the rest of
the place's name skipped: "from New York"); not "came from Jamaica by ship in 1948", "came from Ukraine last year",
"came over from Ireland on the boat", "came from Poland one day in 1948" ("one day" is some day, not the story's),
which tell where they came to live from."""
_SETTLED = re.compile(r"[^.;!?\n]{0,60}?\b(?:\d{4}|to live|to stay|never left|stayed|settled)\b")
"""What later in the clause after a journey tells a coming to live: "arrived from Paris that evening in 1948",
"came from Leeds that morning to live with her aunt", "and never left"."""


def origin_told(texts: Sequence[str], name: str, others: Sequence[str] = ()) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first telling where someone of this name comes from, next to their full
    name, their first name or a nickname (bot.core.person_forms, no surname alone; those of `others`, the story's
    other people, left out); None where none does."""
    shared = {word for other in others for word in other.split()}
    pattern = person_pattern(name, others, possessive=False, surname=False)
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
    and its own (bot.core.beside_name: "Gethin Pryce, a coal miner's son from Merthyr", "Tom Hale grew up on a farm";
    not "Tom met Anna, a girl from Leeds"; "from" alone only set apart after it, "Tom Hale, from Leeds", or in an
    apposition with no clause of its own, not "a trumpet player who has just returned from Chicago"), or opening its
    sentence right before the comma the name follows ("Born in Moscow to a family of musicians, Sébastien"; not "Born
    in Texas, the stranger shot Anna"); a verb only of the name, not of what is theirs ("Anna's parcel came from
    Vienna"); no place a name of the story's people (`others`, `own`), a month, a day or a time (_tells_a_place)."""
    people = others | own
    for told in _ORIGIN.finditer(text, end, end + _MOST_CHARS_AFTER):
        if not _tells_a_place(text, told, people):
            continue
        alone = told.group("place") is not None and told.group("verb") is None
        if not alone:
            if not _OWNER.match(text, end) and told_after(text, end, told.start(), others):
                return True
        elif _SET_APART.fullmatch(text, end, told.start()) or (
            apposed(text, end, told.start(), others) and not _CLAUSE.search(text, end, told.start())
        ):
            return True
    for told in _ORIGIN.finditer(text, max(0, start - _MOST_CHARS_BEFORE), start):
        gap = text[told.end() : start]
        opens = clause_start(text, told.start(), _MOST_CHARS_BEFORE) == told.start()
        if opens and "," in gap and not gap.rsplit(",", 1)[1].strip() and _tells_a_place(text, told, people):
            return True
    return False


def _tells_a_place(text: str, told: re.Match[str], people: set[str]) -> bool:
    """Whether what _ORIGIN found in `text` tells a place (_a_place): after "born in" the first of the clause that
    is no time ("born at the end of the Revolution in Petrograd"); after a verb of coming, no journey ("arrived from
    London on the morning train") but for one to stay ("arrived from Paris that evening in 1948")."""
    if told.group("grown") is None:
        place = _a_place(text, told.start("place"), told.end("place"), people)
        if told.group("bound") is not None:
            place = place and _bound_from_a_name(text, told, people)
        if not place or told.group("coming") is None:
            return place
        journey = _JOURNEY.match(text, told.end())
        return journey is None or _SETTLED.match(text, journey.end()) is not None
    grown: re.Match[str] | None = told
    while grown is not None:
        if _a_place(text, grown.start("grown"), grown.end("grown"), people):
            return True
        grown = _GROWN_ON.match(text, grown.end())
    return False


def _bound_from_a_name(text: str, told: re.Match[str], people: set[str]) -> bool:
    """Whether a coming to a place (_ORIGIN's "bound") is from a name right after "from" ("came to New York from
    Vienna"), not from a body ("came to London from the Ministry", "from the Bank of England"), to no person ("came
    to Anna from Vienna")."""
    bound = told.group("bound").split()
    return told.group("place")[1:2].isupper() and not any(fold(word) in people for word in bound)


def _a_place(text: str, start: int, end: int, people: set[str]) -> bool:
    """Whether the words from `start` to `end` of `text` and the capitalised words right after name a place: first
    and last word no person's name or possessive, the last no month, day or time ("a letter from Tom", "from the
    King's hall", "from Monday", "born in the Depression"; not "born in Restoration London"), no time of something
    before or in it ("born in the year of the Great Flood"), no clause ("from whom")."""
    said = text[start:end].split()
    run = _CAPITALISED_RUN.match(text, end)
    last = run.group().split()[-1] if run else said[-1]
    if said[0] in _NO_PLACE_AFTER or fold(last) in _NO_PLACES:
        return False
    if any(word.endswith(_POSSESSIVES) or fold(word) in people for word in (said[-1], last)):
        return False
    return _A_TIME_OF.search(text, max(0, start - _MOST_CHARS_TIME_OF), end + len(" of")) is None
