"""Where a story tells where someone studied or who taught them: "Where did Sébastien study?", "Who taught Sébastien?".

A plot tells a schooling in passing, often of "her" rather than the name: "As a child, Sébastien's parents encouraged
her passion for music, hiring private tutors to help her hone her skills. Her dedication paid off when she won several
regional competitions, earning her a coveted spot at the prestigious Moscow Conservatory." The question's words are
the name and "study" or "taught", which the story's other passages hold as much ("Years of intense study and practice
led Sébastien"), so the ranking chose another. The first sentence naming the person, by a name or by a pronoun the
story settles as theirs (bot.core.pronoun_asked.pronouns_of), with a place of study marked as theirs ("studied at",
"attended", "went to school", "a spot at", "her years at") or a teacher of theirs ("her tutor", "taught by", "under
the guidance of", "tutors to help her", "Olaf teaches her") answers, where one does. The words for a place of study
and for one who teaches are WordNet's (study_words.txt, derived by scripts/build_study_words.py).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources
from itertools import pairwise

from bot.core.analysis import fold, lemma, load_stopwords, words
from bot.core.kin_asked import WHO_OPENINGS, owned_word
from bot.core.kind_asked import NAME_WORDS, NOT_NAMES, asked_end, inside, is_one_of, owns_a_person
from bot.core.number_words import ORDINALS
from bot.core.people_finder import PREPOSITIONS, kin_words, kinds_of_people
from bot.core.person_forms import forms_pattern, person_forms, person_pattern, shared_forms
from bot.core.pronoun_asked import PRONOUNS
from bot.core.sentences import sentence_spans
from bot.core.slips import POSSESSIVE_ENDS, bare_word

STUDY_FILE = "study_words.txt"
_NOT_NAMES = NOT_NAMES | {"he", "she", "they", "his", "her", "him", "it", "you", "i", "we"}
"""Words that make what is typed no one name: "where did Tom and Mara study", "where did she study"."""

_WHERE = re.compile(r"\s*+where\s++(?:did|does|do|was|is|were|has|have|had)\s++")
_SCHOOLS = ("school", "college", "university", "uni")
"""The places of study a question of where someone went names: "uni" as chats clip "university"."""
_WHERE_ENDS = (
    *(f" {verb}" for verb in ("study", "studied", "studying", "educated", "trained", "train", "schooled")),
    *(f" get {done}" for done in ("educated", "trained")),
    *(f" {go} to {place}" for go in ("go", "gone", "going") for place in (*_SCHOOLS, "study")),
    *(f" attend {place}" for place in _SCHOOLS),
)
"""What ends "Where did X ...?" of a schooling: "study", "go to school", "go to uni", "get educated"; "Where was X
trained?"."""
_TRAINED_ENDS = (" trained", " train")
_WHICH = re.compile(
    r"\s*+(?:which|what)\s++(?:[^\W\d_]++\s++)?(?P<place>[^\W\d_]++)\s++"
    r"(?:(?P<did>did|does|do|was|is|were|has|had)\s++|(?P<taught>trained|taught|educated|admitted|accepted)\s++)"
)
_WHICH_ENDS = (
    *(" attend", " attended", " go to", " study at", " train at", " trained at", " graduate from", " study in"),
    *(" enrol in", " enroll in", " enrol at", " enroll at", " educated at", " attending", " go to school at"),
)
"""What ends "Which school did X ...?": "attend", "go to", "study at"."""
_WHO_TAUGHT = re.compile(
    r"\s*+who\s++(?:(?:taught|teaches|teach|tutored|tutors|trained|trains|coached|coaches|mentored|mentors|educated"
    r"|instructed|schooled)\s++|(?P<did>did|does|do)\s++)"
)
_TAUGHT_ENDS = (" study under", " study with", " learn from", " train under", " train with", " apprentice with")
"""What ends "Who did X ...?" of a teacher: "Who did X study under?"."""
_TO_DO = " to "
"""What follows the name of "Who teaches X to read runes?": a skill asked, which one of several teachers may have
taught, so the question is left to the ranking."""
_PICKS = frozenset({"last", "new", "old", "former", "previous", "current", "present", "latest", "earliest", "next"})
"""Words that, as an ordinal does, pick one teacher of several: "Who was Eva's first teacher?", "X's new tutor"."""


