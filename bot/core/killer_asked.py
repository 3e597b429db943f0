"""Where a story names who killed someone, for "Who killed Edmund?", "Who shot the Speaker?" or "Who is Hale's killer?".

A mystery's plot tells the body found early ("Edmund was found drowned") and who killed them late ("the killer is his
elder son, Gerald", "Billy confesses that Deacon killed Tomás"), and the passages most like the question's words
("Edmund", "killed") are as likely the early ones. The last sentence of the person's story naming their killer answers,
as a plot tells the truth after what it refutes: the person the object of a verb of killing whose doer is named, by a
name or a word for a kind of person ("Gerald shot his father, Edmund", "the Colonel poisons Hale", "a sniper kills
Corporal Dawes"), the subject of a passive of one done "by" such a doer ("Edmund was killed by his elder son"), a
confession ("Price confesses to poisoning McPhee", "Carly admits that she struck Lindqvist": a blow confessed is a
killing told), their killer said to be someone ("McPhee's killer is Price", "Price is revealed as the murderer of
McPhee"), or "the killer" said to be someone beside a sentence naming them, in a story telling their death ("She
reveals that the killer is his elder son, Gerald. Gerald had held Edmund under the water"). A sentence accusing,
suspecting or believing ("is accused of killing", "is arrested for the murder of"), saying or quoting, planning or
playing, or telling the killing survived, names no killer, nor does a doer that is no one named: a pronoun (but the
one confessing: "admits that she struck"), "someone", "an unknown gunman", a thing ("a car accident killed his
father"). "him" or "her" right after the verb is the person only where no one else of their sex can be meant: the
sentence names them before it, or the sentence before opens with them and names no one else, and no other person but
the doer stands before it, unless the story tells them with the other sex's pronouns ("Hale threatened to go to the
police. Honoria's husband, Colonel Dunstable, killed him that night"). Where no sentence names a killer, the ranking
answers. Asked who shot, stabbed or poisoned someone, the sentence telling it answers though they lived.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core.analysis import fold, words
from bot.core.death_asked import (
    AT_THE_END,
    BEING,
    BELIEVING,
    KILLED,
    KILLING,
    OBJECT_OPENINGS,
    PRETENDED,
    QUOTES,
    UNDONE_BEFORE,
    Mentions,
    death_told,
    killed_outright,
    last_survival,
    object_killed,
    quoted,
    says,
    subject_is,
    survived,
    typed_name,
)
from bot.core.people_finder import kinds_of_people
from bot.core.person_forms import person_pattern
from bot.core.pronoun_asked import HE, SHE
from bot.core.pronoun_subject import Pronouns, name_words, pronouns_told_with
from bot.core.sentences import sentence_spans
from bot.core.slips import bare_word

_KILLING_ASKED = frozenset(
    {"killed", "kills", "murdered", "murders", "slew", "slays", "assassinated", "assassinates", "strangled"}
    | {"strangles"}
)
"""The verbs of "Who killed X?"."""
_WOUNDING_ASKED = {
    "shot": "shoot",
    "shoots": "shoot",
    "stabbed": "stab",
    "stabs": "stab",
    "poisoned": "poison",
    "poisons": "poison",
}
"""The verbs of "Who shot X?", which may tell no death, by the verb they ask."""
_WOUNDING = {
    "shoot": frozenset({"shoots", "shot"}),
    "stab": frozenset({"stabs", "stabbed"}),
    "poison": frozenset({"poisons", "poisoned"}),
}
"""The verbs a story tells each asked with ("Lew Corrigan shoots Ruth in the shoulder")."""
_PASSIVE_ASKED = _KILLING_ASKED | frozenset(_WOUNDING_ASKED)
_ADVERBS_ASKED = frozenset({"really", "actually", "finally", "eventually", "ultimately"})
_BEING_ASKED = frozenset({"is", "was"})
_WHO = frozenset({"who", "who's", "who’s", "whos"})
"""The question's first word: "who", or "who is" written as one ("whos Hale's killer")."""
_NOT_OWNERS = frozenset({"the", "a", "an", "his", "hers", "its", "this", "their", "theirs", "your", "yours", "us"})
"""Words before "killer" that make it no one's named ("who is the killer", "who is his killer")."""
_KILLERS = frozenset({"killer", "murderer", "assassin", "poisoner", "slayer"})
"""Nouns for whoever killed someone ("Hale's killer", "the murderer is Price")."""
_DEATHS_ASKED = frozenset({"death", "murder", "killing"})
"""What "Who was responsible for X's ...?" asks of."""


@dataclass(frozen=True)
class KillerAsked:
    """A question asking who killed someone (killer_asked)."""

    name: str
    """The person asked about, as typed ("Tobias Hale", "the speaker", "Tomasa's husband")."""
    wounding: str = ""
    """The verb asked where it tells no death ("shoot" of "Who shot Ruth?"): the sentence telling it answers though
    they lived."""


