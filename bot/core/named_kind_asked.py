"""Where a story names one of a kind of thing a question asks of a person: "Which composers did young Sophie love?".

A plot names a composer someone loves, or the hall they play at, by its name: "fueled by a passion for the music of
Chopin and Debussy", "as Sébastien Kalmurzaeva took the stage at Carnegie Hall". The question's words hold neither
name, and every passage of the story holds "Sophie", so the ranking chose another. Asked "Which NOUN did X VERB?",
the first sentence of the person's story naming them (not as another's: "Sophie's teacher") and a name of that kind
theirs rather than anyone else's (_theirs) answers, one writing the verb asked first ("Mara performed at Wigmore
Hall" before "Mara grew up near Alder Hall"), any other else ("took the stage at Carnegie Hall" asked "perform"). A
name of the kind is one WordNet files as an instance of the noun (instance_names.txt, derived by
scripts/build_instance_names.py: "Chopin" a composer; no given name, place's name or "I"), or a proper name ending
in the noun ("Carnegie Hall", "Wye College", "Ashford Grammar School"); the latter only for a noun of a building, a
room or a school ("hall", not "side", "song" or "day": PROPER), not one of a person or an animal, which a tale names
its characters by ("the White Cat", "Mr Fox", "the Snow Queen"), nor a name the story's people are called by or one
after a title. A common noun is no name ("the music of the piano": what instrument someone plays is
bot.core.kind_asked's), and where the first sentence naming the person and writing the verb asked names no one of
the kind ("Lena hides in the boiler room", "Ruth meets the novelist Zadie Okafor"), the story has answered
otherwise: no name elsewhere ("the Blue Room, a club"; "grew up reading Wells") is asked for.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.core.analysis import fold, is_lowercase_word, lemma, load_stopwords, words
from bot.core.kind_asked import (
    NAME_WORDS,
    NOT_NAMES,
    asked_end,
    inside,
    is_one_of,
    kinds_of,
    nearest,
    owns_a_person,
)
from bot.core.people_finder import HONORIFICS, kin_words, kinds_of_people, person_titles
from bot.core.pronoun_asked import PRONOUNS
from bot.core.sentences import sentence_spans
from bot.core.study_asked import NamedInTurn, mention_patterns

INSTANCE_FILE = "instance_names.txt"
PROPER = "~proper"
"""instance_names.txt's name for the nouns a proper name ending in one is read as one of: "hall", "college"."""
# "Which composers did young Sophie love?", "What hall did Sébastien perform at?": the noun asked, then the helper
# verb the person and the verb asked follow. Folded, at the question's start; possessive.
_NAMED_KIND_ASKED = re.compile(
    r"\s*+(?:what|which)\s++(?P<kind>[^\W\d_]++)\s++(?:does|did|do|is|was|are|were|has|had)\s++"
)
_ROLE_BEFORE = "the"
"""The word before a role asked of instead of a name: "Which hall did the violinist perform at?"."""


@dataclass(frozen=True)
class NamedKindAsked:
    """What a question of named_kind_asked's shape asks."""

    kind: str
    """The noun asked a named one of, in its dictionary form ("composer")."""
    said: tuple[str, ...]
    """The words after the helper verb, folded ("young", "sophie", "love"): the person asked of (names_typed,
    role_typed), then the verb."""


def named_kind_asked(question: str) -> NamedKindAsked | None:
    """The noun a question "Which NOUN did X VERB?" asks a named one of and the words after its helper verb, where a
    name may be one of the noun (instances_of, or proper_names_of); else None. A match and a scan: linear."""
    folded = fold(question)
    found = _NAMED_KIND_ASKED.match(folded)
    if found is None:
        return None
    kind = lemma(found.group("kind"))
    said = tuple(word for word, _, _ in words(folded[found.end() : asked_end(folded, found.end())]))
    if len(said) < 2 or not (instances_of(kind) or proper_names_of(kind)):
        return None
    return NamedKindAsked(kind, said)


