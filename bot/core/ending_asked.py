"""Questions about how a story ends, which its last passages answer.

"How does the book end for Honoria?", "Who killed Edmund in the end?", "What happens in the last scene?": a plot is
told in order, so what happens at the end is told at the end, and the passage saying it need not repeat the question's
words more than earlier ones ("Edmund" is in every passage of his story). Not "How did she end up in Paris?" (how
someone came somewhere), "at the end of the tunnel" or "of the year" (the end of something else), "at an end".
"""

from __future__ import annotations

from bot.core.analysis import fold, words
from bot.core.work_words import WHOLE_WORKS

_BEFORE_THE_END = frozenset({"in", "at", "by", "toward", "towards", "near"})
_DETERMINERS = frozenset({"the", "this", "that"})
_LAST = frozenset({"last", "final", "closing"})
_LAST_PARTS = frozenset({"scene", "scenes", "chapter", "chapters", "page", "pages", "shot", "episode", "part"})
_NOT_THE_STORY_ENDING = frozenset({"an", "no", "deep", "loose", "dead", "rear", "other", "tail"})
"""Words before "end" that make it no story's ending: "at an end", "no end", "the deep end", "loose ends"."""


def asks_for_ending(question: str) -> bool:
    """Whether the question asks what happens at its story's end (the module's docstring says which do)."""
    return bool(ending_words_at(question))


def ending_words_at(question: str) -> frozenset[int]:
    """Where the words that ask for the ending start ("end" in "in the end", "last" and "scene" in "in the last
    scene"), none if it asks no such thing: they say where the answer is told, not what it says, and a library
    whose stories never write "end" counted the word against every passage and refused the question."""
    found = words(question)
    said = [fold(word) for word, _, _ in found]
    for place, word in enumerate(said):
        before = said[place - 1] if place else ""
        after = said[place + 1] if place + 1 < len(said) else ""
        if word in _LAST and after in _LAST_PARTS:
            return frozenset({found[place][1], found[place + 1][1]})
        if word == "ending" and before == "the":
            return frozenset({found[place][1]})
        if word not in {"end", "ends"} or before in _NOT_THE_STORY_ENDING or after == "up":
            continue
        the = (
            place - 1
            if before == "the"
            else place - 2
            if before == "very" and said[place - 2 : place - 1] == ["the"]
            else -1
        )
        if the >= 0:
            opening = said[the - 1] if the else ""
            if opening in _BEFORE_THE_END and after != "of":
                return frozenset({found[place][1]})
            if after == "of" and _is_whole_work(said[place + 2 : place + 4]):
                return frozenset(
                    {found[place][1], found[place + 3 if said[place + 2] in _DETERMINERS else place + 2][1]}
                )
        elif said[0] == "how":
            return frozenset({found[place][1]})  # "how does the film end", "how does it end for Honoria"
    return frozenset()


def _is_whole_work(following: list[str]) -> bool:
    """Whether the words after "the end of" name the story itself: "the end of the film", "of this book"."""
    if following and following[0] in _DETERMINERS:
        following = following[1:]
    return bool(following) and following[0] in WHOLE_WORKS