@dataclass(frozen=True)
class StudyAsked:
    """What a question of study_asked's shapes asks."""

    name: str
    """The name asked of, folded, as typed ("sebastien", "the captain", "tom's sister")."""
    teacher: bool
    """Who taught them ("Who taught X?"), not where they studied."""
    trained: bool = False
    """Where they were trained ("Where was X trained?"): of an athlete or a soldier too, whose scholarship or posting
    tells no training, so only a strong mark of schooling answers."""


def study_asked(question: str) -> StudyAsked | None:
    """The name and what is asked of "Where did X study?" (or "go to school", "go to college", "go to university",
    "go to uni", "go to study", "attend school"; "Where was X educated?", "trained"), "Which school did X attend?" (or
    a kind of school of study_words.txt, one word before it allowed: "university", "high school"; "go to", "study at";
    "Which academy trained X?"), "Who taught X?" (or teaches, tutored, trained, coached, mentored), "Who did X
    study under?" and "Who was X's teacher?" (or a word for one who teaches: tutor, mentor, coach); None for any other
    question, for a skill asked ("Who taught X to read the stars?") or one teacher picked of several ("X's first
    teacher"), where the ranking reads the words the rule would drop, or a name of more than three words or more than
    one person. A match and a few suffix checks: linear."""
    folded = fold(question)
    end = asked_end(folded)
    found = _WHERE.match(folded, 0, end)
    if found is not None:
        asked = _asked(folded, found.end(), end, _WHERE_ENDS, teacher=False)
        trained = any(folded.endswith(ending, 0, end) for ending in _TRAINED_ENDS)
        return None if asked is None else StudyAsked(asked.name, teacher=False, trained=trained)
    found = _WHICH.match(folded, 0, end)
    if found is not None:
        if found.group("place") not in places() and found.group("place").removesuffix("s") not in places():
            return None
        if found.group("taught"):
            return _named(folded[found.end() : end], teacher=False)
        return _asked(folded, found.end(), end, _WHICH_ENDS, teacher=False)
    found = _WHO_TAUGHT.match(folded, 0, end)
    if found is not None:
        if found.group("did"):
            return _asked(folded, found.end(), end, _TAUGHT_ENDS, teacher=True)
        if folded.find(_TO_DO, found.end(), end) >= 0:
            return None  # "who taught jakob to read the stars": the skill picks the teacher
        return _named(folded[found.end() : end], teacher=True)
    return _teacher_owned_asked(folded[:end])


