"""Where a story says what a named place or thing is, for "What is Brackenholm Hall?" and "Where is the Wren Hotel?".

A plot brings a named place in once with what it is, right after its name ("answers an advertisement for a retreat
facilitator at Brackenholm Hall, a crumbling country house that has been turned into a silent meditation centre",
"Hollin End, an isolated stone house on the Yorkshire moors"), and names it again and again after, so the ranking
put first a later passage saying the name more. The first sentence naming it and saying what it is answers "What is
X?" (_says_what: an apposition, "X is a", "X, which is a", "a waystation known as X", "the village of X", a quoted
name glossed, '"the Hollow wants a child", referring to a sunken field'), and the first placing it "Where is X?"
(_places: "X, on the Yorkshire moors", "X lies in", "at Mill Hollow in rural Herefordshire", or such a telling of what
it is that holds a place, "a faded Victorian establishment on the seafront at Portobello"). A name is what the story
writes capitalised within a sentence and never in lowercase: "the hollow" of a story writing it so names nothing. A
person is the introduction rule's (bot.core.introductions), and a story's own title its whole story's.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Literal, NamedTuple

from bot.core.analysis import fold, load_stopwords, words
from bot.core.people_finder import person_nouns
from bot.core.sentences import sentence_spans
from bot.core.slips import POSSESSIVE_ENDS
from bot.core.time_words import DAY_TIME_WORDS, SEASON_WORDS, SPAN_WORDS

_ASKED = re.compile(r"\s*+(?P<asked>what|where)(?:\s*+['’]?s|\s++is|\s++was)\s++")
"""How the question opens: "What is", "What's", "whats", "Where was", "wheres"."""
_NAME_TYPED = re.compile(r"[\w'’.-]++(?: [\w'’.-]++)*+")
"""The rest of the question, all of it a name's words: "Brackenholm Hall", "St. Brendan's Church"; not "the late
chart kept today, please", nor words on two lines."""
_ASKED_ENDS = "?.!"
_SETTING_WORDS = ("located", "situated", "set")
"""What may end "Where is X?" and ask the same: "Where is the Wren Hotel located?"."""
_THE = "the"
_MOST_NAME_WORDS = 5
"""The most words of a name asked of: "the Anchor and Thistle", "Saint Finian's Church"."""
_JOINING = frozenset(
    {"of", "and", "the", "on", "upon", "in", "de", "du", "des", "la", "le", "sur", "sous", "en", "von", "van", "del"}
)
"""The lowercase words a name may hold between its capitalised ones: "Isle of Skye", "Anchor and Thistle", "Stratford
upon Avon", "Café du Pont", "Vaux-sur-Lys"."""
_LENGTHENING = _JOINING - {"the", "on", "in"}
"""The lowercase words joining the name to a capitalised word beside it into a longer name: "Isle of Skye" is no
mention of "Skye", "the Anchor and Thistle" none of "Thistle", "the Via del Canal" none of "Canal"."""
_OPENING_QUOTES = "\"“‘'(:\n"
"""What before a capitalised word makes it the first of what is quoted or said, or of a line (a letter's "Dear Callum,"
over "Everyone in Glasgow"), capitalised for that."""
_SAME_NAME_GAP = re.compile(r"[ \t.-]*+")
"""What may stand between a name's words in the text: spaces, "St." and a hyphen's "Stratford-upon-Avon"."""
_POSSESSIVE_GAP = r"(?:['’]s)?+[ \t.-]++"
"""What may stand between a name's words in the text, a possessive's "'s" kept by a word ("Hangman's Draw"), as a
pattern: what a passage is searched with for the name before its words are read (place_told)."""

