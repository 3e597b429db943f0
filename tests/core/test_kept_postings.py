import gc

import numpy as np

from bot.core.kept_postings import PROCESS_POSTINGS, KeptPostings
from bot.core.segments import Segment, SegmentedIndex
from tests.core.test_index import zipf_documents


def postings(count: int) -> tuple[np.ndarray, np.ndarray, float]:
    return np.arange(count, dtype=np.int32), np.ones(count, dtype=np.float32), 1.0


def test_every_index_keeps_its_lists_within_one_budget_least_recently_asked_dropped_first():
    kept = KeptPostings(budget=10)
    first, second = kept.owner(object), kept.owner(object)
    kept.keep(first, "river", postings(4))
    kept.keep(second, "river", postings(4))
    assert kept.get(first, "river") is not None  # asked again: now the most recent
    kept.keep(second, "stone", postings(4))
    assert kept.postings == 8
    assert kept.get(second, "river") is None
    assert kept.get(first, "river") is not None and kept.get(second, "stone") is not None


def test_a_list_longer_than_the_budget_is_kept_alone():
    kept = KeptPostings(budget=10)
    owner = kept.owner(object)
    kept.keep(owner, "river", postings(4))
    kept.keep(owner, "the", postings(30))
    assert kept.postings == 30 and kept.get(owner, "the") is not None and kept.get(owner, "river") is None


def test_keeping_a_term_again_replaces_it_and_counts_it_once():
    kept = KeptPostings(budget=100)
    owner = kept.owner(object)
    kept.keep(owner, "river", postings(4))
    kept.keep(owner, "river", postings(6))
    found = kept.get(owner, "river")
    assert kept.postings == 6 and found is not None and len(found[0]) == 6


def test_a_collected_index_leaves_nothing_kept():
    documents = zipf_documents(300, seed=3)
    gc.collect()  # what earlier tests left is gone before counting: their indexes collected, and their lists
    with PROCESS_POSTINGS._lock:  # dropped now, not at this test's first keep (where they were counted as its)
        PROCESS_POSTINGS._drop_gone()
    before = PROCESS_POSTINGS.postings
    index = SegmentedIndex([Segment.of_documents(documents[:150]), Segment.of_documents(documents[150:])])
    asked = documents[0][:3]
    found = index.top(asked, 5)
    kept_by_one = PROCESS_POSTINGS.postings - before
    assert kept_by_one > 0
    again = SegmentedIndex(index.segments)  # another view of the same segments keeps lists of its own
    assert again.top(asked, 5) == found == index.top(asked, 5)
    assert PROCESS_POSTINGS.postings == before + 2 * kept_by_one
    del index, again
    gc.collect()
    later = SegmentedIndex([Segment.of_documents(documents[:1])])  # the next keep drops the collected views' lists
    later.top(documents[0][:1], 1)
    assert PROCESS_POSTINGS.postings == before + len(later.postings_within(documents[0][0], range(1))[0])


def test_a_finalizer_run_while_the_store_is_locked_does_not_wait_for_it():
    kept = KeptPostings(budget=100)

    class View:
        itself: object

    view = View()
    owner = kept.owner(view)
    kept.keep(owner, "river", postings(4))
    view.itself = view  # freed only by the cycle collector
    del view
    with kept._lock:  # a thread that holds the lock when the collector runs the finalizer
        gc.collect()
    kept.keep(kept.owner(object), "stone", postings(2))
    assert kept.postings == 2 and kept.get(owner, "river") is None
