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
    """StoryLibrary.load(root, params, store) in a fresh process; raises what it raises (CorpusError)."""
    # spawn, not fork: forking a process that runs an event loop and threads copies their locks.
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        return await asyncio.get_running_loop().run_in_executor(pool, StoryLibrary.load, root, params, store)
