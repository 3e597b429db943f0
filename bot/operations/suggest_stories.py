"""Suggesting stories as a name is typed (autocomplete): best matches first, each named by its id."""

from __future__ import annotations

from bot.core.library import StoryLibrary
from bot.core.story_names import COMPLETION_LIMIT
from bot.operations.story_ref import StoryRef, story_ref


def suggest_stories(library: StoryLibrary, typed: str, limit: int = COMPLETION_LIMIT) -> tuple[StoryRef, ...]:
    """Stories whose title or file name starts with (or holds) what was typed, best first; else close ones."""
    return tuple(story_ref(library, i) for i in library.story_finder.complete(typed, limit))
