"""A worker process: work done away from the caller's interpreter, in a process that can be stopped.

Reading and analysing stories is CPU work that holds Python's GIL for long stretches (numpy sorts, regular
expressions over whole files): in a thread it would stall the Discord heartbeat. A process, unlike a thread, can also
be stopped: an upload that takes too long to read is ended there.

A module of its own, importing nothing of the library: a process imports the module of its work's functions as it
unpickles them, and an upload's or a shelf's reader, whose functions lived beside the library's builds
(bot.core.worker), imported the library, the index and every question rule before reading a file (0.7 s of CPU a
reader).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
from collections.abc import Callable
from multiprocessing import resource_tracker
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import ParamSpec, TypeVar, cast

from bot.core.interrupts import held_interrupts
from bot.core.parent_death import Lifeline
from bot.core.worker_ended import WorkerEnded
from bot.core.worker_loop import BOT_LOGGER, LOGGED, send_outcomes

P = ParamSpec("P")
R = TypeVar("R")

ONE_BLAS_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
"""What a worker starts with: numpy's BLAS (OpenBLAS; OpenMP or MKL in other builds) starts a thread per core as
numpy loads, each with its stack and buffer (41 MB of RLIMIT_DATA a thread with OpenBLAS 0.3.31), and a worker
multiplies no matrices. On 64 cores that was 2.6 GB, and an upload's reader refused every file at 256 MB
(bot.core.upload_memory)."""


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
