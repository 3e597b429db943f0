"""Numbers a question writes one way and the stories another: "21" and "twenty-one", "seventeen" and "17", "3rd" and
"third", "twenty-first" and "21st", "5am" and "5 a.m." or "5:00am", "the 60s" or "the sixties" and "the 1960s", "WW2"
and "the Second World War". Like bot.core.word_break, a question's number is searched as the story's form only where
the passages searched hold no word of its own form and some of them write the other.

The analysis keeps each form's own terms ("twenty-one" is "twenti" "one", "5 a.m." is "5", "5:00am" is "5" "00am",
"1960s" is "1960"), so a question's "21" met nothing in a story that spells it, and the minimum-match rule refused or
misranked the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from bot.core.analysis import Analyzer, normalize_word, words
from bot.core.corpus import Passage
from bot.core.index import BM25Scoring
from bot.core.number_words import DIGIT_ORDINAL, ORDINALS, UNITS, tens_value
from bot.core.number_words import TENS as TEN_WORDS
from bot.core.word_break import HYPHENS, YEARS

TENS = {name: tens_value(name) for name in TEN_WORDS}
SCALES = {"hundred": 100, "thousand": 1000}
NUMBER_WORDS = frozenset(UNITS) | TENS.keys() | SCALES.keys()
NUMBER_STARTS = NUMBER_WORDS | {"a"} | ORDINALS.keys()
"""The words a number written in words may start with ("a hundred", "third")."""
NUMBER_GOES_ON = NUMBER_WORDS | {"and"} | ORDINALS.keys()
"""The words a number written in words may go on with ("hundred and one", "twenty-first"): an ordinal ends it."""
ORDINAL_OF = {cardinal: ordinal for ordinal, cardinal in ORDINALS.items()}
UNSURE = (["one"], ["second"])
"""Number words alone that are no number as often: a pronoun ("no one"), a unit of time ("a second later")."""
DECADES = {name.removesuffix("y") + "ies": value for name, value in TENS.items()}
"""A decade in words ("sixties"), as "the 60s" writes it in digits."""
CENTURIES = range(10, 21)
"""Centuries a decade asked without one ("the 60s") may be written in ("1960s", "1860s")."""
WARS = {
    "ww1": ("first world war", "world war i", "world war one", "world war 1", "great war"),
    "wwi": ("first world war", "world war i", "world war one", "world war 1", "great war"),
    "ww2": ("second world war", "world war ii", "world war two", "world war 2"),
    "wwii": ("second world war", "world war ii", "world war two", "world war 2"),
}
"""The world wars as a question shortens them and as the stories write them out."""
LARGEST = 999_999
"""The largest number spelled out: a number written in words is seldom larger."""
TRIED_FORMS = 32
"""Forms whose postings are read, at most, for one question: a question of many numbers may be written many ways."""
CHECKED_PASSAGES = 64
"""Passages read, at most, to find a number's other form, over all the numbers of a question: evidence enough, and
a bounded cost for a question of many numbers that many passages hold."""
NUMBER_JOINERS = "-:.,/"
"""What joins a number to the next into a score ("2-1"), a time ("5:30"), a decimal, a thousands group or a date:
a number so joined is part of another, and is not searched in another form."""


@dataclass(frozen=True)
class NumberForm:
    """Question words that are a number the passages searched write only in another form."""

    first: int
    """Where they start among the question's words."""
    count: int
    """How many words they are."""
    typed: str
    """As the question writes them ("21")."""
    shown: str
    """As a passage writes the number ("twenty-one"), to say what was searched."""
    terms: tuple[str, ...]
    """The terms of the story's form, searched instead."""


@dataclass(frozen=True)
class _Reading:
    """Question words read as one number: how many, where they end, and the forms a story may write it in."""

    count: int
    end: int
    """Where they end in the question, with the full stop that closes "a.m."."""
    candidates: list[_Candidate]


@dataclass(frozen=True)
class _Candidate:
    """A form the number may be written in: the terms a passage writing it holds, and what finds it in a text."""

    terms: tuple[str, ...]
    finds: Callable[[str], str]


