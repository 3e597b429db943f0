"""A server's stored shelf files read for its view in a worker process, within an upload's limits, one at a time.

Each file was read when it was uploaded, in a worker process ended past STORYBOT_UPLOAD_SECONDS and capped at
STORYBOT_UPLOAD_MB. A view read it again in the bot's own process, with neither limit: a file that takes 50 s or
0.7 GB to read passes as an upload (a Word file of 108 KB holds 21.6 million characters and takes 0.43 GB and 6 s of
CPU), and then took them again in the bot at every view of its server built after a start, on every process, with
every server's view waiting behind it in the one thread views are built in. Now the bot's process reads no shelf
file that is unpacked or parsed into a document tree: a worker does, within the same limits, and the servers' files
take turns in the order they were asked for, so one server's slow files hold another server's view for one file at a
time, not for all of them. Plain text and Markdown, read in proportion to their size, are read in the bot.
Only files stored with no text are read here: versions from before texts were stored with their files
(bot.core.stored_text), and those whose text other readers read; each one's text is then stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.core.readers import is_plain
from bot.core.shelf import ShelfError, UploadRefusal
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.skipped import STOPPED, refusal_of
from bot.core.stored_text import pack_story, unpack_story
from bot.core.upload_memory import shelf_story_within
from bot.core.worker_ended import WorkerEnded
from bot.core.worker_process import WorkerProcess

log = logging.getLogger(__name__)


class ShelfReader:
    def __init__(self, *, seconds: float, megabytes: int):
        self._seconds, self._megabytes = seconds, megabytes
        self._turns = asyncio.Lock()
        """One file read at a time, in the order asked (asyncio's lock wakes its waiters first come, first served)."""
        self._worker = WorkerProcess(daemon=True)
        self._sessions = 0

    @asynccontextmanager
    async def session(self) -> AsyncIterator[None]:
        """While any session is open, reads share one worker process (started at the first read); it ends with the
        last session, so an idle bot holds no reader."""
        self._sessions += 1
        try:
            yield
        finally:
            self._sessions -= 1
            if not self._sessions:
                idle, self._worker = self._worker, WorkerProcess(daemon=True)
                await idle.close()

    async def read(self, story: int, name: str, data: bytes) -> ShelfStoryText:
        """The file read as the shelf story `story`, within a session. Raises ShelfError: TOO_SLOW past the
        seconds (its reader is ended, and the next read starts another), TOO_MUCH_MEMORY, or UNREADABLE. A plain
        text or Markdown file is read in a thread of this process: in proportion to its size, as an upload's limits
        already allowed it, with no worker started for it."""
        if is_plain(name):
            try:
                return await asyncio.to_thread(ShelfStoryText.read, story, name, data)
            except ValueError as reason:
                raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=refusal_of(reason)) from reason
        async with self._turns:
            try:
                await self._worker.start(_shelf_reader_ready, limit=self._seconds)  # the limit is the reading's
                packed = await asyncio.wait_for(
                    self._worker.run(_packed_shelf_story, story, name, data, self._megabytes), self._seconds
                )
                return await asyncio.to_thread(
                    unpack_story, story, name, packed, self._megabytes * 2**20, from_row=False
                )
            except TimeoutError:
                raise ShelfError(UploadRefusal.TOO_SLOW, name=name, size=round(self._seconds)) from None
            except WorkerEnded as ended:
                log.warning("Reading the shelf story %s (%s): %s", story, name, ended)
                raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=STOPPED) from ended
            except ValueError as reason:
                raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=refusal_of(reason)) from reason


def _shelf_reader_ready() -> None:
    """What the worker runs first (WorkerProcess.start): unpickled there, it imports this module, as a read does."""


def _packed_shelf_story(story: int, name: str, data: bytes, megabytes: int) -> bytes:
    """The worker's side of a read: the story packed (bot.core.stored_text), unpacked by the reader in a thread. Its
    passages, unpickled as they came down the pipe, were one call that held the GIL, and the event loop with it (1.0 s
    for a Word file of 108 KB, 300,000 passages)."""
    return pack_story(shelf_story_within(story, name, data, megabytes))
