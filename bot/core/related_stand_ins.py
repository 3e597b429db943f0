"""A question's word that no passage searched holds, searched as a close relative that some do: "Who is the
pianist?" where the story says "piano", "How many kids did they have?" where it says "children".

Asked only where the question would otherwise find nothing, and only where each such word has a relative held
(bot.core.library): such a question was refused, though the story answers it in its own words. The relative stands
in for the word as a correction stands in for a typo, and the answer says so. Close relatives are WordNet's synonyms
and derived forms (bot.core.related_words); of several that the passages hold, the one most of them hold, the word's
commonest sense in the stories ("kid" is "child" there, not "banter"), the alphabetically first of those held as
often.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.core.related_words import RelatedWords


def stand_ins(unheld: Iterable[str], holding: Callable[[str], int], related: RelatedWords) -> dict[str, str]:
    """For each term no passage searched holds, the close relative that most of them hold (`holding` counts them),
    if one is held at all."""
    found: dict[str, str] = {}
    for term in unheld:
        held = [(count, relative) for relative in related.close.get(term, ()) if (count := holding(relative)) > 0]
        if held:
            found[term] = min(held, key=lambda pair: (-pair[0], pair[1]))[1]
    return found