def spelled_value(run: Sequence[str]) -> int | None:
    """The number a run of (folded) number words writes ("twenty one", "a hundred and forty", "two thousand"),
    or None when they are no one number ("one two", "nineteen sixty": a year's words, "thirty twenty")."""
    total, current, last = 0, 0, ""
    for place, word in enumerate(run):
        following = run[place + 1] if place + 1 < len(run) else ""
        if word == "a":
            if place != 0 or following not in SCALES:
                return None
            current, last = 1, "unit"
        elif word == "and":
            if last not in SCALES or following not in NUMBER_WORDS or following in SCALES:
                return None
            last = "and"
        elif word in SCALES:
            if word == "hundred" and not (last == "unit" and 0 < current % 100 < 10):
                return None
            if word == "thousand" and (current == 0 or last not in {"unit", "tens", "hundred"}):
                return None
            if word == "thousand" and total:
                return None
            if word == "hundred":
                current *= 100
            else:
                total, current = current * 1000, 0
            last = word
        elif word in TENS:
            if last not in {"", "hundred", "thousand", "and"}:
                return None
            current, last = current + TENS[word], "tens"
        elif word in UNITS:
            value = UNITS.index(word)
            after_tens = last == "tens" and 0 < value < 10
            if not (last in {"", "hundred", "thousand", "and"} or after_tens) or (value == 0 and len(run) > 1):
                return None
            current, last = current + value, "unit"
        else:
            return None
    if last in {"", "and"}:
        return None
    return total + current


def spelled_number(run: Sequence[str]) -> tuple[int, bool] | None:
    """The number a run of (folded) number words writes and whether it is an ordinal ("twenty first": 21, True),
    or None when they are no one number."""
    ordinal = bool(run) and run[-1] in ORDINALS
    value = spelled_value([*run[:-1], ORDINALS[run[-1]]] if ordinal else run)
    return None if value is None else (value, ordinal)


def digit_ordinal(value: int) -> str:
    """`value` as an ordinal in digits: "1st", "22nd", "13th"."""
    ending = "th" if value % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{ending}"


