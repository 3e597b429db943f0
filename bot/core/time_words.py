"""Words for times, as alternations for regular expressions, shared by the finders that tell a time from a place or
an age then from one now (bot.core.age_asked, bot.core.origin_asked, the rerank's answer_kind signal)."""

from __future__ import annotations

SEASONS = "spring|summer|autumn|winter"
"""The seasons: "in the summer of 1952"."""
DAY_TIMES = "morning|afternoon|evening|night|noon|midnight|dawn|dusk"
"""Times of a day: "arrived on the morning train", "At night"."""
SPANS = "years?|months?|weeks?|days?|decades?"
"""Spans of time, one or several: "Years later", "Sixty years later"."""
