import itertools
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

import bot.core.segment_store as segment_store
from bot.core.index import BM25Index
from bot.core.index_notes import IndexFault, IndexRefused
from bot.core.segment_store import MANIFEST, SegmentSet, SegmentStore, StoryTerms
from tests.core.segment_history import commit_of, is_merge, live_after, reading_beside, run, story
from tests.core.writer_kills import stopped_mid_write, unnamed_files

ROOT = Path(__file__).resolve().parents[2]
QUERIES = [["w0"], ["w1", "w50"], ["w3", "w3", "w200"], ["op7", "w2"], ["w399", "w0", "w10"], ["op1003"]]


def live_passages(stories: list[StoryTerms]) -> list[list[str]]:
    return [p for s in stories for p in s.passages]


def key_of_passage(opened: SegmentSet, passage: int) -> str:
    """The key of the story holding this live passage (numbered as the set's passage index numbers them)."""
    for segment in opened.segments:
        live = np.flatnonzero(~segment.passages.deleted)
        if 0 <= passage < len(live):
            return segment.keys[int(np.searchsorted(segment.first_passage, live[passage], side="right")) - 1]
        passage -= len(live)
    raise IndexError(passage)


def assert_scores_as_one_fresh_build(opened: SegmentSet, stories: list[StoryTerms]) -> None:
    """The store's passage and story indexes give exactly the top 10 and scores of one index built over
    its live stories, and rank-bm25's scores."""
    assert opened.live_keys() == [s.key for s in stories]
    passages, whole = opened.indexes()
    documents = live_passages(stories)
    fresh = BM25Index(documents)
    fresh_stories = BM25Index([[t for p in s.passages for t in p] for s in stories])
    passage_number, story_number = np.arange(len(documents)), np.arange(len(stories))
    reference = BM25Okapi(documents)
    passage_keys = [s.key for s in stories for _ in s.passages]
    assert [key_of_passage(opened, int(n)) for n in passage_number] == passage_keys
    for query in QUERIES:
        assert passages.top(query, 10) == [(int(passage_number[i]), s) for i, s in fresh.top(query, 10)], query
        assert whole.top(query, 10) == [(int(story_number[i]), s) for i, s in fresh_stories.top(query, 10)], query
        dense = passages.scores(query)[passage_number]
        np.testing.assert_allclose(dense, reference.get_scores(query), rtol=1e-5, atol=1e-6)


def test_a_library_grown_by_commits_and_merges_scores_as_one_fresh_build(tmp_path):
    store = SegmentStore(tmp_path)
    for operations in (1, 2, 4, 5, 9, 10, 13):
        run(tmp_path, operations)
        assert_scores_as_one_fresh_build(SegmentStore(tmp_path).open(), live_after(operations))
    assert len(store.open().segments) > 1


def test_a_commit_writes_only_the_new_stories_and_the_changed_deletions(tmp_path):
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    before = {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir() if path.name != MANIFEST}
    store.commit([story(5, "story-5", 10)], ["base-3"])
    after = {path.name: path.stat().st_mtime_ns for path in tmp_path.iterdir() if path.name != MANIFEST}
    assert all(after[name] == when for name, when in before.items() if name.endswith(("postings.npy", "offsets.npy")))
    new = sorted(set(after) - set(before))
    assert new and all(".d2." in name or name.startswith("s2-") for name in new), new
    assert "base-3" not in store.open().live_keys()


def written_since(folder: Path, before: dict[str, int]) -> dict[str, int]:
    """The folder's files (but the manifest) written since `before` (names and modification times): their sizes."""
    now = {path.name: path for path in folder.iterdir() if path.name != MANIFEST}
    return {name: path.stat().st_size for name, path in now.items() if before.get(name) != path.stat().st_mtime_ns}


def times(folder: Path) -> dict[str, int]:
    return {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}


