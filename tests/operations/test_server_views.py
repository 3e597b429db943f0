"""What each server searches, per process: two processes' views on one real database, told of each other's
changes by the poll (no timing here: the poll is run once by hand; test_shelves.py runs it end to end)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from bot.operations.library_holder import LibraryHolder
from bot.operations.server_views import ServerViews
from bot.settings import Settings
from bot.state.database import Database

SERVER, OTHER_SERVER = 11, 22
MILL = b"# The Old Mill\n\nThe miller Anatole ground rye by the river."


@pytest.fixture(params=["sqlite", "postgresql"])
async def databases(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple[Database, Database]]:
    """Two processes' connections to one database."""
    if request.param == "sqlite":
        settings = Settings(data=tmp_path / "data")
    else:
        settings = Settings(data=tmp_path / "unused", database_url=request.getfixturevalue("postgresql_url"))
    first = await Database.open(settings)
    second = await Database.open(settings)
    yield first, second
    await first.close()
    await second.close()


def titles(view: StoryLibrary | None) -> list[str]:
    return [] if view is None else [s.title for s in view.corpus.stories]


async def test_a_change_through_one_process_is_searched_by_the_other_after_its_poll(library, databases):
    first, second = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    there = ServerViews(LibraryHolder(library, Settings()), second.shelves)
    assert await here.view(SERVER) is library and await there.view(SERVER) is library  # nothing built

    change = await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)
    here.changed(SERVER, change.shelf_version)
    assert "The Old Mill" in titles(await here.view(SERVER))
    assert await there.view(SERVER) is library  # it has not polled yet
    await there.poll()
    view = await there.view(SERVER)
    assert "The Old Mill" in titles(view) and await there.view(SERVER) is view  # kept until the next change
    assert await there.view(OTHER_SERVER) is library and await there.view(None) is library


async def test_a_hidden_library_leaves_a_server_its_own_stories_or_none(library, databases):
    first, _ = databases
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    views.changed(SERVER, await first.shelves.hide_library(SERVER, True))
    assert await views.view(SERVER) is None
    views.changed(SERVER, (await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)).shelf_version)
    assert titles(await views.view(SERVER)) == ["The Old Mill"]


async def test_a_server_asked_about_at_once_builds_its_view_once(library, databases):
    first, _ = databases
    await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    seen = await asyncio.gather(*(views.view(SERVER) for _ in range(5)))
    assert all(view is seen[0] for view in seen) and "The Old Mill" in titles(seen[0])
