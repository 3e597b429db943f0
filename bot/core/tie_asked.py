"""Questions asking how two people of a story are tied, which the sentence telling the tie answers.

"How does Sylvie know Oksana?", "What is Luka's relationship to Anton?", "How are Mireille and Gérard related?", "How
does Ashcombe know Fiona's family?": a plot tells a tie once, mostly where it brings the second of the two in, by the
first's possessive before a word for a kind of person ("Sylvie's former cellmate, Oksana Petrenko", "the poet's
nephew and secretary, Luka Kovačič") or by a relative clause of a verb that tells a tie ("Pavel Ruzicka, an
investigative journalist whom she dated at university", "Fiona, whose father he once taught"); the passages most like
the question are those naming both most, which need not tell it. A relation owned by "her" or "his", "A and B are
sisters" and "a friend of Tom's" are not read: whose or whether they are is too often unsure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from bot.core.analysis import fold, load_stopwords, words
from bot.core.kin_asked import KIN, KIN_OF_OWNER, place_before
from bot.core.people_finder import kin_words, kinds_of_people
from bot.core.person_forms import forms_pattern, person_forms, person_pattern, shared_forms
from bot.core.role_asked import given_alone
from bot.core.sentences import sentence_spans
from bot.core.slips import POSSESSIVE_ENDS, bare_word, written_possessive

_AUXILIARIES = frozenset({"does", "did", "do"})
_BEING = frozenset({"is", "was", "are", "were"})
_KNOWING = frozenset({"know", "knew"})
_BEFORE_KNOWING = frozenset({"first", "originally", "really", "actually"})
"""What may stand before "know" or "meet": "How did Blask and Zubr first know each other?"."""
_TIED = frozenset({"related", "connected", "linked"})
_TIES = frozenset({"relationship", "relation", "connection"})
_TO = frozenset({"to", "with"})
_EACH_OTHER = (("each", "other"), ("one", "another"))
_MEETING = frozenset({"meet", "met"})
_MOST_NAME_WORDS = 4
_NOT_NAMES = frozenset({"he", "she", "they", "them", "him", "his", "her", "it", "you", "i", "we", "me", "us"})
"""Words that make what is typed no one's name: "how does she know pavel" (read as the lead's name by
bot.core.pronoun_asked before it comes here, or not at all)."""


@dataclass(frozen=True)
class TieAsked:
    first: str
    """The first name asked of, folded: "sylvie"."""
    second: str
    """The second: "oksana"; "fiona" of "Fiona's family"."""
    family: bool = False
    """Asked of the second's family ("How does Ashcombe know Fiona's family?"): a tie through a relative's word."""
    met: bool = False
    """Asked how they met ("How did Sylvie and Oksana meet?"): a sentence naming both meeting, which the ranking finds
    by "meet", answers before a tie does."""


def tie_asked(question: str) -> TieAsked | None:
    """The two names in "How does A know B?" (or "B's family", "how do A and B know each other", "How did A and B first
    know each other?"), "How is A related to B?" (or connected, linked; "How are A and B related?"), "What is A's
    relationship to B?" (or relation, connection; "with"), "What is the relationship between A and B?", "What
    relation is A to B?", "How did A and B meet?", "How did A meet B?", on the question's words alone; else None. Not
    "how does X know B is lying" or "how does X know about B": a fact learnt, which the ranking answers."""
    said = [fold(word) for word, _, _ in words(question)]
    if said[:1] in (["what's"], ["whats"]):
        said = ["what", "is", *said[1:]]
    if len(said) < 4:
        return None
    if said[0] == "how" and said[1] in _AUXILIARIES | _BEING:
        return _how_asked(said[1], said[2:])
    if said[0] == "what":
        return _what_asked(said[1:])
    return None


