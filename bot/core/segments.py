"""The index as immutable segments with deleted documents, scored as one BM25Okapi index of the live ones.

As in Lucene and tantivy, a library that changes a little writes a small new segment and marks the
old documents deleted instead of rebuilding everything. BM25Okapi's document count, average length
and document frequencies belong to the whole library, so a segment keeps raw term frequencies and
document lengths, not the term-frequency parts one index computes once: the statistics are combined
from every segment's live documents when the segments are opened, and each question term's parts are
computed from them as its postings are read. Scores and top k are those of one index built over the
live documents (tests/core/test_segments.py checks them against it and against rank-bm25).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from bot.core.file_array import FileArray, SavedArray
from bot.core.index import (
    DEFAULT_PARAMS,
    POSTING_CHUNK,
    BM25Params,
    BM25Scoring,
    key_stride,
    postings_of_documents,
    tf_parts,
)
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged


@dataclass(frozen=True, kw_only=True)
class Segment:
    """Some documents' posting lists, never changed once written, and which of them are deleted."""

    terms: list[str]
    """The segment's terms in term-number order."""
    vocabulary: dict[str, int]
    starts: np.ndarray
    """Where each term's postings start, and where the last ends."""
    docs: SavedArray
    """Each posting's document, numbered within the segment, ascending within a term (read as needed when saved)."""
    tf: SavedArray
    """Each posting's raw term frequency."""
    doc_len: np.ndarray
    """Each document's length in terms (float64)."""
    deleted: np.ndarray
    """Whether each document is deleted (its postings stay until a merge drops them)."""
    live_doc_freq: np.ndarray
    """How many live documents hold each term."""

    @classmethod
    def of_documents(cls, documents: Iterable[Sequence[str]]) -> Segment:
        """A segment of documents given as their terms, none deleted."""
        postings = postings_of_documents(documents)
        return cls.of_postings(
            list(postings.vocabulary), postings.docs, postings.tf, postings.doc_freq, postings.doc_len
        )

    @classmethod
    def of_postings(
        cls, terms: list[str], docs: SavedArray, tf: SavedArray, doc_freq: np.ndarray, doc_len: np.ndarray
    ) -> Segment:
        """A segment of posting lists laid out term after term (`doc_freq` postings each), none deleted."""
        return cls(
            terms=terms,
            vocabulary={term: number for number, term in enumerate(terms)},
            starts=np.concatenate(([0], np.cumsum(doc_freq))).astype(np.int64),
            docs=docs,
            tf=tf,
            doc_len=doc_len,
            deleted=np.zeros(len(doc_len), dtype=bool),
            live_doc_freq=np.asarray(doc_freq, dtype=np.int64),
        )

    @property
    def size(self) -> int:
        return len(self.doc_len)

    @property
    def live(self) -> int:
        return int(self.size - np.count_nonzero(self.deleted))

    def without(self, docs: np.ndarray) -> Segment:
        """This segment with these documents (numbered within it) deleted as well.

        The postings are not touched; each term's live count drops by the newly deleted documents
        that hold it, found a chunk of postings at a time."""
        deleted = self.deleted.copy()
        deleted[docs] = True
        newly = deleted & ~self.deleted
        if not newly.any():
            return self
        removed = np.zeros(len(self.terms), dtype=np.int64)
        for first in range(0, len(self.docs), POSTING_CHUNK):
            hit = np.flatnonzero(newly[self.docs[first : first + POSTING_CHUNK]]) + first
            removed += np.bincount(self._term_of(hit), minlength=len(self.terms))
        return replace(self, deleted=deleted, live_doc_freq=self.live_doc_freq - removed)

    def _term_of(self, postings: np.ndarray) -> np.ndarray:
        """The term number of each of these postings (by position)."""
        return np.searchsorted(self.starts, postings, side="right") - 1

    def live_postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """The live documents holding the term (numbered within the segment, ascending) and its frequency in each."""
        number = self.vocabulary.get(term)
        if number is None:
            return np.zeros(0, np.int32), np.zeros(0, np.uint32)
        first, last = int(self.starts[number]), int(self.starts[number + 1])
        docs, tf = self.docs[first:last], self.tf[first:last]
        if (
            isinstance(self.docs, FileArray)
            and len(docs)
            and (docs[0] < 0 or docs[-1] >= self.size or not (docs[1:] > docs[:-1]).all())
        ):
            raise IndexDamaged(IndexDamage(self.docs.name, DamageKind.CONTENTS))
        live = ~self.deleted[docs]
        return docs[live], tf[live]


