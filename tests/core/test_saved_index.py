"""The saved index: segments opened when they match the stories' files and are intact and trusted; the
files added, changed or removed since committed as a small segment; else everything rebuilt."""

import errno
import hashlib
import json
import logging
import os
import pickle
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from bot.core import analysis, readers, saved_index
from bot.core.analysis import Analyzer
from bot.core.answer import NoAnswer
from bot.core.index import BM25Params
from bot.core.index_damage import DamageKind, IndexDamage
from bot.core.index_notes import IndexEvent, IndexFault, IndexNote
from bot.core.library import StoryLibrary
from bot.core.packed_postings import PackedPostings
from bot.core.saved_index import IndexStore
from bot.core.segment_store import FORMAT, MANIFEST, SegmentStore
from bot.core.segments import SegmentedIndex
from bot.core.skipped import Cause, Problem, SkipReason
from tests.best_hit import best_hit
from tests.conftest import CORPUS
from tests.disk import second_time_disk
from tests.unprivileged import closed_folder, said_unprivileged

QUESTIONS = ["who sang by the river", "where did the swan swim", "Lena danced", "what cracked"]


def write_stories(folder):
    folder.mkdir(exist_ok=True)
    (folder / "mill.md").write_text(
        "# The Mill\n\n## Morning\n\nThe miller sang by the river.\n\nThe river froze.\n\n## Night\n\nSnow fell.\n\n"
        "Lena Ward was a dancer who lived by the mill. Lena danced."
    )
    (folder / "lake.txt").write_text("A swan swam across the lake.\n\nThe ice cracked.")


@pytest.fixture
def saved(tmp_path):
    stories = tmp_path / "stories"
    write_stories(stories)
    store = IndexStore(tmp_path / "index", min_passages=0)
    built = StoryLibrary.load(stories, store=store)
    return stories, store, built


def answers(library):
    return [
        (a.best.story, a.best.passage, a.best.excerpt.text) if a.best else None
        for q in QUESTIONS
        for a in [library.ask(q)]
    ]


def segment_file(folder, ending):
    """The file of the index's first segment named so after its name."""
    first = json.loads((folder / MANIFEST).read_text())["segments"][0]["name"]
    found = folder / f"{first}{ending}"
    assert found.is_file(), found
    return found


def test_an_unchanged_corpus_is_opened_from_its_saved_index(saved):
    stories, store, built = saved
    folder = store.folder_for(stories)
    assert (folder / MANIFEST).is_file()
    assert not any(path.suffix == ".pickle" for path in folder.iterdir())
    opened = StoryLibrary.load(stories, store=store)
    assert opened.opened and isinstance(opened.index, SegmentedIndex)
    assert isinstance(opened.index.segments[0].postings, PackedPostings)
    assert answers(opened) == answers(built)
    assert opened.person_finder.people == built.person_finder.people  # intros read when first looked up
    travelled = pickle.loads(pickle.dumps(StoryLibrary.load(stories, store=store)))  # not looked up yet
    assert travelled.person_finder.people == built.person_finder.people
    assert best_hit(opened, "Who is Lena?").excerpt.text.startswith("Lena Ward was a dancer")
    assert opened.ask("what crakced").corrections  # the speller came back too
    assert [(p.text, p.chapter) for p in opened.corpus.passages] == [(p.text, p.chapter) for p in built.corpus.passages]
    assert opened.fingerprints == built.fingerprints


def test_a_changed_added_or_removed_story_is_committed_without_rebuilding_the_others(saved, caplog):
    caplog.set_level(logging.INFO)
    stories, store, _ = saved
    folder = store.folder_for(stories)
    first = {path.name: path.stat().st_mtime_ns for path in folder.glob("s1-*")}
    (stories / "lake.txt").write_text("A heron waded in the lake.\n\nThe ice held.")
    changed = StoryLibrary.load(stories, store=store)
    assert changed.opened and changed.ask("heron").best is not None and changed.ask("swan").best is None
    assert "Story files changed since the index was saved (1 added or changed, 0 removed)" in caplog.text
    (stories / "new.txt").write_text("A fox ran.")
    assert StoryLibrary.load(stories, store=store).ask("fox").best is not None
    (stories / "new.txt").unlink()
    assert StoryLibrary.load(stories, store=store).ask("fox").best is None
    kept = {path.name: path.stat().st_mtime_ns for path in folder.glob("s1-*") if path.name in first}
    assert kept == first  # its postings, texts and people untouched: only deletions written beside them
    assert len(SegmentStore(folder).open().segments) == 2  # the first and the heron's; the fox's, all deleted, gone


