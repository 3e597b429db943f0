"""Questions asking who someone's relative is, which the sentence introducing that relative answers.

"Who is Gwen's father?", "What's the name of Gwen's daughter?", "Who was Declan's dad?": a plot names a relative
where it brings them in ("her strict father, the Reverend Alun Pryce", "with their daughter, Carys"), while the
passages most like the question are those that say "Gwen" and "father" most ("her father's funeral").
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass

from bot.core.analysis import fold, words
from bot.core.people_finder import HONORIFICS, person_titles
from bot.core.slips import POSSESSIVE_ENDS

KIN = {
    "father": ("father", "dad"),
    "dad": ("father", "dad"),
    "daddy": ("father", "dad"),
    "mother": ("mother", "mum", "mom"),
    "mum": ("mother", "mum", "mom"),
    "mom": ("mother", "mum", "mom"),
    "son": ("son",),
    "daughter": ("daughter",),
    "wife": ("wife",),
    "husband": ("husband",),
    "spouse": ("spouse", "wife", "husband"),
    "brother": ("brother",),
    "sister": ("sister",),
    "uncle": ("uncle",),
    "aunt": ("aunt",),
    "grandfather": ("grandfather", "grandpa"),
    "grandmother": ("grandmother", "grandma", "granny"),
    "cousin": ("cousin",),
    "fiance": ("fiance",),
    "fiancee": ("fiancee",),
    "boyfriend": ("boyfriend",),
    "girlfriend": ("girlfriend",),
    "stepmother": ("stepmother",),
    "stepfather": ("stepfather",),
}
"""A relative asked for, and the words a story may call them by."""

_CHILD = ("daughter", "son", "child")
_PARENT = ("father", "mother", "dad", "mum", "mom")
KIN_OF_OWNER = {
    "father": _CHILD,
    "mother": _CHILD,
    "son": _PARENT,
    "daughter": _PARENT,
    "wife": ("husband",),
    "husband": ("wife",),
    "spouse": ("spouse", "wife", "husband"),
    "brother": ("brother", "sister"),
    "sister": ("brother", "sister"),
    "uncle": ("nephew", "niece"),
    "aunt": ("nephew", "niece"),
    "grandfather": ("grandson", "granddaughter", "grandchild"),
    "grandmother": ("grandson", "granddaughter", "grandchild"),
    "cousin": ("cousin",),
    "fiance": ("fiancee",),
    "fiancee": ("fiance",),
    "stepmother": ("stepdaughter", "stepson"),
    "stepfather": ("stepdaughter", "stepson"),
}
"""What the person whose relative is asked for is to that relative: "Lesage's daughter, Madeleine" answers "Who is
Madeleine's father?"."""

MEN = frozenset(
    {"father", "dad", "daddy", "son", "husband", "brother", "uncle", "grandfather", "grandpa", "boyfriend", "fiance"}
    | {"stepfather", "stepson", "nephew", "grandson"}
)
WOMEN = frozenset(
    {"mother", "mum", "mom", "daughter", "wife", "sister", "aunt", "grandmother", "grandma", "granny", "girlfriend"}
    | {"fiancee", "stepmother", "stepdaughter", "niece", "granddaughter"}
)
"""Relatives' words that say a man's or a woman's: one brought in as "her strict father" is no "her"."""
BLOOD_KIN = (MEN | WOMEN) - {"husband", "wife", "boyfriend", "girlfriend", "fiance", "fiancee"}
"""Relatives' words that say someone is no one's spouse: "his daughter, Mathilde Renard" is not whom he marries."""
_NOT_BY_BLOOD = frozenset({"foster", "adoptive", "adopted"})

WHO_OPENINGS = (("who", "is"), ("who", "was"), ("who's",), ("whos",))
WHAT_OPENINGS = (("what", "is"), ("what", "was"), ("what's",), ("whats",))
"""How a question asks for someone's relative or role: "Who is X's father?", "whos priyas boss", "What's X's wife
called?" (bot.core.role_asked's too)."""
_OPENINGS = (*WHO_OPENINGS, *WHAT_OPENINGS)
NAME_OF = ("the", "name", "of")
AFTER_OWNED = ((), ("called",), ("named",), ("name",))
"""What may follow the relative or role in a question: "X's wife called?", "X's dad's name?" (its "'s" read off the
word)."""
_MOST_NAME_WORDS = 4