_NOW = r"(?:once|now|formerly|originally|still|then|long|itself|today)"
"""A word of time between a name and what it is: "Hollin End, once a coaching inn"."""
_ONE = r"(?:a|an|the|one\s++of)\s++"
"""The determiner of what a name is: "a crumbling country house", "one of the oldest inns"."""
_APPOSITION = re.compile(rf"[\"”’']?+\s*+[,(]\s*+(?:{_NOW}\s++)?+(?P<one>{_ONE})")
"""What is apposed to a name: ", a crumbling country house", " (the oldest inn"."""
_APPOSED_ENDS = re.compile(r"[\"”’']?+\s*+(?:[,.;:)!?]|\Z)")
"""What ends a name apposed to what it is before it: "her ranch, the Broken Spur, to the railhead"."""
_LISTED = re.compile(r",\s*+(?:and|or)\b")
"""A name's comma that goes on with a list: "the bank, the Grange, and the church"."""
_WHICH_IS = re.compile(
    rf"\s*+,\s*+(?:which|that)\s++(?:is|was|has\s++been|had\s++been)\s++(?:{_NOW}\s++)?+(?P<one>{_ONE})"
)
"""A relative clause telling what it is: ", which was once a mill"."""
_IS_ONE = re.compile(rf"\s++(?:is|was)\s++(?:{_NOW}\s++)?+(?P<one>{_ONE})")
"""A name the subject of "is a": "Argent is a consortium building a new pipeline"."""
_QUOTE_CLOSES = re.compile(r"[^\"”“]{0,60}+[\"”]")
"""The rest of a quotation holding the name, to its closing mark."""
_GLOSS = re.compile(rf",?+\s*+(?:referring\s++to|meaning|a\s++reference\s++to)\s++(?P<one>{_ONE})")
"""What a quoted name is said to mean after the quotation: '"the Hollow wants a child", referring to a sunken field'."""
_QUOTE_OPENS = re.compile(r"[\"“][^\"”“]{0,60}+\Z")
"""A quotation's opening mark not long before a name, with no other mark between."""
_CALLING = frozenset({"call", "calls"})
"""Words naming what stands before their subject: "a sunken field the villagers call the Hollow"."""
_NAMING = frozenset({"called", "named", "nicknamed"}) | _CALLING
"""Words naming what stands before them with a name after: "a waystation called Mercy Wells", "a sunken field the
villagers call the Hollow"."""
_KNOWN_AS = ("known", "as")
_PRONOUNS = frozenset({"he", "she", "they", "it", "i", "we", "you", "who", "which", "that"})
_DETERMINERS = frozenset({"a", "an", "the"})
_THE_OR_NAME = frozenset({_THE})
"""What a place set apart after a name opens with, if no name: "Hollin End, on the Yorkshire moors"; not "the Lamb and
Flag, on a fishing holiday"."""
_OWNERS = frozenset({"his", "her", "their", "its", "my", "our", "your"})
"""The possessives that may open a noun phrase a name is apposed to: "her ranch, the Broken Spur"."""
_MOST_MODIFIERS = 3
"""The most words between a determiner and a word for a place before a name: "the small fishing village Thirsby"."""
_MOST_NAMING_WORDS = 8
"""How far before a word naming a thing its noun phrase may open: "a small village on the coast called"."""
_KINDS_OF = frozenset(
    {"town", "village", "city", "hamlet", "kingdom", "realm", "empire", "province", "county", "parish", "island"}
    | {"isle", "islands", "republic", "state", "country", "district", "region", "planet", "moon", "port", "borough"}
    | {"principality", "duchy", "colony", "settlement", "valley", "forest", "land", "territory", "commonwealth"}
)
"""Words for a kind of place that "of" names one of: "the village of Thirsby", "the mountain kingdom of Eskarra"; not
"the west coast of Ireland", "a company of American infantry"."""
_KINDS_BEFORE = _KINDS_OF | frozenset(
    {"ship", "boat", "vessel", "schooner", "steamer", "liner", "ferry", "yacht", "barge", "river", "lake", "loch"}
    | {"sea", "ocean", "mountain", "mount", "hill", "peak", "wood", "woods", "moor", "desert", "glen", "bay", "gulf"}
    | {"harbour", "harbor", "estate", "manor", "house", "hall", "castle", "palace", "abbey", "church", "chapel"}
    | {"temple", "tower", "bridge", "inn", "tavern", "pub", "hotel", "farm", "ranch", "mill", "mine", "fort"}
    | {"prison", "camp", "station", "star", "school", "college", "university", "plaza", "square", "street", "road"}
    | {"lane", "reef", "cave", "creek", "brook", "stream", "canal", "pond", "asteroid", "comet", "galaxy", "nebula"}
)
"""Words for a place or a thing a name right after names one of: "the river Varenne", "the survey ship Heron", "the
volcanic moon Kellanor" (not place_words' "place", "thing", months and days: "an excuse to place Kellanor")."""
_PREPOSITIONS = frozenset(
    {"of", "at", "in", "on", "to", "from", "near", "with", "by", "for", "into", "onto", "toward", "towards", "about"}
    | {"over", "under", "behind", "beyond", "past", "through", "across", "inside", "outside", "beside", "above"}
    | {"below", "around", "between", "without", "within", "after", "before", "against", "among", "like", "than"}
)
"""Words before a name that make it no subject of "is": "the owner of Mercy Wells is a thief"."""
_AFTER_NOUN = _PREPOSITIONS | {"called", "named", "nicknamed", "call", "calls", "as"}
"""The same, and words naming a thing before it, the name within that thing's phrase: "the only protection against the
shadow-creatures called the Hollowmen is a chain of lanterns"."""
_OPENING_PHRASE = frozenset(
    {"on", "in", "at", "during", "upon", "from", "by", "for", "despite", "through", "inside", "outside", "near", "back"}
    | {"after", "before", "since", "until", "beyond", "across", "behind", "beneath", "under", "over", "within"}
)
"""Prepositions opening a phrase before a sentence's subject, closed by its first comma: "At Mercy Wells, a gunfight
breaks out" apposes nothing to the name."""
_OPENING_CLAUSE = frozenset(
    {"when", "after", "before", "while", "whilst", "as", "if", "because", "since", "although", "though", "once"}
    | {"until", "unless", "whenever", "arriving", "reaching", "leaving", "returning"}
)
"""Words opening a clause before a sentence's subject, closed by its first comma: "When they reach Hollin End, a storm
breaks"."""
_MOST_PHRASE_WORDS = 4
_MOST_CLAUSE_WORDS = 8
"""How far into an opening phrase or clause a name may stand (from its first word to the name's): "After the fire at
Hollin End," and "When the two brothers finally reach Hollin End,"; "In her spare time Nell explores the grounds and
finds the Lookout, a disused coastguard hut" is no opening phrase's."""
_PLACING = (
    r"(?:in|on|at|near|outside|above|below|beneath|beside|behind|beyond|off|overlooking|across|along|inside|within"
    r"|between|opposite|amid|among|upon|over|(?:north|south|east|west|north-east|north-west|south-east"
    r"|south-west)\s++of"
    r"|close\s++to|next\s++to)\s++"
)
"""Prepositions placing what stands before them: "on the seafront", "above the village of Thirsby"."""
_SET_APART = re.compile(rf"[\"”’']?+\s*+[,(]\s*+(?:(?:high|deep|far|just|right|somewhere|out|up|down)\s++)?+{_PLACING}")
"""A name placed by a phrase set apart: "Hollin End, on the Yorkshire moors" (a place with "the" or a name, not "the
Lamb and Flag, on a fishing holiday": _place_at)."""
_BY_VERB = re.compile(
    r"\s++(?:is|was|lies|lay|stands|stood|sits|sat)\s++(?:(?:located|situated|set|perched|hidden|tucked|nestled|high"
    rf"|deep|far|just|right|somewhere|out|up|down)\s++)?+{_PLACING}"
)
"""A name placed by a verb of being somewhere: "Mercy Wells lies on the edge of the desert"."""
_RIGHT_AFTER = re.compile(rf"\s++{_PLACING}")
"""A name placed right after it: "Mill Hollow in rural Herefordshire" (a place's name must follow: _placed_at)."""
_PLACE_IN = re.compile(rf"\b{_PLACING}")
"""A placing within what a name is said to be: "a faded Victorian establishment on the seafront at Portobello"."""
_OBJECT_WORD = re.compile(r"[^\W\d_][\w'’-]*+")
_OF_A_MONTH = re.compile(r"\s++of\s++(\w++)")
"""What after a capitalised word may make it a day: "the Fourth of July"."""
_OF = re.compile(r"\s++of\b")
_INDEFINITE = frozenset({"a", "an"})
_MOST_HEAD_WORDS = 5
"""The most words read for the kind a name is said to be: "a faded Victorian establishment"."""
_MOST_OBJECT_WORDS = 3
"""The most words read after a placing's preposition for the place: "in rural Herefordshire", "on the Yorkshire
moors"."""
_MOST_TOLD_CHARS = 160
"""How far a telling of what a name is is read for a place in it: to its clause's end, within this."""
_CLAUSE_ENDS = ",;:()"
_CLAUSE_END = re.compile(f"[{re.escape(_CLAUSE_ENDS)}]")
"""What ends the clause telling what a name is."""
_MOST_QUOTED_CHARS = 61
"""How far before a name a quotation holding it may open (_QUOTE_OPENS)."""
_ACTS = frozenset(
    {"move", "decision", "act", "action", "habit", "step", "mistake", "gesture", "choice", "blow", "twist", "result"}
    | {"sign", "surprise", "event", "ritual", "deed", "betrayal", "insult", "error", "plan", "scheme", "ploy", "trick"}
    | {"feat", "achievement", "accomplishment", "triumph", "victory", "win", "record", "milestone", "coup", "honour"}
    | {"honor", "privilege", "distinction", "trip", "journey", "voyage", "drive", "ride", "walk", "hike", "flight"}
)
"""Nouns for an act or what comes of it, which an apposition after a sentence's object tells of the sentence, not of
the name: "sold the old pier to Halvard Holdings, a move that enrages the fishermen", "wins the Harcourt Medal, a feat
no woman had achieved", "outside Glenarrow, a trip of six hours by wagon"."""
_SUBJECTS = frozenset({"he", "she", "they", "i", "we", "you"})
"""Pronouns opening a clause of their own within what is apposed: "an award he has wanted for years"."""
_PLACE_KINDS = _KINDS_BEFORE | frozenset(
    {"establishment", "building", "hut", "cottage", "shop", "store", "bar", "cafe", "restaurant", "club", "theatre"}
    | {"theater", "hospital", "asylum", "factory", "warehouse", "office", "base", "outpost", "island", "retreat"}
    | {"centre", "center", "library", "museum", "monastery", "convent", "cathedral", "lodge", "cabin", "shack"}
    | {"bistro", "diner", "bakery", "brasserie", "bookshop", "bookstore", "boutique", "gallery", "motel", "hostel"}
)
"""Words for a kind of place, where a telling of what a name is may say where it is: "a faded Victorian establishment
on the seafront" (not "a record of every cattle sale in the county": a book is carried about)."""
_NO_PLACES = frozenset(
    {"middle", "hope", "state", "way", "midst", "course", "name", "company", "presence", "absence", "hands", "grip"}
    | {"spirit", "mood", "face", "history", "event", "search", "wake", "aftermath", "light", "dark", "grip", "care"}
    | {"hand", "contrary", "whole"}
)
"""Nouns after "in the", "at a" that place nothing: "at the Grand, in the middle of the night", "Leith, on the other
hand, is changing fast"."""
_ENDS = frozenset({"end", "beginning", "start", "close"})
"""Parts of a place only with "of" after them ("at the end of the pier"), else of a time: "The Blue Door, in the end,
is saved"."""
_PLACE_PARTS = frozenset(
    {"edge", "side", "shore", "shores", "bank", "banks", "foot", "top", "heart", "outskirts", "coast", "end", "corner"}
    | {"centre", "center", "slopes", "rim", "mouth", "head", "tip", "border", "fringe", "fringes", "ruins", "site"}
)
"""Nouns for a part of a place, which "of" after them names: "on the edge of the desert" (not "in the hope of")."""
_TIMES = frozenset(
    {*SPAN_WORDS, *DAY_TIME_WORDS, *SEASON_WORDS, "moment", "moments", "while", "time", "hour", "hours", "minute"}
    | {"minutes", "later", "earlier", "next", "following", "previous", "same", "meantime"}
)
"""Words of a time, not a place nor a thing: ", a week later", "in the morning", "the next day"."""
_TIME_NAMES = frozenset(
    fold(name)
    for name in (*calendar.month_name[1:], *calendar.day_name, "Christmas", "Easter", "Eve", "Whitsun", "Midsummer")
)
"""Capitalised words of a time after a placing's preposition: "Hollin End in November", "on Christmas Eve"."""


