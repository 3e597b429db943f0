"""Listing the library's stories, all or a page of them, with the files that were skipped."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.core.library import StoryLibrary
from bot.core.skipped import Problem
from bot.operations.story_ref import StoryRef, story_ref


@dataclass(frozen=True, kw_only=True)
class StoryList:
    root: Path
    """The corpus folder."""
    total: int
    """How many stories the library has."""
    passages: int
    """How many passages they have."""
    first: int
    """The position of the first story listed, from 0."""
    stories: tuple[StoryRef, ...]
    """The stories listed, in file order (as one build of the folder numbers them)."""
    skipped: tuple[Problem, ...]
    """Files of the folder that were not read as stories, and why (as the core found them, with its reason code)."""


def list_stories(library: StoryLibrary, first: int = 0, count: int | None = None) -> StoryList:
    """`count` stories from position `first` (every one when count is None); the totals whatever is listed."""
    corpus = library.corpus
    total = len(corpus.stories)
    first = min(max(first, 0), total)
    end = total if count is None else min(total, first + max(count, 0))
    return StoryList(
        root=corpus.root,
        total=total,
        passages=len(corpus.passages),
        first=first,
        stories=tuple(story_ref(library, i) for i in library.story_finder.file_order(first, end)),
        skipped=tuple(corpus.problems),
    )


def list_page(library: StoryLibrary, page: int, per_page: int) -> StoryList:
    """Page `page` (from 0, kept within the pages there are) of `per_page` stories."""
    last = max(0, (len(library.corpus.stories) - 1) // per_page)
    return list_stories(library, min(max(page, 0), last) * per_page, per_page)
