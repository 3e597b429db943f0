"""Building a library, or reading an upload, in a worker process, so long work never holds the caller's interpreter.

Reading and analysing thousands of stories is CPU work that holds Python's GIL for long stretches
(numpy sorts, regular expressions over whole files): in a thread it would stall the Discord
heartbeat. A separate process does the work; only the finished library comes back. A process, unlike a thread,
can also be stopped: an upload that takes too long to read is ended there.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import ParamSpec, TypeVar, cast

from bot.core.index import BM25Params
from bot.core.index_damage import IndexDamaged
from bot.core.index_notes import IndexEvent, IndexNote, IndexRefused
from bot.core.interrupts import held_interrupts
from bot.core.library import StoryLibrary
from bot.core.parent_death import Lifeline
from bot.core.saved_index import IndexStore
from bot.core.shelf import ShelfError, StoryFile, UploadRefusal
from bot.core.skipped import STOPPED, refusal_of
from bot.core.stored_text import unpack_story
from bot.core.upload_memory import story_file_within
from bot.core.worker_ended import WorkerEnded
from bot.core.worker_loop import BOT_LOGGER, LOGGED, send_outcomes

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")

ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""What a worker starts with: numpy's BLAS (OpenBLAS; OpenMP or MKL in other builds) starts a thread per core as
numpy loads, each with its stack and buffer (41 MB of RLIMIT_DATA a thread with OpenBLAS 0.3.31), and a worker
multiplies no matrices. On 64 cores that was 2.6 GB, and an upload's reader refused every file at 256 MB
(bot.core.upload_memory)."""


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


