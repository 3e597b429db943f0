"""Bringing the library's saved index up to date now, whatever its size, so later starts open it at once."""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from bot.core.index import DEFAULT_PARAMS
from bot.core.index_notes import IndexEvent, IndexNote
from bot.core.library import StoryLibrary
from bot.core.skipped import Problem
from bot.core.worker import merge_if_needed
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
    skipped: tuple[Problem, ...] = ()
    """Files not read as stories, and why."""
    read_again: tuple[str, ...] = ()
    """The files the saved index kept as skipped for taking too long to read, read again (as stories now, or among
    `skipped` still)."""


def build_index(settings: Settings, *, progress: bool = False) -> BuiltIndex:
    """The settings' corpus's saved index brought up to date (or built), and its segments merged if they
    need it. The files it kept as skipped for taking too long to read are read again: a busy machine may have made
    them slow, and this is the owner asking for the stories to be read (a start keeps the skip). Raises CorpusError
    when the folder holds no usable story."""
    store = index_store(settings)
    if store is None:
        return BuiltIndex(outcome=IndexBuilt.OFF)
    started = time.perf_counter()
    seconds = settings.upload_seconds  # each file's reading, as an upload's (bot.core.timed_reading)
    library = StoryLibrary.load(
        settings.corpus,
        DEFAULT_PARAMS,
        store,
        progress=progress,
        force=True,
        reading_seconds=seconds,
        read_cut_short_again=True,
    )
    corpus = library.corpus
    stories, passages, skipped = len(corpus.stories), len(corpus.passages), tuple(corpus.problems)
    failed = tuple(note for note in library.index_notes if note.event is IndexEvent.NOT_SAVED)
    again = tuple(note.file for note in library.index_notes if note.event is IndexEvent.READ_AGAIN)
    if failed:
        return BuiltIndex(
            outcome=IndexBuilt.NOT_SAVED,
            stories=stories,
            passages=passages,
            notes=failed,
            skipped=skipped,
            read_again=again,
        )
    merge_if_needed(settings.corpus, store)
    folder = store.folder_for(settings.corpus)
    return BuiltIndex(
        outcome=IndexBuilt.SAVED,
        stories=stories,
        passages=passages,
        seconds=time.perf_counter() - started,
        folder=folder,
        size=sum(path.stat().st_size for path in folder.iterdir()),
        skipped=skipped,
        read_again=again,
    )
