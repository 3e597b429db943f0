"""The library the bot answers from, and its reload: built away from the event loop, swapped in whole."""

from __future__ import annotations

import asyncio

from bot.core.library import StoryLibrary
from bot.core.worker import load_in_worker
from bot.open_library import index_store
from bot.settings import Settings


class LibraryHolder:
    def __init__(self, library: StoryLibrary, settings: Settings):
        self.current = library
        """What questions are answered from; a question in flight keeps the library it started with."""
        self.settings = settings
        self._lock = asyncio.Lock()

    @property
    def reloading(self) -> bool:
        return self._lock.locked()

    async def reload(self) -> tuple[StoryLibrary, StoryLibrary]:
        """(old, new) once the corpus folder is read again; one reload at a time. Raises CorpusError
        (and keeps the old library) when the folder holds no usable story."""
        async with self._lock:
            old = self.current
            new = await load_in_worker(self.settings.corpus, old.index.params, index_store(self.settings))
            self.current = new
            return old, new
