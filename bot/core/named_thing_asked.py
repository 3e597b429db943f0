"""Where a story names someone's animal or thing, for "What is the name of Tess's cat?" or "What's Ben's ferry called?".

A plot names a pet, a boat or a shop where it says whose it is: "Tess Quigley, a veterinarian who keeps a three-legged
cat named Bishop", "Tom's dog, Rex, ...", "Ben Carver, a ferry captain who operates the car ferry Pacific Dawn",
"Desmond Pickering ... runs a failing bakery called The Rolling Pin". The question's words are the owner's name and the
noun, which every passage telling of them may hold ("Ben realises that the ferry will be smashed against the rocks"),
so the ranking chose another. The first sentence naming the person and, owned by them (_theirs, _marked_theirs), the
noun asked or a kind of it (bot.core.kind_asked.kinds_of: "terrier" of "dog") followed by a name ("called Bishop",
", Rex,", "Pacific Dawn") answers, where one does. A person asked for is left to the rules for people
(bot.core.kin_asked, bot.core.role_asked): an animal is a thing here, though a tale may make one a person.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from bot.core.analysis import fold, is_dictionary_word, lemma, load_stopwords, words
from bot.core.kin_asked import KIN, MEN, NAME_OF, NO_OWNERS, WHAT_OPENINGS, WOMEN, possessive_owned_word
from bot.core.kind_asked import inside, is_one_of, kinds_of, owns_a_person, rival_spans
from bot.core.people_finder import HONORIFICS, kin_words, kinds_of_people, person_titles, place_words
from bot.core.person_forms import person_pattern
from bot.core.pronoun_asked import PRONOUNS
from bot.core.sentences import sentence_spans
from bot.core.slips import POSSESSIVE_ENDS, bare_word
from bot.core.time_words import DAY_TIME_WORDS, SPAN_WORDS

_NAMING_ENDS = (("called",), ("named",), ("name",))
"""What ends a question asking a thing's name after it: "What's Tom's dog called?", "What is Ivan's horse's name?"."""
_NAME_WORDS = 3
"""The most words of an owner's name a question asks of ("What is the name of Mary Anne Ellis's cat?")."""
_NOT_NAMES = frozenset({"and", "or", "of"})
"""Words after which the owner typed is more than one person, or another's: "Tom and Mara's dog"."""
_ANIMAL = "animal"