_TIMES_ASKED = frozenset((word,) for word in _TIME_NAMES)
"""A time asked of, no place nor thing: "What is May?"."""


class PlaceAsked(NamedTuple):
    """A question asking what or where a named place or thing is."""

    name: tuple[str, ...]
    """The name's words, folded, without a possessive's "'s" or a "the" before them: ("wren", "hotel")."""
    where: bool
    """Asked where it is, not what."""


def place_asked(question: str) -> PlaceAsked | None:
    """What "What is X?" or "Where is X?" (or "What's", "whats", "was", "Where's"; "Where is X located?", or situated,
    set) asks of, X the rest of the question, a name of at most _MOST_NAME_WORDS words, a "the" before it left out
    ("what is the Hollow"); None for any other question. Whether X is a name, and no person's, its story says."""
    folded = fold(question)
    opening = _ASKED.match(folded)
    if opening is None:
        return None
    where = opening.group("asked") == "where"
    rest = folded[opening.end() :].rstrip().rstrip(_ASKED_ENDS).rstrip()
    said = rest.split(" ")
    if where and len(said) > 1 and said[-1] in _SETTING_WORDS:
        said.pop()
    if said and said[0] == _THE:
        said.pop(0)
    typed = " ".join(said)
    if not typed or len(said) > _MOST_NAME_WORDS or _NAME_TYPED.fullmatch(typed) is None:
        return None
    name = tuple(_key(word) for word, _, _ in words(typed))
    if not name or name[0] in _JOINING or name[-1] in _JOINING or name in _TIMES_ASKED:
        return None
    return PlaceAsked(name, where)


