"""A folder's story files read within the time an upload's reading is given: a file past it is skipped, named with
the limit, and the rest of the folder loads (a real PDF of a few kilobytes whose page tree names one page 20,736
times: some 33 million characters, over a minute of pypdf)."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import os
import re
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import bot.core.build as build
from bot.core.analysis import Analyzer
from bot.core.corpus import read_story
from bot.core.skipped import Cause, Problem, Refusal, SkipReason, StoryRefused
from bot.core.timed_reading import _run, timed_reading
from bot.core.worker_pool import worker_pool
from bot.messages import problem_text
from bot.operations.build_index import build_index
from bot.operations.opening import open_library
from bot.settings import Settings
from tests.cli.test_main import command_environment
from tests.conftest import CORPUS, signal_lines
from tests.core.test_parent_death import HANG, index_killed_leaves_nothing
from tests.core.test_worker import READING_LIMIT, slow_to_start
from tests.core.test_worker_pool import PARAGRAPH, _children, _has_numpy, _read, _running, _workers, ctrl_c_when
from tests.said import said

pytest.importorskip("pypdf")

LIMIT = 8
"""Seconds a file may take to read here, its reader process's start included (a fresh process imports the bot's
modules first: seconds on a busy machine); the PDF below takes ten times that."""
LINE = "The keeper of the tower lit the lamp at dusk and watched the sea for ships"


def repeated_page_pdf(kids: int, depth: int, lines: int) -> bytes:
    """A PDF of one page of `lines` lines of text, whose page tree is `depth` nodes each naming the next `kids` times,
    the last naming the page: kids**depth pages in a few kilobytes."""
    shown = "".join(f"({LINE} {n}.) Tj 0 -14 Td " for n in range(lines))
    content = f"BT /F1 11 Tf 72 760 Td {shown}ET".encode()
    page, stream, font = depth + 2, depth + 3, depth + 4
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        child = page if level == depth - 1 else level + 3
        parent = f" /Parent {level + 1} 0 R" if level else ""
        kids_named = " ".join([f"{child} 0 R"] * kids)
        objects.append(f"<< /Type /Pages{parent} /Kids [{kids_named}] /Count {kids ** (depth - level)} >>".encode())
    resources = f"<< /Font << /F1 {font} 0 R >> >>"
    objects.append(
        f"<< /Type /Page /Parent {depth + 1} 0 R /MediaBox [0 0 612 792] /Resources {resources} "
        f"/Contents {stream} 0 R >>".encode()
    )
    objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(pdf)


def test_the_generated_pdf_repeats_its_one_page_through_its_page_tree(tmp_path: Path):
    (tmp_path / "towers.pdf").write_bytes(repeated_page_pdf(3, 2, 2))
    _, passages = read_story(tmp_path / "towers.pdf")
    assert sum(p.text.count(f"{LINE} 1.") for p in passages) == 9  # its 2 lines, on 3 x 3 pages


def test_a_file_that_reads_past_the_limit_is_skipped_named_and_the_rest_of_the_folder_loads(tmp_path: Path):
    folder = tmp_path / "stories"
    folder.mkdir()
    for story in CORPUS.glob("*.md"):
        (folder / story.name).write_bytes(story.read_bytes())
    slow = repeated_page_pdf(12, 4, 20)
    assert len(slow) < 5_000
    (folder / "a-tower.pdf").write_bytes(slow)  # read first: the worker it stopped is started again for the next
    (folder / "b-lighthouse.pdf").write_bytes(repeated_page_pdf(1, 1, 3))
    library = open_library(Settings(corpus=folder, data=tmp_path / "data", index=None, upload_seconds=LIMIT))
    paths = sorted(story.path for story in library.corpus.stories)
    assert paths == sorted(["b-lighthouse.pdf", *(story.name for story in CORPUS.glob("*.md"))])
    assert said(library.corpus.problems) == (
        f"Skipped a-tower.pdf: it took longer than {LIMIT} seconds to read, the most STORYBOT_UPLOAD_SECONDS allows. "
        "If the machine was busy, /reload reads it again (or raise that limit); if not, split it, or export it again.",
    )
    assert [problem.reason for problem in library.corpus.problems] == [SkipReason.TOO_SLOW]
    assert library.ask("Who lit the lamp at dusk?").hits[0].path == "b-lighthouse.pdf"


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for Python")
def test_a_reader_slow_to_start_is_not_charged_for_it_in_its_first_files_time(tmp_path: Path):
    """The limit is the reading's: the reader's start (0.2-0.5 s, seconds on a busy machine) counted against its
    first file, which could be skipped as too slow partly for it."""
    (tmp_path / "lighthouse.pdf").write_bytes(repeated_page_pdf(1, 1, 3))
    with slow_to_start(tmp_path), timed_reading(READING_LIMIT) as read:
        title, passages = read(tmp_path / "lighthouse.pdf")
    assert (title, passages) == read_story(tmp_path / "lighthouse.pdf")


def test_a_file_a_worker_refuses_keeps_its_reason_code(tmp_path: Path):
    (tmp_path / "blank.pdf").write_bytes(repeated_page_pdf(1, 1, 0))  # one page, no text
    with pytest.raises(StoryRefused) as direct:
        read_story(tmp_path / "blank.pdf")
    with timed_reading(60) as read, pytest.raises(StoryRefused) as in_worker:
        read(tmp_path / "blank.pdf")
    assert in_worker.value.refusal == direct.value.refusal
    assert in_worker.value.refusal.reason == SkipReason.NO_TEXT


@contextmanager
def the_next_reader_killed() -> Iterator[None]:
    """The first reader process this process starts within, killed with SIGKILL as it reads (as the OOM killer
    would); found in Linux's /proc."""
    others = set(_children(os.getpid()))

    def kill_the_reader() -> None:
        deadline = time.monotonic() + HANG
        while time.monotonic() < deadline:
            reading = [reader for reader in _workers(os.getpid()) if reader not in others and _has_numpy(reader)]
            if reading:
                os.kill(reading[0], signal.SIGKILL)
                return
            time.sleep(0.005)

    killer = threading.Thread(target=kill_the_reader)
    killer.start()
    try:
        yield
    finally:
        killer.join()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the reader in Linux's /proc")
