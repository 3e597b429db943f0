"""What a worker process runs imports little: a reader's start no longer pays for the library's modules."""

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core.shelf_reader import _packed_shelf_story
from bot.core.timed_reading import _story_or_reason
from bot.core.upload_reading import _story_file_packed
from bot.core.worker_process import WorkerProcess

IMPORTED = "sorted(name for name in __import__('sys').modules if name.startswith('bot.'))"
"""Evaluated in the worker process (eval is a builtin: sending it imports nothing there)."""


async def test_a_reader_process_imports_what_its_work_needs_and_not_the_library(tmp_path: Path) -> None:
    # Its target was bot.core.worker's: each reader started imported the library, the index and the saved index
    # before reading a file (0.49 s of a busy machine against 0.35 s for what a reader needs).
    story = tmp_path / "mill.html"
    story.write_text("<html><head><title>The Mill</title></head><body><p>Anna rowed the boat.</p></body></html>")
    worker = WorkerProcess()
    try:
        started = await worker.run(eval, IMPORTED)
        assert started == ["bot.core", "bot.core.parent_death", "bot.core.worker_loop"], started
        found = await worker.run(_story_or_reason, story)
        assert isinstance(found, tuple) and found[0] == "The Mill" and found[1]
        read = set(await worker.run(eval, IMPORTED))
        assert "bot.core.readers.html" in read and "bot.core.timed_reading" in read
        assert not read & {"bot.core.worker", "bot.core.library", "bot.core.index", "bot.core.saved_index"}
    finally:
        await worker.close()


PAGE = b"<html><head><title>The Mill</title></head><body><p>Anna rowed the boat.</p></body></html>"
LIBRARY_MODULES = {"bot.core.worker", "bot.core.library", "bot.core.index", "bot.core.saved_index", "bot.core.query"}


@pytest.mark.parametrize(
    ("read", "arguments"),
    [(_story_file_packed, (PAGE, "mill.html", None, 256)), (_packed_shelf_story, (1, "mill.html", PAGE, 256))],
    ids=["an upload", "a shelf's story"],
)
async def test_an_uploads_or_a_shelfs_reader_imports_no_library(read: Callable[..., object], arguments: tuple) -> None:
    # Their functions lived in, or imported, bot.core.worker, which builds libraries: each upload's reader imported
    # the library, the index and every question rule before reading its file (0.7 s of CPU).
    worker = WorkerProcess()
    try:
        assert await worker.run(read, *arguments)
        read_modules = set(await worker.run(eval, IMPORTED))
        assert "bot.core.readers.html" in read_modules and not read_modules & LIBRARY_MODULES, sorted(read_modules)
    finally:
        await worker.close()
