"""Where a story names the kind of thing a question asks of a person: "What instrument does Sophie play?".

A plot says what someone plays, keeps or drives where it names them with it: "Sophie Korolev was a talented young
musician who had always been drawn to the classical piano", "Ferrand's son, Lucien, a trumpet player", "The hero is
Pebble, a small hermit crab". The question's words hold no "piano" and the story's every passage holds "Sophie", so
the ranking alone chose a violinist's passage. Asked with a verb of having or using (HAVING_VERBS), after "is" or
after a possessive, the first sentence naming the person and, as a noun of theirs, a word WordNet files as a kind of
the noun asked for (kind_words.txt, derived by scripts/build_kind_words.py: "piano" of "instrument", "crab" of
"animal") answers, where there is one (kind_told says which); any other question is left to the ranking ("what
animal did Ivan meet in the forest" is not answered by "Ivan rode his horse").
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import cache
from importlib import resources

from bot.core.analysis import fold, lemma, load_stopwords, words
from bot.core.job_asked import description_after
from bot.core.people_finder import described_head, kin_words, kinds_of_people, person_nouns
from bot.core.person_forms import person_pattern
from bot.core.sentences import sentence_spans
from bot.core.slips import bare_word

KIND_FILE = "kind_words.txt"
UNTAGGED = "~untagged"
"""kind_words.txt's name for the kinds SemCor never tagged ("cello", "aardvark"): WordNet knows them as nouns alone,
but nothing says a story writes them often enough to read one as the person's where no verb asked says so."""
# "What instrument does Sophie play?", "which weapon did Ned use", "What kind of animal is Pebble?": the noun asked
# a kind of, then the verb that puts the one it is asked of after it. Folded, at the question's start; possessive.
_KIND_ASKED = re.compile(
    r"\s*+(?:what|which)\s++(?:(?:kind|type|sort)s?+\s++of\s++(?:an?\s++)?)?(?P<kind>[^\W\d_]++)\s++"
    r"(?P<verb>does|did|do|is|was|are|were|has|had)\s++"
)
_IS = frozenset({"is", "was", "are", "were"})
HAVING_VERBS = frozenset(
    {"have", "own", "play", "use", "carry", "drive", "ride", "wear", "keep", "hold", "wield", "buy", "get"}
)
"""The verbs of having or using a thing, whose question a sentence naming the person and a kind of the thing answers:
"what animal did Ivan meet in the forest", "what animal did Ivan turn into" ask of something else than the horse of
"Ivan rode his horse", and are left to the ranking."""
# "What is Sophie's instrument?", "whats sophies instrument" (the possessive typed bare, as a chat types it): the name,
# its possessive and the noun asked a kind of, which ends the question.
_WHAT_IS = re.compile(r"\s*+what(?:\s*+['’]?s|\s++is|\s++was)\s++")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’]|(?<=[^\W\d_]s))\s++(?P<kind>[^\W\d_]++)$")
_ASKED_ENDS = "?.!"
NAME_WORDS = 3
"""The most words of a name a question asks of ("What instrument does Mary Anne Ellis play?")."""
NOT_NAMES = frozenset({"and", "or"})
"""Words after which the name typed is more than one person's: "what instrument do Sophie and Irene play"."""
_POSSESSIVE_ENDS = ("'s", "’s", "'", "’")
_POSSESSIVE_REACH = 40
"""The most characters between a possessive and its thing read: one word and its spaces."""
_SAID_AFTER = re.compile(
    r"(?:\s*+,(?!\s++(?:whose|with|his|her|their|its|who|which)\s)|\s++(?:is|was|are|were))\s++"
    r"(?:(?:a|an|the|one)\s++)?+(?:[^\W\d_][\w-]*+\s++){0,3}+"
)
"""Between a name and a kind said of it: ", a small hermit ", " is a small "; not a clause of theirs after the comma
(", whose horse went lame", ", with her dog"), which says what is theirs, not what they are."""
_SAID_BEFORE = re.compile(r"(?:\s*+,|\s++(?:named|called))\s++")
"""Between a kind and the name it is said of: ", " of "his dog, Rex", " called " of "a grey cat called Smoke"."""
_SAID_REACH = 60
"""The most characters between a name and a kind said of it: three words, an article and a verb."""
_VERB_REACH = 120
"""The most characters between a name and a kind read for a verb asked: "Sophie Korolev was a talented young
musician who had always been drawn to the classical piano"."""
_NO_KINDS = frozenset({"us"})
"""Words a sentence writes as a pronoun, never as the kind they spell ("Clara tells us" names no state)."""


