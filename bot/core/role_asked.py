"""Questions asking who holds a role, which the sentence introducing that person answers.

"Who is the captain of the Heron?", "Who is the judge?", "Who was the navigator?": a plot names someone where it
brings them in with their role ("Captain Ingrid Solheim", "the ship's navigator, Lt. Ingrid Rask", "Walter Pym, an
elderly sheep farmer"), while the passages most like the question are those saying "captain" most.
"""

from __future__ import annotations

from bot.core.analysis import fold, words
from bot.core.kin_asked import KIN, said_before

_OPENINGS = (("who", "is", "the"), ("who", "was", "the"), ("who's", "the"), ("whos", "the"))
_AFTER_ROLE = frozenset({"of", "on", "in", "at", "aboard", "from", "for"})
_BEFORE_ROLE = frozenset({"a", "an", "the", "his", "her", "their", "its"})
_MOST_WORDS_BEFORE_ROLE = 3
"""How far after a name's "a"/"the" its role may stand: "Walter Pym, an elderly sheep farmer"."""


def role_asked_about(question: str) -> str | None:
    """The role in "Who is the captain?" or "Who was the captain of the Heron?" (one word, folded, and no relative,
    which bot.core.kin_asked answers); else None."""
    said = [fold(word) for word, _, _ in words(question)]
    opening = next((o for o in _OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None or len(said) <= len(opening):
        return None
    role = said[len(opening)]
    after = said[len(opening) + 1 : len(opening) + 2]
    if role in KIN or role.endswith(("'s", "’s")) or (after and after[0] not in _AFTER_ROLE):
        return None
    return role


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
