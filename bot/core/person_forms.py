"""The forms by which a story names one of its people, read the same way by every rule finding what it tells of them.

A plot brings a person in by their whole name and calls them by a part of it after: the given name ("Sébastien"), a
nickname ('Thomas "Tuck" Reilly'), the surname ("McPhee" of Angus McPhee), a title before the surname ("Captain
Solheim" of Captain Ingrid Solheim). A part the name of another person of the story holds too ("Kalmurzaeva" of two
sisters) is no one's: read as this person's, it would give them the other's facts. The rules reading what a story
tells of a person (bot.core.death_asked, killer_asked, study_asked, kind_asked, named_thing_asked, job_asked,
age_asked, origin_asked) find them, and the story's other people, by these forms; all but the death and killer rules
without the surname, which a summary gives a parent or spouse it names no further as often ("Their father, Mr.
Okafor", "Dr. Whitcombe").
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import cache

from bot.core.analysis import fold
from bot.core.people_finder import HONORIFICS, person_titles

_QUOTES = "\"'“”‘’()"
"""What a nickname is written in ('Thomas "Tuck" Reilly'), stripped from a word of a name."""


def shared_forms(names: Iterable[str]) -> frozenset[str]:
    """The forms the people of these `names` are called by (folded: each whole name, each word, each title before
    the last word): what no one else of their story is called by alone."""
    shared: set[str] = set()
    for name in names:
        shared.add(fold(name))
        shared.update(fold(word.strip(_QUOTES)) for word in name.split())
        shared.update(fold(form) for form in _titled(name))
    return frozenset(shared)


def person_forms(name: str, shared: Collection[str], *, surname: bool = True) -> tuple[str, ...] | None:
    """The forms a story calls the person `name` by, longest first: the whole name; its first word no title or
    honorific (the given name), its nicknames in quotes and, with `surname`, each other capitalised word and each of
    its titles before its last word ("Captain Solheim"); but none of these `shared` (shared_forms of the story's other
    people). None for a name of titles alone ("Captain"). Linear in the name."""
    titles = _titles()
    plain = [(word, bare) for word in name.split() if (bare := word.strip(_QUOTES)) and _untitled(bare, titles)]
    if not plain:
        return None
    forms = {name}
    for at, (word, bare) in enumerate(plain):
        wanted = at == 0 or word[:1] in _QUOTES or (surname and bare[:1].isupper())
        if wanted and fold(bare) not in shared:
            forms.add(bare)
    if surname:
        forms.update(form for form in _titled(name) if fold(form) not in shared)
    return tuple(sorted(forms, key=lambda form: (-len(form), form)))


@cache
def _titles() -> frozenset[str]:
    """The honorifics and titles a name may hold beside its own words ("Ms", "Captain"), folded, made once."""
    return HONORIFICS | person_titles()


def _untitled(word: str, titles: frozenset[str]) -> bool:
    return fold(word).rstrip(".") not in titles


def _titled(name: str) -> list[str]:
    """Each title of the name before its last word, with that word ("Dr. Okafor" of "Dr. Ada Okafor"), where another
    word stands between them."""
    titles = _titles()
    written = name.split()
    last = written[-1].strip(_QUOTES) if written else ""
    if not last or not _untitled(last, titles):
        return []
    return [f"{word} {last}" for word in written[:-2] if not _untitled(word, titles)]


def forms_pattern(forms: Iterable[str], *, possessive: bool = True) -> re.Pattern[str]:
    """The forms as whole words, longest first; with `possessive`, a possessive's "'s" after one read as part of the
    match, as group "owning" ("Nora's cello", "Tess's cat, Bishop" name Nora and Tess)."""
    alternatives = "|".join(re.escape(form) for form in sorted(set(forms), key=len, reverse=True))
    owning = r"(?P<owning>['’]s?+)?" if possessive else ""
    return re.compile(rf"(?<![\w'’-])(?:{alternatives}){owning}(?![\w'’-])")


def person_pattern(
    name: str, others: Iterable[str], *, possessive: bool = True, surname: bool = True
) -> re.Pattern[str] | None:
    """Where a story names the person `name` by one of their forms (person_forms, with or without a `surname`), its
    `others` the story's other people; None for a name of titles alone."""
    forms = person_forms(name, shared_forms(others), surname=surname)
    return None if forms is None else forms_pattern(forms, possessive=possessive)