@dataclass(frozen=True)
class KindAsked:
    """What a question of kind_asked's shape asks."""

    kind: str
    """The noun asked a kind of, in its dictionary form ("instrument")."""
    name: str
    """The name it is asked of, folded, as typed ("sophie", "sophies" where a possessive is typed bare, "the
    violinist", "sophie's mother")."""
    verbs: frozenset[str] = frozenset()
    """The verbs of having a sentence answering it may write, in their dictionary form: the one asked ("play"); any
    of HAVING_VERBS for "What is Sophie's instrument?"; none for "What kind of animal is Pebble?", which a sentence
    saying the kind of them answers."""


def kind_asked(question: str) -> KindAsked | None:
    """The noun a question asks a kind of, the name after its verb and the verb of having after the name ("What
    instrument does Sophie play?": one of HAVING_VERBS, anything after it), or the name alone after "is" ("What kind
    of animal is Pebble?"), or the name whose possessive it follows ("What is Sophie's instrument?", "whats sophies
    instrument": "sophies", as typed), where the bundled list knows kinds of that noun; else None, as where "and"
    follows the name ("what instrument do Sophie and Irene play"). A relative's name is read as typed ("sophie's
    mother"), whom the library reads as the mother (bot.core.library's _person_asked), not Sophie. Two matches and
    a scan over the words: linear."""
    folded = fold(question)
    found = _KIND_ASKED.match(folded) or _WHAT_IS.match(folded)
    if found is None:
        return None
    end = asked_end(folded, found.end())
    verbs: frozenset[str] = frozenset()
    if found.re is _KIND_ASKED:
        kind = found.group("kind")
        typed = [word for word, _, _ in words(folded[found.end() : end])]
        if found.group("verb") in _IS:
            name = typed
        else:
            at = next(
                (at for at, word in enumerate(typed[: NAME_WORDS + 1]) if at and lemma(word) in HAVING_VERBS), None
            )
            if at is None:
                return None
            name, verbs = typed[:at], frozenset({lemma(typed[at])})
    else:
        possessive = _POSSESSIVE.search(folded, found.end(), end)
        if possessive is None:
            return None
        kind, verbs = possessive.group("kind"), HAVING_VERBS
        name = [word for word, _, _ in words(folded[found.end() : possessive.start()])]
    if not name or len(name) > NAME_WORDS or any(word in NOT_NAMES for word in name):
        return None
    kind = lemma(kind)
    return KindAsked(kind, " ".join(name), verbs) if kinds_of(kind) else None


def asked_end(folded: str, start: int = 0) -> int:
    """Where a question's words end, past `start`: before its closing marks and spaces ("?", "!", " .")."""
    end = len(folded)
    while end > start and (folded[end - 1].isspace() or folded[end - 1] in _ASKED_ENDS):
        end -= 1
    return end


