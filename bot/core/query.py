"""A question as the ranking sees it: its terms, what each is worth, and what kind of answer it wants."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Literal, NamedTuple

from bot.core.analysis import WORD, fold, words
from bot.core.slips import bare_word, possessive_end, slip_of
from bot.core.story_mentions import StoryMentions


class AnswerKind(StrEnum):
    """What the question asks for, from its first words."""

    PERSON = "person"
    NAME = "name"
    """A which-question: the answer names one thing ("Which hall?" "Carnegie Hall")."""
    PLACE = "place"
    TIME = "time"
    NUMBER = "number"
    REASON = "reason"
    OTHER = "other"


_MEASURES = "many|much|old|long|far|often"
"""The words that make "how" ask for a number."""
_KIND_OPENINGS = (
    (re.compile(rf"(?:how (?:{_MEASURES})|what (?:age|number))\b"), AnswerKind.NUMBER),
    (re.compile(r"(?:who|whom|whose)\b"), AnswerKind.PERSON),
    (re.compile(r"where\b"), AnswerKind.PLACE),
    (re.compile(r"(?:when|what (?:time|year|day|month|season))\b"), AnswerKind.TIME),
    (re.compile(r"(?:why|what (?:made|caused))\b"), AnswerKind.REASON),
    (re.compile(r"which\b"), AnswerKind.NAME),
)
# "How many days ...": "many" is how the question asks, not what it is about (the first such "how").
_MEASURE = re.compile(rf"\bhow\s+({_MEASURES})\b", re.IGNORECASE)
# "What happened after ...", "What will happen ...", "What really happened": "happen" is how it asks for events (the
# first).
_HAPPEN = re.compile(
    r"\bwhat\s+(?:(?:will|would|could|might|may|did|does|do|has|had|is|was)\s+)?"
    r"(?:(?:really|actually|exactly|else|then|finally|next|first)\s+)?(happen(?:ed|s|ing)?)\b",
    re.IGNORECASE,
)
# "How long did the walk take?", "How long does a shift last?": after "how long", the verb asks for a duration (any
# "take"; a "last" that ends the question, not "the last shift"), as "many" asks for a number.
_TAKES = re.compile(r"\b(take|takes|taking|taken|took)\b", re.IGNORECASE)
_LASTS = re.compile(r"\b(last|lasts|lasted)[\s?.!]*$", re.IGNORECASE)
# "What is the lattice made of?": "made" before "of", "from" or "out of", after "what", asks for a material.
_WHAT = re.compile(r"\bwhat\b", re.IGNORECASE)
_MADE_OF = re.compile(r"\b(made)\s+(?:out\s+of|of|from)\b", re.IGNORECASE)
# "How did the king feel ...": "feel" after the question's first "how" asks for a feeling.
_HOW = re.compile(r"\bhow\b", re.IGNORECASE)
_FEEL = re.compile(r"\b(?:feel|feels|felt|feeling)\b", re.IGNORECASE)
# "Which hall ...": the noun after which is the thing the answer names. (After "what" it is as
# often a verb, "what happened", so only "which" counts.)
_FOCUS = re.compile(r"\bwhich\s+(\w+)")
QUESTION_WORDS = ("who", "whom", "whose", "where", "when", "why", "how", "what", "which")
"""The words that start a question, anywhere in it ("And where did she go?")."""
_QUESTION_WORD = re.compile(rf"\b(?:{'|'.join(QUESTION_WORDS)})\b")
_CONTRACTED_ENDS = ("s", "d")
"""What a chat types of "'s" and "'d" after a question word, the apostrophe left out: "whats", "whos", "howd" are
contractions, no slips ("whos" is neither "who" nor "whose" misspelt)."""
# "Who is", "Who's" (or "whos", as a chat types it), "Tell me about", "What about", "How old is", before a name:
# possessive, so no space is tried twice.
_ABOUT_PERSON = re.compile(
    r"\s*+(?:who(?:\s*+['’]?s|\s++is|\s++was)|tell\s++me\s++about|what\s++about|how\s++old\s++(?:is|was))\s++"
)
# "What is Lanthe short for?", "What was Dinny's real name?", "What is Hannah's job?": asked of a name, answered where
# the person is introduced, as a story introduces someone with who they are ("Hannah Kessler, a forensic accountant").
_WHAT_OF_NAME = re.compile(r"\s*+what(?:\s*+['’]?s|\s++is|\s++was)\s++")
_EARLIER_JOBS = tuple(
    f"{earlier} {job}"
    for earlier in ("old", "previous", "former")
    for job in ("job", "profession", "occupation", "trade", "career")
)
"""A job asked of before the story's time by the noun: "What was Mireille's old job?"."""
ASKED_OF_NAME = (
    *_EARLIER_JOBS,  # before "job": "ted old job" is Ted's
    *("full name", "real name", "last name", "surname", "family name", "first name"),
    *("job", "profession", "occupation", "trade", "career", "age"),
)
"""What is asked of a name: the introduction writes the person's whole name ("What is Rosa's last name?", "my
grandmother, Rosa Ferreira") and says who they are."""
_NAME_ASKED_AFTER = (" short for", *(f"{apostrophe}s {asked}" for apostrophe in "'’" for asked in ASKED_OF_NAME))
# "whats ivans job": a possessive typed without its apostrophe. The name is taken as typed ("ivans"), which the
# people finder forgives as a misspelling of "Ivan", and finds "James" of "whats james job" whole.
_UNMARKED_ASKED_AFTER = tuple(f"s {asked}" for asked in ASKED_OF_NAME)
# "leonie", "leonie job", "ted's occupation": a chat types the name alone, or with what it asks of it and no question
# word. The name "ivans" of "ivans job" is taken as typed, as _UNMARKED_ASKED_AFTER's is.
_ALONE_ASKED_AFTER = (*_NAME_ASKED_AFTER[1:], *(f" {asked}" for asked in ASKED_OF_NAME))
_NOT_A_NAME = frozenset(
    {*QUESTION_WORDS, "is", "was", "are", "were", "did", "does"}
    | {"do", "can", "could", "would", "will", "should", "has", "had", "have", "tell"}
)
"""First words of a question that are no name's: "who did it" is asked, not a name typed alone."""
# "Where is Gethin from?", "What town is Wren from?", "Where was Sébastien born?": asked of a name, answered where the
# story tells where they come from (bot.core.origin_asked), else where it brings them in.
_WHERE_FROM = re.compile(
    r"\s*+(?:where\s*+['’]?s|(?:where|(?:what|which)\s++(?:town|city|country|village|county|island|place|part\s++of"
    r"\s++the\s++world))\s++(?:is|was|are|were|did|does|do))\s++"
)
_ORIGIN_ASKED_AFTER = (
    " from originally",
    *(f"{originally} {asked}" for originally in (" originally", "") for asked in ("come from", "hail from", "from")),
    *(" born", " grow up", " raised", " brought up"),
)
"""What ends a question of where someone comes from, the longer first: "Where is Gethin originally from?"."""
# "What does Dennis do for a living?", "What did Bridie used to do?": asked of a name, the same. The longer endings
# first: "do for a living" would leave "Bridie used to" for the name.
_WHAT_DOES = re.compile(r"\s*+what\s++(?:(?P<now>does)|did|do)\s++")
_FOR_WORK = (" for a living", " for work", " for a job")
_DOES_ASKED_AFTER = (
    *(f"{used} to do{asked}" for used in (" used", " use") for asked in _FOR_WORK),
    *(f" do{asked}" for asked in _FOR_WORK),
    " used to do",
    " use to do",
    " work as",
)
# "What does Priya do?", in the present and with nothing after: what she does for a living, as a chat asks it.
# "What did Priya do?" asks what she did in the story (FairytaleQA asks "What did the hill-troll do?"; none of its
# 9,573 questions asks "What does X do?" of a name alone).
_DOES_NOW = " do"
_NOW_ASKED_AFTER = (*_DOES_ASKED_AFTER, _DOES_NOW)
_NAME_WORDS = 3
"""The most words of a name asked of so: "What does Mary Anne Ellis do?"."""
_MOST_ALONE_CHARS = 80
"""The longest question read as a name typed alone: three names' words and what is asked of them, with room."""
_ASKED_ENDS = "?.!"


