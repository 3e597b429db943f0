"""Words for times, as alternations for regular expressions, shared by the finders that tell a time from a place or
an age then from one now (bot.core.age_asked, bot.core.origin_asked); the rerank's answer_kind signal shares only
SEASONS (its own list of times is kept as it is, for the fitted weights)."""

from __future__ import annotations

SEASONS = "spring|summer|autumn|winter"
"""The seasons: "in the summer of 1952"."""
DAY_TIMES = "morning|afternoon|evening|night|noon|midnight|dawn|dusk"
"""Times of a day: "arrived on the morning train", "At night"."""
SPANS = "years?|months?|weeks?|days?|decades?|century|centuries"
"""Spans of time, one or several: "In the years of", "the century of"."""
WHEN = "when|once|after|before"
"""Words opening a clause of a time past: "When the war ended", "When Tom was twelve" (not "while": "While Marta, 23,
trains" tells her age now)."""
