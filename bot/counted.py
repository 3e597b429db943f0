"""A count said with its noun, for every message that counts: bot.messages's and the front ends' (the core words
nothing)."""

from __future__ import annotations


def counted(count: int, thing: str, things: str) -> str:
    """A count and its noun, "1 passage" or "22 passages": a one-paragraph story is not "1 passages"."""
    return f"{count:,} {thing if count == 1 else things}"
