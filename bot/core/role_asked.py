"""Questions asking who holds a role, which the sentence introducing that person answers.

"Who is the captain of the Heron?", "Who is the judge?", "Who was the navigator?": a plot names someone where it
brings them in with their role ("Captain Ingrid Solheim", "the ship's navigator, Lt. Ingrid Rask", "Walter Pym, an
elderly sheep farmer"), while the passages most like the question are those saying "captain" most.
"""

from __future__ import annotations

from bot.core.analysis import fold, words
from bot.core.kin_asked import KIN, said_before
from bot.core.slips import POSSESSIVE_ENDS

_OPENINGS = (("who", "is", "the"), ("who", "was", "the"), ("who's", "the"), ("whos", "the"))
_NAME_OPENINGS = (("what", "is", "the"), ("what", "was", "the"), ("what's", "the"), ("whats", "the"))
"""Asking the role's name: "What is the butler's name?", "whats the butlers name", "What was the judge called?"."""
_NAME_OF = ("name", "of", "the")
"""After _NAME_OPENINGS's "what is the": "What is the name of the butler?"."""
_AFTER_ROLE = frozenset({"of", "on", "in", "at", "aboard", "from", "for"})
_BEFORE_ROLE = frozenset({"a", "an", "the", "his", "her", "their", "its"})
_MOST_WORDS_BEFORE_ROLE = 3
"""How far after a name's "a"/"the" its role may stand: "Walter Pym, an elderly sheep farmer"."""


def role_asked_about(question: str) -> str | None:
    """The role in "Who is the captain?", "Who was the captain of the Heron?", "What is the butler's name?" (or "whats
    the butlers name", "What was the judge called?", "What is the name of the judge?"): one word, folded, and no
    relative, which bot.core.kin_asked answers; else None."""
    said = [fold(word) for word, _, _ in words(question)]
    opening = next((o for o in _OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None:
        return _role_named(said)
    if len(said) <= len(opening):
        return None
    role = said[len(opening)]
    after = said[len(opening) + 1 : len(opening) + 2]
    if role in KIN or role.endswith(POSSESSIVE_ENDS) or (after and after[0] not in _AFTER_ROLE):
        return None
    return role


def _role_named(said: list[str]) -> str | None:
    """The role of a question asking its name (role_asked_about's "What is the butler's name?"), else None."""
    opening = next((o for o in _NAME_OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None:
        return None
    rest = said[len(opening) :]
    if tuple(rest[: len(_NAME_OF)]) == _NAME_OF and len(rest) == len(_NAME_OF) + 1:
        role = rest[-1]
    elif len(rest) == 2 and rest[1] == "called" and not rest[0].endswith(POSSESSIVE_ENDS):
        role = rest[0]
    elif len(rest) == 2 and rest[1] == "name":
        role = _unmarked(rest[0])
    else:
        return None
    return None if role in KIN else role


def _unmarked(word: str) -> str:
    """A role as written before "name": "butler's" and "butlers" (a chat's possessive) are "butler"; "boss",
    "princess" and "witness" keep their "s"."""
    if word.endswith(POSSESSIVE_ENDS):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def introduces_in_role(sentence: str, name: str, role: str) -> bool:
    """Whether `sentence` brings in the person `name` with that role: before the name, but for "the", honorifics and
    titles ("Captain Ingrid Solheim", "the navigator, Lt. Rask"), or after it and "a"/"the" and a few words
    ("Walter Pym, an elderly sheep farmer")."""
    said = [fold(word) for word, _, _ in words(sentence)]
    named = [fold(word) for word, _, _ in words(name)]
    if not named:
        return False
    for place in range(len(said) - len(named) + 1):
        if said[place : place + len(named)] != named:
            continue
        if role in named[:-1]:
            return True  # a title within the name the finder took: "Captain Ingrid Solheim"
        if said_before(said, place, (role,)):
            return True
        after = place + len(named)
        if (
            after < len(said)
            and said[after] in _BEFORE_ROLE
            and role in said[after + 1 : after + 1 + _MOST_WORDS_BEFORE_ROLE]
        ):
            return True
    return False