def test_a_deletion_writes_its_passages_and_their_terms_not_the_vocabulary(tmp_path):
    """A change's deletions were a flag per document and a count per term of the segment, written whole: 0.59 MB
    for one story of a library of 70,573 passages. Its layer now holds the deleted documents and each of their
    terms once, with how many of them hold it."""
    store = SegmentStore(tmp_path)
    big = [StoryTerms(f"big-{n}", [[f"rare{n}-{p}", "w1", f"w{p}"] for p in range(20)]) for n in range(200)]
    store.commit(big)  # 4,000 passages, 4,020 terms
    before = times(tmp_path)
    store.commit([], ["big-7"])
    written = written_since(tmp_path, before)
    layer = {name.split(".d2.")[1]: name for name in written}
    assert sorted(layer) == [f"{kind}.{array}.npy" for kind in ("passages", "stories") for array in ("drops", "gone")]
    passages = np.load(tmp_path / layer["passages.gone.npy"])
    drops = np.load(tmp_path / layer["passages.drops.npy"])
    assert passages.tolist() == list(range(7 * 20, 8 * 20))
    terms = store.open().segments[0].passages.terms
    assert {terms[t]: d for t, d in zip(*drops.tolist(), strict=True)} == (
        {f"rare7-{p}": 1 for p in range(20)} | {f"w{p}": 1 for p in range(20) if p != 1} | {"w1": 20}
    )
    assert np.load(tmp_path / layer["stories.gone.npy"]).tolist() == [7]
    assert sum(written.values()) < 2_000  # the old record was over 4,000 * 8 * 2 bytes of counts alone


def test_many_changes_to_one_segment_keep_a_few_layers_and_score_as_one_fresh_build(tmp_path):
    """Forty changes, each a story of the first segment replaced or removed: the layers are combined so that each
    is more than twice the next newer one (a few at most), what each change writes stays about its stories' size,
    and after every change, and after merges, the scores are those of one fresh build and of rank-bm25."""
    store = SegmentStore(tmp_path)
    live = [story(1000 + n, f"base-{n}", 40) for n in range(60)]
    store.commit(live)
    most = 0
    for change in range(1, 41):
        key = f"base-{(change * 7) % 60}"
        added = [] if change % 4 == 0 else [story(change, key, 20)]
        before = times(tmp_path)
        store.commit(added, [key] if not added else [])
        layers = [n for n in written_since(tmp_path, before) if ".d" in n]
        most = max(most, sum((tmp_path / n).stat().st_size for n in layers))
        live = [s for s in live if s.key != key] + added
        opened = SegmentStore(tmp_path).open()
        first = opened.segments[0]
        assert first.generation == opened.generation
        sizes = [layer.entries for layer in first.deletions]
        assert all(older > 2 * newer for older, newer in itertools.pairwise(sizes)), sizes
        assert_scores_as_one_fresh_build(opened, live)
        if change % 10 == 0:
            store.merge_if_needed()  # the newer segments merged, the first rewritten once a quarter is deleted
            assert_scores_as_one_fresh_build(SegmentStore(tmp_path).open(), live)
    layered = SegmentStore(tmp_path).open()
    assert all(len(s.deletions) <= 6 for s in layered.segments)
    assert most < 40 * 1_000  # 40 changes of a story's 40 passages, at most (the deletions of one change: ~1 KB)
    store.merge_all()
    merged = SegmentStore(tmp_path).open()
    assert len(merged.segments) == 1 and not merged.segments[0].deletions
    assert_scores_as_one_fresh_build(merged, live)


def rewrite_array(folder: Path, name: str, value: np.ndarray) -> None:
    """Writes `value` as file `name`, with the manifest's record of it made anew: no checksum tells it from one
    a writer saved, only what it holds."""
    np.save(folder / name, value)
    manifest = json.loads((folder / MANIFEST).read_text())
    for entry in manifest["segments"]:
        if name in entry["files"]:
            entry["files"][name] = segment_store._new_record(folder / name)
    (folder / MANIFEST).write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("ending", "value"),
    [
        ("passages.gone.npy", lambda gone, size, terms: np.append(gone, size).astype(np.int32)),  # out of range
        ("passages.gone.npy", lambda gone, size, terms: gone[::-1].copy()),  # not ascending
        ("passages.gone.npy", lambda gone, size, terms: gone.astype(np.int64)),  # not as written
        ("stories.gone.npy", lambda gone, size, terms: np.array([0, 2], np.int32)),  # deleted by the layer before
        ("passages.drops.npy", lambda drops, size, terms: drops * 1000),  # more than the term's documents
        ("passages.drops.npy", lambda drops, size, terms: np.stack((drops[0], -drops[1]))),  # a count below one
        ("passages.drops.npy", lambda drops, size, terms: drops[0]),  # one row
        ("passages.drops.npy", lambda drops, size, terms: np.stack((drops[0] + terms, drops[1]))),  # no such term
    ],
)
def test_a_deletion_layer_that_does_not_fit_its_segment_is_damage(tmp_path, ending, value):
    store = SegmentStore(tmp_path)
    store.commit([story(1000 + n, f"base-{n}", 10) for n in range(8)])
    store.commit([], ["base-2", "base-3", "base-4", "base-5"])
    store.commit([], ["base-0"])  # a layer of its own: the one before is more than twice as large
    segment = store.open().segments[0]
    assert [layer.generation for layer in segment.deletions] == [2, 3]
    name = f"{segment.name}.d3.{ending}"
    rewrite_array(tmp_path, name, value(np.load(tmp_path / name), segment.passages.size, len(segment.passages.terms)))
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert refused.value.fault is IndexFault.DELETIONS_MISFIT
    assert refused.value.file.startswith(f"{segment.name}.d3.")