_Written = Literal["lowercase", "named", "opening", "apart"]
"""How a mention writes the name: all in lowercase (a word, no name: "the hollow"), capitalised within a sentence (a
name), capitalised only as a sentence's, a quotation's or a line's first word (which tells nothing of it, but may say
what it is), or apart from the name asked (in mixed case, or part of a longer name: "Isle of Skye", "Dr. Ingeborg")."""


def _key(word: str) -> str:
    """A word as names are compared: folded, without a possessive's "'s" ("Finian's" is "finian"). One call of each
    string method, as every word of each passage read is keyed."""
    folded = fold(word)
    return folded[:-2] if folded.endswith(POSSESSIVE_ENDS) else folded


def _keys(text: str, said: list[tuple[str, int, int]]) -> list[str]:
    """_key of each of the text's words, in C's string methods alone where the text is ASCII: every word of each
    passage read is keyed, most of them no name's."""
    lowered = [word.casefold() for word, _, _ in said] if text.isascii() else [fold(word) for word, _, _ in said]
    return [word[:-2] if word.endswith(POSSESSIVE_ENDS) else word for word in lowered]


class _Mention(NamedTuple):
    """Where a text says the name asked, as the tokens (`words`) from `first` to `last`, within a sentence."""

    first: int
    last: int
    sentence: tuple[int, int]


def place_told(
    texts: Iterable[str], name: tuple[str, ...], title: str, where: bool, people: Sequence[str] = ()
) -> tuple[tuple[int, str] | None] | None:
    """Whether the texts of a story write the name as a name, and if so where they first tell what it is or, `where`,
    where it is: None where they do not (they write it in lowercase, or capitalised only opening a sentence, or only
    within the story's `title` or a longer name: "Isle of Skye" names no "Skye"), else a one-tuple of (which of
    `texts`, the sentence) first saying it, or of None where none does. Texts are read in turn until one writes it
    in lowercase. `people` are the story's people, whose names name no place ("Hollin End near Eleanor"): a name
    holding a word of one is theirs, or named for them, and left to the rules for people."""
    title_words = tuple(_key(word) for word, _, _ in words(title))
    people_words = frozenset(_key(word) for person in people for word, _, _ in words(person))
    if people_words.intersection(name) - _JOINING:
        return None  # a person's name, or a place or thing named for one: "Derek and Joan Ashby", "Crudge Plaza"
    said_so = rf"(?<![\w'’]){_POSSESSIVE_GAP.join(map(re.escape, name))}(?!\w)"
    lowercase, anyhow = re.compile(said_so), re.compile(said_so, re.IGNORECASE)
    named = False
    told: tuple[int, str] | None = None
    for index, text in enumerate(texts):
        if text.isascii():  # each of these found by one search, not word by word
            if lowercase.search(text) is not None:
                return None  # written in lowercase: most passages holding a common word's words write it so
            if anyhow.search(text) is None:
                continue  # not said at all: "little" and "house" apart
        said = words(text)
        folded = _keys(text, said)
        for mention in _mentions(text, said, folded, name, title_words):
            written = _written_so(text, said, folded, mention)
            if written == "lowercase":
                return None  # a word, no name
            named = named or written == "named"
            if told is None and written != "apart" and _tells(text, said, folded, mention, where, people_words):
                start, end = mention.sentence
                told = index, text[start:end]
    return (told,) if named else None


