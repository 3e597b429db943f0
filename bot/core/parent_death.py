"""Worker processes that end with the process that started them, however it ends.

A parent that exits cleanly ends its workers (bot.core.worker_process, bot.core.worker_pool), but one killed outright
(SIGKILL, the OOM killer, Task Manager's End task) cannot: its workers went on building or reading for nobody, holding
cores and memory, and a pool's idle workers waited on their task queue for good. Linux kills them instead (prctl's
PR_SET_PDEATHSIG). Elsewhere (macOS, Windows, which have no such signal) each worker holds a lifeline: the reading end
of a pipe whose writing end only the parent holds and never writes to. However the parent ends, the system closes its
end, and the worker's read of the pipe, in a thread of its own, returns: the worker ends there.
"""

from __future__ import annotations

import contextlib
import ctypes
import dataclasses
import os
import signal
import sys
import threading
from multiprocessing.connection import Connection, Pipe

PR_SET_PDEATHSIG = 1
"""prctl's option (linux/prctl.h): the signal this process gets when its parent ends."""

KERNEL_ENDS_WORKERS = sys.platform == "linux"
"""Whether the workers this process starts are ended by the kernel's signal rather than by their lifeline.

The kernel's way is the better where there is one: its SIGKILL needs nothing of the worker, while the lifeline's thread
must take the GIL to end the process, which a worker in one long call that holds it (a regular expression over a whole
book) lets go only once the call returns. A process set to False before it starts workers gives them the lifeline
alone, as on macOS and Windows (tests/core/test_parent_death.py does, to run that way on Linux)."""

ORPHANED = 1
"""The exit code of a worker ended by its lifeline (nobody is left to read it)."""


@dataclasses.dataclass(frozen=True)
class ParentLink:
    """What a worker is started with (pickled with its arguments, the pipe's end handed over as spawn hands pipes), for
    end_with_parent: the parent's pid, the lifeline's reading end, and which of the two ways ends the worker."""

    pid: int
    lifeline: Connection
    kernel: bool


class Lifeline:
    """The parent's side of its workers' lifeline: a pipe, one for every worker it is handed to (a pool's workers share
    one). Kept, never written to, for as long as they run; closed once they have ended (closed before, it ends them).

    Only this process holds the writing end: spawn hands a new process only what its arguments name (here, the reading
    end), and the pipe's ends are not inheritable, so nothing else this process starts holds them."""

    def __init__(self) -> None:
        self._reading, self._writing = Pipe(duplex=False)

    def link(self) -> ParentLink:
        """What to start a worker with, for it to call end_with_parent with first."""
        return ParentLink(pid=os.getpid(), lifeline=self._reading, kernel=KERNEL_ENDS_WORKERS)

    def close(self) -> None:
        """Once every worker it was handed to has ended."""
        self._reading.close()
        self._writing.close()


def end_with_parent(parent: ParentLink) -> None:
    """Called first in a worker started with `parent` (Lifeline.link, in the parent): ended once the parent ends, by
    the kernel (Linux) or by the lifeline (elsewhere)."""
    if parent.kernel:
        parent.lifeline.close()
        _end_by_signal(parent.pid)
    else:
        threading.Thread(target=_end_at_eof, args=(parent.lifeline,), name="storybot-lifeline", daemon=True).start()


def _end_at_eof(lifeline: Connection) -> None:
    """The lifeline's thread: its read waits, without the GIL, for as long as the parent runs, and returns (EOFError)
    once the system has closed the parent's end. A parent that died before the worker got here closed it already: the
    read returns at once. Nothing is ever written to the pipe, so however the read returns, the parent is gone."""
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv_bytes()
    os._exit(ORPHANED)  # from this thread, at once: no clean-up, for nobody to wait on


def _end_by_signal(parent: int) -> None:
    """SIGKILL once the parent `parent` (its pid) ends (Linux's prctl).

    The kernel sends it when the parent's *thread* that started this process ends, not the whole process: workers
    are started from a thread that outlives them (the command line's, the bot's event loop's or a worker's main
    thread, a pool's submit in its `with`), never from one that may end first. Spawn, not forkserver: a forkserver's
    children have the server as their parent, and would end at once below. The parent may have died before the
    signal was asked for (a worker imports for a second or more first): then this one was handed to another and ends
    now."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
    if os.getppid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
