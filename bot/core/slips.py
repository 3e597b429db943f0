"""Words typed a letter off ("waht", "wehn", "jobb", "fathr"), read as the one word of a few that a question's shape
is read by: the question words (bot.core.query) and the introductions' rules' words (bot.core.introductions). The
spelling corrector (bot.core.spelling) corrects only into words the library's index holds, and it holds neither
stop words ("what", "when") nor, in every library, "job": such a slip was dropped, and the question lost its shape.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from rapidfuzz import process
from rapidfuzz.distance import OSA, Hamming, Indel

from bot.core.analysis import fold, is_dictionary_word

_SHORTEST_SLIP = 3
"""The shortest word read as a slip: "jbo" is "job", "hwy" "why", "wf" anything."""
POSSESSIVE_ENDS = ("'s", "’s")
"""A possessive's ending, or "is"'s: taken off a word before it is read as a slip ("fathr's", "waht's"), and kept; and
the ending of a name that owns the word after it ("Morwenna's", with written_possessive's "Agnes'")."""
_APOSTROPHES = ("'", "’")


def written_possessive(text: str, word: str, end: int) -> bool:
    """Whether the word of `text` ending at `end` (as bot.core.analysis.words gives it) is written a possessive:
    "Morwenna's", or "Agnes'", whose apostrophe words leaves off (no word it gives ends in one)."""
    folded = fold(word)
    return folded.endswith(POSSESSIVE_ENDS) or (folded.endswith("s") and text[end : end + 1] in _APOSTROPHES)


def possessive_end(word: str) -> str:
    """The possessive's "'s" a word ends in, as typed (POSSESSIVE_ENDS, or "'S" of "WAHT'S"), or "": matched on the word
    folded, so that a slip read in a question typed in capitals keeps its ending ("WAHT'S SOPHIE'S JOB?" as "WHAT'S
    ...", not "What SOPHIE'S JOB?")."""
    return next((word[-len(end) :] for end in POSSESSIVE_ENDS if fold(word).endswith(end)), "")


def bare_word(folded: str) -> str:
    """The (folded) word without its possessive's "'s"."""
    return next((folded.removesuffix(end) for end in POSSESSIVE_ENDS if folded.endswith(end)), folded)


def slip_of(typed: str, among: Collection[str], written: Callable[[str], bool]) -> str | None:
    """The one word of `among` that `typed` (folded, bare) is with one letter more or less or two neighbours swapped
    (_one_slip), or None: where none is, or two are ("hwo", "who" or "how"), or `typed` is shorter than
    _SHORTEST_SLIP, a word of `among` itself, a word the dictionary knows ("wen" is no "when", "dan" no "dad") or one
    the stories write (`written`: "Hans Sohn" is no one's "son")."""
    if len(typed) < _SHORTEST_SLIP or typed in among or is_dictionary_word(typed):
        return None
    near = [word for word in among if _one_slip(typed, word)]
    return near[0] if len(near) == 1 and not written(typed) else None


def slip_of_any(typed: str, among: Sequence[str]) -> bool:
    """Whether `typed` (folded, bare) is one of `among` with one letter more or less or two neighbours swapped
    (_one_slip): rapidfuzz's OSA scan picks the few within one edit of it, so a library's every name word is not
    tried one by one in Python."""
    near = process.extract(typed, among, scorer=OSA.distance, score_cutoff=1, limit=None)
    return any(_one_slip(typed, word) for word, _, _ in near)


def _one_slip(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one letter more or less, or two neighbours swapped (no letter typed for
    another: "dan" for "dad" is a name as often as a slip): OSA's distance as bot.core.near_words reckons it."""
    if len(typed) != len(word):
        return Indel.distance(typed, word) == 1
    return OSA.distance(typed, word) == 1 and Hamming.distance(typed, word) == 2