def killer_asked(question: str) -> KillerAsked | None:
    """The person of "Who killed X?" ("murdered", "shot", "poisoned", "stabbed", "really killed"; "in the end"), "Who
    is X's killer?" ("murderer"), "Who is the killer of X?", "Who was responsible for X's death?" ("for the murder of
    X"), "Who was X killed by?", X at most four words; else None. One pass over the question's words."""
    found = words(question)
    said = [fold(word) for word, _, _ in found]
    if not said or said[0] not in _WHO:
        return None
    end = _before_tail(said)
    start = 1
    if said[0] == "who":
        while start < end and said[start] in _ADVERBS_ASKED:
            start += 1
        if start < end and (said[start] in _KILLING_ASKED or said[start] in _WOUNDING_ASKED):
            return _asked(question, found, start + 1, end, _WOUNDING_ASKED.get(said[start], ""))
        if not (start < end and said[start] in _BEING_ASKED):
            return None
        start += 1
    if end - start < 2:
        return None
    if said[end - 1] == "by" and said[end - 2] in _PASSIVE_ASKED and said[start - 1] in _BEING_ASKED:
        return _asked(question, found, start, end - 2, _WOUNDING_ASKED.get(said[end - 2], ""))
    if said[end - 1] in _KILLERS:
        owner = said[end - 2]
        if owner in _NOT_OWNERS or not owner.endswith(("s", "'", "’")):
            return None
        return _asked(question, found, start, end - 1, possessive=True)
    if said[start] == "the" and said[start + 1] in _KILLERS and said[start + 2 : start + 3] == ["of"]:
        return _asked(question, found, start + 3, end)
    if said[start : start + 2] != ["responsible", "for"] or end - start < 3:
        return None
    if said[start + 2] == "the" and said[start + 3 : start + 4] and said[start + 3] in _DEATHS_ASKED:
        return _asked(question, found, start + 5, end) if said[start + 4 : start + 5] == ["of"] else None
    return _asked(question, found, start + 2, end - 1, possessive=True) if said[end - 1] in _DEATHS_ASKED else None


def _before_tail(said: list[str]) -> int:
    """Where the question's words end before a tail asking of the story's end ("in the end", "eventually")."""
    for tail in AT_THE_END:
        if tail and tuple(said[-len(tail) :]) == tail:
            return len(said) - len(tail)
    return len(said)


_POSSESSIVE_ENDS = ("'s", "’s", "'", "’")


def _asked(
    question: str, found: list[tuple[str, int, int]], start: int, end: int, wounding: str = "", possessive: bool = False
) -> KillerAsked | None:
    """The question asking of the name typed from word `start` to `end` (death_asked's typed_name), without its
    possessive where the shape has one ("Hale's killer"); one typed without its apostrophe is read so by the person's
    lookup ("hales")."""
    name = typed_name(question, found, start, end)
    if name is None:
        return None
    if possessive:
        for ending in _POSSESSIVE_ENDS:
            if name.endswith(ending) and len(name) > len(ending):
                name = name[: -len(ending)]
                break
    return KillerAsked(name, wounding)


_NAMED = 1
"""A sentence naming the person's killer."""
_BESIDE = 2
"""A sentence saying "the killer" is someone, which names the person's killer where it or the next sentence names
them (not as a possessive only: "The killer is Crane. He had blackmailed Pieter's sister" is of another's death) and
the story tells their death."""
_BY_PRONOUN = 3
"""A sentence naming the killer of "him" or "her", the person only where _pronoun_is_them says so."""
_CONFESSED = 4
"""A sentence where someone named confesses to killing the person: it names the killer where the story tells no
killing of them in its own voice ("the audience sees the crime first: Oliver Crane poisons his business partner,
Simon Hurst", and later "Agnes confesses to poisoning Simon" to protect her brother), as someone confessing may lie."""


@dataclass(frozen=True)
class _Found:
    """A sentence of the story telling who killed someone, where it stands."""

    index: int
    """Which of the story's texts."""
    number: int
    """Which sentence of it."""
    sentence: str
    before: str
    """The sentence before it in its text ("" where it opens it)."""
    verb: int
    """The word of the verb killing "him" or "her" (_BY_PRONOUN)."""


