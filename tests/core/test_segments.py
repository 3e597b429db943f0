import itertools

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

import bot.core.segments as segments_module
from bot.core.analysis import Analyzer
from bot.core.corpus import load_corpus
from bot.core.index import BM25Index, BM25Params
from bot.core.segments import HeldPostings, MergePlan, Segment, SegmentedIndex
from tests.conftest import CORPUS
from tests.core.test_index import QUESTIONS, reference_top, zipf_documents


def merged(segments: list[Segment]) -> Segment:
    """These segments' live documents as one segment in memory (the store writes the chunks to files)."""
    plan = MergePlan(segments)
    _, _, docs, tf = zip(*plan.chunks(), strict=True) if plan.terms else ((), (), (), ())
    held = HeldPostings.of(
        np.concatenate([np.zeros(0, np.int32), *docs]), np.concatenate([np.zeros(0, np.uint32), *tf]), plan.doc_freq
    )
    return Segment.of_postings(plan.terms, held, plan.doc_freq, plan.doc_len)


def grown_library(documents: list[list[str]], seed: int) -> tuple[list[Segment], list[list[str]]]:
    """A library that grew: documents split into four segments, then some deleted from the first three
    (changed or removed stories) and a fifth segment added with new versions of some of them.
    Returns the segments and the live documents in document-number order."""
    rng = np.random.default_rng(seed)
    cuts = [0, len(documents) // 2, len(documents) * 2 // 3, len(documents) * 5 // 6, len(documents)]
    parts = [documents[first:last] for first, last in itertools.pairwise(cuts)]
    segments = [Segment.of_documents(part) for part in parts]
    for number in range(3):
        start = int(rng.integers(0, len(parts[number]) - 60))
        gone = np.concatenate([np.arange(start, start + 50), rng.choice(len(parts[number]), 30, replace=False)])
        segments[number] = segments[number].without(gone).without(gone[:10])  # deleting twice changes nothing
    changed = [[*documents[int(i)][::-1], "changed"] for i in rng.choice(len(documents), 40, replace=False)]
    segments.append(Segment.of_documents(changed))
    parts.append(changed)
    live = [
        doc
        for segment, part in zip(segments, parts, strict=True)
        for doc, gone in zip(part, segment.deleted, strict=True)
        if not gone
    ]
    return segments, live


def live_numbers(segments: list[Segment]) -> np.ndarray:
    """The number the segments give each live document, in order: with no gap where one was deleted,
    as one fresh build of the live documents numbers them."""
    return np.arange(sum(segment.live for segment in segments))


def test_segments_with_deletions_score_as_one_fresh_build_and_as_rank_bm25():
    documents = zipf_documents(3000, 7)
    segments, live = grown_library(documents, 7)
    index, fresh, reference = SegmentedIndex(segments), BM25Index(live), BM25Okapi(live)
    number = live_numbers(segments)
    assert index.live_documents == index.size == len(live) < sum(segment.size for segment in segments)
    assert set(index.vocabulary) == set(fresh.vocabulary)
    rng = np.random.default_rng(8)
    queries = [["common"], ["w0"], ["w0", "w1", "w2"], ["w2999", "common"], ["w5", "w5", "w700"], ["changed", "w3"]]
    queries += [[f"w{int(i)}" for i in rng.zipf(1.3, size=int(rng.integers(1, 7))) % 3000] for _ in range(200)]
    for query in queries:
        ours, theirs = index.top(query, 10), fresh.top(query, 10)
        assert [(int(number[i]), score) for i, score in theirs] == ours, query
        expected = reference_top(reference, query, 10)
        assert [int(number[i]) for i, _ in expected] == [doc for doc, _ in ours], query
        np.testing.assert_allclose([s for _, s in ours], [s for _, s in expected], rtol=1e-6)
        dense = index.scores(query)
        assert np.array_equal(dense, fresh.scores(query))
        np.testing.assert_allclose(dense[number], reference.get_scores(query), rtol=1e-5, atol=1e-6)
    for term in ("common", "w1", "changed", "w2999", "nothing"):
        assert index.term_idf(term) == fresh.term_idf(term)
        assert index.match_weight(term) == fresh.match_weight(term)


def test_a_story_search_within_one_segment_equals_the_fresh_build_restricted_to_it():
    documents = zipf_documents(2000, 3)
    segments, live = grown_library(documents, 3)
    index, fresh = SegmentedIndex(segments), BM25Index(live)
    number = live_numbers(segments)
    within = range(int(number[600]), int(number[900]))
    for query in (["w1", "w40"], ["common", "w3"], ["w7"]):
        assert index.top(query, 10, within) == [(int(number[i]), s) for i, s in fresh.top(query, 10, range(600, 900))]
        picked = number[[0, 5, 600, len(number) - 1]]
        assert np.array_equal(
            index.scores_of(query, picked), fresh.scores_of(query, np.array([0, 5, 600, len(number) - 1]))
        )


def test_postings_within_a_story_over_segments_with_deletions_equal_a_fresh_build():
    documents = zipf_documents(2000, 5)
    segments, live = grown_library(documents, 5)
    index, fresh = SegmentedIndex(segments), BM25Index(live)
    for within in (range(0, 40), range(900, 1300), range(len(live) - 30, len(live))):
        for term in ("common", "w1", "w40", "changed", "nothing"):
            ours, theirs = index.postings_within(term, within), fresh.postings_within(term, within)
            assert ours[0].tolist() == theirs[0].tolist(), (term, within)
            np.testing.assert_array_equal(ours[1], theirs[1])


def test_a_term_whose_every_document_is_deleted_is_unknown_as_in_a_fresh_build():
    segments = [
        Segment.of_documents([["mara", "cello"], ["ship", "night"], ["mara", "ship"]]),
        Segment.of_documents([["ship"]]),
    ]
    segments[0] = segments[0].without(np.array([0]))
    index, fresh = SegmentedIndex(segments), BM25Index([["ship", "night"], ["mara", "ship"], ["ship"]])
    assert "cello" not in index.vocabulary and index.term_idf("cello") is None
    assert index.match_weight("cello") == fresh.match_weight("cello") == index.max_weight()
    assert index.top(["cello"], 5) == []
    assert index.top(["mara"], 5) == fresh.top(["mara"], 5) == [(1, fresh.top(["mara"], 5)[0][1])]


def test_a_few_passages_over_segments_still_rank_their_matches_with_the_smoothed_idf():
    index = SegmentedIndex([Segment.of_documents([["mara", "cello"]]), Segment.of_documents([["ship", "night"]])])
    fresh = BM25Index([["mara", "cello"], ["ship", "night"]])
    assert not index.scores(["ship"]).any()
    assert index.top(["ship"], 5) == fresh.top(["ship"], 5) == [(1, fresh.top(["ship"], 5)[0][1])]


@pytest.mark.parametrize("params", [BM25Params(), BM25Params(k1=0.9, b=0.4, epsilon=0.1)])
def test_story_segments_of_a_real_corpus_after_a_story_is_changed_equal_a_fresh_build(params):
    """Passages and whole stories, as the library keeps both: one segment per few stories, a story
    changed (deleted from its segment, its new version in a segment of its own)."""
    corpus = load_corpus(CORPUS)
    analyzer = Analyzer()
    stories = [[analyzer.terms(p.text) for p in corpus.story_passages(s)] for s in range(len(corpus.stories))]
    assert len(stories) >= 3
    groups = [stories[: len(stories) // 2], stories[len(stories) // 2 :]]
    passage_segments = [Segment.of_documents([p for story in group for p in story]) for group in groups]
    story_segments = [Segment.of_documents([[t for p in story for t in p] for story in group]) for group in groups]
    changed = [*stories[0][1:], ["sophie", "plays", "the", "violin"]]
    passage_segments[0] = passage_segments[0].without(np.arange(len(stories[0])))
    story_segments[0] = story_segments[0].without(np.array([0]))
    passage_segments.append(Segment.of_documents(changed))
    story_segments.append(Segment.of_documents([[t for p in changed for t in p]]))
    live_stories = [*stories[1:], changed]
    live_passages = [p for story in live_stories for p in story]
    passages, whole_stories = SegmentedIndex(passage_segments, params), SegmentedIndex(story_segments, params)
    fresh = BM25Index(live_passages, params)
    fresh_stories = fresh.grouped(
        np.repeat(np.arange(len(live_stories)), [len(s) for s in live_stories]), len(live_stories)
    )
    passage_number, story_number = live_numbers(passage_segments), live_numbers(story_segments)
    for question in [*QUESTIONS, "sophie violin"]:
        terms = analyzer.terms(question)
        assert passages.top(terms, 10) == [(int(passage_number[i]), s) for i, s in fresh.top(terms, 10)], question
        assert whole_stories.top(terms, 10) == [(int(story_number[i]), s) for i, s in fresh_stories.top(terms, 10)]
        reference = BM25Okapi(live_passages, k1=params.k1, b=params.b, epsilon=params.epsilon)
        np.testing.assert_allclose(
            passages.scores(terms)[passage_number], reference.get_scores(terms), rtol=1e-5, atol=1e-6
        )


def test_a_merge_drops_the_deleted_documents_and_scores_as_before():
    documents = zipf_documents(1500, 11)
    segments, live = grown_library(documents, 11)
    one = merged(segments)
    assert one.size == len(live) and not one.deleted.any()
    fresh = Segment.of_documents(live)
    assert sorted(one.terms) == sorted(fresh.terms)
    for term in ("common", "w0", "w17", "changed"):
        assert all(
            np.array_equal(a, b) for a, b in zip(one.live_postings(term), fresh.live_postings(term), strict=True)
        )
    assert np.array_equal(one.doc_len, fresh.doc_len)
    before, after = SegmentedIndex(segments), SegmentedIndex([one])
    number = live_numbers(segments)
    for query in (["common"], ["w0", "w3"], ["changed", "w9", "w9"]):
        assert [(int(number[i]), s) for i, s in after.top(query, 10)] == before.top(query, 10)
    again = merged([one.without(np.arange(10)), Segment.of_documents([["w0", "new"]])])
    assert again.size == len(live) - 9 and "new" in again.vocabulary


def test_deleting_counts_each_term_once_per_live_document_it_leaves():
    segment = Segment.of_documents([["a", "a", "b"], ["b"], ["c", "a"]]).without(np.array([0, 2]))
    assert dict(zip(segment.terms, segment.live_doc_freq.tolist(), strict=True)) == {"a": 0, "b": 1, "c": 0}
    assert segment.live == 1


@pytest.mark.parametrize("given", ["exact", "more", "fewer", "none"])
def test_deleting_with_the_deleted_documents_terms_counts_as_reading_every_posting(given):
    """A deletion given the terms its documents hold reads only theirs; given more (or words no document holds),
    the same counts; given fewer (a text analysed otherwise than it was built), a document's frequencies fall short
    of its length and every posting is read: never a count that is wrong. Repeated words, and words the deleted
    documents share with live ones."""
    rng = np.random.default_rng(3)
    documents = [[f"w{int(w)}" for w in rng.zipf(1.3, int(rng.integers(1, 60))) % 300] for _ in range(900)]
    documents[10] += ["only10", "only10", "w1"]
    segment = Segment.of_documents(documents).without(np.arange(0, 40, 3))
    gone = np.array([10, 11, 13, 500, 899])
    held = {word for doc in gone.tolist() for word in documents[doc]}
    terms = {"exact": held, "more": held | {"w2", "nowhere"}, "fewer": held - {"only10", "w1"}, "none": None}
    after = segment.without(gone, terms[given])
    live = [doc for number, doc in enumerate(documents) if not after.deleted[number]]
    expected = {term: sum(term in doc for doc in live) for term in segment.terms}
    assert dict(zip(after.terms, after.live_doc_freq.tolist(), strict=True)) == expected
    assert expected["only10"] == 0 and after.live == len(live) == 900 - 14 - 5


def test_merging_a_few_postings_at_a_time_changes_nothing(monkeypatch):
    segments, live = grown_library(zipf_documents(800, 5), 5)
    whole = merged(segments)
    monkeypatch.setattr(segments_module, "MERGE_CHUNK", 7)  # many chunks, some terms longer than one
    chunked = merged(segments)
    assert chunked.terms == whole.terms == sorted(whole.terms) and chunked.size == len(live)
    for name in ("starts", "doc_len", "live_doc_freq"):
        assert np.array_equal(getattr(chunked, name), getattr(whole, name)), name
    for name in ("docs", "tf"):
        assert np.array_equal(getattr(chunked.postings, name), getattr(whole.postings, name)), name


@pytest.mark.parametrize(("longest", "narrow"), [(200, np.uint8), (300, np.uint16), (70_000, np.uint32)])
def test_lengths_gathered_as_narrow_integers_give_the_parts_of_one_index_to_the_bit(longest, narrow):
    rng = np.random.default_rng(longest)
    documents = [["a"] * int(rng.integers(1, 5)) + ["b"] * int(rng.integers(0, longest)) for _ in range(40)]
    documents.append(["b"] * longest)
    segment = Segment.of_documents(documents)
    assert segment.gathered_lengths.dtype == narrow
    assert np.array_equal(segment.gathered_lengths, segment.doc_len)
    ours, whole = SegmentedIndex([segment]), BM25Index(documents)
    for term in ("a", "b"):
        docs, parts = ours.postings_within(term, range(len(documents)))
        expected_docs, expected_parts = whole.postings_within(term, range(len(documents)))
        assert np.array_equal(docs, expected_docs) and np.array_equal(parts, expected_parts)