@dataclass(frozen=True)
class Correction:
    word: str
    """As the person typed it."""
    replacement: str
    """The library's word searched instead."""


@dataclass(frozen=True)
class PronounReading:
    """Asked of one story, the pronouns of a question read as its lead (bot.core.pronoun_asked): what was typed and
    whom it was taken to mean. No word searched changed, so it is no Correction."""

    pronouns: tuple[str, ...]
    """As typed, folded, each once ("she", "her")."""
    person: str
    """The story's lead, by the name the people finder knows."""


@dataclass(frozen=True, kw_only=True)
class Query:
    text: str
    terms: tuple[str, ...]
    """The analysed terms searched, corrections applied, in question order."""
    weights: dict[str, float]
    """Each distinct searched term's match weight (rare terms weigh more)."""
    missing_weight: float = 0.0
    """The weight of question words no passage holds: a passage can never cover those."""
    kind: AnswerKind = AnswerKind.OTHER
    focus: str | None = None
    """The term of the noun a which-question asks about, if the stories have it."""
    corrections: tuple[Correction, ...] = field(default=())
    pronoun_reading: PronounReading | None = None
    """Asked of one story, the pronouns `text` reads as its lead (bot.core.pronoun_asked), kept for the answer to say
    so: read once a question, where `text` is."""
    unread_text: str = ""
    """Where `pronoun_reading` is, the question with its pronouns as typed: the answer says the reading only where the
    question so asked ranks another passage first."""
    phrases: frozenset[tuple[str, str]] = frozenset()
    """The question's adjacent word pairs, as Analyzer.phrases gives them."""
    named: StoryMentions = field(default_factory=StoryMentions)
    """The stories whose people or title the question names."""
    absent: tuple[str, ...] = ()
    """The terms of the question's real words that no passage holds, each weighing missing_weight's share:
    a passage may still hold a word related in meaning."""
    _sums: dict[frozenset[str], float] = field(default_factory=dict, init=False, repr=False, compare=False)

    def weight_of(self, terms: frozenset[str]) -> float:
        """The summed weight of those of `terms` it searched, kept: the first stage and the signals ask it
        of the same few sets for every candidate and sentence. (fsum is exact, so any order gives it.)"""
        found = self._sums.get(terms)
        if found is None:
            weights = self.weights
            found = self._sums[terms] = math.fsum(weights[t] for t in terms if t in weights)
        return found

    @cached_property
    def total_weight(self) -> float:
        """Computed once: every signal divides by it for every candidate."""
        return sum(self.weights.values()) + self.missing_weight


