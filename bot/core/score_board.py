"""Long posting lists added up on a score board: one window of documents at a time, the board reused.

A question of frequent words walks lists of hundreds of thousands of documents. Merging them sorts
every posting, and looking a list up for each candidate is a binary search with cache misses per
candidate; an array of scores over all the library's documents, allocated per question, costs a
pass over every document and faults in tens of megabytes. Here each list's weighted parts are added
into a board of WINDOW scores, window after window of document numbers (as Lucene's BooleanScorer
adds a window of documents): the board stays in the processor's cache, each posting costs one
add, each window one scan for the documents that may still make the top k, and the board is
zeroed behind it, ready for the next window and the next question. Each thread keeps its own
board (questions are answered in worker threads).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

WINDOW = 1 << 18
"""Documents a window of the board covers: 2 MB of scores, within a core's share of the cache."""
SPARSE = 16
"""A window holding fewer postings than one per this many documents is read at its postings (a gather
and a sort of those that reach the threshold), not scanned whole."""


@dataclass(frozen=True)
class WeightedList:
    """One question term's posting list: its documents (ascending), their parts, and the term's weight."""

    docs: np.ndarray
    parts: np.ndarray
    weight: float


class _Board(threading.local):
    """One thread's board: all zeros between uses."""

    def __init__(self) -> None:
        self.scores = np.zeros(0, dtype=np.float64)

    def of_width(self, width: int) -> np.ndarray:
        if len(self.scores) < width:
            self.scores = np.zeros(width, dtype=np.float64)
        return self.scores[:width]


_BOARD = _Board()


def added_up(
    lists: Sequence[WeightedList], threshold: float, remaining: float, window: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """The documents of these lists (of positive weights and parts) whose score from them, with
    `remaining` more, reaches `threshold` (every one, if `remaining` alone does), ascending, and those
    scores. Each document's score is summed in list order from zero, weight times part (float64),
    as a merge of the lists or a lookup of each list in turn sums it: the same bits. A window of
    WINDOW documents unless told."""
    window = WINDOW if window is None else window
    first = min(int(listed.docs[0]) for listed in lists)
    stop = max(int(listed.docs[-1]) for listed in lists) + 1
    edges = [*range(first, stop, window), stop]
    cuts = [np.searchsorted(listed.docs, np.asarray(edges, dtype=listed.docs.dtype)).tolist() for listed in lists]
    board = _BOARD.of_width(min(window, stop - first))
    docs, scores = [], []
    try:
        for number, start in enumerate(edges[:-1]):
            placed = []
            for listed, cut in zip(lists, cuts, strict=True):
                low, high = cut[number], cut[number + 1]
                if high > low:
                    local = listed.docs[low:high] - start
                    np.add.at(board, local, listed.weight * listed.parts[low:high].astype(np.float64))
                    placed.append(local)
            held = board[: edges[number + 1] - start]
            if not placed:
                continue
            if SPARSE * sum(len(local) for local in placed) < len(held):  # look at the postings, not the window
                touched = np.concatenate(placed)
                hit = np.unique(touched[_reaching(held[touched], threshold, remaining)])
                docs.append(hit + start)
                scores.append(held[hit])
                for local in placed:
                    held[local] = 0
            else:
                hit = np.flatnonzero(_reaching(held, threshold, remaining))
                docs.append(hit + start)
                scores.append(held[hit])
                held.fill(0)
    except BaseException:
        board.fill(0)  # a board left holding scores would add them to the next question's
        raise
    return np.concatenate(docs), np.concatenate(scores)


def _reaching(scores: np.ndarray, threshold: float, remaining: float) -> np.ndarray:
    """Which of these scores, with `remaining` more, reach `threshold`: every positive one (a document
    of the lists) if `remaining` alone does."""
    if threshold <= remaining:
        return scores > 0
    return scores >= threshold if remaining == 0 else scores + remaining >= threshold


def parts_at(docs: np.ndarray, parts: np.ndarray, wanted: np.ndarray, window: int | None = None) -> np.ndarray:
    """Each of the `wanted` documents' (ascending) part in one posting list (its documents, ascending,
    and their parts), as float64, 0 where the list does not hold it: what a binary search of the list
    for each finds, for many wanted documents at the cost of a pass over the list. The list is placed
    on the board a window at a time, the wanted documents read off it, and the board zeroed again."""
    window = WINDOW if window is None else window
    found = np.zeros(len(wanted), dtype=np.float64)
    if not len(wanted) or not len(docs):
        return found
    first, stop = int(wanted[0]), int(wanted[-1]) + 1
    edges = [*range(first, stop, window), stop]
    list_cuts = np.searchsorted(docs, np.asarray(edges, dtype=docs.dtype)).tolist()
    wanted_cuts = np.searchsorted(wanted, np.asarray(edges, dtype=wanted.dtype)).tolist()
    board = _BOARD.of_width(min(window, stop - first))
    try:
        for number, start in enumerate(edges[:-1]):
            low, high = list_cuts[number], list_cuts[number + 1]
            wanted_low, wanted_high = wanted_cuts[number], wanted_cuts[number + 1]
            if high > low and wanted_high > wanted_low:
                placed = docs[low:high] - start
                board[placed] = parts[low:high]
                found[wanted_low:wanted_high] = board[wanted[wanted_low:wanted_high] - start]
                board[placed] = 0
    except BaseException:
        board.fill(0)
        raise
    return found
