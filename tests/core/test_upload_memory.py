"""An upload read in a worker process whose memory is capped (bot.core.upload_memory): real worker processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.shelf import ShelfError, UploadRefusal, story_file
from bot.core.upload_memory import ran_out_of_memory
from bot.core.upload_reading import story_file_in_worker
from bot.messages import upload_refusal_text
from bot.settings import MIN_UPLOAD_MB
from tests.core.readers.test_epub import write_book, xhtml
from tests.operations.test_change_shelf import word_file
from tests.unpickled import unpickled_classes

MINUTES = 600.0
"""No read here is ended for its time."""
CORES = 64
BLAS_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
MANY_CORES = f"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

long sysconf(int name) {{
    if (name == _SC_NPROCESSORS_CONF || name == _SC_NPROCESSORS_ONLN) return {CORES};
    long (*real)(int) = (long (*)(int))dlsym(RTLD_NEXT, "sysconf");
    return real(name);
}}

int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set) {{
    memset(set, 0, size);
    for (int cpu = 0; cpu < {CORES} && (size_t)cpu < size * 8; cpu++) CPU_SET_S(cpu, size, set);
    return 0;
}}
"""
"""Preloaded (LD_PRELOAD), a process sees CORES cores: what OpenBLAS counts (sysconf, sched_getaffinity) to start
a thread per core as numpy loads."""


@pytest.fixture
def host_of_many_cores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Processes started from here on see CORES cores, and the BLAS thread setting this process has (the bot's,
    set as bot.core.worker_process is imported): without it, each would start a BLAS thread a core."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or not sys.platform.startswith("linux"):
        pytest.skip("needs Linux and a C compiler (cc) to show a process more cores than the machine has")
    source, library = tmp_path / "many_cores.c", tmp_path / "many_cores.so"
    source.write_text(MANY_CORES)
    subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library), str(source), "-ldl"], check=True)
    monkeypatch.setenv("LD_PRELOAD", str(library))
    unset = {name: value for name, value in os.environ.items() if name not in BLAS_THREADS}
    threads = "import os, numpy; print(len(os.listdir('/proc/self/task')))"
    seen = subprocess.run([sys.executable, "-c", threads], capture_output=True, text=True, check=True, env=unset)
    assert int(seen.stdout) == CORES  # numpy's OpenBLAS believed it: a thread a core, the process's own among them


async def refusal(raw: bytes, name: str) -> ShelfError:
    with pytest.raises(ShelfError) as refused:
        await story_file_in_worker(raw, name, None, seconds=MINUTES, megabytes=MIN_UPLOAD_MB)
    return refused.value


async def test_a_word_file_whose_reading_balloons_is_refused_for_the_memory_it_needs():
    # 108 KB holding 21.6 million characters: python-docx's tree and the text take some 430 MB. The reader turns
    # whatever its library raises into "unreadable"; the MemoryError under it is what is reported.
    refused = await refusal(word_file(300_000), "echo.docx")
    assert refused.refusal is UploadRefusal.TOO_MUCH_MEMORY and refused.size == MIN_UPLOAD_MB
    assert refused.name == "echo.docx"


async def test_an_html_page_whose_tree_balloons_is_refused_for_the_memory_it_needs():
    # libxml2 runs out of memory in C: lxml raises it as an XMLSyntaxError "unknown error", ERR_NO_MEMORY in its log.
    pytest.importorskip("lxml", reason="the HTML reader needs the formats extra: pip install -e '.[formats]'")
    page = b"<html><body>" + b"<p><b>a</b> <i>b</i> word</p>" * 250_000 + b"</body></html>"  # 7 MB, 1 million elements
    refused = await refusal(page, "page.html")
    assert refused.refusal is UploadRefusal.TOO_MUCH_MEMORY and refused.size == MIN_UPLOAD_MB


async def test_within_the_ceiling_files_read_and_damaged_ones_are_still_unreadable():
    read = await story_file_in_worker(word_file(3000), "echo.docx", None, seconds=MINUTES, megabytes=MIN_UPLOAD_MB)
    assert read.characters == 216_000
    damaged = await refusal(word_file(3000)[:-200], "echo.docx")
    assert damaged.refusal is UploadRefusal.UNREADABLE and "not a readable Word" in upload_refusal_text(damaged)


@pytest.mark.parametrize("paragraphs", [250_000, 280_000, 310_000])
async def test_an_epub_whose_text_balloons_is_refused_for_memory_wherever_its_reading_runs_out(tmp_path, paragraphs):
    # Reading stopped at the ceiling with the text read so far still held (by the error's frames), so the worker
    # had no memory left to send back why: it ended printing a traceback, or spun until its time was up, and the
    # manager was told the file "stopped the reader". Where reading runs out depends on the file: some do not, and
    # in a reader with one thread some lose the MemoryError on the way out (a SystemError comes back instead).
    sentence = "<p>The miller ground rye by the river, and his wheel turned all night long.</p>"
    write_book(
        tmp_path / "echo.epub",
        "<item id='page' href='page.xhtml' media-type='application/xhtml+xml'/>",
        "<itemref idref='page'/>",
        {"OEBPS/page.xhtml": xhtml(sentence * paragraphs)},  # 66 to 82 KB, 18 to 22 million characters
    )
    with pytest.raises(ShelfError) as refused:
        await story_file_in_worker(
            (tmp_path / "echo.epub").read_bytes(), "echo.epub", None, seconds=60, megabytes=MIN_UPLOAD_MB
        )
    assert refused.value.refusal is UploadRefusal.TOO_MUCH_MEMORY, refused.value.detail


async def test_a_normal_file_reads_at_the_least_ceiling_on_a_host_of_many_cores(host_of_many_cores):
    # OpenBLAS started a thread per core in the reader as numpy loaded, each with 41 MB of stack and buffer counted
    # by RLIMIT_DATA: on 64 cores 2.6 GB, so at 256 MB every upload was refused for memory. The reader multiplies
    # no matrices: it starts none.
    read = await story_file_in_worker(word_file(3000), "echo.docx", None, seconds=MINUTES, megabytes=MIN_UPLOAD_MB)
    assert read.characters == 216_000


def test_an_exception_cpython_lost_counts_as_running_out_of_memory():
    # Where a read in a one-thread worker runs out, CPython can lose the MemoryError as the frames unwind, and
    # raise SystemError in its place (the EPUBs above, at some sizes): an error the bot did not expect, not a reason.
    testcapi = pytest.importorskip("_testcapi", reason="CPython's C-API test module makes an exception it lost")
    with pytest.raises(SystemError) as lost:
        testcapi.return_null_without_error()
    assert ran_out_of_memory(lost.value)
    assert not ran_out_of_memory(SystemError("bad argument to internal function"))


async def test_an_uploads_passages_cross_from_its_worker_packed_not_pickled():
    """Unpickling a story's passages as they came down the worker's pipe was one call that held the GIL, and the event
    loop with it: 1.0 s for a Word file of 300,000 passages. They come as the packed text, unpacked in a thread."""
    raw = word_file(3000)
    with unpickled_classes() as crossed:
        read = await story_file_in_worker(raw, "echo.docx", None, seconds=MINUTES, megabytes=MIN_UPLOAD_MB)
    assert "StoryFile" in crossed  # the outcome was heard coming down the pipe
    assert not crossed & {"PassageText", "ShelfStoryText"}
    assert read.story == story_file(raw, "echo.docx", None).story and read.story is not None