def test_a_reader_killed_while_it_reads_skips_its_file_saying_how_in_the_bots_words(tmp_path: Path):
    """A reader that dies (the OOM killer, a signal) skips its file: the worker's own sentence on how it ended was the
    refusal's detail, said in the warning ("stopped its reader (The worker process ended without a word (exit -9).)")
    and kept so in the saved index, English the core made. The refusal keeps the exit code as data."""
    (tmp_path / "a-tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))  # a minute of pypdf: killed well before
    with timed_reading(HANG) as read, pytest.raises(StoryRefused) as stopped, the_next_reader_killed():
        read(tmp_path / "a-tower.pdf")
    assert stopped.value.refusal == Refusal(cause=Cause.READER_STOPPED, count=-signal.SIGKILL)
    assert problem_text(Problem(file="a-tower.pdf", why=stopped.value.refusal)) == (
        "Skipped a-tower.pdf: it stopped its reader (killed by SIGKILL). If the system ended it (short of memory), "
        "/reload reads it again."
    )


def _batch_and_readers(root: str, paths: list[str], seconds: float) -> tuple[list[str], list[SkipReason], list[int]]:
    """A build worker's task (bot.core.build), then the worker's reader processes: the stories read, the reason codes
    of the files skipped, and the readers' process ids."""
    batch = build._analyse_in_worker(root, paths, Analyzer(), seconds)
    return [title for title, *_ in batch.stories], [problem.reason for problem in batch.problems], _workers(os.getpid())


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the readers in Linux's /proc")
def test_a_build_worker_keeps_its_reader_from_batch_to_batch_replaces_one_too_slow_and_ends_it_with_itself(
    tmp_path: Path,
):
    """A reader was started for each batch, a second or more each time: a build worker keeps its own now, until one
    is ended past the limit."""
    (tmp_path / "lighthouse.pdf").write_bytes(repeated_page_pdf(1, 1, 3))
    (tmp_path / "tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))
    lighthouse, tower = str(tmp_path / "lighthouse.pdf"), str(tmp_path / "tower.pdf")
    with worker_pool(1) as pool:
        titles, skipped, (reader,) = pool.submit(_batch_and_readers, str(tmp_path), [lighthouse], LIMIT).result()
        assert (titles, skipped) == (["Lighthouse"], [])
        assert pool.submit(_batch_and_readers, str(tmp_path), [lighthouse], LIMIT).result() == (
            ["Lighthouse"],
            [],
            [reader],
        )
        assert pool.submit(_batch_and_readers, str(tmp_path), [tower], 1).result() == ([], [SkipReason.TOO_SLOW], [])
        titles, skipped, (replaced,) = pool.submit(_batch_and_readers, str(tmp_path), [lighthouse], LIMIT).result()
        assert (titles, skipped) == (["Lighthouse"], []) and replaced != reader
    assert not _running(replaced) and not _running(reader)


def _readers(command: int, on_every_core: bool) -> list[int]:
    """The command's reader processes, once each runs Python: its own (a build in one process), or its build workers'
    (a build on every core; one forked from its worker and not yet running its own program shows the worker's command
    line and memory, numpy's included)."""
    workers = _workers(command)
    if not on_every_core:
        return workers
    return [reader for worker in workers for reader in _workers(worker) if _running_its_program(reader)]


def _running_its_program(pid: int) -> bool:
    """Whether the process runs the program it was started for: PF_FORKNOEXEC (linux/sched.h) is set in its flags
    (/proc's stat) from its fork to its exec."""
    fields = _read(f"/proc/{pid}/stat").rpartition(")")[2].split()
    return len(fields) > 6 and not int(fields[6]) & 0x40


def _waiting(pid: int) -> bool:
    """Whether the process sleeps: a reader past its imports does only while it waits for its next file."""
    return _read(f"/proc/{pid}/stat").rpartition(")")[2].split()[:1] == ["S"]


READERS_AT: dict[str, Callable[[int], bool]] = {
    "reader starting": lambda reader: True,
    "reader reading": _has_numpy,
    "reader waiting": lambda reader: _has_numpy(reader) and _waiting(reader),
}


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="waits for its moment in Linux's /proc")
@pytest.mark.parametrize(
    ("build", "moment"),
    [
        ("in one process", "reader starting"),
        ("in one process", "reader reading"),
        ("in one process", "reader waiting"),
        ("on every core", "reader reading"),
    ],
)
def test_ctrl_c_while_files_are_read_in_their_readers_exits_130_says_nothing_and_leaves_no_reader_running(
    tmp_path: Path, build: str, moment: str
):
    """The command line printed 'Task exception was never retrieved' with an AssertionError's or a KeyboardInterrupt's
    traceback: the read was left running in its loop, and ran on once the reader was closed under it. The reader,
    which a terminal's Ctrl-C reached too, printed a KeyboardInterrupt's traceback (every time while it waited for its
    next file, the command reading a Markdown one); it never sees Ctrl-C now, and its command ends it. On every core,
    each of the build's workers keeps a reader from batch to batch: ended with its worker, as the build ends it."""
    folder = tmp_path / "stories"
    folder.mkdir()
    if moment == "reader waiting":  # read at once, then 12 MB of Markdown in the command itself
        (folder / "a-lighthouse.pdf").write_bytes(repeated_page_pdf(1, 1, 3))
    else:
        (folder / "a-tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))
    books = 3 if build == "on every core" else 2 if moment == "reader waiting" else 0
    for number in range(books):  # on every core 18 MB: two batches, a-tower.pdf to book-1.md, then the rest
        (folder / f"book-{number}.md").write_text(f"# Book {number}\n\n" + PARAGRAPH * 40_000, encoding="utf-8")
    if build == "on every core":  # a slow file in each batch
        (folder / "book-2-tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "stories", "--corpus", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_environment({"STORYBOT_INDEX": "off", "STORYBOT_DATA": str(tmp_path / "data")}),
        start_new_session=True,  # a process group of its own, as a terminal gives a command
    )

    def readers(pid: int) -> list[int] | None:
        return [reader for reader in _readers(pid, build == "on every core") if READERS_AT[moment](reader)] or None

    found, when_sent, stdout, stderr = ctrl_c_when(process, readers)
    assert (process.returncode, stderr, stdout) == (130, "", ""), f"signals when Ctrl-C was sent: {when_sent}"
    assert not [reader for reader in found if _running(reader)]


def test_a_read_whose_loop_never_ran_it_is_closed_not_said_never_awaited():
    """A Ctrl-C between two files came at times after a read's coroutines were made and before the runner took them,
    and the command printed "coroutine 'WorkerProcess.run' was never awaited" as it exited (once in a CI run of the
    test above). Any exception before the runner runs the coroutine leaves it so; a closed runner raises one."""
    runner = asyncio.Runner()
    runner.get_loop()  # begun, then closed: its run refuses any coroutine
    runner.close()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RuntimeError, match="closed"):
            _run(runner, asyncio.sleep, 0)
        gc.collect()
    assert [str(warning.message) for warning in caught if "never awaited" in str(warning.message)] == []


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="waits for its moment in Linux's /proc")
def test_the_readers_of_a_builds_workers_end_when_the_command_is_killed(tmp_path: Path):
    """Killed outright (SIGKILL, the OOM killer), the command leaves neither its build's workers nor the readers they
    keep from batch to batch, though a reader's file would take minutes more."""
    folder = tmp_path / "stories"
    folder.mkdir()
    for number in range(3):  # 18 MB: two batches, a-tower.pdf to book-1.md, then the rest, a slow file in each
        (folder / f"book-{number}.md").write_text(f"# Book {number}\n\n" + PARAGRAPH * 40_000, encoding="utf-8")
    for name in ("a-tower.pdf", "book-2-tower.pdf"):
        (folder / name).write_bytes(repeated_page_pdf(12, 4, 20))

    def reading(command: int) -> bool:
        return any(_has_numpy(reader) for reader in _readers(command, on_every_core=True))

    index_killed_leaves_nothing(folder, tmp_path / "indexes", reading, "a reader read")


