"""Reading an upload within a memory ceiling, in the worker process that reads it (bot.core.upload_reading).

A file can be made to balloon as it is read: a Word file of 108 KB holds 21.6 million characters, and reading
it takes 0.43 GB; larger ones, or several at once, would take the machine's memory and the bot with it. The
worker process caps its own memory with RLIMIT_DATA before it reads, so an allocation past the ceiling fails
there (a MemoryError, or libxml2's out-of-memory error) and the upload is refused with a reason, while the bot
runs on.

RLIMIT_DATA rather than RLIMIT_AS: since Linux 4.7 it counts a process's private writable mappings (its heap and
the memory Python, numpy, lxml and pypdf map for what they read), not the address space it only reserves or the
shared libraries' code. RLIMIT_AS counts those too: each thread's 64 MB malloc arena, reserved and mostly unused,
and every library's mappings; a ceiling in it would change with the libraries' versions rather than with what
reading a file needs. Threads' stacks do count in RLIMIT_DATA, and numpy's OpenBLAS would start a thread per core
as the worker imports it, 41 MB of stack and buffer each: so a worker starts with one BLAS thread
(bot.core.worker_process.ONE_BLAS_THREAD), and holds 63 MB before it reads however many cores the machine has (104
MB on 2 cores and 2.6 GB on 64 before: from 6 cores on, by that count, STORYBOT_UPLOAD_MB's least, 256, refused
every file).
"""

from __future__ import annotations

import resource
from collections.abc import Callable
from typing import TypeVar

from bot.core.shelf import ShelfError, StoryFile, UploadRefusal, story_file
from bot.core.shelf_corpus import ShelfStoryText

T = TypeVar("T")

NO_MEMORY = "ERR_NO_MEMORY"
"""libxml2's error for an allocation that failed; lxml raises it as an XMLSyntaxError "unknown error"."""
LOST_ERROR = ("without exception set", "without setting an exception")
"""CPython's SystemError for a failure whose exception was lost: where a read runs out, the MemoryError can be lost
as the frames unwind (CPython 3.11: an EPUB of 250,000 paragraphs at 256 MB, in a worker with one thread)."""


def story_file_within(raw: bytes, name: str, title: str | None, megabytes: int) -> StoryFile:
    """story_file(raw, name, title), in a process whose memory is capped at `megabytes` while it reads (for a worker
    process of its own). Past it, ShelfError TOO_MUCH_MEMORY."""
    return _within(megabytes, name, lambda: story_file(raw, name, title))


def shelf_story_within(story: int, name: str, data: bytes, megabytes: int) -> ShelfStoryText:
    """A stored shelf file read for a server's view as its upload was: in a worker process, capped at `megabytes`
    (ShelfError TOO_MUCH_MEMORY past it); ValueError for a file that gives no story."""
    return _within(megabytes, name, lambda: ShelfStoryText.read(story, name, data))


def _within(megabytes: int, name: str, read: Callable[[], T]) -> T:
    """What `read` gives, with the process's memory capped at `megabytes` while it runs.

    The cap is lifted once reading ends, before anything else is allocated: a read that ran out holds what it read
    until its error is dropped, so the worker had no memory left to say why (it spun, or ended with a traceback, and
    the upload was "unreadable"); the outcome sent back is bounded by the upload's size, not by what reading took."""
    uncapped = resource.getrlimit(resource.RLIMIT_DATA)
    ceiling, hard = megabytes * 2**20, uncapped[1]
    resource.setrlimit(resource.RLIMIT_DATA, (ceiling if hard == resource.RLIM_INFINITY else min(ceiling, hard), hard))
    try:
        try:
            return read()
        finally:
            resource.setrlimit(resource.RLIMIT_DATA, uncapped)
    except (MemoryError, ShelfError, ValueError, SystemError) as error:
        if ran_out_of_memory(error):
            raise ShelfError(UploadRefusal.TOO_MUCH_MEMORY, name=name, size=megabytes) from error
        raise


def ran_out_of_memory(error: BaseException) -> bool:
    """Whether `error`, or any error it was raised from, is a failed allocation: the readers turn whatever a
    hostile file makes their libraries raise into "unreadable" (ValueError), a MemoryError with the rest."""
    seen: set[int] = set()
    found: BaseException | None = error
    while found is not None and id(found) not in seen:
        seen.add(id(found))
        if isinstance(found, MemoryError) or NO_MEMORY in _libxml2_errors(found) or _lost(found):
            return True
        found = found.__cause__ or found.__context__
    return False


def _lost(error: BaseException) -> bool:
    """Whether `error` is CPython's word for an exception lost on the way: within the ceiling, a MemoryError."""
    return isinstance(error, SystemError) and any(words in str(error) for words in LOST_ERROR)


def _libxml2_errors(error: BaseException) -> set[str]:
    """The names of the errors libxml2 logged for an lxml error (none for any other error, or without lxml)."""
    try:
        from lxml import etree
    except ImportError:  # no formats extra: no reader that uses libxml2 ran
        return set()
    if not isinstance(error, etree.XMLSyntaxError):
        return set()
    return {entry.type_name for entry in error.error_log}
