"""A reload whose build runs too long is stopped: its process ended, the lock free, the old library kept. The people's
names indexed at each load, and no longer once the holder is closed."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import random
import shutil
import threading

import pytest

from bot.core.library import StoryLibrary
from bot.core.people import Person, PersonFinder
from bot.messages import reload_text
from bot.operations import library_holder
from bot.operations.library_holder import BuildTooLong, LibraryHolder
from bot.operations.reload import Reloaded, reload
from bot.settings import Settings
from tests.best_hit import best_hit
from tests.conftest import CORPUS
from tests.core.test_worker import WORDS

HANG = 120
"""Only ends a test that would otherwise never end."""


async def test_a_build_past_its_limit_is_stopped_and_the_old_library_keeps_answering(library, tmp_path):
    rng = random.Random(7)
    for number in range(20):  # a build of seconds, against a limit of a fraction of one
        paragraphs = (" ".join(rng.choices(WORDS, k=40)).capitalize() + "." for _ in range(1000))
        (tmp_path / f"story-{number:02}.txt").write_text("\n\n".join(paragraphs))
    (tmp_path / "zeppelin.txt").write_text("The zeppelin landed in the meadow.\n\nEveryone cheered.")
    holder = LibraryHolder(library, Settings(corpus=tmp_path, index=None), build_limit=0.2)
    with pytest.raises(BuildTooLong):
        await holder.reload()
    stopped = await reload(holder)  # the operation says so, and the reader is told why
    assert stopped.outcome is Reloaded.TOO_LONG and stopped.limit == 0.2
    assert "took over 0.00333 minutes, so it was stopped" in reload_text(stopped)
    assert holder.current is library and not holder.reloading
    assert not multiprocessing.active_children()  # the build's process was ended, not left to run on
    assert holder.current.ask("Where was Sébastien born?").best is not None

    holder.build_limit = 600  # the next reload is not blocked by the one that was stopped
    old, new = await holder.reload()
    assert old is library and holder.current is new
    assert isinstance(new, StoryLibrary) and best_hit(new, "Where did the zeppelin land?").story == "Zeppelin"


async def test_a_library_has_its_peoples_names_indexed_once_loaded_and_once_reloaded(tmp_path):
    """/performer's first keystroke after a start or a reload read the people and indexed their names itself (0.57 s
    CPU for the close names of 95,000 people alone), past what autocomplete waits: it offered no one."""
    folder = shutil.copytree(CORPUS, tmp_path / "corpus")
    holder = LibraryHolder(StoryLibrary.load(folder), Settings(corpus=folder, index=None))
    await holder.warmed
    assert holder.current.person_finder.warmed  # no one looked anyone up
    (folder / "mill.md").write_text("# The Old Mill\n\nThe miller Anatole ground rye by the river.")
    old, new = await holder.reload()
    await holder.warmed
    assert new.person_finder.warmed and new is not old


async def test_closing_the_holder_ends_its_warming_and_nothing_is_indexed_or_logged_after(caplog):
    """The people's names were indexed in a thread of the module's that the bot's close never ended: it went on
    indexing tens of thousands of names for no one, logged "Indexed ..." into the closed log (the test suite's
    "--- Logging error ---"), and the process's exit waited for it and every warm queued behind it. Now close() stops
    the warm running after its step (here, reading the people, held until the close began) and the queued ones before
    they start, and returns once the holder's thread has ended."""
    reading, closing = threading.Event(), threading.Event()
    loaded, queued = StoryLibrary.load(CORPUS), StoryLibrary.load(CORPUS)
    everyone = loaded.person_finder.people
    read: list[str] = []

    def people_read_while_closing() -> tuple[Person, ...]:
        reading.set()
        assert closing.wait(HANG)
        read.append("loaded")
        return everyone

    def people_read_later() -> tuple[Person, ...]:
        read.append("queued")
        return everyone

    loaded.person_finder = PersonFinder.read_later(loaded.person_finder.named(), people_read_while_closing)
    queued.person_finder = PersonFinder.read_later(queued.person_finder.named(), people_read_later)
    caplog.set_level(logging.INFO, logger=library_holder.__name__)
    threads_before = set(threading.enumerate())
    holder = LibraryHolder(loaded, Settings(corpus=CORPUS, index=None))
    behind = holder.warm(queued)  # a view's, say, queued behind the library's
    assert await asyncio.to_thread(reading.wait, HANG)
    closed = asyncio.create_task(holder.close())
    await asyncio.sleep(0)  # the close has begun
    closing.set()
    await asyncio.wait_for(closed, HANG)

    assert read == ["loaded"] and not loaded.person_finder.warmed and not queued.person_finder.warmed
    assert behind.done() and holder.warmed.done()  # the one queued cancelled, or run and ended at once
    assert not [t for t in set(threading.enumerate()) - threads_before if t.name.startswith("storybot-people")]
    await holder.warm(queued)  # once closed, nothing is started
    assert read == ["loaded"] and "Indexed the names" not in caplog.text
    loaded.person_finder.warm()  # what was read stays good: a lookup indexes the names itself
    assert [p.name for p in loaded.person_finder.complete("so")] == ["Sofia Kalmurzaeva", "Sophie Korolev"]
