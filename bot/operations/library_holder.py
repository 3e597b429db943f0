"""The library the bot answers from, and its reload: built away from the event loop, swapped in whole, its people
indexed in the holder's thread (LibraryHolder.warm) as soon as it is in, and those who asked told of the swap at once
(bot.operations.server_views rebuilds the servers' views then, not at each server's next question).

A library opened from a saved index tells the holder when it finds the index damaged under the bot
(a file cut short or written to); the holder then rebuilds it in the worker, as /reload does, while
questions are told the index is being repaired.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from bot.core.corpus import CorpusError
from bot.core.index_damage import IndexDamage
from bot.core.library import StoryLibrary
from bot.core.people import FindsPeople
from bot.core.saved_index import IndexStore
from bot.core.worker import load_in_worker, merge_in_worker
from bot.operations.opening import index_store
from bot.settings import Settings

log = logging.getLogger(__name__)

BUILD_LIMIT_SECONDS = 30 * 60.0
"""A reload's build may take this long (a library of millions of passages takes minutes); past it, the
build is stopped, so that one story that reads slowly never holds the reload lock for ever."""


class BuildTooLong(CorpusError):
    """The new library took longer than the limit: stopped, and the old one kept."""

    def __init__(self, limit: float):
        super().__init__(f"too_long: {limit:g} s")  # for the log: a reload says it with bot.messages.reload_text
        self.limit = limit
        """The limit it passed, in seconds."""


class LibraryHolder:
    def __init__(self, library: StoryLibrary, settings: Settings, build_limit: float = BUILD_LIMIT_SECONDS):
        self.settings = settings
        self.build_limit = build_limit
        self._lock = asyncio.Lock()
        self._loop = asyncio.get_running_loop()
        self._repair: asyncio.Task[None] | None = None
        self._merge: asyncio.Task[None] | None = None
        self._listeners: list[Callable[[StoryLibrary], None]] = []
        self.warming = ThreadPoolExecutor(max_workers=1, thread_name_prefix="storybot-people")
        """Where its libraries' (and views') people are read and their names indexed (FindsPeople.warm), one
        at a time, beside the ranking and view-building threads: on the ranking thread each would hold answers behind
        it. The holder's own, so that close() ends it: a module's, it went on indexing after the bot had closed (and
        logged into the closed log), and the process's exit waited for every warm queued."""
        self._closing = threading.Event()
        self._warms: set[asyncio.Future[None]] = set()
        """The warms queued or running (what close() stops)."""
        self.current = self._watched(library)
        """What questions are answered from; a question in flight keeps the library it started with."""
        self.warmed: asyncio.Future[None] = self.warm(library)
        """The current library's people read and indexed (done at once for a library whose were)."""

    def when_reloaded(self, listener: Callable[[StoryLibrary], None]) -> None:
        """listener(new) on the event loop as soon as a reload swapped `new` in, before the reload is reported."""
        self._listeners.append(listener)

    @property
    def reloading(self) -> bool:
        return self._lock.locked()

    async def reload(self, *, read_cut_short_again: bool = False) -> tuple[StoryLibrary, StoryLibrary]:
        """(old, new) once the corpus folder is read again; one reload at a time. With `read_cut_short_again` (the
        owner's /reload), the files the saved index kept as skipped because their reading was cut short (too slow, or
        its reader ended: bot.core.skipped.CUT_SHORT) are read again too (the new library's index_notes name them).
        Raises CorpusError (and keeps the old library) when the folder holds no usable story, or BuildTooLong when the
        build passed its time limit (its worker process is ended and the lock released)."""
        async with self._lock:
            old = self.current
            damaged = old.check_index() is not None  # so the report can say a damaged index was repaired
            store = index_store(self.settings)
            try:
                async with asyncio.timeout(self.build_limit):
                    new = await load_in_worker(
                        self.settings.corpus,
                        old.index.params,
                        store,
                        verify=damaged,
                        reading_seconds=self.settings.upload_seconds,
                        read_cut_short_again=read_cut_short_again,
                    )
            except TimeoutError:
                minutes = self.build_limit / 60
                log.error("A reload of %s took over %.3g minutes and was stopped.", self.settings.corpus, minutes)
                raise BuildTooLong(self.build_limit) from None
            self.current = self._watched(new)
            self.warmed = self.warm(new)
            for listener in self._listeners:
                listener(new)
            if store is not None and (self._merge is None or self._merge.done()):
                self._merge = asyncio.create_task(self._merged(store))
            return old, new

    async def _merged(self, store: IndexStore) -> None:
        """Merges the index's segments in the worker when they need it, after a reload committed one: the
        library answering keeps the files it opened, and the next reload opens the merged segment."""
        try:
            async with asyncio.timeout(self.build_limit):
                if await merge_in_worker(self.settings.corpus, store):
                    log.info("Merged the index's segments.")
        except (TimeoutError, CorpusError, OSError) as error:
            log.warning("Could not merge the index's segments: %s", error or "it took too long")

    def warm(self, library: StoryLibrary) -> asyncio.Future[None]:
        """The library's (or view's) people read and their names indexed in `warming`, logged once done; what fails is
        logged too: the first lookup then builds them itself. Once the holder is closing, nothing is started."""
        if self._closing.is_set():
            nothing = self._loop.create_future()
            nothing.set_result(None)
            return nothing
        warming = self._loop.run_in_executor(self.warming, _warm, library.person_finder, self._closing)
        warming.add_done_callback(_log_failure)
        self._warms.add(warming)
        warming.add_done_callback(self._warms.discard)
        return warming

    async def close(self) -> None:
        """Ends the warming before the bot closes: the warms queued never start, and the one running stops at its next
        step (FindsPeople.warm) and is waited for, in a thread (each of its steps took 0.14-0.22 s CPU for 95,000
        made-up names), so that nothing is indexed, or logged, once closed."""
        self._closing.set()
        if self._warms:
            log.info("Stopping the indexing of the people's names.")
        await asyncio.to_thread(self.warming.shutdown, cancel_futures=True)

    def _watched(self, library: StoryLibrary) -> StoryLibrary:
        library.when_damaged(lambda damage: self._loop.call_soon_threadsafe(self._repair_soon, library, damage))
        return library

    def _repair_soon(self, library: StoryLibrary, damage: IndexDamage) -> None:
        """Rebuilds the damaged library's index in the worker, unless a reload is already replacing it."""
        if library is not self.current or self.reloading or (self._repair is not None and not self._repair.done()):
            return  # told again by another question, or already being replaced
        log.warning("The saved index is damaged (%s: %s); rebuilding it.", damage.file, damage.kind)
        self._repair = asyncio.create_task(self._repaired())

    async def _repaired(self) -> None:
        try:
            _, new = await self.reload()
        except (CorpusError, OSError) as error:
            log.error("Could not rebuild the damaged index: %s", error)
            return
        log.info(
            "Rebuilt the damaged index: %d stories, %d passages.", len(new.corpus.stories), len(new.corpus.passages)
        )


def _warm(people: FindsPeople, closing: threading.Event) -> None:
    if people.warmed:
        return
    began = time.thread_time()
    people.warm(closing)
    if not closing.is_set() and len(people):  # stopped, or a library of no one: nothing to say
        log.info("Indexed the names of %d people in %.2f s CPU.", len(people), time.thread_time() - began)


def _log_failure(work: asyncio.Future[None]) -> None:
    if not work.cancelled() and (error := work.exception()) is not None:
        log.error("Indexing the people's names failed", exc_info=error)