def spelled(value: int) -> list[str]:
    """The words that write `value` (1 to LARGEST), less "and": "one hundred forty"."""
    if value >= 1000:
        rest = value % 1000
        return [*spelled(value // 1000), "thousand", *(spelled(rest) if rest else [])]
    if value >= 100:
        rest = value % 100
        return [UNITS[value // 100], "hundred", *(spelled(rest) if rest else [])]
    if value >= 20:
        tens = next(name for name, ten in TENS.items() if ten == value // 10 * 10)
        return [tens, *([UNITS[value % 10]] if value % 10 else [])]
    return [UNITS[value]]


def spelled_runs(text: str, ordinal: bool = False) -> list[tuple[int, int, int]]:
    """(value, start, end) of every number `text` writes in words (number words apart by spaces or one hyphen),
    cardinals ("twenty-one") or, with `ordinal`, ordinals ("twenty-first", "third"): "twenty-first" is no 20."""
    found = words(text)
    runs: list[tuple[int, int, int]] = []
    place = 0
    while place < len(found):
        last = _spelled_end(text, found, place) if normalize_word(found[place][0]) in NUMBER_STARTS else place
        number = spelled_number([normalize_word(word) for word, _, _ in found[place : last + 1]])
        if number is not None and number[1] == ordinal:
            runs.append((number[0], found[place][1], found[last][2]))
        place = last + 1
    return runs


def _spelled_end(text: str, found: Sequence[tuple[str, int, int]], place: int) -> int:
    """Where the number in words starting at found[place] ends: one loop for the stories and the questions."""
    last = place
    while last + 1 < len(found) and _spelled_next(text, found[last], found[last + 1]):
        last += 1
    while last > place and normalize_word(found[last][0]) in _NO_END:
        last -= 1  # "at five and lit the ovens": five, and the sentence goes on
    return last


_NO_END = frozenset({"and", "a"})
"""What goes on a number ("a hundred and one") but never ends one: after the last number word, the sentence's."""


def _spelled_next(text: str, word: tuple[str, int, int], following: tuple[str, int, int]) -> bool:
    """Whether `following` goes on the number `word` is part of: a number word (or "and") after a space or a
    hyphen, unless `word` is an ordinal, which ends it; an ordinal only after tens, a scale or "and" ("twenty-first",
    "a hundred and first"; not "seven second-hand coats", seven of them)."""
    gap = text[word[2] : following[1]]
    joined = gap in HYPHENS or (0 < len(gap) <= 2 and gap.isspace())
    before, after = normalize_word(word[0]), normalize_word(following[0])
    if not joined or before in ORDINALS or after not in NUMBER_GOES_ON:
        return False
    return after not in ORDINALS or before in TENS or before in SCALES or before in ("and", "a")


def standalone(text: str, start: int, end: int) -> bool:
    """Whether the digits at text[start:end] are a number of their own, not part of a score, time or decimal."""
    before = start >= 2 and text[start - 1] in NUMBER_JOINERS and text[start - 2].isdigit()
    after = end + 1 < len(text) and text[end] in NUMBER_JOINERS and text[end + 1].isdigit()
    return not (before or after)


def _digits_finder(value: int) -> Callable[[str], str]:
    def finds(text: str) -> str:
        target = str(value)
        for word, start, end in words(text):
            if word == target and standalone(text, start, end):
                return word
        return ""

    return finds


def _digit_ordinal_finder(value: int) -> Callable[[str], str]:
    def finds(text: str) -> str:
        for word, start, end in words(text):
            written = DIGIT_ORDINAL.fullmatch(normalize_word(word))
            if written is not None and int(written.group(1)) == value and standalone(text, start, end):
                return word
        return ""

    return finds


def _spelled_finder(value: int, ordinal: bool = False) -> Callable[[str], str]:
    def finds(text: str) -> str:
        return next((text[start:end] for found, start, end in spelled_runs(text, ordinal) if found == value), "")

    return finds


@dataclass(frozen=True)
class _Time:
    """A time of the morning or the afternoon, however it is written ("5am", "5 a.m.", "5:00 pm", "5.30am")."""

    hour: int
    minutes: int
    """0 when not written: "5am" is "5:00am"."""
    half: str
    """"a" or "p"."""


@dataclass(frozen=True)
class _Clock:
    """A time of day as a text writes it."""

    time: _Time
    last: int
    """Its last word's place among the text's words."""
    end: int
    """Where it ends in the text, after the full stop that closes "a.m." ("a.m" is a word "a" and a word "m")."""


def _clock_at(text: str, found: Sequence[tuple[str, int, int]], place: int) -> _Clock | None:
    """The time of day written from found[place] on, or None: one reading for the stories and the questions, of
    three words at most, whatever the text's length."""
    word, start, end = found[place]
    if start >= 2 and text[start - 1] in NUMBER_JOINERS and text[start - 2].isdigit():
        return None  # "10:5am" or "2-5pm"
    hour, half = _split_half(word)
    if not (hour.isdigit() and len(hour) <= 2 and 1 <= int(hour) <= 12):
        return None
    minutes, last = 0, place
    if not half and last + 1 < len(found) and text[end : found[last + 1][1]] in (":", "."):
        digits, half = _split_half(found[last + 1][0])
        if not (digits.isdigit() and len(digits) == 2 and int(digits) < 60):
            return None
        minutes, last = int(digits), last + 1
    if not half:
        half, last = _half_after(text, found, last)
    if not half:
        return None
    close = found[last][2]
    dotted = found[last][0].casefold() == "m" and text[close : close + 1] == "."
    return _Clock(_Time(int(hour), minutes, half), last, close + 1 if dotted else close)


def _split_half(word: str) -> tuple[str, str]:
    """A word's digits and the half of the day written onto them ("5am": "5", "a"; "5": "5", "")."""
    folded = word.casefold()
    if folded[-2:] in ("am", "pm"):
        return folded[:-2], folded[-2]
    return folded, ""


def _half_after(text: str, found: Sequence[tuple[str, int, int]], last: int) -> tuple[str, int]:
    """The half of the day written after found[last] and a space ("am", "a.m."), and its last word's place; ""
    when none is."""
    following = last + 1
    if following >= len(found) or not text[found[last][2] : found[following][1]].isspace():
        return "", last
    word = found[following][0].casefold()
    if word in ("am", "pm"):
        return word[0], following
    after = following + 1
    dotted = after < len(found) and text[found[following][2] : found[after][1]] == "."
    if word in ("a", "p") and dotted and found[after][0].casefold() == "m":
        return word, after
    return "", last


def _clock_finder(time: _Time) -> Callable[[str], str]:
    """What finds `time` however a text writes it ("5am", "5 a.m.", "5:00 am")."""

    def finds(text: str) -> str:
        found = words(text)
        for place, (word, start, _) in enumerate(found):
            written = _clock_at(text, found, place) if word[:1].isdigit() else None
            if written is not None and written.time == time:
                return text[start : written.end]
        return ""

    return finds


def _phrase_finder(phrase: str) -> Callable[[str], str]:
    """What finds the words of `phrase` written one after another ("Second World War"), apart by spaces."""
    wanted = phrase.split()

    def finds(text: str) -> str:
        found = words(text)
        for place in range(len(found) - len(wanted) + 1):
            run = found[place : place + len(wanted)]
            spaced = all(text[a[2] : b[1]] == " " for a, b in pairwise(run))
            if spaced and [normalize_word(word) for word, _, _ in run] == wanted:
                return text[run[0][1] : run[-1][2]]
        return ""

    return finds


def _decade_finder(written: str) -> Callable[[str], str]:
    """What finds a decade written so ("1960s", "60s", "sixties"), with or without an apostrophe."""

    def finds(text: str) -> str:
        return next((word for word, _, _ in words(text) if normalize_word(word).lstrip("'’") == written), "")

    return finds


class NumberForms:
    """Finds one question's numbers in the other forms the passages searched (of one story, if given) write them, and
    reads at most CHECKED_PASSAGES of them for the question."""

    def __init__(
        self, analyzer: Analyzer, index: BM25Scoring, passages: Sequence[Passage], within: range | None = None
    ):
        self.analyzer, self.index, self.passages = analyzer, index, passages
        self.within = within if within is not None else range(0, index.size)
        self.unread, self.untried = CHECKED_PASSAGES, TRIED_FORMS

    def found(self, question: str, found: Sequence[tuple[str, int, int]]) -> list[NumberForm]:
        """The question's numbers (of `words(question)`) whose own form no passage searched holds, each as the form
        most of them write: digits for words, words for digits, "5 a.m." or "5:00am" for "5am" and "5am" for "5 a.m.",
        "1960s" for "60s" or "sixties", "Second World War" for "WW2", "third" for "3rd" and "21st" for "twenty-first".
        Never a year as a count, a number joined into a score or a time, a lone "one" or "second" (a pronoun or a unit
        of time as often as a number), nor "1st" or "2nd" as "first" or "second" (every story's words)."""
        forms: list[NumberForm] = []
        place = 0
        while place < len(found):
            readings = self._readings(question, found, place)
            form = next(filter(None, (self._form(question, found, place, reading) for reading in readings)), None)
            forms += [form] if form is not None else []
            place += form.count if form is not None else readings[-1].count
        return forms

    def _readings(self, question: str, found: Sequence[tuple[str, int, int]], place: int) -> list[_Reading]:
        """The ways the words from `place` may be read as a number, tried in turn: a time of day ("5 a.m.") before
        its hour alone ("5", which a story may write "five")."""
        count, candidates = self._candidates(question, found, place)
        number = _Reading(count, found[place + count - 1][2], candidates)
        clock = _clock_at(question, found, place) if found[place][0][:1].isdigit() else None
        if clock is None:
            return [number]
        time, hour = clock.time, str(clock.time.hour)
        minutes, half = f"{time.minutes:02d}", f"{time.half}m"
        # Written into one word first ("5am", "5:30pm"): few passages hold it, and the hour's many come after.
        written: list[tuple[str, ...]] = (
            [(hour, minutes + half), (hour, minutes)] if time.minutes else [(hour + half,), (hour,)]
        )
        at = _Reading(clock.last - place + 1, clock.end, [self._candidate(w, _clock_finder(time)) for w in written])
        return [at, number]

    def _form(
        self, question: str, found: Sequence[tuple[str, int, int]], place: int, reading: _Reading
    ) -> NumberForm | None:
        """The form the passages searched write the number read from `place` in, when none holds its own."""
        run = found[place : place + reading.count]
        own = [term for word, _, _ in run if (term := self.analyzer.term(word)) is not None]
        if not reading.candidates or all(self._held(term) for term in own):
            return None
        chosen = self._most_written(reading.candidates)
        if chosen is None:
            return None
        return NumberForm(place, reading.count, question[run[0][1] : reading.end], chosen[0], chosen[1])

    def _candidates(
        self, question: str, found: Sequence[tuple[str, int, int]], place: int
    ) -> tuple[int, list[_Candidate]]:
        """How many words from `place` one number takes (at least one), and the forms the stories may write it in."""
        word, start, end = found[place]
        folded = normalize_word(word)
        if folded in NUMBER_STARTS:
            last = _spelled_end(question, found, place)
            run = [normalize_word(w) for w, _, _ in found[place : last + 1]]
            number = spelled_number(run)
            if number is None or run in UNSURE:
                return last - place + 1, []
            value, is_ordinal = number
            if is_ordinal:
                return last - place + 1, [self._candidate((digit_ordinal(value),), _digit_ordinal_finder(value))]
            if value in YEARS:
                return last - place + 1, []
            return last - place + 1, [self._candidate((str(value),), _digits_finder(value))]
        unquoted = word.casefold().replace("'", "").replace("’", "")
        decade = _decade(unquoted)  # "60s", "60's", "sixties"
        if decade is not None:
            century, tens = decade
            written = [f"{tens}s", next(name for name, ten in DECADES.items() if ten == tens)]
            centuries = CENTURIES if century is None else [century]
            written += [f"{c}{tens}s" for c in centuries]
            return 1, [self._candidate((w,), _decade_finder(w)) for w in written if w != unquoted]
        ordinal = DIGIT_ORDINAL.fullmatch(folded)  # "21st"
        digits = ordinal.group(1) if ordinal is not None else folded
        if digits.isdigit() and not digits.startswith("0") and standalone(question, start, end):
            value = int(digits)
            if (ordinal is None and value in YEARS) or not 0 < value <= LARGEST or (ordinal is not None and value < 3):
                return 1, []
            spelled_words = spelled(value)
            if spelled_words[0] == "one" and len(spelled_words) > 1 and spelled_words[1] in SCALES:
                spelled_words = spelled_words[1:]  # "a hundred" as well as "one hundred"
            if ordinal is not None:
                spelled_words[-1] = ORDINAL_OF[spelled_words[-1]]
            finder = _spelled_finder(value, ordinal=ordinal is not None)
            return 1, [self._candidate(tuple(spelled_words), finder)]
        if folded in WARS:
            return 1, [self._candidate(tuple(phrase.split()), _phrase_finder(phrase)) for phrase in WARS[folded]]
        return 1, []

    def _candidate(self, written: tuple[str, ...], finds: Callable[[str], str]) -> _Candidate:
        terms = tuple(term for word in written if (term := self.analyzer.term(word)) is not None)
        return _Candidate(terms, finds)

    def _held(self, term: str) -> bool:
        """Whether a passage searched holds the term (a term of the library's read, while TRIED_FORMS last)."""
        if term not in self.index.vocabulary:
            return False
        if self.untried <= 0:
            return True  # taken as held: no other form is searched for it
        self.untried -= 1
        return len(self.index.postings_within(term, self.within)[0]) > 0

    def _most_written(self, candidates: Sequence[_Candidate]) -> tuple[str, tuple[str, ...]] | None:
        """The form most passages searched write, as the first writes it, and its terms; None when none does."""
        best: tuple[int, str] | None = None
        for candidate in candidates:
            if self.unread <= 0 or self.untried <= 0:
                break
            if not candidate.terms or not all(self._held(t) for t in candidate.terms):
                continue
            held = self.index.postings_within(candidate.terms[0], self.within)[0]
            for term in candidate.terms[1:]:
                held = np.intersect1d(held, self.index.postings_within(term, self.within)[0], assume_unique=True)
            read = held[: self.unread]
            self.unread -= len(read)
            written = [shown for document in read if (shown := candidate.finds(self.passages[int(document)].text))]
            if written and (best is None or len(written) > best[0]):
                best = (len(written), written[0])
        if best is None:
            return None
        return best[1], tuple(self.analyzer.terms(best[1]))


def _decade(folded: str) -> tuple[int | None, int] | None:
    """(century, tens) of a decade ("1960s": 19, 60; "60s" and "sixties": None, 60), else None."""
    if folded in DECADES:
        return None, DECADES[folded]
    digits = folded.lstrip("'’").removesuffix("s")
    if not folded.endswith("s") or not digits.isdigit() or not digits.endswith("0"):
        return None
    if len(digits) == 2 and digits != "00" and int(digits) >= 20:
        return None, int(digits)
    if len(digits) == 4 and int(digits[:2]) in CENTURIES and int(digits[2:]) >= 20:
        return int(digits[:2]), int(digits[2:])
    return None
