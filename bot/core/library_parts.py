"""What a StoryLibrary is made of, whether built from the story files, opened from its segments or joined
(bot.core.library_join)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from bot.core.corpus import Corpus
from bot.core.file_array import WatchedFiles
from bot.core.index import BM25Scoring
from bot.core.people import FindsPeople
from bot.core.spelling import SpellingCorrector
from bot.core.story_mentions import MentionFinder
from bot.core.story_names import StoryFinder


@dataclass(frozen=True, kw_only=True)
class LibraryParts:
    corpus: Corpus
    index: BM25Scoring
    story_index: BM25Scoring
    person_finder: FindsPeople
    speller: SpellingCorrector
    fingerprints: Mapping[str, str]
    """Each story's digest, to tell what a reload changed (bot.core.corpus_diff)."""
    files: WatchedFiles | None = None
    """The saved index's files read while answering, when opened from one."""
    mentions: MentionFinder | None = None
    story_finder: StoryFinder | None = None
    """Its finders when already built (a library's), so that a join (a server's view) does not build them again
    over every story of the library: it joins them with its other parts' (bot.core.library_join)."""
    speller_stories: np.ndarray | None = None
    """How many of its stories hold each of its speller's words, when built from its stories (int64): what a saved
    segment keeps, so that it forgets a word once no live story holds it."""