def _mentions(
    text: str, said: list[tuple[str, int, int]], folded: list[str], name: tuple[str, ...], title: tuple[str, ...]
) -> Iterable[_Mention]:
    """The places the text's words say the name's in turn, each within one sentence, its words apart by spaces alone
    (or a hyphen or an abbreviation's dot), none within the story's title written whole."""
    spans = sentence_spans(text)
    at = 0
    covered = -1  # the last word of the title written whole, found so far
    size = len(name)
    for first in range(len(said) - size + 1):
        while at < len(spans) - 1 and said[first][1] >= spans[at][1]:
            at += 1
        if title and folded[first] == title[0] and tuple(folded[first : first + len(title)]) == title:
            covered = first + len(title) - 1
        if folded[first] != name[0] or tuple(folded[first : first + size]) != name or first <= covered:
            continue
        last = first + size - 1
        start, end = spans[at] if spans else (0, len(text))
        if said[last][2] > end or any(
            _SAME_NAME_GAP.fullmatch(text, said[word][2], said[word + 1][1]) is None for word in range(first, last)
        ):
            continue
        yield _Mention(first, last, (start, end))


def _written_so(text: str, said: list[tuple[str, int, int]], folded: list[str], mention: _Mention) -> _Written:
    """How the mention writes the name (_Written)."""
    content = [word for word in range(mention.first, mention.last + 1) if folded[word] not in _JOINING]
    if all(said[word][0][0].islower() for word in content):
        return "lowercase"
    if not all(said[word][0][0].isupper() for word in content) or (
        _lengthened(text, said, folded, mention.first, -1, mention)
        or _lengthened(text, said, folded, mention.last, 1, mention)
    ):
        return "apart"
    opening = _opens(text, said, mention.first, mention.sentence[0])
    return "named" if not opening or any(word > mention.first for word in content) else "opening"


def _lengthened(
    text: str, said: list[tuple[str, int, int]], folded: list[str], edge: int, step: int, mention: _Mention
) -> bool:
    """Whether the word beside the name's `edge` word (before it, `step` -1, or after, 1) makes it part of a longer
    name: a capitalised word no stop word ("Hollin End House"), or "of" or "and" and one ("Isle of Skye"), apart from
    it by what stands between a name's words (_SAME_NAME_GAP: "Dr. Ingeborg") within its sentence."""
    beside = edge + step
    for _ in range(2):
        if not 0 <= beside < len(said) or not _within(said[beside], mention.sentence):
            return False
        gap = (said[beside][2], said[edge][1]) if step < 0 else (said[edge][2], said[beside][1])
        if _SAME_NAME_GAP.fullmatch(text, *gap) is None:
            return False
        word = said[beside][0]
        if folded[beside] in _LENGTHENING and word.islower():
            edge, beside = beside, beside + step
            continue
        return word[0].isupper() and folded[beside] not in load_stopwords()
    return False


def _within(word: tuple[str, int, int], sentence: tuple[int, int]) -> bool:
    return sentence[0] <= word[1] and word[2] <= sentence[1]


def _opens(text: str, said: list[tuple[str, int, int]], first: int, sentence_start: int) -> bool:
    """Whether the word `first` opens its sentence, or a quotation or what is said after a colon in it."""
    if first == 0 or said[first - 1][2] <= sentence_start:
        return True
    return any(mark in text[said[first - 1][2] : said[first][1]] for mark in _OPENING_QUOTES)


def _tells(
    text: str,
    said: list[tuple[str, int, int]],
    folded: list[str],
    mention: _Mention,
    where: bool,
    people: frozenset[str],
) -> bool:
    """Whether the mention's sentence says what the name is (_says_what) or, `where`, where it is (_places); not of a
    name right after a word for a kind of person, someone's ("the Mexican champion Hector Ibarra")."""
    before = _before_the(folded, mention)
    if (
        before >= 0
        and _within(said[before], mention.sentence)
        and said[before][0].islower()
        and text[said[before][2] : said[mention.first][1]].isspace()
        and _a_kind_of_person((folded[before],))
    ):
        return False
    told = _says_what(text, said, folded, mention)
    if not where:
        return told is not None
    return _places(text, said, mention, people) or (
        told is not None and _a_kind_of_place(text, told[0]) and _place_within(text, told[0], people)
    )


def _a_kind_of_place(text: str, told: tuple[int, int]) -> bool:
    """Whether what a name is said to be is a kind of place by a word of its first _MOST_HEAD_WORDS (_PLACE_KINDS: "a
    faded Victorian establishment"; not "a record of every cattle sale")."""
    found = _OBJECT_WORD.finditer(text, *told)
    return any(fold(word.group()) in _PLACE_KINDS for word, _ in zip(found, range(_MOST_HEAD_WORDS), strict=False))