def names_typed(said: Sequence[str]) -> list[tuple[str, str]]:
    """The names the words after a question's helper verb may begin with, most likely first, each with the verb after
    it, in its dictionary form: the longest first, then the same after one word of the language before them ("young
    Sophie": "sophie", "love"); none holding or followed by "and" ("Sophie and Irene"), nor holding a possessive."""
    skips = [0, 1] if said and is_lowercase_word(said[0]) and said[0] not in load_stopwords() else [0]
    found = []
    for skip in skips:
        for size in range(NAME_WORDS, 0, -1):
            name = said[skip : skip + size]
            if (
                skip + size < len(said)
                and said[skip + size] not in NOT_NAMES
                and not any(w in NOT_NAMES or "'" in w or "’" in w for w in name)
            ):
                found.append((" ".join(name), lemma(said[skip + size])))
    return found


def role_typed(said: Sequence[str]) -> tuple[str, str] | None:
    """The word for a kind of person asked of after "the" and the verb after it, in its dictionary form ("the
    violinist perform at": "violinist", "perform"); else None."""
    if len(said) > 2 and said[0] == _ROLE_BEFORE and said[1] in kinds_of_people():
        return said[1], lemma(said[2])
    return None


def instances_of(kind: str) -> frozenset[str]:
    """The names WordNet files as instances of the noun (instance_names.txt), as written: "Chopin" of "composer"."""
    return _bundled_instances().get(kind, frozenset())


def proper_names_of(kind: str) -> bool:
    """Whether a proper name ending in the noun is read as one of it: a kind of thing with names of its own (PROPER:
    "hall", not "song" or "day"), not a kind of person or animal, which a tale names characters by ("the White Cat",
    "the Snow Queen")."""
    return (
        kind in _bundled_instances().get(PROPER, frozenset())
        and kind not in kinds_of_people()
        and kind not in kinds_of("animal")
    )


@cache
def _bundled_instances() -> dict[str, frozenset[str]]:
    """Each noun of instance_names.txt and its instances' names, from its lines: the nouns, comma-separated, then the
    names, space-separated; `#` starts a comment line."""
    text = resources.files("bot.core").joinpath(INSTANCE_FILE).read_text("utf-8")
    names: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            nouns, *found = line.split(" ")
            for noun in nouns.split(","):
                names.setdefault(noun, set()).update(found)
    return {noun: frozenset(found) for noun, found in names.items()}


