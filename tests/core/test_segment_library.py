"""A library's segments: what they keep beside their postings, as stories are deleted from them and merged."""

from pathlib import Path

import numpy as np
import pytest

from bot.core.analysis import Analyzer
from bot.core.index import BM25Params, BM25Scoring
from bot.core.index_notes import IndexFault
from bot.core.library import StoryLibrary
from bot.core.segment_library import LibraryPayload, segment_parts
from bot.core.segment_store import SegmentStore
from tests.core.library_history import store_of
from tests.core.story_folder import library_facts, write_folder
from tests.core.test_segment_store import flip_last_byte, rewrite_array

TYPO = "zorbeld"
"""One swap from "zorbled", a word of the story removed; "zorbling", the same term's, is further."""


def zorble_folder(folder: Path) -> Path:
    stories = write_folder(folder, 6)
    (stories / "zorbled.md").write_text("# The lamp\n\nThe old lamp zorbled all night by the mill pond.\n")
    (stories / "zorbling.md").write_text("# The kettle\n\nA kettle sat zorbling on the stove of the inn.\n")
    return stories


def spelt(library: StoryLibrary) -> tuple[str, str] | None:
    return library.speller.correct(TYPO)


@pytest.mark.parametrize("removed", ["deleted", "changed"])
def test_a_word_no_live_story_holds_is_never_suggested_though_its_term_stays(tmp_path, removed):
    """ "zorbled" and "zorbling" are one term: with the first story gone, the term stays, and the speller of a
    library opened from its saved index kept suggesting "zorbled" until a build of everything. Now it forgets it as
    a fresh build of the same folder does: after the deletion, when opened again, and after merges."""
    stories = zorble_folder(tmp_path / "stories")
    store = store_of(tmp_path / "index")
    first = StoryLibrary.load(stories, store=store)
    assert spelt(first) == ("zorbled", "zorbl")
    if removed == "deleted":
        (stories / "zorbled.md").unlink()
    else:
        (stories / "zorbled.md").write_text("# The lamp\n\nThe old lamp burned all night by the mill pond.\n")
    changed = StoryLibrary.load(stories, store=store)
    reopened = StoryLibrary.load(stories, store=store)
    assert reopened.opened and not reopened.index_notes
    fresh = StoryLibrary.load(stories)
    assert "zorbl" in fresh.index.vocabulary and "zorbled" not in fresh.speller.words
    for library in (changed, reopened):
        assert spelt(library) is None and "zorbled" not in library.speller.words
        assert sorted(library.speller.words) == sorted(fresh.speller.words)
    store.segments(stories).merge_all()
    merged = StoryLibrary.load(stories, store=store)
    assert merged.opened and spelt(merged) is None
    assert sorted(merged.speller.words) == sorted(fresh.speller.words)
    (stories / "again.md").write_text("# Again\n\nThe new lamp zorbled too.\n")
    assert spelt(StoryLibrary.load(stories, store=store)) == ("zorbled", "zorbl")