def _says_what(
    text: str, said: list[tuple[str, int, int]], folded: list[str], mention: _Mention
) -> tuple[tuple[int, int], Iterable[str]] | None:
    """Where the mention's sentence says what the name is, as the span of what it is said to be and its words naming
    the kind of thing it is, or None: apposed after it (", a crumbling country house"; not after an opening clause,
    "At Mercy Wells, a gunfight breaks out", nor a time, ", a week later", nor an act or a clause of its own, ", a move
    that enrages the fishermen", ", a storm cuts the power"), in a relative clause (", which was once a mill"), the
    name the subject of "is a" ("Argent is a consortium"; not "the owner of Mercy Wells is a thief"), a quoted name
    glossed ('"the Hollow wants a child", referring to a sunken field'), or before it: a thing named it ("a waystation
    known as Mercy Wells", "a house called Hollin End"; not "Neville called Brackenholm Hall", "he called"), a word
    for a place ("the village of Thirsby", "the river Varenne")."""
    told = _told_of(text, said, folded, mention)
    return None if told is None or _a_kind_of_person(told[1]) else told


def _told_of(
    text: str, said: list[tuple[str, int, int]], folded: list[str], mention: _Mention
) -> tuple[tuple[int, int], Iterable[str]] | None:
    """_says_what's span of what the name is said to be, and the words naming the kind of thing it is ("house" of "a
    crumbling country house that"; none of "the villagers call"), or None."""
    start, end = mention.sentence
    after = said[mention.last][2]
    apposed = _APPOSITION.match(text, after, end)
    if (
        apposed is not None
        and not _opening_clause(text, said, folded, mention)
        and not _listed_after_a_name(text, said, folded, mention)
        and _one_not_time(text, apposed, end)
        and not _a_clause(text, apposed.end(), end)
    ):
        told = _told_after(text, apposed.end(), end)
        return None if _ACTS.intersection(told[1]) else told
    which = _WHICH_IS.match(text, after, end)
    if which is not None and _one_not_time(text, which, end):
        return _told_after(text, which.end(), end)
    being = _IS_ONE.match(text, after, end)
    if being is not None and _one_not_time(text, being, end) and _subject(said, folded, mention):
        return _told_after(text, being.end(), end)
    apposed_to = _apposed_to(text, said, folded, mention)
    if apposed_to is not None:
        return apposed_to
    named_at = said[mention.first][1]
    closing = _QUOTE_CLOSES.match(text, after, end)
    if closing is not None and _QUOTE_OPENS.search(text, max(start, named_at - _MOST_QUOTED_CHARS), named_at):
        glossed = _GLOSS.match(text, closing.end(), end)
        if glossed is not None:
            return _told_after(text, glossed.end(), end)
    before = _before_the(folded, mention)
    if (
        before < 0
        or not _within(said[before], mention.sentence)
        or any(mark in text[said[before][2] : named_at] for mark in _CLAUSE_ENDS)
    ):
        return None
    return _named_before(text, said, folded, before, mention)


def _told_after(text: str, start: int, end: int) -> tuple[tuple[int, int], Iterable[str]]:
    """From `start` to its clause's end, within _MOST_TOLD_CHARS and the sentence's `end`, and the kind it tells: the
    last word before the first stop word, naming word or name ("house" of "crumbling country house that", "governess"
    of "former governess at", "bookseller" of "bookseller named Felix"), within _MOST_HEAD_WORDS."""
    stop = min(end, start + _MOST_TOLD_CHARS)
    found = _CLAUSE_END.search(text, start, stop)
    head = ""
    for count, word in enumerate(_OBJECT_WORD.finditer(text, start, stop)):
        key = fold(word.group())
        if count == _MOST_HEAD_WORDS or (head and (key in load_stopwords() or key in _NAMING or word[0][0].isupper())):
            break
        head = key
    return (start, stop if found is None else found.start()), (head,)


def _a_clause(text: str, start: int, end: int) -> bool:
    """Whether what is apposed after its determiner reads as a clause of its own, no telling of the name: a subject
    and its verb ("Meanwhile in Penhallow, a storm cuts the power", "a fire breaks out"), or a noun and a clause
    telling of it with a subject of its own ("a decision Harriet calls madness", "an award he has wanted"), by its
    first _MOST_HEAD_WORDS words."""
    said = [found.group() for found in _OBJECT_WORD.finditer(text, start, min(end, start + _MOST_TOLD_CHARS))]
    said = said[: _MOST_HEAD_WORDS + 1]
    if len(said) > 2 and said[0].islower() and not said[0].endswith("s") and _a_verb(said[1]):
        return True
    return any(
        fold(word) in _SUBJECTS or (word[0].isupper() and _a_verb(following)) for word, following in pairwise(said[1:])
    )


def _a_verb(word: str) -> bool:
    """Whether a lowercase word may be a verb of the present after its subject: "cuts", "breaks", "washes"."""
    return word.islower() and word.endswith("s") and not word.endswith("ss") and fold(word) not in load_stopwords()