async def _in_worker_process(work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """work(*args, **kwargs) in a fresh process, ended once it is done. Cancelled (a build or a read past its time
    limit, the bot closing), the process is ended at once: nothing waits for work nobody wants any more."""
    worker = WorkerProcess()
    try:
        return await worker.run(work, *args, **kwargs)
    finally:
        await worker.close()


def _log_here(record: logging.LogRecord) -> None:
    """A record the process logged, handed to this process's logger of its name: its handlers and filters show it."""
    logger = logging.getLogger(record.name)
    if logger.isEnabledFor(record.levelno):
        logger.handle(record)


class WorkerProcess:
    """A process that does one piece of work after another (a server's shelf files, read one by one), started with
    the first. Work cancelled (past its time limit) or that ends the process ends it, and the next starts another.

    The work goes to the process through a pipe once it runs, not as the arguments it starts with: those are written
    to it while it starts, in the caller's thread, which a process that never reads them (stopped, or slow to start
    on a busy machine) would hold for as long, the event loop with it (an upload is 8 MB).

    The process never sees Ctrl-C, which a terminal sends to every process of the command: it starts with SIGINT
    blocked (bot.core.interrupts), before its first import. Its caller answers Ctrl-C, cancelling the work, which ends
    the process; the process took it too, and printed a KeyboardInterrupt traceback from wherever it stood."""

    def __init__(self, *, daemon: bool = False) -> None:
        self._daemon = daemon
        """Ended by multiprocessing as the bot exits, if it still runs then (one cannot start processes of its own)."""
        self._running: tuple[BaseProcess, Connection, Connection, Lifeline] | None = None
        """The process, the pipe its work goes down, the one its outcomes come back on, and its lifeline
        (bot.core.parent_death)."""

    async def start(self, ready: Callable[[], None], *, limit: float) -> None:
        """Starts the process, if none runs, and returns once it has run `ready`, a function of the module of the work
        to come: unpickling it, the process imports that module and what it imports. The work's time `limit` then
        times the work alone: a process's start (0.2-0.5 s, seconds on a busy machine) was charged to the first file
        read in it, which could be skipped as too slow partly for it. The start has a bound of its own, twice the
        limit (TimeoutError past it, the process ended): one that never ends (a stalled machine, a stopped process)
        must not hold the caller for good."""
        if self._running is None:
            await asyncio.wait_for(self.run(ready), 2 * limit)

    async def run(self, work: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """work(*args, **kwargs) in the process; raises what it raises, WorkerEnded if the process ends first."""
        if self._running is None:
            self._running = _started(self._daemon)
        process, work_out, receiving, _ = self._running

        def exchange() -> tuple[bool, object]:
            work_out.send((work, args, kwargs))
            while True:
                kind, sent = receiving.recv()
                if kind != LOGGED:
                    return kind, sent
                _log_here(sent)

        exchanged = asyncio.ensure_future(asyncio.to_thread(exchange))  # a thread: the library may be large
        try:
            succeeded, outcome = await asyncio.shield(exchanged)
        except (EOFError, BrokenPipeError):
            await self._end(exchanged)
            assert process.exitcode is not None  # joined as it was ended
            raise WorkerEnded(process.exitcode) from None
        except BaseException:  # cancelled: the work is not wanted any more
            await self._end(exchanged)
            raise
        if not succeeded:
            assert isinstance(outcome, Exception)
            raise outcome
        return cast(R, outcome)

    async def close(self) -> None:
        """Ends the process, if one runs, at once, as a one-off worker always was once its outcome was in: waiting for
        it to exit on its own held the caller (a reload's answer, an upload's) while it tore down what it built."""
        if self._running is not None:
            await self._end(None)

    async def _end(self, exchanged: asyncio.Future[tuple[bool, object]] | None) -> None:
        assert self._running is not None
        process, work_out, receiving, lifeline = self._running
        self._running = None
        if process.is_alive():
            process.kill()  # the thread's send or recv then ends too
        if exchanged is not None:
            await asyncio.wait([exchanged])  # before its pipes are closed under it
            if not exchanged.cancelled():
                exchanged.exception()  # taken: after a kill, its EOFError says nothing more
        await asyncio.to_thread(process.join)
        receiving.close()
        work_out.close()
        lifeline.close()


def _started(daemon: bool) -> tuple[BaseProcess, Connection, Connection, Lifeline]:
    # spawn, not fork: forking a process that runs an event loop and threads copies their locks.
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    work_in, work_out = context.Pipe(duplex=False)
    lifeline = Lifeline()
    process = context.Process(
        target=send_outcomes,
        args=(work_in, sending, lifeline.link(), logging.getLogger(BOT_LOGGER).getEffectiveLevel()),
        name="storybot-worker",
        daemon=daemon,
    )
    if os.name == "posix":  # multiprocessing's resource tracker, which a spawned process needs (not on Windows)
        # started before SIGINT is blocked: starting, it unblocks SIGINT in this thread (SIG_UNBLOCK, not the mask it
        # found), and a worker started then, the process's first, took Ctrl-C
        resource_tracker.ensure_running()

    def end() -> None:
        process.kill()
        process.join()

    try:  # it starts with SIGINT blocked, and keeps it so: Ctrl-C is the caller's to answer
        with held_interrupts(ending=end):  # a SIGTERM meanwhile ends it, then this process
            process.start()
    except KeyboardInterrupt:  # one noted while it started (bot.core.interrupts): it is not wanted
        end()
        lifeline.close()
        raise
    sending.close()
    work_in.close()
    return process, work_out, receiving, lifeline


def _children_use_one_blas_thread() -> None:
    """ONE_BLAS_THREAD in this process's environment, which a spawned worker starts with: numpy loads there before
    any of the worker's code runs (unpickling its target, importing the main script), too late to set it within.

    Set once, as this module is imported, before the process starts threads of its own: setenv is not thread-safe
    (getenv in another thread, such as the TZ that logging's time.localtime reads, may read the environment as it
    is reallocated), and at a worker's first start the ranking, database and Discord threads ran. This process's own
    BLAS started with numpy, which the modules above import, so only the processes it starts take it."""
    os.environ.update(ONE_BLAS_THREAD)


_children_use_one_blas_thread()


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
