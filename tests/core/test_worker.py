"""A rebuild in a worker process leaves the caller's event loop free."""

import asyncio
import contextlib
import logging
import multiprocessing
import os
import random
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from multiprocessing import spawn
from pathlib import Path

import pytest

from bot.core.corpus import CorpusError, NoStories
from bot.core.index import BM25Params
from bot.core.index_notes import IndexEvent, IndexFault, IndexNote
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.segment_store import MANIFEST
from bot.core.skipped import Cause, Problem, Refusal
from bot.core.upload_reading import story_file_in_worker
from bot.core.worker import load_in_worker, merge_if_needed, merge_in_worker
from bot.core.worker_ended import WorkerEnded
from bot.core.worker_process import ONE_BLAS_THREAD, WorkerProcess
from bot.messages import NotesWorded
from tests.best_hit import best_hit
from tests.core.story_folder import library_facts, write_folder
from tests.hang import HANG_SECONDS
from tests.operations.test_change_shelf import word_file

SLOW_START = 5
"""Seconds a worker process's start is made to wait (slow_to_start) before Python starts: READING_LIMIT, so that a
start charged to the reading's limit always passes it, and its own bound (twice the limit) leaves Python 5 s to start
and import the work's module (under a second here, two or three on a machine busy with the whole suite)."""
READING_LIMIT = 5
"""Seconds a short file may take to read where its reader is slow to start: reading it takes a fraction of one."""