def test_a_story_another_process_commits_while_a_load_commits_is_searched_not_raised(saved, monkeypatch):
    # Two starts at once over a folder that changes (an `ask` beside `python -m bot index`): the other
    # committed a story added after this load listed the folder, between this load's commit and its
    # reopening the index. The load ended in a KeyError traceback (the story was not in its file order).
    stories, store, _ = saved
    (stories / "lake.txt").write_text("A heron waded in the lake.\n\nThe ice held.")
    real_add = SegmentStore.add

    def add_then_another_process_commits(self, *args, **kwargs):
        committed = real_add(self, *args, **kwargs)
        monkeypatch.setattr(SegmentStore, "add", real_add)
        (stories / "fox.txt").write_text("A fox ran past the mill.\n\nIt hid in the reeds.")
        StoryLibrary.load(stories, store=IndexStore(store.home, min_passages=0))
        return committed

    monkeypatch.setattr(SegmentStore, "add", add_then_another_process_commits)
    library = StoryLibrary.load(stories, store=store)
    assert library.ask("heron").best is not None and library.ask("swan").best is None
    assert best_hit(library, "where did the fox hide").story == "Fox"
    assert answers(StoryLibrary.load(stories, store=store)) == answers(StoryLibrary.load(stories))


def test_reading_files_differently_rebuilds(saved, monkeypatch):
    stories, store, _ = saved
    assert StoryLibrary.load(stories, store=store).opened
    monkeypatch.setattr(readers, "READING_VERSION", readers.READING_VERSION + 1)
    assert not StoryLibrary.load(stories, store=store).opened
    monkeypatch.setattr(readers, "OPTIONAL_LIBRARIES", (*readers.OPTIONAL_LIBRARIES, "a-reader-since-installed"))
    assert not StoryLibrary.load(stories, store=store).opened


def next_index_format(monkeypatch):
    monkeypatch.setattr(saved_index, "FORMAT", saved_index.FORMAT + 1)


def next_reading_version(monkeypatch):
    monkeypatch.setattr(readers, "READING_VERSION", readers.READING_VERSION + 1)


def next_analysis_version(monkeypatch):
    """A storybot whose analysis gives other terms (the bot's own analysis, cached once a process, is that one)."""
    monkeypatch.setattr(analysis, "ANALYSIS_VERSION", analysis.ANALYSIS_VERSION + 1)
    monkeypatch.setattr(saved_index, "_bot_analysis", lambda: Analyzer().signature)


def test_analysing_text_differently_rebuilds(saved, monkeypatch):
    stories, store, _ = saved
    assert StoryLibrary.load(stories, store=store).opened
    next_analysis_version(monkeypatch)
    assert not StoryLibrary.load(stories, store=store).opened
    assert StoryLibrary.load(stories, store=store).opened  # rebuilt, and saved


@pytest.mark.parametrize("next_version", [next_index_format, next_reading_version, next_analysis_version])
def test_two_versions_of_storybot_sharing_one_cache_each_keep_their_own_index(saved, next_version):
    """A service and an upgraded console on one cache, or an upgrade rolled back: each saw the other's index
    as stale and built its own over it, at every start of either."""
    stories, store, built = saved
    older = store.folder_for(stories)
    written = {path.name: path.stat().st_mtime_ns for path in older.iterdir()}
    with pytest.MonkeyPatch.context() as newer_version:
        next_version(newer_version)
        assert not StoryLibrary.load(stories, store=store).opened  # its first start builds its own
        newer = store.folder_for(stories)
        assert newer != older and (newer / MANIFEST).is_file()  # saved, small as it is: the corpus was indexed
    for _ in range(2):
        assert StoryLibrary.load(stories, store=store).opened
        with pytest.MonkeyPatch.context() as newer_version:
            next_version(newer_version)
            assert answers(opened := StoryLibrary.load(stories, store=store)) == answers(built) and opened.opened
    assert {path.name: path.stat().st_mtime_ns for path in older.iterdir()} == written
    (stories / "lake.txt").write_text("A heron waded in the lake.\n\nThe ice held.")
    with pytest.MonkeyPatch.context() as newer_version:
        next_version(newer_version)
        assert (library := StoryLibrary.load(stories, store=store)).opened and library.ask("heron").best is not None
    library = StoryLibrary.load(stories, store=store)  # the older one commits the change to its own
    assert library.opened and library.ask("heron").best is not None and library.ask("swan").best is None