def kinds_of(noun: str, verbs: frozenset[str] = frozenset()) -> frozenset[str]:
    """The common words WordNet files as kinds of the noun (kind_words.txt), folded; empty for a noun of none. Asked
    with one verb that asks for one sense of the noun ("play" of "instrument": a musical instrument, not "compass"),
    its kinds of that sense ("instrument/play"). Asked with several, as "What is Peter's instrument?" is once no
    sense played answers, those SemCor tagged alone: a rare word ("blunderbuss") is an instrument in a sense the
    question hardly means."""
    table = _bundled_kinds()
    if len(verbs) == 1:
        (verb,) = verbs
        narrowed = table.get(f"{noun}/{verb}")
        if narrowed is not None:
            return narrowed
    kinds = table.get(noun, frozenset())
    return kinds - table.get(UNTAGGED, frozenset()) if len(verbs) > 1 else kinds


def verbs_in_turn(noun: str, verbs: frozenset[str]) -> list[frozenset[str]]:
    """The verbs to ask a kind of the noun with, in turn, till a sentence answers: asked with several ("What is
    Clara's instrument?": HAVING_VERBS), first each that asks for one sense of the noun (kinds_of: "play", the
    cello she plays, not the compass she carries), then all of them; asked with one or none, those."""
    table = _bundled_kinds()
    if len(verbs) < 2:
        return [verbs]
    return [frozenset({verb}) for verb in sorted(verbs) if f"{noun}/{verb}" in table] + [verbs]


def doers_of(noun: str, verbs: frozenset[str]) -> frozenset[str]:
    """The nouns for one who does one of the verbs with a kind of the noun ("cellist", "drummer" of "instrument" and
    "play": kind_words.txt's "instrument/play/doers"), folded."""
    table = _bundled_kinds()
    return frozenset(word for verb in verbs for word in table.get(f"{noun}/{verb}/doers", ()))


@cache
def _bundled_kinds() -> dict[str, frozenset[str]]:
    """Each noun of kind_words.txt and its kinds ("instrument/play" a noun asked with a verb, "instrument/play/doers"
    the nouns for its doers), from its lines: the nouns, comma-separated, then the words that are kinds of each of
    them, space-separated; `#` starts a comment line."""
    text = resources.files("bot.core").joinpath(KIND_FILE).read_text("utf-8")
    kinds: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            nouns, *found = line.split(" ")
            for noun in nouns.split(","):
                kinds.setdefault(noun, set()).update(found)
    return {noun: frozenset(found) for noun, found in kinds.items()}


