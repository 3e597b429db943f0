"""Worker processes that never see Ctrl-C: the process that started them answers it, and ends them.

A terminal's Ctrl-C is sent to every process of the command, the workers too. A worker still starting (importing
numpy, unpickling its first task: the first seconds of a build) printed a KeyboardInterrupt traceback each, and
one in a task its own. So Ctrl-C is held while the workers are started (bot.core.interrupts): they inherit
SIGINT blocked and never receive it. The parent's Ctrl-C (or any error) ends the workers at once, rather than
waiting on the batches they hold.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.process
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from multiprocessing.connection import wait
from typing import ParamSpec, TypeVar

from bot.core.interrupts import held_interrupts
from bot.core.parent_death import Lifeline, ParentLink, end_with_parent

ENDED_WAIT_SECONDS = 2.0
"""How long a broken pool's first ended worker is waited for, to be told apart from those the pool then ended."""

P = ParamSpec("P")
R = TypeVar("R")


class _QuietPool(ProcessPoolExecutor):
    def __init__(self, workers: int, parent: ParentLink):
        context = multiprocessing.get_context("spawn")
        super().__init__(max_workers=workers, mp_context=context, initializer=end_with_parent, initargs=(parent,))
        self._workers = workers
        self._started: dict[int, multiprocessing.process.BaseProcess] = {}
        """Every worker it started, kept past a break (the pool forgets its own)."""

    def submit(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        # Every worker is started at the first submit; a SIGTERM meanwhile ends them, then this process. With spawn
        # the pool itself starts one a submit, and a submit racing a worker's death (the out-of-memory killer) started
        # one while the pool's thread was ending the broken pool: CPython 3.11's "dictionary changed size during
        # iteration" traceback from that thread, and the new worker's own, as its pool's queues were already gone.
        with held_interrupts(ending=self._end_workers):
            if not self._processes:
                for _ in range(self._workers):
                    self._adjust_process_count()  # no worker is idle yet: each call starts one
            future = super().submit(fn, *args, **kwargs)
        self._started.update(self._processes)
        return future

    def ended_code(self) -> int:
        """Once the pool broke (BrokenProcessPool): the exit code of the worker that ended first, as multiprocessing
        gives it (minus the signal), told from the others, which the pool then terminated (SIGTERM). The pool can
        break before that worker's end can be collected (its pipes close as it exits): waited for, a little."""
        processes = list(self._started.values())
        wait([process.sentinel for process in processes], timeout=ENDED_WAIT_SECONDS)
        deadline = time.monotonic() + ENDED_WAIT_SECONDS
        while True:
            codes = [process.exitcode for process in processes]
            first = next((code for code in codes if code and code != -signal.SIGTERM), None)
            if first is not None:
                return first
            if None not in codes or time.monotonic() >= deadline:
                return -signal.SIGTERM
            time.sleep(0.01)

    def _end_workers(self) -> None:
        for process in list(self._processes.values()):
            process.kill()


@contextmanager
def worker_pool(workers: int) -> Iterator[_QuietPool]:
    # spawn, not fork: the caller may be a bot with an event loop and threads whose locks fork would copy. Its workers
    # are started in submit, by the thread in this `with` (no max_tasks_per_child: the pool's own thread starts none),
    # each handed the pool's lifeline, closed once they have ended.
    lifeline = Lifeline()
    try:
        pool = _QuietPool(workers, lifeline.link())
        try:
            yield pool
        except BaseException:
            # Ctrl-C, an error, or the results no longer wanted: what the workers hold is not waited for.
            for process in list(pool._processes.values()):
                process.terminate()
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
    finally:
        lifeline.close()
