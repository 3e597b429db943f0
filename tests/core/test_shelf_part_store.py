"""A server's shelf parts saved and loaded again, as a start loads them: a view built from them analyses nothing and
answers as one built from the texts; parts of other stories (another database's, whose version ids collide), of
another server, damaged, cut short or in another format are not used, said in one line of the log, and built again;
the parts a view no longer uses are removed as the next are saved."""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import io
import json
import logging
import os
import shutil
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from numpy.lib import format as npy

from bot.core import shelf_parts as shelf_parts_module
from bot.core.library import StoryLibrary
from bot.core.segments import Segment, SegmentedIndex
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_part_store import ABOUT, LEFT_SECONDS, META, UNUSED_DAYS, USED_SECONDS, ShelfPartStore
from bot.core.shelf_parts import Run, ShelfParts, shelf_parts
from tests.conftest import CORPUS
from tests.core.story_folder import tale
from tests.core.test_shelf_parts import Shelf, Versions, assert_same
from tests.unpickled import unpickled_classes

SERVER, OTHER_SERVER = 11, 22


def bundled_and_tales(versions: Versions, seed: int = 0, first_story: int = 1) -> Shelf:
    """The bundled stories and 9 generated tales, each a story of its own, in shelf order."""
    shelf = [
        (versions.last + 1 + n, ShelfStoryText.read(first_story + n, path.name, path.read_bytes()))
        for n, path in enumerate(sorted(CORPUS.iterdir()))
    ]
    versions.last += len(shelf)
    return shelf + [versions.story(first_story + 10 + n, f"tale-{n}.md", seed) for n in range(9)]


def saved_in_changes(library: StoryLibrary, store: ShelfPartStore, server: int, shelf: Shelf) -> ShelfParts:
    """The shelf grown in three changes, its parts saved after each, as a server's views save them."""
    parts = None
    for stop in (4, 8, len(shelf)):
        parts = shelf_parts(shelf[:stop], library.analyzer, library.index.params, parts)
        store.save(server, parts, shelf[:stop])
    assert parts is not None
    return parts


def part_folders(store: ShelfPartStore, library: StoryLibrary, server: int = SERVER) -> list[Path]:
    folder = store.folder(server, library.analyzer)
    return sorted(path for path in folder.iterdir()) if folder.exists() else []


def loaded(store: ShelfPartStore, library: StoryLibrary, shelf: Shelf, server: int = SERVER) -> ShelfParts | None:
    return store.load(server, shelf, library.analyzer, library.index.params)


def restarted(store: ShelfPartStore) -> ShelfPartStore:
    """The store as a new process opens it, with nothing in memory."""
    return ShelfPartStore(store.base)


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.core.shelf_part_store" and r.levelno >= logging.WARNING]


@pytest.fixture
def store(tmp_path: Path) -> ShelfPartStore:
    return ShelfPartStore(tmp_path / "data" / "shelf-parts")


@pytest.mark.parametrize("hidden", [False, True], ids=["with the library", "library hidden"])
def test_a_view_from_saved_parts_analyses_nothing_and_answers_as_one_built_from_the_texts(library, store, hidden):
    owner = None if hidden else library
    versions = Versions()
    shelf = bundled_and_tales(versions)
    saved_in_changes(library, store, SERVER, shelf)
    assert len(part_folders(store, library)) == 3
    with unpickled_classes() as unpickled:
        kept = loaded(restarted(store), library, shelf)
    assert not unpickled
    assert kept is not None and len(kept.built_parts) == 3
    analyzer, params = library.analyzer, library.index.params
    parts = shelf_parts(shelf, analyzer, params, kept)
    assert parts.built == ()
    from_texts = server_view(owner, shelf_parts(shelf, analyzer, params))
    view = server_view(owner, parts)
    assert view is not None and from_texts is not None
    assert_same(view, from_texts)
    # A change after the start analyses only its story, and runs of the saved parts search as one build too.
    shelf[5] = versions.story(shelf[5][1].story, shelf[5][1].name, 7)
    changed = shelf_parts(shelf, analyzer, params, parts)
    assert changed.built == (shelf[5][0],)
    changed_view, fresh = server_view(owner, changed), server_view(owner, shelf_parts(shelf, analyzer, params))
    assert changed_view is not None and fresh is not None
    assert_same(changed_view, fresh)


