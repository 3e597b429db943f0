"""Ctrl-C early in `python -m bot index` on several cores: exit 130 and nothing said, from any of its processes.

A terminal sends Ctrl-C's SIGINT to the command's whole process group, so the test does: the workers still
starting printed a KeyboardInterrupt traceback each (importing numpy, unpickling their first task). Each moment
is waited for in /proc, not slept for."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core.worker_pool import worker_pool
from tests.cli.test_main import command_environment
from tests.conftest import signal_lines

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="waits for its moments in Linux's /proc")

PARAGRAPH = (
    "The miller's daughter carried the sacks of flour down to the river, where the boatmen waited for the "
    "morning tide and sang of the islands beyond the fog.\n\n"
)


@pytest.fixture(scope="module")
def large_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """18 MB in three books: over the 16 MB built in one process (bot.core.build.IN_PROCESS_BYTES), in three
    batches, so the build starts a worker on each core."""
    folder = tmp_path_factory.mktemp("corpus")
    for number in range(3):
        (folder / f"book-{number}.md").write_text(f"# Book {number}\n\n" + PARAGRAPH * 40_000, encoding="utf-8")
    return folder


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _read(path: str) -> str:
    try:
        return Path(path).read_text(errors="replace")
    except OSError:  # the process ended meanwhile
        return ""


def _workers(pid: int) -> list[int]:
    """The build's worker processes, once each runs Python (multiprocessing's resource tracker is not one)."""
    return [child for child in _children(pid) if "spawn_main" in _read(f"/proc/{child}/cmdline")]


def _has_numpy(pid: int) -> bool:
    return "_multiarray_umath" in _read(f"/proc/{pid}/maps")


def _running(pid: int) -> bool:
    status = _read(f"/proc/{pid}/status")
    return bool(status) and "State:\tZ" not in status


MOMENTS: dict[str, Callable[[int], list[int] | None]] = {
    # the command line still loading its modules (numpy is among the first), no worker yet
    "loading": lambda pid: [] if _has_numpy(pid) and not _children(pid) else None,
    # a worker's Python just started, importing
    "workers starting": lambda pid: _workers(pid) or None,
    # a worker loading what its first task needs
    "workers loading their task": lambda pid: (lambda workers: workers if any(map(_has_numpy, workers)) else None)(
        _workers(pid)
    ),
}


def ctrl_c_when(
    process: subprocess.Popen[str], moment: Callable[[int], list[int] | None]
) -> tuple[list[int], str, str, str]:
    """A terminal's Ctrl-C to the command's process group once `moment` finds what it waits for (in /proc): what it
    found, the command's signal state when it was sent, and the command's output."""
    try:
        deadline = time.monotonic() + 60
        while (found := moment(process.pid)) is None:
            assert process.poll() is None and time.monotonic() < deadline, "never saw the moment"
            time.sleep(0.005)
        when_sent = signal_lines(process.pid)
        os.killpg(process.pid, signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    return found, when_sent, stdout, stderr


@pytest.mark.parametrize("moment", MOMENTS)
def test_ctrl_c_early_in_a_build_on_several_cores_exits_130_without_a_traceback(large_corpus, tmp_path, moment):
    index = tmp_path / "indexes"
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "--corpus", str(large_corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_environment({"STORYBOT_INDEX": str(index)}),
        start_new_session=True,  # a process group of its own, as a terminal gives a command
    )
    workers, when_sent, stdout, stderr = ctrl_c_when(process, MOMENTS[moment])
    assert (process.returncode, stderr, stdout) == (130, "", ""), f"signals when Ctrl-C was sent: {when_sent}"
    assert not [worker for worker in workers if _running(worker)]  # ended with the build, not left to finish
    assert not list(index.rglob(".build-*"))


def test_every_worker_starts_at_the_first_submit_so_none_starts_while_a_broken_pool_ends():
    """The pool started one worker a submit: a later submit, racing a worker's death, started one as the broken pool
    was ended (a traceback from the pool's thread, and one from the new worker)."""
    with worker_pool(3) as pool:
        assert pool.submit(os.getpid).result(timeout=120) != os.getpid()
        started = {child.pid for child in multiprocessing.active_children()}
        assert len(started) == 3
        assert {pool.submit(os.getpid).result(timeout=120) for _ in range(30)} <= started
        assert {child.pid for child in multiprocessing.active_children()} == started