def _how_asked(verb: str, rest: list[str]) -> TieAsked | None:
    """The names of "how does A know B", "how is A related to B", "how are A and B related", "how did A and B meet"
    after "how" and its `verb`."""
    if verb in _BEING:
        tied = next((at for at, word in enumerate(rest) if word in _TIED), None)
        if tied is None:
            return None
        after = rest[tied + 1 :]
        if after[:1] and after[0] in _TO and tuple(after[1:]) not in _EACH_OTHER:
            return _pair(rest[:tied], after[1:])
        alone = not after or (after[0] in _TO and tuple(after[1:]) in _EACH_OTHER)
        return _couple(rest[:tied]) if alone else None
    verb_at = next((at for at, word in enumerate(rest) if word in _KNOWING | _MEETING), None)
    if verb_at is None:
        return None
    names = rest[:verb_at]
    if names[-1:] and names[-1] in _BEFORE_KNOWING:
        names = names[:-1]
    met = rest[verb_at] in _MEETING
    known = rest[verb_at + 1 :]
    if tuple(known) in ((), *_EACH_OTHER):
        asked = _couple(names)
        return None if asked is None or (not known and not met) else TieAsked(asked.first, asked.second, met=met)
    if known[-1] == "family" and len(known) > 1 and not met:  # "fiona's family", "fionas family" (looked up as typed)
        return _pair(names, [*known[:-2], bare_word(known[-2])], family=True)
    asked = _pair(names, known)
    return None if asked is None else TieAsked(asked.first, asked.second, met=met)


def _what_asked(rest: list[str]) -> TieAsked | None:
    """The names of "what is A's relationship to B", "what is the relationship between A and B", "what relation is A
    to B", after "what"."""
    if rest[0] == "relation" and len(rest) > 2 and rest[1] in _BEING and "to" in rest[2:]:
        to = rest.index("to", 2)
        return _pair(rest[2:to], rest[to + 1 :])
    if rest[0] not in _BEING:
        return None
    rest = rest[1:]
    if rest[:1] == ["the"] and len(rest) > 2 and rest[1] in _TIES and rest[2] == "between":
        return _couple(rest[3:])
    tie = next((at for at, word in enumerate(rest) if word in _TIES), None)
    if tie is None or tie == 0 or rest[tie + 1 : tie + 2] not in (["to"], ["with"]):
        return None
    owner = rest[tie - 1]
    owner = bare_word(owner) if owner.endswith(POSSESSIVE_ENDS) else owner  # "lukas", typed bare, looked up as typed
    return _pair([*rest[: tie - 1], owner], rest[tie + 2 :])


def _couple(names: list[str]) -> TieAsked | None:
    """The two names of "A and B"."""
    if names.count("and") != 1:
        return None
    joined = names.index("and")
    return _pair(names[:joined], names[joined + 1 :])


def _pair(first: list[str], second: list[str], *, family: bool = False) -> TieAsked | None:
    """Two names as asked, where each may be one: at most four words, none a pronoun, a possessive or a stop word (but
    a role's "the": "the captain"), so that "calvin is telling the truth" and "about tomasa" name no one."""
    if not (_a_name(first) and _a_name(second)) or first == second:
        return None
    return TieAsked(" ".join(first), " ".join(second), family=family)


def _a_name(said: list[str]) -> bool:
    """Whether the words `said` may be a name as asked (_pair)."""
    stop = load_stopwords()
    unrolled = said[1:] if said[:1] == ["the"] and len(said) > 1 else said
    return 0 < len(said) <= _MOST_NAME_WORDS and not any(
        word in stop or word in _NOT_NAMES or word.endswith(POSSESSIVE_ENDS) for word in unrolled
    )


