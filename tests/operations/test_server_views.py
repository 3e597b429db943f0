"""What each server searches, per process: two processes' views on one real database, told of each other's
changes by the poll (no timing here: the poll is run once by hand; test_shelves.py runs it end to end)."""

from __future__ import annotations

import asyncio
import dataclasses
import gc
import logging
import os
import random
import shutil
import signal
import threading
import weakref
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.core import readers, stored_text
from bot.core.library import StoryLibrary
from bot.core.server_view import server_view
from bot.core.shelf import story_file
from bot.core.shelf_parts import ShelfParts
from bot.core.stored_text import newer_reading, pack_story, stored_layout, stored_reading, unpack_story
from bot.operations import server_views
from bot.operations.ask import ask_in_thread
from bot.operations.change_shelf import add_to_shelf, restore_on_shelf
from bot.operations.library_holder import LibraryHolder
from bot.operations.look_up_person import look_up_person
from bot.operations.server_views import ServerViews
from bot.settings import MIN_UPLOAD_MB, UPLOAD_MB, Settings
from bot.state.database import Database
from bot.state.shelf_rules import VERSION_BYTES
from bot.state.shelves import ShelfStore, StoredText, TextKept
from tests.best_hit import best_hit
from tests.conftest import CORPUS
from tests.core.readers.test_pdf import write_two_byte_page
from tests.core.story_folder import library_facts
from tests.core.test_worker import worker_processes
from tests.hang import HANG_SECONDS
from tests.operations.test_change_shelf import word_file
from tests.state.test_shelves import downgraded, text_stored

SERVER, OTHER_SERVER = 11, 22
UPLOAD_SECONDS = 6
"""Seconds a stored file may take to read here, its reader process's start included (as test_upload_time's)."""
MILL = b"# The Old Mill\n\nThe miller Anatole ground rye by the river."


@pytest.fixture(params=["sqlite", "postgresql"])
def shelf_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """A real SQLite file, and a real PostgreSQL database."""
    if request.param == "sqlite":
        return Settings(data=tmp_path / "data")
    return Settings(data=tmp_path / "unused", database_url=request.getfixturevalue("postgresql_url"))


def settings_of(kind: str, tmp_path: Path, request: pytest.FixtureRequest, name: str) -> Settings:
    """A real SQLite file, or a new real PostgreSQL database, named `name`."""
    if kind == "sqlite":
        return Settings(data=tmp_path / name)
    return Settings(data=tmp_path / "unused", database_url=request.getfixturevalue("postgresql_server").new_database())


@pytest.fixture
async def databases(shelf_settings: Settings) -> AsyncIterator[tuple[Database, Database]]:
    """Two processes' connections to one database."""
    first = await Database.open(shelf_settings)
    second = await Database.open(shelf_settings)
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


async def test_a_poll_that_read_the_versions_before_a_change_here_leaves_the_change_searched(
    library, databases, monkeypatch: pytest.MonkeyPatch
):
    """The poll's read answered late (a busy database): it read the shelf before a removal made here, and ends
    after it. The removed story is not searched again."""
    first, _ = databases
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    added = await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)
    views.changed(SERVER, added.shelf_version)
    assert "The Old Mill" in titles(await views.view(SERVER))
    read, answered = asyncio.Event(), asyncio.Event()
    versions = first.shelves.versions

    async def answered_late(server_ids):
        found = await versions(server_ids)
        read.set()
        await answered.wait()
        return found

    monkeypatch.setattr(first.shelves, "versions", answered_late)
    polling = asyncio.create_task(views.poll())
    await read.wait()
    assert added.story_id is not None
    removed = await first.shelves.remove(SERVER, added.story_id, 1)
    views.changed(SERVER, removed.shelf_version)
    answered.set()
    await polling
    assert "The Old Mill" not in titles(await views.view(SERVER))


async def test_a_crowds_first_questions_read_the_shelf_version_once_and_a_change_meanwhile_stands(
    library, databases, monkeypatch: pytest.MonkeyPatch
):
    """A crowd's first questions each read their server's shelf version: 500 reads at once on SQLite, beside the
    crowd's answers being kept, until some answers' writes waited past their deadline and were not kept."""
    first, _ = databases
    added = await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    read, answered = asyncio.Event(), asyncio.Event()
    asked: list[object] = []
    versions = first.shelves.versions

    async def answered_late(server_ids):
        asked.append(server_ids)
        found = await versions(server_ids)
        read.set()
        await answered.wait()
        return found

    monkeypatch.setattr(first.shelves, "versions", answered_late)
    crowd = [asyncio.create_task(views.view(SERVER)) for _ in range(50)]
    await read.wait()
    assert added.story_id is not None
    removed = await first.shelves.remove(SERVER, added.story_id, 1)
    views.changed(SERVER, removed.shelf_version)  # made here while the version was read
    answered.set()
    seen = await asyncio.gather(*crowd)
    assert asked == [[SERVER]]
    assert all("The Old Mill" not in titles(view) for view in seen)
    assert "The Old Mill" not in titles(await views.view(SERVER))


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


async def test_what_is_at_hand_never_waits_for_a_view_to_be_built(library, databases):
    first, _ = databases
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    assert views.at_hand(None) is library  # a DM
    assert views.at_hand(SERVER) is None  # not known yet: nothing to offer rather than another server's stories
    assert await views.view(SERVER) is library
    assert views.at_hand(SERVER) is library  # known never to have changed what it searches
    views.changed(SERVER, (await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)).shelf_version)
    assert views.at_hand(SERVER) is None  # its first view is not built yet
    built = await views.view(SERVER)
    assert views.at_hand(SERVER) is built and "The Old Mill" in titles(built)
    views.changed(SERVER, await first.shelves.hide_library(SERVER, True))
    assert views.at_hand(SERVER) is built  # the view before the change, until the next one is built
    assert titles(await views.view(SERVER)) == ["The Old Mill"] == titles(views.at_hand(SERVER))
    assert views.at_hand(OTHER_SERVER) is None


def story_of(characters: int, seed: int) -> bytes:
    words = ["miller", "river", "lantern", "harbour", "orchard", "falcon", "meadow", "weaver"]
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < characters:
        paragraphs.append(" ".join(rng.choices(words, k=60)).capitalize() + ".")
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs).encode()


