"""Resolving a story: by its id (an autocomplete value, a button's), by the path a setting stored, or by a
name a person typed (title or file name, forgiving typos)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.core.invisible_characters import plain_question, shows_text
from bot.core.library import StoryLibrary
from bot.core.story_ids import looks_like_story_id
from bot.operations.story_ref import StoryRef, story_ref

MAX_STORY_NAME_CHARS = 200
"""The longest story name looked for, as typed (a title, a file name): Discord's story options take no more, and the
command line and the console refuse more (a name of 800,000 characters was matched against every title)."""


class StoryFound(StrEnum):
    """What a name resolved to; bot.messages.story_choice_text says it to a reader."""

    ONE = "one"
    AMBIGUOUS = "ambiguous"
    """More than one story fits: `candidates` lists them."""
    NONE = "none"
    """No story fits: `suggestions` holds the closest titles, if any."""
    EMPTY = "empty"
    """Nothing was typed but white space or invisible characters."""
    TOO_LONG = "too_long"
    """The name is over MAX_STORY_NAME_CHARS: not looked for."""
    GONE = "gone"
    """The name is a story id no story has any more (its story was removed or renamed), and no title resembles it."""


@dataclass(frozen=True, kw_only=True)
class StoryResolution:
    query: str
    found: StoryFound
    story: StoryRef | None = None
    """For ONE: the story."""
    candidates: tuple[StoryRef, ...] = ()
    suggestions: tuple[StoryRef, ...] = ()


def resolve_story(library: StoryLibrary, name: str) -> StoryResolution:
    """The one story an id (what autocomplete sends), a title or a file name means, or why there is none."""
    if not shows_text(plain_question(name)):  # white space, zero-width spaces or bidirectional marks alone
        return StoryResolution(query=name, found=StoryFound.EMPTY)
    if len(name.strip()) > MAX_STORY_NAME_CHARS:
        return StoryResolution(query=name, found=StoryFound.TOO_LONG)
    finder = library.story_finder
    by_id = looks_like_story_id(name)
    chosen = finder.by_id(name) if by_id else None
    if chosen is not None:
        return StoryResolution(query=name, found=StoryFound.ONE, story=story_ref(library, chosen))
    lookup = finder.find(name)
    if len(lookup.matches) == 1:
        return StoryResolution(query=name, found=StoryFound.ONE, story=story_ref(library, lookup.matches[0]))
    if lookup.matches:
        candidates = tuple(story_ref(library, i) for i in lookup.matches)
        return StoryResolution(query=name, found=StoryFound.AMBIGUOUS, candidates=candidates)
    suggestions = tuple(story_ref(library, i) for i in lookup.suggestions)
    # Sixteen letters may be a name typed ("violinistsviolin"): one some title resembles is told the closest titles
    # as any other name is. An id of the library's holds a digit but in 1 of 28 ids, and resembles no title.
    gone = by_id and not (suggestions and name.isalpha())
    return StoryResolution(query=name, found=StoryFound.GONE if gone else StoryFound.NONE, suggestions=suggestions)


def story_by_id(library: StoryLibrary, story: str) -> StoryRef | None:
    """The story with this id, or None when it was removed or renamed: never another one."""
    found = library.story_finder.by_id(story)
    return None if found is None else story_ref(library, found)


def story_by_path(library: StoryLibrary, path: str) -> StoryRef | None:
    """The story whose file this is, exactly (a path the bot stored), or None when it is gone."""
    found = library.story_finder.by_path(path)
    return None if found is None else story_ref(library, found)