def test_an_older_storybots_index_is_kept_and_this_versions_saved_beside_it(saved, caplog):
    caplog.set_level(logging.INFO)
    stories, store, built = saved
    unversioned = store.home / store.folder_for(stories).name.split("-")[0]  # where versions before these kept it
    store.folder_for(stories).rename(unversioned)
    assert not StoryLibrary.load(stories, store=store).opened
    assert "No index of this version of storybot" in caplog.text
    assert (unversioned / MANIFEST).is_file() and SegmentStore(unversioned).open().segments
    assert answers(opened := StoryLibrary.load(stories, store=store)) == answers(built) and opened.opened


def cache_files(store: IndexStore) -> dict[str, int]:
    """Every file below the cache folder, with its modification time."""
    return {str(path.relative_to(store.base)): path.stat().st_mtime_ns for path in store.base.rglob("*")}


def test_other_bm25_parameters_open_the_saved_index_and_score_as_a_build_with_them(saved):
    """`python -m bot eval --k1 0.9 --b 0.5` over a saved corpus built and saved an index of its own beside the
    bot's, kept a month: segments hold raw term frequencies, so the bot's own index serves any parameters."""
    stories, store, _ = saved
    before = cache_files(store)
    params = BM25Params(k1=0.9, b=0.5, epsilon=0.1)
    opened = StoryLibrary.load(stories, params, store=store)
    in_memory = StoryLibrary.load(stories, params)
    assert opened.opened and opened.index.params == params
    for question in QUESTIONS:
        terms = opened.analyzer.terms(question)
        assert np.array_equal(opened.index.scores(terms), in_memory.index.scores(terms))
        assert np.array_equal(opened.story_index.scores(terms), in_memory.story_index.scores(terms))
    assert answers(opened) == answers(in_memory)
    assert {name for name in cache_files(store) if name not in before} == set()  # nothing new in the cache


def test_another_analysis_is_built_in_memory_and_nothing_of_it_saved(saved, caplog):
    """`eval --no-stem` over a corpus with a saved index (or a large one) saved an index of that analysis beside
    the bot's, kept a month though no one asks it again: it is a one-off, built and dropped."""
    caplog.set_level(logging.INFO)
    stories, store, built = saved
    before = cache_files(store)
    for analyzer in (Analyzer(stem=False), Analyzer(stopwords=False, lemmatize=False)):
        one_off = StoryLibrary.load(stories, store=store, analyzer=analyzer)
        assert not one_off.opened and one_off.index_claim is None
        assert answers(one_off) == answers(StoryLibrary.load(stories, analyzer=analyzer))
        assert not os.path.exists(store.folder_for(stories, analyzer))
    assert "the library is built in memory, not saved" in caplog.text
    after = cache_files(store)
    assert after.keys() - {".lock"} == before.keys() - {".lock"}  # the bot's index as it was, and nothing beside
    assert all(after[name] == before[name] for name in before if not name.endswith(".lock"))
    assert answers(opened := StoryLibrary.load(stories, store=store)) == answers(built) and opened.opened