def kind_told(
    texts: Sequence[str],
    name: str,
    kinds: frozenset[str],
    others: Sequence[str] = (),
    title: str = "",
    verbs: frozenset[str] = frozenset(),
    doers: frozenset[str] = frozenset(),
    pronouns: frozenset[str] | None = None,
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first naming the person (by a form of their name, bot.core.person_forms, but
    no surname alone: "the elder Hale played the cello" may be a brother the finder did not list; or its possessive:
    "Nora's cello"; `others` the story's other people) and a word of `kinds` as a noun of theirs
    (_told_kind): asked with `verbs` ("play"), the first that writes one of them too ("Clara plays the cello"), else
    the first at all ("drawn to the classical piano") unless a sentence naming them writes one with no kind the list
    knows ("Clara plays the cello", a word too rare for it): the story says it in other words, which the ranking
    reads. Asked with none ("What kind of animal is Pebble?"), the first saying the kind of them ("Pebble, a small
    hermit crab", "a grey cat called Smoke"). None where none does. The story's `title` written in a sentence names
    neither: "Pebble and the Tide Crabs is a 2016 film" says nothing of what Pebble is; but a title that is the
    person's name alone is their name ("Murmur Goose-Egg"). A word of `doers` said of them ("Clara Voss, a cellist",
    "the drummer Clara Voss") says they do the verb with one, as "Clara plays the cello" does. `pronouns`, those the
    story tells them with (bot.core.pronoun_asked.pronouns_of; None where unsettled), say whose another clause after
    them is ("Tom is happiest when he plays the piano", not "Felix listens while she plays the cello")."""
    own = set(name.split())
    named = person_pattern(name, others, surname=False)
    if named is None:
        return None
    patterns = [person_pattern(other, [name], possessive=False, surname=False) for other in others]
    other_named = [pattern for pattern in patterns if pattern is not None]
    titled = {fold(word) for word, _, _ in words(title)}
    written_title = (
        re.compile(rf"(?<![\w'’-]){re.escape(title)}(?![\w'’-])") if titled - {fold(word) for word in own} else None
    )
    first: tuple[int, str] | None = None
    verb_without_kind = False
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            read = sentence if written_title is None else written_title.sub(lambda m: " " * len(m.group()), sentence)
            mentions = [
                found.span()
                for found in named.finditer(read)
                if not owns_a_person(read, found.end(), kinds) and not _of_a_person(read, found.start())
            ]
            if not mentions:
                continue
            told = _told_kind(read, kinds, mentions, other_named, verbs, doers, pronouns)
            if told is _Told.POSSESSED or told is _Told.DONE or (told is _Told.NEAR and not verbs):
                return index, sentence
            if told is _Told.NEAR:
                first = first or (index, sentence)
            else:
                verb_without_kind = verb_without_kind or (bool(verbs) and _writes_verb(read, verbs))
    return None if verb_without_kind else first


class _Told(Enum):
    """How a sentence names a kind of the person's."""

    POSSESSED = "possessed"
    """Right after their possessive, asked with a verb: "Nora's cello"."""
    DONE = "done"
    """Nearer them than anyone else, a verb asked between ("Daniel plays the violin") or its doer after ("a trumpet
    player")."""
    NEAR = "near"
    """Nearer them than anyone else, with no verb asked between; asked with no verb, said of them: "Pebble, a small
    hermit crab"."""


def _told_kind(
    sentence: str,
    kinds: frozenset[str],
    mentions: list[tuple[int, int]],
    other_named: list[re.Pattern[str]],
    verbs: frozenset[str],
    doers: frozenset[str] = frozenset(),
    pronouns: frozenset[str] | None = None,
) -> _Told | None:
    """How a word of the sentence is a kind of `kinds` said of the person `mentions` names (in order), if one is: as
    a noun (the word or its plural, not "watches" of "watch"); a common noun (not "Florence" mid-sentence), nor a word
    of another person's name ("Robin"); not before another noun ("a poor pearl diver", "a goat-herd"), but for the
    one who does a verb asked ("a trumpet player"); and, asked with a verb, right after their possessive ("Nora's
    cello", "Nora's old cello"; asked with none, what follows it is no kind of theirs: "Tess's cat, Bishop"), or else
    nearer one of their mentions than any other person's (`other_named`: not "Nora hears Felix Brandt, the baker's
    son, play the trumpet"), and asked with no verb, said of them (_said_of), asked with one, not ("a grey horse named
    Pip" is what Pip is, not what Pip rides) and in no other clause ("while she plays the cello"). A word of `doers`
    nearer them than anyone else is one they do the verb with where it is what they are said to be ("Clara Voss, a
    cellist", not "the daughter of a pianist") or names them ("the cellist Clara Voss")."""
    starts = [start for start, _ in mentions]
    ends = [end for _, end in mentions]
    theirs = rival_spans(sentence, other_named, starts, ends)
    their_starts = [start for start, _ in theirs]
    their_ends = [end for _, end in theirs]
    said = list(words(sentence))
    clauses = _Clauses(sentence, _HE_OR_SHE if pronouns is None else pronouns & _SUBJECTS)
    near = None
    for at, (word, start, end) in enumerate(said):
        folded = fold(word)
        if folded in _NO_KINDS or (at and word[:1].isupper()) or inside((start, end), starts, ends):
            continue
        if inside((start, end), their_starts, their_ends):
            continue  # another person's name: "Robin lends Tom her bicycle"
        if (
            folded in doers
            and nearest(start, end, starts, ends) <= nearest(start, end, their_starts, their_ends)
            and (_doer_said_of(sentence, start, end, starts, ends, folded) or _names_next(sentence, end, starts))
        ):
            return _Told.DONE  # "Clara Voss, a cellist", "the cellist Clara Voss"
        if not is_one_of(folded, kinds):
            continue
        if at + 1 < len(said) and _before_noun(sentence, end, said[at + 1], verbs):
            continue
        if sentence.startswith("-", end) and at + 1 < len(said) and said[at + 1][1] == end + 1:
            continue  # the first half of a compound: "a goat-herd", "a bird-cage", "the moose-skin sacks"
        before, _ = _around(start, end, starts, ends)
        if before is not None and _possessive_before(sentence, before[1], start):
            if verbs:
                return _Told.POSSESSED
            continue  # "Tess's cat, Bishop" is hers, not what Tess is
        if nearest(start, end, starts, ends) > nearest(start, end, their_starts, their_ends):
            continue
        if verbs and (
            _done_between(sentence, start, end, starts, ends, verbs, clauses) or _done_after(said, at, verbs)
        ):
            return _Told.DONE
        # Asked with a verb, what is said of them is no thing of theirs ("a puffin named Pip"), nor one another
        # clause holds ("the organ pealed forth, but Karen thought only of her red shoes").
        said_of = _said_of(sentence, start, end, starts, ends)
        if not verbs:
            near = _Told.NEAR if said_of else near
        elif not said_of and not _across_clause(start, end, starts, ends, clauses) and _tagged(folded):
            near = _Told.NEAR
    return near


def _tagged(word: str) -> bool:
    """Whether SemCor tagged the kind (or its singular) at least once: one it never tagged ("a tortoise named
    Admiral", "the storks were named Peter") answers only where a verb asked, a possessive or a doer says it is theirs,
    not as the first kind near them."""
    untagged = _bundled_kinds().get(UNTAGGED, frozenset())
    return word not in untagged and lemma(word) not in untagged


class _Clauses:
    """Where a sentence's words opening another clause are, found once, so that whether one lies between a kind and
    a mention is a bisection, not a search of the words between (linear in the sentence, not quadratic)."""

    def __init__(self, sentence: str, subjects: frozenset[str]) -> None:
        self.opening: list[int] = []
        """Where each opener starts: one between a kind and the mention after it opens another clause ("the organ
        pealed forth; but Karen")."""
        self.new_subject: list[int] = []
        """Where each opener starts that brings a subject other than the person's pronoun (`subjects`): one between
        a mention and the kind after it opens another's clause ("Felix listens while she plays", not "Tom is
        happiest when he plays")."""
        for found in _CLAUSE_OPENER.finditer(sentence):
            self.opening.append(found.start())
            subject = _NEXT_WORD.match(sentence, found.end())
            if not (found.group().isalpha() and subject is not None and fold(subject.group(1)) in subjects):
                self.new_subject.append(found.start())

    def between(self, start: int, end: int, kind_after: bool) -> bool:
        """Whether another clause opens in `start`..`end`: with the kind after the mention, another subject's."""
        opening = self.new_subject if kind_after else self.opening
        at = bisect_left(opening, start)
        return at < len(opening) and opening[at] < end


def _across_clause(start: int, end: int, starts: list[int], ends: list[int], clauses: _Clauses) -> bool:
    """Whether another clause opens between the word at `start`..`end` and the mention nearest it ("while she plays
    the", "; and at the same time the roar of", "if wolves were afraid of a"): the kind may be its subject's."""
    before, after = _around(start, end, starts, ends)
    if before is not None and (after is None or start - before[1] <= after[0] - end):
        return clauses.between(before[1], start, kind_after=True)
    return after is not None and clauses.between(end, after[0], kind_after=False)


_CLAUSE_OPENER = re.compile(
    r"[;:]|(?<![\w'’-])(?:while|but|when|whenever|whereas|although|though|because|until|unless|if|yet)(?![\w'’-])",
    re.IGNORECASE,
)
_SUBJECTS = frozenset({"he", "she", "they"})
_HE_OR_SHE = frozenset({"he", "she"})
"""The subject pronouns read as the person's where the story does not settle theirs: as on main, which read no
clause."""


def _doer_said_of(sentence: str, start: int, end: int, starts: list[int], ends: list[int], doer: str) -> bool:
    """Whether the doer noun at `start`..`end` is what the mention before it is said to be, as the head of the
    description bot.core.job_asked reads after a name ("Clara Voss, a cellist"; not "Sophie Lang is the daughter of
    a pianist", "Tom Reed, the manager of the pianist Clara Voss"), or names the one after it ("a violinist named
    Emil Sauer", "The band's drummer, Kofi Mensah")."""
    before, after = _around(start, end, starts, ends)
    if before is not None:
        said = description_after(sentence, *before)
        if said is not None and said.start("described") <= start < said.end("described"):
            head = described_head(said.group("described"))
            if head is not None and fold(head[0]) == doer:
                return True
    return after is not None and after[0] - end <= _SAID_REACH and bool(_SAID_BEFORE.fullmatch(sentence, end, after[0]))


def _names_next(sentence: str, end: int, starts: list[int]) -> bool:
    """Whether a mention follows the word ending at `end` with nothing but spaces between: "the cellist Clara"."""
    after = bisect_left(starts, end)
    return after < len(starts) and sentence[end : starts[after]].isspace()


def _done_between(
    sentence: str, start: int, end: int, starts: list[int], ends: list[int], verbs: frozenset[str], clauses: _Clauses
) -> bool:
    """Whether one of the verbs is written between the word at `start`..`end` and the mention nearest it, within
    _VERB_REACH: "Daniel plays the violin", not "Daniel breaks the piano ... while carrying her furniture"."""
    before, after = _around(start, end, starts, ends)
    if (
        before is not None
        and start - before[1] <= _VERB_REACH
        and _writes_verb(sentence[before[1] : start], verbs, owning=True)
        and not clauses.between(before[1], start, kind_after=True)
    ):
        return True
    return (
        after is not None
        and after[0] - end <= _VERB_REACH
        and _writes_verb(sentence[end : after[0]], verbs, owning=True)
        and not clauses.between(end, after[0], kind_after=False)
    )


def _done_after(said: list[tuple[str, int, int]], at: int, verbs: frozenset[str]) -> bool:
    """Whether the word after the one `at` is the noun for one who does a verb: "a trumpet player"."""
    return at + 1 < len(said) and _doer_of(fold(said[at + 1][0]), verbs)


def _said_of(sentence: str, start: int, end: int, starts: list[int], ends: list[int]) -> bool:
    """Whether the word at `start`..`end` is said of the mention before it ("Pebble, a small hermit crab", "Biscuit
    is a small terrier") or names the one after it ("his dog, Rex", "a grey cat called Smoke")."""
    before, after = _around(start, end, starts, ends)
    if before is not None and start - before[1] <= _SAID_REACH and _SAID_AFTER.fullmatch(sentence, before[1], start):
        return True
    return after is not None and after[0] - end <= _SAID_REACH and bool(_SAID_BEFORE.fullmatch(sentence, end, after[0]))


def rival_spans(
    sentence: str, other_named: list[re.Pattern[str]], starts: list[int], ends: list[int]
) -> list[tuple[int, int]]:
    """Where the sentence names other people (`other_named`), in order, but within a mention of the person's (their
    `starts` and `ends`): "Tess Quigley" holds no "Tess" of another's."""
    return sorted(
        span
        for pattern in other_named
        for span in (found.span() for found in pattern.finditer(sentence))
        if not inside(span, starts, ends)
    )


def is_one_of(folded: str, nouns: frozenset[str]) -> bool:
    """Whether a folded word is one of `nouns` or the plural of one ("cellos"; not "watches" of "watch"), as a noun
    asked is written."""
    return folded in nouns or (folded.endswith("s") and lemma(folded) in nouns)


def owns_a_person(sentence: str, mention_end: int, kinds: frozenset[str], *, pronoun: bool = False) -> bool:
    """Whether a mention ending at `mention_end` is a possessive of another person, a relative or a word for a kind of
    person, not a kind asked ("Sophie's mother plays the piano", "Jack's father rides a grey horse", "Lucy's neighbour
    has a parrot": the mother's, the father's, the neighbour's; "Tess's cat" is Tess's, but "Ferrand's piano player"
    the player's), the word right after it or after one word more that is no stop word ("Grace's older brother's
    boat", "Tom's best friend"). A possessive
    `pronoun` ("her son", "whose sister") is read as a name's possessive."""
    if not pronoun and not sentence.endswith(_POSSESSIVE_ENDS, 0, mention_end):
        return False
    at = mention_end
    for _ in range(_WORDS_TO_OWNED):
        following = _NEXT_WORD.match(sentence, at)
        if following is None:
            return False
        word = bare_word(fold(following.group(1).replace("’", "'")))
        if word in kinds:  # "Tess's cat"; but "Ferrand's piano player" is the player's
            return _person_word_at(sentence, following.end())
        if _is_person_word(word):
            return True
        if not following.group(1).islower() or word in load_stopwords():
            return False
        at = following.end()
    return False


def _is_person_word(word: str) -> bool:
    return word in kin_words() or word in kinds_of_people()


def _person_word_at(sentence: str, at: int) -> bool:
    """Whether the word right after `at` is a relative's or a kind of person's ("player" of "piano player")."""
    following = _NEXT_WORD.match(sentence, at)
    return following is not None and _is_person_word(bare_word(fold(following.group(1).replace("’", "'"))))


_WORDS_TO_OWNED = 2
"""How many words after a possessive are read for the person owned: "Grace's brother", "Grace's older brother"."""


_NEXT_WORD = re.compile(r"\s++([\w'’-]+)")
_OF_BEFORE = re.compile(r"([\w'’-]+)\s++of\s++(?:the\s++)?$")
_OF_REACH = 40
"""The most characters read before a mention for a relative or a kind of person "of" it: "the youngest son of "."""


def _of_a_person(sentence: str, mention_start: int) -> bool:
    """Whether a mention starting at `mention_start` follows a relative or a word for a kind of person and "of" ("the
    son of Midna plays on his magic lyre": the son's, not Midna's), reading at most _OF_REACH characters before it."""
    found = _OF_BEFORE.search(sentence, max(0, mention_start - _OF_REACH), mention_start)
    if found is None:
        return False
    word = fold(found.group(1))
    return word in kin_words() or word in kinds_of_people()


def _possessive_before(sentence: str, mention_end: int, start: int) -> bool:
    """Whether a mention ending at `mention_end` is a possessive ("Nora's", "James'") with at most one word between it
    and the word at `start` ("Nora's old cello")."""
    return (
        sentence.endswith(_POSSESSIVE_ENDS, 0, mention_end)
        and start - mention_end <= _POSSESSIVE_REACH
        and len(sentence[mention_end:start].split()) <= 1
    )


def inside(span: tuple[int, int], starts: list[int], ends: list[int]) -> bool:
    """Whether the span lies within one of the ordered, non-overlapping spans of `starts` and `ends`."""
    at = bisect_right(starts, span[0]) - 1
    return at >= 0 and span[1] <= ends[at]


def nearest(start: int, end: int, starts: list[int], ends: list[int]) -> int:
    """The fewest characters between a word and one of the ordered spans of `starts` and `ends` (of none: more than
    any)."""
    before, after = _around(start, end, starts, ends)
    gaps = ([] if before is None else [start - before[1]]) + ([] if after is None else [after[0] - end])
    return min(gaps, default=sys.maxsize)


def _around(
    start: int, end: int, starts: list[int], ends: list[int]
) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The spans among the ordered spans of `starts` and `ends` nearest before the word at `start`..`end` and nearest
    after it (None where there is none), found by bisection: what each reading of the words between starts from."""
    before = bisect_right(ends, start) - 1
    after = bisect_left(starts, end)
    return (
        (starts[before], ends[before]) if before >= 0 else None,
        (starts[after], ends[after]) if after < len(starts) else None,
    )


def _before_noun(sentence: str, end: int, following: tuple[str, int, int], verbs: frozenset[str]) -> bool:
    """Whether the word after a kind, with nothing but spaces between, is a noun it modifies: one of the bundled
    kinds or person nouns ("pearl diver", "duck pond"), not the one who does a verb asked ("trumpet player")."""
    word, start, _ = following
    if not sentence[end:start].isspace() or not word.islower() or _doer_of(word, verbs):
        return False
    return word.removesuffix("s") in _nouns() or word in _nouns()


@cache
def _nouns() -> frozenset[str]:
    """The nouns a kind word may stand before as a modifier: every noun and kind of kind_words.txt, and the nouns
    for a person."""
    found = set(person_nouns())
    for noun, kinds in _bundled_kinds().items():
        found |= {*kinds} if noun == UNTAGGED else {noun.split("/")[0], *kinds}
    return frozenset(found)


def _writes_verb(sentence: str, verbs: frozenset[str], owning: bool = False) -> bool:
    """Whether the sentence writes a form of one of the verbs ("plays", "rode", "playing") or the noun for one who
    does it ("a trumpet player"); read as saying what is someone's (`owning`), "have" as a helper ("had been bitten
    by a hyena") is no having, nor a verb of the one speaking ("I have vowed"). A story's verb with no kind near
    (kind_told) counts them still: measured, not counting them there let the first kind near a name answer far more
    often wrongly than rightly ("Dear Agnes, ... I am eating like a horse")."""
    said = [fold(word) for word, _, _ in words(sentence)]
    for at, folded in enumerate(said):
        stem = folded.removesuffix("ing")
        if lemma(folded) in verbs and not (owning and (_helper_have(said, at) or _speaker_s(said, at))):
            return True
        if (stem != folded and {stem, stem + "e"} & verbs) or _doer_of(folded, verbs):
            return True
    return False


def _helper_have(said: list[str], at: int) -> bool:
    """Whether the folded word `at` is a form of "have" before "been", past an adverb of time or "not" ("had been
    given", "has never been"): a helper of another verb, not owning anything. Before another past participle it is
    read as owning still: measured, "had taken place, and got down from his horse", "could have dragged together
    with his horse" were the person's more often than not."""
    if lemma(said[at]) != "have":
        return False
    following = at + 1
    while following < len(said) and said[following] in _HELPER_ADVERBS:
        following += 1
    return following < len(said) and said[following] == "been"


def _speaker_s(said: list[str], at: int) -> bool:
    """Whether the folded word `at` follows "I" or "we", past an adverb of time or "not": the speaker's verb, not
    the named person's ("I have vowed to be your friend, and as you want to marry Barbaik")."""
    before = at - 1
    while before >= 0 and said[before] in _HELPER_ADVERBS:
        before -= 1
    return before >= 0 and said[before] in _SPEAKERS


_SPEAKERS = frozenset({"i", "we"})
_HELPER_ADVERBS = frozenset({"not", "never", "already", "just", "always", "also", "once", "long", "since", "ever"})


def _doer_of(word: str, verbs: frozenset[str]) -> bool:
    """Whether the word is the noun for one who does one of the verbs: "player(s)", "owner", "rider", "carrier"."""
    single = word.removesuffix("s")
    return single.endswith("r") and bool({single[:-2], single[:-1], single.removesuffix("ier") + "y"} & verbs)