def test_parts_another_database_saved_under_the_same_versions_are_never_served(library, store, caplog):
    """A data folder pointed at another database: its versions are numbered 1, 2, ... as this one's were, and its
    stories are others (other texts under the same story ids and names, or the same texts under other ids)."""
    caplog.set_level(logging.INFO)
    saved_in_changes(library, store, SERVER, bundled_and_tales(Versions()))
    analyzer, params = library.analyzer, library.index.params
    for other in (bundled_and_tales(Versions(), seed=3), bundled_and_tales(Versions(), first_story=100)):
        assert [v for v, _ in other] == list(range(1, 13))
        caplog.clear()
        assert loaded(restarted(store), library, other) is None
        assert len(warnings_of(caplog)) == 3  # one line a part
        assert all("other stories" in r.getMessage() and r.exc_info is None for r in warnings_of(caplog))
    # The other database's shelf analysed, its view as its texts give, and its parts saved in place of the others.
    other = bundled_and_tales(Versions(), seed=3)
    store = restarted(store)
    parts = shelf_parts(other, analyzer, params, loaded(store, library, other))
    assert parts.built == tuple(range(1, 13))
    view, fresh = server_view(library, parts), server_view(library, shelf_parts(other, analyzer, params))
    assert view is not None and fresh is not None
    assert_same(view, fresh)
    store.save(SERVER, parts, other)
    assert len(part_folders(store, library)) == 1
    again = loaded(restarted(store), library, other)
    assert again is not None and shelf_parts(other, analyzer, params, again).built == ()