def question_word_read(question: str, written: Callable[[str], bool]) -> tuple[str, Correction | None]:
    """The question with its question word typed a letter off read as that word ("waht is sophies job" as "what is
    sophies job", "wehn", "hwy", "whcih": bot.core.slips), and the correction that says so; else as it is. The
    spelling corrector corrects only into words the library's index holds, and it holds no question word (a stop
    word): the slip was dropped, and answer_kind, name_asked and the introductions' rules lost the question's shape.
    Only the question's first word that is or may be a question word, as answer_kind reads the first: after it a
    word is what is asked about, a name as likely ("who is Wehn"). A slip no dictionary knows and no story writes
    (`written`), of one question word alone ("hwo" is "who" or "how": left), and no contraction ("whats")."""
    for word, start, end in words(question):
        bare = bare_word(fold(word))
        if bare in QUESTION_WORDS or (bare.endswith(_CONTRACTED_ENDS) and bare[:-1] in QUESTION_WORDS):
            break
        read = slip_of(bare, QUESTION_WORDS, written)
        if read is not None:
            cased = read.upper() if word.isupper() else read.capitalize() if word[:1].isupper() else read
            shown = cased + possessive_end(word)  # "Waht's" as "What's", "WAHT'S" as "WHAT'S"
            return f"{question[:start]}{shown}{question[end:]}", Correction(word, shown)
    return question, None


def answer_kind(question: str) -> AnswerKind:
    folded = fold(question)
    start = _QUESTION_WORD.search(folded)
    if start is None:
        return AnswerKind.OTHER
    rest = folded[start.start() :]
    return next((kind for pattern, kind in _KIND_OPENINGS if pattern.match(rest)), AnswerKind.OTHER)


def _feel_at(question: str) -> int | None:
    """ "feel" in "How did the king feel when ...": it asks for a feeling (two scans, each linear)."""
    how = _HOW.search(question)
    feel = _FEEL.search(question, how.end()) if how else None
    return feel.start() if feel else None


def asks_feeling(question: str) -> bool:
    """ "How did the king feel when ...?" asks for a feeling."""
    return _feel_at(question) is not None


