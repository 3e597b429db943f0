"""A parent whose workers are ended by their lifeline alone, as on macOS and Windows (bot.core.parent_death), for
tests/core/test_parent_death.py to kill: `python -c 'from tests.core.orphaned_workers import main; main()'`.

It starts a pool of two workers (bot.core.worker_pool) and a one-off worker (bot.core.worker_process), each of which
prints its pid and the parent-death signal the kernel would send it (0: none asked for), then waits for good."""

from __future__ import annotations

import asyncio
import ctypes
import os
import threading

from bot.core import parent_death

PR_GET_PDEATHSIG = 2
"""prctl's option (linux/prctl.h): the signal this process gets when its parent ends, 0 for none."""


def _death_signal() -> int:
    signal_number = ctypes.c_int(-1)
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_GET_PDEATHSIG, ctypes.byref(signal_number), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_GET_PDEATHSIG) failed")
    return signal_number.value


def said_and_held() -> None:
    """A worker's work: says which worker it is, then holds it for good (waiting, the GIL let go)."""
    os.write(1, f"{os.getpid()} {_death_signal()}\n".encode())  # one write, whole: three processes share the pipe
    threading.Event().wait()


async def _one_off() -> None:
    from bot.core.worker_process import WorkerProcess

    await WorkerProcess().run(said_and_held)


def main() -> None:
    parent_death.KERNEL_ENDS_WORKERS = False  # before any worker starts: each is handed its lifeline alone
    from bot.core.worker_pool import worker_pool

    with worker_pool(2) as pool:
        for _ in range(2):  # each holds its worker: the second starts another
            pool.submit(said_and_held)
        asyncio.run(_one_off())