_CALLED = re.compile(r",?+\s++(?:called|named|nicknamed)\s++(?:the\s++)?+")
"""Between a thing and the name said after it: " called " of "a grey cat called Smoke", " called the " of "a boat
called the Vesna", ", called " of "The ship's AI, called HALCYON,"."""
_APPOSED = re.compile(r",\s++(?:the\s++)?+")
"""Between a thing and its name as an apposition: ", " of "his dog, Rex,", ", the " of "his diner, the Blue Heron"."""
_RIGHT_AFTER = re.compile(r"\s++")
"""Between a thing and its name right after it: "the car ferry Pacific Dawn", "his faithful horse Burka"."""
_QUOTES = "\"'“‘"
_NAME_WORD = re.compile(r"[^\W\d_][\w'’-]*+")
_SPACE = re.compile(r" ++")
_JOINING = frozenset({"of", "and", "the", "de", "du", "la", "le", "von", "van"})
"""The lowercase words a name may hold between its capitalised ones: "A Colour of Rain", "the Anchor and Thistle"."""
_MOST_NAME_WORDS = 6
"""The most words of a thing's name read: a bound, so that each thing word's name is read in constant time."""
_APPOSITION_ENDS = ",.;:)"
"""What ends a name given as an apposition: "his dog, Rex, barks", "with his dog, Rex."; not "After feeding the
cat, Mara left", where the name is the subject of what follows, nor "give me some fish, Hunca Munca!", whom it
calls."""
_DETERMINERS = frozenset(
    {"a", "an", "the", "his", "her", "their", "its", "my", "your", "our", "this", "that", "these", "those", "some"}
    | {"any", "another", "every", "each", "no", "whose", "one", "two", "three", "four", "five", "several", "both"}
)
"""The words that open a noun phrase: a thing's word is one only after one (bot.core.analysis's stop words are
no adjectives between them)."""
_MOST_MODIFIERS = 3
"""The most words read between a thing's word and its determiner: "a three-legged cat", "her old grey mare"."""
_OWN = "own"
"""The one stop word that may stand between: "her own pub"."""
_OPENING_CLAUSE = frozenset(
    {"when", "after", "before", "while", "whilst", "as", "if", "because", "since", "although", "though", "once"}
    | {"until", "unless", "whenever", "on", "in", "at", "during", "upon", "from", "by", "for", "despite", "through"}
)
"""The words opening a subordinate or prepositional clause before a sentence's subject: the first comma of a
sentence opening with one closes it, and what follows is the subject, no apposition ("When a storm wrecks Owen's old
boat, Isla, his daughter, comes home")."""
_SPEECH = re.compile(r'"[^"]*+"?|“[^”]*+”?')
"""Quoted speech, to its closing mark or the sentence's end, where a name after a comma is one called: "Saddle the
horse, Gretel, and ride"."""
_TIMES = frozenset(
    {*SPAN_WORDS, *DAY_TIME_WORDS, *(f"{word}s" for word in DAY_TIME_WORDS), "weekend", "weekends", "eve"}
)
"""The words after a capitalised one that make it a time: "sells the truck Thanksgiving week"."""
_NEXT_WORD = re.compile(r" ++(\w++)")
_SPACES = re.compile(r"[\s-]*+")
"""What may stand between the words of a noun phrase: spaces, the hyphen of "three-legged"."""
_BLANK_TO_END = re.compile(r"\s*+\Z")
"""Nothing but space to the sentence's end, matched at a position: no slice of the rest copied at each thing."""
_HOUSEHOLD = "family"
_WHOSE = "whose"
_HAVING = frozenset(
    {
        "have",
        "own",
        "keep",
        "wear",
        "run",
        "operate",
        "manage",
        "open",
        "found",
        "start",
        "buy",
        "adopt",
        "inherit",
        "rent",
    }
)
"""Verbs whose object is the subject's own: "a veterinarian who keeps a three-legged cat named Bishop"."""
_WITH = "with"
_THE = "the"
_OF = re.compile(r"\s++of\s++")
_SHORTEST_ABBREVIATION = 2
_LONGEST_ABBREVIATION = 4
"""The letters of a noun asked that may be an abbreviation ("AI", "UFO")."""
_NAME_BEFORE = re.compile(r"((?:the\s++)?+[A-Z][\w'’-]*+(?:\s++(?:of|and|the|[A-Z][\w'’-]*+)){0,5}+)\s*+,\s*+\Z")
"""A name apposed before a thing's noun phrase, ending where its determiner starts: "the Golden Fleece, " of "the
Golden Fleece, a pub on the harbour"."""
_LOOK_BEFORE = 80
"""How many characters before a noun phrase are read for a name apposed to it (_NAME_BEFORE): six words at most."""
_CALLS = re.compile(
    r"\s++(?:(?:she|he|they|i|we)\s++)?+(?:calls?+|christen(?:s|ed)|dub(?:s|bed)|rename[sd]|names)\s++(?:the\s++)?+"
    r"([A-Z][\w'’-]*+(?:\s++[A-Z][\w'’-]*+){0,4}+)"
)
"""A verb of naming after a thing, and the name it gives: "a small blue boat she calls the Heron"."""
_NAMING_VERBS = frozenset(
    {"names", "named", "calls", "called", "christens", "christened", "renames", "renamed", "dubs", "dubbed"}
)
"""Verbs before a thing's noun phrase naming it in a form not read: "names his boat after his daughter"."""
_NAME_NOUNS = frozenset({"name", "names"})
"""Words for a name, which a thing's own ("whose name, the Dunlin,", "her boat's name is", "by the name of") gives."""
_NAMING_GIVEN = frozenset({"named", "called", "calls", "christened", "christens", "dubbed", "dubs", "known"})
"""Words giving a thing a name when a capitalised word follows them ("was named the Mallard", "known as the Teal")."""
_BEFORE_NAME = frozenset({"as", "the", "it", "her", "him", "them"})
"""Words between a naming word and the name it gives ("known as the Teal", "called her Mallard")."""
_NAMING_NEAR = 3
"""How many words after a thing's noun a naming of it is read as one of it: "a small blue boat that was named"."""
_THE_NAME = re.compile(r"\b[Tt]he ++([A-Z][\w'’-]*+(?: ++[A-Z][\w'’-]*+)*+)")
"""A capitalised name after "the" ("the Osprey", "The Gannet"): a thing's, a place's or a people's."""
_KIND_TOLD = re.compile(r"[a-z] *+, *+[Tt]he ++([A-Z][\w'’-]*+(?: ++[A-Z][\w'’-]*+)*+)")
"""A name after "the" apposed to a word of what it is: "a fishing boat, the Kittiwake", whose kind the story tells."""
_LIVE = "live"
_AND = "and"
_OF_OWN = re.compile(r"\s++of\s++(?:his|her|their|its)\s++own\b")
_COMMA = re.compile(r"\s*+,\s*+")
_RELATIVE_CLAUSE = re.compile(r",?+\s++(?:who|whose)\b")
"""What makes a relative told between an owner and a thing its owner: a clause of theirs, "her brother, who keeps a
spaniel named Toffee"; not "lives with his mother and a tortoise named Admiral"."""
_PRONOUN = "I"
"""The capitalised word that names no one: "the dog I loved", "if this be the case I'd better dispatch you"."""


@dataclass(frozen=True)
class NamedThingAsked:
    """What a question of named_thing_asked's shapes asks."""

    owner: str
    """The name whose thing is asked, folded, as typed ("sophies" of "whats the name of sophies dog", which
    bot.core.introductions.person_named_alone reads as "sophie")."""
    thing: str
    """The noun asked for, in its dictionary form ("dog")."""


