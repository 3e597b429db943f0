"""A story as the front ends name and show it: its stable id, title and file, and whether its title is shared."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.library import StoryLibrary
from bot.core.story_ids import shelf_file_name, shelf_story_of


@dataclass(frozen=True, kw_only=True)
class StoryRef:
    id: str
    """Its stable id (bot.core.story_ids): what buttons, autocomplete values and follow-ups carry."""
    title: str
    path: str
    """Its file, relative to the corpus folder; a server's own story's is its shelf path (bot.core.story_ids)."""
    passages: int
    title_shared: bool
    """Another story of the library has the same title: lists and pickers show the file too."""
    version: str
    """A short digest of its title and text (story_version): read-on and vote buttons carry it, so a click after the
    story was replaced or edited says so, not passage numbers that may have shifted."""

    @property
    def file(self) -> str:
        """Its file as readers know it: its path in the owner's folder, or the name it was uploaded as to a
        server's own stories."""
        return shelf_file_name(self.path)

    @property
    def shelf_story(self) -> int | None:
        """Its number on the server's shelf, or None for a story of the owner's library."""
        return shelf_story_of(self.path)


def story_ref(library: StoryLibrary, story: int) -> StoryRef:
    """The reference of the library's story at position `story` (positions are the core's, never shown)."""
    found = library.corpus.stories[story]
    finder = library.story_finder
    return StoryRef(
        id=finder.ids[story],
        title=found.title,
        path=found.path,
        passages=found.passage_count,
        title_shared=found.title in finder.shared_titles,
        version=story_version(library, found.path),
    )


VERSION_LENGTH = 8
"""Hex digits of a story's digest a button carries: 32 bits, so a changed story is told from its version before in
all but one case in four billion, in few of a custom_id's 100 characters."""


def story_version(library: StoryLibrary, path: str) -> str:
    """The story's version: the start of its digest of title and passages (bot.core.corpus_diff), the same in every
    process and after a restart for the same text, different once it changes."""
    return library.fingerprints[path][:VERSION_LENGTH]


def story_position(library: StoryLibrary, story: StoryRef) -> int | None:
    """Where the referenced story stands in this library, or None when it has no story of that id (any more)."""
    return library.story_finder.by_id(story.id)
