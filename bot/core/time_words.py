"""Words for times, shared by the finders that tell a time from a place, an age then from one now, or a name from the
day it is said beside (bot.core.age_asked, bot.core.origin_asked, bot.core.named_thing_asked), as words and as
alternations for regular expressions; the rerank's answer_kind signal shares only SEASONS (its own list of times is
kept as it is, for the fitted weights)."""

from __future__ import annotations

SEASON_WORDS = ("spring", "summer", "autumn", "winter")
"""The seasons: "in the summer of 1952"."""
DAY_TIME_WORDS = ("morning", "afternoon", "evening", "night", "noon", "midnight", "dawn", "dusk")
"""Times of a day: "arrived on the morning train", "At night"."""
SPAN_WORDS = (
    *("years", "year", "months", "month", "weeks", "week"),
    *("days", "day", "decades", "decade", "centuries", "century"),
)
"""Spans of time, one or several, each plural before its singular for the alternation: "In the years of", "the
century of"."""
SEASONS = "|".join(SEASON_WORDS)
DAY_TIMES = "|".join(DAY_TIME_WORDS)
SPANS = "|".join(SPAN_WORDS)
WHEN = "when|once|after|before"
"""Words opening a clause of a time past: "When the war ended", "When Tom was twelve" (not "while": "While Marta, 23,
trains" tells her age now)."""