_FIRST, _SECOND, _ANOTHER = 0, 1, 2
"""Who a mention names: the first person asked of, the second, another of the story."""
_OWNING_PRONOUNS = frozenset({"her", "his"})
_SUBJECT_PRONOUNS = frozenset({"she", "he"})
_OF_SEX = {"he": frozenset({"he", "his", "him", "himself"}), "she": frozenset({"she", "her", "hers", "herself"})}
"""The words of each subject pronoun's sex."""
_WITHIN_OWNED = frozenset({"and", "own"})
"""Stop words that may stand between an owner and their relation: "her former colleague and ex-husband", "his own
brother"."""
_MOST_WORDS_OWNED = 6
"""How far before a word for a kind of person its owner may stand: "her former colleague and ex-husband"."""
_MOST_WORDS_DESCRIBED = 12
"""How long a description may be between a name and the "whom" or "whose" said of them: "Pavel Ruzicka, an
investigative journalist at the newspaper Korvan Evening Post whom she dated"."""
_MOST_WORDS_BACK = 40
"""How far back from a relative clause the person its pronoun stands for is looked for, in its sentence: a bound, so
that reading a sentence stays linear in its length."""
_SAYS_BEING = _BEING | {"been", "be", "became", "becomes", "become"}
_ADVERBS_OF_BEING = frozenset({"once", "also", "now", "still", "actually", "really", "secretly", "later", "always"})
_BEING_RUN = _SAYS_BEING | _ADVERBS_OF_BEING | {"being", "had", "has", "have", "turns", "turned", "out", "to"}
"""What may stand between a name and the relation it is said to be ("Price was Anna's grandson", "Lord Vael had been the
old king's younger brother", "turns out to be Bram's younger brother"), with a word of _SAYS_BEING."""
_BEFORE_VERB = frozenset({"had", "has", "have", "once", "first", "later", "briefly", "long", "still", "also", "used"})
_CLAUSE_WORDS = frozenset({"who", "whom", "whose", "which", "that", "when", "while", "where"})
_TYING_VERBS = frozenset({"dated", "married", "taught", "raised", "nursed", "trained", "mentored", "adopted"})
"""The verbs by which a relative clause tells a tie ("whom she dated", "whose father he once taught"); not "whom she
suspects", "whom Adler has arrested", "whom she has never met"."""
_TYING_WITH = {"served": ("with",), "grew": ("up", "with")}
"""Verbs that tell a tie with the words after them: "whom he served with", "whom she grew up with"."""
_DOUBTING = frozenset(
    {"not", "never", "no", "nor", "believe", "believes", "believed", "assume", "assumes", "assumed", "think", "thinks"}
    | {"thought", "suspect", "suspects", "suspected", "claim", "claims", "claimed", "pretend", "pretends", "pretending"}
    | {"poses", "posing", "rumoured", "rumored", "if", "whether", "supposed", "supposedly", "false", "fake"}
    | {"alleged", "allegedly", "purported", "purportedly", "reputed", "presumed", "claiming", "styled"}
)
"""Words that make a sentence's tie a belief, a pretence or a denial, which the rule does not read: "The villagers
assume that Ilse and Greta are sisters", "Everyone believes Pavel is Anna's brother", "Tessa, Howard's alleged
daughter, demands a share"."""
_ARTICLES = frozenset({"a", "an", "the"})
_CLAUSE_MARKS = frozenset(';:()"“”!?')
_MOST_ROLES = 4
"""How many roles owning a relation ("the poet's nephew") a story is read for (given_alone reads it whole each)."""


class _Mention(NamedTuple):
    first: int
    """Its first word's place among its sentence's words."""
    last: int
    who: int
    owning: bool
    """Whether it is written a possessive: "Sylvie's"."""


@dataclass(frozen=True)
class _Patterns:
    first: re.Pattern[str]
    second: re.Pattern[str]
    others: re.Pattern[str] | None


