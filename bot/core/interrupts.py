"""Ctrl-C and SIGTERM held over work that must not be broken off half-way (starting a process), acted on after it."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def held_interrupts(ending: Callable[[], object] | None = None) -> Iterator[None]:
    """SIGINT blocked in this thread, and so in the processes and threads it starts, which keep it blocked (as
    multiprocessing starts its resource tracker: they never see Ctrl-C). In the main thread a Ctrl-C meanwhile is
    only noted: another thread may take the signal, and Python would raise it in the main thread wherever it
    stood (a worker's start broken off: the worker printed an EOFError). It is raised once the block ends.

    SIGTERM, where it would end this process (its default action), is noted too and ends the process once the start
    is done: a process that started another was ended by it between starting the child and handing it its work (the
    command's Ctrl-C ends a build's workers with SIGTERM, one of them starting its reader), and the child, reading
    its start from a closed pipe, printed an EOFError's traceback. `ending` is called first (ends what was started,
    which would otherwise run on until it noticed). SIGTERM is not blocked: the child keeps it.
    Nothing where signals cannot be blocked (Windows)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    noted: list[int] = []
    main_thread = threading.current_thread() is threading.main_thread()
    noting = main_thread and signal.getsignal(signal.SIGINT) is signal.default_int_handler  # not started ignoring it
    terminating = main_thread and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
    if noting:
        signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    if terminating:
        signal.signal(signal.SIGTERM, lambda signum, frame: noted.append(signum))
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # one that was blocked arrives now
        if noting:
            signal.signal(signal.SIGINT, signal.default_int_handler)
        if terminating:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            if signal.SIGTERM in noted:
                try:
                    if ending is not None:
                        ending()
                finally:  # even where ending failed (a start that failed left nothing to end): SIGTERM is not lost
                    signal.raise_signal(signal.SIGTERM)  # ends the process now, as it would have then
    if noted:
        raise KeyboardInterrupt
