"""Questions asked of one story that say "she" or "he" of no one they name: the story's lead is meant.

A reader in a story's thread asks "what does she do", "who is her boss", "how old is he" of the person the story is
about, as they would say it of someone in front of them; no passage holds the pronoun's meaning, so the question was
refused or ranked by its other words alone. Read with the lead's name in the pronoun's place ("what does Priya Nair
do", "who is Priya Nair's boss"), it is asked as the introduction rules (bot.core.introductions) read a name; its
words are searched as typed (the full name, said once where the lead comes in, pulled that passage first for "when
did he die"). Only where every such pronoun is of one sex (with "she" and "him", two people are asked about) and the
question names no person of the story, and only where the pronoun is of the lead's sex as the story's own text tells
it (`pronouns_of`): "what does he do" of Mara Lindqvist's story asks of her brother, not of her.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from bot.core.analysis import fold, words
from bot.core.slips import bare_word

SHE = frozenset({"she", "her", "hers", "herself"})
"""The pronouns of a woman, and of a man, as stories tell their people with them."""
HE = frozenset({"he", "him", "his", "himself"})
PRONOUNS = SHE | HE
_TOLD_OF = frozenset({"she", "her", "herself", "he", "his", "himself"})
"""The pronouns that, following a person's name, are most often theirs: not "him", more often someone else's ("Mara
called him"). "her" stays, though as an object it is as often another's: it cannot be told from the possessive."""
_SENTENCE_ENDS = frozenset(".!?")
_LOOKED_IN = 2
"""The sentences a name's pronoun is looked for in: the one naming the person and the next."""
_SETTLED = 2
"""How many times one sex's pronouns must outnumber the other's for the story's to be read as theirs."""
_ARTICLES = frozenset({"the", "a", "an"})
"""The words opening a sentence whose subject is a person told by their kind alone ("The coroner rules")."""
_QUOTES = frozenset('"\u201c\u201d')
"""The marks opening and closing a quotation: a sentence opening inside one is someone's words ("The king wants the
letters by noon," said Marta), not the story telling of the king. Single marks are left out: "'" is an apostrophe as
often."""
_KIND_OWNS = frozenset({"his", "her"})
"""The lead's pronouns that, in a sentence whose subject is a person told by their kind, are as likely that person's:
"The mayor asks Anna to look at his old horse"; her "she" in it is hers ("The doctor examines Anna; she is pale")."""
_NAMING = frozenset({"named", "called"})
"""Words after a sentence's opening "A girl" that give her name: the kind is the named person, no other ("A girl named
Lily Chen lived in a valley town")."""
_CLAUSE_ENDS = frozenset(",;:")
"""Marks ending a clause within a sentence: a pronoun said before the name in the name's own clause goes on standing
for whom it stood for ("As soon as she saw Charcoal Nils, she came back": the troll woman, twice), one said before a
comma may not ("Now she could no longer work enchantments, and there stood Jorinde before him, with her arms").
A skipped pronoun does not end the look: it runs on into the next sentence, where the skip no longer holds, so the
real Jorinde is lost ("...his Jorinde, but she said he should never have her again ... He called after her" counts
the "He"); ending the look at the skip was tried and lost as much as it gained."""
_BEING = frozenset({"is", "was", "are", "were"})
"""After a sentence's opening "The hero", a verb saying who they are ("The hero is Pebble"), not what they do."""
_OWNING = frozenset({"his", "hers"})
"""Pronouns that say whose something is wherever they stand; "her" does so only before a noun ("her boss")."""
_AFTER_OBJECT = frozenset(
    {"to", "in", "at", "on", "for", "from", "with", "about", "into", "after", "before", "and", "or", "so", "when"}
    | {"a", "an", "the", "up", "out", "off", "down", "back", "away"}
)
"""Words after "her" that show it is no possessive: "did he tell her about", "find her a job", "pick her up"."""


def pronouns_read(question: str, lead: str, named: Collection[str], people: Collection[str]) -> str | None:
    """The question with each third-person pronoun read as the story's lead (`lead`, their name), a possessive as
    the name's ("her boss" as "Priya Nair's boss"); None where it has none, has both sexes', or names a person of
    the story: `named`, the folded words of its people's names ("who is her boss" of Priya's story, not "did Tobias
    tell her" of Mara's, nor "did dons boss thank her"); nor where a word for a kind of person (`people`: "aunt",
    "author") stands before a pronoun, which may be theirs ("how old was their aunt when she died")."""
    found = words(question)
    said = [fold(word) for word, _, _ in found]
    pronouns = {word for word in said if word in SHE or word in HE}
    if not pronouns or (pronouns & SHE and pronouns & HE):
        return None
    if any(_names(word, named) for word in said if word not in pronouns):
        return None
    first = next(place for place, word in enumerate(said) if word in pronouns)
    if any(bare_word(word) in people or word.removesuffix("s") in people for word in said[:first]):
        return None
    parts: list[str] = []
    done = 0
    for place, (_, start, end) in enumerate(found):
        pronoun = said[place]
        if pronoun not in pronouns:
            continue
        after = said[place + 1] if place + 1 < len(said) else ""
        owning = pronoun in _OWNING or (pronoun == "her" and after != "" and after not in _AFTER_OBJECT)
        parts += [question[done:start], f"{lead}'s" if owning else lead]
        done = end
    return "".join([*parts, question[done:]])


def pronouns_of(
    texts: Iterable[str], name: str, others: Iterable[str], titles: Collection[str], people: Collection[str]
) -> frozenset[str] | None:
    """The pronouns the story's `texts` use for the person called `name` ("she", "her"... or "he", "his"...), or None
    where the text does not settle it. A question's "he" asks of the lead only if the lead is a man, and no list of
    first names says who is (Sasha, Jules, a surname alone); the story does, in the pronoun that follows the name: in
    each sentence naming them, the first "she" or "he" (of `_TOLD_OF`'s forms) after the name, in that sentence or the
    next, counted over the story, unless a word of another person's name (`others`, the story's other people) comes
    first ("Morwenna and Tobias confront Lyle, who admits that he"), or a word for a kind of person (`people`) right
    after the name's possessive, who is another ("Harrowgate's goalkeeper, the veteran Stuart Lomax, playing his 400th
    game"); a sentence whose subject is a person told by a word for their kind alone, who is another, ends a look, and
    in it only "she" or "he" is counted ("The coroner rules the death an accidental drowning, but Morwenna notices that
    his wristwatch"; "The doctor examines Anna; she is pale"), unless the kind is the lead's own ("The boy Pavel", "A
    girl named Lily"), another's ("The king's daughter") or in someone's words ("The king wants the letters," said
    Marta). Nor is a pronoun of a sex said before the name in the name's clause (`_CLAUSE_ENDS`): it goes on
    standing for whom it stood for ("As soon as she saw Charcoal Nils, she came back"). Settled where one sex's count
    is more than `_SETTLED` times the other's. A word of the name that is a title
    (`titles`: "captain"), not capitalised in it or shared with another's name (a family's surname) names others too
    and is not looked for, nor ends a look its given name began ("Jack Munro is the landlord. He", with a Martha
    Munro); a name's word is a name only where the text capitalises it ("the world of men rose up", "the old thimble"
    are no Rose's, no Old Barnacle's), unless it is a word for a kind of person or creature (Mr. Hare is "the hare").
    One pass over the text, each word looked at once."""
    other_words = {bare_word(fold(word)) for other in others for word, _, _ in words(other) if word[:1].isupper()}
    name_words = {bare_word(fold(word)) for word, _, _ in words(name) if word[:1].isupper()} - set(titles)
    other_words -= set(titles)
    shared = name_words & other_words  # a family's surname: neither starts a look nor ends one ("Jack Munro ... he")
    name_words -= shared
    other_words -= shared
    she = he = 0
    for text in texts:
        looking = 0  # sentences still to look in after a name
        owning = False  # whether the word before was the name's possessive ("Harrowgate's")
        placed = 0  # the word's place in its sentence
        kind_said = 0  # where a sentence's opening "The coroner" ends, if it opens so
        kind_acts = False  # whether the sentence's subject is a person told by their kind ("The coroner rules")
        previous = ""
        quoting = False  # whether the text is inside a quotation
        quoted = False  # whether the sentence opened inside one
        done = 0
        clause_sexes: set[bool] = set()  # whether each pronoun said so far in the clause is a man's
        before_name: set[bool] = set()  # of those, the ones said before the name in it
        for word, start, end in words(text):
            between = text[done:start]
            if not _SENTENCE_ENDS.isdisjoint(between):
                looking = max(looking - 1, 0)
                placed, kind_said, kind_acts = 0, 0, False
                clause_sexes, before_name = set(), set()
            elif not _CLAUSE_ENDS.isdisjoint(between):
                clause_sexes = set()
            if not _QUOTES.isdisjoint(between):
                quoting = _quoting_after(between, quoting)
            if placed == 0:
                quoted = quoting
            done = end
            said = fold(word)
            man = said in HE
            if looking and said in _TOLD_OF and not (kind_acts and said in _KIND_OWNS) and man not in before_name:
                she += said in SHE
                he += man
                looking = 0
            if said in PRONOUNS:
                clause_sexes.add(man)
            bare = bare_word(said)
            if placed == 1 and bare in people and previous in _ARTICLES and bare == said and not quoted:
                kind_said = end
            elif (
                placed == 2
                and kind_said
                and text[kind_said:start].isspace()
                and said not in _BEING
                and said not in _NAMING
                and not word[:1].isupper()
            ):
                kind_acts = True
                looking = 0
            placed += 1
            previous = said
            if owning and bare in people:  # "Harrowgate's goalkeeper": the next pronoun is likelier the goalkeeper's
                looking = 0
            owning = False
            if not word[:1].isupper() and bare not in people:  # "will" the verb, "rose" the flower: no Will, no Rose
                continue
            if bare in name_words:
                looking = _LOOKED_IN
                owning = bare != said
                before_name = set(clause_sexes)
            elif bare in other_words:
                looking = 0
    if she > _SETTLED * he:
        return SHE
    if he > _SETTLED * she:
        return HE
    return None


def _names(word: str, named: Collection[str]) -> bool:
    """Whether a folded word of the question is a word of a name, a possessive's "s" typed with or without its
    apostrophe ("don's", "dons")."""
    bare = bare_word(word)
    return bare in named or (bare.endswith("s") and bare[:-1] in named)


def _quoting_after(between: str, quoting: bool) -> bool:
    """Whether the text is inside a quotation after the marks between two words (`between`), given whether it was
    before them: a curly mark says which way it goes, a straight one turns it."""
    for mark in between:
        if mark == "\u201c":
            quoting = True
        elif mark == "\u201d":
            quoting = False
        elif mark == '"':
            quoting = not quoting
    return quoting
