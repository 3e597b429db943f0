"""A library's index and a few more segments (a server's shelf) scored as one, the library's arrays shared.

A server's view searches the owner's library and its shelf with BM25Okapi's statistics of both together. Its index
held a copy of the library's vocabulary, document frequencies and idfs (some 2 MB a view on 20,988 stories, for
each index: passages and stories), built again for every server. Here, as Lucene searches several segments with
statistics of the whole index, the view keeps only what its shelf adds: the document frequencies its terms add to
the library's, and the terms the library lacks, numbered after the library's. A question's terms' idfs are worked
out from the summed frequencies as they are asked for; BM25Okapi's epsilon floor, the mean idf of every term, only
when a question term is in more than half the passages, once a view (tests/core/test_joined_index.py: the scores
of one index built over all the stories, to the bit).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Mapping, Sequence

import numpy as np

from bot.core.index import BM25Index, BM25Scoring, idf_floor, raw_idfs, smooth_idfs
from bot.core.segments import HeldPostings, Segment, SegmentedIndex, SegmentPostings, live_numbers

IDFS_KEPT = 4096
"""Question terms whose idfs a view keeps (some 150 bytes each): a question asks for each term's some ten times (its
ranking signals score the term again), each working them out in some 30 us (0.3 ms a question, 12% of a view's)."""
_SEGMENTED: weakref.WeakKeyDictionary[BM25Index, SegmentedIndex] = weakref.WeakKeyDictionary()
_SEGMENTING = threading.Lock()


def library_index(index: BM25Scoring) -> SegmentedIndex:
    """A library's index as segments of raw term frequencies, to be joined: a saved library's as it is; one built in
    memory made into one segment once, for every view of it."""
    if isinstance(index, SegmentedIndex):
        return index
    if not isinstance(index, BM25Index):
        raise TypeError(f"{type(index).__name__} cannot be joined")
    with _SEGMENTING:
        found = _SEGMENTED.get(index)
        if found is None:
            found = _SEGMENTED[index] = SegmentedIndex((one_segment(index),), index.params)
        return found


def one_segment(index: BM25Index) -> Segment:
    """The index's postings with raw term frequencies as a segment, its terms numbered as the index numbers them."""
    postings = index.raw_postings()
    terms = sorted(postings.vocabulary, key=postings.vocabulary.__getitem__)
    held = HeldPostings.of(postings.docs, postings.tf, postings.doc_freq)
    return Segment.of_postings(terms, held, postings.doc_freq, postings.doc_len)


class JoinedVocabulary(Mapping[str, int]):
    """The library's terms, numbered as it numbers them, and the terms it lacks, numbered after them."""

    def __init__(self, first: Mapping[str, int], later: dict[str, int]):
        self.first, self.later = first, later

    def __getitem__(self, term: str) -> int:
        found = self.first.get(term)
        return self.later[term] if found is None else found

    def get(self, term: str, default: int | None = None) -> int | None:  # type: ignore[override]  # one of its overloads
        """As `__getitem__`, without raising: the path of every question word."""
        found = self.first.get(term)
        return self.later.get(term, default) if found is None else found

    def __contains__(self, term: object) -> bool:
        return term in self.first or term in self.later

    def __len__(self) -> int:
        return len(self.first) + len(self.later)

    def __iter__(self) -> Iterator[str]:
        yield from self.first
        yield from self.later


class JoinedIndex(SegmentPostings):
    """A library's index (`first`, shared) with later segments after its documents, scored as one index of them all."""

    def __init__(self, first: SegmentedIndex, later: Sequence[Segment], tie_order: np.ndarray | None = None):
        """`tie_order`: the later documents' places in file order after the library's (None: their numbers)."""
        lengths = [float(segment.doc_len[~segment.deleted].sum()) for segment in later]
        renumbered = [live_numbers(segment) for segment in later]
        self._hold((*first.segments, *later), first._renumbered + renumbered, first._lengths + lengths, first.params)
        self.first = first
        self.live_documents = self.size
        added: dict[str, int] = {}
        for segment in later:
            for term, count in zip(segment.terms, segment.live_doc_freq.tolist(), strict=True):
                if count:
                    added[term] = added.get(term, 0) + count
        held = first.vocabulary
        shared = sorted((held[term], count) for term, count in added.items() if term in held)
        self._shared = np.array([number for number, _ in shared], dtype=np.int64)
        """The library's terms the later segments hold too, by number, ascending."""
        self._shared_added = np.array([count for _, count in shared], dtype=np.int64)
        own = [term for term in added if term not in held]
        start = len(first.doc_freq)
        self.vocabulary = JoinedVocabulary(held, {term: start + n for n, term in enumerate(own)})
        self._own_doc_freq = np.array([added[term] for term in own], dtype=np.int64)
        self._later_ties = tie_order
        self._floor: float | None = None
        """BM25Okapi's idf for terms in more than half the documents: worked out when first needed."""
        self._idfs: dict[int, tuple[float, float]] = {}
        """The idfs of the terms asked for lately."""

    def doc_freq_of(self, term_ids: np.ndarray) -> np.ndarray:
        term_ids = np.asarray(term_ids, dtype=np.int64)
        start = len(self.first.doc_freq)
        found = np.empty(len(term_ids), dtype=np.int64)
        library = term_ids < start
        numbers = term_ids[library]
        counts = self.first.doc_freq[numbers].astype(np.int64)
        at = np.minimum(np.searchsorted(self._shared, numbers), max(len(self._shared) - 1, 0))
        if len(self._shared):
            also = self._shared[at] == numbers
            counts[also] += self._shared_added[at[also]]
        found[library] = counts
        found[~library] = self._own_doc_freq[term_ids[~library] - start]
        return found

    def term_idfs(self, term_id: int) -> tuple[float, float]:
        found = self._idfs.get(term_id)
        if found is None:
            found = self._worked_out(term_id)
            if len(self._idfs) >= IDFS_KEPT:
                self._idfs.clear()
            self._idfs[term_id] = found
        return found

    def _worked_out(self, term_id: int) -> tuple[float, float]:
        """As `idfs` gives them over every term's frequency, from this term's alone (and the floor, if it needs it)."""
        doc_freq = self.doc_freq_of(np.array([term_id]))
        idf = raw_idfs(self.live_documents, doc_freq)
        if idf[0] < 0:
            idf[0] = self._epsilon_floor()
        return float(idf[0]), float(smooth_idfs(self.live_documents, doc_freq)[0])

    def _epsilon_floor(self) -> float:
        """`idf_floor` of every term's summed document frequency (arrays of the library's size, let go)."""
        if self._floor is None:
            doc_freq = self.first.doc_freq.astype(np.int64)
            doc_freq[self._shared] += self._shared_added
            doc_freq = np.concatenate((doc_freq, self._own_doc_freq))
            self._floor = idf_floor(raw_idfs(self.live_documents, doc_freq), doc_freq, self.params)
        return self._floor

    def tie_ranks(self, documents: np.ndarray) -> np.ndarray:
        if self.first.tie_order is None and self._later_ties is None:
            return documents
        ranks = np.array(documents, dtype=np.int64)
        library = ranks < self.first.size
        ranks[library] = self.first.tie_ranks(ranks[library])
        if self._later_ties is not None:
            ranks[~library] = self._later_ties[ranks[~library] - self.first.size]
        return ranks