def tie_told(
    texts: Sequence[str],
    first: str,
    second: str,
    others: Sequence[str],
    pronouns: tuple[frozenset[str] | None, frozenset[str] | None],
    *,
    family: bool = False,
    met: bool = False,
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first telling how the persons `first` and `second` are tied (`others` the
    story's other people, each named by the forms bot.core.person_forms gives, surnames too; `pronouns` those the
    story settles as each of the two's, pronoun_asked.pronouns_of, None where it does not), where one is brought in
    as the other's (_Sentence.ties): "Sylvie's former cellmate, Oksana Petrenko", "Gérard, Anna's ex-husband", "Price
    was Anna's grandson", "Pavel Ruzicka, an investigative journalist whom she dated", "Fiona, whose father he once
    taught"; asked of the second's `family`, only by a relative's word ("whose father"). Asked how they `met`, None
    where a sentence naming both says they meet: the ranking finds it by that word. None where no sentence ties them.
    Each sentence is read word by word a bounded number of times."""
    patterns = _patterns(first, second, others)
    if patterns is None:
        return None
    roles: dict[str, int | None] = {}

    def role_holder(role: str) -> int | None:
        """Which of the two the story gives the role to alone ("the poet": "an aging poet, Anton Kovačič")."""
        if role not in roles:
            if len(roles) >= _MOST_ROLES:
                return None
            roles[role] = next(
                (who for who, name in enumerate((first, second)) if given_alone(texts, role, name)), None
            )
        return roles[role]

    found: tuple[int, str] | None = None
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = _Sentence(text[start:end], patterns, pronouns, role_holder)
            if met and sentence.meeting():
                return None
            if found is None and sentence.ties(family):
                found = (index, text[start:end])
                if not met:
                    return found
    return found


def pronouns_kept(told: frozenset[str] | None, man: bool | None) -> frozenset[str] | None:
    """The pronouns a story settles as a person's (`told`: bot.core.pronoun_asked.pronouns_of), unless whether they
    are a `man`, by a title of their name or a relative's word bringing them in (bot.core.spouse_asked.sex_of), says
    otherwise: one pronoun after a side character's name settles theirs, "Maya's teenage son, Eli, is spending the
    weekend with her estranged husband" Eli's as "her"."""
    return told if told is None or man is None or ("he" in told) is man else None


def _patterns(first: str, second: str, others: Sequence[str]) -> _Patterns | None:
    """Where a sentence names the first person, the second, and another of the story's people (none of whom is called
    by a form of the two's)."""
    own = person_pattern(first, [second, *others])
    theirs = person_pattern(second, [first, *others])
    if own is None or theirs is None:
        return None
    two = shared_forms([first, second])
    other_forms = [form for other in others for form in person_forms(other, two) or ()]
    return _Patterns(own, theirs, forms_pattern(other_forms) if other_forms else None)


@cache
def _family_words() -> frozenset[str]:
    """The words for a relative (bot.core.kin_asked's, what a relative is asked by and what their own is to them)."""
    return frozenset({*KIN, *(word for called in KIN.values() for word in called)}) | frozenset(
        word for called in KIN_OF_OWNER.values() for word in called
    )


def _relation_word(word: str) -> bool:
    """Whether a folded word says what someone is to another: a word for a kind of person or a relative ("cellmate",
    "colleague", "husband", "nephew"), or a compound of "mate" ("cellmate", "crewmate": WordNet holds some)."""
    return word in kinds_of_people() or word in kin_words() or _mate(word)


def _mate(word: str) -> bool:
    """Whether a folded word is a compound of "mate" and a word of at least three letters: "cellmate", "crewmate"."""
    return word.endswith("mate") and len(word) >= len("mate") + 3


class _Sentence:
    """One sentence as the tie rule reads it: its words, whom they name, and whose its pronouns are."""

    def __init__(
        self,
        sentence: str,
        patterns: _Patterns,
        pronouns: tuple[frozenset[str] | None, frozenset[str] | None],
        role_holder: Callable[[str], int | None],
    ) -> None:
        self.text = sentence
        self.written = words(sentence)
        self.said = [bare_word(fold(word)) for word, _, _ in self.written]
        self.owning = [written_possessive(sentence, word, end) for word, _, end in self.written]
        self.pronouns = pronouns
        self.role_holder = role_holder
        self.mentions = self._mentions(patterns)
        self.at: list[int | None] = [None] * len(self.written)
        for which, mention in enumerate(self.mentions):
            for place in range(mention.first, mention.last + 1):
                self.at[place] = which

    def _mentions(self, patterns: _Patterns) -> list[_Mention]:
        """The sentence's names of people, in order, a longer one before one within it."""
        found: list[tuple[int, int, int, bool]] = []
        for who, pattern in ((_FIRST, patterns.first), (_SECOND, patterns.second), (_ANOTHER, patterns.others)):
            if pattern is not None:
                found += [(m.start(), m.end(), who, m.group("owning") is not None) for m in pattern.finditer(self.text)]
        found.sort(key=lambda mention: (mention[0], mention[0] - mention[1]))
        mentions: list[_Mention] = []
        place = 0
        done = 0
        for start, end, who, owning in found:
            if start < done:
                continue  # within a longer name
            done = end
            while place < len(self.written) and self.written[place][1] < start:
                place += 1
            if place == len(self.written) or self.written[place][1] != start:
                continue
            last = place
            while last + 1 < len(self.written) and self.written[last + 1][2] <= end:
                last += 1
            mentions.append(_Mention(place, last, who, owning))
        return mentions

    def gap(self, place: int) -> str:
        """The text between the word at `place` and the one before it."""
        return self.text[self.written[place - 1][2] : self.written[place][1]] if 0 < place < len(self.written) else ""

    def mention(self, place: int) -> _Mention | None:
        """The name the word at `place` is a word of, if any."""
        which = self.at[place] if 0 <= place < len(self.at) else None
        return None if which is None else self.mentions[which]

    def lowercase(self, place: int) -> bool:
        """Whether the word at `place` is written in lowercase."""
        return self.written[place][0][:1].islower()

    def meeting(self) -> bool:
        """Whether the sentence names either and says a meeting: "Sylvie met Oksana in prison", "Chiara had met him on a
        night train"."""
        named = {mention.who for mention in self.mentions}
        return not named.isdisjoint({_FIRST, _SECOND}) and not _MEETING.union({"meets", "meeting"}).isdisjoint(
            self.said
        )

    def ties(self, family: bool) -> bool:
        """Whether the sentence ties the two: one brought in as the other's, by a word for a kind of person
        (_relation_at) after the other's possessive (not "her" or "his", whose they are is too often unsure, but after
        the name and "and": "Karim Baig and his nephew Ashraf"), "the" role's they alone hold ("the poet's nephew",
        bot.core.role_asked.given_alone) or "whose" said of them, before the name ("Sylvie's former cellmate, Oksana
        Petrenko") or after it and a comma ("Gérard, Anna's ex-husband") or a verb of being ("Price was Anna's
        grandson"), or the relation owned before "is" and the name ("In the mill, Tom Reed's deputy is a young officer,
        Anna Lind"); in a relative clause of one whose subject is the other or a pronoun of theirs ("Pavel Ruzicka, an
        investigative journalist whom she dated", "Fiona, whose father he once taught"); or the two named together as
        relatives ("Anna and Marta are sisters"). Asked of a `family`, only through a relative's word."""
        if all(mention.who == _ANOTHER for mention in self.mentions) or not _DOUBTING.isdisjoint(self.said):
            return False
        relations = {said for place, said in enumerate(self.said) if self._relation_at(place, family)}
        for mention in self.mentions:
            if mention.who == _ANOTHER:
                continue
            if relations and (self._brought_in_as(mention, relations) or self._described_as(mention, family)):
                return True
        for place, said in enumerate(self.said):
            if said in ("whom", "whose") and self._clause_ties(place, family):
                return True
            if said in _BEING and self._owned_before_being(place, family):
                return True
        return False

    def _tie(self, holder: int, owner: int | None) -> bool:
        """Whether the `holder` and the `owner` of a relation are the two asked of."""
        return owner is not None and {holder, owner} == {_FIRST, _SECOND}

    def _brought_in_as(self, mention: _Mention, relations: set[str]) -> bool:
        """A relation said before the name, "Sylvie's former cellmate, Oksana Petrenko", "her partner, Georges": a
        word of `relations` (those the sentence says) before it (bot.core.kin_asked.place_before: but for "the", a
        comma, titles), its owner before that."""
        if mention.owning:
            return False  # "Harold's grandson, Stephen's 16-year-old son Owen"
        place = place_before(self.said, mention.first, relations)
        if place is None or self.at[place] is not None or self.owning[place] or not self.lowercase(place):
            return False
        if any(not _CLAUSE_MARKS.isdisjoint(self.gap(between)) for between in range(place + 1, mention.first + 1)):
            return False  # "to stay with his mother; Mireille caught the train"
        owning = self._owning_place(place)
        if owning is None or ("," in self.gap(mention.first) and self._predicated(owning)):
            return False
        return self._tie(mention.who, self._owner_before(place))

    def _described_as(self, mention: _Mention, family: bool) -> bool:
        """A relation said after the name and a comma or a verb of being: "Gérard, Anna's ex-husband", "Luka, the poet's
        nephew", "Price was Anna's grandson", "Sandoval, who is Frank's brother-in-law"."""
        after = mention.last + 1
        if after >= len(self.said):
            return False
        if "," in self.gap(after) and self._relation_after(after, mention.who, family):
            return True
        if self.said[after] == "who":
            after += 1
        being = after
        while being < len(self.said) and being - after < _MOST_WORDS_OWNED and self.said[being] in _BEING_RUN:
            being += 1
        if being == after or _SAYS_BEING.isdisjoint(self.said[after:being]):
            return False
        return self._relation_after(being, mention.who, family)

    def _relation_after(self, place: int, holder: int, family: bool) -> bool:
        """Whether the words from `place` say the relation the person `holder` is to the other: their possessive (or
        "the" role's) and a few words to a relation word ("Anna's former colleague and ex-husband"), no name following
        it ("Pavel, Anna's friend Tom" is Tom's)."""
        if place >= len(self.said):
            return False
        owned = self._owner_at(place)
        if owned is not None:
            owner, start = owned
            relation = self._relation_from(start, family)
            return relation is not None and self.mention(relation + 1) is None and self._tie(holder, owner)
        return False

    def _relation_from(self, start: int, family: bool) -> int | None:
        """The relation word at or a few words after `start`, with only words an owner may have before it between."""
        for place in range(start, min(start + _MOST_WORDS_OWNED, len(self.said))):
            if place > start and not self._within_owned(place):
                return None
            if self._relation_at(place, family):
                return place
        return None

    def _within_owned(self, place: int) -> bool:
        """Whether the word at `place` may stand between an owner and their relation: a lowercase word of no name,
        with nothing but a space or a hyphen before it ("her former colleague and ex-husband")."""
        return (
            not self.gap(place).strip("-– ")
            and self.lowercase(place)
            and self.at[place] is None
            and not self.owning[place]
            and (self.said[place] not in load_stopwords() or self.said[place] in _WITHIN_OWNED)
        )

    def _relation_at(self, place: int, family: bool) -> bool:
        """Whether the word at `place` is a relation word (_relation_word; asked of a `family`, a relative's word), no
        possessive ("Tom's father's friend" is no friend of Tom's)."""
        said = self.said[place]
        return (
            self.lowercase(place)
            and self.at[place] is None
            and not self.owning[place]
            and (said in _family_words() if family else _relation_word(said))
        )

    def _owner_before(self, relation: int) -> int | None:
        """Who owns the relation word at `relation`: the nearest owning word a few words before it ("Sylvie's former
        cellmate"): a name's possessive, "the"
        role's (_role_start) or "whose" (_antecedent); None where another's ("Georges's younger brother") or none is."""
        place = self._owning_place(relation)
        if place is None:
            return None
        mention = self.mention(place)
        if mention is not None:
            return mention.who
        if self.said[place] in _OWNING_PRONOUNS:
            return self._joined_owner(place)
        if self.said[place] == "whose":
            antecedent = self._antecedent(place)
            return None if antecedent is None else antecedent.who
        return self.role_holder(" ".join(self.said[place + 1 : self._role_end(place) + 1]))

    def _joined_owner(self, place: int) -> int | None:
        """Whose the "her" or "his" at `place` is where it follows a name and "and" alone, as the name's own, the
        story settles no other pronoun as theirs and nothing before the name in the sentence may stand for it: another
        person, a capitalised name of no one, a pronoun of that sex ("the porter Karim Baig and his nephew Ashraf",
        "Ingrid and her brother Tobias"; not "Pavel brings Anna and his daughter Mary", nor "Tom hired Karim, and his
        nephew Ashraf ...")."""
        if place < 2 or self.said[place - 1] != "and" or self.gap(place - 1).strip():
            return None
        mention = self.mention(place - 2)
        if mention is None or mention.owning or mention.who == _ANOTHER:
            return None
        subject = "he" if self.said[place] == "his" else "she"
        if self._named_before(mention.first, subject) != set():
            return None
        told = self.pronouns[mention.who]
        return mention.who if told is None or subject in told else None

    def _owning_place(self, relation: int) -> int | None:
        """Where the owning word of the relation word at `relation` stands (_owner_before): a name's possessive's last
        word, "her" or "his", "whose", or the "the" of a role's possessive; None where none does."""
        for place in range(relation - 1, max(relation - 1 - _MOST_WORDS_OWNED, -1), -1):
            mention = self.mention(place)
            if mention is not None:
                return place if mention.owning and place == mention.last else None
            if self.said[place] in _OWNING_PRONOUNS or self.said[place] == "whose":
                return place
            start = self._role_start(place)
            if start is not None:
                return start
            if not self._within_owned(place):
                return None
        return None

    def _role_end(self, start: int) -> int:
        """Where the role's possessive whose "the" stands at `start` ends."""
        return next(end for end in range(start + 1, len(self.said)) if self._role_start(end) == start)

    def _predicated(self, place: int) -> bool:
        """Whether the owning word at `place` follows a relative clause's verb of being, but for adverbs ("who was once
        her pupil, Honoria traces"): its relation is said of someone before, not apposed to the name after it ("Brandt's
        star witness is Pike's business partner, Royce Everett" is)."""
        back = place - 1
        being = False
        while back >= 0 and (self.said[back] in _ADVERBS_OF_BEING or self.said[back] in _BEING_RUN):
            being = being or self.said[back] in _SAYS_BEING
            back -= 1
        return being and back >= 0 and self.said[back] in ("who", "which", "that")

    def _owner_at(self, place: int) -> tuple[int | None, int] | None:
        """Who the owning words starting at `place` are and where the words after them start: a name's possessive,
        "her" or "his" (owning for no one: whose they are is too often unsure), or "the" and a role's
        possessive ("the poet's", "the old king's": whom the story gives that role alone); None where no owner stands
        there."""
        mention = self.mention(place)
        if mention is not None:
            return (mention.who, mention.last + 1) if mention.first == place and mention.owning else None
        if self.said[place] in _OWNING_PRONOUNS:
            return None, place + 1
        if self.said[place] != "the":
            return None
        for end in range(place + 1, min(place + 4, len(self.said))):
            if self._role_start(end) == place:
                return self.role_holder(" ".join(self.said[place + 1 : end + 1])), end + 1
        return None

    def _role_start(self, place: int) -> int | None:
        """Where the "the" stands of a role's possessive ending at `place` ("the poet's", "the old king's": a word for
        a kind of person after "the" and at most two words); None where no such role ends there."""
        if not self.owning[place] or self.at[place] is not None or self.said[place] not in kinds_of_people():
            return None
        for start in range(place - 1, max(place - 4, -1), -1):
            if self.said[start] == "the":
                return start
            if self.at[start] is not None or not self.lowercase(start) or self.owning[start]:
                return None
        return None

    def _antecedent(self, place: int) -> _Mention | None:
        """The name the "whom" or "whose" at `place` is said of: right before it, or before a description set off by a
        comma ("Captain Frank Delaney, a former high school football coach from Ohio, whose", "Pavel Ruzicka, an
        investigative journalist at the newspaper Korvan Evening Post whom"); None where no one of the story is."""
        back = place - 1
        while back >= 0 and place - back <= _MOST_WORDS_DESCRIBED:
            mention = self.mention(back)
            if mention is not None:
                described = back + 1 < place
                if described and not ("," in self.gap(back + 1) and self.said[back + 1] in _ARTICLES):
                    return None
                if "of" in self.said[back + 1 : place]:
                    return None  # "Sophie Laval, the daughter of the mayor whom Adler married": the mayor's
                return mention
            if self.said[back] in _CLAUSE_WORDS or not _CLAUSE_MARKS.isdisjoint(self.gap(back + 1)):
                return None
            back -= 1
        return None

    def _clause_ties(self, place: int, family: bool) -> bool:
        """A relative clause of one whose subject is the other, named or told by a pronoun of theirs, before a verb:
        "Pavel Ruzicka, an investigative journalist whom she dated", "Fiona, whose father he once taught". Asked of a
        family, only "whose" and a relative's word."""
        antecedent = self._antecedent(place)
        if antecedent is None or antecedent.who == _ANOTHER:
            return False
        subject = place + 1
        if self.said[place] == "whose":
            relation = self._relation_from(place + 1, family)
            if relation is None:
                return False
            subject = relation + 1
        elif family:
            return False
        if subject >= len(self.said) or not _CLAUSE_MARKS.union(",").isdisjoint(self.gap(subject)):
            return False
        mention = self.mention(subject)
        doer: int | None = None
        if mention is not None:
            doer, verb = mention.who, mention.last + 1
        elif self.said[subject] in _SUBJECT_PRONOUNS:
            doer = self._clause_subject(self.said[subject], antecedent)
            verb = subject + 1
        else:
            return False
        while verb < len(self.said) and self.said[verb] in _BEFORE_VERB:
            verb += 1
        return self._tying_verb(verb) and self._tie(antecedent.who, doer)

    def _tying_verb(self, place: int) -> bool:
        """Whether a verb that tells a tie stands at `place` (_TYING_VERBS, _TYING_WITH)."""
        if place >= len(self.said) or not self.lowercase(place):
            return False
        said = self.said[place]
        after = _TYING_WITH.get(said)
        return said in _TYING_VERBS or (
            after is not None and tuple(self.said[place + 1 : place + 1 + len(after)]) == after
        )

    def _owned_before_being(self, place: int, family: bool) -> bool:
        """A relation owned right before "is" or "was" (at `place`) and the name after it, or after a description and
        a comma: "In the mill, Tom Reed's deputy is a young officer, Anna Lind" (not "his deputy": whose is unsure)."""
        relation = place - 1
        if relation < 0 or not self._relation_at(relation, family):
            return False
        after = place + 1
        while after < len(self.said) and after - place <= _MOST_WORDS_DESCRIBED:
            mention = self.mention(after)
            if mention is not None:
                if after > place + 1 and not ("," in self.gap(after) and self.said[place + 1] in _ARTICLES):
                    return False
                if mention.who == _ANOTHER or mention.owning:
                    return False  # "Brandt's star witness is Pike's business partner, Royce Everett"
                return self._tie(mention.who, self._owner_before(relation))
            if not _CLAUSE_MARKS.isdisjoint(self.gap(after)) or self.said[after] in _CLAUSE_WORDS:
                return False
            after += 1
        return False

    def _named_before(self, place: int, pronoun: str) -> set[int] | None:
        """Who the sentence names before the word at `place` (_FIRST, _SECOND, _ANOTHER), where nothing else there may
        stand for a `pronoun` ("he" or "she"): None where a pronoun of that sex or a capitalised name of no one of the
        story does (a shared surname, "old Brandt"; a ship, "the Sula"), or `place` is past _MOST_WORDS_BACK."""
        if place > _MOST_WORDS_BACK:
            return None
        named: set[int] = set()
        for back in range(place - 1, -1, -1):
            mention = self.mention(back)
            if mention is not None:
                named.add(mention.who)
            elif self.said[back] in _OF_SEX[pronoun] or (back > 0 and not self.lowercase(back)):
                return None
        return named

    def _clause_subject(self, pronoun: str, antecedent: _Mention) -> int | None:
        """Which of the two the "she" or "he" of a relative clause said of the `antecedent` is: the one person named
        before the antecedent in the sentence, where the story settles the pronoun as theirs
        (bot.core.pronoun_asked.pronouns_of) and nothing else before may stand for it: another person, a capitalised
        name of no one of the story (a shared surname, "old Brandt"; a ship, "the Sula") or a pronoun of that sex
        ("But Ashcombe is also drawn to Fiona, whose father he once taught" is Ashcombe's)."""
        named = self._named_before(antecedent.first, pronoun)
        if named is None or len(named) != 1:
            return None
        who = named.pop()
        told = self.pronouns[who] if who != _ANOTHER else None
        return who if who != antecedent.who and told is not None and pronoun in told else None