def named_thing_asked(question: str) -> NamedThingAsked | None:
    """The owner and thing of "What is the name of X's THING?", "What's X's THING called?" (or "named") and "What is
    X's THING's name?", as kin_asked's openings open them (X's THING read by kin_asked.possessive_owned_word), and of
    the same with a possessive typed without its apostrophe ("whats yvettes dogs name"); None where the thing is a
    relative or a word for a kind of person, no animal (bot.core.kin_asked, bot.core.role_asked read those), the owner
    is no one ("his", "this": kin_asked.NO_OWNERS) or the question has another shape. One pass over its words."""
    said = [fold(word.replace("’", "'")) for word, _, _ in words(question)]
    opening = next((o for o in WHAT_OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None:
        return None
    rest = said[len(opening) :]
    named_for = tuple(rest[: len(NAME_OF)]) == NAME_OF
    rest = rest[len(NAME_OF) :] if named_for else rest
    owned = possessive_owned_word(rest, ((),) if named_for else _NAMING_ENDS, _is_thing)
    owned = owned or _unmarked_owned_thing(rest, named_for)
    if owned is None or any(word in _NOT_NAMES for word in owned[0].split()):
        return None
    return NamedThingAsked(owned[0], _noun(owned[1]))


def _unmarked_owned_thing(said: list[str], named_for: bool) -> tuple[str, str] | None:
    """The owner, as typed, and thing of "sophies dog" after "the name of", or of "yvettes dog called", "yvettes dogs
    name": possessives typed bare (or the owner's alone: "tom's dogs name"). kin_asked.owned_word's reading of these
    takes its relative as the question's first word wanted, which a closed list of relatives makes sure of; a thing's
    word is any noun, as an owner's word may be, so the thing is read at its place before the question's end."""
    if named_for:
        owned, thing = said[:-1], said[-1:]
    elif said[-1:] in (["called"], ["named"]):
        owned, thing = said[:-2], said[-2:-1]
    elif said[-1:] == ["name"] and said[-2:-1] and said[-2].endswith("s"):  # "dogs name"; not "Tom's pen name"
        owned, thing = said[:-2], [said[-2].removesuffix("s")]
    else:
        return None
    if not thing or not owned or len(owned) > _NAME_WORDS or not owned[-1].endswith("s") or owned[-1] in NO_OWNERS:
        return None
    if any(word.endswith(POSSESSIVE_ENDS) for word in owned[:-1]) or not _is_thing(thing[0]):
        return None
    return " ".join([*owned[:-1], bare_word(owned[-1])]), thing[0]


def _noun(word: str) -> str:
    """The dictionary form of a word typed as a noun: "dogs" "dog"; not "be" of "ai"."""
    return lemma(word) if word.endswith("s") else word


def _is_thing(word: str) -> bool:
    """Whether a noun asked is a thing's, or an animal's: no stop word ("What is the name of Owen's in?"), relative
    or word for a kind of person, whom bot.core.kin_asked and bot.core.role_asked read."""
    noun = _noun(word)
    if noun in load_stopwords() or noun in KIN or noun in kin_words():
        return False
    return noun not in kinds_of_people() or noun in kinds_of(_ANIMAL)


def things_named(noun: str) -> frozenset[str]:
    """The words a story may call the thing asked for by: the noun and the kinds of it WordNet files
    (bot.core.kind_asked.kinds_of: "dog", "terrier", "spaniel"; "animal", "cat", "tortoise")."""
    return frozenset({noun}) | kinds_of(noun)


def named_thing_told(
    texts: Sequence[str],
    name: str,
    things: frozenset[str],
    others: Sequence[str] = (),
    pronouns: frozenset[str] | None = None,
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first naming the person (by a form of their name, bot.core.person_forms, but
    no surname alone, which a relative the finder did not list may be called by; or its possessive; `others` the
    story's other people) and one of `things` of theirs (_theirs) followed by a name (_name_after: "a cat named
    Bishop", "his dog, Rex,", "the car ferry Pacific Dawn"); a thing after a "his" or "her" not of the person's
    `pronouns` (bot.core.pronoun_asked.pronouns_of; None where unknown) is another's. None where none does."""
    named = person_pattern(name, others, surname=False)
    if named is None:
        return None
    patterns = [person_pattern(other, [name]) for other in others]
    other_named = [pattern for pattern in patterns if pattern is not None]
    full_names = frozenset(other for other in others if " " in other)
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            if _names_theirs(sentence, things, named, other_named, pronouns, full_names):
                return index, sentence
    return None


def _names_theirs(
    sentence: str,
    things: frozenset[str],
    named: re.Pattern[str],
    other_named: list[re.Pattern[str]],
    pronouns: frozenset[str] | None,
    full_names: frozenset[str],
) -> bool:
    """Whether the sentence names, with a name after it, a word of `things` the person `named` owns: a common noun
    (not "Great Dane" mid-sentence, a name's), or its plural, not within a mention of theirs. A possessive of theirs
    before a relative or a kind of person ("Sophie's mother's cat, Tibbles") is that other's, as another person's
    mention is (bot.core.kind_asked.owns_a_person). No name after a comma is apposed to a thing ending an opening
    clause (_OPENING_CLAUSE) or in quoted speech (_SPEECH), nor is another's `full_names`."""
    mentions: list[tuple[int, int]] = []
    rivals: list[tuple[int, int]] = []
    for found in named.finditer(sentence):
        (rivals if owns_a_person(sentence, found.end(), things) else mentions).append(found.span())
    if not mentions:
        return False
    starts = [start for start, _ in mentions]
    ends = [end for _, end in mentions]
    said = list(words(sentence))
    folded_said = [fold(word.replace("’", "'")) if "’" in word else fold(word) for word, _, _ in said]
    relatives = [
        (start, end)
        for (word, start, end), folded in zip(said, folded_said, strict=True)
        if word.islower() and _of_another(folded) and _RELATIVE_CLAUSE.match(sentence, end)
    ]
    relatives += [  # "Owen Price, whose neighbour keeps a dog named Bruno": the neighbour's, not "Tess, whose cat"
        said[at + 1][1:]
        for at in range(len(said) - 1)
        if folded_said[at] == _WHOSE and said[at + 1][0].islower() and not is_one_of(folded_said[at + 1], things)
    ]
    rivals = sorted(rivals + relatives + rival_spans(sentence, other_named, starts, ends))
    their_starts = [start for start, _ in rivals]
    their_ends = [end for _, end in rivals]
    opening_end = sentence.find(",") if said and fold(said[0][0]) in _OPENING_CLAUSE else -1
    speech = [found.span() for found in _SPEECH.finditer(sentence)]
    speech_starts = [start for start, _ in speech]
    speech_ends = [end for _, end in speech]
    for at, (word, start, end) in enumerate(said):
        folded = folded_said[at]
        if (at and word[:1].isupper()) or inside((start, end), starts, ends):
            continue
        if not is_one_of(folded, things):
            continue
        before = _determiner_before(sentence, said, folded_said, at)
        determiner = None if before is None else folded_said[before]
        if determiner is None or (pronouns is not None and determiner in PRONOUNS and determiner not in pronouns):
            continue  # "Marta grills DeLuca", a verb; "Pruitt lends Hannah his old mare", his of hers
        if before is not None and _anothers_possessive(determiner, said[before][1:], starts, ends):
            continue  # "her older brother's boat", "the neighbour's cat, Tibbles"
        if before is None or not _marked_theirs(sentence, said, folded_said, before, end, (starts, ends)):
            continue  # "Anika fights the mayor's plan to hand control to a private company called Strelna Holdings"
        name = _name_after(sentence, end)
        if name is None or inside((name.start, name.end), starts, ends):  # "the horse Ivan rode" names Ivan
            continue  # (not "a sweet shop called Nadia's Sweets")
        if name.apposed and (end == opening_end or inside((start, end), speech_starts, speech_ends)):
            continue  # "When a storm wrecks Owen's old boat, Isla, his daughter, comes", '"Saddle the horse, Gretel"'
        if sentence[name.start : name.end] in full_names:
            continue  # "his boat, Isla Pryce, ...", "a newspaper named Victor Hale" name a person
        if name.right_after and inside((name.start, name.start + 1), their_starts, their_ends):
            continue  # "the ring Alasdair gave her", "On the night of the robbery Karim cuts the power"
        if _theirs(start, starts, ends, their_ends):
            return True
    return False


def _marked_theirs(
    sentence: str,
    said: list[tuple[str, int, int]],
    folded_said: list[str],
    before: int,
    end: int,
    mentions: tuple[list[int], list[int]],
) -> bool:
    """Whether something marks the thing (its determiner at `before`, its word ending at `end`) as its owner's, not
    only named after them: a possessive of theirs or "family's" ("Owen's old boat"), a pronoun (of theirs: the caller
    has left out the others), "whose" ("Tess, whose cat Bishop"), a verb of having or founding right before it ("who
    keeps a three-legged cat", "who operates the car ferry"), "of her own" after it or before its apposition ("a
    horse of her own, a bay gelding named Comet")."""
    determiner = folded_said[before]
    if determiner.endswith(POSSESSIVE_ENDS):
        return inside(said[before][1:], *mentions) or bare_word(determiner) == _HOUSEHOLD
    if determiner in PRONOUNS or determiner == _WHOSE:
        return True
    verb = _verb_before(folded_said, before)
    if verb >= 0 and lemma(folded_said[verb]) in _HAVING:
        return True
    if verb >= 1 and folded_said[verb] == _WITH and lemma(folded_said[verb - 1]) == _LIVE:
        return True  # "a widower who lives with his mother and a tortoise named Admiral"
    if _OF_OWN.match(sentence, end):
        return True
    return (
        before >= 2
        and folded_said[before - 1] == _OWN
        and _COMMA.fullmatch(sentence, said[before - 1][2], said[before][1]) is not None
    )


def _verb_before(folded_said: list[str], before: int) -> int:
    """The index of the word before the noun phrase whose determiner is at `before`, past at most _MOST_MODIFIERS
    determiners before it ("keeps a three-legged cat": "three" is nearest) and one earlier phrase joined by "and"
    ("lives with his mother and a tortoise"); -1 where there is none."""
    verb = _past_determiners(folded_said, before - 1)
    if verb < 0 or folded_said[verb] != _AND:
        return verb
    for earlier in range(verb - 1, max(verb - _MOST_MODIFIERS - 2, -1), -1):
        if folded_said[earlier] in _DETERMINERS or folded_said[earlier] in PRONOUNS:
            return _past_determiners(folded_said, earlier - 1)
    return verb


def _past_determiners(folded_said: list[str], at: int) -> int:
    """The index of the first word at or before `at` that is no determiner, at most _MOST_MODIFIERS back."""
    for word in range(at, max(at - _MOST_MODIFIERS, -1), -1):
        if folded_said[word] not in _DETERMINERS:
            return word
    return max(at - _MOST_MODIFIERS, -1)


def _anothers_possessive(folded: str, span: tuple[int, int], starts: list[int], ends: list[int]) -> bool:
    """Whether a determiner is a possessive not of the owner's mentions (`starts`, `ends`), a common noun's or a
    name's ("the neighbour's cat, Tibbles", "her older brother's boat"); not "family's", kin the owner is one of."""
    if not folded.endswith(POSSESSIVE_ENDS) or inside(span, starts, ends):
        return False
    return bare_word(folded) != _HOUSEHOLD


def _of_another(folded: str) -> bool:
    """Whether a folded word, or its possessive, is a relative's (kin_words: "brother", "brother's"): one told nearer
    a thing than the owner owns it ("Nadia visits her brother, who keeps a spaniel named Toffee"); not "family", kin the
    owner is one of ("the family's dog, Biscuit" is Callum's too)."""
    bare = bare_word(folded) if "'" in folded else folded
    return bare != _HOUSEHOLD and bare in kin_words()


def _determiner_before(sentence: str, said: list[tuple[str, int, int]], folded_said: list[str], at: int) -> int | None:
    """The index of the word making the word `at` the head of a noun phrase: a determiner or a possessive before it,
    with at most _MOST_MODIFIERS words between, none a stop word but "own", and nothing but spaces ("a three-legged
    cat", "Owen's old boat", "his faithful horse", "her own pub", "a Boston magazine"); None where there is none, and
    the word is a verb ("Marta grills DeLuca", "the chef who hounds Marta", "her boss, Marta grills")."""
    stop = load_stopwords()
    for before in range(at - 1, max(at - _MOST_MODIFIERS - 2, -1), -1):
        spaces = _SPACES.match(sentence, said[before][2])
        if spaces is None or spaces.end() != said[before + 1][1]:
            return None
        folded = folded_said[before]
        if folded in _DETERMINERS or folded.isdigit() or folded.endswith(POSSESSIVE_ENDS):
            return before
        if folded in stop and folded != _OWN:
            return None
    return None


class _Name(NamedTuple):
    """Where a name said of a thing stands, and whether right after its word, with nothing between, or after a comma
    as an apposition."""

    start: int
    end: int
    right_after: bool
    apposed: bool


def _name_after(sentence: str, end: int) -> _Name | None:
    """The name said of the thing ending at `end`: after "called" or "named" ("a cat named Bishop", "a
    boat called the Vesna"), as an apposition ending where a clause does ("his dog, Rex,", "his diner, the Blue
    Heron."), or right after it ("the car ferry Pacific Dawn", not "the cat Felix's sister found"); none there opening
    with a word of place_words.txt ("the truck Monday through Friday"), unless "called" or "named" says it is one, nor
    right after it and before a word of _TIMES ("the truck Thanksgiving week"). At most _MOST_NAME_WORDS words
    read."""
    for between in (_CALLED, _APPOSED, _RIGHT_AFTER):
        gap = between.match(sentence, end)
        if gap is None:
            continue
        name = _name_at(sentence, gap.end())
        if name is None:
            return None
        after = name[1]
        while after < len(sentence) and sentence[after] in _QUOTES:
            after += 1
        if between is _APPOSED and not _BLANK_TO_END.match(sentence, after) and sentence[after] not in _APPOSITION_ENDS:
            return None
        if between is _RIGHT_AFTER and sentence.endswith(POSSESSIVE_ENDS, 0, name[1]):
            return None
        if between is not _CALLED and fold(sentence[name[0] : name[1]].split()[0]) in place_words():
            return None  # "drives the truck Monday through Friday": a time, not said to be a name
        following = _NEXT_WORD.match(sentence, name[1])
        if between is _RIGHT_AFTER and following is not None and following.group(1) in _TIMES:
            return None  # "sells the truck Thanksgiving week"
        return _Name(*name, right_after=between is _RIGHT_AFTER, apposed=between is _APPOSED)
    return None


def _name_at(sentence: str, at: int) -> tuple[int, int] | None:
    """The span of the capitalised words starting at `at` (after an opening quote), with the lowercase words that
    join them (_JOINING: "A Colour of Rain"); None where the word there is no name's."""
    while at < len(sentence) and sentence[at] in _QUOTES:
        at += 1
    first = _NAME_WORD.match(sentence, at)
    if first is None or not first.group()[0].isupper() or re.split("['’]", first.group())[0] == _PRONOUN:
        return None
    end = first.end()
    position = end
    for _ in range(_MOST_NAME_WORDS - 1):
        space = _SPACE.match(sentence, position)
        following = None if space is None else _NAME_WORD.match(sentence, space.end())
        if following is None:
            break
        word = following.group()
        position = following.end()
        if word[0].isupper():
            end = position
        elif word not in _JOINING:
            break
    return at, end


def _theirs(start: int, starts: list[int], ends: list[int], their_ends: list[int]) -> bool:
    """Whether the thing starting at `start` is the person's: the person (their mentions' `starts` and `ends`), not
    another (`their_ends`), is the one last named before it ("Tess Quigley, a veterinarian who keeps a three-legged
    cat named Bishop"; not "Graham storms off, and Tess's cat, Bishop, escapes"). A thing named before anyone is
    left: "Pursued by the Concord cruiser Adamant, commanded by Isadora's former protégé" is no ship of Isadora's."""
    own_before = bisect_right(ends, start) - 1
    rival_before = bisect_right(their_ends, start) - 1
    return own_before >= 0 and (rival_before < 0 or ends[own_before] >= their_ends[rival_before])


class UnownedThing(NamedTuple):
    """A thing of no person asked the name of: its noun in its dictionary form, and the thing owning it, if one is
    said ("ship" of "the ship's AI")."""

    noun: str
    owner: str | None


def unowned_thing_asked(question: str) -> UnownedThing | None:
    """The noun of "What is the name of the pub?", "What is the river called?" (or "named"), "whats the cats name" and
    of the same with a thing as owner ("what is the name of the ship's AI", "what is the ship's ai called"), with that
    owner; None for any other shape, a noun that is no thing's (_is_thing: "the boatman" is a person's), or
    words said of the thing ("the gray heron pub", "the pub in leith"), which may pick one of several and are left to
    the ranking. One pass over its words."""
    said = [fold(word.replace("’", "'")) for word, _, _ in words(question)]
    opening = next((o for o in WHAT_OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None:
        return None
    rest = said[len(opening) :]
    if tuple(rest[: len(NAME_OF)]) == NAME_OF:
        phrase = rest[len(NAME_OF) :]
    elif rest[-1:] in (["called"], ["named"]):
        phrase = rest[:-1]
    elif rest[-1:] == ["name"] and rest[-2:-1] and rest[-2].endswith("s"):  # "the cat's name", "the cats name"
        phrase = [*rest[:-2], bare_word(rest[-2]) if rest[-2].endswith(POSSESSIVE_ENDS) else rest[-2][:-1]]
    else:
        return None
    if phrase[:1] != [_THE] or not 2 <= len(phrase) <= 3:
        return None
    noun, owner = phrase[-1], phrase[1:-1]
    if owner and (not owner[0].endswith(POSSESSIVE_ENDS) or not _is_thing(bare_word(owner[0]))):
        return None  # "the gray heron pub": a word said of it; "the ship's AI": a thing's
    if not _is_thing(noun) or not noun.isalpha():
        return None
    return UnownedThing(_noun(noun), bare_word(owner[0]) if owner else None)


def thing_named(
    texts: Sequence[str],
    things: frozenset[str],
    people: Sequence[str],
    owner: str | None = None,
    whole: Sequence[str] = (),
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first naming one of `things` with its name after it, as _name_after reads it
    ("a pub called The Grey Heron", "his diner, the Blue Heron,", "the river Varenne"), where the story's every such
    naming names the same thing: a story naming two pubs leaves the question to the ranking, whichever it asks of. A
    name opening with a word of the name of one of the story's `people`, a title or a word for a relative (MEN, WOMEN)
    is a person's, no thing's ("the horse Ivan rode", "the dog, Walter, barked at", "the boat Grandpa built"), unless
    "called" or "named" says it is the thing's: a tale's animal is one of its people ("a faithful dog called Sultan",
    "an old cat, called Mrs. Tabitha Twitchit"). None where no sentence names one. Of a thing's `owner` ("the ship's
    AI"), the namings of one in its possessive answer where the story has any ("The ship's AI, called HALCYON", not
    "an artificial intelligence called ORACLE"), and none answers where it speaks of one in a form not read
    ("HALCYON, the ship's AI")."""
    if owner is not None:
        owned = _thing_named(texts, things, people, owner, whole or texts)
        if owned is not None:
            return owned
        if _speaks_of_owned(texts, things, owner):
            return None  # "HALCYON, the ship's AI": the owner's is named in a form not read
    return _thing_named(texts, things, people, None, whole or texts)


def _speaks_of_owned(texts: Sequence[str], things: frozenset[str], owner: str) -> bool:
    """Whether a text says a word of `things` right after the possessive of `owner` ("the ship's AI")."""
    owners = {owner + end for end in POSSESSIVE_ENDS}
    for text in texts:
        folded_said = [fold(word.replace("’", "'")) for word, _, _ in words(text)]
        if any(first in owners and is_one_of(second, things) for first, second in pairwise(folded_said)):
            return True
    return False


def _thing_named(
    texts: Sequence[str], things: frozenset[str], people: Sequence[str], owner: str | None, whole: Sequence[str]
) -> tuple[int, str] | None:
    """thing_named of all namings, or of those of a thing in the possessive of `owner` alone."""
    owners = None if owner is None else {owner + end for end in POSSESSIVE_ENDS}
    named = {fold(word) for person in people for word in person.split()} | HONORIFICS | person_titles() | MEN | WOMEN
    abbreviations = frozenset(thing for thing in things if _abbreviated(thing, texts))
    first: tuple[int, str] | None = None
    names: set[str] = set()
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            read = False
            for name, said_so, determiner in _names_of_things(sentence, things, abbreviations):
                read = True
                if owners is not None and determiner not in owners:
                    continue
                name = name.removeprefix(_THE + " ")
                if not said_so and (name in named or bare_word(name.split()[0].rstrip(".")) in named):
                    continue  # "the dog Walter found", "the bird, Mr. Crane, said"
                names.add(name)
                if len(names) > 1:
                    return None
                first = first or (index, sentence)
            otherwise = _names_said_otherwise(sentence, things)
            if otherwise is None:
                return None  # "names his boat after his daughter, Marigold Hale": a naming not read
            if not read and not otherwise and _naming_not_read(sentence, things):
                return None  # "a small blue boat that was named the Mallard by her father"
            names |= {name for name in otherwise if name not in named and name.split()[0] not in named}
            if len(names) > 1:
                return None
    if first is not None and _another_told_more(whole, names, named):
        return None  # "the crew named the Osprey ... a French frigate called the Vengeance ... The Osprey is wrecked"
    return first


def _another_told_more(texts: Sequence[str], names: set[str], named: set[str]) -> bool:
    """Whether the texts say another capitalised "the X" (no person's) more often than they say the name found, itself
    said with "the": the thing the story is about, named in a form not read ("The Gannet was a small blue boat"), not
    the one named once; not one whose kind the story tells in apposition ("a fishing boat, the Kittiwake,")."""
    counts: dict[str, int] = {}
    kinds_told: set[str] = set()
    for text in texts:
        for said in _THE_NAME.finditer(text):
            folded = fold(said.group(1))
            counts[folded] = counts.get(folded, 0) + 1
        kinds_told |= {fold(said.group(1)) for said in _KIND_TOLD.finditer(text)}
    found = sum(counts.get(name, 0) for name in names)
    if not found:
        return False  # "the island of Skerra", "the village of Marsh End": a place's name, said with no "the"
    return any(
        told > found and name not in names | kinds_told and name.split()[0] not in named
        for name, told in counts.items()
    )


def abbreviated(things: frozenset[str], texts: Sequence[str]) -> bool:
    """Whether the texts write one of `things` in capitals as an abbreviation (_abbreviated: "the AI explains"), whose
    words spelt out other texts may hold."""
    return any(_abbreviated(thing, texts) for thing in things)


def _abbreviated(thing: str, texts: Sequence[str]) -> bool:
    """Whether the story writes the noun asked in capitals as an abbreviation of a few letters ("the AI explains"):
    then its words spelt out are it too ("an artificial intelligence called MERIDIAN")."""
    if not _SHORTEST_ABBREVIATION <= len(thing) <= _LONGEST_ABBREVIATION or not thing.isalpha():
        return False
    written = re.compile(rf"\b{thing.upper()}\b")
    return any(written.search(text) for text in texts)


def _spelt_out(
    said: list[tuple[str, int, int]], folded_said: list[str], at: int, abbreviations: frozenset[str]
) -> bool:
    """Whether the words ending at `at` spell out one of `abbreviations` by their first letters, each a lowercase word
    no stop word: "artificial intelligence" of "ai", not "an island"."""
    stop = load_stopwords()
    for abbreviation in abbreviations:
        spelt = range(at - len(abbreviation) + 1, at + 1)
        if spelt.start < 0 or any(not said[place][0].islower() or folded_said[place] in stop for place in spelt):
            continue
        if "".join(folded_said[place][0] for place in spelt) == abbreviation:
            return True
    return False


def _names_of_things(
    sentence: str, things: frozenset[str], abbreviations: frozenset[str]
) -> list[tuple[str, bool, str]]:
    """The names, folded, the sentence gives a word of `things` heading a noun phrase (_determiner_before), each with
    whether "called" or "named" said it and the phrase's determiner or possessive, folded ("ship's"); not one after a
    comma closing an opening clause, in quoted speech (as _names_theirs reads them) or opening it. A noun of
    `abbreviations` is one written in capitals ("The ship's AI") or spelt out (_spelt_out)."""
    said = list(words(sentence))
    folded_said = [fold(word.replace("’", "'")) for word, _, _ in said]
    opening_end = sentence.find(",") if said and fold(said[0][0]) in _OPENING_CLAUSE else -1
    speech = [found.span() for found in _SPEECH.finditer(sentence)]
    speech_starts = [start for start, _ in speech]
    speech_ends = [end for _, end in speech]
    names = []
    for at, (_, start, end) in enumerate(said):
        if not _is_thing_at(said, folded_said, at, things, abbreviations):
            continue
        before = _determiner_before(sentence, said, folded_said, at)
        if before is None:
            continue
        name = _name_after(sentence, end) or _place_named_of(sentence, folded_said[at], end)
        if name is None:
            continue
        if name.apposed and (end == opening_end or inside((start, end), speech_starts, speech_ends)):
            continue
        if name.apposed and sentence[name.start - 1] in _QUOTES:
            continue  # 'They called out to the bird, "See, grandfather': speech opening
        said_so = not name.right_after and not name.apposed
        names.append((fold(sentence[name.start : name.end]), said_so, folded_said[before]))
    return names


def _is_thing_at(
    said: list[tuple[str, int, int]],
    folded_said: list[str],
    at: int,
    things: frozenset[str],
    abbreviations: frozenset[str],
) -> bool:
    """Whether the word at `at` is one of `things`: a common noun (not "Great Dane" mid-sentence, a name's), one of
    `abbreviations` in capitals or lowercase ("AI", "ai"), or its words spelt out ("artificial intelligence"); not in
    the possessive, which owns the thing named after it ("the ship's AI", "the town's Summer Fair")."""
    word, folded = said[at][0], folded_said[at]
    if folded.endswith(POSSESSIVE_ENDS):
        return False  # "The ship's AI, called HALCYON": the AI's name, not the ship's
    if folded in abbreviations and (word.isupper() or word.islower()):
        return True
    if not (at and word[:1].isupper()) and is_one_of(folded, things):
        return True
    return _spelt_out(said, folded_said, at, abbreviations)


def _place_named_of(sentence: str, folded: str, end: int) -> _Name | None:
    """The name after "of" of a place's word (place_words.txt) ending at `end`: "the fishing town of Ebbsford", "the
    barrier island of Gull Rock"; read as one right after it, whose name may be a person's ("the house of Conan"). Not a
    possessive ("the town of Tom's birth"), nor one dictionary word before a lowercase word no stop word, which it is
    said of ("a company of American infantry", "a house of Victorian design")."""
    if folded not in place_words():
        return None
    of = _OF.match(sentence, end)
    name = None if of is None else _name_at(sentence, of.end())
    if name is None or sentence.endswith(POSSESSIVE_ENDS, 0, name[1]):
        return None  # "the town of Tom's birth"
    following = _NEXT_WORD.match(sentence, name[1])
    said = fold(sentence[name[0] : name[1]])
    said_of_next = following is not None and following.group(1).islower() and following.group(1) not in load_stopwords()
    if said_of_next and " " not in said and is_dictionary_word(said):
        return None  # "a company of American infantry", "the city of Roman ruins": a word said of what follows
    return _Name(*name, right_after=True, apposed=False)


def _names_said_otherwise(sentence: str, things: frozenset[str]) -> list[str] | None:
    """The names, folded, the sentence gives a word of `things` heading a noun phrase in forms _names_of_things does
    not read: apposed before it ("the Golden Fleece, a pub on the harbour"; not before a plural, "a course to Asia,
    the frigates to Africa", nor one named after it, "the treasures of the Empire, the sword of Murakumo") or given
    by a verb of naming after it ("a small blue boat she calls the Heron"); None where a verb of naming before it
    names it in a form not read at all ("names his boat after his daughter"). thing_named reads them only to see the
    story names another thing."""
    said = list(words(sentence))
    folded_said = [fold(word.replace("’", "'")) for word, _, _ in said]
    names = []
    for at, (word, _, end) in enumerate(said):
        if (at and word[:1].isupper()) or folded_said[at].endswith(POSSESSIVE_ENDS):
            continue
        if not is_one_of(folded_said[at], things):
            continue
        before = _determiner_before(sentence, said, folded_said, at)
        if before is None:
            continue
        if before and folded_said[before - 1] in _NAMING_VERBS:
            return None
        start = said[before][1]
        apposed = _NAME_BEFORE.search(sentence, max(0, start - _LOOK_BEFORE), start)
        named_after = _name_after(sentence, end) or _place_named_of(sentence, folded_said[at], end)
        if apposed is not None and folded_said[at] in things and named_after is None:
            names.append(fold(apposed.group(1)).removeprefix(_THE + " "))
        calls = _CALLS.match(sentence, end)
        if calls is not None:
            names.append(fold(calls.group(1)))
    return names


def _naming_not_read(sentence: str, things: frozenset[str]) -> bool:
    """Whether a word of `things` (or its possessive) is followed within _NAMING_NEAR words by a word for its name
    ("whose name, according to its collar, is Patch", "her boat's name is the Curlew", "by the name of the Plover") or
    by a naming word a capitalised word follows ("that was named the Mallard", "known as the Teal"; not "the ship
    called at Leith"): a naming of the thing, in a form _names_of_things and _names_said_otherwise do not read."""
    said = list(words(sentence))
    folded_said = [fold(word.replace("’", "'")) for word, _, _ in said]
    for at, (word, _, _) in enumerate(said):
        folded = folded_said[at]
        if (at and word[:1].isupper()) or not is_one_of(
            bare_word(folded) if folded.endswith(POSSESSIVE_ENDS) else folded, things
        ):
            continue
        for near in range(at + 1, min(at + 1 + _NAMING_NEAR, len(said))):
            if folded_said[near] in _NAME_NOUNS:
                return True
            if folded_said[near] in _NAMING_GIVEN and _capitalised_after(said, folded_said, near + 1):
                return True
    return False


def _capitalised_after(said: list[tuple[str, int, int]], folded_said: list[str], at: int) -> bool:
    """Whether the first word from `at` on that is none of _BEFORE_NAME ("as", "the") is capitalised."""
    while at < len(said) and folded_said[at] in _BEFORE_NAME:
        at += 1
    return at < len(said) and said[at][0][:1].isupper()
