"""BM25Okapi, rank-bm25's scoring model, laid out as posting lists.

rank-bm25 scores a question by walking every document in Python for every term; here each
posting's term-frequency part is computed once at build time, so a question costs only the
postings of its own terms (tests/core/test_index.py checks the scores against rank-bm25). The
idf stays a separate per-term factor, so the same postings also give a story-scoped search and a
smoothed idf for libraries too small for BM25Okapi's own.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress

import numpy as np

from bot.core import score_board
from bot.core.score_board import WeightedList, added_up, parts_at


@dataclass(frozen=True)
class BM25Params:
    """rank-bm25's BM25Okapi parameters, with its defaults."""

    k1: float = 1.5
    b: float = 0.75
    epsilon: float = 0.25
    """Terms in more than half the passages get idf = epsilon * mean idf instead of a negative one."""


DEFAULT_PARAMS = BM25Params()


class BM25Scoring(ABC):
    """BM25Okapi's scores and exact top-k from posting lists, however they are laid out: one index
    (BM25Index) or segments with deleted documents (SegmentedIndex)."""

    params: BM25Params
    vocabulary: Mapping[str, int]
    """Every term some counted document holds -> its number in doc_freq, idf and smooth_idf."""
    size: int
    """How many document numbers there are (a deleted document keeps its number)."""
    live_documents: int
    """How many documents BM25Okapi counts."""
    tie_order: np.ndarray | None = None
    """Each document's place in file order, where that is not its number (a library joined from segments
    numbers a new story after the others): documents of equal score come in this order, as in one index
    built over the stories in file order."""

    def tie_rank(self, document: int) -> int:
        """Where the document stands among documents of equal score."""
        return int(self.tie_ranks(np.array([document]))[0])

    def tie_ranks(self, documents: np.ndarray) -> np.ndarray:
        """`tie_rank` of each of these documents."""
        return documents if self.tie_order is None else self.tie_order[documents]

    @abstractmethod
    def doc_freq_of(self, term_ids: np.ndarray) -> np.ndarray:
        """How many counted documents hold each of these terms (by number)."""

    @abstractmethod
    def term_idfs(self, term_id: int) -> tuple[float, float]:
        """The term's BM25Okapi idf, and Lucene's always-positive one (what a match is worth when BM25Okapi's idf is
        degenerate): `idfs`."""

    def term_doc_freq(self, term: str) -> int:
        """How many counted documents hold the term (0 when none does)."""
        term_id = self.vocabulary.get(term)
        return 0 if term_id is None else int(self.doc_freq_of(np.array([term_id]))[0])

    def term_idf(self, term: str) -> float | None:
        """The term's BM25Okapi idf, or None when no passage has it."""
        term_id = self.vocabulary.get(term)
        return None if term_id is None else self.term_idfs(term_id)[0]

    def match_weight(self, term: str) -> float:
        """What matching the term is worth, always positive: rare terms more; unknown terms the most."""
        term_id = self.vocabulary.get(term)
        if term_id is None:
            return self.max_weight()
        return self.term_idfs(term_id)[1]

    def max_weight(self) -> float:
        return float(np.log1p((self.live_documents + 0.5) / 0.5))

    def scores(self, query: Iterable[str], within: range | None = None) -> np.ndarray:
        """BM25Okapi score of every document (or of those `within`, indexed from its start).

        A dense array, as rank-bm25's get_scores gives: for tests and benchmarks side by side with it;
        questions use `top`. A repeated query term counts again, as in rank-bm25.
        """
        start, stop = (within.start, within.stop) if within is not None else (0, self.size)
        scores = np.zeros(stop - start, dtype=np.float32)
        for term, repeat in Counter(query).items():
            term_id = self.vocabulary.get(term)
            if term_id is None:
                continue
            docs, parts, _ = self._term_postings(term, term_id, within)
            scores[docs - start] += np.float32(repeat * self.term_idfs(term_id)[0]) * parts
        return scores

    def postings_within(self, term: str, within: range) -> tuple[np.ndarray, np.ndarray]:
        """The documents `within` that hold the term, ascending, and their term-frequency parts: what a
        signal needs to weigh a word by its rarity inside one story. Empty for a term no document holds."""
        term_id = self.vocabulary.get(term)
        if term_id is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        docs, parts, _ = self._term_postings(term, term_id, within)
        return docs, parts

    def scores_of(self, query: Iterable[str], docs: np.ndarray) -> np.ndarray:
        """The BM25Okapi scores of just these documents: a binary search per term, not a pass over all."""
        scores = np.zeros(len(docs), dtype=np.float64)
        for term, repeat in Counter(query).items():
            term_id = self.vocabulary.get(term)
            if term_id is not None:
                listed, parts, _ = self._term_postings(term, term_id, None)
                scores += repeat * self.term_idfs(term_id)[0] * _weights_of(listed, parts, docs)
        return scores

    def top(self, query: Sequence[str], k: int, within: range | None = None) -> list[tuple[int, float]]:
        """The k best documents with a positive score, best first, ties in document order.

        Exact, and without work proportional to the number of documents: a document holding none
        of the question's rarer terms cannot outscore the k-th best found so far, so only the
        postings of the terms that could still matter are walked (MaxScore's idea), and the other
        terms' weights are looked up for those documents alone. Where BM25Okapi scores nothing above
        zero although documents hold question terms (a library of a few passages, where every idf
        is zero or below), they are ranked with the smoothed idf.
        """
        return self._best_of(self._read(query, within), k)

    def top_holding(
        self, query: Sequence[str], k: int, within: range | None = None
    ) -> list[tuple[int, float, frozenset[str]]]:
        """`top`, with the question terms each document holds: what a filter on the words matched
        weighs, from the posting lists already read rather than from the passages' text."""
        read = self._read(query, within)
        best = self._best_of(read, k)
        if not best:
            return []
        docs = np.fromiter((doc for doc, _ in best), dtype=np.int64, count=len(best))
        rows = np.array([_holds(listed.docs, docs) for listed in read]).T.tolist()
        terms = [listed.term for listed in read]
        return [(doc, score, frozenset(compress(terms, row))) for (doc, score), row in zip(best, rows, strict=True)]

    def _read(self, query: Sequence[str], within: range | None) -> list[_TermPostings]:
        """Each distinct known question term's postings (within a story, if scoped), read once a question."""
        read = []
        for term, repeat in Counter(query).items():
            term_id = self.vocabulary.get(term)
            if term_id is not None:
                docs, parts, max_part = self._term_postings(term, term_id, within)
                idf, smooth = self.term_idfs(term_id)
                read.append(
                    _TermPostings(
                        term=term, repeat=repeat, docs=docs, parts=parts, max_part=max_part, idf=idf, smooth_idf=smooth
                    )
                )
        return read

    def _best_of(self, read: list[_TermPostings], k: int) -> list[tuple[int, float]]:
        if k <= 0:
            return []
        found = self._top(read, k, smooth=False)
        if not found and read:
            found = self._top(read, k, smooth=True)
        return found

    def _top(self, read: list[_TermPostings], k: int, *, smooth: bool) -> list[tuple[int, float]]:
        lists = []
        for term in read:
            if len(term.docs):
                weight = float(term.repeat * (term.smooth_idf if smooth else term.idf))
                lists.append(
                    _Postings(
                        bound=weight * term.max_part, weight=weight, term=term.term, docs=term.docs, parts=term.parts
                    )
                )
        if not lists:
            return []
        if any(listed.weight <= 0 for listed in lists):
            return _best(*_merged(lists), k, self.tie_ranks)
        lists.sort(key=lambda listed: (listed.bound, listed.weight, listed.term), reverse=True)  # highest bound first
        if sum(len(listed.docs) for listed in lists) <= MERGED_WHOLE:
            return _best(*_merged(lists), k, self.tie_ranks)  # summed in list order, as pruning sums them
        # A score the k-th best reaches for sure, lowered by far more than the rounding between sums
        # of the same parts in another order: pruning must never drop a document that ties with it.
        threshold = _seed_threshold(lists, k) * (1 - ROUNDING_MARGIN)
        # The lowest-bound terms whose bounds sum below the threshold cannot lift a document into
        # the top k on their own: documents are drawn only from the other ("essential") terms' lists.
        bounds = np.cumsum([listed.bound for listed in reversed(lists)])
        optional = int(np.searchsorted(bounds, threshold, side="left")) if threshold > 0 else 0
        scattered = _scattered(lists, len(lists) - optional, threshold)
        if scattered:
            # Frequent terms draw too many documents to merge: add them up on a score board.
            rest = lists[scattered:]
            candidates, scores = added_up(
                [WeightedList(listed.docs, listed.parts, listed.weight) for listed in lists[:scattered]],
                threshold,
                sum(later.bound for later in rest),
            )
        else:
            essential, rest = lists[: len(lists) - optional], lists[len(lists) - optional :]
            candidates, scores = _merged(essential)
        # Then each remaining term, highest bound first, only for documents that can still make it.
        for position, listed in enumerate(rest):
            remaining = sum(later.bound for later in rest[position:])
            alive = scores + remaining >= threshold
            candidates, scores = candidates[alive], scores[alive]
            scores += listed.weight * _parts_of(listed, candidates)
        return _best(candidates, scores, k, self.tie_ranks)

    @abstractmethod
    def _term_postings(self, term: str, term_id: int, within: range | None) -> tuple[np.ndarray, np.ndarray, float]:
        """The term's (numbered term_id) documents, ascending, and their term-frequency parts, those
        `within` only, and its largest part over all its documents (what bounds its share of a score)."""


