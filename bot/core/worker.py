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
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore


async def load_in_worker(root: Path, params: BM25Params, store: IndexStore | None) -> StoryLibrary:
    """StoryLibrary.load(root, params, store) in a fresh process; raises what it raises (CorpusError).

    A library that the worker saved is then opened here from its saved index (memory-mapped), so a
    large one never travels between the processes; a small one comes back whole.
    """
    # spawn, not fork: forking a process that runs an event loop and threads copies their locks.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        built = await asyncio.get_running_loop().run_in_executor(pool, load_unless_saved, root, params, store)
    if built is not None:
        return built
    assert store is not None
    return await asyncio.to_thread(StoryLibrary.load, root, params, store)  # checksums: hashlib frees the GIL


def load_unless_saved(root: Path, params: BM25Params, store: IndexStore | None) -> StoryLibrary | None:
    """The worker's part: the library, or None when it is saved and up to date for the caller to open."""
    library = StoryLibrary.load(root, params, store)
    if store is not None and store.saved_key(root) == store.key(root, library.analyzer, params):
        return None
    return library
