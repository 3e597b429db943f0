"""Worker processes end with the process that started them when it is killed outright (SIGKILL, as the OOM killer
does): the command line's build, the bot's rebuild in its worker, an upload's reader. The real processes; each
moment is waited for in /proc, not slept for."""

from __future__ import annotations

import asyncio
import os
import select
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.test_main import command_environment
from tests.conftest import CORPUS
from tests.core.test_worker_pool import PARAGRAPH, _has_numpy, _read, _running, large_corpus
from tests.discord_app.bot_process import BotProcess, bot_on_fake_discord
from tests.discord_app.fake_discord import MANAGE_SERVER, PERSON
from tests.discord_app.test_shelves import add
from tests.operations.test_change_shelf import word_file

pytestmark = pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="waits for its moments in Linux's /proc")
__all__ = ["large_corpus"]

HANG = 60.0
"""Seconds after which a wait that should end in a moment is a failure, not a hang."""


def _children(pid: int) -> list[int]:
    """Every thread's children: a process is the child of the thread that started it."""
    found = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:  # ended meanwhile
        return []
    for task in tasks:
        found += [int(child) for child in _read(f"{task}/children").split()]
    return found


def _workers(pid: int) -> list[int]:
    """The process's workers, once each runs Python (multiprocessing's resource tracker is not one)."""
    return [child for child in _children(pid) if "spawn_main" in _read(f"/proc/{child}/cmdline")]


def _all_started(pid: int) -> bool:
    """Whether the process building the three books has its workers, one a core, each past starting (loading numpy
    as it imports what its tasks need)."""
    workers = _workers(pid)
    return len(workers) == min(os.cpu_count() or 1, 3) and all(map(_has_numpy, workers))


def _descendants(pid: int) -> list[int]:
    children = _children(pid)
    return children + [grandchild for child in children for grandchild in _descendants(child)]


def _still_running(processes: list[int]) -> list[int]:
    """Those of `processes` still running after a moment to end (a zombie has ended, whoever is to reap it)."""
    deadline = time.monotonic() + HANG
    while (running := [pid for pid in processes if _running(pid)]) and time.monotonic() < deadline:
        time.sleep(0.05)
    return running


def _killed(processes: list[int]) -> None:
    """What a failed test left running, ended."""
    for pid in filter(_running, processes):
        os.kill(pid, signal.SIGKILL)


def test_the_workers_of_a_build_end_when_the_command_is_killed(large_corpus, tmp_path):
    # `python -m bot index` killed outright left its workers: each finished its batch, then waited for the next on
    # the pool's queue for good, holding the memory of what it had read.
    def all_started(command: int) -> bool:
        return len(_workers(command)) >= min(os.cpu_count() or 1, 3)  # one a core, for the three books

    index_killed_leaves_nothing(large_corpus, tmp_path / "indexes", all_started, "the build's workers")


def index_killed_leaves_nothing(corpus: Path, indexes: Path, ready: Callable[[int], bool], what: str) -> None:
    """`python -m bot index` killed outright (SIGKILL, the OOM killer) once `ready` says so of it (`what` it waits
    for): every process it had started (its workers, their readers, multiprocessing's resource tracker) ends too."""
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "--corpus", str(corpus)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=command_environment({"STORYBOT_INDEX": str(indexes)}),
        start_new_session=True,  # a process group of its own, for what a failure leaves
    )
    left: list[int] = []
    try:
        deadline = time.monotonic() + HANG
        while not ready(process.pid):
            assert process.poll() is None and time.monotonic() < deadline, f"never saw {what}"
            time.sleep(0.005)
        left = _descendants(process.pid)
        process.kill()
        process.wait()
        assert _still_running(left) == []
    finally:
        _killed([process.pid, *left])


def _lines_said(output: int, count: int) -> list[tuple[int, int]]:
    """The first `count` lines of two numbers the file descriptor `output` is sent, each once it is whole (anything
    else a process of the parent's prints there, a library's notice, is passed over)."""
    deadline = time.monotonic() + HANG
    said = b""
    while len(pairs := _number_pairs(said)) < count:
        ready, _, _ = select.select([output], [], [], max(0.0, deadline - time.monotonic()))
        assert ready, f"the workers never said they were at work: {said!r}"
        read = os.read(output, 4096)
        assert read, f"the parent ended first: {said!r}"
        said += read
    return pairs[:count]