@contextlib.contextmanager
def slow_to_start(folder: Path) -> Iterator[None]:
    """Worker processes started meanwhile (multiprocessing's spawn) start SLOW_START seconds late: their program is
    a script that waits, then runs Python, as a busy machine's slow start would."""
    script = folder / "slow-python"
    script.write_text(f'#!/bin/sh\nsleep {SLOW_START}\nexec "{sys.executable}" "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    before = spawn.get_executable()
    multiprocessing.set_executable(str(script))
    try:
        yield
    finally:
        multiprocessing.set_executable(before)


WORDS = (
    "river",
    "mill",
    "lantern",
    "keeper",
    "storm",
    "harbour",
    "violin",
    "dancer",
    "winter",
    "forest",
    "wolf",
    "crown",
    "letter",
    "garden",
    "bridge",
    "candle",
    "orchard",
    "tower",
    "meadow",
    "sailor",
    "mirror",
    "whisper",
    "journey",
    "silver",
    "shadow",
)


def worker_processes(parent: int) -> list[int]:
    """The worker processes (multiprocessing's spawned children) of the process `parent`, by their ids."""
    found = []
    for task in Path(f"/proc/{parent}/task").iterdir():
        try:
            children = (task / "children").read_text().split()
        except FileNotFoundError:  # the thread ended meanwhile
            continue
        for child in children:
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes()
            except FileNotFoundError:  # ended meanwhile
                continue
            if b"multiprocessing.spawn" in command:
                found.append(int(child))
    return found


@pytest.fixture(scope="module")
def big_library(tmp_path_factory):
    """One 10 MB story of 25,000 paragraphs: more passages than an index is saved for (MIN_SAVED_PASSAGES), a
    rebuild of seconds (the test that needs it to last stops the worker, so the build takes as long as it says)."""
    folder = tmp_path_factory.mktemp("big")
    rng = random.Random(3)
    paragraphs = (" ".join(rng.choices(WORDS, k=60)).capitalize() + "." for _ in range(25_000))
    (folder / "big.txt").write_text("\n\n".join(paragraphs))
    (folder / "unique.txt").write_text("Only here: the zeppelin landed.\n\nThe end.")
    return folder


async def test_the_event_loop_keeps_running_while_a_big_library_is_built(big_library):
    """The build runs in another process: the loop turns all the while, however long it takes. Here the worker is
    stopped (SIGSTOP) once it exists, so the build takes as long as the test says, on any machine: the loop must
    keep turning and the load stay under way meanwhile (a caller that sent the work or waited for the library
    on the loop would hold it until the worker went on). How long the loop is held while the library comes back
    is measured side by side with a build in a thread by bench/bench_loop_stalls.py."""
    loading = asyncio.create_task(load_in_worker(big_library, BM25Params(), None))
    async with asyncio.timeout(HANG_SECONDS):
        while not (workers := multiprocessing.active_children()):
            await asyncio.sleep(0.01)
    (worker,) = workers
    pid = worker.pid
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    held = threading.Event()

    def go_on() -> None:  # only if the loop was held until now: the test fails rather than hangs
        held.set()
        os.kill(pid, signal.SIGCONT)

    timer = threading.Timer(HANG_SECONDS, go_on)
    timer.start()
    try:
        for _ in range(100):
            await asyncio.sleep(0.001)
        assert not loading.done() and not held.is_set()
    finally:
        timer.cancel()
        with contextlib.suppress(ProcessLookupError):  # ended already: its loop was held all through
            os.kill(pid, signal.SIGCONT)
    library = await loading
    assert len(library.corpus.passages) > 25_000
    assert best_hit(library, "Where did the zeppelin land?").story == "Unique"


async def test_a_corpus_error_in_the_worker_reaches_the_caller(tmp_path):
    (tmp_path / "empty.md").write_text("")
    with pytest.raises(NoStories) as caught:
        await load_in_worker(tmp_path, BM25Params(), None)
    assert isinstance(caught.value, CorpusError) and caught.value.root == tmp_path
    assert caught.value.problems == (Problem(file="empty.md", why=Refusal(cause=Cause.EMPTY)),)  # whole, as data


async def test_a_saved_library_is_opened_here_rather_than_sent_back(big_library, tmp_path):
    store = IndexStore(tmp_path / "index")  # 25,000 passages: saved by the worker
    library = await load_in_worker(big_library, BM25Params(), store)
    assert library.opened and store.has_index(big_library)
    assert best_hit(library, "Where did the zeppelin land?").story == "Unique"


async def test_a_library_the_worker_saved_is_opened_here_within_the_workers_reading_time(tmp_path):
    """Opened here without it, a file the worker kept as skipped for time (its limit part of the skip) was read again
    in the caller's process, with no limit at all: the PDF below for half a minute, one made to read slowly for
    minutes."""
    pytest.importorskip("pypdf")
    from tests.core.test_timed_reading import repeated_page_pdf  # a module of PDFs: skipped without pypdf

    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "tale.md").write_text("# Tale\n\nThe miller sang by the river.")
    (tmp_path / "stories" / "a-tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))  # 32 s, cut off
    store = IndexStore(tmp_path / "index", min_passages=0)
    library = await load_in_worker(tmp_path / "stories", BM25Params(), store, reading_seconds=1)
    assert library.opened and store.has_index(tmp_path / "stories")  # saved by the worker, opened here
    assert [story.path for story in library.corpus.stories] == ["tale.md"]
    assert library.corpus.problems == (Problem(file="a-tower.pdf", why=Refusal(cause=Cause.TOO_SLOW, seconds=1)),)


async def test_what_the_worker_logs_reaches_this_processs_handlers_worded_by_their_filters(tmp_path, caplog):
    """A saved index the worker finds damaged is logged there: with no handler of its own, the warning went to Python's
    last resort, stderr, never to the bot's log file, and its codes unworded ("not_as_saved ..."). It comes back as a
    record, which this process's handlers show through their filters."""
    stories = tmp_path / "stories"
    write_folder(stories, 0)
    store = IndexStore(tmp_path / "index", min_passages=0)
    StoryLibrary.load(stories, store=store)
    (store.folder_for(stories) / MANIFEST).write_text("{not json")
    caplog.handler.addFilter(NotesWorded())
    with caplog.at_level(logging.INFO, logger="bot"):
        library = await load_in_worker(stories, BM25Params(), store)
    assert library.opened and [note.event for note in library.index_notes] == [IndexEvent.DAMAGED]
    (damaged,) = [r for r in caplog.records if r.name == "bot.core.saved_index" and r.levelno == logging.WARNING]
    assert damaged.process != os.getpid() and damaged.getMessage().startswith("Not using the saved index in ")
    assert not any(isinstance(arg, IndexNote) for arg in damaged.args or ())  # worded as the bot's handlers word it
    assert IndexFault.NOT_A_MANIFEST.value not in damaged.getMessage()


async def test_a_merge_runs_in_the_worker_when_the_segments_need_one(tmp_path):
    """A story removed that held most passages of its segment: the segment is rewritten without it, in a
    worker process; the library answers the same after as before."""
    stories = write_folder(tmp_path / "stories", 6)
    store = IndexStore(tmp_path / "index", min_passages=0)
    StoryLibrary.load(stories, store=store)
    for name in ("tale-000.md", "tale-001.md", "tale-002.md", "sophie-korolev-pianist.md"):
        (stories / name).unlink()
    before = StoryLibrary.load(stories, store=store)
    assert any(segment.passages.deleted.any() for segment in store.segments(stories).open().segments)
    assert await merge_in_worker(stories, store)
    assert not any(segment.passages.deleted.any() for segment in store.segments(stories).open().segments)
    assert library_facts(StoryLibrary.load(stories, store=store)) == library_facts(before)
    assert not await merge_in_worker(stories, store)  # nothing left that needs one


def test_a_merge_that_finds_its_segments_damaged_has_the_next_load_build_the_index_again(tmp_path):
    """A merge checks every checksum of what it copies, the one check of the texts and postings that a start does not
    read whole: damage it found was logged, the segments left as they were, and every later start answered from them
    (the next merge failing the same way), until a question happened to read the damaged bytes."""
    stories = write_folder(tmp_path / "stories", 6)
    store = IndexStore(tmp_path / "index", min_passages=0)
    StoryLibrary.load(stories, store=store)
    for name in ("tale-000.md", "tale-001.md", "tale-002.md", "sophie-korolev-pianist.md"):
        (stories / name).unlink()
    StoryLibrary.load(stories, store=store)  # the deletions committed: a merge is due
    texts = next(store.folder_for(stories).glob("*.text_data.npy"))
    written = texts.stat()
    data = bytearray(texts.read_bytes())
    data[-1] ^= 0xFF
    texts.write_bytes(bytes(data))
    os.utime(texts, ns=(written.st_atime_ns, written.st_mtime_ns))  # as a disk's decay leaves it
    assert not merge_if_needed(stories, store)
    rebuilt = StoryLibrary.load(stories, store=store)
    assert not rebuilt.opened
    assert [(note.event, note.fault, note.file) for note in rebuilt.index_notes] == [
        (IndexEvent.DAMAGED, IndexFault.NOT_AS_SAVED, texts.name)
    ]
    assert library_facts(rebuilt) == library_facts(StoryLibrary.load(stories))  # as one build in memory
    assert StoryLibrary.load(stories, store=store).opened


def test_workers_one_blas_thread_is_in_the_environment_before_any_thread_could_read_it():
    """Written at a worker's first start, the environment changed while the ranking, database and Discord threads
    ran, and setenv is not thread-safe: it is written as the module is imported, before the bot starts threads."""
    shown = "import os, bot.core.worker_process as w; print(*(os.environ.get(n) for n in w.ONE_BLAS_THREAD))"
    environment = {k: v for k, v in os.environ.items() if k not in ONE_BLAS_THREAD}
    printed = subprocess.run(
        [sys.executable, "-c", shown], env=environment, capture_output=True, text=True, check=True, timeout=HANG_SECONDS
    )
    assert printed.stdout.split() == list(ONE_BLAS_THREAD.values())


async def test_a_worker_process_does_one_work_after_another_and_one_cancelled_is_ended():
    # A server's view reads its shelf files one by one in one worker process (bot.core.shelf_reader): a process
    # started for each file took a second each (500 files: eight minutes). A read past its time is cancelled, and
    # its process ended; the next starts another.
    worker = WorkerProcess()
    try:
        first = await worker.run(os.getpid)
        assert await worker.run(os.getpid) == first and worker_processes(os.getpid()) == [first]
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(worker.run(signal.pause), 0.5)
        assert not Path(f"/proc/{first}").exists()  # ended, and waited for (no zombie left)
        assert await worker.run(os.getpid) != first
    finally:
        await worker.close()
    assert worker_processes(os.getpid()) == []


def _killed_by(number: int) -> None:
    """A work that ends its worker process with the signal, as the OOM killer would (SIGKILL)."""
    os.kill(os.getpid(), number)


async def test_a_worker_process_that_ends_without_an_answer_says_how_as_data():
    # It said so in English ("The worker process ended without a word (exit -9)."), which reached a reload's owner
    # and a skipped file's message; it carries its exit code, which bot.messages words.
    worker = WorkerProcess()
    try:
        with pytest.raises(WorkerEnded) as exited:
            await worker.run(os._exit, 3)
        assert exited.value.exit_code == 3 and str(exited.value) == "exit 3"
        with pytest.raises(WorkerEnded) as killed:
            await worker.run(_killed_by, signal.SIGKILL)  # the next work starts another process
        assert killed.value.exit_code == -signal.SIGKILL
        assert await worker.run(os.getpid) != os.getpid()
    finally:
        await worker.close()


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for Python")
async def test_an_uploads_reader_slow_to_start_is_not_charged_for_it(tmp_path: Path):
    """The limit is the reading's: the worker's start (0.2-0.5 s, seconds on a busy machine) counted against it."""
    with slow_to_start(tmp_path):
        story = await story_file_in_worker(word_file(3), "echo.docx", None, seconds=READING_LIMIT, megabytes=1024)
    assert story.story is not None and story.story.title == "Echo"
