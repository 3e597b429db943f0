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

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Protocol

import numpy as np

from bot.core.index import (
    DEFAULT_PARAMS,
    BM25Params,
    BM25Scoring,
    HeldStatistics,
    key_stride,
    length_parts,
    postings_of_documents,
    term_runs,
)
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.kept_postings import PROCESS_POSTINGS
from bot.core.packed_postings import PackedPostings


class PostingLists(Protocol):
    """A segment's posting lists, term after term."""

    def run(self, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
        """The documents (ascending within a term) and raw term frequencies of terms first:last."""
        ...

    def counts_in(self, chosen: np.ndarray) -> np.ndarray:
        """How many of each term's documents are `chosen` (a mask of the segment's documents)."""
        ...

    def counts_of(self, chosen: np.ndarray, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How many of each of these terms' documents (numbers ascending) are `chosen`, and the sum of their
        frequencies in each chosen document (in document order), reading only these terms' postings."""
        ...


@dataclass(frozen=True)
class HeldPostings:
    """Posting lists held in memory (a library built here, a test's)."""

    starts: np.ndarray
    docs: np.ndarray
    tf: np.ndarray

    @classmethod
    def of(cls, docs: np.ndarray, tf: np.ndarray, doc_freq: np.ndarray) -> HeldPostings:
        return cls(np.concatenate(([0], np.cumsum(doc_freq))).astype(np.int64), docs, tf)

    def run(self, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
        begin, end = int(self.starts[first]), int(self.starts[last])
        return self.docs[begin:end], self.tf[begin:end]

    def counts_in(self, chosen: np.ndarray) -> np.ndarray:
        held = np.flatnonzero(chosen[self.docs])
        return np.bincount(np.searchsorted(self.starts, held, side="right") - 1, minlength=len(self.starts) - 1)

    def counts_of(self, chosen: np.ndarray, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        lengths = self.starts[terms + 1] - self.starts[terms]
        term_of, place = np.repeat(np.arange(len(terms)), lengths), np.arange(int(lengths.sum()))
        postings = self.starts[terms][term_of] + place - (np.cumsum(lengths) - lengths)[term_of]
        held = chosen[self.docs[postings]]
        chosen_before = np.cumsum(chosen) - chosen
        sums = np.bincount(
            chosen_before[self.docs[postings[held]]], weights=self.tf[postings[held]], minlength=int(chosen.sum())
        )
        return np.bincount(term_of[held], minlength=len(terms)), sums.astype(np.int64)


@dataclass(frozen=True, kw_only=True)
class Segment:
    """Some documents' posting lists, never changed once written, and which of them are deleted."""

    terms: list[str]
    """The segment's terms in term-number order."""
    vocabulary: dict[str, int]
    starts: np.ndarray
    """Where each term's postings start, and where the last ends."""
    postings: PostingLists
    """Each term's documents, numbered within the segment, and raw term frequencies (read as needed when saved)."""
    doc_len: np.ndarray
    """Each document's length in terms (float64)."""
    deleted: np.ndarray
    """Whether each document is deleted (its postings stay until a merge drops them)."""
    live_doc_freq: np.ndarray
    """How many live documents hold each term."""

    @classmethod
    def of_documents(cls, documents: Iterable[Sequence[str]]) -> Segment:
        """A segment of documents given as their terms, none deleted; its terms sorted (see MergePlan)."""
        postings = postings_of_documents(documents)
        terms = list(postings.vocabulary)
        order = sorted(range(len(terms)), key=terms.__getitem__)
        rank = np.empty(len(terms), dtype=np.int64)
        rank[order] = np.arange(len(terms))
        by_term = np.argsort(np.repeat(rank, postings.doc_freq), kind="stable")  # documents stay ascending
        doc_freq = postings.doc_freq[order]
        return cls.of_postings(
            [terms[n] for n in order],
            HeldPostings.of(postings.docs[by_term], postings.tf[by_term], doc_freq),
            doc_freq,
            postings.doc_len,
        )

    @classmethod
    def of_postings(
        cls,
        terms: list[str],
        postings: PostingLists,
        doc_freq: np.ndarray,
        doc_len: np.ndarray,
        *,
        vocabulary: dict[str, int] | None = None,
    ) -> Segment:
        """A segment of these posting lists (`doc_freq` postings a term), none deleted; `vocabulary`, when
        given, numbers the terms (another segment's index of the same terms shares it: never changed)."""
        return cls(
            terms=terms,
            vocabulary={term: number for number, term in enumerate(terms)} if vocabulary is None else vocabulary,
            starts=np.concatenate(([0], np.cumsum(doc_freq))).astype(np.int64),
            postings=postings,
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

    def without(self, docs: np.ndarray, terms: Iterable[str] | None = None) -> Segment:
        """This segment with these documents (numbered within it) deleted as well.

        The postings are not touched; each term's live count drops by the newly deleted documents
        that hold it. With `terms`, the terms those documents hold (their texts analysed again), only
        their postings are read (PostingLists.counts_of): a deletion costs what it deletes. A document's
        length is the sum of its terms' frequencies, so the terms given must make up the whole of each
        deleted document's, or the whole segment's postings are read after all (PostingLists.counts_in):
        its counts are right whatever `terms` holds."""
        deleted = self.deleted.copy()
        deleted[docs] = True
        newly = deleted & ~self.deleted
        if not newly.any():
            return self
        live_doc_freq = self.live_doc_freq.copy()
        if terms is not None:
            numbers = np.unique(np.fromiter((self.vocabulary.get(t, -1) for t in terms), np.int64))
            numbers = numbers[numbers >= 0]
            counts, sums = self.postings.counts_of(newly, numbers)
            if np.array_equal(sums, self.doc_len[newly]):
                live_doc_freq[numbers] -= counts
                return replace(self, deleted=deleted, live_doc_freq=live_doc_freq)
        live_doc_freq -= self.postings.counts_in(newly)
        return replace(self, deleted=deleted, live_doc_freq=live_doc_freq)

    def _term_of(self, postings: np.ndarray) -> np.ndarray:
        """The term number of each of these postings (by position)."""
        return np.searchsorted(self.starts, postings, side="right") - 1

    def live_postings(self, term: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The live documents holding the term (numbered within the segment, ascending), its frequency in
        each, and their lengths (gathered once, for the check of what was read and for the scores; as
        `gathered_lengths` holds them)."""
        number = self.vocabulary.get(term)
        if number is None:
            return np.zeros(0, np.int32), np.zeros(0, np.uint32), np.zeros(0, np.float64)
        docs, tf = self.postings.run(number, number + 1)
        packed = self.postings if isinstance(self.postings, PackedPostings) and len(docs) else None
        if packed is not None and (docs[0] < 0 or docs[-1] >= self.size or not (docs[1:] > docs[:-1]).all()):
            raise IndexDamaged(IndexDamage(packed.data.name, DamageKind.CONTENTS))
        lengths = self.gathered_lengths.take(docs)
        if packed is not None and not (tf <= lengths).all():  # a term counted more than its passage's words
            raise IndexDamaged(IndexDamage(packed.data.name, DamageKind.CONTENTS))
        if not self.any_deleted:
            return docs, tf, lengths
        live = ~self.deleted[docs]
        return docs[live], tf[live], lengths[live]

    @cached_property
    def gathered_lengths(self) -> np.ndarray:
        """The documents' lengths as the narrowest unsigned integers that hold them (they are whole
        numbers), for a question's postings to gather theirs: from an array a quarter the size of the
        float64 one (30 MB for a big library), with far fewer cache misses. The same numbers, so the
        same term-frequency parts to the bit."""
        if not len(self.doc_len):
            return self.doc_len
        narrow = self.doc_len.astype(np.min_scalar_type(max(int(self.doc_len.max()), 0)))
        return narrow if np.array_equal(narrow, self.doc_len) else self.doc_len

    @cached_property
    def any_deleted(self) -> bool:
        return bool(self.deleted.any())


MERGE_CHUNK = 1 << 20
"""Postings a merge takes at a time: its temporary arrays are a few times this many numbers."""


class MergePlan:
    """These segments' live documents as one segment, in order, deleted ones dropped and renumbered,
    produced a chunk of terms at a time: memory follows a chunk's postings and the terms, not the
    segments' postings.

    Segments keep their terms sorted, so a run of the merged terms is one run of each segment's
    terms, and of its postings: one read of each segment per chunk."""

    def __init__(self, segments: Sequence[Segment]):
        self.segments = tuple(segments)
        self.terms = sorted({t for s in segments for t, df in zip(s.terms, s.live_doc_freq, strict=True) if df > 0})
        number = {term: n for n, term in enumerate(self.terms)}
        self._numbers = [np.fromiter((number.get(t, -1) for t in s.terms), np.int64, len(s.terms)) for s in segments]
        """Each segment's terms' numbers among the merged ones (-1: no live document holds it)."""
        self.doc_freq = np.zeros(len(self.terms), dtype=np.int64)
        for segment, numbers in zip(segments, self._numbers, strict=True):
            held = numbers >= 0
            self.doc_freq[numbers[held]] += segment.live_doc_freq[held]
        self.doc_len = np.concatenate([s.doc_len[~s.deleted] for s in segments] or [np.zeros(0, np.float64)])
        self._stride = key_stride(len(self.doc_len))
        self.postings = int(self.doc_freq.sum())

    def chunks(self) -> Iterator[tuple[int, int, np.ndarray, np.ndarray]]:
        """Runs of merged terms [first, last) of about MERGE_CHUNK postings, with their postings'
        documents (int32) and term frequencies (uint32)."""
        starts = np.concatenate(([0], np.cumsum(self.doc_freq)))
        whole = self.segments[0] if len(self.segments) == 1 else None
        if whole is not None and not whole.deleted.any() and whole.terms == self.terms:  # copied as it is
            for first, last in term_runs(starts, MERGE_CHUNK):
                docs, tf = whole.postings.run(first, last)
                yield first, last, np.asarray(docs, np.int32), np.asarray(tf, np.uint32)
            return
        renumbered, first_doc = [], 0
        for segment in self.segments:
            renumbered.append(np.cumsum(~segment.deleted) - 1 + first_doc)
            first_doc += segment.live
        for first, last in term_runs(starts, MERGE_CHUNK):
            yield first, last, *self._chunk(first, last, renumbered)

    def _chunk(self, first: int, last: int, renumbered: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """The postings of merged terms first:last."""
        keys, frequencies = [np.zeros(0, np.int64)], [np.zeros(0, np.uint32)]
        for segment, numbers, renumber in zip(self.segments, self._numbers, renumbered, strict=True):
            low = bisect.bisect_left(segment.terms, self.terms[first])
            high = bisect.bisect_left(segment.terms, self.terms[last]) if last < len(self.terms) else len(segment.terms)
            docs, tf = segment.postings.run(low, high)
            live = np.flatnonzero(~segment.deleted[docs])
            term_numbers = numbers[segment._term_of(live + int(segment.starts[low]))] - first
            keys.append(term_numbers * self._stride + renumber[docs[live]])
            frequencies.append(np.asarray(tf)[live].astype(np.uint32))
        key, tf = np.concatenate(keys), np.concatenate(frequencies)
        order = np.argsort(key, kind="stable")  # a few sorted runs, one a segment
        return (key[order] % self._stride).astype(np.int32), tf[order]


class SegmentPostings(BM25Scoring):
    """Segments' live documents, numbered through the segments in order without gaps (a deleted document has no
    number), as one index built over the live documents in that order numbers them: each question term's postings
    read from every segment, its term-frequency parts computed with the average length of them all."""

    def _hold(
        self, segments: Sequence[Segment], renumbered: list[np.ndarray | None], lengths: list[float], params: BM25Params
    ) -> None:
        """`renumbered`: each segment's `live_numbers`; `lengths`: each one's live documents' length, summed."""
        self.params = params
        self.segments = tuple(segments)
        self._firsts = np.concatenate(([0], np.cumsum([segment.live for segment in segments]))).astype(np.int64)
        """Each segment's first live document's number, and the number after the last."""
        self._renumbered = renumbered
        self._lengths = lengths
        """Kept for a join to add its other segments' on (bot.core.joined_index): the same sum, in the same order."""
        self.size = live = int(self._firsts[-1])
        length = sum(lengths)
        self._avgdl = length / live if live and length else 1.0  # as index.average_length over the live ones
        self._kept_as = PROCESS_POSTINGS.owner(self)
        """The key its question terms' lists are kept under, read and scored, in the process's store."""

    def __getstate__(self) -> dict[str, object]:
        """Sent to another process (a library the worker could not save): its lists are kept in this one."""
        state = dict(self.__dict__)
        del state["_kept_as"]
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self._kept_as = PROCESS_POSTINGS.owner(self)

    def _term_postings(self, term: str, term_id: int, within: range | None) -> tuple[np.ndarray, np.ndarray, float]:
        found = PROCESS_POSTINGS.get(self._kept_as, term)
        if found is None:
            found = self._read_postings(term)
            PROCESS_POSTINGS.keep(self._kept_as, term, found)
        docs, parts, largest = found
        if within is not None:
            low, high = np.searchsorted(docs, np.array([within.start, within.stop], dtype=docs.dtype)).tolist()
            docs, parts = docs[low:high], parts[low:high]
        return docs, parts, largest

    def _read_postings(self, term: str) -> tuple[np.ndarray, np.ndarray, float]:
        """The term's live documents, numbered here, their term-frequency parts, and the largest part."""
        every_docs, every_parts = [], []
        for first, segment, renumbered in zip(self._firsts, self.segments, self._renumbered, strict=False):
            docs, tf, lengths = segment.live_postings(term)
            if len(docs):
                every_parts.append(length_parts(tf, lengths, self._avgdl, self.params))
                docs = docs if renumbered is None else renumbered[docs]
                every_docs.append(docs + first if first else docs)
        if len(every_docs) == 1:
            docs, parts = every_docs[0], every_parts[0]
        else:
            docs, parts = np.concatenate(every_docs), np.concatenate(every_parts)
        return docs, parts, float(parts.max())


class SegmentedIndex(SegmentPostings, HeldStatistics):
    """Segments read as one index of their live documents. BM25Okapi counts the live documents only."""

    def __init__(self, segments: Sequence[Segment], params: BM25Params = DEFAULT_PARAMS):
        lengths = [float(segment.doc_len[~segment.deleted].sum()) for segment in segments]
        self._hold(segments, [live_numbers(segment) for segment in segments], lengths, params)
        self.vocabulary, self.doc_freq = _combined_vocabulary(self.segments)
        self._set_idf(self.size)


def live_numbers(segment: Segment) -> np.ndarray | None:
    """Each document's number among the segment's live ones (a deleted one's is its live predecessor's);
    None when none is deleted (the numbers are the documents')."""
    return np.cumsum(~segment.deleted) - 1 if segment.deleted.any() else None


def _combined_vocabulary(segments: Sequence[Segment]) -> tuple[dict[str, int], np.ndarray]:
    """Every term a live document holds -> its number, and its live document frequency over all segments.

    The first segment's terms keep their numbers (its vocabulary is copied whole, not walked term by
    term); only the other segments' terms are looked up one by one."""
    if not segments:
        return {}, np.zeros(0, np.int64)
    if len(segments) == 1 and segments[0].live_doc_freq.all():  # its own, as it is (never changed)
        return segments[0].vocabulary, segments[0].live_doc_freq
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