def test_a_changed_byte_in_a_deletion_layer_is_found_when_it_is_opened(tmp_path):
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    store.commit([], ["base-3"])
    for flipped in sorted(tmp_path.glob("*.d2.*")):
        flip_last_byte(flipped, keep_time=True)
        with pytest.raises(IndexRefused) as refused:
            store.open()
        assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_AS_SAVED, flipped.name)
        flip_last_byte(flipped, keep_time=True)


@pytest.mark.parametrize("deletions", [[2, 2], [3], [], "2", [2.0]])
def test_deletion_layers_named_otherwise_than_a_writer_names_them_are_no_manifest(tmp_path, deletions):
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    store.commit([], ["base-3"])
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["segments"][0]["deletions"] = deletions
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_A_MANIFEST, MANIFEST)


@pytest.mark.parametrize("written", ["null", "[]", "{}", '"segments"'])
def test_a_manifest_that_is_no_object_with_a_format_is_no_manifest_not_another_versions(tmp_path, written):
    # It was said to be "saved by another version (format None)": the index is rebuilt either way, but no version
    # writes such a manifest, and the owner was sent looking for one.
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    (tmp_path / MANIFEST).write_text(written)
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_A_MANIFEST, MANIFEST)


def layered(folder: Path) -> SegmentStore:
    """A store of one segment with two deletion layers (generations 2 and 3)."""
    store = SegmentStore(folder)
    store.commit([story(1000 + n, f"base-{n}", 10) for n in range(8)])
    store.commit([], ["base-2", "base-3", "base-4", "base-5"])
    store.commit([], ["base-0"])  # a layer of its own: the one before is more than twice as large
    return store


def test_a_layer_whose_files_the_manifest_names_but_not_its_generation_is_no_manifest(tmp_path):
    """Its files listed (and intact) but its generation gone from "deletions": it was never applied, and the four
    stories it deletes were live again."""
    store = layered(tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["segments"][0]["deletions"] = [3]
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_A_MANIFEST, MANIFEST)


def test_a_manifest_generation_below_a_segments_is_no_manifest(tmp_path):
    """One less (a bit of "3" flipped to "2"): the next change wrote its layer under the newest layer's name, over its
    files, and kept their old records; found only by the start after it, which rebuilt everything."""
    store = layered(tmp_path)
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    manifest["generation"] = 2
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_A_MANIFEST, MANIFEST)


def test_a_stories_layer_that_deletes_another_story_than_its_passages_layer_is_damage(tmp_path):
    """Each fits its own index, but story 1 is deleted while its passages stay live, and story 0's passages are
    deleted while it stays: the live passages were story 1's, answered as story 0's."""
    store = layered(tmp_path)
    segment = store.open().segments[0]
    rewrite_array(tmp_path, f"{segment.name}.d3.stories.gone.npy", np.array([1], np.int32))
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert (refused.value.fault, refused.value.file) == (IndexFault.DELETIONS_MISFIT, f"{segment.name}.d3.stories")