@dataclass(frozen=True)
class KinAsked:
    owner: str
    """The name whose relative is asked for, folded: "gwen"; as typed where a chat drops the apostrophe, "gwens",
    which the people lookup forgives."""
    called: tuple[str, ...]
    """The words a story may call the relative by: ("father", "dad")."""
    owner_called: tuple[str, ...] = ()
    """The words it may call the person asked about by, as that relative's: ("daughter", "son", "child")."""


def kin_asked_about(question: str) -> KinAsked | None:
    """The name and relative in "Who is X's father?", "What is (the name of) X's daughter?", "What's X's wife
    called?", "Who was X's dad's name?" ("who is Xs father" as a chat types it) or "Who is the wife of X?", on the
    question's words alone (one pass); else None."""
    said = [fold(word) for word, _, _ in words(question)]
    opening = next((o for o in _OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None:
        return None
    rest = said[len(opening) :]
    if tuple(rest[:3]) == NAME_OF:
        rest = rest[3:]
    return _kin_of(rest, AFTER_OWNED) or _kin_of_the(rest)


def kin_named(name: str) -> KinAsked | None:
    """The name and relative in a name asked about that is someone's relative: "Nora's father" in "What does Nora's
    father do for a living?" (bot.core.query.name_asked's name); else None."""
    return _kin_of([fold(word) for word, _, _ in words(name)], ((),))


def _kin_of(said: list[str], endings: tuple[tuple[str, ...], ...]) -> KinAsked | None:
    """The name and relative of owned_word's "X's KIN" ("who is gwens father" too)."""
    owned = owned_word(said, endings, KIN.__contains__)
    return None if owned is None else _kin_asked(*owned)


def _kin_asked(owner: str, kin: str) -> KinAsked:
    called = KIN[kin]
    return KinAsked(owner=owner, called=called, owner_called=KIN_OF_OWNER.get(called[0], ()))


def owned_word(
    said: list[str], endings: tuple[tuple[str, ...], ...], wanted: Callable[[str], bool]
) -> tuple[str, str] | None:
    """The name and word of "X's WORD" (a word `wanted`: a relative, a role) followed by one of `endings` ("called";
    "name" after "WORD's"), X at most four words; or of "Xs WORD", a possessive typed without its apostrophe ("who is
    gwens father"), the name then taken as typed ("gwens"), as bot.core.query takes "ivans" of "whats ivans job"."""
    owner_end = _possessive_at(said)
    if owner_end is None:
        return _unmarked_owned_word(said, endings, wanted)
    return _owned_after(said, owner_end, endings, wanted)


def possessive_owned_word(
    said: list[str], endings: tuple[tuple[str, ...], ...], wanted: Callable[[str], bool]
) -> tuple[str, str] | None:
    """owned_word's "X's WORD" alone, with its apostrophe; None where no word is a possessive
    (bot.core.named_thing_asked reads "Xs THING" its own way)."""
    owner_end = _possessive_at(said)
    return None if owner_end is None else _owned_after(said, owner_end, endings, wanted)


def _possessive_at(said: list[str]) -> int | None:
    """Where the question's first possessive is; None where it has none."""
    return next((place for place, word in enumerate(said) if word.endswith(POSSESSIVE_ENDS)), None)


def _owned_after(
    said: list[str], owner_end: int, endings: tuple[tuple[str, ...], ...], wanted: Callable[[str], bool]
) -> tuple[str, str] | None:
    """The name ending with the possessive at `owner_end` and the word `wanted` after it, before one of `endings`."""
    if owner_end >= _MOST_NAME_WORDS or owner_end + 1 >= len(said):
        return None
    word = said[owner_end + 1]
    after = tuple(said[owner_end + 2 :])
    if after == ("name",) and not word.endswith(POSSESSIVE_ENDS):
        return None  # "X's dad name"
    word = word[:-2] if after == ("name",) else word
    if not wanted(word) or after not in endings:
        return None
    return " ".join([*said[:owner_end], said[owner_end][:-2]]), word


NO_OWNERS = frozenset({"his", "its", "this", "hers", "theirs", "yours", "ours", "whose"})
"""Words ending in "s" before a relative that name no one: "who is his father" asks of no name."""


def _unmarked_owned_word(
    said: list[str], endings: tuple[tuple[str, ...], ...], wanted: Callable[[str], bool]
) -> tuple[str, str] | None:
    """owned_word's "Xs WORD", a possessive typed without its apostrophe as chats type it ("who is gwens father"):
    the question's first word `wanted`, right after the name (at most four words) whose last word ends in "s"."""
    word_at = next((place for place, word in enumerate(said) if wanted(word)), None)
    if word_at is None or not 0 < word_at <= _MOST_NAME_WORDS or tuple(said[word_at + 1 :]) not in endings:
        return None
    before = said[word_at - 1]
    if not before.endswith("s") or before in NO_OWNERS:
        return None
    return " ".join(said[:word_at]), said[word_at]


def _kin_of_the(said: list[str]) -> KinAsked | None:
    """The name and relative of "the KIN of X" ("Who is the wife of Josiah?"), asked as "X's KIN" is."""
    owned = word_of_the(said, KIN.__contains__)
    return None if owned is None else _kin_asked(*owned)


def word_of_the(said: list[str], wanted: Callable[[str], bool]) -> tuple[str, str] | None:
    """The name and word of "the WORD of X" (a word `wanted`: a relative, a role; "the wife of Josiah", "the boss of
    priya"), as owned_word gives "X's WORD"'s: X at most four words, none a possessive ("the father of Clare's baby"
    asks of no one the people lookup knows)."""
    if len(said) < 4 or said[0] != "the" or not wanted(said[1]) or said[2] != "of":
        return None
    owner = said[3:]
    if len(owner) > _MOST_NAME_WORDS or any(word.endswith(POSSESSIVE_ENDS) for word in owner):
        return None
    return " ".join(owner), said[1]


def introduces_as_kin(sentence: str, name: str, called: Collection[str]) -> bool:
    """Whether `sentence` brings in the person `name` as that relative: the relative's word right before the name,
    but for a comma, "the" or an honorific ("whose father, Con Furey", "her strict father, the Reverend Alun Pryce",
    "her father, Dr. Reyes", "their daughter, Carys")."""
    said = [fold(word) for word, _, _ in words(sentence)]
    named = [fold(word) for word, _, _ in words(name)]
    return any(said_before(said, place, called) for place in name_places(said, named))


def introduces_as_blood_kin(sentence: str, name: str) -> bool:
    """Whether `sentence` brings in the person `name` as a relative by blood (BLOOD_KIN), one no one marries: "his
    daughter, Mathilde Renard", not "her foster-brother, Rimas", whom Queen Sventa marries."""
    said = [fold(word) for word, _, _ in words(sentence)]
    named = [fold(word) for word, _, _ in words(name)]
    for place in name_places(said, named):
        kin = place_before(said, place, BLOOD_KIN)
        if kin is not None and said[kin - 1 : kin] not in ([word] for word in _NOT_BY_BLOOD):
            return True
    return False


def name_places(said: list[str], named: list[str]) -> list[int]:
    """Where the name's folded words `named` stand among a sentence's folded words `said`."""
    if not named:
        return []
    return [place for place in range(len(said) - len(named) + 1) if said[place : place + len(named)] == named]


def said_before(said: list[str], place: int, wanted: Collection[str]) -> bool:
    """Whether one of `wanted` stands before the name at `place` of the folded words `said`, with nothing between but
    "the", honorifics and titles ("father, the Reverend Alun Pryce", "navigator, Lt. Ingrid Rask"), or a description
    that names them ("the judge, a horticultural expert from Cheltenham called Mr. Lionel Fitch-Abbott", "the butler,
    a thin man called Jenkins")."""
    return place_before(said, place, wanted) is not None


def place_before(said: list[str], place: int, wanted: Collection[str]) -> int | None:
    """Where said_before finds one of `wanted` before the name at `place`, or None."""
    titles = person_titles()
    back = place - 1
    described = False
    for _ in range(_MOST_WORDS_BEFORE_NAME):
        if back < 0:
            return None
        if said[back] in wanted:
            return back
        if said[back] in _NAMING and not described:
            back = _description_start(said, back) - 1
            described = True
            continue
        if said[back] != "the" and said[back] not in HONORIFICS and said[back] not in titles:
            return None
        back -= 1
    return None


_NAMING = frozenset({"called", "named"})
_MOST_WORDS_BEFORE_NAME = 6
"""How many words ("the", honorifics, titles, a description as one) the relative's word may stand before a name
("father, the Reverend Alun Pryce"): a bound, so that reading every name of a sentence stays linear in its length."""
_DESCRIPTION_OPENINGS = frozenset({"a", "an"})
_MOST_DESCRIBING_WORDS = 7
"""How many words a description before "called" may hold: "a horticultural expert from Cheltenham"."""


def _description_start(said: list[str], naming: int) -> int:
    """Where the description before the "called" at `naming` starts (its "a"), or `naming` itself where none does:
    then nothing before it is read as the role."""
    for back in range(naming - 1, max(naming - 1 - _MOST_DESCRIBING_WORDS, -1), -1):
        if said[back] in _DESCRIPTION_OPENINGS:
            return back
    return naming + 1
