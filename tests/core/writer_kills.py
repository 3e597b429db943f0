"""A writer process caught in the middle of writing an index, on any machine however fast or busy: stopped
(SIGSTOP) when its folder holds files no manifest names, and looked at again while it cannot move, rather
than killed after a sleep that may land before, between or after its writes."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import time
from pathlib import Path

from bot.core import segment_store
from bot.core.segment_store import MANIFEST, SegmentStore, files_of

HANG = 120.0
"""Seconds after which a wait that should end in a moment is a failure, not a hang."""


def unnamed_files(folder: Path) -> list[str]:
    """Files of the index no manifest names: what a writer in the middle of a commit or a merge has there."""
    opened = SegmentStore(folder).open()
    named = {MANIFEST, segment_store.WRITE_LOCK} | {name for s in opened.segments for name in files_of(s)}
    return [path.name for path in folder.iterdir() if path.name not in named]


def stopped_mid_write(folder: Path, writer: subprocess.Popen[bytes]) -> bool:
    """Stops the writer at a moment it is writing (files no manifest names in `folder`) and says True; False
    when it ended first. It stays stopped: the caller kills it."""
    while writer.poll() is None:
        stopped = False
        with contextlib.suppress(OSError, ValueError):  # a file removed while the manifest was read
            if unnamed_files(folder):
                writer.send_signal(signal.SIGSTOP)
                stopped = True
                _wait_stopped(writer.pid)
                if unnamed_files(folder):  # still so, now that nothing moves
                    return True
        if stopped:  # let go however the second look ended, or the loop would wait for a stopped writer for ever
            writer.send_signal(signal.SIGCONT)
        time.sleep(0.001)  # a turn of the cores for the writer
    return False


def _wait_stopped(pid: int) -> None:
    """Until the process is stopped: a signal is delivered when the process next runs, not when sent."""
    deadline = time.monotonic() + HANG
    stat = Path(f"/proc/{pid}/stat")
    while stat.read_text().rsplit(")", 1)[1].split()[0] not in ("T", "t", "Z"):
        assert time.monotonic() < deadline, f"process {pid} never stopped"
        time.sleep(0.001)
