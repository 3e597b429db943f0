"""Reading a passage of a story named by its id: reading on from an answer, or what a vote judged."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.corpus import Passage
from bot.core.index_damage import IndexDamage
from bot.core.library import StoryLibrary
from bot.operations.story_ref import StoryRef, story_ref


class PassageRead(StrEnum):
    READ = "read"
    STORY_GONE = "story_gone"
    """No story has that id any more (removed or renamed): never another story's passage."""
    INDEX_DAMAGED = "index_damaged"
    """The saved index was found damaged: Reading.damage says how; it is being rebuilt."""


@dataclass(frozen=True, kw_only=True)
class Reading:
    read: PassageRead
    story: StoryRef | None = None
    passage: Passage | None = None
    """For READ: the passage, its number within the story's bounds."""
    damage: IndexDamage | None = None


def read_passage(library: StoryLibrary, story: str, number: int) -> Reading:
    """Passage `number` (from 1, kept within the story) of the story with id `story`."""
    position = library.story_finder.by_id(story)
    if position is None:
        return Reading(read=PassageRead.STORY_GONE)
    ref = story_ref(library, position)
    found = library.corpus.stories[position]
    passage = library.passage(found.first_passage + min(max(number, 1), found.passage_count) - 1)
    if passage is None:
        return Reading(read=PassageRead.INDEX_DAMAGED, story=ref, damage=library.damage)
    return Reading(read=PassageRead.READ, story=ref, passage=passage)
