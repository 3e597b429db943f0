"""Questions asking whom someone marries or is engaged to, which the sentence telling the marriage answers.

"Who does Beatrice marry?", "who is bertram marrying", "who is niccolo engaged to", "Who is Guilhem's wife?": a plot
tells a marriage with a verb more often than it brings the spouse in by a relative's word ("Guilhem, now thirty-five
and married to a weaver named Isabeau", "Aimery arranges her marriage to an elderly Avignon banker, Messire Raoul
d'Estaing"), while the passages most like the question are those that say the name and "marry" most.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from bot.core.analysis import fold, words
from bot.core.number_words import TENS, UNITS
from bot.core.people_finder import HONORIFICS, PREPOSITIONS, kin_words, kinds_of_people, person_titles
from bot.core.pronoun_asked import pronouns_of
from bot.core.sentences import sentence_spans
from bot.core.slips import POSSESSIVE_ENDS, bare_word

_WEDDING_VERBS = frozenset({"marry", "marries", "married", "marrying", "wed", "weds", "wedded"})
_ENGAGED = frozenset({"engaged", "betrothed"})
_AUXILIARIES = frozenset({"does", "did", "is", "was", "will", "would", "has", "had"})
_BEFORE_VERB = (
    ("end", "up"),
    ("ends", "up"),
    ("ended", "up"),
    ("going", "to"),
    ("get",),
    ("got",),
    ("finally",),
    ("first",),
)
"""What may stand between the name and the verb: "Who does Ines end up marrying?", "who did tom get married to", "Who
did Tomas first marry?"."""
_OF_THE_END = (("end", "up"), ("ends", "up"), ("ended", "up"), ("finally",), ("eventually",), ("in", "the", "end"))
"""Words that ask for the marriage a story tells last: "Who does Ines end up marrying?"."""
_AFTER_VERB = ((), ("to",), ("in", "the", "end"), ("eventually",), ("finally",))
_MOST_NAME_WORDS = 4
SPOUSES = {"wife": False, "husband": False, "spouse": False, "fiance": True, "fiancee": True}
"""The relatives' words (bot.core.kin_asked.KIN) a question asks someone's spouse by, and whether they ask whom they
are engaged to."""


@dataclass(frozen=True)
class SpouseAsked:
    owner: str
    """The name whose spouse is asked for, folded: "beatrice"."""
    engaged: bool
    """Asked whom they are engaged to ("who is niccolo engaged to"): a marriage the story tells is another matter
    (Inês, engaged to Rodrigo, marries Karim)."""
    last: bool = False
    """Asked whom they end up marrying: the last marriage the story tells of them."""
    now: bool = False
    """Asked whom they are married to now ("Who is X married to?", "Who is X's wife?", not "Who was"): the first
    marriage told, unless a later one is told as surely, the owner named as who marries ("In 1972 Tom Berg married
    Clara Voss"), or after the story tells the earlier one ended ("Irena died of fever"); a later one read by a
    pronoun or told of someone else marrying them is as often another's ("Karl Vik is Tom Berg's oldest friend. He
    married Ruth Moss")."""


def spouse_asked_about(question: str) -> SpouseAsked | None:
    """The name in "Who does X marry?", "Who did X marry?", "who is X marrying", "Who is X married to?", "who's X
    engaged to", "Who was X betrothed to?", "Who does X end up marrying?", "Who did X first marry?", on the
    question's words alone; else None. "Who is X married to?" asks of now (`SpouseAsked.now`)."""
    said = [fold(word) for word, _, _ in words(question)]
    if said[:1] in (["who's"], ["whos"]):
        rest = said[1:]
    elif said[:1] in (["who"], ["whom"]) and len(said) > 1 and said[1] in _AUXILIARIES:
        rest = said[2:]
    else:
        return None
    for end in range(1, min(_MOST_NAME_WORDS, len(rest)) + 1):
        if rest[end - 1].endswith(POSSESSIVE_ENDS):
            return None
        asked = _asked_after(rest[end:])
        if asked is not None:
            now = asks_of_now(said) and rest[end:] == ["married", "to"]
            return SpouseAsked(" ".join(rest[:end]), engaged=asked[0], last=asked[1], now=now)
    return None


def asks_of_now(said: Sequence[str]) -> bool:
    """Whether the question, by its folded words `said`, asks in the present, "Who is", "who's" ("Who is X's
    wife?"), not "Who was"."""
    return said[:2] == ["who", "is"] or said[:1] in (["who's"], ["whos"])