def test_too_many_segments_are_merged_and_a_segment_mostly_deleted_is_rewritten(tmp_path, monkeypatch):
    monkeypatch.setattr(segment_store, "MAX_SEGMENTS", 3)
    store = SegmentStore(tmp_path)
    stories = [story(1000 + n, f"base-{n}", 10) for n in range(8)]
    store.commit(stories)
    for n in range(4):
        store.commit([story(n, f"new-{n}", 5)])
    assert store.merge_if_needed() is not None
    merged = store.open()
    assert len(merged.segments) == 2
    expected = stories + [story(n, f"new-{n}", 5) for n in range(4)]
    assert_scores_as_one_fresh_build(merged, expected)
    assert store.merge_if_needed() is None
    store.commit([], [f"base-{n}" for n in range(3)])
    rewritten = store.merge_if_needed()
    assert rewritten is not None and not any(s.passages.deleted.any() for s in rewritten.segments)
    assert_scores_as_one_fresh_build(SegmentStore(tmp_path).open(), expected[3:])
    named = {MANIFEST, segment_store.WRITE_LOCK}
    named |= {n for s in rewritten.segments for n in segment_store.files_of(s)}
    assert {path.name for path in tmp_path.iterdir()} == named  # what merges replaced is gone


def flip_last_byte(target: Path, *, keep_time: bool = False) -> None:
    """`keep_time`: as a disk's decay changes a byte, the file's modification time unmoved."""
    info = target.stat()
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF
    target.write_bytes(bytes(data))
    if keep_time:
        os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))


def test_a_changed_byte_in_a_file_read_whole_is_found_when_it_is_opened(tmp_path):
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    flipped = next(tmp_path.glob("*.passages.doc_len.npy"))
    flip_last_byte(flipped)
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_AS_SAVED, flipped.name)


def test_a_changed_byte_in_the_postings_is_found_by_verify_and_before_any_merge(tmp_path):
    """Postings are read a piece at a time while answering (and checked by what reads them): their
    checksums are not read whole at every open, but by `verify`, and by every writer."""
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    flipped = next(tmp_path.glob("*.passages.postings.npy"))
    flip_last_byte(flipped, keep_time=True)
    opened = store.open()
    for damaged in (lambda: store.verify(opened), store.merge_all):
        with pytest.raises(IndexRefused) as refused:
            damaged()
        assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_AS_SAVED, flipped.name)


def test_a_file_read_in_pieces_written_to_since_it_was_saved_is_found_when_it_is_opened(tmp_path):
    """Its modification time moved: its checksum is read then, where a changed passage number or text passed every
    check of what a question reads and was answered from."""
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    for name in ("*.passages.postings.npy", "*.stories.offsets.npy"):
        flipped = next(tmp_path.glob(name))
        flip_last_byte(flipped)
        with pytest.raises(IndexRefused) as refused:
            store.open()
        assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_AS_SAVED, flipped.name)
        flip_last_byte(flipped)  # the same bytes again, at a new time: read whole, and used
        assert store.open().live_keys() == [s.key for s in live_after(1)]


def test_a_commit_keeps_the_checksums_saved_not_those_of_damage_done_since(tmp_path):
    """A commit took every file's checksum again: a byte changed since in a file read in pieces (its time kept, as a
    disk's decay leaves it) was then the checksum saved, found by no check after, merges and the bot's repair
    included; the damaged index was never built again."""
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    flipped = next(tmp_path.glob("*.passages.postings.npy"))
    flip_last_byte(flipped, keep_time=True)
    store.commit([story(5, "story-5", 10)])
    opened = store.open()
    assert flipped.name in segment_store.files_of(opened.segments[0])
    for damaged in (lambda: store.verify(opened), store.merge_all):
        with pytest.raises(IndexRefused) as refused:
            damaged()
        assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_AS_SAVED, flipped.name)


def test_a_commit_gives_the_files_saved_without_their_times_the_times_they_have(tmp_path):
    """An index saved by a version that kept no times: its next commit records them, so that a byte written to a file
    read in pieces after it is found at a start, as in an index saved since."""
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    manifest = json.loads((tmp_path / MANIFEST).read_text())
    for entry in manifest["segments"]:
        for record in entry["files"].values():
            del record["mtime_ns"]
    (tmp_path / MANIFEST).write_text(json.dumps(manifest))
    flipped = next(tmp_path.glob("*.passages.postings.npy"))
    flip_last_byte(flipped)
    flip_last_byte(flipped)  # written to, as it was: no time to tell it by yet
    store.commit([story(5, "story-5", 10)])
    flip_last_byte(flipped)
    with pytest.raises(IndexRefused) as refused:
        store.open()
    assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_AS_SAVED, flipped.name)


