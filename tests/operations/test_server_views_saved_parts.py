"""Views built at a start from each server's saved shelf parts (bot.core.shelf_part_store), on a real database: a
restarted process analyses none of a shelf whose parts it saved, and answers as a view built from the texts; a data
folder pointed at another database, whose version ids collide, is never served the first database's parts."""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.core.library import StoryLibrary
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_part_store import FOLDER, USED_SECONDS, ShelfPartStore
from bot.core.shelf_parts import shelf_parts
from bot.operations.library_holder import LibraryHolder
from bot.operations.server_views import ServerViews
from bot.settings import Settings
from bot.state.database import Database
from tests.conftest import CORPUS
from tests.core.story_folder import QUESTIONS, library_facts, tale
from tests.operations.test_server_views import settings_of, titles

SERVER, OTHER_SERVER = 11, 22
ASKED = [*QUESTIONS, "harbour sailor who sang at night", "Who is Greta Wren?", "brightwatr"]


@pytest.fixture(params=["sqlite", "postgresql"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
async def database(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Database]:
    opened = await Database.open(settings_of(kind, tmp_path, request, "data"))
    yield opened
    await opened.close()


async def shelved(database: Database, views: ServerViews, server: int, stories: list[tuple[str, bytes]]) -> None:
    """The stories added to the server's shelf in three changes, its view built after each (a part each)."""
    for first, last in ((0, 3), (3, 6), (6, len(stories))):
        for name, data in stories[first:last]:
            change = await database.shelves.add(server, name, data, 1, replace=False)
            views.changed(server, change.shelf_version)
        assert await views.view(server) is not None


def bundled_and_tales(seed: int) -> list[tuple[str, bytes]]:
    bundled = [(path.name, path.read_bytes()) for path in sorted(CORPUS.iterdir())]
    return bundled + [(f"tale-{n}.md", tale(n, seed).encode()) for n in range(8)]


async def from_texts(library: StoryLibrary, database: Database, server: int) -> StoryLibrary | None:
    """The server's view as a process that saves and loads nothing builds it: from the texts alone."""
    return await ServerViews(LibraryHolder(library, Settings()), database.shelves).view(server)


def assert_answers_as_from_the_texts(view: StoryLibrary | None, fresh: StoryLibrary | None) -> None:
    assert view is not None and fresh is not None
    assert view.corpus.stories == fresh.corpus.stories
    assert library_facts(view, ASKED) == library_facts(fresh, ASKED)
    assert list(view.speller.words) == list(fresh.speller.words) and view.fingerprints == fresh.fingerprints


async def test_a_restart_builds_each_view_from_its_own_saved_parts_and_answers_as_from_the_texts(
    library, database, tmp_path, caplog
):
    caplog.set_level(logging.INFO)
    saved_in = tmp_path / "data"
    views = ServerViews(LibraryHolder(library, Settings()), database.shelves, saved_in=saved_in)
    await shelved(database, views, SERVER, bundled_and_tales(0))
    await shelved(database, views, OTHER_SERVER, [(f"other-{n}.md", tale(50 + n).encode()) for n in range(7)])
    assert views.built_stories(SERVER) != ()
    store = ShelfPartStore(saved_in / FOLDER)
    assert len(list(store.folder(SERVER, library.analyzer).iterdir())) == 3

    restarted = ServerViews(LibraryHolder(library, Settings()), database.shelves, saved_in=saved_in)
    restarted.build_ahead([SERVER, OTHER_SERVER])  # as a start does, in BUILDING
    await restarted.rebuilt()
    for server in (SERVER, OTHER_SERVER):
        assert restarted.built_stories(server) == ()  # nothing analysed
        assert_answers_as_from_the_texts(await restarted.view(server), await from_texts(library, database, server))
    assert "Tale 0: the harbour" not in titles(await restarted.view(OTHER_SERVER))
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]

    # A change after the start analyses its story alone, and is saved: the next start analyses nothing either.
    change = await database.shelves.add(SERVER, "tale-2.md", tale(2, 9).encode(), 1, replace=True)
    restarted.changed(SERVER, change.shelf_version)
    assert_answers_as_from_the_texts(await restarted.view(SERVER), await from_texts(library, database, SERVER))
    assert restarted.built_stories(SERVER) == (change.version_id,)
    again = ServerViews(LibraryHolder(library, Settings()), database.shelves, saved_in=saved_in)
    assert_answers_as_from_the_texts(await again.view(SERVER), await from_texts(library, database, SERVER))
    assert again.built_stories(SERVER) == ()


async def test_a_running_process_touches_the_saved_parts_it_holds_so_no_others_save_removes_them(
    library, database, tmp_path
):
    """A shard that runs on for days with its views built: its thread that loads and saves touches the parts they
    hold, so that a day after their save another shard's save, whose view does not hold them, leaves them."""
    saved_in = tmp_path / "data"
    views = ServerViews(LibraryHolder(library, Settings()), database.shelves, saved_in=saved_in, touch_seconds=0.01)
    await shelved(database, views, SERVER, bundled_and_tales(0))
    store = ShelfPartStore(saved_in / FOLDER)
    parts = sorted(store.folder(SERVER, library.analyzer).iterdir())
    assert len(parts) == 3
    long_ago = time.time() - 2 * USED_SECONDS
    for part in parts:  # a day on, nothing loaded or saved since
        os.utime(part, (long_ago, long_ago))
    views.start()
    try:
        deadline = time.monotonic() + 60
        while any(part.stat().st_mtime < long_ago + USED_SECONDS for part in parts):
            assert time.monotonic() < deadline, "the parts held were never touched"
            await asyncio.sleep(0.01)
    finally:
        await views.stop()
    # Another shard's save, of a view that holds other parts (its own story, as a later change made it)
    texts = [(10_000, ShelfStoryText.read(1_000, "tale-99.md", tale(99).encode()))]
    store.save(SERVER, shelf_parts(texts, library.analyzer, library.index.params), texts)
    assert set(parts) < set(store.folder(SERVER, library.analyzer).iterdir())


async def test_a_data_folder_pointed_at_another_database_is_never_served_its_parts(
    library, kind, tmp_path, request, caplog
):
    """Two databases whose servers' stories have the same ids, names and version ids, but other texts. (A story of
    the same id, name and text in both would be analysed the same, and is served from either's part.)"""
    saved_in = tmp_path / "data-folder"
    first = await Database.open(settings_of(kind, tmp_path, request, "first"))
    second = await Database.open(settings_of(kind, tmp_path, request, "second"))
    try:
        here = ServerViews(LibraryHolder(library, Settings()), first.shelves, saved_in=saved_in)
        await shelved(first, here, SERVER, bundled_and_tales(0))
        there = ServerViews(LibraryHolder(library, Settings()), second.shelves, saved_in=saved_in)
        others = [(name, tale(100 + n, 4).encode()) for n, (name, _) in enumerate(bundled_and_tales(0))]
        await shelved(second, ServerViews(LibraryHolder(library, Settings()), second.shelves), SERVER, others)
        ours, theirs = await first.shelves.stories(SERVER), await second.shelves.stories(SERVER)
        assert [(s.story_id, s.name, s.version_id) for s in ours.stories] == [
            (s.story_id, s.name, s.version_id) for s in theirs.stories
        ]
        caplog.set_level(logging.INFO)
        view = await there.view(SERVER)
        assert set(there.built_stories(SERVER) or ()) == {s.version_id for s in theirs.stories}  # all analysed
        warned = [r for r in caplog.records if r.levelno >= logging.WARNING]
        assert len(warned) == 3 and all("other stories" in r.getMessage() and r.exc_info is None for r in warned)
        fresh = await from_texts(library, second, SERVER)
        assert_answers_as_from_the_texts(view, fresh)
        # Its own parts replaced the others: the first database's are analysed again in turn, never served.
        back = ServerViews(LibraryHolder(library, Settings()), first.shelves, saved_in=saved_in)
        assert_answers_as_from_the_texts(await back.view(SERVER), await from_texts(library, first, SERVER))
        assert set(back.built_stories(SERVER) or ()) == {s.version_id for s in ours.stories}
    finally:
        await first.close()
        await second.close()


async def test_a_damaged_part_is_built_again_at_a_start_and_said_once(library, database, tmp_path, caplog):
    saved_in = tmp_path / "data"
    views = ServerViews(LibraryHolder(library, Settings()), database.shelves, saved_in=saved_in)
    await shelved(database, views, SERVER, bundled_and_tales(0))
    folder = ShelfPartStore(saved_in / FOLDER).folder(SERVER, library.analyzer)
    damaged = sorted(folder.iterdir())[0]
    (damaged / "docs.npy").write_bytes((damaged / "docs.npy").read_bytes()[:100])
    caplog.set_level(logging.INFO)
    restarted = ServerViews(LibraryHolder(library, Settings()), database.shelves, saved_in=saved_in)
    fresh = await from_texts(library, database, SERVER)
    assert_answers_as_from_the_texts(await restarted.view(SERVER), fresh)
    assert fresh is not None
    assert 0 < len(restarted.built_stories(SERVER) or ()) < len(fresh.corpus.stories) - len(library.corpus.stories)
    (warned,) = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert damaged.name in warned.getMessage() and warned.exc_info is None
    assert damaged.exists() is False and len(list(folder.iterdir())) == 3
