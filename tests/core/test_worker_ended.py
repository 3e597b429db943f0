"""A worker that ended without an answer, as the process that started it is told: the error crosses back from the
worker's side whole, its exit code a number (a signal's negative), not the words the log shows."""

import pickle

from bot.core.corpus import CorpusError
from bot.core.worker_ended import WorkerEnded


def test_it_crosses_a_process_boundary_with_its_exit_code():
    for code in (1, -9):
        again = pickle.loads(pickle.dumps(WorkerEnded(code)))
        assert isinstance(again, WorkerEnded) and isinstance(again, CorpusError)
        assert again.exit_code == code and str(again) == f"exit {code}"
