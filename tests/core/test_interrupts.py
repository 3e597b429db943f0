"""Ctrl-C and SIGTERM held over a process's start, and acted on after it, in a real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

HELD_SIGTERM = """
import os, signal
from bot.core.interrupts import held_interrupts

def ending():
    print("ending", flush=True)
    raise {raised}

with held_interrupts(ending=ending):
    os.kill(os.getpid(), signal.SIGTERM)
    print("held", flush=True)
print("went on", flush=True)
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="signals are not held on Windows")
@pytest.mark.parametrize("raised", ["SystemExit(0)", "AttributeError('no process was started')"])
def test_a_sigterm_held_over_a_start_ends_the_process_after_it_even_if_ending_what_was_started_fails(raised):
    # The `ending` of a start that failed (multiprocessing's kill of a process it never started raises) took the
    # SIGTERM's place: the process went on running, or ended with ending's exception, and the service manager's stop
    # waited for its SIGKILL.
    ran = subprocess.run(
        [sys.executable, "-c", HELD_SIGTERM.format(raised=raised)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        timeout=60,
    )
    assert (ran.returncode, ran.stdout) == (-signal.SIGTERM, "held\nending\n")