def test_a_file_skipped_for_its_time_is_read_again_once_the_limit_is_raised(tmp_path: Path):
    """A skip for time is no verdict on the file (a busy machine, a lower limit): the saved index kept it as skipped,
    naming the old limit, until the file changed, whatever STORYBOT_UPLOAD_SECONDS said since."""
    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "tale.md").write_text("# Tale\n\nThe miller sang by the river.", encoding="utf-8")
    (folder / "a-tower.pdf").write_bytes(repeated_page_pdf(12, 3, 20))  # 2.5 s of pypdf alone (12, 2, 20: 0.2 s)
    settings = Settings(corpus=folder, data=tmp_path / "data", index=tmp_path / "indexes", upload_seconds=1)
    library = build_index(settings, progress=False)
    assert library.skipped and "took longer than 1 second to read," in problem_text(library.skipped[0])
    again = open_library(dataclasses.replace(settings, upload_seconds=600))
    assert sorted(story.path for story in again.corpus.stories) == ["a-tower.pdf", "tale.md"]
    assert again.corpus.problems == ()


def _handing_its_start(worker: int) -> int | None:
    """The reader `worker` has started and is still handing its start (multiprocessing writes the reader's start into a
    pipe whose read end, the reader's `pipe_handle`, the worker closes once it is written), once the reader runs its
    own program; None if none is."""
    for reader in _workers(worker):
        if not _running_its_program(reader):
            continue
        handle = re.search(r"pipe_handle=(\d+)", _read(f"/proc/{reader}/cmdline"))
        try:
            fd = handle and handle[1]
            if fd and os.readlink(f"/proc/{worker}/fd/{fd}") == os.readlink(f"/proc/{reader}/fd/{fd}"):
                return reader
        except OSError:  # the fd closed, or the process ended, meanwhile
            pass
    return None