def form_words_at(question: str) -> frozenset[int]:
    """Where the words that say how the question asks start, not what it is about: "many" in "How many
    days did they fight?" (it asks for a number: AnswerKind.NUMBER), "happened" in "What happened
    after the storm?" (it asks for events), "feel" in "How did the king feel ...?" (for a feeling:
    the story says "glad"), "last" in "How long does a shift last?" (for a duration: "five years") and "made" in
    "What is it made of?" (for a material). They are not searched, or every passage saying "many", "long ago",
    "what had happened", "she felt", "at last" or "he made" would match them."""
    found = {m.start(1) for pattern in (_MEASURE, _HAPPEN) for m in [pattern.search(question)] if m}
    measure = _MEASURE.search(question)
    if measure is not None and measure.group(1).casefold() == "long":
        takes = _TAKES.search(question, measure.end()) or _LASTS.search(question, measure.end())
        if takes is not None:
            found.add(takes.start(1))
    what = _WHAT.search(question)
    made = _MADE_OF.search(question, what.end()) if what is not None else None
    if made is not None:
        found.add(made.start(1))
    feel = _feel_at(question)
    return frozenset(found if feel is None else found | {feel})


def focus_word(question: str) -> str | None:
    """The word right after "which", if any."""
    found = _FOCUS.search(fold(question))
    return found.group(1) if found and WORD.fullmatch(found.group(1)) else None


_JOBS = frozenset({"job", "profession", "occupation", "trade", "career"})
"""What asks what someone does for a living, of ASKED_OF_NAME (as "What does X do?" does)."""


@dataclass(frozen=True)
class NameAsked:
    """The name a question asks about (name_asked)."""

    name: str
    alone: bool
    """Typed with no question word ("leonie", "leonie job"): any short question reads so, so only a name the
    stories hold as typed is one."""


def name_asked(question: str) -> NameAsked | None:
    """The name in "Who is X?", "Tell me about X", "What about X", "What is X short for?", "What is X's real (or full,
    last, first) name?", "What is X's job?" (or profession, occupation, trade, career, age; "whats Xs job" as a chat
    types it), "How old is X?", "What does X do for a living?" (or "What does X do?", "What does X work as?"), or
    "What did X used to do?" (folded), on one line; or else the name of a question that is a name alone, or a name
    and what is asked of it with no question word: "leonie", "leonie job", "Ted's occupation" (at most three words).
    Else None.

    Its opening matched, the name is the rest less its trailing spaces and "?.!", found in one pass. The pattern
    `\\s+(.+?)[\\s?.!]*$` tried every split of the rest and, for each, rescanned its spaces: "who is", 980
    spaces and "sofia" on two lines (993 characters, under the question limit) took 2.0 s, holding the GIL, so
    one mention held the bot's event loop that long (bench/bench_question_shapes.py)."""
    asked = _asked_of_person(question)
    return None if asked is None else NameAsked(asked.name, asked.alone)


PersonFact = Literal["job", "earlier job", "age", "origin"]
"""What a question asks of a person that their story may tell away from where it brings them in (bot.core.library)."""


def person_fact_asked(question: str) -> PersonFact | None:
    """What a question of name_asked's shapes asks of the person, read in one pass: their age ("How old is Danny?",
    "What is Abernethy's age?", "ted age"), where they come from ("Where is Gethin from?", "What town is Wren from?",
    "Where was Sébastien born?", "Where did Sophie grow up?"), what they did for a living before the story's time
    (_EARLIER's "before", "originally": "What was Plotz's job before?", "What did Mireille do for a living before she
    turned to crime?", "What was Mireille's old job?", "What was Sheriff Tennant before?"; not "at first", which asks
    of the story's start), or what they do ("What is Ted's job?" or profession, occupation, trade, career, "What does
    Priya do?", "What did Clive do for a living?", "What does Leonie work as?", "leonie job"). None for the rest ("Who
    is X?", "What is X's real name?")."""
    asked = _asked_of_person(question)
    if asked is None:
        return None
    after = asked.after
    if _HOW_OLD.match(fold(question)) is not None or (after is not None and after.split()[-1] == "age"):
        return "age"
    if after is None:
        return None
    if after in _ORIGIN_ASKED_AFTER:
        return "origin"
    if asked.earlier:
        return "earlier job"
    if after in _NOW_ASKED_AFTER or after.endswith(_WAS_BEFORE) or after.split()[-1] in _JOBS:
        return "job"
    return None


