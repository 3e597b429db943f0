"""A worker process that ended without sending what it did, as data: how it ended. bot.messages says it."""

from __future__ import annotations

from bot.core.corpus import CorpusError


class WorkerEnded(CorpusError):
    """The worker process ended without sending what it did (killed: the OOM killer, a signal)."""

    def __init__(self, exit_code: int):
        super().__init__(f"exit {exit_code}")  # for the log: bot.messages.worker_ended_text says it to a reader
        self.exit_code = exit_code
        """Its exit code as multiprocessing gives it: the process's own status, or minus the signal that ended it."""

    def __reduce__(self) -> tuple[type[WorkerEnded], tuple[int]]:
        return WorkerEnded, (self.exit_code,)  # from a worker process, whole