async def test_views_are_kept_within_their_memory_not_only_their_count(library, databases):
    """A public bot's servers may each search up to 64 MB of their own: 64 views kept by count alone held
    tens of GB, and the bot was killed for its memory. Here a megabyte holds two servers' views, not three."""
    first, _ = databases
    for server in (1, 2, 3):
        await first.shelves.add(server, "tale.txt", story_of(50_000, server), 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings(views_mb=1)), first.shelves)
    built = {server: await views.view(server) for server in (1, 2, 3)}
    assert await views.view(3) is built[3] and await views.view(2) is built[2]  # the two asked last are kept
    again = await views.view(1)  # the least recently asked went, and is built again
    assert again is not built[1] and titles(again) == titles(built[1])


async def test_a_view_larger_than_the_memory_for_views_is_still_kept_while_asked(library, databases):
    first, _ = databases
    await first.shelves.add(SERVER, "tale.txt", story_of(200_000, 1), 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings(views_mb=1)), first.shelves)
    view = await views.view(SERVER)
    assert view is not library and await views.view(SERVER) is view


async def test_a_reload_lets_the_views_built_on_the_library_before_it_go(library, databases, tmp_path):
    """A view built before /reload searches the old library, and held it in memory (a whole library, beside the
    new one) as long as the view was kept: for servers not asked since, until 64 others were built."""
    first, _ = databases
    for server in (SERVER, OTHER_SERVER):
        await first.shelves.add(server, "mill.md", MILL, 1, replace=False)
    holder = LibraryHolder(StoryLibrary.load(CORPUS), Settings(corpus=CORPUS, data=tmp_path / "data", index=None))
    views = ServerViews(holder, first.shelves)
    before = weakref.ref(await views.view(SERVER))
    analyzer = weakref.ref(holder.current.analyzer)  # and its word caches, which the shelf's parts keep no longer
    await holder.reload()
    assert "The Old Mill" in titles(await views.view(OTHER_SERVER))  # a view built on the new library
    gc.collect()
    assert before() is None and analyzer() is None
    assert "The Old Mill" in titles(await views.view(SERVER))  # built again when asked, on the new library


async def test_a_reload_analyses_no_shelf_again_and_changes_after_it_search_as_one_built_from_scratch(
    library, databases, tmp_path
):
    """A reload let every view go with its shelf's parts: each server's next view analysed its whole shelf again (25 s
    of CPU for a full 64 MB shelf), for a change of the owner's library that left the shelves as they were. Now the
    views go (they held the old library) and their shelves' parts stay: the next view only joins them with the new."""
    first, _ = databases
    for server in (SERVER, OTHER_SERVER):
        for n in (1, 3, 5):
            await first.shelves.add(server, f"tale-{n}.txt", story_of(3_000, server * n), 1, replace=False)
    folder = shutil.copytree(CORPUS, tmp_path / "corpus")
    holder = LibraryHolder(library, Settings(corpus=folder, data=tmp_path / "data", index=None))
    views = ServerViews(holder, first.shelves)
    before = {server: await views.view(server) for server in (SERVER, OTHER_SERVER)}
    (folder / "mill.md").write_bytes(MILL)
    await holder.reload()
    assert views.at_hand(SERVER) is not before[SERVER]  # let go at once, its shelf's parts kept
    for server in (SERVER, OTHER_SERVER):
        assert "The Old Mill" in titles(await views.view(server))
        assert views.built_stories(server) == ()
    added = await first.shelves.add(SERVER, "tale-4.txt", story_of(3_000, 4), 1, replace=False)
    views.changed(SERVER, added.shelf_version)
    view = await views.view(SERVER)
    assert views.built_stories(SERVER) == (added.version_id,)
    fresh = await ServerViews(LibraryHolder(holder.current, Settings()), first.shelves).view(SERVER)
    assert_same_view(view, fresh, holder.current)


def assert_same_view(view: StoryLibrary | None, fresh: StoryLibrary | None, library: StoryLibrary) -> None:
    """The view searches as one built from scratch (tests/core/test_shelf_parts.py compares them in full)."""
    assert fresh is not None and view is not None
    assert library_facts(view) == library_facts(fresh) and view.corpus.stories == fresh.corpus.stories
    terms = library.analyzer.terms("miller river lantern harbour")
    assert view.index.top(terms, 30) == fresh.index.top(terms, 30)


async def test_other_servers_are_answered_while_a_large_view_is_built(library, databases, monkeypatch):
    """A large shelf's view takes seconds to build (a shelf may search 64 MB of text).
    Built on the one ranking thread, it held every server's answers behind it; and servers whose views do not
    all fit in memory, asked in turn, could keep it building. Here the build is held in its thread until the
    answers are in: each must come while it is under way, on any machine, however fast or busy."""
    first, _ = databases
    await first.shelves.add(SERVER, "tale.txt", story_of(400_000, 7), 1, replace=False)
    under_way, answered = threading.Event(), threading.Event()

    def held_build(library: StoryLibrary | None, shelf: ShelfParts) -> StoryLibrary | None:
        """The real build, once the answers are in."""
        under_way.set()
        answered.wait()
        return server_view(library, shelf)

    monkeypatch.setattr(server_views, "server_view", held_build)
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    building = asyncio.create_task(views.view(SERVER))
    try:
        assert await asyncio.to_thread(under_way.wait, HANG_SECONDS)
        for _ in range(3):  # behind the build, each would wait until HANG_SECONDS
            asked = await asyncio.wait_for(ask_in_thread(library, "Where was Sébastien born?"), HANG_SECONDS)
            assert asked.answer.best is not None
        assert not building.done()
    finally:
        answered.set()
    assert titles(await building)[-1] == "Tale"


async def test_changes_made_at_once_each_find_their_story_in_the_view(library, databases):
    """A view asked for while one is being built waited for that build, which may have read the shelf before
    the change that asked: two managers' uploads at once, and one was told "Added `tale-1.txt`" with no title,
    from a view without it."""
    first, _ = databases
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    uploads = [story_file(b"# Tale %d\n\n" % n + story_of(300_000, n), "tale.txt", None) for n in range(3)]
    done = await asyncio.gather(
        *(add_to_shelf(first.shelves, views, SERVER, f"tale-{n}.txt", upload, 1) for n, upload in enumerate(uploads))
    )
    assert [None if d.story is None else d.story.title for d in done] == ["Tale 0", "Tale 1", "Tale 2"]