_HOW_OLD = re.compile(r"\s*+how\s++old\s")
"""How a question of someone's age opens (_ABOUT_PERSON's "How old is X?")."""
_AT_THE_START = frozenset(
    (*when.split(), *of.split())
    for when in ("at the start", "at the very start", "at the beginning", "at the very beginning", "in the beginning")
    for of in (
        "",
        *(f"of the {work}" for work in ("story", "book", "novel", "film", "movie", "show", "series", "play")),
    )
) | {("at", "first"), *(("when", "the", "story", verb) for verb in ("starts", "begins", "opens"))}
"""What may follow the name of "How old is X?", as words, and asks the age the story tells first, which is where
age_told looks (bot.core.age_asked): "how old is thomas at the start"."""
_AT_THE_START_WORDS = max(map(len, _AT_THE_START))


def _before_the_start(folded: str, start: int, end: int) -> int:
    """Where the name of "How old is X ...?" ends, from `start` to `end`: before words of _AT_THE_START ending it, with
    any spaces between them; else `end`. Each rsplit splits off a few words from the end: linear."""
    for count in range(_AT_THE_START_WORDS, 0, -1):
        name, *said = folded[start:end].rsplit(maxsplit=count)
        if len(said) == count and tuple(said) in _AT_THE_START and name.strip():
            return start + len(name)
    return end


class _PersonAsked(NamedTuple):
    """What a question of name_asked's shapes asks of a person (_asked_of_person)."""

    name: str
    after: str | None
    """What follows the name of what is asked after one ("'s job", "do for a living"), if anything."""
    alone: bool
    """Typed with no question word (NameAsked.alone)."""
    earlier: bool
    """A job asked of before the story's time (_job_asked_of_earlier)."""


def _asked_of_person(question: str) -> _PersonAsked | None:
    """What a question of name_asked's shapes asks of a person, or None."""
    folded = fold(question)
    opening = _ABOUT_PERSON.match(folded)
    asked_after: tuple[str, ...] = ()  # what must follow the name, one of them
    if opening is None:
        opening, asked_after = _WHAT_OF_NAME.match(folded), _NAME_ASKED_AFTER
    if opening is None:
        opening, asked_after = _WHERE_FROM.match(folded), _ORIGIN_ASKED_AFTER
    if opening is None:
        opening = _WHAT_DOES.match(folded)
        asked_after = _NOW_ASKED_AFTER if opening is not None and opening.group("now") else _DOES_ASKED_AFTER
    start, end = (0, len(folded)) if opening is None else (opening.end(), len(folded))
    while end > start and (folded[end - 1].isspace() or folded[end - 1] in _ASKED_ENDS):
        end -= 1
    if opening is None:
        return _alone(folded, start, end)
    if _HOW_OLD.match(folded) is not None:
        end = _before_the_start(folded, start, end)
    asked: str | None = None
    of_earlier = None
    if asked_after:
        of_earlier = _job_asked_of_earlier(folded, start, end, asked_after)
        end, asked = of_earlier[:2] if of_earlier is not None else (end, _asked_ending(folded, start, end, asked_after))
        if asked is None:
            said = opening[0].split()[-1]
            if said == "was" and asked_after is _NAME_ASKED_AFTER:
                return _was_before(folded, start, end, _WAS_BEFORE)
            return _was_before(folded, start, end, _DID_BEFORE) if said == "did" else None
        if asked not in asked_after:  # one of _UNMARKED_ASKED_AFTER
            if any(mark in folded[start:end] for mark in "'’"):
                return None
            asked = asked[1:]  # the name keeps its "s"
        end -= len(asked)
    name = folded[start:end].strip()
    if asked == _DOES_NOW and len(name.split()) > _NAME_WORDS:
        return None  # "What does Karen ask the executioner to do?" asks what she asks
    before = (of_earlier is not None and of_earlier[2]) or (asked is not None and asked.endswith(_EARLIER_JOBS))
    return _PersonAsked(name, asked, False, before) if name and "\n" not in name else None


