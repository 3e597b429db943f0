"""What becomes of someone, for "What happens to Fiona?", "What happens to Forsythe in the end?" or "What happens to
Danny after the fire?", where their story tells no death as the first thing done to them (bot.core.death_asked
answers where it does).

A plot tells a person's fate in a sentence with them, by name, the subject of a passive of an outcome ("Danny is sent
to a juvenile facility", "Forsythe, who was innocent all along, is quietly moved to a desk", "tries to launch a
lifeboat and is washed overboard": _OUTCOMES, an allow-list) or of a verb of leaving or ending ("Sheriff Dill resigns
and leaves town", "Fiona escapes across the border", "Hale stays behind"), while the passages most like the question's
words are those naming them most. Asked of the end, the last such sentence answers, where no later sentence names them
and it tells no wound (not "Danny is arrested", where "Danny receives a sports scholarship" ends his story); asked
after an event, the first in the sentence telling the event ("the fire") after its words, or within two sentences
after it; asked plainly, the one
such sentence where the story tells one alone: of several ("Pascoe is suspended" ... "Pascoe is reinstated and later
moves to Plymouth"), or with a further step of their life ("Wat is made under-cook, and in the end he marries
Agnes"), the first is often a passing step and the ranking judges better. The sentence bringing them in
is none: a plot often brings someone in by a passive ("Morwenna Pryce, a 44-year-old officer, is called to the
harbour"). Where no sentence tells the event or a fate, the ranking answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from bot.core.analysis import fold, words
from bot.core.death_asked import death_asked
from bot.core.kin_asked import kin_named
from bot.core.people_finder import HONORIFICS, person_titles
from bot.core.person_forms import person_pattern
from bot.core.sentences import sentence_spans
from bot.core.time_words import DAY_TIME_WORDS, SEASON_WORDS, SPAN_WORDS

_AUXILIARIES = frozenset({"did", "does", "do", "was", "is", "were", "are", "has", "had", "will"})
_ADVERBS_ASKED = frozenset({"really", "actually", "exactly", "finally", "eventually"})
_HAPPEN = frozenset({"happen", "happens", "happened"})
_TRULY = frozenset({"really", "actually", "truly"})
"""What asks of the truth ("What really happened to Lionel?"), which a plot tells after a false account of them
("Lionel was officially listed as lost"), in words no shape of a fate reads ("did not drown: he deserted")."""
_AFTER = "after"
_MOST_NAME_WORDS = 4
_NOT_IN_NAMES = frozenset(
    {"at", "in", "on", "after", "before", "during", "when", "while", "with", "from", "for", "to", "by", "who", "that"}
)
_AT_THE_END = (("in", "the", "end"), ("at", "the", "end"), ("eventually",), ("finally",), ("end", "up"))
"""What, ending the question, asks what becomes of them last ("How does Pruitt end up?")."""


@dataclass(frozen=True)
class FateAsked:
    """A question asking what becomes of someone (fate_asked)."""

    name: str
    """The person asked about, as typed ("Fiona", "the sheriff")."""
    last: bool = False
    """Asked of the end ("in the end", "at the end", "eventually", "How does X end up?"): the last fate answers."""
    after: str = ""
    """The event asked after, as typed ("the fire" of "What happens to Danny after the fire?"), if any."""


def fate_asked(question: str) -> FateAsked | None:
    """The person of "What happens to X?" (as bot.core.death_asked reads it, "in the end" too), "How does X end up?"
    and "What happens to X after E?" (X at most four words, E at least one); else None, and None for "What really
    happened to X?" (_TRULY)."""
    found = words(question)
    said = [fold(word) for word, _, _ in found]
    if not _TRULY.isdisjoint(said):
        return None
    asked = death_asked(question)
    if asked is not None:
        if not asked.happening:
            return None
        return FateAsked(asked.name, last=any(tuple(said[-len(tail) :]) == tail for tail in _AT_THE_END))
    start = 1
    while start < len(said) and (said[start] in _AUXILIARIES or said[start] in _ADVERBS_ASKED):
        start += 1
    if said[:1] != ["what"] or start + 1 >= len(said) or said[start] not in _HAPPEN or said[start + 1] != "to":
        return None
    name_start = start + 2
    end = next((at for at in range(name_start, len(said)) if said[at] in _NOT_IN_NAMES), len(said))
    if not 0 < end - name_start <= _MOST_NAME_WORDS or end + 1 >= len(said) or said[end] != _AFTER:
        return None
    return FateAsked(
        question[found[name_start][1] : found[end - 1][2]], after=question[found[end + 1][1] : found[-1][2]]
    )