def _stopped(pid: int) -> bool:
    return _read(f"/proc/{pid}/stat").rpartition(")")[2].split()[:1] == ["T"]


def _sigterm_pending(pid: int) -> bool:
    """Whether SIGTERM waits for the process (it is stopped): /proc's pending masks, bit n - 1 for signal n."""
    return any(
        line.startswith(("SigPnd", "ShdPnd")) and int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1
        for line in _read(f"/proc/{pid}/status").splitlines()
    )


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="holds its moment in Linux's /proc")
def test_ctrl_c_while_a_builds_worker_hands_its_reader_its_start_says_nothing_and_leaves_nothing_running(
    tmp_path: Path,
):
    """The command's Ctrl-C ends its build's workers (SIGTERM). One ended between starting its reader and handing it
    its start (the few ms multiprocessing takes to write it down a pipe) left the reader reading a closed pipe, and
    it printed an EOFError's traceback (rare by hand: the moment lasts a ms or two). It is made long and held here:
    the start is made bigger than a pipe holds (sys.path from a long PYTHONPATH), so the worker waits on the reader's
    own start to read it; the worker is stopped there, Ctrl-C is sent, and the worker is let go once its SIGTERM came
    (before, it died of it even stopped). Now it hands the reader its start, ends it, and then itself."""
    folder = tmp_path / "stories"
    folder.mkdir()
    for number in range(3):  # 18 MB: two batches, each with a PDF for its worker's reader
        (folder / f"book-{number}.md").write_text(f"# Book {number}\n\n" + PARAGRAPH * 40_000, encoding="utf-8")
        (folder / f"book-{number}-lighthouse.pdf").write_bytes(repeated_page_pdf(1, 1, 3))
    environment = command_environment({"STORYBOT_INDEX": str(tmp_path / "indexes")})
    entry = f"{tmp_path}/no-such-folder-" + "x" * 40  # 96 KB of sys.path: over a pipe's 64, under an argument's 128
    missing = [f"{entry}-{number}" for number in range(96_000 // len(entry))]
    environment["PYTHONPATH"] = os.pathsep.join([environment["PYTHONPATH"], *missing])
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "--corpus", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
        start_new_session=True,  # a process group of its own, as a terminal gives a command
    )
    stopped = None
    try:
        deadline = time.monotonic() + 60
        while not (handing := [(w, r) for w in _workers(process.pid) if (r := _handing_its_start(w)) is not None]):
            assert process.poll() is None and time.monotonic() < deadline, "never saw a worker start its reader"
            time.sleep(0.005)
        (worker, reader), *_ = handing
        os.kill(worker, signal.SIGSTOP)
        stopped = worker
        while not _stopped(worker):
            time.sleep(0.001)
        assert _handing_its_start(worker) == reader, "the worker handed its reader its start before it stopped"
        os.killpg(process.pid, signal.SIGINT)
        while _running(worker) and not _sigterm_pending(worker):  # the command ends it
            assert time.monotonic() < deadline, f"the worker was never ended: {signal_lines(worker)}"
            time.sleep(0.005)
        os.kill(worker, signal.SIGCONT)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        if stopped is not None and _running(stopped):
            os.kill(stopped, signal.SIGCONT)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert (process.returncode, stderr, stdout) == (130, "", "")
    assert not _running(worker) and not _running(reader)