async def test_a_change_builds_only_its_story_and_the_view_searches_as_one_built_from_scratch(library, databases):
    """Every change used to read and analyse the whole shelf again (25 s of CPU for a full 64 MB shelf): now the
    server's view keeps its shelf's built parts and analyses only the stories changed since."""
    first, _ = databases
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    for n in (1, 3, 5, 7, 8, 9):
        await first.shelves.add(SERVER, f"tale-{n}.txt", story_of(3_000, n), 1, replace=False)
    await views.view(SERVER)
    shelf = await first.shelves.stories(SERVER)
    assert views.built_stories(SERVER) == tuple(s.version_id for s in shelf.stories)  # the first view: all of them
    added = await first.shelves.add(SERVER, "tale-4.txt", story_of(3_000, 4), 1, replace=False)
    replaced = await first.shelves.add(SERVER, "tale-7.txt", story_of(3_000, 70), 1, replace=True)
    views.changed(SERVER, replaced.shelf_version)
    await views.view(SERVER)
    assert views.built_stories(SERVER) == (added.version_id, replaced.version_id)
    three = next(s for s in shelf.stories if s.name == "tale-3.txt")
    views.changed(SERVER, (await first.shelves.remove(SERVER, three.story_id, 1)).shelf_version)
    view = await views.view(SERVER)
    assert views.built_stories(SERVER) == ()  # a removal analyses nothing
    restored = await first.shelves.restore(SERVER, replaced.previous_version_id or 0, 1)
    views.changed(SERVER, restored.shelf_version)
    view = await views.view(SERVER)
    # The version brought back is still in the part it was built in (only the other part, half of it gone, may be
    # built again).
    assert set(views.built_stories(SERVER) or ()) <= {added.version_id}
    assert titles(view)[-6:] == ["Tale 1", "Tale 4", "Tale 5", "Tale 7", "Tale 8", "Tale 9"]
    fresh = await ServerViews(LibraryHolder(library, Settings()), first.shelves).view(SERVER)
    assert_same_view(view, fresh, library)


def builds(caplog: pytest.LogCaptureFixture) -> dict[str, list[int]]:
    """The views built, by server, as the real build logs each: its shelf read and built ("whole"), or its parts kept
    joined with a reloaded library ("joined")."""
    found: dict[str, list[int]] = {"whole": [], "joined": []}
    for record in caplog.records:
        if record.name == server_views.__name__ and record.msg.startswith("Server %s: "):
            assert isinstance(record.args, tuple)
            server = record.args[0]
            assert isinstance(server, int)
            found["joined" if "joined with the reloaded library" in record.msg else "whole"].append(server)
    return found


async def reloading(library: StoryLibrary, databases, tmp_path: Path) -> tuple[LibraryHolder, ServerViews, Path]:
    """Views of two servers with a story each, built on a library whose folder is the test's own; OTHER_SERVER's
    built first, SERVER asked last."""
    first, _ = databases
    for server in (OTHER_SERVER, SERVER):
        await first.shelves.add(server, "tale.txt", b"# Tale\n\n" + story_of(3_000, server), 1, replace=False)
    folder = shutil.copytree(CORPUS, tmp_path / "corpus")
    holder = LibraryHolder(library, Settings(corpus=folder, data=tmp_path / "data", index=None))
    views = ServerViews(holder, first.shelves)
    for server in (OTHER_SERVER, SERVER):
        assert titles(await views.view(server))[-1] == "Tale"
    (folder / "mill.md").write_bytes(MILL)
    return holder, views, folder


async def test_after_a_reload_every_view_is_built_again_before_any_question_once(library, databases, tmp_path, caplog):
    """After /reload each server's first question waited for its view's join with the new library (20-40 ms a server
    on the bundled stories, far more on a big library): now the joins run in the background as soon as the new library
    is in, each once, and the question finds its view built."""
    holder, views, _ = await reloading(library, databases, tmp_path)
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    caplog.clear()
    await holder.reload()
    await views.rebuilt()  # no question asked
    built = {server: views.at_hand(server) for server in (SERVER, OTHER_SERVER)}
    for server, view in built.items():
        assert (
            view is not None
            and view.corpus.stories[: len(holder.current.corpus.stories)] == holder.current.corpus.stories
        )
        assert titles(view)[-1] == "Tale" and views.built_stories(server) == ()  # no shelf story analysed again
    for server in (SERVER, OTHER_SERVER):
        view = await views.view(server)
        assert (
            view is not None
            and view is built[server]
            and best_hit(view, "Who ground rye by the river?").story == "The Old Mill"
        )
    assert builds(caplog) == {"whole": [], "joined": [SERVER, OTHER_SERVER]}  # the server asked last first


def held_builds(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, threading.Event]:
    """Each view's build held in its thread until `answered` is set; `under_way` set when the first is held."""
    under_way, answered = threading.Event(), threading.Event()

    def held_build(library: StoryLibrary | None, shelf: ShelfParts) -> StoryLibrary | None:
        under_way.set()
        assert answered.wait(HANG_SECONDS)
        return server_view(library, shelf)

    monkeypatch.setattr(server_views, "server_view", held_build)
    return under_way, answered