def owner_asked(name: str, found: str) -> bool:
    """Whether the person found (`found`, their name) for a relative asked about ("Finn's grandfather") is the one
    the relative is asked of ("Finn Wren", whom bot.core.introductions.relative_named gives where he is brought in
    as the grandfather's grandson): their fate is not the relative's."""
    kin = kin_named(name)
    return kin is not None and fold(kin.owner) in {fold(word) for word, _, _ in words(found)}


_PASSIVE = frozenset({"is", "was", "were", "are", "been", "be", "being", "gets", "got", "get", "getting"})
_BETWEEN = frozenset(
    {"is", "was", "were", "are", "has", "had", "have", "been", "then", "later", "soon", "also", "finally"}
    | {"eventually", "subsequently", "afterwards", "instead", "too", "herself", "himself", "themselves"}
)
"""The words that may stand between a person and the verb telling their fate ("Forsythe ... is quietly moved", "Fiona
is later seen"): an auxiliary or an adverb of time; any other ("would", "nearly", "not", "wants to") makes it none."""
_UNSURE = frozenset(
    {"nearly", "almost", "only", "supposedly", "reportedly", "allegedly", "apparently", "probably", "possibly"}
    | {"likely", "presumably", "seemingly", "hardly", "barely", "narrowly", "never", "not"}
)
"""Adverbs in "ly", and others, that leave a fate unsure or undone ("nearly drowns", "is never found")."""
_OUTCOMES = frozenset(
    {"arrested", "captured", "recaptured", "imprisoned", "jailed", "locked", "released", "freed", "rescued", "saved"}
    | {"exiled", "banished", "deported", "expelled", "dismissed", "fired", "sacked", "suspended", "reinstated"}
    | {"demoted", "promoted", "transferred", "recalled", "reassigned", "sent", "taken", "moved", "put", "thrown"}
    | {"smuggled", "carried", "washed", "swept", "killed", "murdered", "executed", "hanged", "hung", "shot"}
    | {"stabbed", "poisoned", "drowned", "buried", "wounded", "injured", "hurt", "beaten", "attacked", "crowned"}
    | {"knighted", "pardoned", "acquitted", "convicted", "sentenced", "cleared", "kidnapped", "abducted", "trapped"}
    | {"stranded", "abandoned", "defeated", "sold", "adopted", "evicted", "infected", "cured", "healed", "revived"}
    | {"reunited", "rewarded", "punished", "fined", "awarded", "elected", "appointed", "dropped", "seized"}
)
"""Passive participles telling what becomes of someone ("is sent to", "is washed overboard", "is shot", "is sold"):
an allow-list, for most passives after a name tell who someone is ("is called"), how they feel ("is devastated",
"is moved by their courage" reads "moved" as a fate all the same), or a routine step of the plot ("is questioned",
"is searched on arrival", "is partnered with", "is accused by", "is reprimanded", "is thanked")."""
_LIGHT = frozenset({"sent", "taken", "put", "moved", "thrown", "carried", "swept", "hurt"})
"""Outcomes of light verbs, a fate only before a particle or preposition of _LIGHT_AFTER ("is sent to a juvenile
facility", "is swept away", "is put in a jar"): without one they tell a feeling or a routine step ("is taken aback",
"is taken ill", "is moved by their courage", "is hurt by his words", "is sent for", "is put up in the guest room")."""
_LIGHT_AFTER = frozenset(
    {"to", "into", "away", "off", "out", "home", "back", "overboard", "onto", "aboard", "ashore", "abroad", "across"}
    | {"down", "in", "on", "from", "before", "under", "inside", "over", "through", "behind"}
)
_LIGHT_IDIOMS = frozenset(
    {("to", "tears"), ("to", "work"), ("to", "bed"), ("to", "fetch"), ("to", "find"), ("to", "get"), ("to", "bring")}
    | {("to", "buy"), ("to", "collect"), ("to", "ask"), ("to", "tell"), ("in", "charge"), ("in", "by"), ("on", "as")}
)
"""A light verb's particle and the word after it in an idiom, a feeling or an errand ("is moved to tears", "is sent
to fetch water", "is put in charge of", "is taken on as a lookout")."""
_DRIVEN = frozenset({"chased", "driven", "hounded"})
_DRIVEN_OUT = frozenset({"out", "away", "off"})
"""Passives an outcome only with the word after them ("Crudge is chased out of Puddlecombe"; not "is chased by the
steward's men")."""
_FURTHER = frozenset(
    {"becomes", "became", "become", "marries", "married", "marry", "returns", "returned", "return", "moves"}
    | {"move", "receives", "received", "receive", "joins", "joined", "join", "wins", "won"}
    | {"win", "settles", "settled", "settle", "moved", "leave", "escape", "flee", "retire", "emigrate", "resign"}
)
"""Verbs (and "is made") of a further step of someone's life, often how they end up ("Jack becomes a revenue officer",
"Wat is made under-cook, and in the end he marries Agnes"), the plural ones for a subject shared ("Eli and June leave
for Pittsburgh"): too many ways of going on to read as an answer, but a fate told besides another, so that the other
is not the one fate of the story."""
_MADE = "made"
_LEAVING = frozenset(
    {"resigns", "resigned", "escapes", "escaped", "flees", "fled", "leaves", "left", "vanishes", "vanished"}
    | {"disappears", "disappeared", "retires", "retired", "emigrates", "emigrated"}
    | {"departs", "departed", "collapses", "collapsed", "abdicates", "abdicated", "quits", "dies", "died", "drowns"}
    | {"drowned", "perishes", "perished"}
)
"""Verbs telling their subject leaving or ending ("resigns", "escapes across the border", "leaves town")."""
_LEAVING_THINGS = frozenset({"leaves", "left"})
_THINGS_LEFT = frozenset({"a", "an", "her", "his", "their", "its", "my", "some", "no", "nothing", "behind", "him"})
"""What after "leaves" makes it a thing or person left, not a place ("leaves a trail", "leaves her thimble behind";
not "leaves town", "leaves the band", "leaves for Ljubljana"); a word of another's name does too ("Graham left Nora
two weeks before their wedding"), and "the room" or "the house" (_ROOMS_LEFT) a step, not a fate."""
_ROOMS_LEFT = frozenset({"room", "house"})
_WITH_AFTER = {
    "stays": "behind",
    "stayed": "behind",
    "remains": "behind",
    "remained": "behind",
    "ends": "up",
    "ended": "up",
}
"""Verbs telling it with the word after them only ("stays behind", "ends up in prison")."""
_JOINING = frozenset({"and", "but"})
"""What joins a second verb to the same subject ("tries to launch a lifeboat and is washed overboard")."""
_CLAUSE_WORDS = frozenset(
    {"who", "whom", "whose", "which", "that", "while", "when", "as", "after", "before", "because", "until", "if"}
    | {"although", "though", "where", "or", "so", "than", "unless", "whether"}
)
_CLAUSE_MARKS = frozenset(',;:()"“”')
_OPENERS = frozenset(
    {"and", "but", "then", "so", "when", "where", "while", "until", "after", "before", "once", "now", "end", "later"}
    | {"afterwards", "meanwhile", "finally", "eventually", "soon", "there"}
)
"""Words after which a name may open a clause as its subject ("and Solheim stays behind", "In the end Tom leaves",
"Soon afterwards Morwenna is taken off the case")."""
_TIMES = frozenset({*SEASON_WORDS, *DAY_TIME_WORDS, *SPAN_WORDS})
"""Times after which a name opens a clause ("That night Zupan is found"), but for one after "the", a clause naming
the time ("on the afternoon Toby drowned")."""
_MOST_BETWEEN = 4
_MOST_APPOSED = 10
"""The most words of a clause between commas after the name ("Vane, panicking, tries"; "Forsythe, who was innocent
all along, is quietly moved"), read over to the verb."""
_MOST_PREDICATE = 24
"""The most words after the subject read for a second verb joined to it: a bound, so each word is read a bounded
number of times."""


