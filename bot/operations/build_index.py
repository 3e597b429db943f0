"""Building the library's saved index now, whatever its size, so later starts open it at once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bot.core.analysis import Analyzer
from bot.core.index import DEFAULT_PARAMS
from bot.core.index_notes import IndexNote
from bot.core.library import StoryLibrary
from bot.operations.opening import index_store
from bot.settings import Settings


class IndexBuilt(StrEnum):
    SAVED = "saved"
    OFF = "off"
    """The settings keep no saved indexes (STORYBOT_INDEX is off): nothing was built."""
    NOT_SAVED = "not_saved"
    """Built, but it could not be saved: `notes` says why."""


@dataclass(frozen=True, kw_only=True)
class BuiltIndex:
    outcome: IndexBuilt
    stories: int = 0
    passages: int = 0
    seconds: float = 0.0
    folder: Path | None = None
    """Where it was saved."""
    size: int = 0
    """Its files' bytes."""
    notes: tuple[IndexNote, ...] = ()
    skipped: tuple[str, ...] = ()
    """Files not read as stories, and why."""


def build_index(settings: Settings, *, progress: bool = False) -> BuiltIndex:
    """The settings' corpus built and saved. Raises CorpusError when the folder holds no usable story."""
    store = index_store(settings)
    if store is None:
        return BuiltIndex(outcome=IndexBuilt.OFF)
    started = time.perf_counter()
    store.sweep()
    library = StoryLibrary.built_and_saved(settings.corpus, store, Analyzer(), DEFAULT_PARAMS, progress, force=True)
    corpus = library.corpus
    stories, passages, skipped = len(corpus.stories), len(corpus.passages), tuple(corpus.problems)
    if library.index_notes:
        return BuiltIndex(
            outcome=IndexBuilt.NOT_SAVED, stories=stories, passages=passages, notes=library.index_notes, skipped=skipped
        )
    folder = store.folder_for(settings.corpus)
    return BuiltIndex(
        outcome=IndexBuilt.SAVED,
        stories=stories,
        passages=passages,
        seconds=time.perf_counter() - started,
        folder=folder,
        size=sum(path.stat().st_size for path in folder.iterdir()),
        skipped=skipped,
    )