async def test_questions_while_the_views_are_rebuilt_get_the_new_library_from_one_build_each(
    library, databases, tmp_path, monkeypatch, caplog
):
    """A question in the server being rebuilt waits for that build; one in a server not reached yet builds its own,
    which the rebuild then leaves alone: one build of each view, both on the new library."""
    holder, views, _ = await reloading(library, databases, tmp_path)
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    caplog.clear()
    under_way, answered = held_builds(monkeypatch)
    try:
        await holder.reload()
        assert await asyncio.to_thread(under_way.wait, HANG_SECONDS)  # the rebuild's first: SERVER, asked last
        asked = [asyncio.create_task(views.view(server)) for server in (SERVER, OTHER_SERVER)]
        await asyncio.sleep(0)  # each question runs until it waits for a build
        assert not any(task.done() for task in asked)
    finally:
        answered.set()
    for view in await asyncio.wait_for(asyncio.gather(*asked), HANG_SECONDS):
        assert view is not None and best_hit(view, "Who ground rye by the river?").story == "The Old Mill"
    await views.rebuilt()
    assert sorted(builds(caplog)["joined"]) == sorted([SERVER, OTHER_SERVER]) and builds(caplog)["whole"] == []
    assert [await views.view(server) for server in (SERVER, OTHER_SERVER)] == [
        views.at_hand(SERVER),
        views.at_hand(OTHER_SERVER),
    ]


async def test_a_view_built_while_the_library_was_reloaded_is_built_again_on_the_new_one(
    library, databases, tmp_path, monkeypatch
):
    """A question whose server's view was under way when a reload swapped the library in was answered from a view of
    the library before it, after the reload was reported."""
    first, _ = databases
    await first.shelves.add(SERVER, "tale.txt", b"# Tale\n\n" + story_of(3_000, 1), 1, replace=False)
    folder = shutil.copytree(CORPUS, tmp_path / "corpus")
    holder = LibraryHolder(library, Settings(corpus=folder, data=tmp_path / "data", index=None))
    views = ServerViews(holder, first.shelves)
    (folder / "mill.md").write_bytes(MILL)
    under_way, answered = held_builds(monkeypatch)
    try:
        asked = asyncio.create_task(views.view(SERVER))
        assert await asyncio.to_thread(under_way.wait, HANG_SECONDS)  # its view, on the library before the reload
        await holder.reload()
    finally:
        answered.set()
    view = await asyncio.wait_for(asked, HANG_SECONDS)
    assert view is not None and best_hit(view, "Who ground rye by the river?").story == "The Old Mill"
    assert titles(view)[-1] == "Tale"


async def test_a_server_that_looks_people_up_has_their_names_indexed_in_each_view_before_it_is_asked(
    library, databases, tmp_path
):
    """/performer's first keystroke after a reload indexed the names of the whole view (a second and more for a big
    library): now the view of a server whose people were looked up has them indexed once it is built. A server that
    never looked anyone up holds no such index."""
    holder, views, _ = await reloading(library, databases, tmp_path)
    lookup = look_up_person(await views.view(SERVER) or library, "Sofia")
    assert lookup.people
    await holder.reload()
    await views.rebuilt()
    await holder.warmed
    await asyncio.get_running_loop().run_in_executor(holder.warming, lambda: None)  # what was queued before is done
    assert holder.current.person_finder.warmed
    view, other = views.at_hand(SERVER), views.at_hand(OTHER_SERVER)
    assert view is not None and other is not None
    assert view.person_finder.warmed and not other.person_finder.warmed
    completed = view.person_finder.complete("Sofya")
    assert [p.name for p in completed] == [p.name for p in other.person_finder.complete("Sofya")]


async def test_at_start_up_the_views_of_servers_whose_shelves_changed_last_are_built_before_anyone_asks(
    library, databases, caplog
):
    """Each server's first question after a start waited for its whole shelf to be read and analysed. Now the views
    of the servers Discord sent are built ahead, the shelves changed last first, until the memory for views is full
    (here a megabyte: two of these three); a server with no stories of its own has nothing built."""
    first, _ = databases
    for server in (1, 2, 3):
        await first.shelves.add(server, "tale.txt", b"# Tale\n\n" + story_of(50_000, server), 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings(views_mb=1)), first.shelves)
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    views.build_ahead([1, 2, 3, OTHER_SERVER])
    await views.rebuilt()
    assert builds(caplog) == {"whole": [3, 2, 1], "joined": []}  # the third pushed the first out: no more built
    assert views.built_stories(1) is None and views.at_hand(OTHER_SERVER) is None  # nothing known of it
    ready = {server: views.at_hand(server) for server in (2, 3)}
    for server, view in ready.items():
        assert view is not None and titles(view)[-1] == "Tale" and await views.view(server) is view
    assert len(builds(caplog)["whole"]) == 3  # the questions built nothing


async def test_a_question_asked_as_a_build_ahead_finishes_finds_its_view_kept(library, databases, caplog):
    """A build was kept by a done callback, a turn of the event loop after it finished: a question asked in that turn
    was given the finished build and found no view kept (KeyError; after a reload, the view before), and one that
    needed a newer build would have spun on the finished one without end. The question here is asked in that very
    turn: from the build's own last log line, as the build returns."""
    first, _ = databases
    added = await first.shelves.add(SERVER, "tale.txt", story_of(3_000, 7), 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    questions: list[asyncio.Future[StoryLibrary | None]] = []

    class AskAsItIsBuilt(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if not questions and record.getMessage().startswith(f"Server {SERVER}: 1 stories of its own"):
                questions.append(asyncio.ensure_future(views.view(SERVER)))  # runs before the build's callbacks

    caplog.set_level(logging.INFO, logger=server_views.__name__)
    asking = AskAsItIsBuilt()
    logging.getLogger(server_views.__name__).addHandler(asking)
    try:
        views.build_ahead([SERVER])
        await views.rebuilt()
        assert questions, "the build ahead was not logged"
        view = await asyncio.wait_for(questions[0], HANG_SECONDS)
    finally:
        logging.getLogger(server_views.__name__).removeHandler(asking)
    assert view is not None and view is views.at_hand(SERVER) and views.built_stories(SERVER) == (added.version_id,)
    assert len(builds(caplog)["whole"]) == 1  # the question was given the build ahead, not a second one


async def test_a_question_that_waited_for_a_build_ahead_that_did_not_fit_gets_its_view(library, databases, monkeypatch):
    """Views built ahead fill the memory for them (a megabyte: two of these three); the third goes as soon as it is
    built. A question for its server that waited for that build ended in a KeyError: its view was not kept."""
    first, _ = databases
    for server in (1, 2, 3):
        await first.shelves.add(server, "tale.txt", b"# Tale\n\n" + story_of(50_000, server), 1, replace=False)
    under_way, asked = threading.Event(), threading.Event()
    calls: list[None] = []

    def third_held(library: StoryLibrary | None, shelf: ShelfParts) -> StoryLibrary | None:
        """The real build; the third (server 1's, built ahead last) once its question waits for it."""
        calls.append(None)
        if len(calls) == 3:
            under_way.set()
            asked.wait(HANG_SECONDS)
        return server_view(library, shelf)

    monkeypatch.setattr(server_views, "server_view", third_held)
    views = ServerViews(LibraryHolder(library, Settings(views_mb=1)), first.shelves)
    views.build_ahead([1, 2, 3])
    assert await asyncio.to_thread(under_way.wait, HANG_SECONDS)
    question = asyncio.ensure_future(views.view(1))
    await asyncio.sleep(0)  # the question's first step: it finds the build under way and waits for it
    asked.set()
    await views.rebuilt()
    view = await asyncio.wait_for(question, HANG_SECONDS)
    assert view is not None and titles(view)[-1] == "Tale" and len(calls) == 3  # the build ahead's, not another


async def test_a_stored_file_that_needs_more_memory_than_a_reader_may_take_is_skipped_and_the_rest_searched(
    library, databases, caplog
):
    """A view read its server's stored files in the bot's own process, with none of an upload's limits: a Word file
    of 108 KB that takes 0.43 GB to read (an upload passes with STORYBOT_UPLOAD_MB at 1024, the default) took it
    again in the bot at every view built after a start. A worker reads them now, within STORYBOT_UPLOAD_MB."""
    first, _ = databases
    await first.shelves.add(SERVER, "echo.docx", word_file(300_000), 1, replace=False)  # read at 1024 MB
    await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings(upload_mb=MIN_UPLOAD_MB)), first.shelves)
    shown = titles(await views.view(SERVER))
    assert "The Old Mill" in shown and "Echo" not in shown
    assert f"echo.docx, version 1): it needs more than {MIN_UPLOAD_MB} MB of memory to read" in caplog.text
    assert worker_processes(os.getpid()) == []  # the reader ended with the view's reading


