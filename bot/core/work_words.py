"""Words naming a story as a whole work: "the film", "this book", "the end of the novel", "a comedy set in Pune"."""

from __future__ import annotations

WHOLE_WORKS = frozenset(
    {"story", "book", "film", "movie", "novel", "novella", "play", "musical", "opera", "ballet", "poem", "tale", "saga"}
    | {"series", "miniseries", "serial", "season", "episode", "show", "programme", "program", "sitcom", "documentary"}
    | {"drama", "comedy", "thriller", "game", "comic", "manga", "anime"}
)