class HeldStatistics(BM25Scoring):
    """Scoring whose every term's document frequency and idfs are held in arrays (a library's own index; a server's
    view computes its question's terms' alone: bot.core.joined_index)."""

    doc_freq: np.ndarray
    idf: np.ndarray
    smooth_idf: np.ndarray

    def doc_freq_of(self, term_ids: np.ndarray) -> np.ndarray:
        return self.doc_freq[term_ids]

    def term_idfs(self, term_id: int) -> tuple[float, float]:
        return float(self.idf[term_id]), float(self.smooth_idf[term_id])

    def _set_idf(self, documents: int) -> None:
        """Both idfs of every term from the document frequencies among `documents` counted."""
        self.live_documents = documents
        self.idf, self.smooth_idf = idfs(documents, np.asarray(self.doc_freq), self.params)


class BM25Index(HeldStatistics):
    """One index built in memory, each posting's term-frequency part computed once (saved libraries are
    segments: bot.core.segments)."""

    def __init__(self, documents: Iterable[Sequence[str]], params: BM25Params = DEFAULT_PARAMS):
        postings = postings_of_documents(documents)
        self._set_postings(postings.vocabulary, postings.docs, postings.tf, postings.doc_freq, postings.doc_len, params)

    @classmethod
    def from_postings(
        cls,
        vocabulary: Mapping[str, int],
        docs: np.ndarray,
        tf: np.ndarray,
        doc_freq: np.ndarray,
        doc_len: np.ndarray,
        params: BM25Params = DEFAULT_PARAMS,
    ) -> BM25Index:
        """The index of posting lists laid out term after term, documents ascending within a term:
        each posting's document (int32) and raw term frequency, and how many postings each term has."""
        index = cls.__new__(cls)
        index._set_postings(vocabulary, docs, tf, doc_freq, doc_len, params)
        return index

    def _set_postings(
        self,
        vocabulary: Mapping[str, int],
        docs: np.ndarray,
        tf: np.ndarray,
        doc_freq: np.ndarray,
        doc_len: np.ndarray,
        params: BM25Params,
    ) -> None:
        self.params = params
        self.vocabulary = vocabulary
        self.size = len(doc_len)
        self._docs = docs
        self._tf = tf
        """Raw term frequencies, kept to derive the story-level index and to join indexes (library_join)."""
        self.doc_freq = doc_freq
        self._starts = np.concatenate(([0], np.cumsum(doc_freq)))
        self._set_idf(self.size)
        self.doc_len = doc_len
        self._tf_part = tf_parts(docs, tf, doc_len, average_length(doc_len), params)
        self._max_tf_part = np.zeros(len(vocabulary), dtype=np.float32)
        """Each term's largest term-frequency part: with its idf, the most it can add to a score."""
        if len(self._tf_part):
            nonempty = doc_freq > 0
            self._max_tf_part[nonempty] = np.maximum.reduceat(self._tf_part, self._starts[:-1][nonempty])

    def terms(self) -> list[str]:
        """The vocabulary in term-id order."""
        return sorted(self.vocabulary, key=self.vocabulary.__getitem__)

    def raw_postings(self) -> DocumentPostings:
        """Its posting lists with raw term frequencies (term after term, in term-id order): what segments
        keep, so that its documents can be scored together with others (bot.core.library_join)."""
        return DocumentPostings(
            vocabulary=dict(self.vocabulary), docs=self._docs, tf=self._tf, doc_freq=self.doc_freq, doc_len=self.doc_len
        )

    def grouped(self, group_of_doc: np.ndarray, groups: int) -> BM25Index:
        """The index whose documents are groups of these (stories of passages), with the same terms.

        Groups are runs of consecutive documents, as a story's passages are. Terms are taken a chunk
        of postings at a time, so a big library needs no temporary array as long as all its postings."""
        if np.any(np.diff(group_of_doc) < 0):
            raise ValueError("groups must be runs of consecutive documents")
        stride = key_stride(groups)
        doc_freq = np.zeros(len(self.vocabulary), dtype=np.int64)
        group_docs, group_tf = [], []
        for first_term, last_term in term_runs(self._starts):
            first, last = int(self._starts[first_term]), int(self._starts[last_term])
            # Within a term, documents ascend and groups are runs of documents: the keys come out sorted.
            keys = np.repeat(np.arange(last_term - first_term, dtype=np.int64), self.doc_freq[first_term:last_term])
            keys *= stride
            keys += group_of_doc[self._docs[first:last]]
            if not len(keys):
                continue
            starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
            postings = keys[starts]
            doc_freq[first_term:last_term] = np.bincount(postings // stride, minlength=last_term - first_term)
            group_docs.append((postings % stride).astype(np.int32))
            group_tf.append(np.add.reduceat(self._tf[first:last], starts, dtype=np.int64).astype(np.uint32))
        group_len = np.bincount(group_of_doc, weights=self.doc_len, minlength=groups)
        return BM25Index.from_postings(
            self.vocabulary,
            np.concatenate(group_docs) if group_docs else np.zeros(0, np.int32),
            np.concatenate(group_tf) if group_tf else np.zeros(0, np.uint32),
            doc_freq,
            group_len,
            self.params,
        )

    def _term_postings(self, term: str, term_id: int, within: range | None) -> tuple[np.ndarray, np.ndarray, float]:
        first, last = int(self._starts[term_id]), int(self._starts[term_id + 1])
        docs = self._docs[first:last]
        if within is not None:
            low, high = np.searchsorted(docs, np.array([within.start, within.stop], dtype=docs.dtype)).tolist()
            first, last, docs = first + low, first + high, docs[low:high]
        return docs, self._tf_part[first:last], float(self._max_tf_part[term_id])


ROUNDING_MARGIN = 1e-9
MERGE_COST = 16.0
SCATTER_COST = 1.0
SCAN_COST = 0.6
GATHER_COST = 16.0
WINDOW_COST = 3000.0
LOOKUP_COST = 2.0
"""What a question's steps are estimated to take, in nanoseconds: merging, per posting of the
essential lists; on the score board, adding per posting, finding what reaches the threshold per
document of the span or per posting (whichever is less), and per window and list; looking a list
up, per candidate and halving of the list."""
SEED_SAMPLE = 1 << 13
"""Postings of a list the first threshold is sought among."""
CANDIDATE_SAMPLE = 128
"""Documents of an essential list sampled to estimate how many stay in the running (`_candidates`)."""
MERGED_WHOLE = 1 << 16
"""A question's lists of at most this many postings in all are merged whole, every document scored:
seeding a threshold and estimating the costs of the ways to prune cost more than pruning saves (on
the 3,080 books, top 10 or 50: about 100 us merged whole against 300 us pruned at up to 8,000
postings, 290 against 530-640 at up to 32,000, 540 against 830-890 at up to 60,000, even at about
100,000): a search within a named story, a question of rare words."""
POSTING_CHUNK = 1 << 22
"""Postings taken at a time by the steps that need wider temporary arrays: what bounds a big build's memory."""


@dataclass(frozen=True, kw_only=True)
class _TermPostings:
    """One distinct question term's postings as read, before its idf weighs them."""

    term: str
    repeat: int
    """How often the question repeats it (rank-bm25 counts each)."""
    docs: np.ndarray
    parts: np.ndarray
    max_part: float
    idf: float
    smooth_idf: float


@dataclass(frozen=True, kw_only=True)
class _Postings:
    """One question term's posting list (within a story, if scoped), read once for the question."""

    bound: float
    """The most the term can add to a score: its weight times its largest term-frequency part."""
    weight: float
    term: str
    """Orders ties between bounds the same way however the postings are laid out (one index or segments)."""
    docs: np.ndarray
    parts: np.ndarray


def _weights_of(listed: np.ndarray, parts: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """The term-frequency part of one posting list (its documents and parts) for each of `docs`; 0 where absent."""
    where = np.searchsorted(listed, _same_type(docs, listed))
    found = where < len(listed)
    found[found] = listed[where[found]] == docs[found]
    weights = np.zeros(len(docs), dtype=np.float64)
    weights[found] = parts[where[found]]
    return weights


def _parts_of(listed: _Postings, candidates: np.ndarray) -> np.ndarray:
    """`_weights_of` the list for the candidates (ascending), by a binary search for each or, for many
    candidates, by placing the list on the score board and reading them off it (the same numbers),
    whichever is estimated to cost less."""
    size = len(listed.docs)
    if 2 * SCATTER_COST * size + SCATTER_COST * len(candidates) < LOOKUP_COST * len(candidates) * math.log2(size + 1):
        return parts_at(listed.docs, listed.parts, candidates)
    return _weights_of(listed.docs, listed.parts, candidates)


def _holds(listed: np.ndarray, docs: np.ndarray) -> np.ndarray:
    """Whether each of `docs` is in the ascending `listed`."""
    if not len(listed):
        return np.zeros(len(docs), dtype=bool)
    where = np.minimum(np.searchsorted(listed, _same_type(docs, listed)), len(listed) - 1)
    return listed[where] == docs


def _same_type(docs: np.ndarray, listed: np.ndarray) -> np.ndarray:
    """Documents to look up in a list, as its type: numpy would otherwise copy a list of int32 whole to
    compare it with int64 numbers (document numbers fit either)."""
    return docs.astype(listed.dtype, copy=False)


def _merged(lists: list[_Postings]) -> tuple[np.ndarray, np.ndarray]:
    """Every document in these posting lists, ascending, with its score from them."""
    docs = np.concatenate([listed.docs for listed in lists])
    weights = np.concatenate([listed.weight * listed.parts.astype(np.float64) for listed in lists])
    order = np.argsort(docs, kind="stable")  # the lists are sorted runs: a merge, not a full sort
    docs, weights = docs[order], weights[order]
    new = np.concatenate(([True], docs[1:] != docs[:-1]))
    # bincount adds each document's weights from zero in list order, as the score board and the lookups
    # do (numpy's add.reduceat adds the first to the sum of the others: other bits).
    return docs[new], np.bincount(np.cumsum(new) - 1, weights=weights)


def _scattered(lists: list[_Postings], essential: int, threshold: float) -> int:
    """How many of the lists (highest bound first) to add up on a score board: the essential ones and as
    many more as are cheaper added than looked up; 0 where merging the essential ones is cheaper. The
    lists after them are looked up for the documents still in the running, either way. By the costs
    each step is estimated to take (`MERGE_COST` and the others, fitted to timings of both ways on
    the 3,080 books): whichever is taken, the scores are the same to the bit."""
    sizes = [len(listed.docs) for listed in lists]
    candidates = _candidates(lists, essential, threshold)

    def lookups(added: int) -> float:
        """Looking up the lists after the first `added` for the documents still in the running then."""
        looked_up = candidates[added - essential]
        return sum(LOOKUP_COST * looked_up * math.log2(size + 1) for size in sizes[added:])

    merging = MERGE_COST * sum(sizes[:essential]) + lookups(essential)
    added = essential
    while added < len(lists) and SCATTER_COST * sizes[added] < lookups(added):
        added += 1
    postings, span = sum(sizes[:added]), _span(lists[:added])
    windows = -(-span // score_board.WINDOW)
    boarding = SCATTER_COST * postings + min(SCAN_COST * span, GATHER_COST * postings) + WINDOW_COST * windows * added
    return added if boarding + lookups(added) < merging else 0


def _candidates(lists: list[_Postings], essential: int, threshold: float) -> list[float]:
    """For each count of lists summed, from the essential ones to all, how many documents are estimated
    to be still in the running then: counted among an evenly spread sample of each essential list's
    documents (those of no earlier essential list: none counted twice), each scored by the lists summed.
    Each list is looked up once for every essential list's sample together: a long question's lists are
    read a number of times linear in its words, not once for each essential list."""
    counts = np.zeros(len(lists) - essential + 1)
    if essential == 0:
        return counts.tolist()
    samples = [listed.docs[:: -(-len(listed.docs) // CANDIDATE_SAMPLE)] for listed in lists[:essential]]
    owner = np.repeat(np.arange(essential), [len(sample) for sample in samples])
    sample = np.concatenate(samples)
    scale = np.array([len(listed.docs) / len(taken) for listed, taken in zip(lists, samples, strict=False)])
    first = np.ones(len(sample), dtype=bool)
    for number, earlier in enumerate(lists[: essential - 1]):
        later = owner > number
        first[later] &= ~_holds(earlier.docs, sample[later])
    partial = np.zeros(len(sample), dtype=np.float64)
    for summed, term in enumerate(lists, start=1):
        partial += term.weight * _weights_of(term.docs, term.parts, sample)
        if summed >= essential:
            remaining = sum(later.bound for later in lists[summed:])
            reaching = np.bincount(owner[first & (partial + remaining >= threshold)], minlength=essential)
            counts[summed - essential] = float(reaching @ scale)
    return counts.tolist()


def _span(lists: list[_Postings]) -> int:
    """How many document numbers the lists' documents spread over."""
    return max(int(listed.docs[-1]) for listed in lists) + 1 - min(int(listed.docs[0]) for listed in lists)


def _seed_threshold(lists: list[_Postings], k: int) -> float:
    """A score the k-th best document reaches for sure: the k-th best true score among the documents
    where the highest-bound terms weigh most (in a long list, most among an evenly spread sample of
    SEED_SAMPLE of its postings: any documents give a true lower bound, and a frequent word's best
    parts are everywhere)."""
    seeds = []
    for listed in lists[:3]:
        stride = -(-len(listed.parts) // SEED_SAMPLE)
        sample = listed.parts[::stride]
        take = min(len(sample), 2 * k)
        seeds.append(listed.docs[::stride][np.argpartition(sample, len(sample) - take)[len(sample) - take :]])
    docs = np.unique(np.concatenate(seeds))
    if len(docs) < k:
        return 0.0
    scores = np.zeros(len(docs), dtype=np.float64)
    for listed in lists:
        scores += listed.weight * _weights_of(listed.docs, listed.parts, docs)
    return float(np.partition(scores, len(docs) - k)[len(docs) - k])


def idfs(documents: int, doc_freq: np.ndarray, params: BM25Params) -> tuple[np.ndarray, np.ndarray]:
    """BM25Okapi's idf of terms held by these many documents among `documents`, and Lucene's always-positive one.

    The epsilon floor is a share of the mean idf of the terms some document holds, summed in ascending order: the
    same terms laid out in another order (segments) give the same bits. A join computes a question's terms' idfs
    alone, with this floor of all its terms (bot.core.joined_index)."""
    idf = raw_idfs(documents, doc_freq)
    if (doc_freq > 0).any():
        idf[idf < 0] = idf_floor(idf, doc_freq, params)
    return idf, smooth_idfs(documents, doc_freq)


def raw_idfs(documents: int, doc_freq: np.ndarray) -> np.ndarray:
    """BM25Okapi's idfs before the floor: below zero for terms in more than half the documents."""
    return np.log(documents - doc_freq + 0.5) - np.log(doc_freq + 0.5)


def idf_floor(raw: np.ndarray, doc_freq: np.ndarray, params: BM25Params) -> float:
    """The idf of terms whose raw one is below zero: epsilon times the mean raw idf of the terms documents hold."""
    return float(params.epsilon * np.sort(raw[doc_freq > 0]).mean())


def smooth_idfs(documents: int, doc_freq: np.ndarray) -> np.ndarray:
    """Lucene's always-positive idfs."""
    return np.log1p((documents - doc_freq + 0.5) / (doc_freq + 0.5))


def average_length(doc_len: np.ndarray) -> float:
    """BM25Okapi's avgdl (1 for a library without words, where no posting uses it)."""
    return float(doc_len.mean()) if len(doc_len) and doc_len.sum() else 1.0


def tf_parts(docs: np.ndarray, tf: np.ndarray, doc_len: np.ndarray, avgdl: float, params: BM25Params) -> np.ndarray:
    """Each posting's term-frequency part of BM25Okapi, tf * (k1 + 1) / (tf + k1 * (1 - b + b * dl / avgdl)),
    its documents' lengths gathered a chunk at a time."""
    parts = np.empty(len(docs), dtype=np.float32)
    for first in range(0, len(docs), POSTING_CHUNK):
        chunk = slice(first, first + POSTING_CHUNK)
        parts[chunk] = length_parts(tf[chunk], doc_len[docs[chunk]], avgdl, params)
    return parts


def length_parts(tf: np.ndarray, lengths: np.ndarray, avgdl: float, params: BM25Params) -> np.ndarray:
    """`tf_parts` of postings whose documents' lengths are in hand (float32). Worked in place in two
    arrays, not a new one per step (a question's million postings fault in fresh memory for each),
    each step the formula's own operation on the same operands, so the same bits."""
    k1, b = params.k1, params.b
    frequency = tf.astype(np.float64)
    norm = lengths * b
    norm /= avgdl
    norm += 1 - b
    norm *= k1
    norm += frequency
    frequency *= k1 + 1
    frequency /= norm
    return frequency.astype(np.float32)


def term_runs(starts: np.ndarray, postings: int = POSTING_CHUNK) -> Iterator[tuple[int, int]]:
    """Runs of consecutive terms [first, last) of about `postings` postings (a longer list alone), given
    where each term's postings start (and the last ends)."""
    terms = len(starts) - 1
    first = 0
    while first < terms:
        last = int(np.searchsorted(starts, starts[first] + postings, side="right")) - 1
        last = min(max(last, first + 1), terms)
        yield first, last
        first = last


@dataclass(frozen=True, kw_only=True)
class DocumentPostings:
    """Documents' posting lists, term after term (in order of first use), documents ascending within a term."""

    vocabulary: dict[str, int]
    docs: np.ndarray
    tf: np.ndarray
    """Each posting's raw term frequency."""
    doc_freq: np.ndarray
    """How many postings each term has."""
    doc_len: np.ndarray
    """Each document's length in terms (float64, as avgdl is taken from it)."""


def postings_of_documents(documents: Iterable[Sequence[str]]) -> DocumentPostings:
    """The posting lists of documents given as their terms."""
    vocabulary: dict[str, int] = {}
    lengths: list[int] = []
    every_term: list[str] = []
    for terms in documents:
        lengths.append(len(terms))
        every_term.extend(terms)
    term_ids = np.fromiter(
        (vocabulary.setdefault(t, len(vocabulary)) for t in every_term), dtype=np.int64, count=len(every_term)
    )
    del every_term
    posting_terms, docs, tf = postings_of_tokens(term_ids, np.asarray(lengths, dtype=np.int64))
    doc_freq = np.bincount(posting_terms, minlength=len(vocabulary))
    return DocumentPostings(
        vocabulary=vocabulary, docs=docs, tf=tf, doc_freq=doc_freq, doc_len=np.asarray(lengths, dtype=np.float64)
    )


def postings_of_tokens(term_ids: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(term, document, term frequency) of each posting, in term then document order, from every
    token's term id, document after document, and each document's token count.

    Each token becomes one (term, document) key; sorted, each run of equal keys is one posting."""
    stride = key_stride(len(lengths))
    keys = term_ids.astype(np.int64) * stride
    keys += np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
    keys.sort()
    if not len(keys):
        return np.zeros(0, np.int64), np.zeros(0, np.int32), np.zeros(0, np.uint16)
    first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    tf = np.diff(np.append(first, len(keys)))
    postings = keys[first]
    return postings // stride, (postings % stride).astype(np.int32), tf.astype(np.min_scalar_type(tf.max()))


def key_stride(documents: int) -> int:
    """What a term id is multiplied by in a (term, document) key."""
    return max(documents, 1)


def _best(
    docs: np.ndarray, scores: np.ndarray, k: int, tie_ranks: Callable[[np.ndarray], np.ndarray]
) -> list[tuple[int, float]]:
    """The k highest positive scores, best first, ties by `tie_ranks` (document order, or file order)."""
    positive = scores > 0
    docs, scores = docs[positive], scores[positive]
    if len(docs) > k:
        keep = np.argpartition(-scores, k - 1)[:k]
        cut = scores[keep].min()
        keep = np.flatnonzero(scores >= cut)  # every document tied with the k-th, for the tie order
        docs, scores = docs[keep], scores[keep]
    order = np.lexsort((tie_ranks(docs), -scores))[:k]
    return [(int(docs[i]), float(np.float32(scores[i]))) for i in order]
