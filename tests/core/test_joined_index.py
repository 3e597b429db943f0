"""A library's index joined with later segments: scored as one index of all their documents, the library's shared."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from bot.core import joined_index
from bot.core.index import DEFAULT_PARAMS, BM25Index, BM25Params
from bot.core.joined_index import JoinedIndex, JoinedVocabulary, library_index
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.segments import Segment, SegmentedIndex
from bot.core.shelf_corpus import ShelfStoryText
from tests.conftest import CORPUS
from tests.core.test_server_view import MILL, view_of

WORDS = [f"w{n}" for n in range(60)]


def documents(count: int, seed: int) -> list[list[str]]:
    """Documents of Zipf-like words: the first few in more than half of them (BM25Okapi's idf below zero, floored)."""
    rng = np.random.default_rng(seed)
    weights = 1 / np.arange(1, len(WORDS) + 1)
    chosen = rng.choice(len(WORDS), size=(count, 12), p=weights / weights.sum())
    return [[WORDS[n] for n in row[: int(rng.integers(1, 13))]] for row in chosen]


@pytest.mark.parametrize("params", [DEFAULT_PARAMS, BM25Params(k1=0.9, b=0.4, epsilon=0.1)])
@pytest.mark.parametrize("deleted", [False, True])
def test_a_joined_index_scores_as_one_index_of_all_its_live_documents(params: BM25Params, deleted: bool):
    first, later = documents(80, 1), [documents(7, 2), [["w3", "shelfonly"], ["shelfonly", "w0", "w0"]]]
    segment = Segment.of_documents(first)
    gone = np.array([0, 5, 6, 40]) if deleted else np.zeros(0, dtype=np.int64)
    library = SegmentedIndex([segment.without(gone)], params)
    joined = JoinedIndex(library, [Segment.of_documents(docs) for docs in later])
    live = [doc for n, doc in enumerate(first) if n not in set(gone.tolist())]
    whole = BM25Index(live + [doc for docs in later for doc in docs], params)
    assert joined.size == whole.size and set(joined.vocabulary) == set(whole.vocabulary)
    assert (whole.doc_freq > whole.size / 2).any()  # some idf floored
    for term in [*whole.vocabulary, "nowhere"]:
        assert joined.term_idf(term) == whole.term_idf(term), term
        assert joined.match_weight(term) == whole.match_weight(term), term
        if term in whole.vocabulary:
            frequency = joined.doc_freq_of(np.array([joined.vocabulary[term]]))
            assert frequency.tolist() == [whole.doc_freq[whole.vocabulary[term]]]
    for question in [["w0", "w1"], ["w7", "w0", "w0", "w30"], ["shelfonly", "w2"], ["w59", "w58"], ["w0"]]:
        assert np.array_equal(joined.scores(question), whole.scores(question)), question
        assert joined.top(question, 10) == whole.top(question, 10), question
        assert joined.top(question, 3, range(70, joined.size)) == whole.top(question, 3, range(70, whole.size))
        docs = np.arange(0, joined.size, 3)
        assert np.array_equal(joined.scores_of(question, docs), whole.scores_of(question, docs)), question


def test_idfs_let_go_when_the_kept_are_full_and_asked_from_threads_at_once_score_as_one_index(
    monkeypatch: pytest.MonkeyPatch,
):
    """The kept idfs emptied at nearly every term, while four threads ask the same index and its floor is first worked
    out: every score is still one index's (what a thread reads is each term's own idfs, whichever thread kept them)."""
    monkeypatch.setattr(joined_index, "IDFS_KEPT", 2)
    first, later = documents(80, 4), [documents(9, 5), [["w1", "shelfonly"]]]
    joined = JoinedIndex(SegmentedIndex([Segment.of_documents(first)]), [Segment.of_documents(d) for d in later])
    whole = BM25Index(first + [doc for docs in later for doc in docs])
    questions = [[WORDS[n], WORDS[(n * 7) % 60], "shelfonly"] for n in range(60)] + [["w0"], ["w0", "w1", "w2"]]
    expected = [whole.scores(question) for question in questions]
    found: list[list[bool]] = []

    def ask() -> None:
        found.append([np.array_equal(joined.scores(q), e) for q, e in zip(questions, expected, strict=True)])

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [[True] * len(questions)] * 4
    assert len(joined._idfs) <= 2


def test_a_library_built_in_memory_is_made_segments_once_for_all_its_views():
    index = BM25Index(documents(30, 3))
    segmented = library_index(index)
    assert library_index(index) is segmented and segmented.vocabulary == index.vocabulary
    assert np.array_equal(segmented.idf, index.idf)


@pytest.mark.parametrize("saved", [False, True])
def test_a_view_shares_its_owners_index_and_words_rather_than_copying_them(
    library: StoryLibrary, saved: bool, tmp_path: Path
):
    """The view holds what its shelf adds; the owner's vocabulary, frequencies and words are the owner's own objects."""
    owner = library
    if saved:
        store = IndexStore(tmp_path / "index")
        StoryLibrary.load(CORPUS, store=store, force=True)
        owner = StoryLibrary.load(CORPUS, store=store)
    view = view_of(owner, [ShelfStoryText.read(7, "mill.md", MILL)], owner.analyzer)
    assert view is not None
    assert isinstance(view.index, JoinedIndex) and isinstance(view.story_index, JoinedIndex)
    assert view.index.first is library_index(owner.index) and view.story_index.first is library_index(owner.story_index)
    vocabulary = view.index.vocabulary
    assert isinstance(vocabulary, JoinedVocabulary) and vocabulary.first is view.index.first.vocabulary
    assert "miller" in view.index.vocabulary and "miller" not in owner.index.vocabulary
    words, count = list(view.speller.words), len(owner.speller.words)
    assert words[:count] == list(owner.speller.words) and "miller" in words[count:]
    assert view.speller.term_of("miller") == owner.analyzer.term("miller") and owner.speller.term_of("miller") is None
    assert view.speller.term_of("sophie") == owner.speller.term_of("sophie") is not None
