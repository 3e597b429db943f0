"""Building a library in a worker process (bot.core.worker_process), so long work never holds the caller's interpreter:
only the finished library comes back.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from bot.core.index import BM25Params
from bot.core.index_damage import IndexDamaged
from bot.core.index_notes import IndexEvent, IndexNote, IndexRefused
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.worker_process import WorkerProcess

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


async def load_in_worker(
    root: Path,
    params: BM25Params,
    store: IndexStore | None,
    *,
    verify: bool = False,
    reading_seconds: float | None = None,
    read_cut_short_again: bool = False,
) -> StoryLibrary:
    """StoryLibrary.load(root, params, store, verify=..., reading_seconds=..., read_cut_short_again=...) in a fresh
    process; raises what it raises (CorpusError).

    A library that the worker saved (its changed stories committed as a segment, or all of it built)
    is then opened here from its segments, so a large one never travels between the processes; a small
    one comes back whole. Either way its `index_notes` say what the worker found wrong with the saved
    index (damage it repaired, a save that failed) and the files it read again.
    """
    built, notes = await _in_worker_process(
        load_unless_saved, root, params, store, verify, reading_seconds, read_cut_short_again
    )
    if built is None:
        assert store is not None
        # Nothing left to commit, when opened with the worker's limit: opened without it, a file the worker kept as
        # skipped for time (its limit is part of the skip) was read again here, in this process, with no limit at all.
        # Nor is it asked to read those again (read_cut_short_again): the worker did, if asked.
        built = await asyncio.to_thread(StoryLibrary.load, root, params, store, reading_seconds=reading_seconds)
    built.index_notes = notes + built.index_notes
    return built


async def merge_in_worker(root: Path, store: IndexStore) -> bool:
    """Merges the corpus's segments in a fresh process when they need it (too many, or too much
    deleted: SegmentStore.merge_if_needed); whether they did. Readers keep the files they opened."""
    return await _in_worker_process(merge_if_needed, root, store)


async def _in_worker_process(work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """work(*args, **kwargs) in a fresh process, ended once it is done. Cancelled (a build or a read past its time
    limit, the bot closing), the process is ended at once: nothing waits for work nobody wants any more."""
    worker = WorkerProcess()
    try:
        return await worker.run(work, *args, **kwargs)
    finally:
        await worker.close()


def load_unless_saved(
    root: Path,
    params: BM25Params,
    store: IndexStore | None,
    verify: bool = False,
    reading_seconds: float | None = None,
    read_cut_short_again: bool = False,
) -> tuple[StoryLibrary | None, tuple[IndexNote, ...]]:
    """The worker's part: the library (None when it is saved and up to date, for the caller to open),
    and what went wrong with its saved index (and the files read again)."""
    library = StoryLibrary.load(
        root, params, store, verify=verify, reading_seconds=reading_seconds, read_cut_short_again=read_cut_short_again
    )
    saved = store is not None and store.has_index(root)
    # Not saved: the disk refused it, or the folder is not trusted (then nothing was written to it).
    unsaved = (IndexEvent.NOT_SAVED, IndexEvent.UNTRUSTED)
    if saved and not any(note.event in unsaved for note in library.index_notes):
        return None, library.index_notes
    return library, ()


def merge_if_needed(root: Path, store: IndexStore) -> bool:
    """The worker's part of a merge; a merge that cannot be written (a full disk) waits for the next one. Damage it
    finds (it checks every checksum of what it copies) has the next load check them all, and build the index again."""
    try:
        with store.in_use():
            return store.segments(root).merge_if_needed() is not None
    except (IndexRefused, IndexDamaged) as error:
        store.suspect(store.folder_for(root))
        log.warning("Could not merge the index's segments, damaged (%s); the next start builds them again.", error)
        return False
    except (OSError, ValueError) as error:
        log.warning("Could not merge the index's segments (%s); they stay as they are.", error)
        return False
