"""Words naming a story as a whole work: "the film", "this book", "the end of the novel"."""

from __future__ import annotations

WHOLE_WORKS = frozenset(
    {
        "story",
        "book",
        "film",
        "movie",
        "novel",
        "play",
        "musical",
        "tale",
        "series",
        "season",
        "episode",
        "show",
        "game",
        "saga",
    }
)