def _a_kind_of_person(kinds: Iterable[str]) -> bool:
    """Whether a word of these is a noun for a kind of person (bot.core.people_finder.person_nouns: "governess",
    "granddaughter"), or its plural: what is said so is someone, whom the people finder missed, no place or thing."""
    people = person_nouns()
    return any(kind in people or (kind.endswith("s") and kind[:-1] in people) for kind in kinds)


def _one_not_time(text: str, told: re.Match[str], end: int) -> bool:
    """Whether what a name is said to be after its determiner is no time (", a week later", ", the next morning") nor
    another name (", the Grange and Thirsby": a list), by its first words."""
    for count, word in enumerate(_OBJECT_WORD.finditer(text, told.end(), end)):
        if count == 0 and told.group("one").startswith(_THE) and word.group()[0].isupper():
            return False
        if fold(word.group()) in _TIMES:
            return False
        if count == _MOST_OBJECT_WORDS - 1:
            break
    return True


def _opening_clause(text: str, said: list[tuple[str, int, int]], folded: list[str], mention: _Mention) -> bool:
    """Whether the name stands in a phrase or clause opening its sentence, which the comma after it closes: "At Mercy
    Wells,", "When they reach Hollin End," (within _MOST_PHRASE_WORDS or _MOST_CLAUSE_WORDS of its first word, read
    back no further)."""
    first = mention.first
    while mention.first - first <= _MOST_CLAUSE_WORDS and first > 0 and said[first - 1][1] >= mention.sentence[0]:
        first -= 1
    apart = mention.first - first
    opening = folded[first]
    if (first > 0 and said[first - 1][1] >= mention.sentence[0]) or not (
        (opening in _OPENING_PHRASE and apart <= _MOST_PHRASE_WORDS) or opening in _OPENING_CLAUSE
    ):
        return False
    return "," not in text[said[first][2] : said[mention.first][1]]


def _listed_after_a_name(text: str, said: list[tuple[str, int, int]], folded: list[str], mention: _Mention) -> bool:
    """Whether the name (and its "the") follows a capitalised word and a comma: a list's ("Rome, Paris, the capital")
    or a place's it is a part of ("born in Lyon, France, the second of four children"), whose comma after it need not
    open what it is."""
    lead = mention.first - 1 if mention.first > 0 and folded[mention.first - 1] == _THE else mention.first
    previous = lead - 1
    return (
        previous >= 0
        and _within(said[previous], mention.sentence)
        and said[previous][0][0].isupper()
        and text[said[previous][2] : said[lead][1]].strip() == ","
    )


def _apposed_to(
    text: str, said: list[tuple[str, int, int]], folded: list[str], mention: _Mention
) -> tuple[tuple[int, int], Iterable[str]] | None:
    """The span of the noun phrase the name is apposed to after it and its noun, ending its own phrase: "her ranch, the
    Broken Spur, to the railhead", "his palace, the White Keep, was built" (a determiner or a possessive and at most
    _MOST_MODIFIERS words before a lowercase noun; not in a list, "the bank, the Grange, and the church", nor the
    subject of what follows, "the farm, the Broken Spur is empty"); None where it is none."""
    start, end = mention.sentence
    lead = mention.first - 1 if mention.first > 0 and folded[mention.first - 1] == _THE else mention.first
    noun = lead - 1
    if noun < 0 or said[noun][1] < start or text[said[noun][2] : said[lead][1]].strip() != ",":
        return None
    word = said[noun][0]
    if not word.islower() or folded[noun] in load_stopwords() or folded[noun] in _TIMES:
        return None
    ends = _APPOSED_ENDS.match(text, said[mention.last][2], end)
    if ends is None or _LISTED.match(text, ends.end() - 1, end):
        return None
    for opening in range(noun - 1, max(noun - _MOST_MODIFIERS - 2, -1), -1):
        if said[opening][1] < start or any(mark in text[said[opening][2] : said[opening + 1][1]] for mark in ",;:"):
            return None
        if folded[opening] in _DETERMINERS or folded[opening] in _OWNERS or said[opening][0].endswith(POSSESSIVE_ENDS):
            return (said[opening][1], said[noun][2]), (folded[noun],)
    return None


def _subject(said: list[tuple[str, int, int]], folded: list[str], mention: _Mention) -> bool:
    """Whether the name may be the subject of the verb after it: no preposition nor possessive before it and its
    "the" ("the owner of Mercy Wells is", "Tom's Hollin End was")."""
    before = _before_the(folded, mention)
    if before < 0 or not _within(said[before], mention.sentence):
        return True
    return folded[before] not in _AFTER_NOUN and not said[before][0].endswith(POSSESSIVE_ENDS)


def _before_the(folded: list[str], mention: _Mention) -> int:
    """The word before the name and its "the", if any (-1 where none is)."""
    before = mention.first - 1
    if before >= 0 and folded[before] == _THE:
        before -= 1
    return before


