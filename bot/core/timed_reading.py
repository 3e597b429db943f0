"""A folder's story files read within the time an upload's reading is given (STORYBOT_UPLOAD_SECONDS).

An upload is read in a worker process ended past STORYBOT_UPLOAD_SECONDS (bot.core.upload_reading), so a file made to
read slowly cannot hold anything for longer. A folder's files had no such limit: a PDF whose page tree of 4.8 KB names
one page again and again held 51.75 million characters and took 91 s of CPU in a load (the PDF reader's own limits let a
file take about two minutes), and a folder of such files as many times that. Now a file of a format that is unpacked or
parsed (all but plain text and Markdown, read in proportion to their size) is read the same way, in a reader process of
its build's own, ended past that time: the file is then skipped, named with the limit, and the rest of the folder loads,
the next such file in a reader started again. The limit times the reading alone: a reader is started (and has imported
the readers), within twice the limit, before its file's clock starts. The reader starts with the first such file: a
build in one process has one for all its files; a build's worker process (bot.core.build) keeps its own for all its
batches, ended with it (started for each batch, it took a second or so of a busy machine's time each time). The reader
never sees Ctrl-C (bot.core.worker_process): its caller cancels the read, which ends it."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from bot.core.corpus import PassageText, read_story
from bot.core.readers import is_plain
from bot.core.skipped import Cause, Refusal, StoryRefused, refusal_of
from bot.core.worker_ended import WorkerEnded
from bot.core.worker_process import WorkerProcess

ReadStory = Callable[[Path], tuple[str, list[PassageText]]]
P = ParamSpec("P")
T = TypeVar("T")


@contextmanager
def timed_reading(seconds: float | None, *, keep_reader: bool = False) -> Iterator[ReadStory]:
    """read_story, each file that is not plain text read in a reader process ended past `seconds` (StoryRefused,
    Cause.TOO_SLOW; a reader that died, Cause.READER_STOPPED); with None, read_story itself (no limit: a measurement's
    library, a test's). The reader is ended as this ends, or with `keep_reader` kept for the next (this process's own:
    a build's worker process, which reads batch after batch, and ends it as it exits)."""
    if seconds is None:
        yield read_story
        return
    reader = _kept_reader() if keep_reader else WorkerProcess()
    # Its own loop, not made the thread's (a caller's runner may have one), run as asyncio.run runs one: a Ctrl-C
    # cancels the read, which ends the reader, and is raised once it has (raised in the loop, it was left running).
    runner = asyncio.Runner(loop_factory=asyncio.new_event_loop)

    def read(path: Path) -> tuple[str, list[PassageText]]:
        if is_plain(path):
            return read_story(path)
        try:
            found = _run(runner, _started_and_read, reader, path, seconds)
        except TimeoutError:
            raise StoryRefused(Refusal(cause=Cause.TOO_SLOW, seconds=seconds)) from None
        except WorkerEnded as ended:
            raise StoryRefused(Refusal(cause=Cause.READER_STOPPED, count=ended.exit_code)) from ended
        if isinstance(found, Refusal):
            raise StoryRefused(found)
        return found

    with runner:
        try:
            yield read
        finally:
            if not keep_reader:
                _run(runner, reader.close)


async def _started_and_read(
    reader: WorkerProcess, path: Path, seconds: float
) -> tuple[str, list[PassageText]] | Refusal:
    """The reader started (its limit the reading's, not the start's), then the file read: one coroutine, whose parts
    are made as it runs them (bot.core.timed_reading._run)."""
    await reader.start(_reader_ready, limit=seconds)
    return await asyncio.wait_for(reader.run(_story_or_reason, path), seconds)


def _run(
    runner: asyncio.Runner, make: Callable[P, Coroutine[object, object, T]], *args: P.args, **kwargs: P.kwargs
) -> T:
    """runner.run of the coroutine `make` makes, closed if a Ctrl-C comes before the runner's loop has run it. A
    Ctrl-C between a file and the next came at times after the read's coroutines were made and before the runner
    took them, and the command printed "coroutine 'WorkerProcess.run' was never awaited" as it exited."""
    coroutine = None
    try:
        coroutine = make(*args, **kwargs)
        return runner.run(coroutine)
    except BaseException:
        if coroutine is not None:
            coroutine.close()  # a coroutine done, or never started: either way nothing is left to await
        raise


def _kept_reader() -> WorkerProcess:
    """This process's reader, kept from one timed_reading to the next. A daemon, so multiprocessing ends it as this
    process exits (util._exit_function, before it waits for the process's children); this process killed, it ends
    with it (bot.core.parent_death). One that timed out or died was ended, and the next read starts another."""
    global _KEPT_READER
    if _KEPT_READER is None:
        _KEPT_READER = WorkerProcess(daemon=True)
    return _KEPT_READER


_KEPT_READER: WorkerProcess | None = None


def _reader_ready() -> None:
    """What a reader runs first (WorkerProcess.start): unpickled there, it imports this module, and with it the
    readers."""


def _story_or_reason(path: Path) -> tuple[str, list[PassageText]] | Refusal:
    """The worker's side: the story, or why the file gives none. The reason's exception, pickled back, is made again
    from its arguments (ExtraMissing's from its format's name), which said it twice over."""
    try:
        return read_story(path)
    except ValueError as reason:
        return refusal_of(reason)
