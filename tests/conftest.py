import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from tests.postgresql import PostgreSQLServer, server_programs, unavailable

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
pytest_plugins = ["tests.asyncio_leftovers", "pytester"]


def pytest_configure(config: pytest.Config) -> None:
    """The commands the tests start take Ctrl-C as from a terminal, however this test run was started. A shell starts
    a command in the background without job control (`pytest &` in a script) with SIGINT ignored, which every process
    it starts inherits: the Ctrl-C tests' commands never saw their Ctrl-C."""
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Workers for `-n auto`: twice the cores (pyproject's --maxprocesses caps it at four). The suite mostly waits on
    real processes (the bot on the fake Discord, PostgreSQL, deliberate expiries), more so since they are forks
    (tests/process_forks.py): on two cores, three workers took 923 s of CI's tests; four kept the cores 99% busy
    (/proc/stat sampled every 10 s) and took 738 s."""
    return 2 * (os.cpu_count() or 1)


LONGEST_FILES = (
    "cli/test_main.py",
    "operations/test_server_views.py",
    "core/test_index.py",
    "discord_app/exts/test_admin.py",
    "discord_app/test_shelves.py",
    "discord_app/test_reliability.py",
    "core/test_segment_store.py",
    "cli/test_shelf_import.py",
    "discord_app/test_left_waiting.py",
    "state/test_shelves.py",
    "core/readers/test_pdf.py",
    "discord_app/test_shelf_room.py",
    "cli/test_index_faults.py",
    "core/test_shelf_parts.py",
    "discord_app/test_upload_time.py",
)
"""The test files that take a worker longest (stop 79's `--junitxml`, each file's seconds summed; 77 to 470 s each),
longest first. test_upload_time's 3 tests wait out upload deadlines (6 s of CPU in 77 s): taken last, it ran alone
for the suite's last 40 s."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest files first (LONGEST_FILES), the rest after in the order collected: with `--dist loadfile` a worker
    takes a file whole, and the suite ended with a minute of one or two workers busy on a long file taken last (CPU
    2% to 50% busy, /proc/stat sampled every 10 s), on a machine where CI has 20 minutes. A stable sort: within a file,
    and among the rest, the order is as collected."""
    here = Path(__file__).parent
    rank = {name: place for place, name in enumerate(LONGEST_FILES)}

    def place(item: pytest.Item) -> int:
        if not item.path.is_relative_to(here):
            return len(rank)
        return rank.get(item.path.relative_to(here).as_posix(), len(rank))

    items.sort(key=place)


def interrupt_state() -> tuple[Callable[..., object] | int | None, frozenset[int]]:
    """What a process started from this thread now inherits about Ctrl-C: SIGINT's disposition (ignored stays
    ignored across exec) and the thread's signal mask (kept across exec)."""
    return signal.getsignal(signal.SIGINT), frozenset(signal.pthread_sigmask(signal.SIG_BLOCK, []))


@pytest.fixture(autouse=True)
def interrupts_left_as_found() -> Iterator[None]:
    """A test that leaves SIGINT ignored or blocked fails itself, rather than the Ctrl-C tests that run after it in
    the same pytest worker: the commands they start would inherit it and never see Ctrl-C."""
    before = interrupt_state()
    yield
    assert interrupt_state() == before, "this test left SIGINT's handling or the signal mask changed"


def signal_lines(pid: int) -> str:
    """A process's signal state as the kernel shows it (pending, blocked, ignored, caught), for a failure's message."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # ended meanwhile
        return "(ended)"
    return " ".join(
        line.replace("\t", " ")
        for line in status.splitlines()
        if line.startswith(("SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"))
    )


@pytest.fixture(scope="session")
def library() -> StoryLibrary:
    return StoryLibrary.load(CORPUS)


@pytest.fixture(scope="session")
def postgresql_server() -> Iterator[PostgreSQLServer]:
    programs = server_programs()
    if programs is None:
        unavailable("PostgreSQL's server (initdb, pg_ctl) is not installed")
    assert programs is not None
    server = PostgreSQLServer(programs).start()
    yield server
    server.stop()


@pytest.fixture
def postgresql_url(postgresql_server: PostgreSQLServer) -> str:
    """A new, empty database on the test server for each test."""
    return postgresql_server.new_database()
