"""Where a story tells what someone does, for "What is Ted's job?" and "What does Priya do?".

A plot says who someone is where it brings them in ("Dennis Hollister, a nervous dental hygienist"), and a
question of their job is answered there (bot.core.introductions). But some are brought in by name alone and told
later: "Gaz's wedding to Priya Raman", then "Priya, who is a surgeon"; "a boy called Edmund, [...] whom everybody
called Ted", then "Ted became a moderately successful composer". The first sentence saying what kind of person
they are, right after their name, answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.analysis import fold
from bot.core.people_finder import described_head, kin_words
from bot.core.person_forms import person_pattern
from bot.core.query import BEFORE_EARLIER
from bot.core.sentences import sentence_spans

# What says what kind of person someone is, right after their name: "Priya, who is a surgeon", "Ted became a
# composer", "Clive, who worked as a postman", "Martin Cole had once been a sailor", "Dennis Hollister, a nervous
# dental hygienist, is", "Ted Gower, the postman,". After a comma alone the description must close as an apposition
# does, at a comma or a sentence's end, with no verb of its own: '"Ted, a doctor is here," she called' speaks to Ted,
# and "Ted, the baker and the priest" lists three.
_SAID_TO_BE = re.compile(
    r"(?:(?:,? who)?,? (?:is|was|(?:had|has)(?: once)? been|was once|became|becomes|works as|worked as) (?:a|an|the)"
    r"|(?P<apposed>, (?:a|an|the))) (?P<described>[^.,;:!?\n\"“”]{1,90})(?P<closed>[,.;!?]|$)?"
)
_MOST_CHARS_READ = 130
"""How far after a name _SAID_TO_BE reads: its opening and a description of at most 90 characters, "Kasimir Plotz, a
mild-mannered municipal plumber from the provincial town of Dorbek," (66) among them."""
_VERBS_OF_A_CLAUSE = frozenset({"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could"})
NO_JOBS = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "child",
        "baby",
        "lad",
        "lass",
        "teenager",
        "youngster",
        "person",
        "gentleman",
        "lady",
        "fellow",
        "kid",
        "adult",
        "friend",
        "neighbour",
        "neighbor",
        "stranger",
        "widow",
        "widower",
        "orphan",
        "twin",
        "member",
        "bride",
        "groom",
        "bridegroom",
        "guest",
        "host",
        "hostess",
        "victim",
        "hero",
        "heroine",
        "villain",
        "fool",
        "heir",
        "heiress",
        "tenant",
        "girlfriend",
        "boyfriend",
        "fiance",
        "fiancee",
        "lover",
        "sweetheart",
        "suspect",
        "witness",
        "prisoner",
        "patient",
        "visitor",
        "survivor",
        "favourite",
        "favorite",
        "rival",
        "enemy",
        "ally",
        "partner",
        "newcomer",
        "coward",
        "genius",
        "beauty",
        "drunk",
        "drunkard",
        "liar",
        "gossip",
        "regular",
        "native",
        "local",
        "resident",
        "citizen",
        "owner",
        "customer",
        "client",
        "passenger",
        "spectator",
        "fan",
        "admirer",
    }
)
"""Words for a kind of person that say who someone is to others, or what they are like, and nothing of what they do
for a living ("Priya was the bride", "Ted was a fool with money", "Margaret, a widow"), beside kin."""


_TOLD_OF_EARLIER = re.compile(
    rf"\b(?:{BEFORE_EARLIER}|(?<!at )once(?!\s++(?:a|an|upon|more|again)\b)"
    r"|former|formerly|had been|used to|previously|originally)\b",
    re.IGNORECASE,
)
"""A word that puts what a sentence tells before the story's time: "Before she turned to crime, Mireille worked as a
seamstress", "Tom Hale had once been a sailor"; not "before" a time of day, nor "once a week", "once upon a time" or
"at once" ("Anna Berg is a nurse who starts work before dawn")."""


_OPENING_QUOTES = frozenset('"“‘')
"""A name right after one of these opens a spoken line and, with a comma after it, is spoken to."""
_AGED = ("-year-old", "-years-old")
"""How a head word that is someone's age ends: "Elsie Park, a sullen fifteen-year-old who blames her father"."""
_NO_JOB_HEADS = frozenset({"youngest", "eldest", "oldest", "younger", "elder", "older", "middle", "only"})
"""Words the people finder reads as a description's head that tell someone's place among siblings, not a job: "Tom
Brandt, the youngest of seven children born to a poor family of weavers"."""


def job_told(
    texts: Sequence[str], name: str, others: Sequence[str] = (), earlier: bool = False
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first saying what someone of this name does, right after their full name,
    their first name or a nickname written within it ('Rosaleen "Ro" Mahon'); None where none does. A surname alone
    is left out: "Mara Lindqvist" is no "Lindqvist, a teacher", her brother; and so is a first name a word of one of
    `others`, the story's other people ("Ted, a postman" may be Ted Jones, not Ted Smith). Asked of an `earlier`
    job, the first such sentence that puts it before the story's time (_TOLD_OF_EARLIER) if one does: "Mireille
    Dufour is a notorious jewel thief", then "Before she turned to crime, Mireille worked as a seamstress"."""
    pattern = person_pattern(name, others, possessive=False, surname=False)
    if pattern is None:
        return None
    first: tuple[int, str] | None = None
    for index, text in enumerate(texts):
        for found in pattern.finditer(text):
            if says_what_someone_does(text, found.start(), found.end()):
                told = index, sentence_at(text, found.start())
                if not earlier or _TOLD_OF_EARLIER.search(told[1]):
                    return told
                first = first or told
    return first


def says_what_someone_does(text: str, start: int, end: int) -> bool:
    """Whether the words right after a name from `start` to `end` say what kind of person they are by a word for
    what they do: not by their kin, age, sex, place among siblings or part in others' lives (NO_JOBS, _NO_JOB_HEADS,
    "a sullen fifteen-year-old")."""
    said = description_after(text, start, end)
    if said is None:
        return False
    head = described_head(said.group("described"))
    if head is None or head[1] != "person":
        return False
    word = fold(head[0].strip("'’-"))
    if word.endswith(_AGED):
        return False
    return not {word, word.removesuffix("s")} & (kin_words() | NO_JOBS | _NO_JOB_HEADS)


def description_after(text: str, start: int, end: int) -> re.Match[str] | None:
    """What the words right after a name from `start` to `end` say the person is, its group "described" the words
    after the article ("Clara Voss, a cellist,": "cellist"; "Sophie Lang is the daughter of a pianist": "daughter of a
    pianist"), or None: not a vocative ('"Ned, the doctor says you must stay in bed"', "Ted, a doctor is here") or a
    list ("Ted, the baker and the priest"), which name no apposition."""
    said = _SAID_TO_BE.match(text, end, end + _MOST_CHARS_READ)
    if said is None:
        return None
    words = said.group("described").split()
    if said.group("apposed") and (
        said.group("closed") is None
        or " and " in said.group("described")
        or _VERBS_OF_A_CLAUSE.intersection(words)
        or text[start - 1 : start] in _OPENING_QUOTES
    ):
        return None
    return said


def sentence_at(text: str, at: int) -> str:
    return next((text[start:end] for start, end in sentence_spans(text) if start <= at < end), text)
