"""Question terms' posting lists, read and scored, kept for the whole process within one budget.

Unpacking a frequent word's list and computing its term-frequency parts is most of a search on a
big library, and the same frequent words come back question after question. Each open index
(a library, a server's view of its shelf) keeps its lists here, under a key of its own, so however
many indexes a process holds, what they keep together stays within one budget of postings.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from collections import OrderedDict

import numpy as np

KEPT_POSTINGS = 1 << 25
"""Postings kept in all, least recently asked dropped first: about 400 MB at 12 bytes a posting (a
document number and its part), which keeps the lists of a big library's frequent words (3,080 books:
3.9 million passages) and leaves answering memory well under 1.5 GB."""

TermPostings = tuple[np.ndarray, np.ndarray, float]
"""A term's documents, ascending, their term-frequency parts, and the largest part."""


class KeptPostings:
    """A least-recently-used store of posting lists, keyed by their index and term, within a budget."""

    def __init__(self, budget: int = KEPT_POSTINGS):
        self.budget = budget
        self._lists: OrderedDict[tuple[int, str], TermPostings] = OrderedDict()
        self.postings = 0
        """How many postings are kept now."""
        self._lock = threading.Lock()
        self._owners = itertools.count()

    def owner(self, index: object) -> int:
        """A key of the index's own, whose lists are dropped when the index is collected."""
        key = next(self._owners)
        weakref.finalize(index, self.forget, key)
        return key

    def get(self, owner: int, term: str) -> TermPostings | None:
        with self._lock:
            found = self._lists.get((owner, term))
            if found is not None:
                self._lists.move_to_end((owner, term))
            return found

    def keep(self, owner: int, term: str, postings: TermPostings) -> None:
        with self._lock:
            old = self._lists.pop((owner, term), None)
            if old is not None:
                self.postings -= len(old[0])
            self._lists[(owner, term)] = postings
            self.postings += len(postings[0])
            while self.postings > self.budget and len(self._lists) > 1:
                self.postings -= len(self._lists.popitem(last=False)[1][0])

    def forget(self, owner: int) -> None:
        """Drops every list the owner keeps."""
        with self._lock:
            for key in [key for key in self._lists if key[0] == owner]:
                self.postings -= len(self._lists.pop(key)[0])


PROCESS_POSTINGS = KeptPostings()
"""The one store every index of the process keeps its lists in."""