def merged(segments: Sequence[Segment]) -> Segment:
    """One segment of these segments' live documents, in order, deleted ones dropped and renumbered."""
    terms: list[str] = []
    vocabulary: dict[str, int] = {}
    keys, frequencies, lengths = [], [], []
    stride = key_stride(sum(segment.live for segment in segments))
    first_doc = 0
    for segment in segments:
        held = np.flatnonzero(segment.live_doc_freq > 0)
        number_of_term = np.full(len(segment.terms), -1, dtype=np.int64)
        for term_number in held:
            term = segment.terms[term_number]
            if term not in vocabulary:
                vocabulary[term] = len(terms)
                terms.append(term)
            number_of_term[term_number] = vocabulary[term]
        renumbered = np.cumsum(~segment.deleted) - 1 + first_doc
        for first in range(0, len(segment.docs), POSTING_CHUNK):
            docs = segment.docs[first : first + POSTING_CHUNK]
            live = np.flatnonzero(~segment.deleted[docs])
            term_numbers = number_of_term[segment._term_of(live + first)]
            keys.append(term_numbers * stride + renumbered[docs[live]])
            frequencies.append(segment.tf[first : first + POSTING_CHUNK][live])
        lengths.append(segment.doc_len[~segment.deleted])
        first_doc += segment.live
    key = np.concatenate(keys) if keys else np.zeros(0, np.int64)
    tf = np.concatenate(frequencies) if frequencies else np.zeros(0, np.uint32)
    order = np.argsort(key, kind="stable")
    key, tf = key[order], tf[order]
    doc_freq = np.bincount(key // stride, minlength=len(terms))
    doc_len = np.concatenate(lengths) if lengths else np.zeros(0, np.float64)
    return Segment.of_postings(terms, (key % stride).astype(np.int32), tf, doc_freq, doc_len)


class SegmentedIndex(BM25Scoring):
    """Segments read as one index. Document numbers run through the segments in order (a deleted
    document keeps its number and is never found); BM25Okapi counts the live documents only."""

    def __init__(self, segments: Sequence[Segment], params: BM25Params = DEFAULT_PARAMS):
        self.params = params
        self.segments = tuple(segments)
        self._firsts = np.concatenate(([0], np.cumsum([segment.size for segment in segments]))).astype(np.int64)
        """Each segment's first document number, and the number after the last."""
        self.size = int(self._firsts[-1])
        live = sum(segment.live for segment in segments)
        length = sum(float(segment.doc_len[~segment.deleted].sum()) for segment in segments)
        self._avgdl = length / live if live and length else 1.0  # as index.average_length over the live ones
        vocabulary, doc_freq = _combined_vocabulary(self.segments)
        self.vocabulary, self.doc_freq = vocabulary, doc_freq
        self._set_idf(live)

    def _term_postings(self, term: str, term_id: int, within: range | None) -> tuple[np.ndarray, np.ndarray, float]:
        every_docs, every_parts = [], []
        for first, segment in zip(self._firsts, self.segments, strict=False):
            docs, tf = segment.live_postings(term)
            if len(docs):
                every_parts.append(tf_parts(docs, tf, segment.doc_len, self._avgdl, self.params))
                every_docs.append(docs.astype(np.int64) + first)
        docs, parts = np.concatenate(every_docs), np.concatenate(every_parts)
        largest = float(parts.max())
        if within is not None:
            low, high = int(np.searchsorted(docs, within.start)), int(np.searchsorted(docs, within.stop))
            docs, parts = docs[low:high], parts[low:high]
        return docs, parts, largest


def _combined_vocabulary(segments: Sequence[Segment]) -> tuple[dict[str, int], np.ndarray]:
    """Every term a live document holds -> its number, and its live document frequency over all segments.

    The first segment's terms keep their numbers (its vocabulary is copied whole, not walked term by
    term); only the other segments' terms are looked up one by one."""
    if not segments:
        return {}, np.zeros(0, np.int64)
    vocabulary = dict(segments[0].vocabulary)
    numbers = [np.arange(len(segments[0].terms))]
    for segment in segments[1:]:
        numbers.append(np.fromiter((vocabulary.setdefault(t, len(vocabulary)) for t in segment.terms), np.int64))
    doc_freq = np.zeros(len(vocabulary), dtype=np.int64)
    for segment, number in zip(segments, numbers, strict=True):
        doc_freq[number] += segment.live_doc_freq
    for segment in segments:
        for term_number in np.flatnonzero(segment.live_doc_freq == 0):
            term = segment.terms[term_number]
            if term in vocabulary and doc_freq[vocabulary[term]] == 0:
                del vocabulary[term]
    return vocabulary, doc_freq
