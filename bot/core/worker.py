"""Building a library in a worker process, so a long rebuild never holds the caller's interpreter.

Reading and analysing thousands of stories is CPU work that holds Python's GIL for long stretches
(numpy sorts, regular expressions over whole files): in a thread it would stall the Discord
heartbeat. A separate process does the work; only the finished library comes back.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import ParamSpec, TypeVar

from bot.core.corpus import CorpusError
from bot.core.index import BM25Params
from bot.core.index_notes import IndexEvent, IndexNote
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


async def load_in_worker(
    root: Path, params: BM25Params, store: IndexStore | None, *, verify: bool = False
) -> StoryLibrary:
    """StoryLibrary.load(root, params, store, verify=verify) in a fresh process; raises what it raises
    (CorpusError).

    A library that the worker saved (its changed stories committed as a segment, or all of it built)
    is then opened here from its segments, so a large one never travels between the processes; a small
    one comes back whole. Either way its `index_notes` say what the worker found wrong with the saved
    index (damage it repaired, a save that failed).
    """
    built, notes = await _in_worker_process(load_unless_saved, root, params, store, verify)
    if built is None:
        assert store is not None
        built = await asyncio.to_thread(StoryLibrary.load, root, params, store)  # nothing left to commit
    built.index_notes = notes + built.index_notes
    return built


async def merge_in_worker(root: Path, store: IndexStore) -> bool:
    """Merges the corpus's segments in a fresh process when they need it (too many, or too much
    deleted: SegmentStore.merge_if_needed); whether they did. Readers keep the files they opened."""
    return await _in_worker_process(merge_if_needed, root, store)


async def _in_worker_process(work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """work(*args, **kwargs) in a fresh process. Cancelled (a build past its time limit, the bot closing),
    the process is ended at once: nothing waits for a build nobody wants any more."""
    # spawn, not fork: forking a process that runs an event loop and threads copies their locks.
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_send_outcome, args=(sending, work, args, kwargs), name="storybot-build")
    process.start()
    sending.close()
    try:
        succeeded, outcome = await asyncio.to_thread(receiving.recv)  # a thread: the library may be large
    except EOFError:
        raise CorpusError(f"The process building the library ended without a word (exit {process.exitcode}).") from None
    finally:
        if process.is_alive():
            process.kill()  # the thread's recv then ends too
        await asyncio.to_thread(process.join)
        receiving.close()
    if not succeeded:
        raise outcome
    return outcome


def _send_outcome(
    connection: Connection, work: Callable[..., object], args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    """The worker process: (True, the result) or (False, the exception) back to the caller."""
    try:
        outcome: tuple[bool, object] = (True, work(*args, **kwargs))
    except Exception as error:
        outcome = (False, error)
    connection.send(outcome)
    connection.close()


def load_unless_saved(
    root: Path, params: BM25Params, store: IndexStore | None, verify: bool = False
) -> tuple[StoryLibrary | None, tuple[IndexNote, ...]]:
    """The worker's part: the library (None when it is saved and up to date, for the caller to open),
    and what went wrong with its saved index."""
    library = StoryLibrary.load(root, params, store, verify=verify)
    saved = store is not None and store.has_index(root, params=params)
    # Not saved: the disk refused it, or the folder is not trusted (then nothing was written to it).
    unsaved = (IndexEvent.NOT_SAVED, IndexEvent.UNTRUSTED)
    if saved and not any(note.event in unsaved for note in library.index_notes):
        return None, library.index_notes
    return library, ()


def merge_if_needed(root: Path, store: IndexStore) -> bool:
    """The worker's part of a merge; a merge that cannot be written (a full disk) waits for the next one."""
    try:
        with store.in_use():
            return store.segments(root).merge_if_needed() is not None
    except (OSError, ValueError) as error:
        log.warning("Could not merge the index's segments (%s); they stay as they are.", error)
        return False
