"""Questions about when and where a story is set, which a plot tells as it opens.

"When is The Salt Gate set?", "Where does the film take place?", "What year is the game set in?", "when and where is
blue hour on lenox set": a plot says its time and place first ("In the winter of 1347, the walled river town of
Veldmere ...", "... is a 2017 historical romance novel set in Harlem"), while later passages may say the title's words
more. The question's subject must be the story itself: "it", "the film", "this book", or the story's title
(`SettingAsked.title`, which the caller compares with the title of the story asked of, as analysed). Not "Where is
the vault located?" or "When does the battle take place?" (a place or event of the story), nor "When does Grace set
the turnaround time?".
"""

from __future__ import annotations

from itertools import pairwise
from typing import NamedTuple

from bot.core.analysis import fold, words
from bot.core.sentences import sentence_spans
from bot.core.work_words import WHOLE_WORKS

_BEFORE_ASKING = frozenset({"in", "at", "on", "during"})
"""What may open the question before its asking word: "In what year is it set?"."""
_WHEN_OR_WHERE = frozenset({"when", "where"})
_ASKING_WITH_IS = frozenset({"when's", "where's", "whens", "wheres"})
_WHICH = frozenset({"what", "which"})
_MOST_NOUN_WORDS = 2
"""The most words of what "what" asks: "what year", "what time period"."""
_VERBS = frozenset({"is", "was", "does", "did"})
_SETTING_ASKED = (["what", "is", "the", "setting"], ["what's", "the", "setting"], ["whats", "the", "setting"])
"""How "What is the setting (of the story)?" opens."""
_PRONOUNS = frozenset({"it", "this"})
_DETERMINERS = frozenset({"the", "this", "that"})
_ARTICLES = frozenset({"the", "a", "an"})
_SETTING = (("set",), ("take", "place"), ("takes", "place"), ("took", "place"))
_AFTER_SETTING = frozenset({"in", "on", "at", "during"})
"""What may end the question after its setting words: "What country is it set in?"."""
_ADVERBS = frozenset({"mostly", "mainly", "primarily", "largely", "partly", "chiefly", "entirely", "originally"})
"""What may stand before the setting words: "Where is it mostly set?"."""
_SET_IN = _AFTER_SETTING | _ADVERBS | {"aboard", "between", "over", "across", "among", "amid"}
"""What follows "set" where a sentence says the setting in so many words: "The drama is set in Venice in 1597"."""
_TAKING = frozenset({"take", "takes", "took", "taking"})


class SettingAsked(NamedTuple):
    title: str
    """The words the question names its story by, folded ("the salt gate"), for the caller to analyse as it analyses
    the title of the story asked of; "" where it says "it" or "the film"."""


def setting_asked(question: str) -> SettingAsked | None:
    """What the question asks the setting of, None where it asks no story's setting (the module's docstring says
    which it reads)."""
    said = [fold(word) for word, _, _ in words(question)]
    for opening in _SETTING_ASKED:
        if said[: len(opening)] == opening:
            rest = said[len(opening) :]
            return SettingAsked("") if not rest else _subject(rest[1:]) if rest[0] == "of" else None
    at = 1 if said[:1] and said[0] in _BEFORE_ASKING else 0
    subject = _after_asking(said, at)
    if subject is None:
        return None
    end = len(said) - (1 if said and said[-1] in _AFTER_SETTING else 0)
    for setting in _SETTING:
        if tuple(said[end - len(setting) : end]) == setting:
            before = end - len(setting)
            return _subject(said[subject : before - (1 if said[before - 1] in _ADVERBS else 0)])
    return None


def _after_asking(said: list[str], at: int) -> int | None:
    """Where the subject starts after the question's asking words and verb ("when and where is", "what country
    does", "wheres"), None where it opens otherwise."""
    if at >= len(said):
        return None
    if said[at] in _ASKING_WITH_IS:
        return at + 1
    if said[at] in _WHEN_OR_WHERE:
        at += 3 if said[at + 1 : at + 3] in (["and", "when"], ["and", "where"]) else 1
    elif said[at] in _WHICH:
        at = next(
            (verb for verb in range(at + 2, at + _MOST_NOUN_WORDS + 2) if verb < len(said) and said[verb] in _VERBS), -1
        )
        if at < 0:
            return None
    else:
        return None
    return at + 1 if said[at : at + 1] and said[at] in _VERBS else None


def _subject(subject: list[str]) -> SettingAsked | None:
    """The story the subject names: itself ("it", "the film") or by a title; None where it is none of these."""
    if not subject:
        return None
    if subject in (["it"], ["this"]) or (len(subject) == 1 and subject[0] in WHOLE_WORKS):
        return SettingAsked("")
    if len(subject) == 2 and subject[0] in _DETERMINERS | _PRONOUNS and subject[1] in WHOLE_WORKS:
        return SettingAsked("")
    return SettingAsked(" ".join(subject))


def setting_sentence(text: str, title: str) -> str | None:
    """The first sentence of `text` saying the story's setting in so many words: "set in" or "takes place" said of the
    story, as a work ("The drama is set in Venice in 1597") or by all its title's words ("The Wedding takes place on
    the beach"), or opening the sentence ("Set in 1952, the novel follows"); None where none does ("The sun set in the
    west", "The battle takes place at the gate", "The novel's final chapter, set in May")."""
    named = {word for word in _said(title) if word not in _ARTICLES}
    for start, end in sentence_spans(text) or [(0, len(text))]:
        said = _said(text[start:end])
        verb = next(
            (
                at
                for at, (word, after) in enumerate(pairwise(said))
                if (word == "set" and after in _SET_IN) or (word in _TAKING and after == "place")
            ),
            None,
        )
        if verb is not None and (
            verb == 0 or WHOLE_WORKS.intersection(said[:verb]) or (named and named <= set(said[:verb]))
        ):
            return text[start:end]
    return None


def opening_sentence(text: str) -> str:
    """The first sentence of a story's first passage: where a plot that says no "set in" tells when and where."""
    start, end = (sentence_spans(text) or [(0, len(text))])[0]
    return text[start:end]


def _said(text: str) -> list[str]:
    """The words, folded: "The novel's final chapter, set in May" says "novel's", which is no work set anywhere."""
    return [fold(word) for word, _, _ in words(text)]