def cut_short(part: Path) -> None:
    data = (part / "docs.npy").read_bytes()
    (part / "docs.npy").write_bytes(data[: len(data) // 2])


def flip_a_byte(part: Path) -> None:
    data = bytearray((part / META).read_bytes())
    data[len(data) // 2] ^= 0x01
    (part / META).write_bytes(bytes(data))


def about_rewritten(**changed: object) -> object:
    def change(part: Path) -> None:
        about = json.loads((part / ABOUT).read_text())
        (part / ABOUT).write_text(json.dumps(about | changed))

    return change


def not_json(part: Path) -> None:
    (part / ABOUT).write_bytes(b"\x00\xff{[")


def file_gone(part: Path) -> None:
    (part / "word_surface.npy").unlink()


def others_may_write(part: Path) -> None:
    (part / "tf.npy").chmod(0o666)


def recorded(part: Path, name: str, data: bytes) -> None:
    """A file of the part written with `data`, its size and checksum in the description written to match: nothing a
    checksum finds (a program or a hand that wrote it), so the part's own checks must refuse it."""
    (part / name).write_bytes(data)
    about = json.loads((part / ABOUT).read_text())
    about["files"][name] = {"bytes": len(data), "blake2b": hashlib.blake2b(data).hexdigest()}
    (part / ABOUT).write_text(json.dumps(about))


def a_pickle(part: Path) -> None:
    """An array file replaced by a pickle (an object array), its checksum written to match: read, never unpickled."""
    written = io.BytesIO()
    np.save(written, np.array([object()], dtype=object), allow_pickle=True)
    recorded(part, "tf.npy", written.getvalue())


def a_trillion_said(part: Path) -> None:
    """An array whose header says it holds a trillion numbers, three following: loading made the array the header
    asked for (7 TiB) before reading any."""
    written = io.BytesIO()
    npy.write_array_header_1_0(written, {"descr": "<i8", "fortran_order": False, "shape": (10**12,)})
    written.write(np.arange(3, dtype=np.int64).tobytes())
    recorded(part, "docs.npy", written.getvalue())


def array_changed(name: str, how: Callable[[np.ndarray], np.ndarray]) -> Callable[[Path], None]:
    def change(part: Path) -> None:
        written = io.BytesIO()
        np.save(written, how(np.load(part / f"{name}.npy")), allow_pickle=False)
        recorded(part, f"{name}.npy", written.getvalue())

    return change


def meta_changed(key: str, how: Callable[[list[object]], list[object]]) -> Callable[[Path], None]:
    def change(part: Path) -> None:
        meta = json.loads((part / META).read_text())
        recorded(part, META, json.dumps(meta | {key: how(meta[key])}).encode())

    return change


def about_linked(part: Path) -> None:
    """Its description a link to a copy elsewhere: a part's files are its own, none a link."""
    elsewhere = part.parent.parent / "elsewhere.json"
    shutil.copyfile(part / ABOUT, elsewhere)
    (part / ABOUT).unlink()
    (part / ABOUT).symlink_to(elsewhere)


def grown_sparse(name: str) -> Callable[[Path], None]:
    """The file grown to a terabyte with no disk taken (sparse): read whole, it would take a terabyte of memory."""

    def change(part: Path) -> None:
        os.truncate(part / name, 2**40)

    return change


DAMAGE = {
    "an array cut short": cut_short,
    "a byte changed": flip_a_byte,
    "its description not JSON": not_json,
    "an older format": about_rewritten(format=0),
    "its description damaged": about_rewritten(versions="1,2"),
    "a file gone": file_gone,
    "a file others may write": others_may_write,
    "a pickle in place of an array": a_pickle,
    "its description a link": about_linked,
    "an array a terabyte long": grown_sparse("docs.npy"),
    "an array said to hold a trillion numbers": a_trillion_said,
    "a description a terabyte long": grown_sparse(ABOUT),
    "terms that are no words": meta_changed("terms", lambda terms: list(range(len(terms)))),
    "speller words that are no words": meta_changed("speller_words", lambda words: [[w] for w in words]),
    "words of terms the postings lack": meta_changed("word_terms", lambda terms: [f"{t}zq" for t in terms]),
    "people named by no word": meta_changed(
        "people", lambda people: [[1, *p[1:]] for p in people if isinstance(p, list)]
    ),
    "passage lengths that are no numbers": array_changed("doc_len", lambda lengths: lengths * np.nan),
    "term frequencies below zero": array_changed("tf", lambda tf: -tf.astype(np.int64)),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_part_is_said_once_built_again_and_replaced(library, store, caplog, damage):
    caplog.set_level(logging.INFO)
    shelf = bundled_and_tales(Versions())
    analyzer, params = library.analyzer, library.index.params
    store.save(SERVER, shelf_parts(shelf, analyzer, params), shelf)
    (damaged,) = part_folders(store, library)
    damage(damaged)
    store = restarted(store)
    with unpickled_classes() as unpickled:
        assert loaded(store, library, shelf) is None
    assert not unpickled
    (warning,) = warnings_of(caplog)
    assert damaged.name in warning.getMessage() and warning.exc_info is None
    parts = shelf_parts(shelf, analyzer, params, None)
    store.save(SERVER, parts, shelf)
    (replaced,) = part_folders(store, library)
    assert replaced != damaged
    kept = loaded(restarted(store), library, shelf)
    assert kept is not None and shelf_parts(shelf, analyzer, params, kept).built == ()


def test_a_servers_store_others_may_write_is_not_read(library, store, caplog):
    shelf = bundled_and_tales(Versions())
    saved_in_changes(library, store, SERVER, shelf)
    store.folder(SERVER, library.analyzer).chmod(0o777)
    assert loaded(restarted(store), library, shelf) is None
    (warning,) = warnings_of(caplog)
    assert "Not using the saved shelf parts of server 11" in warning.getMessage() and warning.exc_info is None


def test_parts_saved_under_a_umask_that_lets_the_group_write_are_loaded(library, store):
    """A umask of 002 (a user's own group, as many systems give a login) made the server's folder, created as a parent
    of the version's, one its group may write: every save was refused (its store not the user's alone), and every
    start analysed the whole shelf again."""
    shelf = bundled_and_tales(Versions())
    before = os.umask(0o002)
    try:
        saved_in_changes(library, store, SERVER, shelf)
    finally:
        os.umask(before)
    kept = loaded(restarted(store), library, shelf)
    assert kept is not None and shelf_parts(shelf, library.analyzer, library.index.params, kept).built == ()


def test_one_servers_parts_are_never_loaded_for_another(library, store, caplog):
    shelf = bundled_and_tales(Versions())
    saved_in_changes(library, store, SERVER, shelf)
    assert loaded(restarted(store), library, shelf, OTHER_SERVER) is None
    # Copied into the other server's store, they are said to be another's, and not used.
    other = store.folder(OTHER_SERVER, library.analyzer)
    shutil.copytree(store.folder(SERVER, library.analyzer), other)
    assert loaded(restarted(store), library, shelf, OTHER_SERVER) is None
    assert [r for r in warnings_of(caplog) if f"saved for server {SERVER}" in r.getMessage()] != []


def test_a_story_removed_since_is_never_searched_from_its_saved_part_and_the_rest_is(library, store):
    """A start fetches no text of a story no longer on the shelf, so its part cannot check it: the part's other
    stories are searched as saved, and it, restored, is analysed again."""
    shelf = bundled_and_tales(Versions())
    saved_in_changes(library, store, SERVER, shelf)
    analyzer, params = library.analyzer, library.index.params
    removed = shelf.pop(3)  # of the first change's part: tale 0, its smallest story
    store = restarted(store)
    kept = loaded(store, library, shelf)
    assert kept is not None and len(kept.built_parts) == 3
    parts = shelf_parts(shelf, analyzer, params, kept)
    assert parts.built == ()
    view, fresh = server_view(library, parts), server_view(library, shelf_parts(shelf, analyzer, params))
    assert view is not None and fresh is not None
    assert_same(view, fresh)
    shelf.insert(3, removed)  # restored
    restored = shelf_parts(shelf, analyzer, params, parts)
    assert restored.built == (removed[0],)
    view, fresh = server_view(library, restored), server_view(library, shelf_parts(shelf, analyzer, params))
    assert view is not None and fresh is not None
    assert_same(view, fresh)


def test_a_removed_story_said_to_hold_more_passages_than_its_part_has_is_refused(library, store, caplog):
    """A story no longer on the shelf stands in its part with as many empty passages as the description says: a
    trillion took terabytes of memory before any check (a MemoryError, not a refusal)."""
    shelf = bundled_and_tales(Versions())
    store.save(SERVER, shelf_parts(shelf, library.analyzer, library.index.params), shelf)
    (part,) = part_folders(store, library)
    about = json.loads((part / ABOUT).read_text())
    about["stories"][3][2] = 10**12
    (part / ABOUT).write_text(json.dumps(about))
    del shelf[3]
    assert loaded(restarted(store), library, shelf) is None
    (warning,) = warnings_of(caplog)
    assert part.name in warning.getMessage() and warning.exc_info is None


def test_a_part_none_of_whose_stories_is_on_the_shelf_is_not_used_and_goes_at_the_next_save(library, store, caplog):
    caplog.set_level(logging.INFO)
    shelf = bundled_and_tales(Versions())
    saved_in_changes(library, store, SERVER, shelf)
    before = {path: json.loads((path / ABOUT).read_text())["versions"] for path in part_folders(store, library)}
    del shelf[:4]  # the first change's part
    store = restarted(store)
    kept = loaded(store, library, shelf)
    assert kept is not None and len(kept.built_parts) == 2 and not warnings_of(caplog)
    assert any("none of its stories" in r.getMessage() for r in caplog.records)
    parts = shelf_parts(shelf, library.analyzer, library.index.params, kept)
    assert parts.built == ()
    store.save(SERVER, parts, shelf)
    after = set(part_folders(store, library))
    (gone,) = before.keys() - after
    assert before[gone] == [1, 2, 3, 4] and len(after) == 2


def test_a_start_counts_each_story_its_saved_parts_hold_once(library, store, monkeypatch, caplog):
    """A merge builds a story again in a new part while its old part, still used for its other stories, holds it
    too: the log said the parts held more stories than the shelf has."""
    monkeypatch.setattr(shelf_parts_module, "MAX_RUNS", 2)  # the story added between two others merges
    caplog.set_level(logging.INFO)
    versions = Versions()
    shelf = [versions.story(number, f"{name}.md", 0) for number, name in enumerate("abde", start=1)]
    analyzer, params = library.analyzer, library.index.params
    parts = shelf_parts(shelf, analyzer, params)
    store.save(SERVER, parts, shelf)
    shelf.insert(2, versions.story(5, "c.md", 0))
    parts = shelf_parts(shelf, analyzer, params, parts)
    store.save(SERVER, parts, shelf)
    assert len(parts.built_parts) == 2 and sum(len(p.versions) for p in parts.built_parts) > len(shelf)
    caplog.clear()
    assert loaded(restarted(store), library, shelf) is not None
    assert f"Server {SERVER}: 2 saved shelf parts used, holding 5 of its stories." in caplog.messages


def test_parts_a_view_no_longer_uses_are_removed_as_a_change_is_saved(library, store, monkeypatch):
    monkeypatch.setattr(shelf_parts_module, "MAX_RUNS", 2)  # the third change merges
    shelf = bundled_and_tales(Versions())
    parts = saved_in_changes(library, store, SERVER, shelf)
    assert len(parts.built_parts) <= 2
    assert len(part_folders(store, library)) == len(parts.built_parts)
    store = restarted(store)
    kept = loaded(store, library, shelf)
    assert kept is not None and shelf_parts(shelf, library.analyzer, library.index.params, kept).built == ()
    empty = shelf_parts([], library.analyzer, library.index.params, kept)
    store.save(SERVER, empty, [])
    assert part_folders(store, library) == []


def test_two_processes_sharing_the_data_folder_never_remove_the_parts_the_other_just_saved(library, store):
    """Two shards building one server's view each removed the other's freshly saved parts (not used by their own
    view): a restart of either analysed its whole shelf again. A part none touched for USED_SECONDS still goes."""
    shelf = bundled_and_tales(Versions())
    analyzer, params = library.analyzer, library.index.params
    first, second = store, restarted(store)
    first.save(SERVER, shelf_parts(shelf, analyzer, params), shelf)
    (firsts,) = part_folders(first, library)
    second.save(SERVER, shelf_parts(shelf, analyzer, params), shelf)
    seconds = set(part_folders(second, library)) - {firsts}
    assert firsts in part_folders(second, library) and len(seconds) == 1
    first.save(SERVER, shelf_parts(shelf[:4], analyzer, params), shelf[:4])  # its view changed: its old part goes
    after = set(part_folders(first, library))
    assert seconds < after and firsts not in after and len(after) == 2
    kept = loaded(restarted(store), library, shelf)  # the second's part, whole
    assert kept is not None and shelf_parts(shelf, analyzer, params, kept).built == ()
    long_ago = time.time() - 2 * USED_SECONDS
    for path in part_folders(store, library):
        os.utime(path, (long_ago, long_ago))
    second.save(SERVER, shelf_parts([], analyzer, params), [])
    assert part_folders(store, library) == []


def a_day_on(store: ShelfPartStore, library: StoryLibrary) -> None:
    """The clock moved on a day past USED_SECONDS since any process touched the server's parts."""
    long_ago = time.time() - 2 * USED_SECONDS
    for path in part_folders(store, library):
        os.utime(path, (long_ago, long_ago))


def test_a_part_a_long_running_process_holds_is_never_removed_by_anothers_save(library, store):
    """A shard that ran for over a day without loading or saving the part its view searches lost it to another
    shard's save (not in that one's view, and touched by none for USED_SECONDS): its next start analysed those stories
    again. Each process touches the parts it holds every TOUCH_SECONDS; one it let go goes at a later save as before."""
    shelf = bundled_and_tales(Versions())
    analyzer, params = library.analyzer, library.index.params
    store.save(SERVER, shelf_parts(shelf, analyzer, params), shelf)
    (part,) = part_folders(store, library)
    running, other = restarted(store), restarted(store)
    held = loaded(running, library, shelf)  # the long-running shard's view is built from it at its start
    assert held is not None
    a_day_on(store, library)
    assert running.touch_held() == 1
    other.save(SERVER, shelf_parts(shelf[:4], analyzer, params), shelf[:4])  # its view holds another part
    assert part in part_folders(store, library)
    kept = loaded(restarted(store), library, shelf)  # whole: a restart analyses nothing
    assert kept is not None and shelf_parts(shelf, analyzer, params, kept).built == ()
    del held, kept  # the running shard's view changed: the part is let go
    gc.collect()
    assert running.touch_held() == 0
    a_day_on(store, library)
    other.save(SERVER, shelf_parts(shelf[:4], analyzer, params), shelf[:4])
    assert part not in part_folders(store, library)


def _held_by_two(
    library: StoryLibrary, store: ShelfPartStore
) -> tuple[Path, ShelfPartStore, ShelfParts, ShelfParts, Shelf]:
    """One part saved, both of two shards' views built from it, the second's after the first's: the part, the first
    shard's store and parts, the second's parts (held as its view holds them), and the shelf."""
    shelf = bundled_and_tales(Versions())
    store.save(SERVER, shelf_parts(shelf, library.analyzer, library.index.params), shelf)
    (part,) = part_folders(store, library)
    leaving, staying = restarted(store), restarted(store)
    let_go, held = loaded(leaving, library, shelf), loaded(staying, library, shelf)
    assert let_go is not None and held is not None
    return part, leaving, let_go, held, shelf


def _let_go_and_saved(library: StoryLibrary, store: ShelfPartStore, shelf: Shelf) -> None:
    """The shard's view changed to one of other stories: the part it held let go, its next parts saved."""
    gc.collect()
    store.save(SERVER, shelf_parts(shelf[:4], library.analyzer, library.index.params), shelf[:4])


def test_a_part_another_process_holds_is_not_removed_by_the_save_of_one_that_touched_it_after(library, store):
    """Two shards whose views are built from one part each touch it every TOUCH_SECONDS. The one that let it go removed
    it at its next save when its own touch was the part's last (the other's, earlier in the hour, was forgotten): the
    shard still searching it analysed those stories again at its next start. A process that finds another touched a
    part since it did leaves it until none touched it for USED_SECONDS."""
    part, leaving, let_go, held, shelf = _held_by_two(library, store)
    assert leaving.touch_held() == 1  # its hour comes round after the other shard loaded (or touched) the part
    del let_go
    _let_go_and_saved(library, leaving, shelf)
    assert part in part_folders(store, library)
    kept = loaded(restarted(store), library, shelf)  # whole: the other shard's restart analyses nothing
    assert kept is not None and shelf_parts(shelf, library.analyzer, library.index.params, kept).built == ()
    del held, kept
    a_day_on(store, library)  # none touched it for a day: held by none
    _let_go_and_saved(library, leaving, shelf)
    assert part not in part_folders(store, library)


def test_a_part_another_process_holds_is_not_removed_after_a_save_of_a_view_still_using_it(library, store):
    """The same as the hourly touch, by a save: a story added to the shelf, the part still in the view, touched as used;
    then a change that lets it go removed it, though the other shard had loaded it since the first had."""
    part, leaving, let_go, held, shelf = _held_by_two(library, store)
    added = [*shelf, (1_000, ShelfStoryText.read(99, "tale-99.md", tale(99).encode()))]
    grown = shelf_parts(added, library.analyzer, library.index.params, let_go)
    assert part in {leaving._saved.get(built) for built in grown.built_parts}  # the part still in its view
    leaving.save(SERVER, grown, added)
    del let_go, grown
    _let_go_and_saved(library, leaving, shelf)
    assert part in part_folders(store, library)
    assert held is not None  # the other shard's view, still built from it


def test_the_store_of_a_server_a_long_running_process_holds_is_not_removed_at_a_start(library, store):
    """A start removes the store of a server no process used for UNUSED_DAYS, told by its folders' times, which the
    hourly touch left alone: a shard running for a month with that server's view built from its parts (its shelf
    unchanged) lost them to another shard's start, or to its own next start, which analysed the shelf again."""
    shelf = bundled_and_tales(Versions())
    analyzer, params = library.analyzer, library.index.params
    store.save(SERVER, shelf_parts(shelf, analyzer, params), shelf)
    running = restarted(store)
    held = loaded(running, library, shelf)
    assert held is not None
    long_ago = time.time() - (UNUSED_DAYS + 1) * 86_400
    folder = store.folder(SERVER, analyzer)
    for path in (*folder.iterdir(), folder, folder.parent):  # a month on, its shelf unchanged
        os.utime(path, (long_ago, long_ago))
    assert running.touch_held() == 1
    assert restarted(store).remove_unused() == 0
    kept = loaded(restarted(store), library, shelf)
    assert kept is not None and shelf_parts(shelf, analyzer, params, kept).built == ()


def test_the_store_of_a_server_no_process_used_for_30_days_is_removed_and_a_used_one_kept(library, store, caplog):
    """A server the bot left is never built again: its parts went nowhere. Each start removes the stores no process
    loaded or saved for 30 days; one loaded since (its view built at a start) stays, and so does one just saved."""
    caplog.set_level(logging.INFO)
    shelf = bundled_and_tales(Versions())
    for server in (SERVER, OTHER_SERVER, 33):
        saved_in_changes(library, store, server, shelf)
    long_ago = time.time() - (UNUSED_DAYS + 1) * 86_400
    for server in (SERVER, OTHER_SERVER):
        folder = store.folder(server, library.analyzer)
        for path in (*folder.iterdir(), folder, folder.parent):
            os.utime(path, (long_ago, long_ago))
    assert loaded(restarted(store), library, shelf, SERVER) is not None  # a start built its view: used now
    assert restarted(store).remove_unused() == 1
    assert not store.folder(OTHER_SERVER, library.analyzer).parent.exists()
    for server in (SERVER, 33):
        kept = loaded(restarted(store), library, shelf, server)
        assert kept is not None and shelf_parts(shelf, library.analyzer, library.index.params, kept).built == ()
    assert "Removed the saved shelf parts of 1 server(s), not used for 30 days." in caplog.text
    assert ShelfPartStore(store.base / "none").remove_unused() == 0


def test_a_part_a_killed_writer_left_half_written_is_never_read_and_goes_at_the_next_save(library, store):
    """A part is written under another name and renamed whole: what a killed process left is no part."""
    shelf = bundled_and_tales(Versions())
    saved_in_changes(library, store, SERVER, shelf)
    (whole,) = [
        p for p in part_folders(store, library) if json.loads((p / ABOUT).read_text())["versions"] == [1, 2, 3, 4]
    ]
    half = whole.with_name(".writing-part-0123456789abcdef")
    shutil.copytree(whole, half)
    (half / ABOUT).unlink()
    (half / "docs.npy").write_bytes(b"")
    long_ago = time.time() - 2 * LEFT_SECONDS  # not another process's, writing now
    os.utime(half, (long_ago, long_ago))
    store = restarted(store)
    kept = loaded(store, library, shelf)
    assert kept is not None and len(kept.built_parts) == 3
    writing_now = half.with_name(".writing-part-fedcba9876543210")  # another process's, sharing the data folder
    writing_now.mkdir()
    store.save(SERVER, shelf_parts(shelf, library.analyzer, library.index.params, kept), shelf)
    assert not half.exists() and writing_now.exists()
    assert len([p for p in part_folders(store, library) if p.name.startswith("part-")]) == 3


def test_parts_that_cannot_be_saved_leave_the_view_whole_and_are_said_once(library, tmp_path, caplog):
    (tmp_path / "data").write_text("a file where the data folder's shelf parts would go")
    store = ShelfPartStore(tmp_path / "data" / "shelf-parts")
    analyzer, params = library.analyzer, library.index.params
    for server in (SERVER, OTHER_SERVER):
        shelf = bundled_and_tales(Versions())
        parts = shelf_parts(shelf, analyzer, params)
        store.save(server, parts, shelf)
        view = server_view(library, parts)
        assert view is not None and len(view.corpus.stories) == len(library.corpus.stories) + len(shelf)
    (warning,) = warnings_of(caplog)
    assert "Could not save the shelf parts" in warning.getMessage() and warning.exc_info is None


@pytest.mark.parametrize("name", [META, "docs.npy"])
def test_a_file_its_description_says_is_huge_is_refused_unread(library, store, caplog, name):
    """A description rewritten to say a file of the part is as long as it has grown (sparse, no disk taken): it was
    read whole before its checksum refused it, so a terabyte took a terabyte of memory. What its stories can make
    bounds it, whatever the description says."""
    shelf = bundled_and_tales(Versions())
    store.save(SERVER, shelf_parts(shelf, library.analyzer, library.index.params), shelf)
    (part,) = part_folders(store, library)
    grown = 2**28  # a terabyte refused as 256 MB are, without the test taking 256 MB to show it
    os.truncate(part / name, grown)
    about = json.loads((part / ABOUT).read_text())
    about["files"][name]["bytes"] = grown
    (part / ABOUT).write_text(json.dumps(about))
    tracemalloc.start()
    try:
        assert loaded(restarted(store), library, shelf) is None
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < grown // 4
    (warning,) = warnings_of(caplog)
    assert part.name in warning.getMessage() and f"{name} is said to hold {grown} bytes" in warning.getMessage()


def test_a_part_whose_removed_stories_are_said_to_hold_most_of_its_text_is_built_again(library, store, caplog):
    """A removed story's size is the description's word: said to be huge, it would let the part's files be as large;
    a part searching less than LIVE_SHARE of its text is built again anyway, so it is not read."""
    caplog.set_level(logging.INFO)
    shelf = bundled_and_tales(Versions())
    store.save(SERVER, shelf_parts(shelf, library.analyzer, library.index.params), shelf)
    (part,) = part_folders(store, library)
    about = json.loads((part / ABOUT).read_text())
    about["stories"][3][3] = 10**12
    (part / ABOUT).write_text(json.dumps(about))
    del shelf[3]
    assert loaded(restarted(store), library, shelf) is None
    assert any("too little of its text is on the shelf now" in message for message in caplog.messages)


def test_a_part_that_cannot_be_saved_stops_neither_the_others_nor_the_removal_of_unused_ones(library, store, caplog):
    """A part whose index is not one built in memory cannot be saved: it stopped the whole save, so the part after it
    was not saved and the parts no longer used stayed on disk."""
    shelf = bundled_and_tales(Versions())
    analyzer, params = library.analyzer, library.index.params
    store.save(SERVER, shelf_parts(shelf[:4], analyzer, params), shelf[:4])
    (unused,) = part_folders(store, library)
    (first,) = shelf_parts(shelf[4:8], analyzer, params).built_parts
    (second,) = shelf_parts(shelf[8:], analyzer, params).built_parts
    segmented = SegmentedIndex([Segment.of_documents([["a", "segment"], ["read", "from", "disk"]])])
    unsavable = dataclasses.replace(first, parts=dataclasses.replace(first.parts, index=segmented))
    runs = tuple(Run.of(part, tuple(range(len(part.versions)))) for part in (unsavable, second))
    for _ in range(2):
        store.save(SERVER, ShelfParts(analyzer=analyzer, params=params, runs=runs, built=()), shelf[4:])
    (saved,) = part_folders(store, library)
    assert saved != unused and json.loads((saved / ABOUT).read_text())["versions"] == list(second.versions)
    (warning,) = warnings_of(caplog)
    assert "Could not save the shelf parts of server 11 (its index is not one built in memory)" in warning.getMessage()