def fate_told(
    texts: Sequence[str],
    name: str,
    others: Sequence[str],
    terms: Callable[[str], list[str]],
    *,
    last: bool = False,
    after: str = "",
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) telling what becomes of the person of this name (by their whole name or a word
    of it no one of `others` shares), as the module's docstring says: after the sentence bringing them in, the one
    such sentence, where their story tells one alone and no further step of theirs (_Fate.answer: of several, which
    is how they end up is the ranking's to judge); with `last`, the last, where no later sentence names them and it is
    no wound (_HURT); with `after`, the first told in the sentence holding all the event's `terms` (as the index reads
    words) after its words (_after_event_words) or 1 to _MOST_AFTER_EVENT sentences after it, its fate's word none of
    them ("Edwin is crowned" does not answer "after he is crowned"). None where none is. Each sentence read once, each
    word a bounded number of times."""
    own = person_pattern(name, others)
    event = frozenset(terms(after)) if after else frozenset()
    if own is None or (after and not event):
        return None
    shared = {fold(word) for other in others for word in other.split()}
    named = False
    since_event: int | None = None  # sentences since the last telling the event, once one has
    fates: list[tuple[int, str]] = []
    further = False  # whether a fate not read as an answer (_FURTHER) is told besides
    ending: tuple[int, str] | None = None
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if event:
                since_event = 0 if event <= set(terms(sentence)) else None if since_event is None else since_event + 1
            event_told = not event or (since_event is not None and since_event <= _MOST_AFTER_EVENT)
            matches = [match for match in own.finditer(sentence) if not _anothers(sentence, match.start(), shared)]
            mentions = [(match.start(), match.end()) for match in matches if not match.group("owning")]
            introduced = named
            named = named or bool(matches)
            if not (introduced and event_told and mentions):
                continue
            fate = _fate_of(sentence, mentions, shared)
            answer = fate if fate is not None and fate.answer else None
            if (
                answer is not None
                and event
                and event.isdisjoint(terms(answer.word))
                and (since_event or _after_event_words(sentence, answer.at, event, terms))
            ):
                return index, sentence
            if fate is not None and not event:
                if answer is not None:
                    fates.append((index, sentence))
                further = further or (answer is None and bool(fate.word or fates))
            if last:  # the last sentence naming them must tell it
                ending = (index, sentence) if answer is not None and answer.word not in _HURT else None
    if last:
        return ending
    return fates[0] if len(fates) == 1 and not further and not event else None


def _after_event_words(sentence: str, at: int, event: frozenset[str], terms: Callable[[str], list[str]]) -> bool:
    """Whether the fate at character `at` of the sentence telling the event is told after it: after the event's last
    word ("When the barn burns down, Tom is arrested"), or before "after" and its words ("Jem is rescued by a hunter
    after he falls through the ice"); not before it ("Tom is arrested before the barn burns down")."""
    found = words(sentence)
    told = [start for word, start, _ in found if not event.isdisjoint(terms(word))]
    if not told:
        return False
    return at > told[-1] or any(fold(word) == _AFTER and at < start < told[0] for word, start, _ in found)


def _anothers(sentence: str, start: int, shared: set[str]) -> bool:
    """Whether the mention starting at `start` follows, with a space alone between, a capitalized word of another's
    name (`shared`), no title: "Wren" of "Old Tobias Wren", where the people finder found "Tobias" alone and "Finn
    Wren", is not Finn, and does not bring Finn in. At most _MOST_NAME_CHARS characters before it read."""
    before = sentence[max(0, start - _MOST_NAME_CHARS) : start]
    if not before.endswith(" "):
        return False
    word = before[:-1].rsplit(" ", 1)[-1]
    said = fold(word)
    return (
        word[:1].isupper()
        and word.isalpha()
        and said in shared
        and said not in HONORIFICS
        and said not in person_titles()
    )


_MOST_NAME_CHARS = 30
"""Longer than any one word of a name."""

_MOST_AFTER_EVENT = 2
"""How many sentences after one telling the event asked after its fate may be told: the sentences right after an event
tell what it led to ("The wind changes, and the fire spreads ... Danny tells the sheriff that he set the fire alone.
Danny is sent to a juvenile facility"), and a fate told further on, past sentences telling it of "he", is another's
or a later one's."""
_HURT = frozenset({"wounded", "injured", "hurt", "attacked", "beaten", "shot", "stabbed", "infected"})
"""Fates a story goes on after ("Pip is wounded by an arrow"): what happens to someone, not how they end up."""


class _Fate(NamedTuple):
    """A fate read of a person in a sentence (_fate_of)."""

    word: str
    """The word telling it ("sent" of "Danny is sent to"); empty where they are the subject of a clause telling none
    ("Mary opens a school in the village"), which after a fate tells their story goes on past it."""
    at: int
    """Where that word starts in the sentence."""
    answer: bool
    """Whether it answers: not a further step of their life (_FURTHER), a second passive joined by "and" ("Gilbert is
    blamed and thrown into the dungeon") or a fate shared with another ("Eli and June leave")."""


def _fate_of(sentence: str, mentions: list[tuple[int, int]], people: set[str]) -> _Fate | None:
    """The fate of the person where one of their `mentions` (character spans), alone or with another name after
    "and", opens a clause whose verb tells it ("sent" of "Danny is sent to", "stays" of "Hale stays behind"), else
    None. `people`: the words of others' names, whom "leaves" leaves."""
    found = words(sentence)
    said = [fold(word) for word, _, _ in found]
    starts = {start: at for at, (_, start, _) in enumerate(found)}
    ends = {end: at for at, (_, _, end) in enumerate(found)}
    acting = None
    for start, end in mentions:
        first, last = starts.get(start), ends.get(end)
        if first is None or last is None or not _opens_clause(sentence, found, said, first):
            continue
        subject_end = _after_apposed(sentence, found, last + 1)
        verb = None if subject_end is None else _past_shared(found, said, subject_end)
        if verb is None:
            continue
        fate = _predicate_fate(sentence, found, said, verb, people)
        if fate is not None:
            at, answer = fate
            return _Fate(said[at], found[at][1], answer and verb == subject_end)
        acting = acting or _Fate("", found[verb][1], answer=False)
    return acting


def _past_shared(found: list[tuple[str, int, int]], said: list[str], at: int) -> int:
    """The word after "and" and a capitalized name of at most _MOST_NAME_WORDS words at `at` ("June" of "Eli and June
    leave"), a subject shared; else `at`."""
    if said[at] != "and":
        return at
    ahead = at + 1
    while ahead < len(found) and ahead - at <= _MOST_NAME_WORDS and found[ahead][0][:1].isupper():
        ahead += 1
    return ahead if at + 1 < ahead < len(found) else at


def _gap(sentence: str, found: list[tuple[str, int, int]], at: int) -> str:
    """The characters between word `at` and the word before it."""
    return sentence[found[at - 1][2] : found[at][1]]


def _opens_clause(sentence: str, found: list[tuple[str, int, int]], said: list[str], first: int) -> bool:
    """Whether the name starting at word `first`, after any titles before it ("Sheriff Dill"), opens the sentence or
    a clause: after a mark or a word of _OPENERS, not after a verb or preposition ("arrested by Forsythe")."""
    titles = person_titles()
    while first > 0 and (fold(found[first - 1][0]).rstrip(".") in HONORIFICS or said[first - 1] in titles):
        if not _CLAUSE_MARKS.isdisjoint(_gap(sentence, found, first)):
            return True
        first -= 1
    if first == 0:
        return True
    if not _CLAUSE_MARKS.isdisjoint(_gap(sentence, found, first)):
        return True
    before = said[first - 1]
    return before in _OPENERS or (before in _TIMES and (first < 2 or said[first - 2] != "the"))


def _after_apposed(sentence: str, found: list[tuple[str, int, int]], at: int) -> int | None:
    """The word after the name ending before `at`, past a clause of at most _MOST_APPOSED words between commas
    right after it ("Vane, panicking, tries"); None where the sentence ends there or the clause does not close."""
    if at >= len(found):
        return None
    if "," not in _gap(sentence, found, at):
        return at
    for ahead in range(at + 1, min(at + 1 + _MOST_APPOSED, len(found))):
        gap = _gap(sentence, found, ahead)
        if "," in gap:
            return ahead
        if not _CLAUSE_MARKS.isdisjoint(gap):
            return None
    return None


def _predicate_fate(
    sentence: str, found: list[tuple[str, int, int]], said: list[str], at: int, people: set[str]
) -> tuple[int, bool] | None:
    """(the word telling a fate, whether it answers) of the verb at `at`, or of one joined to it by "and" before any
    mark or clause word; a participle joined after a passive ("is blamed and thrown") a fate that never answers. None
    where none is told."""
    passive = False
    for ahead in range(at, min(at + _MOST_PREDICATE, len(said))):
        if ahead > at and (said[ahead] in _CLAUSE_WORDS or not _CLAUSE_MARKS.isdisjoint(_gap(sentence, found, ahead))):
            return None
        if ahead == at or said[ahead - 1] in _JOINING:
            fate = _verb_fate(said, ahead, people, passive=False)
            if fate is not None:
                return fate
            carried = _verb_fate(said, ahead, people, passive=True) if passive else None
            if carried is not None:
                return carried[0], False
        passive = passive or said[ahead] in _PASSIVE
    return None


def _verb_fate(said: list[str], at: int, people: set[str], *, passive: bool) -> tuple[int, bool] | None:
    """(the word telling their subject's fate from `at`, whether it answers): over at most _MOST_BETWEEN words of
    _BETWEEN or adverbs in "ly", a participle of _OUTCOMES after a word of _PASSIVE ("is sent to", "was quietly
    moved"; a light one before a particle, _light_outcome), a verb of leaving ("escapes", not "leaves a trail" or
    "leaves Nora": _left_behind) or ending; a verb of _FURTHER or "is made" is one that does not answer. Else None."""
    for ahead in range(at, min(at + _MOST_BETWEEN + 1, len(said))):
        word = said[ahead]
        after = said[ahead + 1] if ahead + 1 < len(said) else ""
        if word in _UNSURE:
            return None
        if word in _PASSIVE:
            passive = True
        elif passive and word in _OUTCOMES:
            return (ahead, True) if word not in _LIGHT or _light_outcome(said, ahead + 1) else None
        elif passive and word in _DRIVEN:
            return (ahead, True) if after in _DRIVEN_OUT else None
        elif (passive and word == _MADE) or word in _FURTHER:
            return ahead, False
        elif word in _LEAVING:
            return None if word in _LEAVING_THINGS and _left_behind(said, ahead + 1, people) else (ahead, True)
        elif word in _WITH_AFTER:
            return (ahead, True) if after == _WITH_AFTER[word] else None
        elif not (word in _BETWEEN or word.endswith("ly")):
            return None
    return None


def _light_outcome(said: list[str], at: int) -> bool:
    """Whether the word at `at`, after a light verb's participle (_LIGHT), is a particle of _LIGHT_AFTER beginning no
    idiom of _LIGHT_IDIOMS ("sent to a school", not "sent to fetch water" or "taken aback")."""
    after = said[at] if at < len(said) else ""
    following = said[at + 1] if at + 1 < len(said) else ""
    return after in _LIGHT_AFTER and (after, following) not in _LIGHT_IDIOMS


def _left_behind(said: list[str], at: int, people: set[str]) -> bool:
    """Whether "leaves" before the word at `at` leaves a thing or a person (_THINGS_LEFT, a word of another's name,
    "the room"), not a place."""
    after = said[at] if at < len(said) else ""
    following = said[at + 1] if at + 1 < len(said) else ""
    return after in _THINGS_LEFT or after in people or (after == "the" and following in _ROOMS_LEFT)
