"""Where a story tells what someone does, for "What is Ted's job?" and "What does Priya do?".

A plot says who someone is where it brings them in ("Dennis Hollister, a nervous dental hygienist"), and a
question of their job is answered there (bot.core.introductions). But some are brought in by name alone and told
later: "Gaz's wedding to Priya Raman", then "Priya, who is a surgeon"; "a boy called Edmund, [...] whom everybody
called Ted", then "Ted became a moderately successful composer". The first sentence saying what kind of person
they are, right after their name, answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.analysis import fold
from bot.core.people_finder import HONORIFICS, person_titles, says_what_someone_does
from bot.core.sentences import sentence_spans

_QUOTES = '"“”()'


def job_told(texts: Sequence[str], name: str) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first saying what someone of this name does, right after their full name,
    their first name or a nickname written within it ('Rosaleen "Ro" Mahon'); None where none does. A surname alone
    is left out: "Mara Lindqvist" is no "Lindqvist, a teacher", her brother."""
    pattern = _name_pattern(name)
    if pattern is None:
        return None
    for index, text in enumerate(texts):
        for found in pattern.finditer(text):
            if says_what_someone_does(text, found.end()):
                return index, _sentence_at(text, found.start())
    return None


def _name_pattern(name: str) -> re.Pattern[str] | None:
    """The full name, its first word after any title, and its quoted nicknames, each as a whole word."""
    words = name.split()
    titles = person_titles()
    given = next((w for w in words if fold(w).rstrip(".") not in HONORIFICS and fold(w) not in titles), None)
    if given is None:
        return None
    forms = {name, given.strip(_QUOTES), *(w.strip(_QUOTES) for w in words if w[:1] in _QUOTES)}
    alternatives = "|".join(re.escape(form) for form in sorted(forms - {""}, key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:{alternatives})(?![\w'’-])")


def _sentence_at(text: str, at: int) -> str:
    return next((text[start:end] for start, end in sentence_spans(text) if start <= at < end), text)