def _asked_after(after: list[str]) -> tuple[bool, bool] | None:
    """(engaged, last) of what follows the name in a question of whom someone marries ("end up marrying", "engaged
    to"); else None."""
    before = next((words for words in _BEFORE_VERB if tuple(after[: len(words)]) == words), ())
    verb = after[len(before) : len(before) + 1]
    if not verb or verb[0] not in _WEDDING_VERBS | _ENGAGED or tuple(after[len(before) + 1 :]) not in _AFTER_VERB:
        return None
    last = any(tuple(after[at : at + len(end)]) == end for end in _OF_THE_END for at in range(len(after)))
    return verb[0] in _ENGAGED, last


_MARRYING = frozenset({*_WEDDING_VERBS, "wife", "husband", "spouse"})
_ENGAGING = frozenset({*_ENGAGED, "fiance", "fiancee"})
"""Words telling that someone marries or is married to the person named after them ("married to a weaver named
Isabeau", "her husband, Desmond Kerr"), and that they are engaged to them ("Clara's fiancé, Roberto Gatti")."""
_MARRIAGE_TO = frozenset({"marriage", "wedding"})
_ENGAGEMENT_TO = frozenset({"engagement", "betrothal"})
_PROMISED = ("promised", "in", "marriage")
"""Nouns that tell it only with "to" after them ("her marriage to an elderly Avignon banker", "Gaz's wedding to Priya
Raman"), and "promised in marriage", which tells an engagement ("Niccolò is already promised in marriage to Gaspare
Zorzi's niece, Ludovica")."""
_PRONOUNS = {"he": True, "his": True, "him": True, "she": False, "her": False}
"""Pronouns that may stand for the person marrying, and whether they stand for a man."""
_CLAUSE_BREAKS = frozenset(
    {"and", "but", "or", "who", "whom", "whose", "which", "that", "when", "while", "because", "after", "before"}
    | {"until", "so", "where", "if", "though", "although", "since", "then", "unless", "as"}
)
"""Words after which a name is no longer the one married: "Rodrigo discovers her disguise and threatens ...", "married
in 1990 and Dora"."""
_MOST_WORDS_TO_SPOUSE = 12
"""How far after the word telling the marriage the spouse's name may stand: "engaged to one of the drowned fishermen,
a young man named Padraig Lynch" (10)."""
_MOST_WORDS_OWNING = 2
"""How many words may stand between an owner's "'s" or "her" and the word telling the marriage: "her estranged
husband", "Mrs. Bellweather's own husband"; not kin, "Gwen's father married"."""


@dataclass(frozen=True)
class _Cast:
    """The person whose marriage is asked of and the story's other people, as the rules below read them."""

    texts: Sequence[str]
    owner: str
    others: Sequence[str]
    men: Collection[str]
    women: Collection[str]
    """Of `others`, those the story brings in as a man or as a woman by a relative's word."""
    kin: Collection[str]
    """Of `others`, those it brings in as the owner's relatives."""

    @functools.cached_property
    def kin_words(self) -> frozenset[str]:
        """The words naming the owner's relatives alone."""
        return _name_words(list(self.kin)) - _name_words([other for other in self.others if other not in self.kin])

    @functools.cached_property
    def owner_words(self) -> frozenset[str]:
        """The words naming the owner (bot.core.spouse_asked._name_words)."""
        return _name_words([self.owner])

    @functools.cached_property
    def other_words(self) -> frozenset[str]:
        """The words naming the story's other people."""
        return _name_words(self.others)

    @functools.cached_property
    def owner_is_man(self) -> bool | None:
        """Whether the owner is a man: by a title of their name ("King Harald", "Mrs. Dunstable"), by a relative's
        word bringing them in, else by the pronouns following their name in the story (bot.core.pronoun_asked's
        pronouns_of); None where neither settles it, and then a "he" or "she" is read as theirs only where no one
        else is named there (bot.core.spouse_asked._pronoun_is_owners)."""
        titled = sex_of(self.owner, self.men, self.women)
        return titled if titled is not None else _sex_by_pronouns(self)

    @functools.cached_property
    def sex_of_word(self) -> dict[str, bool]:
        """Whether the person a word of another's name names is a man, where a title or a relative's word says so
        and no one of the other sex shares the word (a family's surname)."""
        sexes: dict[str, set[bool | None]] = {}
        for other in self.others:
            sex = sex_of(other, self.men, self.women)
            for word in _name_words([other]):
                sexes.setdefault(word, set()).add(sex)
        return {word: sex for word, told in sexes.items() if len(told) == 1 for sex in told if sex is not None}


_MEN_S_TITLES = frozenset({"mr", "king", "sir", "prince", "lord"})
_WOMEN_S_TITLES = frozenset({"mrs", "miss", "ms", "queen", "princess", "lady"})