def _named_before(
    text: str, said: list[tuple[str, int, int]], folded: list[str], before: int, mention: _Mention
) -> tuple[tuple[int, int], Iterable[str]] | None:
    """The noun phrase before the name (its "the" aside) that says what it is, and its words naming a kind, or None
    where none does: a thing named it, "a waystation known as", "a house called", "a field the villagers call" (after
    a noun, no pronoun, stop word, possessive or name: not "he called", "and called", "Neville called"; the phrase to
    its nearest determiner, "a bowling alley called the Lucky Strike" of "a trailer behind a bowling alley", its words
    all kinds, "a man everyone called", but for "call", whose subject they are); a word for a kind of place and "of",
    "the village of", "her childhood village of"; or a word for a place or a thing, "the river", "the survey ship"
    (_KINDS_BEFORE), each of these last two after a determiner or a possessive with no stop word between ("an excuse
    to place Kellanor" names no place)."""
    word = folded[before]
    strict = True
    if word in _NAMING:
        noun, strict = before - 1, False
    elif before > 0 and (folded[before - 1], word) == _KNOWN_AS:
        noun, strict = before - 2, False
    elif word == "of" and said[before][0] == word:
        noun = before - 1
        if noun < 0 or folded[noun] not in _KINDS_OF:
            return None
    elif word in _KINDS_BEFORE:
        noun = before
    else:
        return None
    if noun < 0 or not _within(said[noun], mention.sentence):
        return None
    written = said[noun][0]
    if not written.islower() or written.endswith(POSSESSIVE_ENDS) or folded[noun] in _PRONOUNS:
        return None
    if folded[noun] in load_stopwords():
        return None
    opening = _phrase_opening(text, said, folded, noun, mention, strict=strict)
    if opening is None:
        return None
    span = said[opening][1], said[mention.first][1]
    if strict:
        return span, (folded[noun],)
    return span, () if word in _CALLING else folded[opening : noun + 1]


def _phrase_opening(
    text: str, said: list[tuple[str, int, int]], folded: list[str], noun: int, mention: _Mention, *, strict: bool
) -> int | None:
    """The word opening the noun phrase whose last word is `noun`: a determiner or a possessive within
    _MOST_MODIFIERS words before it with no stop word between ("the fishing town", "her childhood village"), or None;
    not `strict`, the nearest within _MOST_NAMING_WORDS, else `noun` ("a bowling alley called", "the villagers
    call"). No clause's mark stands between."""
    most = _MOST_MODIFIERS + 1 if strict else _MOST_NAMING_WORDS
    at = noun - 1
    while at >= 0 and noun - at <= most and _within(said[at], mention.sentence):
        if any(mark in text[said[at][2] : said[at + 1][1]] for mark in _CLAUSE_ENDS):
            break
        if folded[at] in _DETERMINERS or folded[at] in _OWNERS or said[at][0].endswith(POSSESSIVE_ENDS):
            return at
        if strict and folded[at] in load_stopwords():
            return None
        at -= 1
    return None if strict else noun


def _places(text: str, said: list[tuple[str, int, int]], mention: _Mention, people: frozenset[str]) -> bool:
    """Whether the mention's sentence places the name right after it: set apart ("Hollin End, on the Yorkshire
    moors"), by a verb ("lies on the edge of the desert"), or right after it before a place's name ("Mill Hollow in
    rural Herefordshire"; not "Hollin End in November")."""
    after, end = said[mention.last][2], mention.sentence[1]
    apart = _SET_APART.match(text, after, end)
    if apart is not None and _place_at(text, apart.end(), end, people, opening=_THE_OR_NAME):
        return True
    being = _BY_VERB.match(text, after, end)
    if being is not None and _place_at(text, being.end(), end, people, opening=_DETERMINERS):
        return True
    placed = _RIGHT_AFTER.match(text, after, end)
    return placed is not None and _place_at(text, placed.end(), end, people, opening=None)


def _place_within(text: str, told: tuple[int, int], people: frozenset[str]) -> bool:
    """Whether what a name is said to be holds a placing: "a faded Victorian establishment on the seafront"."""
    start, end = told
    return any(
        _place_at(text, placing.end(), end, people, opening=_DETERMINERS)
        for placing in _PLACE_IN.finditer(text, start, end)
    )


def _place_at(text: str, at: int, end: int, people: frozenset[str], *, opening: frozenset[str] | None) -> bool:
    """Whether the words at `at` (after a placing's preposition) are a place: a capitalised word first, or one of
    `opening` and a word after ("on the seafront", "on a hill"), or where `opening` is None a capitalised word within
    _MOST_OBJECT_WORDS after no "a" ("in rural Herefordshire", "in the Scottish Highlands"; not "Best Actress in a
    Musical"); no time ("the morning", "November", "the Fourth of July") and no person of the story."""
    for count, found in enumerate(_OBJECT_WORD.finditer(text, at, end)):
        word = found.group()
        key = _key(word)
        if key in _TIMES or key in _TIME_NAMES or key in people:
            return False
        if word[0].isupper():
            dated = _OF_A_MONTH.match(text, found.end(), end)
            return dated is None or fold(dated.group(1)) not in _TIME_NAMES
        if opening is not None and (count > 0 or key not in opening):
            # "on the seafront": a determiner and a word of no time, nor of no place ("in the middle of the night")
            of_after = _OF.match(text, found.end(), end)
            return (
                count > 0
                and (of_after is not None if key in _ENDS else key in _PLACE_PARTS or not of_after)
                and not _NO_PLACES.intersection(
                    map(_key, _OBJECT_WORD.findall(text, at, min(end, at + _MOST_TOLD_CHARS))[:_MOST_OBJECT_WORDS])
                )
            )
        if count == _MOST_OBJECT_WORDS - 1 or (opening is None and key in _INDEFINITE):
            break
    return False
