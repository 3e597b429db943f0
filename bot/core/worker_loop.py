"""What a worker process runs (bot.core.worker): each work from its pipe, and its outcome back.

A module of its own, importing nothing but the standard library and bot.core.parent_death: the process imports it
first, to find its target, and a reader's work (bot.core.timed_reading) needs only the readers. Found in
bot.core.worker, the target had the process import the library, the index and the saved index first: 0.49 s of a
busy machine's time against 0.35 s for what a reader needs, at each start of a reader.
"""

from __future__ import annotations

from multiprocessing.connection import Connection

from bot.core.parent_death import end_with_parent


def send_outcomes(work_in: Connection, connection: Connection, parent: int) -> None:
    """The worker process: each work from `work_in`, then (True, the result) or (False, the exception) back, until
    the pipe closes; ended with its `parent` (started by the caller's event loop, whose thread outlives it)."""
    end_with_parent(parent)
    while True:
        try:
            work, args, kwargs = work_in.recv()
        except EOFError:
            break
        try:
            outcome: tuple[bool, object] = (True, work(*args, **kwargs))
        except Exception as error:
            outcome = (False, error)
        connection.send(outcome)
        del outcome
    work_in.close()
    connection.close()