async def stopped_reader(building: asyncio.Task, others: tuple[int, ...] = ()) -> int:
    """The worker process reading a view's files (not one of `others`), stopped by a signal: it reads no further."""
    deadline = asyncio.get_running_loop().time() + HANG_SECONDS
    while not (reading := [pid for pid in worker_processes(os.getpid()) if pid not in others]):
        assert asyncio.get_running_loop().time() < deadline and not building.done(), "no worker read the files"
        await asyncio.sleep(0.01)
    os.kill(reading[0], signal.SIGSTOP)
    return reading[0]


async def test_a_stored_file_whose_reading_stops_is_given_up_after_the_upload_time_and_the_rest_searched(
    library, databases, caplog
):
    """A file that reads for as long as an upload may (STORYBOT_UPLOAD_SECONDS) held the one thread every server's
    view is built in for as long, at every view built after a start, with no limit at all. Its reader is now ended
    past that time, and the view's other files read in a new one. A reader stopped by a signal reads no further, as
    one stuck in a file would: on any machine, however fast."""
    first, _ = databases
    await first.shelves.add(SERVER, "a-slow.docx", word_file(20_000), 1, replace=False)  # read first (by name)
    await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)
    views = ServerViews(LibraryHolder(library, Settings(upload_seconds=UPLOAD_SECONDS)), first.shelves)
    building = asyncio.create_task(views.view(SERVER))
    stopped = await stopped_reader(building)
    shown = titles(await asyncio.wait_for(building, HANG_SECONDS))
    assert "The Old Mill" in shown and "A Slow" not in shown
    assert f"a-slow.docx, version 1): it took longer than {UPLOAD_SECONDS} seconds to read" in caplog.text
    assert not Path(f"/proc/{stopped}").exists()  # ended, and waited for (no zombie left)
    assert worker_processes(os.getpid()) == []
    views.changed(SERVER, await first.shelves.hide_library(SERVER, True))
    assert titles(await views.view(SERVER)) == ["The Old Mill"]  # the file given up is not read again
    assert caplog.text.count("a-slow.docx") == 1


@asynccontextmanager
async def workers_watched() -> AsyncIterator[set[int]]:
    """The worker processes this process starts meanwhile, looked for every few milliseconds (a reader's lives for a
    second at least: its start imports the readers)."""
    before, seen = set(worker_processes(os.getpid())), set[int]()

    async def watch() -> None:
        while True:
            seen.update(set(worker_processes(os.getpid())) - before)
            await asyncio.sleep(0.005)

    watching = asyncio.create_task(watch())
    try:
        yield seen
    finally:
        watching.cancel()
        await asyncio.gather(watching, return_exceptions=True)
        seen.update(set(worker_processes(os.getpid())) - before)


def word_story(view: StoryLibrary | None) -> int:
    """The passages of the view's Word file (word_file's paragraphs, one passage each)."""
    assert view is not None
    return next(s.passage_count for s in view.corpus.stories if s.title == "Echo")


async def test_after_a_restart_a_view_reads_the_text_stored_with_each_upload_and_starts_no_reader(
    library, databases, caplog
):
    """A view built after a start read every stored file again: a Word file in a worker, up to STORYBOT_UPLOAD_SECONDS
    each, every server's files taking turns in it. The text an upload's reader read is stored with it now; a restore
    shows a kept version's text again."""
    first, second = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    kept = await add_to_shelf(first.shelves, here, SERVER, "echo.docx", story_file(word_file(30), "echo.docx", None), 1)
    await add_to_shelf(first.shelves, here, SERVER, "echo.docx", story_file(word_file(40), "echo.docx", None), 1)
    assert kept.change.version_id is not None
    await restore_on_shelf(first.shelves, here, SERVER, kept.change.version_id, 1)
    await add_to_shelf(first.shelves, here, SERVER, "mill.md", story_file(MILL, "mill.md", None), 1)
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    restarted = ServerViews(LibraryHolder(library, Settings()), second.shelves)
    async with workers_watched() as started:
        view = await restarted.view(SERVER)
    assert started == set() and "from its file" not in caplog.text
    assert "The Old Mill" in titles(view) and word_story(view) == 30  # the version restored