def killer_told(
    texts: Sequence[str], name: str, others: Sequence[str], pronouns: Pronouns, *, wounding: str = ""
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) last naming who killed the person of this name (by a form of their name,
    bot.core.person_forms, `others` the story's other people; `pronouns` the story's pronouns for one of them), as the
    module's docstring says; None where none does. `wounding`: asked who shot, stabbed or poisoned them (KillerAsked).
    Each sentence read once, each word a bounded number of times; `pronouns` asked of at most three people."""
    own = person_pattern(name, others)
    if own is None:
        return None
    reader = _Reader(own, name_words(others), wounding)
    last: dict[int, _Found] = {}
    unended = ""  # the last sentence of the passage before, where the passage cut it (a long paragraph's)
    for index, text in enumerate(texts):
        spans = sentence_spans(text)
        before = ""
        beside: _Found | None = None  # a sentence saying "the killer" is someone, the person not named in it
        for number, (start, end) in enumerate(spans):
            sentence = text[start:end]
            read = unended + sentence if number == 0 else sentence
            if beside is not None and reader.names_them(read):
                last[_BESIDE] = beside
            beside = None
            told, verb = reader.told(read)
            found = _Found(index, number, sentence, before, verb)
            if told == _BESIDE and not reader.names_them(read):
                beside = found
            elif told:
                last[told] = found
            before = read
        ended = not spans or text.rstrip().endswith(_SENTENCE_ENDS)
        unended = "" if ended else text[spans[-1][0] : spans[-1][1]] + " "
    if _BY_PRONOUN in last and not reader.pronoun_is_them(last[_BY_PRONOUN], name, pronouns):
        del last[_BY_PRONOUN]
    if _BESIDE in last and death_told(texts, name, others) is None:
        del last[_BESIDE]
    if _CONFESSED in last and _NAMED in last:
        del last[_CONFESSED]
    if not last:
        return None
    latest = max(last.values(), key=lambda found: (found.index, found.number))
    return latest.index, latest.sentence


_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'", ")", ":")


def _covered(mentions: Mentions) -> dict[int, int]:
    """Each word of the mentions, by the word ending its mention."""
    return {at: end for end, first in mentions.first_words.items() for at in range(first, end + 1)}


_ACCUSING = frozenset(
    {"accused", "accuses", "accuse", "accusing", "accusation", "suspect", "suspects", "suspected", "suspicion"}
    | {"charged", "blamed", "blames", "blame", "framed", "frames", "convicted", "convicts", "guilty", "alleged"}
    | {"allegedly", "supposedly", "wrongly", "falsely", "seems", "seemed", "appears", "apparently", "theory"}
    | {"suggests", "rumour", "rumor"}
)
"""Words of a sentence that make the killer it names one accused, suspected, judged or only seeming ("is suspected of
having killed the miller", "is found guilty of having poisoned Ashdown", "it seems that Tom shot Hal"), which a plot
refutes as often. Not an arrest: "is arrested for the murder of Ashdown" names no killer (of "murder" only a
confession tells one), and "The police arrest Gerald, who confesses to killing Edmund" tells the truth."""
_CONFESSING = frozenset({"confesses", "confessed", "confess", "admits", "admitted", "admit"})
_BLOWS = frozenset(
    {"struck", "hit", "pushed", "shoved", "stabbed", "shot", "strangled", "poisoned", "smothered", "drowned"}
    | {"bludgeoned", "clubbed", "beat", "battered", "knifed", "throttled", "suffocated", "killed", "murdered"}
)
"""Verbs a confession tells a killing by ("admits that she struck Lindqvist"), which tell none said otherwise."""
_MERE_BLOWS = frozenset({"struck", "hit", "pushed", "shoved", "beat", "battered"})
"""Of _BLOWS, those that need not kill: a confession tells a killing by them only where the sentence tells no fight
and no time before ("admits that he hit Pieter in a fistfight the summer before" is an old blow)."""
_OLD_FIGHTS = frozenset(
    {"before", "earlier", "ago", "once", "previously", "formerly", "years", "fight", "fistfight", "quarrel", "brawl"}
    | {"scuffle", "argument", "fights", "quarrels", "brawls", "scuffles", "arguments"}
)
_GERUNDS = frozenset(
    {"killing", "murdering", "slaying", "assassinating", "poisoning", "strangling", "shooting", "stabbing"}
    | {"striking", "hitting", "pushing", "shoving", "smothering", "drowning", "bludgeoning", "beating", "knifing"}
)
"""What "confesses to ..." tells a killing with ("confesses to poisoning Ashdown")."""
_CONFESSED_DEATHS = frozenset({"murder", "killing", "death", "poisoning", "shooting", "stabbing"})
"""Nouns "confesses to ..." tells a killing by ("confesses to the murder of Ashdown", "to Hale's murder")."""
_CONDITIONS = frozenset({"if", "unless", "lest", "whether", "hopes", "hoped", "hope"})
"""Words of believing (death_asked's BELIEVING) that leave undone only what follows them ("if Tom shot Hal"): a
killing told before one is told ("Gerald, who stood to lose his inheritance if the fraud came to light", "Silas was
poisoned by his partner, Hector Vane, who had hoped that the debt would die with him")."""
_HEDGES = frozenset(
    {"could", "would", "might", "may", "must", "should", "can", "cannot", "shall", "will", "not", "never", "no"}
    | {"according", "argues", "argued", "claims", "claimed", "testifies", "testified", "testimony", "believes"}
    | {"concludes", "concluded", "contends", "contended", "lies", "lied", "insists", "insisted", "maintains"}
    | {"maintained", "alleges", "notes", "noted", "speculates", "speculated", "theorises", "theorizes", "guesses"}
    | {"nightmare", "nightmares", "vision", "visions", "imagines", "imagined", "hallucination", "hallucinates"}
    | {"hallucinations", "fantasy", "fantasies", "fantasises", "fantasizes"}
)
"""Words that leave a killing the sentence tells hedged, denied, reported or dreamt ("could easily have murdered
Bardin", "it was not Lukas who poisoned Pieter", "According to Nolan, Declan killed Conor", "in Amos's nightmares,
Silas kills Ned"): a plot refutes such a sentence as often, and a later one must not beat the truth told earlier."""


def _hedged(said: list[str]) -> bool:
    """Whether a word of the sentence hedges it (_HEDGES, or a negation's "n't": "couldn't have killed"); "not" but
    where a "but" follows it ("the killer is not Sir Aldous but his elder son")."""
    for at, word in enumerate(said):
        if word == "not":
            if "but" not in said[at + 1 :]:
                return True
        elif word in _HEDGES or word.replace("’", "'").endswith("n't"):
            return True
    return False


_SUBJECTS = frozenset({"he", "she"})
_SHIELDING = frozenset({"protect", "protects", "protecting", "shield", "shields", "shielding"})
"""Words that make a confession one made for another's sake ("To protect her younger brother, Agnes confesses to
poisoning Simon"): it names no killer."""
_LOOKS = frozenset(
    {"look", "looks", "glance", "glances", "glare", "glares", "smile", "smiles", "grin", "grins", "wink", "winks"}
    | {"stare", "stares", "frown", "frowns", "scowl", "scowls"}
)
"""What "shoots Dmitri a warning glance" sends: a look, no shot."""
_NOT_SENT = frozenset({"as", "for", "like", "with", "from", "at", "in", "on", "to", "into"})
"""Words before "a" that make what follows no look sent: "shoots Caleb as a warning to every thief"."""
_PHOTOGRAPHY = frozenset(
    {"photographer", "photographers", "photograph", "photographs", "photo", "photos", "photoshoot", "camera"}
    | {"cameras", "magazine", "portrait", "portraits", "fashion", "lens", "modelling", "modeling"}
)
"""Words that make "shoots" a photographer's ("the photographer Ana Ruiz shoots Mara for the cover of Vogue")."""
_STABBED_IN_THE_BACK = ("in", "the", "back")
_BLOWS_TOLD = frozenset(
    {"knife", "knives", "dagger", "daggers", "blade", "sword", "bayonet", "scissors", "spear", "stiletto", "shiv"}
    | {"pitchfork", "screwdriver", "gun", "rifle", "pistol", "revolver", "shotgun", "bullet", "bullets", "arrow"}
    | {"dead", "death", "dies", "died", "dying", "killed", "kills", "killing", "murdered", "murders", "fatal"}
    | {"fatally", "corpse", "body", "blood", "bleeding", "bleeds", "wound", "wounds", "wounded", "hospital"}
)
"""What makes a shooting or a stabbing one of weapons, however else it reads: "Viktor shoots Tom dead ... and smashes
the camera", "Maelis stabs Aldric in the back as he raises his cup, and Aldric dies" (not "Gina stabs Paolo in the
back: she sells her half of the Blue Door", nor "the photographer Ana Ruiz shoots Mara for the cover")."""
_HURTING = _WOUNDING["shoot"] | _WOUNDING["stab"]
"""Verbs of killing that may tell a wound ("shoots Ruth in the shoulder"): read so unless nothing after says it."""
_ACTIVE = KILLING | _HURTING
_MOST_WORDS_AFTER = 6
"""How far after a verb of shooting or stabbing a look or "in the back" is looked for ("shoots Dmitri a warning
glance", "stabs his partner Paolo in the back")."""
_NO_DOERS = frozenset(
    {"he", "she", "they", "it", "that", "which", "this", "what", "someone", "somebody", "anyone", "anybody", "nobody"}
    | {"everyone", "everybody", "one", "i", "we", "you"}
)
"""Words that, met before a verb of killing, leave its doer no one named ("the poison that killed Hale", "he shoots
Tom"; a confessor's "he" aside)."""
_CLAUSE_BREAKS = frozenset({"but", "although", "though", "whereas", "yet", "unless", "until", "because", "so"})
"""Words opening a clause of its own subject: no doer before them is the verb's ("Tom survives, but the wound kills
Hal")."""
_UNKNOWN = frozenset(
    {"unknown", "unidentified", "mysterious", "masked", "unseen", "anonymous", "hooded", "faceless", "mystery"}
    | {"another", "other", "some", "certain"}
)
"""Words before a word for a person that leave them no one named ("an unknown gunman")."""
_CAUSES = frozenset(
    {"accident", "shell", "bomb", "mine", "grenade", "bullet", "explosion", "blast", "fire", "fever", "storm", "flood"}
    | {"avalanche", "disease", "illness", "plague", "poison", "wound", "wounds", "fall", "crash", "tram", "train"}
    | {"car", "truck", "wave", "sea", "cold", "winter", "frost", "tide", "landslide", "infection", "overdose", "tree"}
    | {"lightning", "attack", "stroke", "arrow", "bolt", "blow", "hunger", "gas", "smoke", "drink", "hand", "hands"}
    | {"heart", "cancer", "tumour", "tumor", "rockfall", "shot", "shots", "bullets", "knife", "gun", "rifle", "sword"}
)
"""Things that kill, read as the doer where they stand right before the verb ("a shell kills Miller", "a car accident
killed his father") or after "by" ("killed by a shell", "by his own hand"), rather than a person named before."""
_DOER_BACK = 16
"""The most words read back from a verb of killing for its doer."""
_DOER_AHEAD = 5
"""The most words read after "by" for a passive's doer."""
_DEAD = frozenset({"dead", "outright", "instantly"})
"""What may stand between a passive's participle and its "by" ("shot dead by")."""
_FRAMING = frozenset(
    {"is", "was", "as", "be", "to", "revealed", "shown", "proved", "proven", "exposed", "unmasked", "identified"}
    | {"named", "actually", "really", "also", "in", "fact", "none", "other", "than", "all", "along", "turns", "out"}
)
"""Words that may stand between someone and "the killer" they are said to be ("Price is revealed to be the killer",
"unmasks Price as the murderer"), or after "the killer is" before them ("is none other than Price")."""
_MOST_FRAMING = 5
_GENERIC = frozenset(
    {"man", "men", "woman", "women", "person", "persons", "people", "stranger", "strangers", "figure", "individual"}
    | {"fellow", "guy", "someone", "somebody", "anyone", "anybody", "nobody", "everyone", "everybody"}
)
"""Words for a person that name no one ("the man who killed his brother"), unless after a possessive ("Crane's
men")."""
_DETERMINERS = frozenset(
    {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "my", "our", "your", "every"}
    | {"each", "another", "whose"}
)
"""Words that make a verb of killing after them, or after them and a word for no person, a noun ("in the final shot
Jolene skates", "the murders Hale committed")."""
_OBJECT_PRONOUNS = frozenset({"him", "her"})
_AFTER_OBJECT = frozenset(
    {"that", "this", "the", "in", "at", "on", "with", "by", "and", "before", "after", "as", "when", "while", "then"}
    | {"to", "for", "outright", "instantly", "too", "also", "there", "during", "later", "soon", "because", "so"}
)
"""Words after "her" that show it is the object, not a possessive ("killed her that night", not "killed her
husband")."""


class _Reader:
    """What one person's story's sentences tell of their killer: the person's forms (`own`) and the story's other
    people's (`people`), and the verb asked where it tells no death (`wounding`)."""

    def __init__(self, own: re.Pattern[str], people: dict[str, tuple[str, ...]], wounding: str) -> None:
        self.own, self.people = own, people
        self.wounding = _WOUNDING.get(wounding, frozenset())
        self.kinds = kinds_of_people()

    def told(self, sentence: str) -> tuple[int, int]:
        """Whether the sentence names the person's killer (_NAMED), someone confesses to killing them (_CONFESSED), it
        says "the killer" is someone (_BESIDE), or names the killer of "him" or "her" (_BY_PRONOUN), with the word of
        its verb (-1 for _BESIDE), else (0, -1)."""
        found = words(sentence)
        said = [fold(word) for word, _, _ in found]
        if says(said) or not _ACCUSING.isdisjoint(said):
            return 0, -1
        if not (BELIEVING - _CONDITIONS).isdisjoint(said) or not PRETENDED.isdisjoint(said) or _hedged(said):
            return 0, -1
        told, at = self._told(sentence, found, said)
        # Quoted, it is only said; beside a quoted phrase it is told ('searching for "a girl who wears iron," ...').
        if told and (quoted(sentence, found[at][1]) if at >= 0 else not QUOTES.isdisjoint(sentence)):
            return 0, -1
        return told, at

    def _told(self, sentence: str, found: list[tuple[str, int, int]], said: list[str]) -> tuple[int, int]:
        """told's reading of a sentence neither saying, accusing, believing, pretending nor hedging."""
        read = _Sentence(self, sentence, found, said)
        pronoun = -1
        beside = False
        for at, word in enumerate(said):
            if word in _CONDITIONS:
                break  # "if Tom shot Hal", "whether Tom shot Hal": what follows may be undone
            if word in _ACTIVE and not read.noun(at):
                if read.killed_here(at, passive=False) and read.doer_before(at):
                    return _NAMED, at
                if read.killed_pronoun(at) and read.doer_before(at, past_them=True):
                    pronoun = at
            if word in KILLED and read.killed_here(at, passive=True) and read.doer_after(at):
                return _NAMED, at
            if word in _CONFESSING and read.confessed(at):
                return (0, -1) if not _SHIELDING.isdisjoint(said) else (_CONFESSED, at)
            if word in _KILLERS:
                said_to_be = read.killer_said(at)
                if said_to_be == _NAMED:
                    return _NAMED, at
                beside = beside or said_to_be == _BESIDE
        if beside:
            return _BESIDE, -1
        return (_BY_PRONOUN, pronoun) if pronoun >= 0 else (0, -1)

    def names_them(self, sentence: str) -> bool:
        """Whether the sentence names the person other than as a possessive ("Pieter's sister" is another)."""
        found = words(sentence)
        mentions = Mentions.of(sentence, found, [fold(word) for word, _, _ in found], self.own)
        return not all(mentions.theirs.values())

    def pronoun_is_them(self, found: _Found, name: str, pronouns: Pronouns) -> bool:
        """Whether the "him" or "her" killed in the sentence `found` is the person: of their sex as the story tells
        it; before the verb, no "he" or "she", and no one named but the doer (and a word for a kind of person set
        beside the doer by a comma: "Honoria's husband, Colonel Dunstable"), or a possessive of someone told with the
        other sex's pronouns; and the person named between the doer and the verb ("The Colonel followed Hale and
        killed him"; not before the doer: "Kettleby faces Slade and kills him"), or else opening the sentence
        before, which names no one else (but such a possessive) and no one by a word for a kind of person."""
        found_words = words(found.sentence)
        said = [fold(word) for word, _, _ in found_words]
        told_with = pronouns_told_with(name, pronouns)
        if told_with is None or said[found.verb + 1] not in told_with:
            return False
        read = _Sentence(self, found.sentence, found_words, said)
        her = said[found.verb + 1] == "her"
        kind = SHE if her else HE
        if ("she" if her else "he") in said[: found.verb]:
            return False
        doer = read.doer_alone_before(found.verb, kind, pronouns)
        if doer is None or any(read.is_them(at) for at in range(doer)):
            return False  # "Kettleby faces Deacon Slade and kills him": the person may be the doer
        if any(read.is_them(at) for at in range(doer, found.verb)):
            return True
        before_words = words(found.before)
        previous = _Sentence(self, found.before, before_words, [fold(word) for word, _, _ in before_words])
        return previous.them.opens() and previous.no_one_else(kind, pronouns)


class _Sentence:
    """One sentence's words read for the person's killer."""

    def __init__(self, reader: _Reader, sentence: str, found: list[tuple[str, int, int]], said: list[str]) -> None:
        self.reader, self.sentence, self.found, self.said = reader, sentence, found, said
        self.them = Mentions.of(sentence, found, said, reader.own)
        self.survival: int | None = None
        """Where the sentence's last word telling a death undone stands (death_asked's last_survival), once read."""
        self.covered: dict[int, int] = {}
        """Each word of another's name, by the word ending the run of such words it stands in ("Colonel Dunstable")."""
        self.firsts: dict[int, int] = {}
        """The word each such run starts at, by the word it ends at."""
        self._runs(reader.people)
        self.theirs = _covered(self.them)
        """Each word of the person's mentions, by the word ending it."""

    def _runs(self, people: dict[str, tuple[str, ...]]) -> None:
        """Reads the runs of capitalised words of other people's names (name_words), one pass: a run ends at a
        possessive ("Honoria's husband") or a mark."""
        first = -1
        for at, (word, _, _) in enumerate(self.found):
            if not (word[:1].isupper() and bare_word(self.said[at]) in people):
                continue
            first = at if first < 0 else first
            ends = at + 1 == len(self.found) or self._marked(at) or self._owning(at)
            if not ends:
                following = self.found[at + 1][0]
                ends = not (following[:1].isupper() and bare_word(self.said[at + 1]) in people)
            if ends:
                self.covered.update(dict.fromkeys(range(first, at + 1), at))
                self.firsts[at] = first
                first = -1

    def _owning(self, at: int) -> bool:
        """Whether the word at `at` is a possessive ("Dunstable's", "Harris'")."""
        return self.said[at].endswith(_POSSESSIVE_ENDS)

    def is_them(self, at: int) -> bool:
        """Whether the word at `at` is a word of the person's name, not their possessive."""
        end = self.theirs.get(at)
        return end is not None and not self.them.theirs[end]

    def killed_here(self, at: int, *, passive: bool) -> bool:
        """Whether the verb at `at` kills the person (death_asked's object_killed, or its subject_is of a passive
        followed by "by", the verb asked aside, not survived (bot.core.death_asked.survived, killed_outright)."""
        said = self.said
        if passive:
            told = self._by(at) is not None and subject_is(said, at, self.them.is_them, True, None) != 0
        else:
            told = object_killed(said, at, self.them.is_them)
        return told and not self._another_sense(at) and self._not_undone(at)

    def _another_sense(self, at: int) -> bool:
        """Whether the verb of shooting or stabbing at `at` means no blow: a look sent right after its object
        ("shoots Dmitri a warning glance"), or, where no weapon, wound or death is said (_BLOWS_TOLD), a
        photographer's shoot or a betrayal ("Gina stabs Paolo in the back"). A few words after the verb, and the
        sentence's words once."""
        said = self.said
        after = said[at + 1 : at + 1 + _MOST_WORDS_AFTER]
        if said[at] in _WOUNDING["shoot"]:
            sent_a_look = any(
                word in ("a", "an")
                and after[place - 1] not in _NOT_SENT
                and not _LOOKS.isdisjoint(after[place : place + 3])
                for place, word in enumerate(after)
                if place > 0
            )
            return sent_a_look or (not _PHOTOGRAPHY.isdisjoint(said) and _BLOWS_TOLD.isdisjoint(said))
        if said[at] in _WOUNDING["stab"]:
            backed = any(tuple(after[place : place + 3]) == _STABBED_IN_THE_BACK for place in range(len(after)))
            return backed and _BLOWS_TOLD.isdisjoint(said)
        return False

    def _not_undone(self, at: int) -> bool:
        """Whether nothing after the verb at `at` undoes the killing it tells (death_asked's survived; a wound,
        killed_outright), but for the verb asked ("Who shot Ruth?")."""
        said = self.said
        if said[at] in self.reader.wounding:
            return True
        if self.survival is None:
            self.survival = last_survival(said)
        return not survived(said, at, self.survival) and (said[at] not in _HURTING or killed_outright(said, at))

    def _by(self, at: int) -> int | None:
        """Where "by" stands after the participle at `at`, past words of _DEAD ("shot dead by"), if it does."""
        by = at + 1
        while by < len(self.said) and self.said[by] in _DEAD:
            by += 1
        return by if by < len(self.said) and self.said[by] == "by" else None

    def killed_pronoun(self, at: int) -> bool:
        """Whether the verb at `at` kills "him" or "her" (the object, not a possessive: "killed her that night", not
        "killed her husband"), nothing before it undoing it and nothing after undoing it."""
        said = self.said
        if at + 1 >= len(said) or said[at + 1] not in _OBJECT_PRONOUNS:
            return False
        if not UNDONE_BEFORE.isdisjoint(said[max(0, at - 2) : at]):
            return False
        her = said[at + 1] == "her"
        if her and at + 2 < len(said) and said[at + 2] not in _AFTER_OBJECT and not self._marked(at + 1):
            return False
        return self._not_undone(at)

    def noun(self, at: int) -> bool:
        """Whether the verb of killing at `at` is a noun: right after a determiner, or after one and a word no
        person's, no mark between ("the final shot"; not "the Warden shot", "the sheriff, shot")."""
        said = self.said
        if said[at - 1 : at] and said[at - 1] in _DETERMINERS:
            return True
        return (
            at > 1
            and said[at - 2] in _DETERMINERS
            and not self._marked(at - 2)
            and not self._marked(at - 1)
            and not self._someone(at - 1)
        )

    def _marked(self, at: int) -> bool:
        """Whether a mark of punctuation stands right after the word at `at`."""
        return at + 1 < len(self.found) and self.sentence[self.found[at][2] : self.found[at + 1][1]].strip() != ""

    def _broken(self, at: int) -> bool:
        """Whether a semicolon or colon stands right after the word at `at`: another clause, of its own subject."""
        end = self.found[at + 1][1] if at + 1 < len(self.found) else len(self.sentence)
        return not {";", ":"}.isdisjoint(self.sentence[self.found[at][2] : end])

    def person(self, at: int) -> bool:
        """Whether the word at `at` is a word for a kind of person, or its plural ("the Warden", "railroad men")."""
        word = self.said[at]
        kinds = self.reader.kinds
        return (
            word in kinds
            or (word.endswith("s") and word[:-1] in kinds)
            or (word[-3:] == "ies" and word[:-3] + "y" in kinds)
        )

    def _someone(self, at: int) -> bool:
        """Whether the word at `at` names someone who may do a killing: another person by name, or a word for a kind
        of person ("the Warden", "his elder son", "a sniper"), not "someone", "the killer", "an unknown gunman", nor
        "the man" but after a possessive ("Crane's men")."""
        if self.named(at):
            return True
        word = self.said[at]
        if word in _KILLERS or word in _NO_DOERS or not self.person(at):
            return False
        if word in _GENERIC and not (at > 0 and self.said[at - 1].endswith(_POSSESSIVE_ENDS)):
            return False
        return _UNKNOWN.isdisjoint(self.said[max(0, at - 3) : at])

    def named(self, at: int) -> bool:
        """Whether the word at `at` is a word of another person's name (not of the person's), not their possessive."""
        end = self.covered.get(at)
        return end is not None and at not in self.theirs and not self._owning(end)

    def doer_before(self, at: int, *, confessor: bool = True, past_them: bool = False) -> bool:
        """Whether someone named does the verb at `at`: read back over at most _DOER_BACK words, the first person met
        is another person of the story by name, a word for a kind of person, or "who" after either; not the person
        themselves, a pronoun (unless the "he" or "she" of a confession of which someone named is the doer, where
        `confessor`: "Carly admits that she struck"), "that" or "which", a thing that kills right before the verb
        ("a shell kills"), nor anyone before a clause of its own subject ("but", a semicolon). `past_them`: the
        person named is read past, the object of an earlier verb ("The Colonel followed Hale and killed him")."""
        said = self.said
        nearest = at - 1
        while nearest >= 0 and (said[nearest] in BEING or said[nearest].endswith("ly")) and not self._someone(nearest):
            nearest -= 1
        if nearest >= 0 and said[nearest] in _CAUSES and not self._marked(nearest):
            return False
        for back in range(nearest, max(-1, nearest - _DOER_BACK), -1):
            if self._broken(back) or said[back] in _CLAUSE_BREAKS:
                return False
            if self.is_them(back) and not past_them:
                return False
            if self._someone(back):
                return True
            if said[back] == "who":
                return back > 0 and self._someone(back - 1)
            if said[back] in _NO_DOERS:
                return (
                    confessor
                    and said[back] in _SUBJECTS
                    and said[back - 1 : back] == ["that"]
                    and said[back - 2 : back - 1] != []
                    and said[back - 2] in _CONFESSING
                    and self.doer_before(back - 2, confessor=False)
                )
        return False

    def doer_after(self, at: int) -> bool:
        """Whether someone named does the passive verb at `at`: after its "by", within _DOER_AHEAD words, another
        person of the story by name or a word for a kind of person, before any thing that kills ("by a shell", "by his
        own hand"), the person themselves or a mark of punctuation."""
        said = self.said
        by = self._by(at)
        if by is None:
            return False
        for ahead in range(by + 1, min(by + 1 + _DOER_AHEAD, len(said))):
            if said[ahead] in _CAUSES or self.is_them(ahead) or self.them.owned(ahead):
                return False
            if self._someone(ahead):
                return True
            if self._marked(ahead):
                return False
        return False

    def confessed(self, at: int) -> bool:
        """Whether someone named confesses at `at` to killing the person: "to" (or nothing) and a gerund of
        killing or of a blow ("confesses to poisoning Ashdown", "admits killing", "to having killed"), the murder of
        them or their murder ("confesses to the murder of Ashdown", "to Hale's murder"), or "that" and a doer's verb
        of killing or of a blow ("admits that she struck Lindqvist")."""
        said = self.said
        if not self.doer_before(at, confessor=False):
            return False
        ahead = at + 1
        if said[ahead : ahead + 1] == ["to"]:
            ahead += 1
        if said[ahead : ahead + 1] == ["having"] and said[ahead + 1 : ahead + 2] and said[ahead + 1] in _BLOWS:
            return self._object_after(ahead + 1)
        if said[ahead : ahead + 1] and said[ahead] in _GERUNDS:
            return self._object_after(ahead)
        if said[ahead : ahead + 1] == ["the"] and said[ahead + 1 : ahead + 2] and said[ahead + 1] in _CONFESSED_DEATHS:
            return said[ahead + 2 : ahead + 3] == ["of"] and self._object_after(ahead + 2)
        if ahead < len(said) and self.them.owned(ahead) and said[ahead + 1 : ahead + 2]:
            return said[ahead + 1] in _CONFESSED_DEATHS
        if said[at + 1 : at + 2] != ["that"]:
            return False
        verb = at + 2
        if said[verb : verb + 1] and said[verb] in _SUBJECTS:
            verb += 1
        else:
            while self.named(verb):
                verb += 1
        verb += said[verb : verb + 1] == ["had"]
        if not (at + 2 < verb < len(said) and said[verb] in _BLOWS):
            return False
        return (said[verb] not in _MERE_BLOWS or _OLD_FIGHTS.isdisjoint(said)) and self._object_after(verb)

    def _object_after(self, at: int) -> bool:
        """Whether the person is named right after the word at `at`, past at most three words that may open their
        name (death_asked's OBJECT_OPENINGS: "his uncle, Abel Frane")."""
        return self._their_end_after(at) is not None

    def killer_said(self, at: int) -> int:
        """Whether the killer named at `at` is said to be someone: _NAMED where the killer is the person's ("Hale's
        killer", "the murderer of Hale"), _BESIDE where it is "the killer" of no one named, else 0. Said to be someone:
        after it, "is" or "was" and someone ("the killer is his elder son, Gerald"; "is not Sir Aldous but his
        elder son"), or, of the person's killer, a name after a comma ("Hale's killer, Colonel Dunstable,"); before
        it, someone and words saying so ("Price is revealed to be the killer", "unmasks Price as the murderer")."""
        said = self.said
        opening, after = at - 1, at + 1
        owned = opening >= 0 and self.them.owned(opening)
        if owned:
            kind = _NAMED
            opening = self.them.first_words[opening]
        elif said[after : after + 1] == ["of"]:
            ending = self._their_end_after(after)
            if ending is None:
                return 0
            kind, after = _NAMED, ending + 1
        elif opening >= 0 and said[opening] == "the":
            kind = _BESIDE
        else:
            return 0
        if kind == _NAMED and after < len(said) and self._marked(after - 1) and self.named(after):
            return kind
        if said[after : after + 1] and said[after] in ("is", "was"):
            return kind if self._someone_after(after + 1) else 0
        if opening < 0 or not (owned or said[opening] == "the"):
            return 0
        back = opening - 1
        while back >= 0 and opening - back <= _MOST_FRAMING and said[back] in _FRAMING:
            back -= 1
        return kind if 0 <= back < opening - 1 and self._someone(back) else 0

    def _their_end_after(self, at: int) -> int | None:
        """Where the person's name ends, named right after the word at `at` (_object_after), if it is."""
        for ahead in range(at + 1, min(at + 5, len(self.said))):
            if self.them.is_them(ahead, False):
                return self.theirs[ahead]
            if self.said[ahead] not in OBJECT_OPENINGS:
                return None
        return None

    def _someone_after(self, at: int) -> bool:
        """Whether someone named follows "the killer is" at `at`, over words of _FRAMING, possessives and the words
        that may open a name (death_asked's OBJECT_OPENINGS: "the Colonel's foreman", "his elder son"); "not" only
        where "but" and someone follow ("is not Sir Aldous but his elder son")."""
        said = self.said
        if said[at : at + 1] == ["not"]:
            but = next((ahead for ahead in range(at + 1, min(at + 8, len(said))) if said[ahead] == "but"), None)
            if but is None:
                return False
            at = but + 1
        for ahead in range(at, min(at + _MOST_FRAMING, len(said))):
            if self.is_them(ahead) or self.them.owned(ahead):
                return False
            if self._someone(ahead):
                return True
            if not (
                said[ahead] in _FRAMING or said[ahead] in OBJECT_OPENINGS or said[ahead].endswith(_POSSESSIVE_ENDS)
            ):
                return False
        return False

    def _possessive(self, at: int) -> bool:
        """Whether the word at `at` ends another's possessive ("Corrigan's foreman")."""
        end = self.covered.get(at)
        return end is not None and at not in self.theirs and self._owning(end)

    def doer_alone_before(self, verb: int, kind: frozenset[str], pronouns: Pronouns) -> int | None:
        """Where the verb at `verb`'s doer starts (the nearest other person before it, by name or a word for a kind
        of person, with a word for a kind of person set beside them by a comma: "Honoria's husband, Colonel
        Dunstable"), where no one but them and the person is named before the verb, but one possessive of someone
        told with other pronouns than `kind`; else None."""
        doer: int | None = None
        for back in range(verb - 1, -1, -1):
            if self._someone(back):
                doer = back
                break
        if doer is None:
            return None
        first = self.firsts.get(self.covered.get(doer, doer), doer)
        beside = first - 1 if first > 0 and self._marked(first - 1) and self.person(first - 1) else -1
        owners = 0
        for at in range(verb):
            if at in (doer, beside) or (doer in self.covered and self.covered.get(at) == self.covered[doer]):
                continue
            if self._possessive(at):
                owners += 1
                if owners > 1 or not self._other_sex(at, kind, pronouns):
                    return None
            elif self.named(at) or self.person(at):
                return None
        return beside if beside >= 0 else first

    def no_one_else(self, kind: frozenset[str], pronouns: Pronouns) -> bool:
        """Whether the sentence names no one but the person (one possessive of someone told with other pronouns than
        `kind` aside), by name or by a word for a kind of person."""
        owners = 0
        for at in range(len(self.said)):
            if self._possessive(at):
                owners += 1
                if owners > 1 or not self._other_sex(at, kind, pronouns):
                    return False
            elif self.named(at) or (self.person(at) and not self.is_them(at)):
                return False
        return True

    def _other_sex(self, at: int, kind: frozenset[str], pronouns: Pronouns) -> bool:
        """Whether the possessive ending at `at` is of one person of the story (the one whose name holds all its
        words), whom it tells with pronouns none of `kind`."""
        end = self.covered[at]
        owners: set[str] | None = None
        for within in range(self.firsts[end], end + 1):
            holding = set(self.reader.people.get(bare_word(self.said[within]), ()))
            owners = holding if owners is None else owners & holding
        if owners is None or len(owners) != 1:
            return False
        told_with = pronouns_told_with(owners.pop(), pronouns)
        return told_with is not None and told_with.isdisjoint(kind)
