"""The bot moves what it imported out of the cycle collector's sight before it loads the library, and only that: a
library a reload replaces is still freed (its remains are cycles only the collector frees)."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from bot.discord_app.collector import freeze_what_lasts
from bot.discord_app.run import run_bot
from bot.operations.library_holder import LibraryHolder
from bot.settings import Settings
from bot.startup_error import StartupError
from tests.conftest import CORPUS
from tests.discord_app.fake_discord import TOKEN


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """What a test froze is back in the collector's sight afterwards, for the tests after it in this process."""
    assert gc.get_freeze_count() == 0
    try:
        yield
    finally:
        gc.unfreeze()


def test_the_bot_freezes_what_it_imported_before_it_loads_the_library(tmp_path: Path, unfrozen: None):
    seen: list[tuple[int, bool]] = []

    def load_library() -> StoryLibrary:
        library = StoryLibrary.load(CORPUS)
        seen.append((gc.get_freeze_count(), any(found is library for found in gc.get_objects())))
        raise StartupError("stopped once the library is loaded")

    settings = Settings(discord_token=TOKEN, corpus=CORPUS, data=tmp_path / "data", index=None)
    with pytest.raises(StartupError, match="stopped once"):
        run_bot(settings, load_library)
    [(frozen, library_in_sight)] = seen
    assert frozen > 10_000 and library_in_sight  # discord.py's modules and the rest: the library is not frozen


async def test_a_library_loaded_after_the_freeze_is_freed_once_a_reload_replaces_it(tmp_path: Path, unfrozen: None):
    freeze_what_lasts()
    holder = LibraryHolder(StoryLibrary.load(CORPUS), Settings(corpus=CORPUS, data=tmp_path / "data", index=None))
    try:
        first = weakref.ref(holder.current)
        await holder.reload()
        gc.collect()
        assert first() is None
    finally:
        await holder.close()