async def test_versions_from_before_texts_were_kept_are_read_once_and_their_text_stored_for_every_start_after(
    library, shelf_settings, caplog
):
    older = await Database.open(shelf_settings)
    echo, mill = word_file(30), MILL
    for name, data in (("echo.docx", echo), ("mill.md", mill)):
        await older.shelves.add(SERVER, name, data, 1, replace=False)
    await downgraded(older, "0004")  # as storybot left them before texts were kept
    await older.close()
    upgraded = await Database.open(shelf_settings)
    try:
        caplog.set_level(logging.INFO, logger=server_views.__name__)
        async with workers_watched() as started:
            view = await ServerViews(LibraryHolder(library, Settings()), upgraded.shelves).view(SERVER)
        assert len(started) == 1 and caplog.text.count("from its file: no text was stored with it") == 2
        assert "The Old Mill" in titles(view) and word_story(view) == 30
        caplog.clear()
        async with workers_watched() as started:  # the next start
            again = await ServerViews(LibraryHolder(library, Settings()), upgraded.shelves).view(SERVER)
        assert started == set() and "from its file" not in caplog.text
        assert titles(again) == titles(view) and word_story(again) == 30
        shelf = await upgraded.shelves.stories(SERVER)
        assert [await upgraded.shelves.file(s.version_id) for s in shelf.stories] == [echo, mill]  # files untouched
    finally:
        await upgraded.close()


async def test_text_stored_by_other_readers_or_unreadable_is_read_again_from_the_file_and_stored_anew(
    library, databases, caplog, monkeypatch
):
    first, _ = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    echo = await add_to_shelf(first.shelves, here, SERVER, "echo.docx", story_file(word_file(30), "echo.docx", None), 1)
    mill = await add_to_shelf(first.shelves, here, SERVER, "mill.md", story_file(MILL, "mill.md", None), 1)
    assert echo.change.version_id is not None and mill.change.version_id is not None
    before = stored_reading()
    monkeypatch.setattr(stored_text, "FORMAT", stored_text.FORMAT + 1)  # as if the readers had changed since
    unreadable = StoredText(stored_reading(), b"not a stored text")
    assert await first.shelves.keep_text(mill.change.version_id, unreadable, replacing=before) is TextKept.STORED
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    view = await ServerViews(LibraryHolder(library, Settings()), first.shelves).view(SERVER)
    assert "The Old Mill" in titles(view) and word_story(view) == 30
    assert "echo.docx, version 1) from its file: its text was stored by older readers." in caplog.text
    assert "mill.md, version 2) from its file: its stored text is no stored text (" in caplog.text
    for version in (echo.change.version_id, mill.change.version_id):
        stored = await text_stored(first.shelves, version)
        assert stored is not None and stored.reading == stored_reading()  # the readers' of now
    caplog.clear()
    again = await ServerViews(LibraryHolder(library, Settings()), first.shelves).view(SERVER)
    assert titles(again) == titles(view) and "from its file" not in caplog.text


async def test_a_stored_pdf_read_with_half_a_surrogate_pair_is_searched_and_its_text_stored(
    library, databases, tmp_path
):
    """A PDF stored before texts were kept, whose font maps a code to U+D800 (pypdf reads it as that lone
    surrogate): storing its text raised UnicodeEncodeError out of the view's build, and the server's questions
    failed, its other stories too."""
    first, _ = databases
    write_two_byte_page(tmp_path / "weir.pdf", "The miller crossed the weir \ud800 at dawn.")
    pdf = await first.shelves.add(SERVER, "weir.pdf", (tmp_path / "weir.pdf").read_bytes(), 1, replace=False)
    await first.shelves.add(SERVER, "mill.md", MILL, 1, replace=False)
    view = await ServerViews(LibraryHolder(library, Settings()), first.shelves).view(SERVER)
    assert {"The Old Mill", "Weir"} <= set(titles(view))
    assert pdf.version_id is not None and await text_stored(first.shelves, pdf.version_id) is not None


