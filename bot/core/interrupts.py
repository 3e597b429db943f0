"""Ctrl-C held over work that must not be broken off half-way (starting a process), and raised after it."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def held_interrupts() -> Iterator[None]:
    """SIGINT blocked in this thread, and so in the processes and threads it starts, which keep it blocked (as
    multiprocessing starts its resource tracker: they never see Ctrl-C). In the main thread a Ctrl-C meanwhile is
    only noted: another thread may take the signal, and Python would raise it in the main thread wherever it
    stood (a worker's start broken off: the worker printed an EOFError). It is raised once the block ends.
    Nothing where signals cannot be blocked (Windows)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    noted: list[int] = []
    noting = (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler  # not when started with Ctrl-C ignored
    )
    if noting:
        signal.signal(signal.SIGINT, lambda signum, frame: noted.append(signum))
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)  # one that was blocked arrives now
        if noting:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    if noted:
        raise KeyboardInterrupt