def history_process(folder: Path, operations: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.core.segment_history", str(folder), str(operations)], cwd=ROOT
    )


def finished_one_more(folder: Path, writer: subprocess.Popen) -> None:
    """Waits until the writer has done one more operation (or ended)."""
    past = SegmentStore(folder).open().generation
    while writer.poll() is None and SegmentStore(folder).open().generation <= past:
        time.sleep(0.01)


def test_a_writer_killed_at_any_moment_of_an_add_or_a_merge_leaves_a_usable_library(tmp_path):
    """kill -9 at varied moments: each time the library opens, holds exactly the operations its
    generation says (never half of one), scores as one fresh build, and the next writer carries on."""
    rng = np.random.default_rng(4)
    operations = 80
    for kill in range(6):
        writer = history_process(tmp_path, operations)
        finished_one_more(tmp_path, writer)
        if kill == 0:  # once certainly in the middle of an operation, however fast the machine
            assert stopped_mid_write(tmp_path, writer), "the writer ended before it was caught writing"
        else:
            time.sleep(float(rng.uniform(0, 0.15)))  # somewhere in the operations after it
        writer.send_signal(signal.SIGKILL)
        assert writer.wait() == -signal.SIGKILL
        assert kill > 0 or unnamed_files(tmp_path)  # files of an unfinished one
        opened = SegmentStore(tmp_path).open()
        assert_scores_as_one_fresh_build(opened, live_after(opened.generation))
    run(tmp_path, operations)
    finished = SegmentStore(tmp_path).open()
    assert finished.generation == operations
    assert_scores_as_one_fresh_build(finished, live_after(operations))
    assert not any(name.endswith(".new") for name in os.listdir(tmp_path))


def test_readers_during_merges_see_one_consistent_library_and_keep_reading_what_they_opened(tmp_path):
    operations = 30
    run(tmp_path, 3)
    held = SegmentStore(tmp_path).open()
    writer = history_process(tmp_path, operations)
    seen: set[int] = set()

    def read() -> None:
        opened = SegmentStore(tmp_path).open()
        assert opened.live_keys() == [s.key for s in live_after(opened.generation)]
        seen.add(opened.generation)

    failures = reading_beside(writer, read)
    assert writer.returncode == 0 and not failures, failures
    assert any(min(seen) <= op < max(seen) for op in range(operations) if is_merge(op))  # read across a merge
    assert_scores_as_one_fresh_build(held, live_after(3))  # its files were replaced and removed meanwhile
    assert_scores_as_one_fresh_build(SegmentStore(tmp_path).open(), live_after(operations))


def test_a_folder_beside_the_segments_is_left_alone_and_commits_go_on(tmp_path):
    """A folder put in the index's folder (a backup of it copied into itself) was unlinked with the files no manifest
    names, before every write: IsADirectoryError each time, so no commit was ever saved again."""
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "segments.json").write_text("{}")
    store.commit([story(5, "story-5", 10)], ["base-3"])
    assert "story-5" in store.open().live_keys()
    assert (tmp_path / "backup" / "segments.json").read_text() == "{}"


@pytest.mark.parametrize("name", [MANIFEST, f"{MANIFEST}.new", ".write.lock"])
def test_a_folder_at_a_name_the_store_writes_is_set_aside_whole_and_commits_go_on(tmp_path, name):
    """A folder standing at the manifest's name (or its .new's, or the write lock's) failed every save for good: each
    start rebuilt the whole index and said the next would save it. It is moved aside, what it holds kept."""
    store = SegmentStore(tmp_path)
    store.commit(*commit_of(0))
    if (tmp_path / name).exists():
        (tmp_path / name).unlink()
    (tmp_path / name).mkdir()
    (tmp_path / name / "notes.txt").write_text("mine")
    store.commit([story(5, "story-5", 10)], [])
    assert "story-5" in store.open().live_keys()
    assert (tmp_path / f"{name}.set-aside-1" / "notes.txt").read_text() == "mine"
    assert (tmp_path / MANIFEST).is_file()
