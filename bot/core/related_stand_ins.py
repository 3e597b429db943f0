"""A question's word that no passage searched holds, searched as a word of the same root that some do: "Who is the
pianist?" where the story says "piano", "the violinist" where it says "violin", "famous" where it says "fame".

Asked only where the question would otherwise find nothing, and only where each such word has a relative held
(bot.core.library): such a question was refused, though the story answers it in its own words. The relative stands
in for the word as a correction stands in for a typo, and the answer says so. Relatives are WordNet's close ones
(bot.core.related_words) that share the word's first PREFIX letters: its derived forms, which stemming does not join.
Its synonyms are left out: WordNet's senses are all there at once, and the one the stories hold most is seldom the
one meant ("mother" is "got", through "beget"; "film" is "took", through "take"). Of several, the one most passages
hold, the alphabetically first of those held as often.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bot.core.related_words import RelatedWords


def stand_ins(unheld: Iterable[str], holding: Callable[[str], int], related: RelatedWords) -> dict[str, str]:
    """For each term no passage searched holds, the close relative of its root that most of them hold (`holding`
    counts them), if one is held at all."""
    found: dict[str, str] = {}
    for term in unheld:
        rooted = [relative for relative in related.close.get(term, ()) if _same_root(term, relative)]
        held = [(count, relative) for relative in rooted if (count := holding(relative)) > 0]
        if held:
            found[term] = min(held, key=lambda pair: (-pair[0], pair[1]))[1]
    return found


PREFIX = 4
"""Letters a word and its relative share at their start to be of one root ("pian" of "pianist" and "piano")."""


def _same_root(term: str, relative: str) -> bool:
    return len(term) >= PREFIX and relative[:PREFIX] == term[:PREFIX]
