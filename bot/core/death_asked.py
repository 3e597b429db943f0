"""Where a story tells how someone died, for "How did Clara die?", "How was Bobby killed?" or "What happened to Zupan?".

A plot tells a death once, in the sentence that says how it came ("Clara was found dead at the bottom of the old
quarry", "a sniper kills Bobby in the orchard"), and mentions it often after ("after Clara's death"), so the passages
most like the question's words ("Clara", "die") are as likely the later ones. The first sentence telling the person's
death as its subject or object, by name, answers, or their body found or the manner of it ("the drowning of their
youngest son, Toby"); else the first telling it in passing ("Tom Reed, who died in the war"); where none does, the
ranking does. A pronoun is read as no one's: which of the story's people a "he" or "her" stands for is too often
misread, and a killer would be given the death of "him" he kills. A death threatened, feared, faked, survived, said
or someone else's is none: only a few words of being ("is", "was found", "finally") may stand between the person and
the word telling their death, so "nearly drowns", "is presumed dead", "would die", "tries to kill him" and "Clara
watches Tom die" are not Clara's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.core.analysis import fold, words
from bot.core.kin_asked import KIN
from bot.core.letter_lines import MONTHS
from bot.core.people_finder import HONORIFICS, kinds_of_people
from bot.core.person_forms import person_pattern
from bot.core.pronoun_subject import Pronouns, clause_subject, name_words, opening_subject, stands_for
from bot.core.sentences import sentence_spans
from bot.core.time_words import DAY_TIME_WORDS, SEASON_WORDS, SPAN_WORDS

_AUXILIARIES = frozenset({"did", "does", "do", "was", "is", "were", "are", "has", "had"})
_ADVERBS_ASKED = frozenset({"really", "actually", "exactly", "finally", "eventually", "still"})
_DYING_ASKED = (("die",), ("died",), ("dies",), ("killed",), ("murdered",), ("get", "killed"), ("be", "killed"))
"""What ends "How did X ...?" asking how X died."""
_ENDING_ASKED = (("end", "up"),)
"""What ends "How does X ...?" asking what becomes of X: answered by their death where the story tells one."""
_ASKING_IF = frozenset({"did", "does", "is", "was", "has", "had", "will"})
"""How a question asks whether someone died ("did bo die", "Is Tom dead?", "Was Clara killed?"): answered as how,
where no sentence doubts it (DeathAsked.whether)."""
_DEAD = ("dead",)
"""What ends "Is X ...?" asking whether X died."""
_ALIVE = ("alive",)
"""What ends "Is X (still) alive?", which asks it too."""
_SURVIVING_ASKED = (("survive",), ("survived",), ("make", "it"), ("make", "it", "out"), ("make", "it", "out", "alive"))
"""What ends "Does X ...?" asking whether X lives through the story ("does tillery make it", "Did Pyne survive?"): a
death told answers it as it answers "Did X die?"; a survival told ("Nora survives") leaves it to the ranking, as a
doubted death does (DeathAsked.whether)."""
AT_THE_END = (("in", "the", "end"), ("at", "the", "end"), ("eventually",), ("finally",), ())
"""What may follow the name in "What happens to X?" and keep it asking what becomes of X ("in the war" asks of one
time)."""
_HAPPEN = frozenset({"happen", "happens", "happened"})
_MOST_NAME_WORDS = 4
_NOT_IN_NAMES = frozenset(
    {"at", "in", "on", "after", "before", "during", "when", "while", "with", "from", "for", "to", "by", "who", "that"}
)
"""Words that make what follows "What happens to" more than a name: a time, a place, a clause."""


@dataclass(frozen=True)
class DeathAsked:
    """A question asking how someone died (death_asked)."""

    name: str
    """The person asked about, as typed ("Clara", "Tomasa's husband", "dannys dad")."""
    happening: bool = False
    """Asked what happens to them ("What happens to Zupan?", "How does Pruitt end up?"), not how they die: their death
    answers only where it is the first thing the story tells done to them (death_told's `first_undergone`)."""
    whether: bool = False
    """Asked whether they died ("Is Tom dead?", "did bo die"): answered only where no sentence naming them tells them
    alive or their death doubted (death_told's `doubted`)."""
    when: bool = False
    """Asked when they died ("When did Seamus die?"): only a sentence telling their death with a time answers
    (death_told's `timed`)."""


def death_asked(question: str) -> DeathAsked | None:
    """The person of "How did X die?" ("does", "was ... killed", "is ... murdered", "really die", "get killed";
    "When did X die?", which a death sentence answers only where it holds a time), "Did X die?" ("Is X dead?", "Was
    X killed?", "Did X survive?", "does X make it", "Is X still alive?", "Will X survive?"), "What killed X?", "What
    happens to X?" ("happened", "really happened", "in the end") or "How does X end up?", X at most four words; else
    None. One pass over the question's words."""
    found = words(question)
    said = [fold(word) for word, _, _ in found]
    if said[:1] and said[0] in _ASKING_IF:
        end = _ending_at(said, (*_DYING_ASKED, _DEAD, *_SURVIVING_ASKED, _ALIVE), AT_THE_END)  # "out alive" first
        return None if end is None else _named(question, found, 1, _before_adverbs(said, 1, end), whether=True)
    if said[:1] not in (["how"], ["what"], ["when"]):
        return None
    if said[:2] in (["what", "killed"], ["what", "kills"]):
        return _named(question, found, 2, len(found))
    if said[0] in ("how", "when"):
        if len(said) < 3 or said[1] not in _AUXILIARIES:
            return None
        end = _ending_at(said, (*_DYING_ASKED, *_ENDING_ASKED), AT_THE_END)
        if end is None:
            return None
        ending_up = said[end : end + 2] == ["end", "up"]
        if said[0] == "when" and ending_up:
            return None
        return _named(question, found, 2, _before_adverbs(said, 2, end), happening=ending_up, when=said[0] == "when")
    start = 1
    while start < len(said) and (said[start] in _AUXILIARIES or said[start] in _ADVERBS_ASKED):
        start += 1
    if start + 1 >= len(said) or said[start] not in _HAPPEN or said[start + 1] != "to":
        return None
    end = _ending_at(said, ((),), AT_THE_END)
    return None if end is None else _named(question, found, start + 2, end, happening=True)


def _before_adverbs(said: list[str], start: int, end: int) -> int:
    """Where the name from `start` ends, before the adverbs of _ADVERBS_ASKED ending at `end` ("how did crouch really
    die")."""
    while end > start + 1 and said[end - 1] in _ADVERBS_ASKED:
        end -= 1
    return end


def _ending_at(said: list[str], endings: Sequence[tuple[str, ...]], after: Sequence[tuple[str, ...]]) -> int | None:
    """Where the question's words before one of `endings`, followed by one of `after`, end; None where it ends
    otherwise."""
    for tail in after:
        if tail and tuple(said[-len(tail) :]) != tail:
            continue
        cut = len(said) - len(tail)
        for ending in endings:
            if not ending or tuple(said[cut - len(ending) : cut]) == ending:
                return cut - len(ending)
    return None


def _named(
    question: str,
    found: list[tuple[str, int, int]],
    start: int,
    end: int,
    *,
    happening: bool = False,
    whether: bool = False,
    when: bool = False,
) -> DeathAsked | None:
    """The question asking of the name typed from word `start` to `end` (typed_name), if it is one."""
    name = typed_name(question, found, start, end)
    return None if name is None else DeathAsked(name, happening, whether, when)


def typed_name(question: str, found: list[tuple[str, int, int]], start: int, end: int) -> str | None:
    """The name typed from word `start` to `end` of the question (`found`, its words), if it is one of at most
    _MOST_NAME_WORDS words, none a word that asks of a time or place ("what happens to pip at the monastery")."""
    if not 0 < end - start <= _MOST_NAME_WORDS:
        return None
    if any(fold(word) in _NOT_IN_NAMES for word, _, _ in found[start:end]):
        return None
    return question[found[start][1] : found[end - 1][2]]


_DYING = frozenset({"dies", "died", "drowns", "drowned", "perishes", "perished", "succumbs", "succumbed"})
"""Verbs telling their subject's death; not their bare forms, which tell none after a name ("would rather he die",
"watches him die")."""
KILLED = frozenset(
    {"killed", "murdered", "slain", "poisoned", "executed", "hanged", "beheaded", "assassinated", "strangled"}
    | {"smothered", "electrocuted", "lynched", "martyred", "butchered", "massacred", "stabbed", "suffocated", "shot"}
)
"""Participles telling the death of the subject of a passive ("is killed", "was poisoned")."""
KILLING = frozenset(
    {"kills", "killed", "murders", "murdered", "poisons", "poisoned", "strangles", "strangled", "executes"}
    | {"executed", "slays", "slew", "assassinates", "assassinated", "beheads", "beheaded", "hangs"}
)
"""Verbs telling their object's death ("a sniper kills Bobby"; "kills himself", the subject's); not their bare forms
nor gerunds ("dreams of killing Tom", "considers killing Tom"),
which tell a death wished or planned ("kill him with one bite!", "intending to ... kill him"), nor "drowned him",
which a tale says of tears."""
_DEAD_AFTER = frozenset(
    {"found", "is", "was", "are", "were", "lies", "lay", "lying", "left", "falls", "fell", "drops", "dropped", "shot"}
    | {"struck", "pronounced", "declared", "been", "be"}
)
"""What "dead" tells a death after: "is found dead", "drops dead", "shot dead"; not "presumed dead"."""
_NOT_DEAD = frozenset({"tired", "set", "end", "serious", "wrong", "certain", "sure", "drunk", "weight", "silent", "to"})
"""What makes "dead" no death after it: "dead tired", "dead set against", "dead to me"."""
_SAYING = frozenset(
    {"says", "said", "tells", "told", "reports", "reported", "announces", "announced"}
    | {"writes", "wrote", "lied", "claims", "claimed", "declares", "declared", "swears", "swore", "rumours"}
    | {"rumors", "boasts", "boasted", "shouts", "shouted", "whispers", "whispered", "insists", "insisted"}
)
"""Words of saying: a death told in a sentence holding one, or in quoted words, may be only said ("tells the town that
Daniel is dead", "Tom is killed, or so Jerry says", "Tom is declared dead, but he is alive in Peru"), and is left to
the ranking; their bare forms only before "that" ("the newspapers report that"), nouns as often ("delivers his
report")."""
_SAYING_BARE = frozenset({"say", "tell", "report", "claim", "write", "announce"})
BEING = frozenset(
    {"is", "was", "were", "are", "has", "had", "have", "been", "be", "being", "gets", "got", "get", "getting"}
    | {"finally", "eventually", "later", "soon", "then", "also", "tragically", "subsequently", "instantly", "found"}
    | {"himself", "herself", "themselves", "promptly", "immediately", "suddenly", "shortly", "afterwards"}
)
"""The words that may stand between a person and the verb telling their death ("Clara was found dead", "he is
finally killed"): an auxiliary or an adverb of time; any other ("nearly", "would", "presumed", "to", another's name)
makes it no death of theirs."""
_PASSIVE = frozenset({"is", "was", "were", "are", "been", "be", "being", "gets", "got", "get", "getting"})
_NOT_ADVERBS = frozenset(
    {"nearly", "only", "supposedly", "reportedly", "allegedly", "apparently", "likely", "presumably", "narrowly"}
    | {"almost", "hardly", "barely", "possibly", "probably", "seemingly", "ostensibly", "falsely"}
)
"""Adverbs ending in "ly" that leave a death unsure or undone ("nearly drowns", "supposedly died")."""
_HURT = frozenset({"shot", "wounded", "captured", "beaten", "tortured", "stabbed", "attacked", "ambushed", "and"})
"""What a passive death may be told after ("is shot and killed", "was captured and executed")."""
UNDONE_BEFORE = frozenset(
    {"to", "would", "will", "could", "might", "may", "can", "cannot", "not", "never", "nearly", "almost", "tries"}
    | {"tried", "try", "attempts", "attempted", "wants", "wanted", "plans", "planned", "threatens", "threatened"}
    | {"should", "must", "shall", "refuses", "refused", "fails", "failed", "no", "didn't", "doesn't", "won't"}
)
"""What before a verb of killing leaves its object alive ("tries to kill Bobby", "would never murder Clara")."""
OBJECT_OPENINGS = frozenset(
    {"the", "old", "young", "poor", "his", "her", "their", "own", "elderly", *HONORIFICS}
    | {word for called in KIN.values() for word in called}
    | {"beloved", "only", "younger", "elder", "older", "eldest", "youngest", "first"}
)
"""What may stand between a verb of killing and the name of its object ("kills the old Mr. Pike", "killed his
father, Samuel")."""
_MOST_OBJECT_WORDS = 3
HURT_ONLY = frozenset({"shot", "stabbed"})
"""Participles of killing that may tell a wound: "is shot in the shoulder"."""
_WOUNDED = frozenset(
    {"wounded", "injured", "survives", "survived", "but", "arm", "leg", "shoulder", "hand", "knee", "foot", "side"}
    | {"down", "at"}
)
_MOST_WORDS_WOUNDED = 5
_LOSING = frozenset({"lost", "loses", "lose", "losing"})
"""Verbs telling their object's death where it is a relative ("lost her husband, Captain James Marsh")."""
_RELATIVES = frozenset(word for called in KIN.values() for word in called)
_REFLEXIVE = frozenset({"himself", "herself", "themselves"})
_SUICIDE = "suicide"
_COMMITTING = frozenset({"commits", "committed", "commit", "committing"})
_BODY = frozenset({"body", "corpse", "remains"})
"""What, of a person's, tells their death as the telling of it does ("his body is never found")."""
_DEATH_NOUNS = frozenset(
    {"death", "killer", "murderer", "murder", "killing", "drowning", "execution", "suicide", "poisoning", "hanging"}
    | {"shooting"}
)
"""What, of a person's, names their death without telling it ("after Clara's death"; "the shooting of Kincaid ...
leaves him lame", "sentenced for the murder of Tate" and "the poisoning of George nearly kills him" tell no death of
theirs, nor how one came): never answers, but keeps a death the first thing done to them from answering "What happens
to X?"."""
_NOT_OF_A_DEATH = frozenset(
    {"certificate", "threat", "threats", "wish", "sentence", "penalty", "row", "warrant", "bed", "mask", "trap"}
)
"""What after "death" makes it none told: "Lionel's death certificate", "a death threat", "his death sentence"."""
_NOT_A_DEATH = frozenset({"black"})
"""What makes "death" no one's ("the Black Death")."""
_FAKING = frozenset(
    {"fakes", "faked", "faking", "fake", "feigns", "feigned", "feigning", "stages", "staged", "staging"}
)
"""What before a possessive makes the death named after it none ("fakes her death")."""
_MOST_BETWEEN = 5
"""The most words read back from a verb telling a death for the person who died: a bound, so each is read in constant
time."""
_WHO = "who"
"""The relative pronoun standing for the name right before it ("including Tennant, who drowns")."""


def death_told(
    texts: Sequence[str],
    name: str,
    others: Sequence[str],
    *,
    first_undergone: bool = False,
    timed: bool = False,
    doubted: bool = False,
    pronouns: Pronouns | None = None,
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first telling the death of the person of this name (by a form of their
    name, bot.core.person_forms, `others` the story's other people): as the subject of a verb of dying or of a
    passive of killing, or the object of a verb of killing, or the owner of a body; else the first telling it in
    passing (_IN_PASSING). None where none does: a sentence only naming their death ("after Clara's death", "who
    benefits from Pike's death") or saying it is left to the ranking, which finds "accused of killing Warren Pike" as
    often. `first_undergone`: only the death told as the first thing done to them ("What happens to Vilkas?" of
    "Vilkas is exiled to the marshes", before "Vilkas is captured and executed"), and never a death only named.
    `timed`: only a sentence telling the death with a time (_holds_time), for "When did X die?". `doubted`: None where
    any sentence naming them tells them alive or their death doubted (_DOUBTING: "Daniel is not dead", "is presumed
    dead"), for "Is X dead?". `pronouns`, the story's pronouns for its people (pronoun_subject's Pronouns): where no
    sentence tells the death by name, nor in passing, and the question does not ask whether they died, the first
    sentence telling it of a "he" or "she" that stands for them (bot.core.pronoun_subject: "Brannoch holds the
    narrow stair against them while Wren escapes. He is killed in the fight.", "Pelham flees to Estoril, and the next
    morning he is found shot dead"). Each sentence read once (twice where the pronouns are read), each word a bounded
    number of times."""
    own = person_pattern(name, others)
    if own is None:
        return None
    first: tuple[int, str] | None = None
    passing: tuple[int, str] | None = None
    unended = ""  # the last sentence of the passage before, where the passage cut it (a long paragraph's)
    for index, text in enumerate(texts):
        spans = sentence_spans(text)
        for number, (start, end) in enumerate(spans):
            sentence = text[start:end]
            read = unended + sentence if number == 0 else sentence  # "on the day | Hollar died" is one sentence
            if doubted and own.search(read) and _doubts(read):
                return None
            told = _told_in(read, own)
            if timed and (told not in _DEATHS or not _holds_time(read)):
                continue
            if told == _TOLD and not doubted:
                return index, sentence
            if told == _TOLD and first is None:
                first = index, sentence
            if first_undergone and told != 0:
                return None
            if told == _IN_PASSING and passing is None:
                passing = index, sentence
        ended = not spans or text.rstrip().endswith(_SENTENCE_ENDS)
        unended = "" if ended else text[spans[-1][0] : spans[-1][1]] + " "
    if first is None and passing is None and pronouns is not None and not doubted:
        return _told_of_pronoun(texts, name, others, own, pronouns, timed=timed, first_undergone=first_undergone)
    return first or passing


def _told_of_pronoun(
    texts: Sequence[str],
    name: str,
    others: Sequence[str],
    own: re.Pattern[str],
    pronouns: Pronouns,
    *,
    timed: bool,
    first_undergone: bool,
) -> tuple[int, str] | None:
    """death_told's reading by pronoun: the first sentence whose opening "he" or "she" stands for the person (by the
    sentence before it in its text), or whose clause's "he" or "she" does (by what comes before it in a sentence naming
    them), and which, with their name in its stead, tells their death; with
    `first_undergone`, only where no such sentence before it tells something else done to them ("He is captured.")."""
    other_words = name_words(others)
    kinds = kinds_of_people()
    for index, text in enumerate(texts):
        before = ""
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            mention = own.search(sentence)
            if mention is None:
                subject, told_of = opening_subject(sentence, other_words), before
            else:  # "Pelham flees to Estoril, and the next morning he is found shot dead": told of what opens it
                subject = clause_subject(sentence, mention.end())
                told_of = "" if subject is None else sentence[: subject[1]]
            if subject is not None:
                pronoun, first, last = subject
                read = sentence[:first] + name + sentence[last:]
                told = _told_in(read, own)
                if told and stands_for(pronoun, told_of, name, own, other_words, pronouns, kinds):
                    if told == _TOLD and (not timed or _holds_time(read)):
                        return index, sentence
                    if first_undergone:
                        return None
            before = sentence
    return None


_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")", ":")


_DOUBTING = frozenset(
    {"alive", "living", "presumed", "presumes", "feared", "fears", "reported", "reports", "rumoured", "rumored"}
    | {"rumours", "rumors", "believed", "believes", "thought", "thinks", "survives", "survived", "missing"}
)
"""Words that, in a sentence naming the person, leave whether they died in doubt ("Daniel is not dead; he has gone to
Wichita", "is presumed drowned", "reported dead")."""


def _doubts(sentence: str) -> bool:
    """Whether the sentence holds a word of _DOUBTING, or "not" and "dead"."""
    said = {fold(word) for word, _, _ in words(sentence)}
    return not _DOUBTING.isdisjoint(said) or {"not", "dead"} <= said


_TIME_WORDS = frozenset({*SEASON_WORDS, *DAY_TIME_WORDS, *SPAN_WORDS, *MONTHS, "later", "ago", "aged", "age"})
"""Words that make a sentence tell when ("in the spring", "the next morning", "years later", "aged nineteen")."""


def _holds_time(sentence: str) -> bool:
    """Whether the sentence tells a time: a word of _TIME_WORDS, or a year ("in 1851")."""
    return any(
        fold(word) in _TIME_WORDS or (len(word) == 4 and word.isdigit() and word[0] in "12")
        for word, _, _ in words(sentence)
    )


_TOLD = 2
_MENTIONED = 1
_UNDERGONE = 3
_IN_PASSING = 4
"""A death told in a clause of who the person is ("Her brother, Tom Reed, who died in the war, left her the farm",
"Bobby, killed by a sniper,"): a plot often tells it again where it comes, and that sentence answers first."""
_DEATHS = frozenset({_TOLD, _IN_PASSING})
IsThem = Callable[[int, bool], bool]
"""Whether the word at a place of a sentence is the person, by name (as a subject or not)."""


class Mentions:
    """Where a sentence names one person, by the pattern of their forms (bot.core.person_forms.person_pattern)."""

    def __init__(self, sentence: str, found: list[tuple[str, int, int]], said: list[str]) -> None:
        self._sentence, self._found, self._said = sentence, found, said
        self.theirs: dict[int, bool] = {}
        """The word ending each mention: whether it is a possessive ("Clara's")."""
        self.first_words: dict[int, int] = {}
        """The word each mention starts at, by the word it ends at."""
        self._ends: dict[int, int] = {}  # the word each mention ends at, by the word it starts at

    @classmethod
    def of(cls, sentence: str, found: list[tuple[str, int, int]], said: list[str], own: re.Pattern[str]) -> Mentions:
        """The person's mentions in the sentence (`found`, its words; `said`, them folded): one pass of `own`."""
        named = cls(sentence, found, said)
        starts = [start for _, start, _ in found]
        for match in own.finditer(sentence):
            at = bisect_right(starts, match.end() - 1) - 1
            named.theirs[at] = match.group("owning") is not None
            named.first_words[at] = bisect_right(starts, match.start()) - 1
            named._ends[named.first_words[at]] = at
        return named

    def is_them(self, at: int, subject: bool) -> bool:
        """Whether the word at `at` is the person's name (no possessive; as a subject, not after "of": "the brother of
        Manawyddan had been slain", nor right after a time it names: "on the day Hollar died"; an object's read from
        its first word)."""
        at = at if subject else self._ends.get(at, at)
        if at not in self.theirs:
            return False
        first = self.first_words[at]
        if self.theirs[at] or (subject and first > 0 and self._said[first - 1] == "of"):
            return False
        return not (subject and _time_named(self._sentence, self._found, self._said, first))

    def owned(self, at: int) -> bool:
        """Whether the word at `at` ends the person's possessive ("Clara's")."""
        return self.theirs.get(at, False)

    def opens(self) -> bool:
        """Whether the sentence opens with the person's name (not their possessive)."""
        return any(first == 0 and not self.theirs[at] for at, first in self.first_words.items())


def _told_in(sentence: str, own: re.Pattern[str]) -> int:
    """Whether the sentence tells the person's death (_TOLD, or _IN_PASSING), names it (_MENTIONED), tells something
    done to them (_UNDERGONE) or none of these (0)."""
    found = words(sentence)
    said = [fold(word) for word, _, _ in found]
    named = Mentions.of(sentence, found, said, own)
    is_them, owned_by_them = named.is_them, named.owned
    joined = _first_and(sentence, found, said) if named.opens() else None
    mentioned = False
    told = 0
    for at, word in enumerate(said):
        if _subject_dies(said, at) and (word not in HURT_ONLY or killed_outright(said, at)):
            told = subject_is(said, at - (word == _SUICIDE), is_them, word in KILLED, joined)
            if told:
                break
        if (word in KILLING or word in _LOSING) and object_killed(said, at, is_them):
            told = _TOLD
            break
        if word in _BODY and at > 0 and owned_by_them(at - 1) and _found_dead(said, at):
            told = _TOLD
            break
        if word in _DEATH_NOUNS and _death_owned(said, at, is_them, owned_by_them):
            mentioned = True
    if told in _DEATHS and (not PRETENDED.isdisjoint(said) or survived(said, at)):
        told = 0
    if told in _DEATHS and (says(said) or quoted(sentence, found[at][1])):
        told = _MENTIONED
    if not told and mentioned:
        told = _MENTIONED
    elif not told and any(_undergoes(said, at) for at in range(len(said)) if is_them(at, True)):
        told = _UNDERGONE
    return told


QUOTES = frozenset('"“”')


def quoted(sentence: str, offset: int) -> bool:
    """Whether the character at `offset` stands within a quotation of the sentence: between a pair of straight
    quotation marks or between “ and ”. A sentence whose marks do not pair (a quotation running on from the sentence
    before, or on to the next) is read as quoted throughout, as what is quoted there cannot be told apart; so a
    death said in quotes is only said, while one told beside a quoted phrase ('searching for "a girl who wears
    iron," and Hamm is killed defending her') is told. One pass over the sentence."""
    open_at = -1  # where the quotation open at this point of the scan starts, else -1
    closer = ""
    within = False
    for at, character in enumerate(sentence):
        if character not in QUOTES:
            continue
        if open_at < 0 and character != "”":
            open_at, closer = at, '"' if character == '"' else "”"
        elif open_at >= 0 and character == closer:
            within = within or open_at < offset < at
            open_at = -1
        else:
            return True  # a closing mark with none open, or a mark of the other kind within a quotation
    return within or open_at >= 0


_SURVIVING = frozenset({"recovers", "recovered", "survives", "survived", "revives", "revived", "respawns", "respawned"})
"""What after a death in its sentence undoes it ("is poisoned too, but ... he recovers")."""
_SAVING = frozenset({"saves", "saved"})
_SAVED = frozenset({"him", "her", "them"})
PRETENDED = frozenset(
    {"plays", "played", "acts", "acted", "portrays", "portrayed", "stage", "film", "movie", "game", "dream", "dreams"}
    | {"dreamt", "dreamed", "plots", "plotted", "plans", "planned", "considers", "considered", "schemes", "schemed"}
)
"""What in a sentence makes a death in it one acted, dreamt or planned ("Lily plays Juliet and dies in the last act",
"In her dream, Tom drowns", "She plotted to have Rose killed")."""


def says(said: list[str]) -> bool:
    """Whether the sentence's words hold one of saying: of _SAYING, or of _SAYING_BARE before "that"."""
    return not _SAYING.isdisjoint(said) or any(
        word in _SAYING_BARE and said[at + 1] == "that" for at, word in enumerate(said[:-1])
    )


def survived(said: list[str], at: int, last: int | None = None) -> bool:
    """Whether the death told at `at` is undone after it in the sentence: survived, recovered from, someone "saves
    him" (after it: `last`, the sentence's last_survival, read once for a sentence asked of at many places); or a
    character's ("killed off", not "drowns off Cape Horn")."""
    if said[at] == "killed" and at + 1 < len(said) and said[at + 1] == "off":
        return True
    return (last_survival(said) if last is None else last) > at


def last_survival(said: list[str]) -> int:
    """Where the sentence's last word telling a death undone stands (_SURVIVING, or "saves him"), -1 if none does."""
    return max(
        (
            ahead
            for ahead, word in enumerate(said)
            if word in _SURVIVING or (word in _SAVING and ahead + 1 < len(said) and said[ahead + 1] in _SAVED)
        ),
        default=-1,
    )


_TIMES_OF = frozenset({"day", "night", "morning", "evening", "year", "week", "month", "hour", "time", "moment"})
_SINCE = frozenset({"since", "until", "till"})


def _time_named(sentence: str, found: list[tuple[str, int, int]], said: list[str], first: int) -> bool:
    """Whether the name starting at word `first` opens a clause naming a time by the death told in it, right after
    "the" and a time ("on the day Hollar died"; not "That night Zupan is found drowned") or "since" ("ever since Tom
    drowned"), no mark between."""
    if first == 0 or not _CLAUSE_MARKS.isdisjoint(sentence[found[first - 1][2] : found[first][1]]):
        return False
    return said[first - 1] in _SINCE or (first > 1 and said[first - 1] in _TIMES_OF and said[first - 2] == "the")


_IRREGULAR = frozenset(
    {"sent", "put", "left", "thrown", "caught", "found", "held", "sold", "led", "kept", "cast", "hit", "struck"}
    | {"brought", "made", "bound", "hung", "swept", "torn", "lost", "cut", "bitten", "stolen", "driven", "told"}
)
"""Passive participles ending in neither "ed" nor "en"."""


_FINDING = frozenset(
    {"find", "finds", "found", "discover", "discovers", "discovered", "recover", "recovers", "recovered", "washes"}
    | {"washed", "bury", "buries", "buried", "identify", "identifies", "identified", "lies", "lay"}
)
"""What, near a body, tells it a dead one ("his body is never found", "find Hale's remains"), not a living one ("his
body gave forth light")."""
_MOST_WORDS_FINDING = 3


def _found_dead(said: list[str], at: int) -> bool:
    """Whether a word of _FINDING stands within _MOST_WORDS_FINDING words after the body named at `at`, or before its
    owner's name."""
    before = said[max(0, at - 1 - _MOST_WORDS_FINDING) : at - 1]
    return not _FINDING.isdisjoint(before + said[at + 1 : at + 1 + _MOST_WORDS_FINDING])


def killed_outright(said: list[str], at: int) -> bool:
    """Whether the shooting or stabbing told at `at` kills: no wound or survival said in the few words after it."""
    return _WOUNDED.isdisjoint(said[at + 1 : at + 1 + _MOST_WORDS_WOUNDED])


def _undergoes(said: list[str], at: int) -> bool:
    """Whether the person named at `at` is the subject of a passive: something is done to them ("Vilkas is exiled",
    "is pulled beneath"). An adjective in "ed" ("is excited") reads as one too: it only keeps their death from
    answering "What happens to them?"."""
    after = at + 1
    if after >= len(said) or said[after] not in _PASSIVE:
        return False
    for ahead in range(after + 1, min(after + 4, len(said))):
        word = said[ahead]
        if word.endswith(("ed", "en")) or word in _IRREGULAR:
            return True
        if not (word in BEING or word.endswith("ly")):
            return False
    return False


def _death_owned(said: list[str], at: int, is_them: IsThem, owned_by_them: Callable[[int], bool]) -> bool:
    """Whether the death named at `at` is the person's: after their possessive ("Clara's death", "his murder") or
    before "of" and them, with at most _MOST_OBJECT_WORDS of OBJECT_OPENINGS between ("the drowning of their youngest
    son, Toby"); not "the Black Death", nor a death certificate, threat or sentence."""
    if (at > 0 and said[at - 1] in _NOT_A_DEATH) or (at + 1 < len(said) and said[at + 1] in _NOT_OF_A_DEATH):
        return False
    if at > 1 and said[at - 2] in _FAKING:
        return False
    if at > 0 and owned_by_them(at - 1):
        return True
    if at + 1 >= len(said) or said[at + 1] != "of":
        return False
    for ahead in range(at + 2, min(at + 3 + _MOST_OBJECT_WORDS, len(said))):
        if is_them(ahead, False):
            return True
        if said[ahead] not in OBJECT_OPENINGS:
            return False
    return False


def _subject_dies(said: list[str], at: int) -> bool:
    """Whether the word at `at` tells its subject's death: a verb of dying, a participle of killing (a passive's, read
    by subject_is), "dead" after a word of being or finding, "suicide" committed, "kills himself"."""
    word = said[at]
    if word in _DYING or word in KILLED:
        return True
    if word == "dead":
        return at > 0 and said[at - 1] in _DEAD_AFTER and (at + 1 == len(said) or said[at + 1] not in _NOT_DEAD)
    if word == _SUICIDE:
        return at > 0 and said[at - 1] in _COMMITTING
    return word in KILLING and at + 1 < len(said) and said[at + 1] in _REFLEXIVE


_CLAUSE_WORDS = frozenset(
    {"who", "whom", "whose", "which", "that", "while", "when", "as", "after", "before", "because", "until", "but"}
    | {"if", "although", "though", "where", "whereupon", "or", "nor", "so"}
)
_CLAUSE_MARKS = frozenset(',;:()"“”')


def _first_and(sentence: str, found: list[tuple[str, int, int]], said: list[str]) -> int | None:
    """Where the sentence's first "and" stands, where it joins a second verb to the sentence's subject: no clause
    opens and no comma stands before it ("McPhee had seen him leave the library and was killed"; not "Tom shoots
    Jerry, who falls and dies"). One scan."""
    for at in range(1, len(said)):
        if said[at] in _CLAUSE_WORDS or not _CLAUSE_MARKS.isdisjoint(sentence[found[at - 1][2] : found[at][1]]):
            return None
        if said[at] == "and":
            return at
    return None


def subject_is(said: list[str], at: int, is_them: IsThem, passive: bool, joined: int | None) -> int:
    """_TOLD where the subject of the death told at `at` is the person (_IN_PASSING in a clause of who they are, after
    "who" or as a participle after their name), else 0: reached back over at most _MOST_BETWEEN words of BEING (and,
    before a passive, _HURT), an adverb in "ly" that undoes nothing; a passive's participle only after a word of being
    ("is killed", not "Tom killed"), or followed by "by" ("Bobby, killed by a sniper"). Reaching the
    "and" at `joined` (_first_and, of a sentence opening with the person), its subject is theirs; reaching "who", the
    name right before it is its subject."""
    being = not passive or (at + 1 < len(said) and said[at + 1] == "by")
    apposed = passive and being
    back = at - 1
    for _ in range(_MOST_BETWEEN + 1):
        if back < 0:
            return 0
        if is_them(back, True) or back == joined:
            told = being and not _believed(said, back)
            return 0 if not told else _IN_PASSING if apposed else _TOLD
        word = said[back]
        if word == _WHO:
            told = back > 0 and is_them(back - 1, False) and being and not _believed(said, back - 1)
            return _IN_PASSING if told else 0
        if word in _PASSIVE:
            being = True
            apposed = False
        elif not (
            word in BEING
            or (passive and word in _HURT)
            or (word.endswith("ly") and word not in _NOT_ADVERBS)
            or (said[at] == "dead" and word in _DEAD_AFTER)
        ):
            return 0
        back -= 1
    return 0


BELIEVING = frozenset(
    {"fears", "feared", "fear", "fearing", "believes", "believed", "believe", "believing", "thinks", "thought"}
    | {"think", "assumes", "assumed", "assume", "presumes", "presumed", "suspects", "suspected", "claims", "claimed"}
    | {"pretends", "pretended", "rumoured", "rumored", "imagines", "imagined", "dreams", "dreamed", "dreamt", "if"}
    | {"worries", "worried", "convinced", "insists", "insisted", "unless", "lest", "whether", "hopes", "hoped"}
)
"""Words that, a few words before the person, make their death one only feared, believed or told of falsely ("fears
that Ben and Eli are dead", "insists that Tom drowned")."""
_MOST_WORDS_BELIEVED = 4


def _believed(said: list[str], subject: int) -> bool:
    """Whether a word of BELIEVING stands at most _MOST_WORDS_BELIEVED words before the subject at `subject`."""
    return not BELIEVING.isdisjoint(said[max(0, subject - _MOST_WORDS_BELIEVED) : subject])


def object_killed(said: list[str], at: int, is_them: IsThem) -> bool:
    """Whether the verb of killing at `at` has the person for its object, at most _MOST_OBJECT_WORDS of
    OBJECT_OPENINGS after it ("kills Bobby", "killed his father, Samuel"), or of a word for a kind of person after
    "his", "her" or "their" ("poisons his business partner, Simon Hurst"), and nothing before it undoes it ("tries
    to kill", "would never murder"); not where its object is another's ("kills Bobby's dog")."""
    if (at > 0 and said[at - 1] in UNDONE_BEFORE) or (at > 1 and said[at - 2] in UNDONE_BEFORE):
        return False
    losing = said[at] in _LOSING
    owned = False  # whether "his", "her" or "their" opened the object: a word for their kind of person may follow
    for ahead in range(at + 1, min(at + 2 + _MOST_OBJECT_WORDS, len(said))):
        if losing and ahead > at + 1 and said[ahead - 1] not in _RELATIVES:
            return False  # "lost her husband, James", not "lost James in the crowd"
        if is_them(ahead, False):
            return not losing
        owned = owned or said[ahead] in _OWNING
        if said[ahead] not in OBJECT_OPENINGS and not (
            owned and (said[ahead] in _ROLE_OPENINGS or said[ahead] in kinds_of_people())
        ):
            return False
    return False


_OWNING = frozenset({"his", "her", "their"})
_ROLE_OPENINGS = frozenset({"business", "former", "best", "childhood", "longtime", "loyal", "trusted", "closest"})
"""Words before someone's word for a kind of person, after "his" or "her": "poisons his business partner, Simon
Hurst", "shoots her former mentor, Aldous Crane" (not "shoots the man Bobby hired": no owner, no apposition)."""
