"""Sentence boundaries, used to split long paragraphs and to cut excerpts at sentence ends."""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (possibly followed by closing quotes or brackets) before
# white space and a capital, digit or opening quote.
_BOUNDARY = re.compile(r"(?<=[.!?…])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W_a-z])")

TITLES = (
    frozenset({"mr", "mrs", "ms", "messrs", "mmes", "mme", "mlle", "dr", "prof", "hon"})
    | {"rev", "fr", "st", "mt", "ft"}
    | {"capt", "cmdr", "col", "gen", "lt", "maj", "sgt", "cpl", "pvt", "adm"}
    | {"rep", "sen", "gov", "pres", "supt"}
)
"""Titles written abbreviated before a name ("Mr. Jones", "St. Clair", "Rep. Joe Barton"): English
honorifics and the civil, military and religious titles of style guides' abbreviation lists (Chicago,
AP), with French Mme and Mlle of translated novels. Closed on purpose: each is a word that stands
before a name and hardly ever ends a sentence, where an open rule (any short capitalised word before
a dot) would also join real sentences ("It was Tom. Then"). "No.", "Jr." and the like are left out:
they end sentences ("he said no. Then", "Sammy Davis Jr. Then")."""
_LONGEST_TITLE = max(map(len, TITLES))
_CLAUSE_STOPS = ".!?;\n"
"""What ends a sentence, or a clause standing as one ("He wept; Tom left"), for clause_start."""
_OPENING_MARKS = " \t\"“”‘’'("
"""What may stand between a stop and the first word after it."""


def clause_start(text: str, at: int, most: int) -> int | None:
    """Where the sentence or clause holding `at` starts: after the last stop of _CLAUSE_STOPS before `at` and the
    quotes and spaces after it ("Born in Moscow, Tom": 0; 'He wept. "In 1945 Tom': at "In"). Looks back `most`
    characters only; None where no stop nor the text's start is that near. A dot closing a title or an initial ends
    nothing, as in sentence_spans ("In 1945, Dr. Tom": 0)."""
    begin = max(0, at - most)
    stop = at
    while True:
        stop = max(text.rfind(mark, begin, stop) for mark in _CLAUSE_STOPS)
        if stop < 0 or not _before_name(text, stop + 1):
            break
    if stop < 0 and begin > 0:
        return None
    start = stop + 1
    while start < at and text[start] in _OPENING_MARKS:
        start += 1
    return start


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, white space between sentences left out.

    No sentence ends after a title of TITLES or a single capital's initial ("E. O. Wilson", "Charles W.
    Eliot"), but one does after "I" ("so did I. Then"). Each boundary looks back a few characters
    only, so the whole is linear in the text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _before_name(text, boundary.start()) and boundary.group()[0].isspace():
            continue
        end = boundary.start() + len(boundary.group().rstrip())
        spans.append((start, end))
        start = boundary.end()
    if start < len(text.rstrip()):
        spans.append((start, len(text.rstrip())))
    return spans


def _before_name(text: str, after_dot: int) -> bool:
    """Whether the dot before `after_dot` closes a title of TITLES (a capitalised word after no letter or
    digit) or an initial other than "I" (after a space, a dot or an opening quote or bracket); at most
    _LONGEST_TITLE + 1 characters read."""
    if text[after_dot - 1] != ".":
        return False
    word_start = after_dot - 1
    while word_start > 0 and after_dot - word_start <= _LONGEST_TITLE and text[word_start - 1].isalpha():
        word_start -= 1
    word = text[word_start : after_dot - 1]
    before = text[word_start - 1] if word_start else " "
    if not word or not word[0].isupper() or before.isalnum():
        return False
    if len(word) == 1:  # "E. O. Wilson", "J.R.R. Tolkien", not "SPIN-N-N. He"
        return word != "I" and (before.isspace() or before in _BEFORE_INITIAL)
    return word.lower() in TITLES


_BEFORE_INITIAL = frozenset(".(\"'“‘«[_")