_TIMES_OF_DAY = ("breakfast", "lunch", "dinner", "supper", "tea", "noon", "midday", "dawn", "dusk", "sunrise", "sunset")
BEFORE_EARLIER = rf"before(?!\s++(?:the\s++)?(?:{'|'.join(_TIMES_OF_DAY)})\b)"
"""A pattern of "before" said of an earlier time, not of one day ("before lunch", "before dawn"): as a question asks
of an earlier job (_EARLIER), and as a story tells one (bot.core.job_asked)."""
_EARLIER = re.compile(
    rf"(?<=\s)(?:(?P<before>{BEFORE_EARLIER}|originally)|at\s++the\s++start|at\s++first|in\s++the\s++beginning)\b"
)
"""What may follow a job asked of a name and asks for an earlier one: "What was Plotz's job before?", "What did
Mireille do for a living before she turned to crime?", "What does Danny do for a living at the start?"; not "before"
a time of day, which asks of one day ("What was Jack's job before lunch?": the chore he does). Asked "before" or
"originally", the first sentence telling what they did before the story's time (bot.core.job_asked's `earlier`)
answers it, else the first telling what they do; asked of the story's start ("at first"), the first telling what
they do, as the story tells things in order ("Danny Reyes is a cab driver", not "By the end, Danny is a chef, as he
had once dreamed")."""


def _asked_ending(folded: str, start: int, end: int, asked_after: tuple[str, ...]) -> str | None:
    """Which of `asked_after` the question ends with at `end`, or after a name (_NAME_ASKED_AFTER) which of
    _UNMARKED_ASKED_AFTER ("whats ivans job"); None if none."""
    asked = next((after for after in asked_after if folded.endswith(after, start, end)), None)
    if asked is None and asked_after is _NAME_ASKED_AFTER:
        asked = next((after for after in _UNMARKED_ASKED_AFTER if folded.endswith(after, start, end)), None)
    return asked


def _job_asked_of_earlier(
    folded: str, start: int, end: int, asked_after: tuple[str, ...]
) -> tuple[int, str, bool] | None:
    """(where the question ends less an _EARLIER clause, the job asked right before it: _asked_ending's, a job word
    or "do for a living", whether it asks of before the story's time: "before", "originally", not "at first"), if it
    asks of a job at an earlier time; else None. One search and a few suffix checks: linear."""
    earlier = _EARLIER.search(folded, start, end)
    if earlier is None:
        return None
    cut = earlier.start()
    while cut > start and folded[cut - 1].isspace():  # the spaces before it, walked once (no regex rescanning them)
        cut -= 1
    asked = _asked_ending(folded, start, cut, asked_after)
    if asked is None or not (asked.endswith(_FOR_WORK) or asked.split()[-1] in _JOBS):
        return None
    return cut, asked, earlier.group("before") is not None


_WAS_BEFORE = (" before", " originally")
"""What may end "What was X ...?" and ask what X did before the story's time with no word for a job: "What was Sheriff
Tennant before?" ("a former Army medic")."""
_DID_BEFORE = tuple(f" do{earlier}" for earlier in _WAS_BEFORE)
"""The same of "What did X ...?": "What did Mireille do before?"; not "What did the king do before he left?", which asks
what he did in the story."""


def _was_before(folded: str, start: int, end: int, endings: tuple[str, ...]) -> _PersonAsked | None:
    """_asked_of_person's reading of "What was X before?" or "What did X do before?" (or "originally": one of
    `endings`), of a name of at most _NAME_WORDS words."""
    asked = next((after for after in endings if folded.endswith(after, start, end)), None)
    if asked is None:
        return None
    name = folded[start : end - len(asked)].strip()
    name_words = name.split()
    if not name_words or len(name_words) > _NAME_WORDS or name_words[-1] == "like" or "\n" in name:
        return None  # "What was the village like before?" asks what it was like
    return _PersonAsked(name, asked, False, True)


def _alone(folded: str, start: int, end: int) -> _PersonAsked | None:
    """_asked_of_person's reading of a question with no opening: a name alone, or with what is asked of it after
    (_ALONE_ASKED_AFTER), of at most _NAME_WORDS words, none of them a question's first word."""
    if end - start > _MOST_ALONE_CHARS:
        return None
    asked = next((after for after in _ALONE_ASKED_AFTER if folded.endswith(after, start, end)), None)
    name = folded[start : end - len(asked or "")].strip()
    said = name.split()
    if not said or len(said) > _NAME_WORDS or said[0] in _NOT_A_NAME or "\n" in name:
        return None
    return _PersonAsked(name, asked, True, asked is not None and asked.endswith(_EARLIER_JOBS))
