"""Questions asking who holds a role, which the sentence introducing that person answers.

"Who is the captain of the Heron?", "Who is the judge?", "Who was the navigator?": a plot names someone where it
brings them in with their role ("Captain Ingrid Solheim", "the ship's navigator, Lt. Ingrid Rask", "Walter Pym, an
elderly sheep farmer"), while the passages most like the question are those saying "captain" most. So too a role
held for someone, "Who is Priya's boss?": "her manager, Don Keller", "Morwenna's own superintendent, Gareth Lusk".
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.core.analysis import Analyzer, fold, is_dictionary_word, lemma, load_stopwords, normalize_word, words
from bot.core.kin_asked import (
    AFTER_OWNED,
    KIN,
    NAME_OF,
    WHAT_OPENINGS,
    WHO_OPENINGS,
    name_places,
    owned_word,
    place_before,
    said_before,
    word_of_the,
)
from bot.core.people_finder import (
    HONORIFICS,
    described_head,
    kin_words,
    kinds_of_people,
    person_nouns,
    person_titles,
)
from bot.core.related_words import bundled_related_words
from bot.core.role_words import bundled_role_words
from bot.core.sentences import sentence_spans
from bot.core.slips import POSSESSIVE_ENDS, bare_word, written_possessive

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
    return _role_at(said, len(opening))


def role_in_name(name: str) -> str | None:
    """The role a name as typed asks of: "captain" of "the captain" ("How did the captain die?"), as
    role_asked_about reads "Who is the captain?"; else None."""
    said = [fold(word) for word, _, _ in words(name)]
    return _role_at(said, 1) if said[:1] == ["the"] else None


def _role_at(said: list[str], at: int) -> str | None:
    """The role at `at` of the folded words `said`, alone or before a word of _AFTER_ROLE ("the captain of the
    Heron"); not a relative's word, nor a possessive's."""
    if len(said) <= at:
        return None
    role = said[at]
    after = said[at + 1 : at + 2]
    if role in KIN or role.endswith(POSSESSIVE_ENDS) or (after and after[0] not in _AFTER_ROLE):
        return None
    return role


def role_asked_alone(question: str) -> bool:
    """Whether the question asks a role with nothing after it ("Who is the medic?"): only then may a story other than
    the one ranked first be the one asked about; "Who is the teacher at St. Aldric's?" or "... in The Glass Key" names
    its own, which the ranking finds however that story calls its teacher."""
    said = [fold(word) for word, _, _ in words(question)]
    return any(len(said) == len(o) + 1 and tuple(said[: len(o)]) == o for o in _OPENINGS) and (
        role_asked_about(question) is not None
    )


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


_SHORTEST_MISSPELT_ROLE = 4
"""The shortest role read as a word for a kind of person misspelt ("kign": "king"): three letters are as often a
name's initials or a chat's abbreviation as a slip ("mnk", "gdr")."""


def misspelt_role(role: str, written: Callable[[str], bool]) -> str | None:
    """The one word for a kind of person (people_finder.kinds_of_people) that a role asked for (folded) is with one
    letter typed for another, one more or less, or two neighbours swapped ("prosecuter": "prosecutor"), where the role
    is no such word, nor a word the dictionary knows or the stories write (`written`); else None. The spelling
    corrector corrects only into the words the stories write, and a story saying "the prosecution, led by district
    attorney Craig Mollenhauer" never writes "prosecutor"."""
    if len(role) < _SHORTEST_MISSPELT_ROLE or is_dictionary_word(role) or written(role):
        return None
    people = kinds_of_people()
    if role in people:
        return None
    near = process.extract(role, people, scorer=OSA.distance, score_cutoff=1, limit=2)
    return near[0][0] if len(near) == 1 else None


def introduces_in_role(sentence: str, name: str, role: str, *, held: bool = False) -> bool:
    """Whether `sentence` brings in the person `name` with that role (one word, or a few: "harbour master"): before
    the name, but for "the", honorifics and titles ("Captain Ingrid Solheim", "the navigator, Lt. Rask", "harbour
    master Seamus"), or after it and "a"/"the" and a few words ("Walter Pym, an elderly sheep farmer"), or "as" and
    no "the" a word or two later ("Seamus took over as harbour master", "Ted worked as a cook"; not "Ted watched as
    the captain"); or, `held`, says it holds the role (_said_to_hold: "Sébastien Kalmurzaeva was a renowned
    violinist")."""
    said = [fold(word) for word, _, _ in words(sentence)]
    named = [fold(word) for word, _, _ in words(name)]
    role_words = role.split()
    if not role_words:
        return False
    return any(
        _in_role_at(said, place, len(named), role_words)
        or (held and _said_to_hold(said, place + len(named), role_words))
        for place in name_places(said, named)
    )


def _in_role_at(said: list[str], place: int, length: int, role_words: list[str]) -> bool:
    """introduces_in_role at one place: whether the name of `length` words at `place` of the folded `said` is brought
    in with the role, in a few words around it (so that given_alone, asking it of every name of a sentence, stays
    linear in the sentence's length)."""
    *modifiers, head = role_words
    named = said[place : place + length]
    if _holds_at(named[:-1], role_words, 0, length - 1):
        return True  # a title within the name the finder took: "Captain Ingrid Solheim"
    at = place_before(said, place, (head,))
    if at is not None and at >= len(modifiers) and said[at - len(modifiers) : at] == modifiers:
        return True
    after = place + length
    return (
        after < len(said)
        and said[after] in _BEFORE_ROLE
        and _holds_at(said, role_words, after + 1, after + 1 + _MOST_WORDS_BEFORE_ROLE + len(modifiers))
    ) or _as_role(said, after, role_words)


def _holds_at(said: Sequence[str], role_words: Sequence[str], start: int, end: int) -> bool:
    """Whether the role's words stand together within `said[start:end]`."""
    return any(
        list(said[at : at + len(role_words)]) == list(role_words)
        for at in range(start, min(end, len(said)) - len(role_words) + 1)
    )


_MOST_WORDS_BEFORE_AS = 2
"""How far after a name its "as" may stand: "Seamus took over as harbour master"."""

_GIVING_ROLES = frozenset(
    {"work", "serve", "start", "stay", "remain", "continue", "appoint", "hire", "elect", "employ", "install"}
    | {"return", "retire", "join", "succeed"}
)
"""The words (lemmas) before an "as" that give someone the role after it, with "took over": "worked as a cook", "took
over as harbour master", "was appointed as judge"; not those that only seem to: "posing as a doctor", "dressed as a
sailor", "known as Butcher", "wept as a widow", "leaned over as a doctor came in"."""


def _as_role(said: list[str], after: int, role_words: list[str]) -> bool:
    """Whether "as" and the role, "a" or "an" alone between, follow the name ending at `after` within a word or two,
    after a word that gives the role (_GIVING_ROLES): "took over as harbour master", "worked as a cook"."""
    for at in range(after, min(after + _MOST_WORDS_BEFORE_AS + 1, len(said))):
        if said[at] != "as":
            continue
        taking_over = at >= 2 and said[at - 1] == "over" and lemma(said[at - 2]) == "take"
        if not taking_over and (at == 0 or lemma(said[at - 1]) not in _GIVING_ROLES):
            return False
        start = at + 2 if at + 1 < len(said) and said[at + 1] in ("a", "an") else at + 1
        return said[start : start + len(role_words)] == role_words
    return False


_HOLDING = frozenset({"is", "was", "became", "becomes", "remained", "remains"})
"""Words after a name that say it held a role then: "Old Padraig Quinn was harbour master for thirty years"."""


_FORMERLY = frozenset({"before", "until", "till", "once", "formerly", "former", "retired", "ex"})
"""Words about a role said held that make it a former one: "was a captain in the Danish navy before he was
dismissed", "was a former doctor", "was once captain", "was an ex-captain"."""
_FORMERLY_PAIRS = frozenset({("used", "to"), ("had", "been")})
_MOST_WORDS_AFTER_ROLE = 10
"""How far after a role said held a word of _FORMERLY is read: "was a captain in the Danish navy before"."""


def _said_to_hold(said: list[str], after: int, role_words: list[str]) -> bool:
    """Whether the name ending at `after` is said to be the role, after "a", "an" or "the" and one word at most ("Old
    Padraig Quinn was harbour master", "Quinn was the old harbour master"; not "was jealous of the harbour master",
    "was not the harbour master"), and not as a former one (_FORMERLY: "Peter Lund was a captain before he was
    dismissed"): a holder given_alone counts, where introduces_in_role reads only who is brought in as one."""
    if after >= len(said) or said[after] not in _HOLDING:
        return False
    start = after + 2 if after + 1 < len(said) and said[after + 1] in ("a", "an", "the") else after + 1
    if start >= len(said) or said[start] == "not":
        return False
    at = next(
        (at for at in range(start, start + 2) if said[at : at + len(role_words)] == role_words),
        None,
    )
    return at is not None and not _former(said[after + 1 : at + len(role_words) + _MOST_WORDS_AFTER_ROLE])


def _former(around: list[str]) -> bool:
    """Whether the words about a role said held (_said_to_hold's) make it a former one (_FORMERLY, "used to", "had
    been")."""
    return any(word in _FORMERLY for word in around) or any(pair in _FORMERLY_PAIRS for pair in pairwise(around))


_MOST_WORDS_THE_BEFORE_ROLE = 3
"""How far before a role its "the" may stand: "the ship's captain", "the new village doctor"."""


def role_written_apart(texts: Sequence[str], role: str, name: str) -> bool:
    """Whether `texts` (a story's passages) write "the" and the role in a sentence naming no word of `name` ("The
    ship's captain, a gruff old sailor whom the crew never name, dies of fever", "When the new doctor arrives"): a
    holder of the role the story leaves unnamed, or speaks of apart from the one said to hold it (_said_to_hold)."""
    role_words = role.split()
    named = {fold(word) for word, _, _ in words(name)}
    for text in texts:
        for start, end in sentence_spans(text):
            said = [fold(word) for word, _, _ in words(text[start:end])]
            if not named.isdisjoint(said):
                continue
            for at in range(len(said) - len(role_words) + 1):
                if (
                    said[at : at + len(role_words)] == role_words
                    and "the" in said[max(at - _MOST_WORDS_THE_BEFORE_ROLE, 0) : at]
                ):
                    return True
    return False


@dataclass(frozen=True)
class RoleOf:
    owner: str
    """The name the role is held for, folded ("priya"), or as typed without its apostrophe ("priyas"), as
    bot.core.kin_asked.KinAsked's."""
    role: str
    """The role asked for, folded: "boss"."""


_NAMING_ENDS = frozenset(AFTER_OWNED) - {()}
"""What a "what" question asking a role's name ends in ("What is the name of X's assistant?" aside): "What's X's
editor called?"; not "What was special about the enormous goat?", which "goat", a person's word as the finder reads
one, would read as someone's goat."""


def role_of_asked_about(question: str) -> RoleOf | None:
    """The name and role in "Who is X's boss?", "who is priyas boss", "Who is the boss of X?", "What is the name of
    X's assistant?" or "What's X's editor called?": a word for a kind of person (as the people finder reads one
    before a name) that is no relative, which bot.core.kin_asked answers, held for a name with no "of" ("the father
    of Clare's baby" asks of the father) nor an article or a possessive (_BEFORE_ROLE: "the captain of the Heron"); else
    None."""
    said = [fold(word) for word, _, _ in words(question)]
    who = next((o for o in WHO_OPENINGS if tuple(said[: len(o)]) == o), None)
    what = None if who is not None else next((o for o in WHAT_OPENINGS if tuple(said[: len(o)]) == o), None)
    opening = who or what
    if opening is None:
        return None
    rest = said[len(opening) :]
    named_for = tuple(rest[: len(NAME_OF)]) == NAME_OF
    if named_for:
        rest = rest[len(NAME_OF) :]
    owned = owned_word(rest, AFTER_OWNED, _is_role)
    of_the = None if owned is not None or (what is not None and not named_for) else word_of_the(rest, _is_role)
    if of_the is not None and of_the[0].split()[0] not in _BEFORE_ROLE:
        return RoleOf(*of_the)  # "who is the boss of priya"; not "the captain of the Heron", no one's
    if owned is None or "of" in owned[0].split():
        return None
    if what is not None and not named_for and tuple(rest[-1:]) not in _NAMING_ENDS:
        return None
    return RoleOf(*owned)


def _is_role(word: str) -> bool:
    """A word for a kind of person, no relative: "boss", "assistant", not "father", "sons" (of "whats hannahs sons
    name", a possessive typed without its apostrophe) or "job"."""
    bare = _unmarked(word)
    return word not in KIN and bare not in KIN and {word, bare}.isdisjoint(kin_words()) and _is_person_word(word)


def _is_person_word(word: str) -> bool:
    """A word for a kind of person, as the people finder reads one before a name: "manager", "wife"."""
    head = described_head(word)
    return head is not None and head[1] == "person"


@cache
def _role_terms_analyzer() -> Analyzer:
    """The analyzer related_words.txt's index terms were made with (scripts/build_related_words.py's default)."""
    return Analyzer()


def role_term(role: str) -> frozenset[str]:
    """The index term of the role's own word, alone (the first words a role is called by, before role_terms'), or
    none."""
    term = _role_terms_analyzer().term(role)
    return frozenset() if term is None else frozenset({term})


def role_terms(role: str, *, kinds_too: bool) -> frozenset[str]:
    """The index terms of the words a story may call a role by (bot.core.related_words, WordNet's): the role's and its
    close relatives' that are nouns for a kind of person, whole (people_finder.person_nouns: "boss": "foreman", not
    "chief", a chief thing too); `kinds_too`, its kinds' one step up or down that are such nouns too, and their close
    relatives ("boss": "supervisor", and the supervisor's "manager" and "superintendent"). Only a role whose term is its
    whole word has kinds: a term cut from a longer word is the term of every word cut so, and its relatives those of
    each ("manager"'s "manag" is "management"'s too, whose kind "authority" is cut to "author", whose relatives are
    "officer" and "composer")."""
    term = _role_terms_analyzer().term(role)
    if term is None:
        return frozenset()
    related = bundled_related_words()
    people = person_nouns()
    close = related.close.get(term, frozenset()) & people
    if not kinds_too or term != role:
        return close | {term}
    kinds = related.kinds.get(term, frozenset()) & people
    return frozenset({term}).union(close, kinds, *(related.close.get(kind, frozenset()) for kind in kinds))


_GENERAL_ROLES = frozenset(
    {"man", "woman", "girl", "boy", "person", "leader", "lady", "gentleman", "guy", "child", "kid", "someone"}
)
"""Roles so general that nearly everyone of a story is of one of their narrower kinds: "Who is the man?" asks of no
geezer or widower the story brings in, and "Who is the leader?" of no captain or hero."""


def kinds_answer(role: str) -> bool:
    """Whether someone brought in by a narrower word for the role (role_words') may answer for it: not for a
    role as general as "man" or "leader" (_GENERAL_ROLES)."""
    return role not in _GENERAL_ROLES


_OWNING_PRONOUNS = frozenset({"her", "his", "their"})
_MOST_WORDS_OWNER_BEFORE_ROLE = 3
"""How far before the role its owner may stand: "Morwenna's own superintendent", "her strict father"."""


def introduces_as_role_of(sentence: str, name: str, terms: frozenset[str], owner: set[str]) -> tuple[bool, bool]:
    """Whether `sentence` brings in the person `name` in a role of those index `terms` (role_terms) held for someone,
    as said_before reads a role before a name: held for the owner named (words `owner`, folded: "Morwenna's own
    superintendent, Gareth Lusk"), or for "her", "his" or "their" ("her manager, Don Keller"). (named, pronoun)."""
    owned = _roles_owned(sentence, terms, owner)
    said = owned.said
    introduced = name_places(said, [fold(word) for word, _, _ in words(name)])
    by_name = {said[place] for place in owned.by_name}
    by_pronoun = {said[place] for place in owned.by_pronoun}
    return (
        any(said_before(said, place, by_name) for place in introduced),
        any(said_before(said, place, by_pronoun) for place in introduced),
    )


def roles_owned_at(text: str, terms: frozenset[str], owner: set[str] | None) -> tuple[bool, list[int]]:
    """Whether `text` says a role of those index `terms` held for the owner named ("Priya's boss"; for anyone named,
    with no `owner`), whoever it brings in, and the offsets of each word of a role it says held for "her", "his" or
    "their" ("Her boss from now on, the chief resident Paul Kemp"; not "the boss" elsewhere)."""
    owned = _roles_owned(text, terms, owner)
    return bool(owned.by_name), [owned.starts[place] for place in owned.by_pronoun]


class _OwnedRoles(NamedTuple):
    said: list[str]
    """The text's words, folded."""
    starts: list[int]
    """Where each word starts in the text."""
    by_name: list[int]
    """The places (in `said`) of the words of a role held for the owner named (for anyone named, with no owner)."""
    by_pronoun: list[int]
    """Those of a role held for "her", "his" or "their"."""


def _roles_owned(sentence: str, terms: frozenset[str], owner: set[str] | None) -> _OwnedRoles:
    """The words of a role of `terms` in `sentence` held for the owner named (for anyone named, with no `owner`), and
    for "her", "his" or "their" (introduces_as_role_of): the owner is the owning word nearest before the role, so
    "her father's assistant" is her father's, not hers."""
    written = words(sentence)
    said = [fold(word) for word, _, _ in written]
    owning = [written_possessive(sentence, word, end) for word, _, end in written]
    analyzer = _role_terms_analyzer()
    owned = _OwnedRoles(said, [start for _, start, _ in written], [], [])
    for place, word in enumerate(said):
        if analyzer.term(word) not in terms or not _is_person_word(word):
            continue
        start = max(place - _MOST_WORDS_OWNER_BEFORE_ROLE, 0)
        nearest = next(
            (at for at in range(place - 1, start - 1, -1) if owning[at] or said[at] in _OWNING_PRONOUNS), None
        )
        if nearest is None:
            continue
        if owning[nearest] and (owner is None or normalize_word(said[nearest]) in owner):
            owned.by_name.append(place)
        elif said[nearest] in _OWNING_PRONOUNS:
            owned.by_pronoun.append(place)
    return owned


def named_last(text: str, name: str, others: Sequence[str]) -> bool:
    """Whether the person named last in `text` is `name`'s, not one of `others`: by a whole name, or by a word of one
    name alone; a word of several names ("Nair" of Priya Nair and Raj Nair) says no one in particular, so not them."""
    names = [tuple(fold(word) for word, _, _ in words(n)) for n in (name, *others)]
    ending: dict[str, list[int]] = {}
    holding: dict[str, set[int]] = {}
    for which, called in enumerate(names):
        if called:
            ending.setdefault(called[-1], []).append(which)
        for word in called:
            holding.setdefault(word, set()).add(which)
    said = [fold(word) for word, _, _ in words(text) if word[:1].isupper()]
    for place in range(len(said) - 1, -1, -1):
        start = {w: place + 1 - len(names[w]) for w in ending.get(said[place], [])}
        whole = [w for w, at in start.items() if at >= 0 and tuple(said[at : place + 1]) == names[w]]
        if whole:
            return whole == [0]
        if said[place] in holding:
            return holding[said[place]] == {0}
    return False


_MOST_ROLE_MODIFIERS = 2
"""How many words a role owning a relative or a role may hold before its own: "the harbour master's wife"."""


def owning_role(sentence: str, name: str, wanted: Collection[str]) -> str | None:
    """The role, as the story writes it, whose relative or role (a word of `wanted`, folded) `sentence` brings the
    person `name` in as ("The harbour master's wife, Nuala": "harbour master"; "the old master's daughter": "old
    master"), said_before's way: "the", at most two words and a word for a kind of person with a possessive's "'s",
    a few words at most before the relative's word; else None."""
    written = words(sentence)
    said = [fold(word) for word, _, _ in written]
    named = [fold(word) for word, _, _ in words(name)]
    possessive = [written_possessive(sentence, word, end) for word, _, end in written]
    for place in name_places(said, named):
        at = place_before(said, place, wanted)
        if at is None:
            continue
        owning = next(
            (back for back in range(at - 1, max(at - 1 - _MOST_WORDS_OWNER_BEFORE_ROLE, -1), -1) if possessive[back]),
            None,
        )
        if owning is None or not _is_person_word(bare_word(said[owning])):
            continue
        the = next(
            (back for back in range(owning - 1, max(owning - 2 - _MOST_ROLE_MODIFIERS, -1), -1) if said[back] == "the"),
            None,
        )
        if the is not None and not any(possessive[the:owning]):
            return " ".join([*said[the + 1 : owning], bare_word(said[owning])])
    return None


def given_alone(texts: Sequence[str], role: str, owner: str) -> bool:
    """Whether `texts` (a story's passages) give the role (owning_role's: "harbour master") to the person `owner`
    and to no one else: each name the stories write (a run of capitalised words) that introduces_in_role reads in
    it, in a sentence saying the role's last word, is the owner's (its words, titles and the role's aside, are words
    of the owner's name: "McAllister-Byrne" of Captain Seamus McAllister-Byrne, "Harbour Master Seamus Byrne").
    "the old master, a man everyone called Grandad Pugh" gives "master" to another too, whether or not the people
    finder takes Grandad Pugh. A pronoun that a sentence gives the role to ("He took over as harbour master") is
    another's too: whose it is is not read."""
    owner_words = {fold(word) for word, _, _ in words(owner)}
    role_words = role.split()
    titles = person_titles()
    given = False
    for text in texts:
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if role_words[-1] not in fold(sentence):
                continue
            written = words(sentence)
            said = [fold(word) for word, _, _ in written]
            for first, last in _capitalised_runs(sentence, written):
                if not _in_role_at(said, first, last - first, role_words) and not _said_to_hold(said, last, role_words):
                    continue
                if first == 0 and last - first > 1 and said[0] in load_stopwords():
                    first = 1  # "Then Seamus Byrne took over as harbour master": "Then" only opens the sentence
                named = set(said[first:last]) - titles - HONORIFICS - set(role_words)
                if not named or not named <= owner_words:
                    return False
                given = True
    return given


_WITHIN_A_NAME = " -'’"
"""What may stand between the words of a name: "Seamus McAllister-Byrne", "Rory O'Hara"."""


def _capitalised_runs(sentence: str, written: Sequence[tuple[str, int, int]]) -> list[tuple[int, int]]:
    """Where the runs of capitalised words of `sentence` (its `written` words) stand, as ranges of those words, with
    nothing but spaces, hyphens or apostrophes between them: the names it may write ("Captain Seamus
    McAllister-Byrne", "Grandad Pugh"; "The" at its start too, which brings no one in)."""
    runs: list[tuple[int, int]] = []
    first = -1
    for place, (word, start, _) in enumerate(written):
        if not word[:1].isupper():
            if first >= 0:
                runs.append((first, place))
            first = -1
            continue
        if first >= 0 and sentence[written[place - 1][2] : start].strip(_WITHIN_A_NAME):
            runs.append((first, place))
            first = -1
        if first < 0:
            first = place
    if first >= 0:
        runs.append((first, len(written)))
    return runs


def role_words_in(sentence: str, terms: frozenset[str]) -> frozenset[str]:
    """The words of `sentence` (folded) that say a role of those index `terms` (role_terms): "manager", "boss"."""
    analyzer = _role_terms_analyzer()
    said = {fold(word) for word, _, _ in words(sentence)}
    return frozenset(word for word in said if analyzer.term(word) in terms and _is_person_word(word))


def role_words(role: str, *, narrower_too: bool) -> frozenset[str]:
    """The words a story may call a role asked alone by, besides its own (bot.core.role_words, WordNet's first sense of
    it, in dictionary forms: "physician" for "doctor", never a Doctor of the Church's "theologian"); `narrower_too`,
    its narrower words too ("district attorney" for "prosecutor"). No relative's word: a priest is no "father"."""
    known = bundled_role_words()
    said = known.synonyms.get(role, frozenset())
    if narrower_too:
        said |= known.narrower.get(role, frozenset())
    kin = kin_words()
    return frozenset(word for word in said if word not in KIN and word not in kin)


def roles_said_in(sentence: str, roles: Collection[str]) -> list[str]:
    """Those of `roles` (role_words) whose last word `sentence` writes as it is (folded): no plural nor other form
    ("officers", "hires") brings one person in."""
    said = {fold(word) for word, _, _ in words(sentence)}
    return [role for role in roles if role.split()[-1] in said]


def writes_role(texts: Sequence[str], role: str) -> bool:
    """Whether `texts` (a story's passages) write the role's word (folded), in a form holding it whose lemma is its own
    ("medics"; not "medical", whose stem it shares): a story that never does is not the one asked about, however it
    ranks."""
    wanted = lemma(role)
    for text in texts:
        if role in fold(text) and any(
            role in said and lemma(said) == wanted for said in (fold(word) for word, _, _ in words(text))
        ):
            return True
    return False


def writes_role_stem(texts: Sequence[str], role: str) -> bool:
    """Whether `texts` (a story's passages) write a word with the role's index term, in any form ("villainous" for
    "villain", "murdered" for "murderer"): such a story tells the role by its own stem, so no narrower word of it
    ("rogue", "gunslinger") says who holds it. "Prosecution" ("prosecut") is no "prosecutor"'s."""
    analyzer = _role_terms_analyzer()
    wanted = analyzer.term(role)
    return wanted is not None and any(
        analyzer.term(fold(word)) == wanted for text in texts for word, _, _ in words(text)
    )
