"""A library of chosen story files (the bundled ones, the bench's plot summaries) copied into a test's folder, for
the tests asking a rule's question of real stories through the whole library."""

from __future__ import annotations

from pathlib import Path

from bot.core.library import StoryLibrary


def library_of(tmp_path: Path, *stories: Path) -> StoryLibrary:
    """The library of copies of `stories` in `tmp_path`."""
    for story in stories:
        (tmp_path / story.name).write_bytes(story.read_bytes())
    return StoryLibrary.load(tmp_path)
