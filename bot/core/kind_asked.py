"""Where a story names the kind of thing a question asks of a person: "What instrument does Sophie play?".

A plot says what someone plays, keeps or drives where it names them with it: "Sophie Korolev was a talented young
musician who had always been drawn to the classical piano", "Ferrand's son, Lucien, a trumpet player", "The hero is
Pebble, a small hermit crab". The question's words hold no "piano" and the story's every passage holds "Sophie", so
the ranking alone chose a violinist's passage. The first sentence naming the person and a word WordNet files as a kind
of the noun asked for (kind_words.txt, derived by scripts/build_kind_words.py: "piano" of "instrument", "crab" of
"animal") answers, where there is one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from bot.core.analysis import fold, lemma, words
from bot.core.job_asked import name_pattern
from bot.core.sentences import sentence_spans

KIND_FILE = "kind_words.txt"
# "What instrument does Sophie play?", "which weapon did Ned use", "What kind of animal is Pebble?": the noun asked
# a kind of, then the verb that puts the one it is asked of after it. Folded, at the question's start; possessive.
_KIND_ASKED = re.compile(
    r"\s*+(?:what|which)\s++(?:(?:kind|type|sort)s?+\s++of\s++(?:an?\s++)?)?(?P<kind>[^\W\d_]++)\s++"
    r"(?:does|did|do|is|was|are|were|has|had)\s++"
)
# "What is Sophie's instrument?", "whats sophies instrument" (the possessive typed bare, as a chat types it): the name,
# its possessive and the noun asked a kind of, which ends the question.
_WHAT_IS = re.compile(r"\s*+what(?:\s*+['’]?s|\s++is|\s++was)\s++")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’]|(?<=[^\W\d_]s))\s++(?P<kind>[^\W\d_]++)$")
_ASKED_ENDS = "?.!"


@dataclass(frozen=True)
class KindAsked:
    """What a question of kind_asked's shape asks."""

    kind: str
    """The noun asked a kind of, in its dictionary form ("instrument")."""
    after: str
    """The words after the verb, folded, its end's "?.!" and spaces left out: a name and what is asked of it
    ("sophie play"); or the words before a possessive, the name alone ("sophie")."""
    name_alone: bool = False
    """Whether `after` is the name and nothing else, as before a possessive: "What was Murmur sent to do at the
    devil's place?" asks no kind of place of Murmur."""


def kind_asked(question: str) -> KindAsked | None:
    """The noun a question asks a kind of and what follows its verb ("What instrument does Sophie play?"), or the name
    whose possessive it follows ("What is Sophie's instrument?", "whats sophies instrument": "sophies", as typed),
    where the bundled list knows kinds of that noun; else None. Two matches and a scan back over the end: linear."""
    folded = fold(question)
    found = _KIND_ASKED.match(folded) or _WHAT_IS.match(folded)
    if found is None:
        return None
    end = len(folded)
    while end > found.end() and (folded[end - 1].isspace() or folded[end - 1] in _ASKED_ENDS):
        end -= 1
    if "kind" in found.groupdict():
        kind, after = found.group("kind"), folded[found.end() : end]
    else:
        possessive = _POSSESSIVE.search(folded, found.end(), end)
        if possessive is None:
            return None
        kind, after = possessive.group("kind"), folded[found.end() : possessive.start()]
    kind = lemma(kind)
    return KindAsked(kind, after, "kind" not in found.groupdict()) if kinds_of(kind) and after.strip() else None


def kinds_of(noun: str) -> frozenset[str]:
    """The common words WordNet files as kinds of the noun (kind_words.txt), folded; empty for a noun of none."""
    return _bundled_kinds().get(noun, frozenset())


@cache
def _bundled_kinds() -> dict[str, frozenset[str]]:
    """kind_words.txt's lines: a noun and its kinds, space-separated; `#` starts a comment line."""
    text = resources.files("bot.core").joinpath(KIND_FILE).read_text("utf-8")
    kinds: dict[str, frozenset[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            noun, *found = line.split(" ")
            kinds[noun] = frozenset(found)
    return kinds


def kind_told(
    texts: Sequence[str], name: str, kinds: frozenset[str], others: Sequence[str] = (), title: str = ""
) -> tuple[int, str] | None:
    """(which of `texts`, the sentence) first naming the person (as bot.core.job_asked.name_pattern names them,
    `others` the story's other people) and a word of `kinds`, or its plural; None where none does. The story's
    `title` written in a sentence names neither: "Pebble and the Tide Crabs is a 2016 film" says nothing of what
    Pebble is; but a title that is the person's name alone is their name ("Murmur Goose-Egg")."""
    pattern = name_pattern(name, {word for other in others for word in other.split()})
    if pattern is None:
        return None
    own = {fold(word) for word, _, _ in words(name)}
    titled = {fold(word) for word, _, _ in words(title)}
    written_title = re.compile(re.escape(title), re.IGNORECASE) if titled - own else None
    for index, text in enumerate(texts):
        for start, end in sentence_spans(text):
            sentence = text[start:end]
            read = sentence if written_title is None else written_title.sub(" ", sentence)
            if pattern.search(read) is None:
                continue
            said = {fold(word) for word, _, _ in words(read)} - own
            if any(word in kinds or lemma(word) in kinds for word in said):
                return index, sentence
    return None
