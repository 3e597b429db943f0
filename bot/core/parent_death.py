"""Worker processes that end with the process that started them, however it ends.

A parent that exits cleanly ends its workers (bot.core.worker, bot.core.worker_pool), but one killed outright
(SIGKILL, the OOM killer) cannot: its workers went on building or reading for nobody, holding cores and memory, and a
pool's idle workers waited on their task queue for good. Linux kills them instead (prctl's PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
"""prctl's option (linux/prctl.h): the signal this process gets when its parent ends."""


def end_with_parent(parent: int) -> None:
    """Called first in a worker started by the process `parent` (its pid, passed from there): SIGKILL once it ends.

    The kernel sends it when the parent's *thread* that started this process ends, not the whole process: workers
    are started from a thread that outlives them (the command line's, the bot's event loop's or a worker's main
    thread, a pool's submit in its `with`), never from one that may end first. Spawn, not forkserver: a forkserver's
    children have the server as their parent, and would end at once below. The parent may have died before the
    signal was asked for (a worker imports for a second or more first): then this one was handed to another and ends
    now. Nothing outside Linux (the bot runs on Linux; macOS and Windows have no such signal)."""
    if sys.platform != "linux":
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