def sex_of(name: str, men: Collection[str], women: Collection[str]) -> bool | None:
    """Whether the person `name` is a man, by a title of their name or a relative's word bringing them in; else
    None."""
    said = {fold(word) for word, _, _ in words(name)}
    if name in men or not _MEN_S_TITLES.isdisjoint(said):
        return True
    if name in women or not _WOMEN_S_TITLES.isdisjoint(said):
        return False
    return None


def _sex_by_pronouns(cast: _Cast) -> bool | None:
    """Whether the owner is a man by the pronouns following their name in the story; None where unsettled."""
    told = pronouns_of(cast.texts, cast.owner, cast.others, HONORIFICS | person_titles(), kinds_of_people())
    return None if told is None else "he" in told


def _name_words(names: Sequence[str]) -> frozenset[str]:
    """The words of these names, folded, but titles ("Mrs. Dunstable" is no Mrs. Honoria Dunstable's) and letters
    ("I" is no Liu I)."""
    titles = HONORIFICS | person_titles()
    folded = (fold(word) for name in names for word, _, _ in words(name))
    return frozenset(word for word in folded if word not in titles and len(word) > 1)


def marriage_told(
    texts: Sequence[str],
    owner: str,
    others: Sequence[str],
    asked: SpouseAsked,
    men: Collection[str] = (),
    women: Collection[str] = (),
    kin: Collection[str] = (),
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first telling that the person `owner` marries, is married or engaged to one
    of the story's `others` named after it (the last one, asked whom they end up marrying; asked whom they are
    married to now, `SpouseAsked.now`): the owner named before the word telling it with no one else named between
    but the object of a verb the marriage is joined to by "and" ("Maria Lopez left Jordan Wells and married Frank
    Doyle"), or "he", "she", "his" or "her" where the owner is the person named last before the sentence's first
    pronoun of that sex, in that sentence or the one before (of those the story does not bring in as of the other
    sex: `men`, `women`; where the owner's sex is unsettled, the only person named there); or the owner named by
    their whole name, not its possessive, right after the verb of someone else marrying them ("At last she married an
    old man called Osseo"); not "a married director", "the wife of" another than the one named right before it, nor
    a name past a stop, a quote or the owner's own name. Asked of a marriage, a marriage told first, then an
    engagement; asked of an engagement, an engagement alone. None where no sentence tells one. No one of `kin`,
    those brought in as the owner's relatives, is their spouse ("Claude ... his daughter, Mathilde"). Asked of now, a
    later marriage replaces the one found where told surely, or where a sentence between tells the first ended
    (bot.core.spouse_asked._ends_marriage, which reads every sentence after the one found); else each sentence is
    read word by word only where it holds a word telling a marriage, and once at most."""
    cast = _Cast(texts, owner, others, men, women, kin)
    spans = [(index, start, end) for index, text in enumerate(texts) for start, end in sentence_spans(text)]
    order = range(len(spans) - 1, -1, -1) if asked.last else range(len(spans))
    for engagement in (True,) if asked.engaged else (False, True):
        found: tuple[int, str] | None = None
        ended = False  # whether the story tells a marriage ended since the one found
        for at in order:
            index, start, end = spans[at]
            sentence = texts[index][start:end]
            previous = texts[spans[at - 1][0]][spans[at - 1][1] : spans[at - 1][2]] if at > 0 else ""
            if found is not None and not ended:
                ended = _ends_marriage(sentence, previous, found[1], cast)
            if not _MARRIAGE_STEMS.search(sentence):
                continue
            undone = engagement and not asked.engaged  # a marriage asked of: no engagement broken off
            surely = _tells_marriage(sentence, previous, engagement, cast, undone_excluded=undone)
            if surely is None:
                continue
            if not asked.now:
                return index, sentence
            if found is None or surely or ended:
                found, ended = (index, sentence), False
        if found is not None:
            return found
    return None


_ENDED = frozenset(
    {"died", "dies", "dead", "death", "drowned", "killed", "buried", "divorced", "divorces", "divorce"}
    | {"widow", "widowed", "widower"}
)
"""Words telling a marriage ended ("Irena died of fever in the winter of 1958"), after which a later marriage, told
surely or not, replaces the first (bot.core.spouse_asked._ends_marriage)."""


def _ends_marriage(sentence: str, previous: str, first: str, cast: _Cast) -> bool:
    """Whether `sentence` tells the marriage told in `first` ended: a word of _ENDED with the owner or someone named
    in `first` (the spouse) named in it, not by a possessive, or a pronoun standing for either, the person named last
    before it in `previous` and `sentence` ("Anna Lind died in 1993", "his widow"); not another's death ("The old
    king died in 1952", "Karl Vik's mother died", "Tom Hale's old dog died")."""
    said = [bare_word(fold(word)) for word, _, _ in words(sentence)]
    if _ENDED.isdisjoint(said):
        return False
    married = cast.owner_words | (_name_words([word for word, _, _ in words(first)]) & cast.other_words)
    named = False  # whether the person named last is the owner or the spouse
    for text, ending in ((previous, False), (sentence, True)):
        written = words(text)
        for at, (word, _, _) in enumerate(written):
            folded = bare_word(fold(word))
            if word[:1].isupper() and folded in cast.owner_words | cast.other_words:
                run_end = at
                while run_end + 1 < len(written) and written[run_end + 1][0][:1].isupper():
                    if fold(written[run_end][0]).endswith(POSSESSIVE_ENDS):
                        break
                    run_end += 1
                named = folded in married and not fold(written[run_end][0]).endswith(POSSESSIVE_ENDS)
                if named and ending:
                    return True
            elif folded in _SEX_OF and named and ending:
                return True
    return False


_MARRIAGE_STEMS = re.compile(r"marr|wed|wife|husband|spouse|engag|betroth|fianc|promised", re.IGNORECASE)
"""The stems of every word telling a marriage or an engagement: a sentence with none is not looked at word by
word (a plain search, linear in the sentence)."""


def _tells_marriage(
    sentence: str, previous: str, engagement: bool, cast: _Cast, *, undone_excluded: bool = False
) -> bool | None:
    """Whether `sentence` tells the owner marrying (or, `engagement`, engaged to) someone named, the owner and
    another married ("Clara and Ewan are married"), or someone else marrying the owner named after the verb
    (bot.core.spouse_asked._married_by_another); a pronoun read by `previous`, the sentence before it, and its
    own words before the pronoun. `undone_excluded`: no engagement told as undone ("since breaking off her
    engagement to", "her former fiancé"). True where told surely, the owner named as who marries or whose wife or
    husband it is; False where told otherwise (by a pronoun, or someone else marrying the owner named after the
    verb); None where not told."""
    written = words(sentence)
    said = [fold(word) for word, _, _ in written]
    for place in range(len(said)):
        if not engagement and said[place] in _WEDDING_VERBS and _pair_married(written, said, place, cast):
            return True
        if undone_excluded and not _UNDONE.isdisjoint(said[max(place - _MOST_WORDS_UNDOING, 0) : place]):
            continue
        after = _words_after(said, place, engagement)
        named = None if after is None else _spouse_named(sentence, written, said, after, cast)
        second = (
            None
            if named is None or said[place] not in _WEDDING_VERBS
            else _couple_named(sentence, written, said, named[1])
        )
        if named is not None and second is not None:
            # "Tom Hale, now a lay preacher, married Karl Vik and Ruth Moss in the chapel": the couple's marriage
            if named[0] or (
                bare_word(said[second]) in cast.owner_words and not _owners_possessive(written, said, second, cast)
            ):
                return True
            continue
        if named is not None and named[0]:
            if _married_by_another(sentence, written, said, place, named[1], cast):
                return False
            continue
        if named is None:
            continue
        if said[place] in _RELATIVE_NOUNS and not _names_follow(sentence, written, place):
            continue  # "Tom's wife left him for Gregor Holm"
        if said[place + 1 : place + 2] == ["of"] and not _owner_apposed(written, said, place, cast):
            continue  # "the daughter of Count Rutger of Aschenberg, and the wife of Colonel Kjell Barnekow"
        subject = _subject_of(sentence, written, said, place, cast)
        if subject is True:
            return True
        if isinstance(subject, str):
            at = _chain_head(said, place, subject)
            if _pronoun_is_owners(previous + "\n" + sentence[: written[at][1]], subject, cast):
                return False
    return None


_UNDONE = frozenset({"former", "ex", "breaking", "broke", "broken", "break", "breaks", "calling", "called", "calls"})
_UNDONE |= {"cancels", "cancelled", "canceled", "cancelling", "ending", "ended", "ends"}
_MOST_WORDS_UNDOING = 4
"""Words before an engagement, at most four words before it, that tell it undone: "since breaking off her engagement
to a ship's officer, Rodrigo Salas", "her former fiancé, Rupert"; asked whom someone marries, that is no answer."""
_PAIRED = frozenset({"are", "were", "got", "get", "had", "have", "been", "be", "finally", "eventually", "soon", "now"})


def _pair_married(written: list[tuple[str, int, int]], said: list[str], place: int, cast: _Cast) -> bool:
    """Whether the verb at `place` tells the owner and another married by naming both before it: "Clara and Ewan
    are married in the church at Quintero", "Ewan and Clara finally got married"."""
    back = place - 1
    while back >= 0 and said[back] in _PAIRED:
        back -= 1
    if back == place - 1:
        return False
    second, back = _name_before(written, said, back, cast)
    if second is None or said[back : back + 1] != ["and"]:
        return False
    first, _ = _name_before(written, said, back - 1, cast)
    return first is not None and first != second


def _name_before(
    written: list[tuple[str, int, int]], said: list[str], end: int, cast: _Cast
) -> tuple[bool | None, int]:
    """Whether the capitalised name ending at `end` is the owner's (True) or another's (False), and where the word
    before it stands; None where the words there name no one known."""
    owner = None
    while end >= 0 and written[end][0][:1].isupper():
        word = bare_word(said[end])
        if word in cast.other_words:
            owner = False if owner is None else owner
        elif word in cast.owner_words:
            owner = True
        else:
            return None, end
        end -= 1
    return owner, end


def _words_after(said: list[str], place: int, engagement: bool) -> int | None:
    """Where the words after the one at `place` start, where it tells a marriage (or, `engagement`, an engagement:
    its word; a noun with its "to"; "promised in marriage"); else None."""
    word = said[place]
    if word.endswith(POSSESSIVE_ENDS):
        return None  # "her husband's death"
    if word in _WEDDING_VERBS | _ENGAGED and said[place - 1 : place] in (["a"], ["an"], ["the"]):
        return None  # "a married director named Julian Fairweather"
    if word in (_ENGAGING if engagement else _MARRYING):
        return place + 1
    if engagement and tuple(said[place : place + len(_PROMISED)]) == _PROMISED:
        return place + len(_PROMISED)
    nouns = _ENGAGEMENT_TO if engagement else _MARRIAGE_TO
    return place + 2 if word in nouns and said[place + 1 : place + 2] == ["to"] else None


def _spouse_named(
    sentence: str, written: list[tuple[str, int, int]], said: list[str], after: int, cast: _Cast
) -> tuple[bool, int] | None:
    """(whether it is the owner, where) of who is named first within a few words from `after`, before a new clause, a
    stop or a quote ('"She shall be my wife!" exclaimed Kwasynd.'): one of the story's other people but the owner's
    kin, or the owner by their whole name, not its possessive ("tells her husband, Ali Baba's rich and greedy
    brother, Cassim" is no marriage of Ali Baba's, nor "Anna Lind married Tom Hale's cousin" of Tom Hale's; "she
    married an old man called Osseo" is one of Osseo's); else None."""
    for place in range(after, min(after + _MOST_WORDS_TO_SPOUSE, len(said))):
        word = bare_word(said[place])
        if word in _CLAUSE_BREAKS or _CLAUSE_MARKS.intersection(sentence[written[after - 1][2] : written[place][1]]):
            return None
        if not written[place][0][:1].isupper():
            continue
        if word in cast.other_words:  # "her husband, Colonel Dunstable", of Honoria Dunstable
            return (False, place) if word not in cast.kin_words else None
        if word in cast.owner_words:
            return None if _owners_possessive(written, said, place, cast, run_on=True) else (True, place)
    return None


def _owners_possessive(
    written: list[tuple[str, int, int]], said: list[str], place: int, cast: _Cast, *, run_on: bool = False
) -> bool:
    """Whether the owner's name starting at `place`, read to its last word, is a possessive ("Tom Hale's cousin"):
    then it names someone of theirs, not them; `run_on`, or it runs on into a capitalised word not of their name,
    another's name ("Anna Lind marries Tom Hale Junior")."""
    end = place
    while (
        not said[end].endswith(POSSESSIVE_ENDS)
        and end + 1 < len(said)
        and written[end + 1][0][:1].isupper()
        and bare_word(said[end + 1]) in cast.owner_words
    ):
        end += 1
    if said[end].endswith(POSSESSIVE_ENDS):
        return True
    return (
        run_on
        and end + 1 < len(said)
        and written[end + 1][0][:1].isupper()
        and written[end + 1][1] - written[end][2] == 1  # a space alone between
    )


def _name_start(written: list[tuple[str, int, int]], said: list[str], end: int, cast: _Cast) -> int:
    """Where the owner's name ending at `end` starts: back over the capitalised words of their name before it."""
    while end > 0 and written[end - 1][0][:1].isupper() and bare_word(said[end - 1]) in cast.owner_words:
        end -= 1
    return end


def _married_by_another(
    sentence: str, written: list[tuple[str, int, int]], said: list[str], place: int, owner: int, cast: _Cast
) -> bool:
    """Whether the verb at `place`, naming the owner at `owner` after it with no comma or preposition between (but
    "to"; bot.core.people_finder.PREPOSITIONS: not "married the only son of Tom Hale"), is said of someone else
    marrying them: another named or a pronoun before it (bot.core.spouse_asked._verb_subject): "At last she married
    an old man called Osseo", "Tom Berg marries Anna Lind" of Anna; not "wanted the princess to marry Prince Ivo",
    nor "Clara and Ewan are married in the church at Quintero, with Rosa Quiroga as a guest of honour" of Rosa."""
    if said[place] not in _WEDDING_VERBS | _ENGAGED or "," in sentence[written[place][2] : written[owner][1]]:
        return False
    if not (PREPOSITIONS - {"to"}).isdisjoint(said[place + 1 : owner]):
        return False
    subject = _verb_subject(sentence, written, said, place, cast)
    return subject is False or isinstance(subject, str)


def _couple_named(sentence: str, written: list[tuple[str, int, int]], said: list[str], first: int) -> int | None:
    """Whether the name at `first` after a wedding verb is joined by "and" to another capitalised name, known to the
    story or not, the pair ending the sentence or followed by a comma or a preposition: then the one before the verb
    marries the couple, as a priest does ("married Karl Vik and Ruth Moss in the chapel"), and the two are married to
    each other; not "married Anna and Karl sailed". Where the second name starts; else None."""

    def name_end(at: int) -> int:
        while at + 1 < len(said) and written[at + 1][0][:1].isupper():
            at += 1
        return at

    end = name_end(first)
    second = end + 2
    if said[end + 1 : end + 2] != ["and"] or second >= len(said) or not written[second][0][:1].isupper():
        return None
    if "," in sentence[written[end][2] : written[second][1]]:
        return None
    last = name_end(second)
    ends = (
        last + 1 == len(said)
        or said[last + 1] in PREPOSITIONS
        or "," in sentence[written[last][2] : written[last + 1][1]]
    )
    return second if ends else None


_CLAUSE_MARKS = frozenset('!?;:"“”()')


def _owner_apposed(written: list[tuple[str, int, int]], said: list[str], place: int, cast: _Cast) -> bool:
    """Whether the owner is named right before the word at `place` (but for "the" or "a"), as "wife of" brings a
    spouse in: "Duivsech, wife of Murtough", "Kieva, the wife of Pryderi"."""
    back = place - 2 if said[place - 1 : place] in (["the"], ["a"]) else place - 1
    return back >= 0 and written[back][0][:1].isupper() and bare_word(said[back]) in cast.owner_words


def _subject_of(
    sentence: str, written: list[tuple[str, int, int]], said: list[str], place: int, cast: _Cast
) -> bool | str | None:
    """Who marries, by the word telling it at `place`: True where it is the owner named, False where it is someone
    else, the pronoun where it is one; None where no one known is (bot.core.spouse_asked._verb_subject,
    _noun_owner)."""
    if said[place] in _RELATIVE_NOUNS | _MARRIAGE_TO | _ENGAGEMENT_TO:
        return _noun_owner(sentence, written, said, place, cast)
    return _verb_subject(sentence, written, said, place, cast)


_RELATIVE_NOUNS = frozenset({"wife", "husband", "spouse", "fiance", "fiancee"})


def _noun_owner(
    sentence: str, written: list[tuple[str, int, int]], said: list[str], place: int, cast: _Cast
) -> bool | str | None:
    """Whose the wife, husband, marriage or engagement at `place` is: the possessive at most two words before it
    ("her estranged husband", "Mrs. Bellweather's own husband", "Gaz's wedding to Priya Raman") with no comma or
    capitalised word between, True where it is the owner's, the pronoun where it is one, False where another's or a
    relative's ("Gwen's father's wife"); else the owner named right before "wife of" ("Kieva, wife of Pryderi");
    else None."""
    kin = kin_words()
    for back in range(place - 1, max(place - 2 - _MOST_WORDS_OWNING, -1), -1):
        word = bare_word(said[back])
        if not said[back].endswith(POSSESSIVE_ENDS) and word not in ("his", "her"):
            if written[back][0][:1].isupper() or "," in sentence[written[back][2] : written[back + 1][1]]:
                break  # "bearing him to his grave, Duivsech, wife of Murtough": no "his wife"
            continue
        between = said[back + 1 : place]
        if any(w in kin for w in between):
            return False  # "her father's assistant"
        if word in _PRONOUNS:
            return word
        if not written[back][0][:1].isupper() or word not in cast.owner_words or word in cast.other_words:
            return False
        return _owners_possessive(written, said, _name_start(written, said, back, cast), cast)
    return True if _owner_apposed(written, said, place, cast) else None


def _names_follow(sentence: str, written: list[tuple[str, int, int]], place: int) -> bool:
    """Whether a wife or husband at `place` is named right after the word, but for a comma ("his wife Pilar", "her
    husband, Desmond Kerr"), or "of" follows ("Kieva, wife of Pryderi"): else the name after it is another's ("Tom's
    wife left him for Gregor Holm")."""
    if place + 1 >= len(written):
        return False
    following = written[place + 1][0]
    return following[:1].isupper() or following == "of" or "," in sentence[written[place][2] : written[place + 1][1]]


_SUBJECTS = frozenset({"he", "she"})
_PASSED_TO_SUBJECT = frozenset(
    {"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "shall", "should"}
    | {"can", "could", "may", "might", "must", "does", "did", "do", "get", "gets", "got", "getting", "gotten"}
    | {"now", "later", "then", "soon", "already", "also", "eventually", "finally", "once", "still", "again", "and"}
    | set(UNITS)
    | set(TENS)
)
"""Words that may stand between whoever marries and the verb: auxiliaries, adverbs (and any word ending in "ly"),
numbers ("Guilhem, now thirty-five and married to a weaver named Isabeau"); any other word ends the walk back: a
verb ("Tom said the captain married"), a noun ("Tom, whose sister married"), "to" ("wanted the princess to
marry")."""
_UNREAL = frozenset({"could", "should", "might"})
"""Auxiliaries before the verb telling a marriage that may be or might have been, none told: "she could marry the
miller", "Tom Hale might have married Ruth Moss"; "would" does so only with "have" ("would have married"), where
"he would marry her in June" tells one to come."""
_MOST_WORDS_GIVEN = 4
"""How many words after "married his" or "married her" a "to" may stand, telling someone given in marriage by the
one marrying them off: "married his daughter Ruth Moss to Karl Vik"."""
_MOST_WORDS_APPOSED = 10
"""How long a description set off by commas between a name and its verb may be: "Bertram, a 79-year-old retired
magician, is marrying Gloria Fairweather"."""


def _verb_subject(
    sentence: str, written: list[tuple[str, int, int]], said: list[str], place: int, cast: _Cast
) -> bool | str | None:
    """Who marries by the verb at `place`: the owner or another named, or "he" or "she", before it with nothing
    between but the words of _PASSED_TO_SUBJECT, titles, or a description set off by commas after the name; None
    where another word or a capitalised word naming no one known comes first ("Tom is best man at Karl's wedding")."""
    if said[place + 1 : place + 2] == ["off"] or (
        said[place + 1 : place + 2] in (["her"], ["him"], ["them"], ["his"], ["their"])
        and "to" in said[place + 2 : place + 2 + _MOST_WORDS_GIVEN]
    ):
        return None  # "married off his daughter", "he married her to Prince Ivo", "married his daughter to Karl Vik"
    if _given_by_name(written, said, place, cast):
        return None  # "He married Ruth Moss to Karl Vik in 1961"
    titles = HONORIFICS | person_titles()
    back = place - 1
    joined = None  # where an "and" before the verb joins it to an earlier verb
    while back >= 0:
        word = bare_word(said[back])
        capital = written[back][0][:1].isupper()
        if word in _UNREAL or (word == "would" and said[back + 1 : back + 2] == ["have"]):
            return None  # "Tom Hale would have married Ruth Moss if he had met her first"
        if word in _SUBJECTS:
            return word
        if capital and (word in cast.owner_words or word in cast.other_words):
            # "Anna Lind, Tom Hale's widow, married": the possessive's last word names whose, not who marries
            owners = word in cast.owner_words and word not in cast.other_words
            if owners and not _owners_possessive(written, said, _name_start(written, said, back, cast), cast):
                return True
            return _joined_subject(sentence, written, said, joined, cast)
        if word == "and" and joined is None:
            joined = back
        if word in _PASSED_TO_SUBJECT or word.endswith("ly") or word.isdigit() or word in titles:
            back -= 1
            continue
        opened = _apposition_opened(sentence, written, back, place)
        if opened is None:
            return _joined_subject(sentence, written, said, joined, cast) or None
        back = opened
    return None


def _given_by_name(written: list[tuple[str, int, int]], said: list[str], place: int, cast: _Cast) -> bool:
    """Whether the verb at `place` is followed by a name of the story's people and "to" right after it: "married Ruth
    Moss to Karl Vik" tells Ruth Moss given in marriage by the one before the verb; not "married Mathilde, to pay his
    debts"."""
    after = place + 1
    while after < len(said) and written[after][0][:1].isupper():
        if bare_word(said[after]) not in cast.owner_words | cast.other_words:
            return False
        after += 1
    return after > place + 1 and said[after : after + 1] == ["to"] and written[after][1] - written[after - 1][2] == 1


def _joined_subject(
    sentence: str, written: list[tuple[str, int, int]], said: list[str], joined: int | None, cast: _Cast
) -> bool:
    """Whether the verb after the "and" at `joined` is the owner's, named at the head of the clause the "and" ends,
    with no comma or clause break between, the one named between being the earlier verb's object: "Maria Lopez left
    Jordan Wells in 1995 and married Frank Doyle"; False where `joined` is None."""
    if joined is None:
        return False
    start = joined - 1
    while start > max(joined - 1 - _MOST_WORDS_APPOSED * 2, 0):
        if said[start - 1] in _CLAUSE_BREAKS or said[start - 1] in _SUBJECTS:
            return False
        if "," in sentence[written[start - 1][2] : written[start][1]] or _CLAUSE_MARKS.intersection(
            sentence[written[start - 1][2] : written[start][1]]
        ):
            break
        start -= 1
    if start < 0 or not written[start][0][:1].isupper() or bare_word(said[start]) not in cast.owner_words:
        return False
    return not _owners_possessive(written, said, start, cast)


def _apposition_opened(sentence: str, written: list[tuple[str, int, int]], back: int, place: int) -> int | None:
    """Where the name stands before a description set off by commas holding the word at `back`, closed before the
    verb at `place` ("Bertram, a 79-year-old retired magician, is marrying"); None where there is none."""
    if "," not in sentence[written[back][2] : written[place][1]]:
        return None
    for before in range(back - 1, max(back - 1 - _MOST_WORDS_APPOSED, -1), -1):
        if "," in sentence[written[before][2] : written[before + 1][1]]:
            return before if written[before][0][:1].isupper() else None
    return None


def _chain_head(said: list[str], place: int, pronoun: str) -> int:
    """Where the sentence first says a pronoun of the same sex as `pronoun` before `place`: "She is calm and proud,
    and tells Kettleby that her husband, Esteban, ..." is hers whom "She" stands for, not Kettleby's; "Odile herself
    had sung at the club under Ferrand, and the two had been in love before she married a dockworker"."""
    man = _PRONOUNS[pronoun]
    return next(at for at in range(place) if _SEX_OF.get(said[at]) is man)


_SEX_OF = {**_PRONOUNS, "himself": True, "herself": False}


def _pronoun_is_owners(before: str, pronoun: str, cast: _Cast) -> bool:
    """Whether the pronoun ending `before` stands for the owner: the owner's sex is known and agrees, and the owner
    is the person named last before it (by a word of their name alone, "Maya's" too) but for those it cannot stand
    for: those of the other sex, by a title, a relative's word or a pronoun of the other sex that stood for them
    since ("Princess Elsa loved a poor shepherd named Mikkel. When her father heard of it, he": "her" is Mikkel's
    or Elsa's, so "he" is neither's); the owner's possessive before a word for a kind of person names that person
    too, of either sex ("Sam Porter's mother was a seamstress. She married Tom Hale"). Where the story leaves the
    owner's sex unsettled, the owner must be the only person named there ("Tomasa is hiding there with her two young
    children. She is calm and proud, and tells Kettleby that her husband, Esteban, was murdered"): the pronoun has
    no one else to stand for, where "the sailor Tom Berg to come home. When he does not return, she marries" has
    Anna's name before Tom's."""
    man = _PRONOUNS[pronoun]
    if cast.owner_is_man not in (man, None):
        return False
    sexes = dict(cast.sex_of_word)
    owners = "\0owner"
    sexes[owners] = man
    named: list[str] = []
    written = words(before)
    for at, (word, _, _) in enumerate(written):
        folded = bare_word(fold(word))
        if word[:1].isupper() and folded in cast.other_words:
            named.append(folded)
        elif word[:1].isupper() and folded in cast.owner_words:
            named.append(owners)
            following = bare_word(fold(written[at + 1][0])) if at + 1 < len(written) else ""
            if folded != fold(word) and following in kinds_of_people():
                named.append(f"\0{at}")  # "Sam Porter's mother was a seamstress. She": the mother is named
        elif folded in _SEX_OF and named:
            told = _SEX_OF[folded]
            stands_for = next((name for name in reversed(named) if sexes.get(name, told) is told), None)
            if stands_for is not None:
                sexes[stands_for] = told
    if cast.owner_is_man is None:
        return bool(named) and all(name == owners for name in named)
    return next((name for name in reversed(named) if sexes.get(name, man) is man), None) == owners