def _teacher_owned_asked(folded: str) -> StudyAsked | None:
    """The name of "Who was X's teacher?" (or a word of teachers(); "whos Xs tutor", the possessive typed bare, the
    name as typed), as bot.core.kin_asked reads "Who is X's father?", one word allowed before the teacher ("X's piano
    teacher"); None for another question, or the teacher of X's relative ("who was tom's sister's tutor")."""
    said = [word.replace("’", "'") for word, _, _ in words(folded)]
    opening = next((o for o in WHO_OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None or not said or not _is_teacher(said[-1]):
        return None
    rest = said[len(opening) :]
    if any(word in ORDINALS or word in _PICKS for word in rest[:-1]):
        return None  # "Who was Eva's first teacher?" picks one of several
    if len(rest) > 2 and not _is_teacher(rest[-2]) and not rest[-2].endswith(POSSESSIVE_ENDS):
        rest = [*rest[:-2], rest[-1]]  # "X's piano teacher"
    owned = owned_word(rest, ((),), _is_teacher)
    return None if owned is None else _named(owned[0], teacher=True)


def _asked(folded: str, start: int, end: int, endings: tuple[str, ...], *, teacher: bool) -> StudyAsked | None:
    """The name between `start` and one of `endings` at `end`."""
    ending = next((ending for ending in _longest_first(endings) if folded.endswith(ending, start, end)), None)
    return None if ending is None else _named(folded[start : end - len(ending)], teacher=teacher)


@cache
def _longest_first(endings: tuple[str, ...]) -> tuple[str, ...]:
    """The endings, the longer first: "go to study" before "study"."""
    return tuple(sorted(endings, key=len, reverse=True))


def _named(name: str, *, teacher: bool) -> StudyAsked | None:
    """The name typed, at most NAME_WORDS words and none a stop word but "the" opening a role ("the captain"); a
    relative's ("Tom's sister") too, whom the library reads as the sister (bot.core.library's _person_asked)."""
    said = name.split()
    named = said[1:] if said[:1] == ["the"] else said
    if not named or len(said) > NAME_WORDS or any(word in _NOT_NAMES or word in load_stopwords() for word in named):
        return None
    return StudyAsked(" ".join(said), teacher)


@cache
def _study_words() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """study_words.txt's three lines: the words for a place of study, for one who teaches, and those of the second
    that name a made thing too."""
    text = resources.files("bot.core").joinpath(STUDY_FILE).read_text("utf-8")
    school, teacher, thing = (
        frozenset(line.split()) for line in text.splitlines() if line and not line.startswith("#")
    )
    return school, teacher, thing


def places() -> frozenset[str]:
    """The words for a place of study: "school", "academy", "conservatory", "university"."""
    return _study_words()[0]


def teachers() -> frozenset[str]:
    """The words for one who teaches: "teacher", "tutor", "instructor", "governess", "mentor", "coach"."""
    return _study_words()[1]


def _things_too() -> frozenset[str]:
    """The words of teachers() that name a made thing too: "coach", a carriage ("her golden coach turns back into a
    pumpkin", "Mr Darcy sends a coach for Elizabeth")."""
    return _study_words()[2]


_PLACE_MARK = re.compile(
    r"\b(?:(?P<strong>stud(?:y|ied|ies|ying)\s++(?:at|in)"
    r"|(?:enrol(?:led|ls|ling)?|enroll(?:ed|s|ing)?|educated|graduat(?:ed|es|ing|e)|admitted|alumn(?:us|a))"
    r"\s++(?:at|in|into|to|from|of)|train(?:ed|ing)\s++(?:at|in)|attend(?:ed|s|ing)?)"
    r"|stud(?:y|ied|ies|ying)\s++(?:(?!(?:the|a|an|his|her|their|its|this|that|these|those)\s)[^\W\d_]++\s++){1,2}?"
    r"(?:at|in)"
    r"|(?:accepted|admission|acceptance|place|spot|seat|scholarship|years|days|time)\s++(?:at|in|into|to|from|of)"
    r"|(?P<pupil>student|pupil)\s++(?:at|in|of)"
    r"|(?P<sent>sent)\s++(?:away\s++)?+to|(?P<went>went|going|gone)\s++(?:back\s++)?+to|(?:goes|go)\s++(?:back\s++)?+to)"
    r"(?![\w'’-])",
    re.IGNORECASE,
)
"""Words marking a place of study after them as someone's: strong, of schooling alone ("studied at", "attended",
"enrolled in", "graduated from", "admitted to", "trained at"), or weak, of a visit or a post too ("a spot at", "a
scholarship to", "her years at", "a pupil at", "sent to", "went to", "goes to") or of a thing studied that may be
looked at ("studied nursing at", "studied CCTV footage at"; not "studied the letters at" at all)."""
_PUPIL_OF = re.compile(r"(?:,|\b(?:is|was|are|were|be|been|becomes|became))\s++(?:a|an)\s++(?:[^\W\d_]++\s++)?$")
"""What comes before "student at" telling the person one: "Ivy, a pupil at", "Ivy is a bright student at"; not "she
interviews a student at"."""
_PUPIL_REACH = 40
_ERRAND = re.compile(r"\s++(?:to\s++(?!(?:the|a|an)\b)[a-z]|for\b|as\b)")
"""What follows a place of study reached for another errand than study: "goes to Ashford College to interview the
dean", "finds a place at the university for her nephew", "twenty years at Ashford College as a lecturer"."""
_TEACHER_MARK = re.compile(
    r"\b(?:(?:taught|tutored|trained|coached|mentored|schooled|instructed|educated)\s++by|stud(?:y|ied|ies|ying)"
    r"\s++(?:under|with)|apprenticed\s++to|under\s++the\s++(?:guidance|tutelage|instruction|mentorship)\s++of)"
    r"(?![\w'’-])",
    re.IGNORECASE,
)
"""Words saying someone was taught, by whoever follows: "taught by", "studied under", "under the guidance of"."""
_TEACHES = re.compile(
    r"(?<!\bthe )(?<!\ba )(?<!\ban )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )(?<!\bour )(?<!\bmy )(?<!\byour )"
    r"\b(?:taught|teach(?:es|ing)?|tutor(?:s|ed|ing)|train(?:s|ed|ing)?|coach(?:es|ed|ing)?|mentor(?:s|ed|ing)?"
    r"|instruct(?:s|ed|ing)?|educat(?:es|ed|ing))\s++",
    re.IGNORECASE,
)
"""A verb of teaching before whom it teaches: "Olaf teaches her", "tutored Nell"; not a noun after an article or a
possessive ("Tom misses the train Anna catches", "her coach Olaf")."""
_FOR_THEM = re.compile(r"\s++(?:for|to\s++(?:help|teach|train|coach|instruct|tutor))\s++", re.IGNORECASE)
"""What follows a teacher hired for someone: "tutors to help her", "a governess for Nell"."""
_BETWEEN = 4
"""The most words between a mark and the place of study it marks: "a spot at the prestigious Moscow Conservatory"."""
_ARTICLES = frozenset({"the", "a", "an"})
_POSSESSIVE_PRONOUNS = frozenset({"her", "his", "their"})
"""The possessive pronouns: owners of a teacher ("her tutor") or a relative ("her son"), and the small words a place
of study may follow ("attended his local school")."""
_MODIFIERS = 2
"""The most words between a possessive and a teacher of theirs: "her private piano tutor"."""


def study_told(
    texts: Sequence[str],
    name: str,
    others: Sequence[str] = (),
    pronouns: frozenset[str] | None = None,
    *,
    teacher: bool = False,
    trained: bool = False,
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first naming the person (by a form of their name, bot.core.person_forms, but
    no surname alone: "Dr. Whitcombe trained at Edinburgh" may be the father the finder did not list; or its
    possessive; `others` the story's other people) and, as theirs, a place of study (a word of places() after
    a mark of _PLACE_MARK) or, asked of a `teacher`, one who taught them (a mark of _TEACHER_MARK, a word of
    teachers() after their possessive or before "for" them, or a verb of teaching before them); None where none does.
    Whose a mark is: the person named or told last before it in its sentence, or else first after the clause it opens
    (_whose). A pronoun of the person's `pronouns` (None where the story does not settle them: then no pronoun is
    theirs) is theirs where they are the person named last before it, or after a verb of teaching where another
    named teaches and they were told before in the sentence; another pronoun is another's. A strong mark of schooling
    anywhere in the story answers before a weak one ("had studied at Durham University" before "goes to Ashford
    College"), and asked where they were `trained`, only a strong one does; but one in a sentence telling them by a
    pronoun alone, whose owner is less sure, ranks below any in a sentence naming them ("Alice, who goes to the
    village school" before "she was admitted to the Royal College of Surgeons"). Asked of a teacher, one no one is named
    of ("her headmistress thinks") is a weak mark. Where a pronoun of theirs said after another was named since them
    would tell it strongly ("Her coach, Henry Dale" after "Lily is spotted by Henry Dale"), only a sure pronoun's
    strong sentence answers, else None: the person is in doubt, and a weak sentence no better answer."""
    patterns = mention_patterns(name, others)
    if patterns is None:
        return None
    own, rival = patterns
    named = NamedInTurn()
    found: dict[tuple[bool, _Told], tuple[int, str]] = {}  # the first sentence of each (naming them, how told)
    doubted = False  # whether a sentence would tell it strongly were a pronoun in doubt theirs
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            mentions = named.read(sentence, own, rival, pronouns)
            if any(mine for _, _, mine in mentions):
                told = _told(sentence, mentions, teacher)
                by_name = any(mine and fold(sentence[at:stop]) not in PRONOUNS for at, stop, mine in mentions)
                if told is _Told.STRONG and by_name:
                    return index, sentence
                if told is _Told.STRONG or (told is _Told.WEAK and not trained):
                    found.setdefault((by_name, told), (index, sentence))
            if named.in_doubt and not doubted:
                maybe = [(at, end, mine or at in named.in_doubt) for at, end, mine in mentions]
                doubted = _told(sentence, maybe, teacher) is _Told.STRONG
    ranked = ((False, _Told.STRONG),) if doubted else ((True, _Told.WEAK), (False, _Told.STRONG), (False, _Told.WEAK))
    return next((found[rank] for rank in ranked if rank in found), None)


class _Told(Enum):
    """How a sentence tells a place of study of the person's: by a mark of schooling alone ("studied at"), or by one of
    a visit or a post too ("went to", "years at")."""

    NOT = 0
    WEAK = 1
    STRONG = 2


_Mention = tuple[int, int, bool]
"""Where a mention of someone stands, and whether it is the person's."""


def mention_patterns(name: str, others: Sequence[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None] | None:
    """What NamedInTurn.read finds the person's names and the story's `others`' by: each form of theirs
    (bot.core.person_forms, without the surname: a given name no other shares) whole or possessive, and the others'
    (None where none has a form); None for a name of titles alone."""
    own = person_pattern(name, others, surname=False)
    if own is None:
        return None
    theirs = shared_forms([name])
    other_forms = [form for other in others for form in person_forms(other, theirs, surname=False) or ()]
    return own, forms_pattern(other_forms) if other_forms else None


class NamedInTurn:
    """Who was named last as a story is read, sentence by sentence: whose a pronoun is."""

    def __init__(self) -> None:
        self.last: bool | None = None
        """Whether the person is the one named last; None before anyone is."""
        self.seen = False
        """Whether the person has been named."""
        self.in_doubt: set[int] = set()
        """Where the last sentence read holds a pronoun of theirs said after another was named since them, which
        may be either's: "Her coach, Henry Dale" after "Lily is spotted by Henry Dale" (pronoun_asked gives side
        characters the lead's pronouns, so the other's pronouns cannot settle it)."""

    def read(
        self, sentence: str, own: re.Pattern[str], rival: re.Pattern[str] | None, pronouns: frozenset[str] | None
    ) -> list[_Mention]:
        """The sentence's mentions of people in order: names (another's within the person's is theirs: "Tess
        Quigley" holds no other "Tess") and pronouns, each the person's or not. A pronoun after a verb of teaching
        is whom another teaches: theirs where _taught_by_another names one and they were told before. Their pronoun
        said where another was named since them is in doubt (in_doubt)."""
        mine = [found.span() for found in own.finditer(sentence)]
        starts, ends = [start for start, _ in mine], [end for _, end in mine]
        spans = {start: (end, True) for start, end in mine}
        if rival is not None:
            for found in rival.finditer(sentence):
                if not inside(found.span(), starts, ends):
                    spans.setdefault(found.start(), (found.end(), False))
        for word, start, end in words(sentence):
            if fold(word) in PRONOUNS:
                spans.setdefault(start, (end, False))
        taught = {found.end(): found.start() for found in _TEACHES.finditer(sentence)}
        mentions: list[_Mention] = []
        self.in_doubt = set()
        told_before = False  # whether a mention so far is theirs
        for start in sorted(spans):
            end, theirs = spans[start]
            said = fold(sentence[start:end])
            if said in PRONOUNS:
                if start in taught:
                    told = told_before and _taught_by_another(sentence, mentions, taught[start])
                else:
                    told = bool(self.last)
                    if self.seen and not told and pronouns is not None and said in pronouns:
                        self.in_doubt.add(start)
                theirs = pronouns is not None and said in pronouns and told
            else:
                self.seen = self.seen or theirs
                self.last = theirs
            mentions.append((start, end, theirs))
            told_before = told_before or theirs
        return mentions


_SUBJECT_TO_VERB = re.compile(r"(?:,?+\s++who)?+\s++")
"""Between the one who teaches and the verb: "Olaf, who teaches", "Tam teaches"."""


def _taught_by_another(sentence: str, mentions: list[_Mention], verb: int) -> bool:
    """Whether the mention right before the verb of teaching starting at `verb` (the last of `mentions`) is another
    named, who teaches: "Olaf, who teaches her", "Tam teaches her"; not "she teaches her", "Carmela takes a liking to
    Nora and teaches her". The person told earlier in the sentence is whom they teach ("Nell meets Olaf, who teaches
    her"; not "Garrity, who teaches him to ride" of anyone but the Caleb named before)."""
    if not mentions:
        return False
    start, end, theirs = mentions[-1]
    return (
        not theirs
        and fold(sentence[start:end]) not in PRONOUNS
        and bool(_SUBJECT_TO_VERB.fullmatch(sentence, end, verb))
    )


def _told(sentence: str, mentions: list[_Mention], teacher: bool) -> _Told:
    """How the sentence tells a place of study of the person's (or, asked of a `teacher`, a teacher of theirs)."""
    return _teacher_told(sentence, mentions) if teacher else _place_told(sentence, mentions)


def _place_told(sentence: str, mentions: list[_Mention]) -> _Told:
    """How the sentence tells a place of study of the person's: a weak mark only where the place is reached for no
    other errand (_ERRAND), and a "pupil at" only where it is said of someone (_PUPIL_OF)."""
    starts = [start for start, _, _ in mentions]
    comma = sentence.find(",")
    told = _Told.NOT
    for found in _PLACE_MARK.finditer(sentence):
        place_end = _place_after(sentence, found)
        if place_end < 0 or not _whose(sentence, comma, starts, mentions, found.start(), found.end()):
            continue
        if found.group("strong"):
            return _Told.STRONG
        if found.group("pupil") and not _PUPIL_OF.search(sentence, max(0, found.start() - _PUPIL_REACH), found.start()):
            continue
        named = _PLACE_NAME.match(sentence, place_end)
        if not _ERRAND.match(sentence, place_end if named is None else named.end()):
            told = _Told.WEAK
    return told


_PLACE_NAME = re.compile(r"(?:\s++(?:of\s++(?:the\s++)?+)?+[A-Z][\w'’-]*+)*+")
"""The rest of a place of study's name, if any: "College" of "Ashford College", "of Bern" of "the University of
Bern"."""


def _teacher_told(sentence: str, mentions: list[_Mention]) -> _Told:
    """How the sentence tells a teacher of the person's: weakly by a teacher of theirs no one is named ("her
    headmistress thinks running is unladylike"), which a named one elsewhere beats."""
    starts = [start for start, _, _ in mentions]
    comma = sentence.find(",")
    if any(
        _whose(sentence, comma, starts, mentions, found.start(), found.end())
        for found in _TEACHER_MARK.finditer(sentence)
    ):
        return _Told.STRONG
    told = _Told.NOT
    for start, end, mine in mentions:
        if not mine:
            continue
        owned = _teacher_owned(sentence, start, end, mentions)
        if owned is _Told.STRONG:
            return owned
        if owned is _Told.WEAK:
            told = owned
            continue
        if _owns_another(sentence, start, end):
            continue  # "a tutor for his son", "for Tom's son"
        hired = _FOR_THEM.search(sentence, max(0, start - _REACH), start)
        if hired is not None and hired.end() == start and _teacher_ends(sentence, hired.start()):
            return _Told.STRONG
        taught = _TEACHES.search(sentence, max(0, start - _REACH), start)
        if taught is not None and taught.end() == start and not sentence.endswith(POSSESSIVE_ENDS, 0, end):
            return _Told.STRONG  # not "Ben trains Lily's horses", which teaches the thing owned
    return told


_REACH = 40
"""The most characters read before a mention for what teaches them: "hiring private tutors to help "."""


_FIRST_WORD = re.compile(r"\w")


def _whose(sentence: str, comma: int, starts: list[int], mentions: list[_Mention], start: int, end: int) -> bool:
    """Whether the mark from `start` to `end` is the person's: the mention last before it is theirs and owns no other
    person ("Her son attends Hillside Primary School", "Tom Reyes, whose sister studied at Oxford"), or with none
    before, where it opens the sentence, the first after its first clause's `comma` (the sentence's first, -1 for
    none): "Under the guidance of Olaf, Nell learned"; not "Jade studied at a maths academy in Taipei before her
    family moved", whose subject is no one the story's people name."""
    before = bisect_left(starts, start) - 1
    if before >= 0:
        mention_start, mention_end, theirs = mentions[before]
        return (
            theirs
            and not _owns_person(sentence, mention_start, mention_end)
            and not _others_between(sentence, max(mention_end, start - _REACH), start)
            and not _after_preposition(sentence, mention_start)
        )
    first_word = _FIRST_WORD.search(sentence)
    if first_word is None or first_word.start() < start:
        return False  # "At the regatta, Duncliffe faces St. Aldric's College, coached by Fenella's rival, Harriet"
    after = bisect_left(starts, end if comma < 0 else comma)
    return after < len(mentions) and mentions[after][2]


_WORD_BEFORE = re.compile(r"([^\W\d_]++)\s++$")
"""The word right before a mention."""


def _after_preposition(sentence: str, start: int) -> bool:
    """Whether the mention starting at `start` follows a preposition, the object of another's doing, not who does
    what follows: "Priya Shah also studies with Nadia and wants to go to the Royal College of Music"."""
    before = _WORD_BEFORE.search(sentence, max(0, start - _REACH), start)
    return before is not None and fold(before.group(1)) in PREPOSITIONS


_PLURAL_ENDS = ("s", "men")
"""How a plural of a kind of people ends: "girls", "women"."""


def _others_between(sentence: str, start: int, end: int) -> bool:
    """Whether a plural of a kind of people, followed by a small word, stands between `start` and `end`: whom the
    mark after it tells of, not the person before ("she campaigned for women to be admitted to the Academy"; not
    "Danny receives a sports scholarship", a modifier)."""
    said = [fold(word) for word, _, _ in words(sentence[start:end])]
    stop = load_stopwords()
    for folded, following in pairwise(said):
        plain = lemma(folded)
        plural = plain != folded and folded.endswith(_PLURAL_ENDS)  # not "had", whose lemma "have" names people too
        if plural and following in stop and (plain in kinds_of_people() or plain in kin_words()):
            return True
    return False


def _place_after(sentence: str, mark: re.Match[str]) -> int:
    """Where a place of study following the mark ends (-1 for none): within _BETWEEN words, through articles (not
    after "went to": "went to the school to find Anna" is a visit; after "goes to", a habit, they are: "Alice, who
    goes to the village school"), adjectives and names but no other small word or
    another's possessive ("her brother's school"), and no noun's modifier ("the school hall")."""
    said = words(sentence[mark.end() : mark.end() + 120])
    stop = load_stopwords()
    for at, (word, _, end) in enumerate(said[: _BETWEEN + 1]):
        folded = fold(word)
        if folded in places() or (folded.endswith("s") and folded[:-1] in places()):
            following = said[at + 1][0] if at + 1 < len(said) else ""
            modifier = following.islower() and fold(following) not in stop
            return mark.end() + end if not modifier or fold(following) in places() else -1
        if folded in _ARTICLES and not mark.group("went"):
            continue
        if (folded in stop and folded not in _POSSESSIVE_PRONOUNS) or folded.endswith(POSSESSIVE_ENDS):
            return -1
    return -1


def _teacher_owned(sentence: str, start: int, end: int, mentions: list[_Mention]) -> _Told:
    """How a teacher follows the possessive mention from `start` to `end` within _MODIFIERS words, no other kind of
    person between ("her tutor", "Nell's piano teacher"; not "her assistant coach", "Mara's fellow teachers") and none
    after it ("her missionary parents"): STRONG with one of the story's people said of it ("Her coach, Henry Dale"),
    else WEAK ("her headmistress thinks"), or NOT."""
    said = fold(sentence[start:end])
    if not (sentence.endswith(POSSESSIVE_ENDS, 0, end) or said in _POSSESSIVE_PRONOUNS):
        return _Told.NOT
    if owns_a_person(sentence, end, teachers(), pronoun=True):
        return _Told.NOT
    stop = load_stopwords()
    following = words(sentence[end : end + 80])
    for at, (word, _, word_end) in enumerate(following[: _MODIFIERS + 1]):
        folded = fold(word)
        if _is_teacher(folded):
            named = _named_after(sentence, end + word_end, mentions)
            if folded in _things_too() and not named:
                return _Told.NOT  # "her golden coach turns back into a pumpkin", "Her coach, Bristol-bound, overturns"
            after = bare_word(fold(following[at + 1][0])) if at + 1 < len(following) else ""
            if is_one_of(after, kin_words()) or is_one_of(after, kinds_of_people()):
                return _Told.NOT
            return _Told.STRONG if named else _Told.WEAK
        if folded in stop or not word.islower():
            return _Told.NOT
    return _Told.NOT


_NAMED_AFTER = re.compile(r"(?:\s*+,|\s++(?:is|was))\s++")
"""What comes between a word and a name said of it: "Her coach, Olaf Berg", "Nell Pryce's coach is Olaf"."""


def _named_after(sentence: str, at: int, mentions: list[_Mention]) -> bool:
    """Whether one of the story's people (a name of `mentions`, not a pronoun) is said of the word ending at `at`:
    "Her coach, Olaf Berg"; not "Her coach, Bristol-bound and overloaded, overturns", "Her coach is London's
    fastest"."""
    between = _NAMED_AFTER.match(sentence, at)
    if between is None:
        return False
    return any(start == between.end() and fold(sentence[start:end]) not in PRONOUNS for start, end, _ in mentions)


_WHOSE_AFTER = re.compile(r",?+\s++whose(?![\w'’-])")
"""A relative clause owning what follows: "Tom Reyes, whose sister"."""


def _owns_person(sentence: str, start: int, end: int, teacher: frozenset[str] = frozenset()) -> bool:
    """Whether the mention from `start` to `end` is a possessive of a relative or another kind of person ("her son",
    "Mara's brother"), or is followed by "whose" and one ("Tom Reyes, whose sister"); no `teacher` word counts."""
    whose = _WHOSE_AFTER.match(sentence, end)
    if whose is not None:
        return owns_a_person(sentence, whose.end(), teacher, pronoun=True)
    return owns_a_person(sentence, end, teacher, pronoun=fold(sentence[start:end]) in _POSSESSIVE_PRONOUNS)


def _owns_another(sentence: str, start: int, end: int) -> bool:
    """Whether the mention from `start` to `end` is a possessive of another person ("his son", "Tom's son"), or
    "his", never whom something is done to."""
    return fold(sentence[start:end]) == "his" or _owns_person(sentence, start, end, teachers())


def _teacher_ends(sentence: str, at: int) -> bool:
    """Whether the word ending at `at` is one for one who teaches, or their plural: "private tutors"."""
    said = words(sentence[max(0, at - 30) : at])
    if not said or said[-1][2] != min(30, at):
        return False
    folded = fold(said[-1][0])
    return _is_teacher(folded) and folded not in _things_too()  # "Mr Darcy sends a coach for Elizabeth"


def _is_teacher(folded: str) -> bool:
    return folded in teachers() or (folded.endswith("s") and folded[:-1] in teachers())
