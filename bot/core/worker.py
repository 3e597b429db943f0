"""Building a library in a worker process, so a long rebuild never holds the caller's interpreter.

Reading and analysing thousands of stories is CPU work that holds Python's GIL for long stretches
(numpy sorts, regular expressions over whole files): in a thread it would stall the Discord
heartbeat. A separate process does the work; only the finished library comes back.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bot.core.index import BM25Params
from bot.core.index_notes import IndexNote
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore


async def load_in_worker(root: Path, params: BM25Params, store: IndexStore | None) -> StoryLibrary:
    """StoryLibrary.load(root, params, store) in a fresh process; raises what it raises (CorpusError).

    A library that the worker saved is then opened here from its saved index, so a large one never
    travels between the processes; a small one comes back whole. Either way its `index_notes` say
    what the worker found wrong with the saved index (damage it repaired, a save that failed).
    """
    # spawn, not fork: forking a process that runs an event loop and threads copies their locks.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        built, notes = await asyncio.get_running_loop().run_in_executor(pool, load_unless_saved, root, params, store)
    if built is None:
        assert store is not None
        built = await asyncio.to_thread(StoryLibrary.load, root, params, store)  # checksums: hashlib frees the GIL
    built.index_notes = notes + built.index_notes
    return built


def load_unless_saved(
    root: Path, params: BM25Params, store: IndexStore | None
) -> tuple[StoryLibrary | None, tuple[IndexNote, ...]]:
    """The worker's part: the library (None when it is saved and up to date, for the caller to open),
    and what went wrong with its saved index."""
    library = StoryLibrary.load(root, params, store)
    if store is not None and store.saved_key(root) == store.key(root, library.analyzer, params):
        return None, library.index_notes
    return library, ()