def _number_pairs(said: bytes) -> list[tuple[int, int]]:
    """The whole lines of `said` that are two numbers."""
    lines = [line.split() for line in said.split(b"\n")[:-1]]
    return [(int(line[0]), int(line[1])) for line in lines if len(line) == 2 and all(w.isdigit() for w in line)]


def test_workers_end_by_their_lifeline_when_their_parent_is_killed():
    # On macOS and Windows, which have no PR_SET_PDEATHSIG, a parent killed outright left its pool's workers waiting
    # on their task queue and a one-off worker on its work for good. Run here as there: the parent gives its workers
    # the lifeline alone (tests/core/orphaned_workers.py), and each says the kernel will send it no signal.
    parent = subprocess.Popen(
        [sys.executable, "-c", "from tests.core.orphaned_workers import main; main()"],
        stdout=subprocess.PIPE,
        env=command_environment({}),
        start_new_session=True,  # a process group of its own, for what a failure leaves
    )
    assert parent.stdout is not None
    workers: list[int] = []
    try:
        said = _lines_said(parent.stdout.fileno(), 3)  # the pool's two workers and the one-off, each at its work
        workers = [worker for worker, _ in said]
        assert [death_signal for _, death_signal in said] == [0, 0, 0], "the kernel would end them, not the lifeline"
        assert set(workers) == set(_workers(parent.pid))
        parent.kill()
        parent.wait()
        assert _still_running(workers) == []
    finally:
        _killed([parent.pid, *workers])
        parent.stdout.close()


def _data_limited(pid: int) -> bool:
    """Whether the process has capped its memory (bot.core.upload_memory): an upload's reader, about to read."""
    return any(
        line.startswith("Max data size") and line.split()[3] != "unlimited"
        for line in _read(f"/proc/{pid}/limits").splitlines()
    )


async def _all_end_with_the_bot(process: BotProcess, found: Callable[[], list[int]], what: str) -> None:
    """Once `found` finds the bot's worker (`what`), it is stopped by a signal (working on, for all the bot knows,
    as one stuck in a file would: on any machine, however fast) and the bot killed: what the bot had started ends."""
    deadline = time.monotonic() + HANG
    while not (worker := found()):
        assert time.monotonic() < deadline, f"never saw {what}"
        await asyncio.sleep(0.005)
    assert process.process is not None
    left = _descendants(process.process.pid)
    os.kill(worker[0], signal.SIGSTOP)
    process.process.kill()
    try:
        assert await asyncio.to_thread(_still_running, left) == []
    finally:
        _killed(left)
        await process.exited()  # its output ends with the last of them


async def test_a_rebuild_in_the_bots_worker_ends_with_its_workers_when_the_bot_is_killed(tmp_path):
    # The bot killed during a /reload left its worker building for nobody, with its own workers, for as long as the
    # build took (30 minutes at most): the bot a systemd unit restarted meanwhile rebuilt beside it.
    stories = tmp_path / "stories"
    shutil.copytree(CORPUS, stories)
    async with bot_on_fake_discord(tmp_path / "data", STORYBOT_CORPUS=str(stories)) as (fake, process):
        assert process.process is not None
        for number in range(3):  # 18 MB: built by workers (bot.core.build.IN_PROCESS_BYTES), the worker's own
            (stories / f"book-{number}.md").write_text(f"# Book {number}\n\n" + PARAGRAPH * 40_000, encoding="utf-8")
        await fake.slash("reload", author=PERSON, permissions=MANAGE_SERVER)
        bot = process.process.pid

        def building() -> list[int]:
            """The bot's worker once its own have started: it is building, and they past starting (one killed
            while its parent writes what it starts with prints spawn's EOFError, nothing to do with this test)."""
            return [child for child in _workers(bot) if _all_started(child)]

        await _all_end_with_the_bot(process, building, "the rebuild's workers")


async def test_an_uploads_reader_ends_when_the_bot_is_killed(tmp_path):
    # The bot killed while it read an upload left the reader reading, for nobody: up to STORYBOT_UPLOAD_SECONDS
    # (or for good, stuck in a file), with up to STORYBOT_UPLOAD_MB of memory.
    async with bot_on_fake_discord(tmp_path, STORYBOT_UPLOAD_SECONDS="600") as (fake, process):
        assert process.process is not None
        await add(fake, "echo.docx", word_file(300_000))  # 21.6 million characters: seconds
        bot = process.process.pid

        def reading() -> list[int]:
            return [child for child in _workers(bot) if _data_limited(child)]

        await _all_end_with_the_bot(process, reading, "the upload's reader")
