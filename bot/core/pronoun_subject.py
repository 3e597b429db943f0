"""Whether a sentence's or a clause's subject "he" or "she" stands for one person of the story, for a rule reading
what a plot tells of someone ("Brannoch holds the narrow stair against them while Wren escapes through a sea tunnel. He
is killed in the fight.").

A plot names someone and goes on with a pronoun. The pronoun is read as the person only where no one else can be
meant: it is its sentence's subject, before any name ("He is killed", "Two days later, he is found dead"), or its
clause's ("Pelham flees to Estoril, and the next morning he is found shot dead"); the sentence before (or the words
before the clause) opens with them, its subject ("Brannoch holds the narrow stair against them while Wren escapes"),
everyone else it names the story tells with the other sex's pronouns, at most a few of them, and it says no word for
a kind of person ("the king", "a guard", "his father", "the Duke") nor a pronoun of that sex ("finds him"), who might
be meant; and the person is not of the other sex, by their honorific ("Mr.", "Lady") or by the story's pronouns for
them (bot.core.pronoun_asked.pronouns_of).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from bot.core.analysis import fold, words
from bot.core.people_finder import WOMEN_S_HONORIFICS
from bot.core.pronoun_asked import HE, SHE
from bot.core.slips import bare_word

Pronouns = Callable[[str], frozenset[str] | None]
"""The pronouns the story tells one of its people with, by their name (None where it does not settle them)."""

_SUBJECTS = frozenset({"he", "she"})
_OPENING_WORDS = frozenset(
    {"then", "later", "soon", "finally", "eventually", "afterwards", "afterward", "there", "now", "and", "but", "so"}
    | {"meanwhile", "suddenly", "tragically", "sadly", "ultimately", "instead"}
)
"""Words that may stand before the subject with no comma: "Then he dies", "But she is killed"."""
_MEN_S_HONORIFICS = frozenset({"mr", "mister", "sir", "lord"})
_WOMEN_S_HONORIFICS = WOMEN_S_HONORIFICS | {"lady", "dame"}
_CLAUSE_OPENINGS = frozenset({"and", "but", "then"})
_MOST_WORDS_OPENING = 3
"""How many words may stand between a clause's opening and its "he" or "she": "and the next morning he"."""
_SAME_SEX = {"he": frozenset({"he", "him"}), "she": frozenset({"she", "her"})}
"""Pronouns in the sentence before that may stand for another of the subject's sex ("finds him"; "her" may be either
a possessive or another: both left out)."""
_MOST_OTHERS = 3
"""How many other people the sentence before may name: each one's pronouns are read from the whole story."""


def name_words(others: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """The words of the story's other people's names (folded, those their names capitalise), each with the names
    holding it: where a sentence names another person, by a word (a surname two of them share names one of them all
    the same). Looked up a word at a time: a pattern of every form of every name is tried at every place of a
    sentence, as many people as the story has."""
    holding: dict[str, list[str]] = {}
    for other in others:
        for word, _, _ in words(other):
            if word[:1].isupper():
                holding.setdefault(bare_word(fold(word)), []).append(other)
    return {word: tuple(dict.fromkeys(names)) for word, names in holding.items()}


def opening_subject(sentence: str, others: dict[str, tuple[str, ...]]) -> tuple[str, int, int] | None:
    """The sentence's subject "he" or "she" (folded, and where it stands) where it opens the sentence or follows an
    opening phrase closed by a comma or a word of _OPENING_WORDS, with no capitalised word before it but the
    sentence's first, and that no word of another's name (`others`, name_words): "Two days later, he is found dead",
    "Then she drowns"; not "Wren runs, and he follows". Else None. One pass over its words."""
    found = words(sentence)
    for at, (word, start, end) in enumerate(found):
        said = fold(word)
        if said in _SUBJECTS:
            opened = at == 0 or "," in sentence[found[at - 1][2] : start] or fold(found[at - 1][0]) in _OPENING_WORDS
            return (said, start, end) if opened else None
        if word[:1].isupper() and (at > 0 or bare_word(said) in others):
            return None
    return None


def clause_subject(sentence: str, after: int) -> tuple[str, int, int] | None:
    """The first "he" or "she" after character `after` of the sentence that opens a clause of its own: after "and",
    "but", "then", a comma or a semicolon, at most _MOST_WORDS_OPENING lowercase words between ("Pelham flees to
    Estoril, and the next morning he is found shot dead", "Aldric holds the gate, and he is killed there"); else
    None. One pass over the words after `after`."""
    since: int | None = None  # words since the last clause opening
    previous_end = after
    for word, start, end in words(sentence):
        if start < after:
            continue
        said = fold(word)
        if said in _CLAUSE_OPENINGS or any(mark in sentence[previous_end:start] for mark in ",;"):
            since = 0
        previous_end = end
        if said in _SUBJECTS:
            return (said, start, end) if since is not None and since <= _MOST_WORDS_OPENING else None
        if said in _CLAUSE_OPENINGS:
            continue
        if since is not None:
            since = None if word[:1].isupper() else since + 1
    return None


def stands_for(
    pronoun: str,
    before: str,
    name: str,
    own: re.Pattern[str],
    others: dict[str, tuple[str, ...]],
    pronouns: Pronouns,
    kinds: Collection[str],
) -> bool:
    """Whether the subject `pronoun` ("he" or "she") of a sentence or a clause stands for the person called `name`,
    by what comes `before` it (the sentence before, or the words before the clause; the module's rule): `own`, the
    pattern of their forms (bot.core.person_forms.person_pattern, whose group "owning" holds a possessive's ending);
    `others`, the words of other people's names (name_words); `kinds`, the words for kinds of people
    (bot.core.people_finder.kinds_of_people)."""
    opening = len(before) - len(before.lstrip("\"“‘'( "))
    mentions = list(own.finditer(before))
    if not any(match.start() == opening and match.group("owning") is None for match in mentions):
        return False
    told_with = pronouns_told_with(name, pronouns)
    if told_with is not None and pronoun not in told_with:
        return False
    own_spans = [match.span() for match in mentions]
    named: set[str] = set()
    for word, start, _ in words(before):
        said = fold(word)
        if any(first <= start < last for first, last in own_spans):
            continue
        if said in _SAME_SEX[pronoun]:
            return False  # "Irene Saito finds him on a ferry. He jumps into the sea": another of that sex is there
        holding = others.get(bare_word(said), ()) if word[:1].isupper() else ()
        if said in kinds and not holding:
            return False  # "Tom argues with his father. He dies that night.": the father may be meant; "the Duke"
        named.update(holding)
    if len(named) > _MOST_OTHERS:
        return False
    for other in named:
        theirs = pronouns_told_with(other, pronouns)
        if theirs is None or pronoun in theirs:
            return False
    return True


def pronouns_told_with(name: str, pronouns: Pronouns) -> frozenset[str] | None:
    """The pronouns of the person of this name: of the honorific they are named with ("Mr. Tobias Hale", "Mrs.
    Honoria Dunstable", "Sir Malcolm Pryce"), else those the story tells them with (`pronouns`), if it settles them."""
    said = [fold(word) for word, _, _ in words(name)]
    if said[:1] and said[0] in _MEN_S_HONORIFICS:
        return HE
    if said[:1] and said[0] in _WOMEN_S_HONORIFICS:
        return SHE
    return pronouns(name)
