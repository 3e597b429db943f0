"""Posting lists of a library too big to sort in memory at once.

Batches of passages arrive in passage order, each with its postings grouped term by term. Each
batch is written to disk as it arrives (a run), and only each term's count is kept; once every
batch is in, the counts say where each term's list starts, and one pass over the runs puts every
posting in its place. Within a term, earlier runs hold earlier passages, so every list comes out in
passage order with no sort: the build's memory is the finished lists plus one run. A run that
cannot be written (a full disk) is kept in memory instead: the build goes on, only bigger.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

from bot.core.file_array import save_array

log = logging.getLogger(__name__)

RUN_ARRAYS = ("terms", "ranks", "docs", "tf")


class PostingRuns:
    def __init__(self, folder: Path):
        self.folder = folder
        self.runs = 0
        self.doc_freq = np.zeros(0, dtype=np.int64)
        self.max_tf = 0
        self._in_memory: dict[int, dict[str, np.ndarray]] = {}
        """Runs that could not be written."""

    def add(self, terms: np.ndarray, docs: np.ndarray, tf: np.ndarray) -> None:
        """One batch's postings, after every batch of earlier passages: each term's postings together,
        passages ascending within a term (term numbers of the whole library, passages too)."""
        if not len(terms):
            return
        group_start = np.flatnonzero(np.concatenate(([True], terms[1:] != terms[:-1])))
        group_size = np.diff(np.append(group_start, len(terms)))
        ranks = np.arange(len(terms), dtype=np.int32) - np.repeat(group_start.astype(np.int32), group_size)
        arrays = {"terms": terms.astype(np.int32), "ranks": ranks, "docs": docs.astype(np.int32), "tf": tf}
        if self._in_memory:
            self._in_memory[self.runs] = arrays
        else:
            try:
                for name in RUN_ARRAYS:
                    save_array(self.folder / f"run-{self.runs}-{name}.npy", arrays[name])
            except OSError as error:
                log.warning(
                    "Could not write the build's postings in %s (%s); keeping them in memory.", self.folder, error
                )
                for name in RUN_ARRAYS:
                    (self.folder / f"run-{self.runs}-{name}.npy").unlink(missing_ok=True)
                self._in_memory[self.runs] = arrays
        self.runs += 1
        counts = np.bincount(terms)
        if len(counts) > len(self.doc_freq):
            self.doc_freq = np.concatenate((self.doc_freq, np.zeros(len(counts) - len(self.doc_freq), np.int64)))
        self.doc_freq[: len(counts)] += counts
        self.max_tf = max(self.max_tf, int(tf.max()))

    def laid_out(self, terms: int, rank: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(docs, tf, doc_freq) of every posting, term after term: what BM25Index.from_postings takes.
        With `rank`, term t's list is laid out as term rank[t]'s (a segment's terms are sorted)."""
        doc_freq = np.zeros(terms, dtype=np.int64)
        if rank is None:
            rank = np.arange(terms)
        doc_freq[rank[: len(self.doc_freq)]] = self.doc_freq
        next_free = np.concatenate(([0], np.cumsum(doc_freq)[:-1]))
        total = int(doc_freq.sum())
        docs = np.empty(total, dtype=np.int32)
        tf = np.empty(total, dtype=np.min_scalar_type(self.max_tf))
        for run in range(self.runs):
            arrays = self._in_memory.get(run) or {
                # read, not mapped: a spill file cut short under the build must fail it, not kill it (SIGBUS)
                name: np.load(self.folder / f"run-{run}-{name}.npy", allow_pickle=False)
                for name in RUN_ARRAYS
            }
            run_terms = rank[arrays["terms"]]
            where = next_free[run_terms] + arrays["ranks"]
            docs[where] = arrays["docs"]
            tf[where] = arrays["tf"]
            next_free += np.bincount(run_terms, minlength=terms)
        return docs, tf, doc_freq