@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_damage_to_any_file_is_detected_and_the_index_rebuilt(saved, caplog, damage):
    """A file cut short is found by its size when the index is opened; a changed byte by the checksum of
    a file read whole then, and of one read in pieces by what reads it or when every checksum is
    checked (`verify`: a repair, or the load after a library found damage)."""
    stories, store, built = saved
    folder = store.folder_for(stories)
    for path in sorted(folder.iterdir()):
        if path.name in (MANIFEST, ".write.lock"):
            continue
        StoryLibrary.load(stories, store=store)  # intact again
        path = segment_file(folder, "." + path.name.split(".", 1)[1])
        original = path.read_bytes()
        if damage == "flip":
            middle = len(original) // 2
            path.write_bytes(original[:middle] + bytes([original[middle] ^ 0xFF]) + original[middle + 1 :])
        else:
            path.write_bytes(original[: len(original) // 2])
        caplog.clear()
        library = StoryLibrary.load(stories, store=store, verify=True)
        assert "Not using the saved index" in caplog.text and path.name in caplog.text, path.name
        assert not library.opened
        assert answers(library) == answers(built)


def test_a_library_that_found_damage_has_its_next_load_check_every_checksum(saved, caplog):
    stories, store, built = saved
    library = StoryLibrary.load(stories, store=store)
    docs = segment_file(store.folder_for(stories), ".passages.postings.npy")
    written = docs.stat()
    data = bytearray(docs.read_bytes())
    data[128:] = b"\xff" * (len(data) - 128)  # bit widths no block has: same size
    docs.write_bytes(bytes(data))
    os.utime(docs, ns=(written.st_atime_ns, written.st_mtime_ns))  # as a disk's decay leaves it
    assert StoryLibrary.load(stories, store=store).opened  # size and time hold: not hashed whole when opened
    assert library.ask("who sang by the river").damage is not None
    repaired = StoryLibrary.load(stories, store=store)
    assert not repaired.opened and docs.name in caplog.text
    assert answers(repaired) == answers(built)
    assert StoryLibrary.load(stories, store=store).opened


@pytest.mark.parametrize("older", [1, 2])
def test_a_damaged_or_foreign_manifest_is_rebuilt(saved, caplog, older):
    """Format 1: two 32-bit numbers a posting; format 2, each change's deletions written whole (today's main's)."""
    caplog.set_level(logging.INFO)
    stories, store, built = saved
    manifest = store.folder_for(stories) / MANIFEST
    manifest.write_text("{not json")
    damaged = StoryLibrary.load(stories, store=store)
    assert not damaged.opened
    (note,) = damaged.index_notes
    assert (note.event, note.fault) == (IndexEvent.DAMAGED, IndexFault.OTHER) and "line 1" in note.detail  # json's
    data = json.loads(manifest.read_text())
    data["format"] = older  # an older version's segments: never read as today's
    manifest.write_text(json.dumps(data))
    rebuilt = StoryLibrary.load(stories, store=store)
    assert not rebuilt.opened and not rebuilt.index_notes  # rebuilt as a matter of course, not as damage
    assert "saved by another version" in caplog.text and f"format {older}," in caplog.text
    assert answers(rebuilt) == answers(built)
    assert StoryLibrary.load(stories, store=store).opened


@pytest.mark.parametrize(
    "damage",
    [
        lambda m: m["segments"][0] | {"files": list(m["segments"][0]["files"])},  # the files a list, not a mapping
        lambda m: m["segments"][0] | {"generation": 1e400},  # infinity, in JSON as Python writes it
    ],
)
def test_a_manifest_of_another_shape_is_damage_and_rebuilt(saved, damage):
    """JSON that parses but is no manifest storybot wrote was an AttributeError or OverflowError's traceback."""
    stories, store, built = saved
    manifest = store.folder_for(stories) / MANIFEST
    data = json.loads(manifest.read_text())
    data["segments"][0] = damage(data)
    manifest.write_text(json.dumps(data))
    damaged = StoryLibrary.load(stories, store=store)
    assert not damaged.opened
    assert damaged.index_notes == (IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.NOT_A_MANIFEST, file=MANIFEST),)
    assert answers(damaged) == answers(built)
    assert StoryLibrary.load(stories, store=store).opened


def test_a_manifest_whose_skipped_files_are_no_mapping_is_damage_and_rebuilt(saved):
    """It was a ValueError's traceback at every start: the manifest's other fields were checked when it was opened, its
    skipped files only once it had been."""
    stories, store, built = saved
    manifest = store.folder_for(stories) / MANIFEST
    data = json.loads(manifest.read_text())
    data["about"]["skipped"] = []
    manifest.write_text(json.dumps(data))
    damaged = StoryLibrary.load(stories, store=store)
    assert not damaged.opened
    wanted = IndexNote(event=IndexEvent.DAMAGED, fault=IndexFault.SKIPPED_NOT_A_MAPPING, file=MANIFEST)
    assert damaged.index_notes == (wanted,)
    assert answers(damaged) == answers(built)
    assert StoryLibrary.load(stories, store=store).opened


@pytest.mark.parametrize(
    ("generation", "fault", "file"),
    [("1e400", IndexFault.NOT_A_MANIFEST, MANIFEST), ("[" * 100_000, IndexFault.NESTED_TOO_DEEP, "")],
)
def test_a_manifest_of_infinite_generation_or_nested_past_what_python_decodes_is_rebuilt(
    saved, generation, fault, file
):
    """A RecursionError (100,000 `[`) or OverflowError (a generation of 1e400) ended every start."""
    stories, store, built = saved
    manifest = store.folder_for(stories) / MANIFEST
    manifest.write_text(f'{{"format": {FORMAT}, "generation": {generation}, "segments": []}}')
    damaged = StoryLibrary.load(stories, store=store)
    assert not damaged.opened
    assert damaged.index_notes == (IndexNote(event=IndexEvent.DAMAGED, fault=fault, file=file),)
    assert answers(damaged) == answers(built)
    assert StoryLibrary.load(stories, store=store).opened


def test_an_index_another_user_could_have_written_is_never_trusted(saved, caplog):
    stories, store, _ = saved
    folder = store.folder_for(stories)
    shared = segment_file(folder, ".passages.doc_len.npy")
    shared.chmod(0o666)  # anyone may write it
    untrusted = StoryLibrary.load(stories, store=store)
    assert not untrusted.opened
    wanted = IndexNote(event=IndexEvent.UNTRUSTED, fault=IndexFault.OTHERS_MAY_WRITE, file=shared.name)
    assert untrusted.index_notes == (wanted,)
    assert f"others_may_write {shared.name}" in caplog.text  # the log's codes, which the front ends word
    assert StoryLibrary.load(stories, store=store).opened  # rebuilt and saved again, trusted
    if os.geteuid() == 0:  # root can give a file away, as a shared folder's other user would own it
        given = segment_file(folder, ".library.json")
        os.chown(given, 65534, 65534)
        foreign = StoryLibrary.load(stories, store=store)
        assert not foreign.opened
        owned = IndexNote(event=IndexEvent.UNTRUSTED, fault=IndexFault.OTHER_OWNER, file=given.name, number=65534)
        assert foreign.index_notes == (owned,)


def test_a_small_library_is_saved_only_when_asked(tmp_path):
    stories = tmp_path / "stories"
    write_stories(stories)
    store = IndexStore(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    assert not store.folder_for(stories).exists()
    assert not StoryLibrary.load(stories, store=store, force=True).opened  # built, and saved
    assert StoryLibrary.load(stories, store=store).opened  # an index once asked for is kept up to date
    (stories / "new.txt").write_text("A fox ran.")
    assert StoryLibrary.load(stories, store=store).opened


def test_an_unwritable_index_folder_only_costs_speed(tmp_path, caplog):
    stories = tmp_path / "stories"
    write_stories(stories)
    (tmp_path / "not-a-folder").write_text("x")
    store = IndexStore(tmp_path / "not-a-folder", min_passages=0)
    assert StoryLibrary.load(stories, store=store).ask("swan").best is not None
    assert "Could not save the index" in caplog.text


def rewritten(folder, ending, change):
    """The first segment's array whose name ends so, changed by `change`, its manifest entry made to
    match: an index whose checksums hold but whose contents are wrong (as a faulty writer would leave it)."""
    path = segment_file(folder, ending)
    array = np.load(path)
    change(array)
    np.save(path, array)
    manifest = json.loads((folder / MANIFEST).read_text())
    with path.open("rb") as file:
        digest = hashlib.file_digest(file, "blake2b").hexdigest()
    (entry,) = (entry for entry in manifest["segments"] if path.name in entry["files"])
    entry["files"][path.name] = {"bytes": path.stat().st_size, "blake2b": digest}
    (folder / MANIFEST).write_text(json.dumps(manifest))
    return path.name


def out_of_range(array):
    array[:] = np.iinfo(array.dtype).max


def backwards(array):
    array[:] = array[::-1]


def descending(array):
    array[:] = np.sort(array)[::-1]  # every list of two postings or more out of order


@pytest.mark.parametrize(
    ("ending", "change"),
    [
        (".passages.postings.npy", out_of_range),
        (".passages.offsets.npy", out_of_range),
        (".passages.offsets.npy", descending),
        (".stories.postings.npy", out_of_range),
        (".text_starts.npy", out_of_range),
        (".text_ends.npy", out_of_range),
        (".passage_story.npy", out_of_range),
        (".passage_number.npy", out_of_range),
        (".passage_chapter.npy", out_of_range),
    ],
)
def test_contents_that_make_no_sense_are_reported_as_damage_not_raised(saved, ending, change):
    stories, store, _ = saved
    name = rewritten(store.folder_for(stories), ending, change)
    library = StoryLibrary.load(stories, store=store, verify=True)
    assert library.opened  # the checksums hold: only reading it shows the damage
    told: list[IndexDamage] = []
    library.when_damaged(told.append)
    answer = library.ask("the swan and the miller by the river")  # passages of both stories: every array read
    assert answer.reason is NoAnswer.INDEX_DAMAGED and answer.best is None
    assert answer.damage == IndexDamage(name, DamageKind.CONTENTS) == library.damage
    assert library.ask("where did the swan swim").damage == answer.damage
    assert told == [answer.damage]  # told once, however many questions follow


@pytest.mark.parametrize(
    ("ending", "fault"),
    [
        (".text_block_first.npy", IndexFault.OFFSETS_OUT_OF_ORDER),
        (".text_block_offsets.npy", IndexFault.OFFSETS_OUT_OF_ORDER),
        (".first_passage.npy", IndexFault.STORIES_MISFIT),
    ],
)
def test_offsets_read_whole_are_checked_when_opened(saved, ending, fault):
    stories, store, built = saved
    name = rewritten(store.folder_for(stories), ending, backwards)
    end = int(np.load(store.folder_for(stories) / name).max())
    library = StoryLibrary.load(stories, store=store)
    assert not library.opened
    (note,) = library.index_notes
    assert (note.event, note.fault) == (IndexEvent.DAMAGED, fault)
    if fault is IndexFault.OFFSETS_OUT_OF_ORDER:  # the file, and where its offsets end: the passages, or the texts
        assert (note.file, note.number) == (name, end)
    else:
        assert name.startswith(f"{note.file}.")  # the segment whose stories do not fit its passages
    assert answers(library) == answers(built)


def test_a_file_written_while_open_is_reported_before_anything_is_read_from_it(saved):
    stories, store, _ = saved
    library = StoryLibrary.load(stories, store=store)
    assert library.ask("who sang by the river").best is not None
    docs = segment_file(store.folder_for(stories), ".passages.postings.npy")
    docs.write_bytes(docs.read_bytes())  # the same bytes, but written: the index is no longer what was checked
    assert library.ask("who sang by the river").damage == IndexDamage(docs.name, DamageKind.MODIFIED)
    assert StoryLibrary.load(stories, store=store).opened  # its checksum still holds: opened again, trusted


def test_a_library_keeps_answering_from_files_a_merge_or_a_rebuild_replaced(saved):
    stories, store, built = saved
    library = StoryLibrary.load(stories, store=store)
    (stories / "new.txt").write_text("A fox ran.")
    grown = StoryLibrary.load(stories, store=store)
    with pytest.raises(ValueError, match="payload"):
        SegmentStore(store.folder_for(stories)).merge_all()  # postings alone would lose the texts
    store.segments(stories).merge_all()  # removes the files both read
    assert StoryLibrary.load(stories, store=store).ask("fox").best is not None
    assert not list(store.folder_for(stories).glob("s1-*"))
    assert answers(library) == answers(built) and library.damage is None
    assert grown.ask("fox").best is not None and grown.damage is None
    assert not StoryLibrary.load(stories, analyzer=Analyzer(stem=False), store=store).opened  # other analysis: built
    assert answers(library) == answers(built) and library.damage is None


def test_a_change_that_cannot_be_saved_is_answered_from_memory_and_travels_between_processes(saved, monkeypatch):
    """A full disk at a commit: the saved segments, less the changed story, joined with it read in memory;
    such a library is what the bot's worker sends back whole (pickled), postings kept or not."""
    stories, store, _ = saved
    (stories / "lake.txt").write_text("A heron waded in the lake.\n\nThe ice held.")

    def full_disk(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(SegmentStore, "add", full_disk)
    library = StoryLibrary.load(stories, store=store)
    full = IndexNote(
        event=IndexEvent.NOT_SAVED,
        fault=IndexFault.SYSTEM,
        file=str(store.home),
        detail="No space left on device",
        error_number=errno.ENOSPC,
    )
    assert library.index_notes == (full,)
    assert best_hit(library, "what waded in the lake").story == "Lake" and library.ask("swan").best is None
    travelled = pickle.loads(pickle.dumps(library))
    assert answers(travelled) == answers(library) and travelled.index_notes == library.index_notes
    monkeypatch.undo()
    assert StoryLibrary.load(stories, store=store).ask("heron").best is not None  # the next start saves it


def test_a_corpus_folder_whose_path_is_not_utf8_is_saved_and_opened(tmp_path):
    # STORYBOT_CORPUS=/srv/récits written in Latin-1: Python reads the path with a lone surrogate.
    root = Path(os.fsdecode(os.fsencode(tmp_path) + b"/r\xe9cits"))
    shutil.copytree(CORPUS, root)
    store = IndexStore(tmp_path / "index")
    StoryLibrary.load(root, store=store, force=True)
    opened = StoryLibrary.load(root, store=store)
    assert opened.opened and best_hit(opened, "Where was Sébastien born?").path.startswith("sebastien")
    utf8 = tmp_path / "récits"  # a UTF-8 path keeps the folder it always had: no index is built again
    assert store.folder_for(utf8).name.startswith(hashlib.sha256(str(utf8.resolve()).encode()).hexdigest()[:20] + "-")


class ReadCount(tuple[Problem, ...]):
    """Problems that count how many of them were read, to show a pass over them is made once."""

    read = 0

    def __iter__(self):
        for problem in super().__iter__():
            self.read += 1
            yield problem


def test_the_files_that_gave_no_story_are_matched_to_their_problems_in_one_pass(tmp_path):
    # An owner's folder of thousands of empty or Latin-1 files: each file's problem was searched for among
    # all the problems, so 10,000 of them took 8 s of every build and of every load after a change.
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "tale.txt").write_text("The miller sang by the river.")
    (stories / "odd: name.txt").write_bytes(b"caf\xe9")
    for number in range(300):
        (stories / f"empty-{number:03d}.txt").write_bytes(b"")
    store = IndexStore(tmp_path / "index")
    library = StoryLibrary.load(stories, store=store, force=True)
    skipped = json.loads((store.folder_for(stories) / MANIFEST).read_text())["about"]["skipped"]
    assert len(skipped) == 301
    assert skipped["empty-042.txt"][1] == {"file": "empty-042.txt", "cause": "empty"}  # data, not English
    assert skipped["odd: name.txt"][1] == {
        "file": "odd: name.txt",
        "cause": "not_encoded",
        "format": "UTF-8",
        "count": 3,
    }
    states = {path: state for path, (state, _) in skipped.items()}
    problems = ReadCount(library.corpus.problems)
    found = saved_index._problems_by_path(states, list(states), problems, None)
    assert {path: [state, problem.as_data()] for path, (state, problem) in found.items()} == skipped
    assert problems.read == len(problems)


@pytest.mark.parametrize(
    "entry",
    [
        lambda state, data: [state, "Skipped empty.md: it is empty; add some paragraphs or remove it.", "no_text"],
        lambda state, data: [state, data | {"cause": "a_cause_of_a_later_version"}],
        lambda state, data: [state, data | {"count": "3"}],
        lambda state, data: [state, data | {"file": "another.md"}],
        lambda state, data: [state, data | {"a_later_fact": 1}],
    ],
    ids=["format 4, its message", "unknown cause", "fact of another type", "another file", "unknown fact"],
)
def test_a_skipped_file_saved_in_a_shape_this_version_cannot_read_is_read_again(saved, caplog, entry):
    """The manifest keeps each skipped file's problem as data (format 5); an entry of any other shape (format 4 kept
    its message and code) is no damage: the index opens, that file alone is read again, and its entry saved anew."""
    caplog.set_level(logging.INFO)
    stories, store, built = saved
    (stories / "empty.md").write_text("")
    StoryLibrary.load(stories, store=store)
    manifest = store.folder_for(stories) / MANIFEST
    data = json.loads(manifest.read_text())
    state, problem = data["about"]["skipped"]["empty.md"]
    assert problem == {"file": "empty.md", "cause": "empty"}
    data["about"]["skipped"]["empty.md"] = entry(state, problem)
    manifest.write_text(json.dumps(data))
    caplog.clear()
    again = StoryLibrary.load(stories, store=store)
    assert again.opened and not again.index_notes and "1 added or changed, 0 removed" in caplog.text
    assert [problem.as_data() for problem in again.corpus.problems] == [problem]
    assert answers(again) == answers(built)
    assert json.loads(manifest.read_text())["about"]["skipped"]["empty.md"] == [state, problem]
    caplog.clear()
    assert StoryLibrary.load(stories, store=store).opened and "changed" not in caplog.text


def test_a_file_skipped_for_its_time_is_read_again_only_when_the_owner_asks(saved, caplog):
    """A skip for time is no verdict on the file (the machine may have been busy): a load keeps it, rather than spend
    that time again at every start, and reads it again when the owner asks for the stories to be read (`index`,
    /reload: read_cut_short_again), naming it. A skip for anything else is a fact about the file, kept either way."""
    pytest.importorskip("pypdf")
    from tests.core.test_timed_reading import repeated_page_pdf  # a module of PDFs: skipped without pypdf

    caplog.set_level(logging.INFO)
    stories, store, _ = saved
    (stories / "empty.md").write_text("")
    (stories / "tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))  # 32 s of pypdf, stopped at the limit
    first = StoryLibrary.load(stories, store=store, reading_seconds=1)
    assert [(p.file, p.reason) for p in first.corpus.problems] == [
        ("empty.md", SkipReason.NO_TEXT),
        ("tower.pdf", SkipReason.TOO_SLOW),
    ]
    caplog.clear()
    kept = StoryLibrary.load(stories, store=store, reading_seconds=1)
    assert kept.opened and not kept.index_notes and "changed" not in caplog.text
    assert kept.corpus.problems == first.corpus.problems

    caplog.clear()
    asked = StoryLibrary.load(stories, store=store, reading_seconds=1, read_cut_short_again=True)
    assert asked.index_notes == (IndexNote(event=IndexEvent.READ_AGAIN, file="tower.pdf"),)
    assert "(1 added or changed, 0 removed)" in caplog.text  # the PDF alone: the empty file is not read again
    assert asked.corpus.problems == first.corpus.problems  # too slow still, and kept so again
    caplog.clear()
    assert StoryLibrary.load(stories, store=store, reading_seconds=1).opened and "changed" not in caplog.text


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="finds the reader in Linux's /proc")
def test_a_file_whose_reader_was_killed_is_read_again_only_when_the_owner_asks(saved):
    """A reader the system ended (the OOM killer on a busy machine) says nothing of the file either: kept as skipped
    by a load, read again when the owner asks (`index`, /reload), here to be skipped now for its time instead."""
    pytest.importorskip("pypdf")
    from tests.core.test_timed_reading import HANG, repeated_page_pdf, the_next_reader_killed

    stories, store, _ = saved
    (stories / "tower.pdf").write_bytes(repeated_page_pdf(12, 4, 20))  # 32 s of pypdf: killed well before
    with the_next_reader_killed():
        first = StoryLibrary.load(stories, store=store, reading_seconds=HANG)
    assert [(p.file, p.why.cause) for p in first.corpus.problems] == [("tower.pdf", Cause.READER_STOPPED)]
    kept = StoryLibrary.load(stories, store=store, reading_seconds=HANG)
    assert kept.opened and not kept.index_notes and kept.corpus.problems == first.corpus.problems
    asked = StoryLibrary.load(stories, store=store, reading_seconds=1, read_cut_short_again=True)
    assert asked.index_notes == (IndexNote(event=IndexEvent.READ_AGAIN, file="tower.pdf"),)
    assert [(p.file, p.why.cause) for p in asked.corpus.problems] == [("tower.pdf", Cause.TOO_SLOW)]


def test_a_story_written_again_in_the_second_it_was_read_is_read_again_on_a_filesystem_of_whole_seconds(tmp_path):
    """ext3, ext4 of small inodes and FAT keep a file's times to the second (or two): a story saved again at the same
    size within the second the index read it kept the state it was read with, and the index its old text for good."""
    with second_time_disk(tmp_path / "disk") as disk:
        stories = disk / "stories"
        write_stories(stories)
        lamp = stories / "lamp.txt"
        store = IndexStore(tmp_path / "index", min_passages=0)
        StoryLibrary.load(stories, store=store)  # analysed once: the loads below take a moment
        for _ in range(5):
            time.sleep(1.05 - time.time() % 1)  # a second just begun
            lamp.write_text("Maren lit the lamp at dusk.")
            written = lamp.stat().st_mtime_ns
            StoryLibrary.load(stories, store=store)
            lamp.write_text("Svein lit the lamp at dusk.")
            if lamp.stat().st_mtime_ns == written:  # within the second: no time tells the two writes apart
                break
        else:
            pytest.skip("the loads took over a second each")
        assert "Svein" in best_hit(StoryLibrary.load(stories, store=store), "who lit the lamp").excerpt.text
        assert "Svein" in best_hit(StoryLibrary.load(stories, store=store), "who lit the lamp").excerpt.text


def test_an_index_folder_the_user_may_not_reach_leaves_the_stories_answering():
    """STORYBOT_INDEX inside a folder the bot's user may not enter (another user's home, mode 0700): looking for its
    check-all marker raised PermissionError, a traceback for `ask`, the console and the bot, where an index folder
    that cannot be written is answered from memory (docs/saved-index.md)."""
    with closed_folder() as (shared, closed):
        stories = shared / "stories"
        write_stories(stories)
        for path in (stories, *stories.iterdir()):
            path.chmod(0o755)
        StoryLibrary.load(CORPUS, store=IndexStore(shared / "unused", min_passages=10**9))  # the modules, imported
        store = IndexStore(closed / "index", min_passages=0)

        def loaded() -> str:
            library = StoryLibrary.load(stories, store=store)
            answer = library.ask("who sang by the river")
            return json.dumps({"opened": library.opened, "answer": answer.best.excerpt.text if answer.best else None})

        said = said_unprivileged(loaded)
    assert said == json.dumps({"opened": False, "answer": "The miller sang by the river."}), said