async def test_a_view_reads_its_stories_stored_texts_in_a_few_statements_not_one_each(library, databases):
    """A view after a start read each story's stored text with a statement of its own: a server's 500 stories were 500
    round trips to the database (on PostgreSQL, over the network) before its first question was answered."""
    first, second = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    for number in range(12):
        upload = story_file(f"# Mill {number}\n\nThe miller ground rye.".encode(), f"mill{number}.md", None)
        await add_to_shelf(first.shelves, here, SERVER, f"mill{number}.md", upload, 1)
    read: list[str] = []

    def counted(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        if "FROM shelf_texts" in statement:
            read.append(statement)

    sa.event.listen(second.engine.sync_engine, "before_cursor_execute", counted)
    view = await ServerViews(LibraryHolder(library, Settings()), second.shelves).view(SERVER)
    assert len([t for t in titles(view) if t.startswith("Mill ")]) == 12 and len(read) == 1


async def test_a_stored_text_that_unpacks_past_what_a_reader_may_take_is_read_again_from_its_file(
    library, databases, caplog
):
    """A damaged or hostile row: zlib packs a gigabyte of one byte in a megabyte, and a view unpacked whatever it held
    (here a story padded with 2 MB of spaces, which JSON reads past, in 2 KB)."""
    first, _ = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    mill = await add_to_shelf(first.shelves, here, SERVER, "mill.md", story_file(MILL, "mill.md", None), 1)
    assert mill.change.version_id is not None
    story = b'{"title": "Bomb", "texts": ["Boom."], "paragraphs": [0], "numbers": [0], "chapters": [[0, null]]}'
    bomb = zlib.compress(b" " * 2**21 + story, 9)
    assert len(bomb) < 2**12
    await first.shelves.keep_text(
        mill.change.version_id, StoredText(stored_reading(), bomb), replacing=stored_reading()
    )
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    # 1 MB, the most a reader may take, and so a stored text unpack to (.md is read in the bot, not in a reader)
    view = await ServerViews(LibraryHolder(library, Settings(upload_mb=1)), first.shelves).view(SERVER)
    assert "The Old Mill" in titles(view) and "Bomb" not in titles(view)
    assert f"from its file: its stored text is no stored text (unpacks to more than {2**20} bytes)" in caplog.text
    stored = await text_stored(first.shelves, mill.change.version_id)
    assert stored is not None and len(stored.packed) < len(bomb)  # the file's text, stored in its place


async def test_a_stored_text_that_reading_would_make_past_what_a_reader_may_take_is_read_again_from_its_file(
    library, databases, caplog
):
    """Within the bytes it may unpack to, a hostile row could be read into 25 times them: here 300 KB of empty dicts
    beside a story, which json read into 7 MB, in a view whose reader may take 1 MB."""
    first, _ = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    mill = await add_to_shelf(first.shelves, here, SERVER, "mill.md", story_file(MILL, "mill.md", None), 1)
    assert mill.change.version_id is not None
    dicts = b",".join([b"{}"] * 100_000)
    story = b'"texts": ["Boom."], "paragraphs": [0], "numbers": [0], "chapters": [[0, null]]}'
    hostile = zlib.compress(b'{"title": "Bomb", "x": [' + dicts + b"], " + story, 9)
    await first.shelves.keep_text(
        mill.change.version_id, StoredText(stored_reading(), hostile), replacing=stored_reading()
    )
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    view = await ServerViews(LibraryHolder(library, Settings(upload_mb=1)), first.shelves).view(SERVER)
    assert "The Old Mill" in titles(view) and "Bomb" not in titles(view)
    assert "from its file: its stored text is no stored text (reading it would take" in caplog.text
    assert f"more than {2**20})" in caplog.text


async def test_texts_a_view_stores_later_count_against_what_the_server_may_store_and_a_full_one_reads_its_files(
    library, databases, caplog
):
    """Versions from before texts were kept have their text stored by the first view that reads their file: those
    texts were never counted, so a server could store past STORYBOT_SHELF_STORED_MB. Past it now, a text is not
    stored, the view searches the file's story all the same, and the log says so once, not once a story."""
    first, _ = databases
    for name in ("mill.md", "weir.md"):  # as before texts were kept
        await first.shelves.add(SERVER, name, MILL.replace(b"Old Mill", name.encode()), 1, replace=False)
    stored = sum(len(MILL) + 4 + VERSION_BYTES for _ in range(2))
    full = ShelfStore(first.guarded, most_stored=stored + 40)  # room for no text
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    view = await ServerViews(LibraryHolder(library, Settings()), full).view(SERVER)
    assert {"The mill.md", "The weir.md"} <= set(titles(view))
    assert caplog.text.count(f"Server {SERVER} stores all it may (STORYBOT_SHELF_STORED_MB)") == 1
    shelf = await first.shelves.stories(SERVER)
    assert [await text_stored(first.shelves, s.version_id) for s in shelf.stories] == [None, None]
    roomy = ShelfStore(first.guarded, most_stored=stored + 2**20)
    await ServerViews(LibraryHolder(library, Settings()), roomy).view(SERVER)
    assert all([await text_stored(first.shelves, s.version_id) for s in shelf.stories])


async def test_processes_whose_readers_differ_keep_the_newer_text_and_stop_reading_files_again(
    library, databases, caplog, monkeypatch, tmp_path
):
    """Two processes on one database, one with newer readers (a rolling upgrade): each read the other's stored texts
    as stale, read every file again and stored its own text over the other's, so both read files at every start. The
    older one, which cannot unpack the newer layout, read its file at every start still: it reads it once now, and
    keeps its own text in its data folder (bot.core.own_texts)."""
    first, second = databases
    older_settings = Settings(data=tmp_path / "older")
    monkeypatch.setattr(stored_text, "FORMAT", stored_text.FORMAT + 1)  # the newer process uploads
    newer = stored_reading()
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    echo = await add_to_shelf(first.shelves, here, SERVER, "echo.docx", story_file(word_file(30), "echo.docx", None), 1)
    assert echo.change.version_id is not None
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    caplog.set_level(logging.DEBUG, logger=server_views.__name__)
    for start in range(2):  # the older process, started twice: it reads the file once, and leaves the newer text
        monkeypatch.setattr(stored_text, "FORMAT", stored_text.FORMAT - 1)
        async with workers_watched() as read_here:
            older = await ServerViews(LibraryHolder(library, older_settings), second.shelves).view(SERVER)
        assert word_story(older) == 30
        said = "from its file: its text was stored by newer readers in a layout not read here, and stands."
        assert (said in caplog.text, bool(read_here)) == ((True, True) if start == 0 else (False, False))
        assert caplog.text.count("Shelf texts were stored by a newer storybot") == 1
        stored = await text_stored(first.shelves, echo.change.version_id)
        assert stored is not None and stored.reading == newer
        monkeypatch.setattr(stored_text, "FORMAT", stored_text.FORMAT + 1)  # the newer process, started again
        caplog.clear()
        async with workers_watched() as started:
            view = await ServerViews(LibraryHolder(library, Settings()), first.shelves).view(SERVER)
        assert started == set() and "from its file" not in caplog.text and word_story(view) == 30


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
async def test_an_older_process_whose_data_folder_is_pointed_at_another_database_reads_that_ones_files(
    library, kind, tmp_path, request, monkeypatch
):
    """The text an older process keeps where a newer storybot's, in a layout it cannot unpack, stands in the database:
    that newer text is never read from the database (FoundText.packed is None), so it cannot tell two databases'
    versions apart. Here both have story 1, echo.docx, at version 1, with other files: the second database's view
    searches the second's file, not the text the first's left in the data folder."""
    older_settings = Settings(data=tmp_path / "older")
    databases = [await Database.open(settings_of(kind, tmp_path, request, name)) for name in ("first", "second")]
    try:
        for database, paragraphs in zip(databases, (30, 40), strict=True):
            monkeypatch.setattr(stored_text, "FORMAT", stored_text.FORMAT + 1)  # a newer process uploads
            here = ServerViews(LibraryHolder(library, Settings()), database.shelves)
            echo = await add_to_shelf(
                database.shelves, here, SERVER, "echo.docx", story_file(word_file(paragraphs), "echo.docx", None), 1
            )
            assert (echo.change.story_id, echo.change.version_id) == (1, 1)
            monkeypatch.undo()  # the older process, on the one data folder
            older = await ServerViews(LibraryHolder(library, older_settings), database.shelves).view(SERVER)
            assert word_story(older) == paragraphs
    finally:
        for database in databases:
            await database.close()


async def test_an_older_process_uses_the_texts_newer_readers_stored_in_its_layout_and_never_stores_over_them(
    library, databases, caplog, monkeypatch, tmp_path
):
    """An older process of a rolling upgrade read again, at every start and in a worker each, every file whose text
    newer readers (a higher READING_VERSION) had stored, though it unpacks that text as well as its own. It uses their
    text now, as the newer process does (their passages, so both agree on them), says once in the log that a newer
    storybot stored it, and stores nothing over it: not even over a newer text it cannot unpack, whose file it read at
    every start (after a rollback, until the newer storybot came back): once now, its text kept in its data folder."""
    first, second = databases
    older_settings = Settings(data=tmp_path / "older")
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    uploaded = []
    for name in ("echo.docx", "mill.md"):
        content = word_file(30) if name == "echo.docx" else MILL
        added = await add_to_shelf(first.shelves, here, SERVER, name, story_file(content, name, None), 1)
        assert added.change.version_id is not None
        uploaded.append(added.change.version_id)
    echo, mill = uploaded
    ours = stored_reading()
    monkeypatch.setattr(readers, "READING_VERSION", readers.READING_VERSION + 1)
    newer = stored_reading()
    monkeypatch.undo()
    assert newer != ours and newer.startswith(stored_layout()) and newer_reading(newer, ours)
    stored = await text_stored(first.shelves, echo)
    assert stored is not None
    as_newer_read = unpack_story(1, "echo.docx", stored.packed, 2**30)
    as_newer_read = dataclasses.replace(as_newer_read, title="Echo, as newer readers read it")
    kept = await first.shelves.keep_text(echo, StoredText(newer, pack_story(as_newer_read)), replacing=ours)
    assert kept is TextKept.STORED
    damaged = StoredText(newer, b"no zlib stream")  # newer readers', damaged: no reason to store over it
    assert await first.shelves.keep_text(mill, damaged, replacing=ours) is TextKept.STORED
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    for start in range(2):  # the older process, started twice
        caplog.clear()
        async with workers_watched() as started:
            view = await ServerViews(LibraryHolder(library, older_settings), second.shelves).view(SERVER)
        assert "Echo, as newer readers read it" in titles(view) and "The Old Mill" in titles(view)
        assert started == set()  # no Word file read: the mill's Markdown is read in this process
        read = [line for line in caplog.messages if line.startswith("Read the shelf story")]  # the damaged one's
        if start == 0:
            assert len(read) == 1 and "(mill.md, version" in read[0]
            assert "from its file: its stored text is no stored text" in read[0]
        else:
            assert read == []  # the mill's text, read at the first start, kept in the older one's data folder
        assert caplog.text.count("Shelf texts were stored by a newer storybot") == 1
        assert await text_stored(first.shelves, echo) == StoredText(newer, pack_story(as_newer_read))
        assert await text_stored(first.shelves, mill) == damaged


async def test_an_older_process_uses_the_newer_text_once_its_limit_is_raised_and_its_own_only_where_it_must(
    library, databases, caplog, monkeypatch, tmp_path
):
    """An older process keeps its own reading of a file whose newer text unpacks past its STORYBOT_UPLOAD_MB. Started
    again with the limit raised, it served its own reading still, looked up before the newer text: the newer text wins
    now wherever it unpacks here (both processes then agree on its passages), the kept one only where it does not,
    and no file is read again."""
    first, second = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    added = await add_to_shelf(first.shelves, here, SERVER, "mill.md", story_file(MILL, "mill.md", None), 1)
    mill = added.change.version_id
    stored = await text_stored(first.shelves, mill) if mill is not None else None
    assert mill is not None and stored is not None
    ours = stored_reading()
    monkeypatch.setattr(readers, "READING_VERSION", readers.READING_VERSION + 1)
    newer = stored_reading()
    monkeypatch.undo()
    as_newer_read = unpack_story(1, "mill.md", stored.packed, 2**30)
    as_newer_read = dataclasses.replace(as_newer_read, title="Mill, as newer readers read it")
    padded = zlib.compress(b" " * 2**21 + zlib.decompress(pack_story(as_newer_read)), 9)  # 2 MB: past 1 MB
    assert await first.shelves.keep_text(mill, StoredText(newer, padded), replacing=ours) is TextKept.STORED
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    for start, upload_mb in enumerate((1, UPLOAD_MB, 1)):  # the older process, its limit raised, then lowered again
        caplog.clear()
        settings = Settings(data=tmp_path / "older", upload_mb=upload_mb)
        view = await ServerViews(LibraryHolder(library, settings), second.shelves).view(SERVER)
        title = "The Old Mill" if upload_mb == 1 else "Mill, as newer readers read it"
        assert title in titles(view) and len(titles(view)) == len(titles(library)) + 1
        read = [line for line in caplog.messages if line.startswith("Read the shelf story")]
        assert len(read) == (1 if start == 0 else 0)  # at the first start alone: its reading kept since
        assert await text_stored(first.shelves, mill) == StoredText(newer, padded)


async def test_a_story_let_go_from_memory_while_its_view_is_built_is_read_from_its_stored_text_not_its_file(
    library, databases, caplog
):
    """A view reads the stored texts of the stories it does not hold in memory before it reads any; one held then
    can be let go while the others are read (the memory for views holds one of these two), and its file was read
    again as if no text were stored with it."""
    first, second = databases
    here = ServerViews(LibraryHolder(library, Settings()), first.shelves)
    for number, name in enumerate(("a.md", "b.md")):
        await add_to_shelf(first.shelves, here, SERVER, name, story_file(story_of(80_000, number), name, None), 1)
    views = ServerViews(LibraryHolder(library, Settings(views_mb=1)), second.shelves)
    await views.view(SERVER)  # holds b.md's story, the one read last
    caplog.set_level(logging.INFO, logger=server_views.__name__)
    views.changed(SERVER, await second.shelves.hide_library(SERVER, True))
    view = await views.view(SERVER)
    assert len(titles(view)) == 2 and "from its file" not in caplog.text
