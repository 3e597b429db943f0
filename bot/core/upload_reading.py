"""An upload read in a worker process of its own, within a time limit and a memory ceiling."""

from __future__ import annotations

import asyncio
import dataclasses
import logging

from bot.core.shelf import ShelfError, StoryFile, UploadRefusal
from bot.core.skipped import STOPPED, refusal_of
from bot.core.stored_text import unpack_story
from bot.core.upload_memory import story_file_within
from bot.core.worker_ended import WorkerEnded
from bot.core.worker_process import WorkerProcess

log = logging.getLogger(__name__)


async def story_file_in_worker(
    raw: bytes, name: str, title: str | None, *, seconds: float, megabytes: int
) -> StoryFile:
    """story_file(raw, name, title) in a fresh process, ended after `seconds` (ShelfError TOO_SLOW): a file made to
    read slowly (a packed one of billions of characters, a PDF a reader gets stuck in) cannot hold the uploads
    waiting behind it for longer, as it could in a thread, which cannot be stopped. The process may take
    `megabytes` of memory (ShelfError TOO_MUCH_MEMORY past them: bot.core.upload_memory)."""
    worker = WorkerProcess()
    try:
        await worker.start(_upload_reader_ready, limit=seconds)  # the limit is the reading's, not the start's
        sent = await asyncio.wait_for(worker.run(_story_file_packed, raw, name, title, megabytes), seconds)
    except TimeoutError:
        raise ShelfError(UploadRefusal.TOO_SLOW, name=name, size=round(seconds)) from None
    except WorkerEnded as ended:
        log.warning("Reading the upload %s: %s", name, ended)
        raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=STOPPED) from ended
    finally:
        await worker.close()
    try:
        story = await asyncio.to_thread(unpack_story, 0, name, sent.text, megabytes * 2**20, from_row=False)
    except ValueError as reason:
        raise ShelfError(UploadRefusal.UNREADABLE, name=name, why=refusal_of(reason)) from reason
    return dataclasses.replace(sent, story=story)


def _upload_reader_ready() -> None:
    """What an upload's reader runs first (WorkerProcess.start): unpickled there, it imports this module, as the
    reading's work does."""


def _story_file_packed(raw: bytes, name: str, title: str | None, megabytes: int) -> StoryFile:
    """The worker's side of story_file_in_worker: the story read comes back as its packed text (StoryFile.text) only,
    unpacked by the caller in a thread. Its passages, unpickled as they came down the pipe, were one call that held
    the GIL, and with it the event loop, throughout: 1.0 s for a Word file of 108 KB (300,000 passages, 21.6 million
    characters), 2.2 s on a busy machine; unpacking builds them in Python, which lets the GIL go every few ms."""
    return dataclasses.replace(story_file_within(raw, name, title, megabytes), story=None)
