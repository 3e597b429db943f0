"""`python -m bot index`'s use case: the saved index built or brought up to date whatever the library's size, and the
files it kept as skipped for taking too long to read read again."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core.skipped import SkipReason
from bot.operations.build_index import IndexBuilt, build_index
from bot.operations.opening import open_library
from bot.settings import Settings
from tests.cli.test_main import command_environment
from tests.core.test_worker import worker_processes
from tests.lookalike_stories import LOOKALIKES, write_stories


def test_the_index_is_built_saved_and_then_opened(tmp_path):
    corpus = write_stories(tmp_path / "stories", LOOKALIKES)
    settings = Settings(corpus=corpus, index=tmp_path / "indexes")
    built = build_index(settings)
    assert built.outcome is IndexBuilt.SAVED and built.stories == len(LOOKALIKES) and built.notes == ()
    assert built.folder is not None and built.folder.is_dir() and built.size > 0
    assert built.size == sum(path.stat().st_size for path in built.folder.iterdir())
    assert open_library(settings).opened  # the next start opens what was saved


def test_no_index_is_built_when_the_settings_keep_none(tmp_path):
    corpus = write_stories(tmp_path / "stories", LOOKALIKES)
    assert build_index(Settings(corpus=corpus, index=None)).outcome is IndexBuilt.OFF
    assert not open_library(Settings(corpus=corpus, index=None)).opened


def index_while_busy(settings: Settings) -> str:
    """`python -m bot index` with these settings while the machine is too busy for its file reader: the reader is
    stopped (SIGSTOP) as it starts, so it never starts within its own bound (twice the limit), and its file (any but
    .txt and .md) is skipped for time however quick it is to read. Its stderr."""
    environment = {
        "STORYBOT_INDEX": str(settings.index),
        "STORYBOT_DATA": str(settings.data),
        "STORYBOT_UPLOAD_SECONDS": str(settings.upload_seconds),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "index", "--corpus", str(settings.corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=command_environment(environment),
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60  # a bound that only ends a test that would never end
        while not (readers := worker_processes(process.pid)):
            assert process.poll() is None and time.monotonic() < deadline, "its reader never started"
            time.sleep(0.005)
        for reader in readers:
            os.kill(reader, signal.SIGSTOP)  # ended by the command past the limit, stopped or not
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
    assert process.returncode == 0, stderr
    return stderr


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the reader in Linux's /proc")
def test_a_file_skipped_for_time_on_a_busy_machine_is_kept_so_at_a_start_and_read_by_the_index_command(tmp_path):
    """A normal book can take longer than STORYBOT_UPLOAD_SECONDS once, on a busy machine: the saved index kept it
    skipped, file and limit unchanged, and nothing the owner could run read it again. A start still keeps the skip
    (it does not spend that time again at every start); `python -m bot index` reads it again."""
    pytest.importorskip("pypdf")
    from tests.core.test_timed_reading import LIMIT, repeated_page_pdf  # a module of PDFs: skipped without pypdf

    folder = tmp_path / "stories"
    folder.mkdir()
    (folder / "tale.md").write_text("# Tale\n\nThe miller sang by the river.", encoding="utf-8")
    (folder / "lighthouse.pdf").write_bytes(repeated_page_pdf(1, 1, 3))  # one page: read in a moment
    settings = Settings(corpus=folder, data=tmp_path / "data", index=tmp_path / "indexes", upload_seconds=LIMIT)
    skipped = f"Skipped lighthouse.pdf: it took longer than {LIMIT} seconds to read"
    assert skipped in index_while_busy(settings)

    started = open_library(settings)
    assert [story.path for story in started.corpus.stories] == ["tale.md"]
    assert [problem.reason for problem in started.corpus.problems] == [SkipReason.TOO_SLOW]

    built = build_index(settings)
    assert (built.read_again, built.skipped, built.stories) == (("lighthouse.pdf",), (), 2)
    again = open_library(settings)
    assert sorted(story.path for story in again.corpus.stories) == ["lighthouse.pdf", "tale.md"]
    assert again.corpus.problems == () and not again.index_notes
