"""What a worker process runs (bot.core.worker_process): each work from its pipe, and its outcome back.

A module of its own, importing nothing but the standard library and bot.core.parent_death: the process imports it
first, to find its target, and a reader's work (bot.core.timed_reading) needs only the readers. Found in
bot.core.worker, the target had the process import the library, the index and the saved index first: 0.49 s of a
busy machine's time against 0.35 s for what a reader needs, at each start of a reader.

What the work logs goes back too, as log records the caller hands to its own loggers: its handlers (the bot's log
file, the command line's stderr) and their filters (bot.messages words the codes the core logs) show it as they show
their own. In the process, with no handler of its own, a warning went to Python's last resort, stderr: never to the
bot's log file, and its codes unworded ("not_as_saved s1-....npy").
"""

from __future__ import annotations

import logging
import pickle
import threading
from multiprocessing.connection import Connection

from bot.core.parent_death import ParentLink, end_with_parent

BOT_LOGGER = "bot"
"""The bot's modules' loggers' parent: what they log is sent back; what other libraries log is theirs (pypdf's warnings
are the PDF reader's to read)."""
LOGGED = "logged"
"""The first item of what the process sends for a log record, beside an outcome's True or False."""


class _SentBack(logging.Handler):
    """Sends each record down the outcomes' pipe, as it stands where it is made: its arguments kept for the caller's
    filters, or, where they cannot travel, its message made here."""

    def __init__(self, connection: Connection, sending: threading.Lock):
        super().__init__()
        self._connection = connection
        self._sending = sending

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if record.exc_info:
                record.exc_text = logging.Formatter().formatException(record.exc_info)
                record.exc_info = None
            try:
                pickle.dumps(record.args)
            except Exception:
                record.msg, record.args = record.getMessage(), None
            with self._sending:
                self._connection.send((LOGGED, record))
        except Exception:
            self.handleError(record)


def send_outcomes(work_in: Connection, connection: Connection, parent: ParentLink, level: int) -> None:
    """The worker process: each work from `work_in`, then (True, the result) or (False, the exception) back, until
    the pipe closes, and what the bot's modules log at `level` (the caller's) or above as (LOGGED, the record); ended
    with its `parent` (bot.core.parent_death; started by the caller's event loop, whose thread outlives it)."""
    end_with_parent(parent)
    sending = threading.Lock()
    logger = logging.getLogger(BOT_LOGGER)
    logger.addHandler(_SentBack(connection, sending))
    logger.setLevel(level)
    logger.propagate = False
    while True:
        try:
            work, args, kwargs = work_in.recv()
        except EOFError:
            break
        try:
            outcome: tuple[bool, object] = (True, work(*args, **kwargs))
        except Exception as error:
            outcome = (False, error)
        with sending:
            connection.send(outcome)
        del outcome
    work_in.close()
    connection.close()