@pytest.mark.parametrize("together", [False, True])
def test_a_word_held_by_two_stories_stays_until_both_are_gone(tmp_path, together):
    stories = zorble_folder(tmp_path / "stories")
    (stories / "second.md").write_text("# The second lamp\n\nIt zorbled as well, down by the weir.\n")
    store = store_of(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    (stories / "zorbled.md").unlink()
    if not together:
        assert spelt(StoryLibrary.load(stories, store=store)) == ("zorbled", "zorbl")
    (stories / "second.md").unlink()
    assert spelt(StoryLibrary.load(stories, store=store)) is None
    assert spelt(StoryLibrary.load(stories, store=store)) is None  # opened again


def live_counts(index: BM25Scoring) -> dict[str, int]:
    """How many documents hold each term, as the library counts them (its BM25 statistics)."""
    terms = list(index.vocabulary)
    held = index.doc_freq_of(np.array([index.vocabulary[t] for t in terms], dtype=np.int64)).tolist()
    return {term: count for term, count in zip(terms, held, strict=True) if count}


@pytest.mark.parametrize("removed", ["deleted", "changed", "both"])
def test_each_term_loses_what_the_deleted_stories_text_held_as_a_fresh_build_counts(tmp_path, removed):
    """A deletion counts what each term loses from the story's text as it was built (kept in its segment), reading
    those terms' postings alone: words it repeats, words live stories of the segment share with it, words it alone
    held, and its file rewritten since. Every term's count of passages and of stories is then a fresh build's, and
    so are the answers, when the change is committed, when the index is opened again and after a merge."""
    stories = zorble_folder(tmp_path / "stories")
    lamps = stories / "lamps.md"
    lamps.write_text(
        "# Lamps\n\nThe lamp, the lamp, the old lamp zorbled by the mill pond; the lamp flickered.\n\n"
        "A quiet pond by a quiet mill, where a kettle sat.\n\nNo one but the lamplighter quibbled.\n"
    )
    store = store_of(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    if removed != "changed":
        (stories / "zorbling.md").unlink()
    if removed != "deleted":
        lamps.write_text("# Lamps\n\nThe kettle sang by the harbour, and the lamp with it.\n")
    changed = StoryLibrary.load(stories, store=store)
    fresh = StoryLibrary.load(stories)
    assert "quibbl" not in fresh.index.vocabulary or removed == "deleted"
    reopened = StoryLibrary.load(stories, store=store)
    store.segments(stories).merge_all()
    merged = StoryLibrary.load(stories, store=store)
    for library in (changed, reopened, merged):
        assert library.opened and not library.index_notes
        assert live_counts(library.index) == live_counts(fresh.index)
        assert live_counts(library.story_index) == live_counts(fresh.story_index)
        assert library_facts(library) == library_facts(fresh)


def test_a_deletion_counts_the_same_with_the_speller_words_a_load_opened_as_with_those_read_again(tmp_path):
    """A load hands a deletion the speller's words it opened each segment with, so that its library.json is not
    parsed whole again; a segment it did not open (merged by another process meanwhile) has them read again: the
    same drops and terms either way."""
    stories = zorble_folder(tmp_path / "stories")
    store = store_of(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    folder = store.folder_for(stories)
    (segment,) = SegmentStore(folder).open().segments
    words = segment_parts(folder, segment, stories, BM25Params()).speller_words
    chosen = np.array([n for n, key in enumerate(segment.keys) if key in {"zorbled.md", "zorbling.md"}])
    known = LibraryPayload(Analyzer(), {segment.name: words}).removed(folder, segment, chosen)
    read_again = LibraryPayload(Analyzer()).removed(folder, segment, chosen)
    assert known.terms == read_again.terms and {"lamp", "zorbl", "kettl"} <= known.terms
    assert np.array_equal(known.kept.terms, read_again.kept.terms)
    assert np.array_equal(known.kept.drops, read_again.kept.drops)
    assert {"zorbled", "zorbling", "lamp", "kettle"} <= {words[n] for n in known.kept.terms.tolist()}


def test_a_speller_drop_that_does_not_fit_its_words_is_damage_and_rebuilt(tmp_path):
    stories = zorble_folder(tmp_path / "stories")
    store = store_of(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    (stories / "zorbled.md").unlink()
    StoryLibrary.load(stories, store=store)
    folder = store.folder_for(stories)
    (layer,) = folder.glob("*.d2.kept.drops.npy")
    drops = np.load(layer)
    drops[1] += 5  # more stories lost than held the words
    rewrite_array(folder, layer.name, drops)
    damaged = StoryLibrary.load(stories, store=store)
    assert not damaged.opened
    wanted = (IndexFault.DELETIONS_MISFIT, layer.name.removesuffix(".npy"))
    assert [(note.fault, note.file) for note in damaged.index_notes] == [wanted]
    assert spelt(damaged) is None
    assert len(SegmentStore(folder).open().segments) == 1


def test_a_damaged_text_of_a_story_a_change_deletes_is_damage_and_rebuilt(tmp_path):
    """A deletion reads the removed story's text again (its speller words); the texts are read a piece at a time,
    not checked whole at a start: what it finds wrong there is damage, the index built again."""
    stories = zorble_folder(tmp_path / "stories")
    store = store_of(tmp_path / "index")
    StoryLibrary.load(stories, store=store)
    (texts,) = store.folder_for(stories).glob("*.text_data.npy")
    flip_last_byte(texts, keep_time=True)  # the last block's: the last story's, "zorbling.md"
    (stories / "zorbling.md").unlink()
    damaged = StoryLibrary.load(stories, store=store)
    assert not damaged.opened
    assert [(note.fault, note.file) for note in damaged.index_notes] == [(IndexFault.CONTENTS, texts.name)]
    assert "zorbling" not in damaged.speller.words and spelt(damaged) == ("zorbled", "zorbl")
    assert StoryLibrary.load(stories, store=store).opened
