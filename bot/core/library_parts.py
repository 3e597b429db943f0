"""What a StoryLibrary is made of, whether built from the story files, opened from its segments or joined
(bot.core.library_join)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.corpus import Corpus
from bot.core.file_array import WatchedFiles
from bot.core.index import BM25Scoring
from bot.core.performers import PerformerDirectory
from bot.core.spelling import SpellingCorrector


@dataclass(frozen=True, kw_only=True)
class LibraryParts:
    corpus: Corpus
    index: BM25Scoring
    story_index: BM25Scoring
    performers: PerformerDirectory
    speller: SpellingCorrector
    fingerprints: dict[str, str]
    """Each story's digest, to tell what a reload changed (bot.core.corpus_diff)."""
    files: WatchedFiles | None = None
    """The saved index's files read while answering, when opened from one."""
