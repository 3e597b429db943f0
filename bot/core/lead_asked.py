"""Questions asking who a story is about, which the introduction of its most mentioned person answers.

"Who is the main character in The Saltmarsh Ledger?", "who's the protagonist": a plot is told around its lead, named
in more of its sentences than anyone else, and brought in at its start ("retired schoolmistress Honoria Vale"),
while no passage says "main character".
"""

from __future__ import annotations

from bot.core.analysis import fold, words

_OPENINGS = (("who", "is", "the"), ("who", "was", "the"), ("who's", "the"), ("whos", "the"))
_LEADS = (("main", "character"), ("protagonist",), ("main", "protagonist"), ("central", "character"), ("lead",))
_AFTER_LEAD = frozenset({"of", "in"})


def asks_for_lead(question: str) -> bool:
    """Whether the question is "Who is the main character?" (or protagonist, central character, lead), alone or of
    a story ("... of the film", "... in The Saltmarsh Ledger")."""
    said = [fold(word) for word, _, _ in words(question)]
    opening = next((o for o in _OPENINGS if tuple(said[: len(o)]) == o), None)
    if opening is None:
        return False
    rest = said[len(opening) :]
    lead = next((lead for lead in _LEADS if tuple(rest[: len(lead)]) == lead), None)
    if lead is None:
        return False
    after = rest[len(lead) :]
    return not after or after[0] in _AFTER_LEAD