def named_kind_told(
    texts: Sequence[str],
    name: str,
    kind: str,
    verb: str = "",
    others: Sequence[str] = (),
    pronouns: frozenset[str] | None = None,
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first naming the person (or their possessive: "Sophie's idol, Chopin";
    `others` the story's other people) and, theirs rather than anyone else's, a name of the kind (_names_one), of those
    writing a form of the `verb` asked if one does; else the first such telling them by a pronoun of theirs
    (`pronouns`, as bot.core.study_asked.NamedInTurn reads whose one is: "Growing up in a small town, she ... fueled
    by a passion for the music of Chopin and Debussy"), a less sure owner. None where none does, or where a sentence
    writing the verb before has told it otherwise, which the ranking finds: naming them and no one of the kind ("Ruth
    meets the novelist Zadie Okafor", "Tom proposes over dinner at a little Italian place"), or by a pronoun that may be
    theirs (_maybe_theirs) with the noun unnamed ("she hides in the boiler room") or naming another person or a
    relative ("She falls in love with Tom Hale", "the watercolours of her late grandmother")."""
    patterns = mention_patterns(name, others)
    if patterns is None:
        return None
    own, rival = patterns
    people_words = {fold(word) for person in (name, *others) for word in person.split()}
    others_words = {fold(word) for person in others for word in person.split()} - {fold(word) for word in name.split()}
    instances = instances_of(kind)
    proper = proper_names_of(kind)
    named = NamedInTurn()
    found: dict[tuple[bool, bool], tuple[int, str]] = {}  # the first sentence of each (writing the verb, by name)
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            mentions = named.read(sentence, own, rival, pronouns)
            mine = [
                (at, stop)
                for at, stop, theirs in mentions
                if theirs and not owns_a_person(sentence, stop, frozenset(), pronoun=_pronoun(sentence, at, stop))
            ]
            said = words(sentence)
            writes = bool(verb) and any(lemma(fold(word)) == verb for word, _, _ in said)
            if not mine:
                maybe = _maybe_theirs(sentence, mentions, pronouns) if named.seen else []
                if (
                    writes
                    and maybe
                    and (_unnamed(said, kind) or _names_someone(said, others_words))
                    and not _names_one(sentence, kind, instances, proper, maybe, _owned(mentions, maybe), people_words)
                ):
                    return None  # "she hides in the boiler room", her pronouns unsettled: the ranking's
                continue
            by_name = any(not _pronoun(sentence, at, stop) for at, stop in mine)
            if not _names_one(sentence, kind, instances, proper, mine, mentions, people_words):
                if writes and (by_name or _unnamed(said, kind) or _names_someone(said, others_words)):
                    return None  # "Ruth meets the novelist Zadie Okafor": told otherwise, which the ranking finds
                continue
            if writes and by_name:
                return index, sentence
            found.setdefault((writes, by_name), (index, sentence))
    return next((found[rank] for rank in _RANKS if rank in found), None)


_SAINTS = frozenset({"st", "saint"})
"""A run of capitalised words starting with one of these is a place named for a saint, its title and possessive no
person's ("St James's Hospital", "Saint Mary's Church"), where "Mr Fox Hall" and "King's Hall" are."""
_CALLED_BY_SURNAME = frozenset({"old", "young"})
"""Words before a surname a plot calls a character by ("old Evans"), no instance of a kind."""
_ARTICLES = frozenset({"a", "an"})
"""After a name and a comma, an apposition saying who or what it is ("Evans, a widowed grocer"): a character's."""
_RANKS = ((True, False), (False, True), (False, False))
"""The sentences answering after the first writing the verb and naming the person: (writing the verb, by name)."""


def _maybe_theirs(
    sentence: str, mentions: list[tuple[int, int, bool]], pronouns: frozenset[str] | None
) -> list[tuple[int, int]]:
    """The pronouns of `mentions` not read as the person's that may be theirs still: any where their pronouns are
    unsettled (`pronouns` None), else theirs said after another was named ("Nora ... Joan ... she")."""
    return [
        (start, end)
        for start, end, theirs in mentions
        if not theirs and _pronoun(sentence, start, end) and (pronouns is None or fold(sentence[start:end]) in pronouns)
    ]


def _owned(mentions: list[tuple[int, int, bool]], spans: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """The `mentions` with those at `spans` read as the person's."""
    owned = set(spans)
    return [(start, end, theirs or (start, end) in owned) for start, end, theirs in mentions]


def _unnamed(said: list[tuple[str, int, int]], kind: str) -> bool:
    """Whether the sentence's words (`said`) write the noun in lower case: "the boiler room", one with no name."""
    return any(word.islower() and lemma(fold(word)) == kind for word, _, _ in said)


def _names_someone(said: list[tuple[str, int, int]], others_words: set[str]) -> bool:
    """Whether the sentence's words (`said`) name another of the story's people (`others_words`, folded) or a relative:
    "She falls in love with Tom Hale", "the watercolours of her late grandmother", told with no name of the kind."""
    return any(fold(word) in others_words or fold(word) in kin_words() for word, _, _ in said)


def _pronoun(sentence: str, start: int, end: int) -> bool:
    """Whether the mention at `start`..`end` is a pronoun, a less sure owner than a name."""
    return fold(sentence[start:end]) in PRONOUNS


def _names_one(
    sentence: str,
    kind: str,
    instances: frozenset[str],
    proper: bool,
    mine: list[tuple[int, int]],
    mentions: list[tuple[int, int, bool]],
    people_words: set[str],
) -> bool:
    """Whether the sentence writes, outside the person's mentions (`mine`) and theirs rather than another's (_theirs; of
    `mentions`, in order), one of `instances` (capitalised as written; not its first word where that is a word of the
    language: "Bach" may be no composer there) or, where `proper`, a proper name ending in the noun: the noun (or its
    plural) capitalised after one capitalised word or more, only a space between each ("Carnegie Hall", "Ashford
    Grammar School"; a stop word before them ends the name: "The Carnegie Hall concert"), none a title ("Mr Fox
    Hall", "King's Hall"; a saint's is, "St James's Hospital": _SAINTS) or a word of the story's people's names
    (`people_words`, folded). One pass over the words, keeping where the run of capitalised words before each starts
    and the last word no name may hold: linear, as a sentence of "Hall Hall Hall" would not be were each read back."""
    starts = [start for start, _ in mine]
    ends = [end for _, end in mine]
    their_starts = [start for start, _, theirs in mentions if not theirs]
    their_ends = [end for _, end, theirs in mentions if not theirs]
    stop = load_stopwords()
    titles = person_titles()
    run_start = 0  # where the run of capitalised words ending before the word read starts
    barred = -1  # the last word read that no proper name may hold
    said = words(sentence)
    for at, (word, start, end) in enumerate(said):
        folded = fold(word)
        capital = word[:1].isupper() and folded not in stop
        gap = sentence[said[at - 1][2] : start] if at > 0 else ""
        joined = gap == " " or (gap == ". " and fold(said[at - 1][0]) in _SAINTS)  # "St. James's Hospital"
        in_run = joined and run_start < at
        if not (inside((start, end), starts, ends) or folded in people_words):
            one = (
                word in instances
                and (at > 0 or not is_lowercase_word(word))
                and not _names_more(sentence, said, at, instances)
            ) or (proper and capital and in_run and barred < run_start and is_one_of(folded, frozenset({kind})))
            if one and _theirs(start, end, starts, ends, their_starts, their_ends):
                return True
        if not capital:
            run_start = at + 1
        elif not in_run:
            run_start = at
        saint_run = run_start <= at and fold(said[run_start][0]).rstrip(".") in _SAINTS
        possessive = "'" in word or "’" in word
        titled = folded.rstrip(".") in HONORIFICS or folded in titles or possessive
        if folded in people_words or (titled and not saint_run):
            barred = at
    return False


def _names_more(sentence: str, said: list[tuple[str, int, int]], at: int, instances: frozenset[str]) -> bool:
    """Whether the word `at` of the sentence's words (`said`) runs on into a longer name or names something else: a
    capitalised word after it, a space or a comma between, is no instance of the kind too ("Jackson, Mississippi",
    "Baker Street"; not "Chopin, Debussy"), "&" after it ("Baker & Sons"), or a word of the language right after it
    that is no stop word ("Hodgkin lymphoma", "the Carter children", "Morse code": a surname used as a modifier); "&"
    before it ("Sargent & Lowry"); a character called by their surname, after "old" or "young" or before ", a"
    ("old Evans, a widowed grocer")."""
    if sentence.startswith(("&", " &"), said[at][2]) or sentence[: said[at][1]].endswith(("& ", "&")):
        return True
    if at > 0 and fold(said[at - 1][0]) in _CALLED_BY_SURNAME:
        return True
    if at + 1 >= len(said):
        return False
    word, start, _ = said[at + 1]
    gap = sentence[said[at][2] : start]
    if gap == ", " and fold(word) in _ARTICLES:
        return True
    if gap == " " and word.islower():
        return fold(word) not in load_stopwords() and is_lowercase_word(word)
    return gap in {" ", ", "} and word[:1].isupper() and word not in instances


def _theirs(
    start: int, end: int, starts: list[int], ends: list[int], their_starts: list[int], their_ends: list[int]
) -> bool:
    """Whether the word at `start`..`end` is the person's (the ordered spans of `starts` and `ends`) rather than
    another's (`their_starts`, `their_ends`): the one named last before it, as a plot writes who does what first
    ("Lucy Bell studied at Wye College, and Tom Baker worked", Lucy's), else the one named first after it ("At
    Carnegie Hall, Sébastien felt calm")."""
    mine_before = bisect_right(ends, start) - 1
    their_before = bisect_right(their_ends, start) - 1
    if mine_before >= 0 or their_before >= 0:
        return mine_before >= 0 and (their_before < 0 or ends[mine_before] > their_ends[their_before])
    return nearest(start, end, starts, ends) <= nearest(start, end, their_starts, their_ends)
