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
        self._gone: list[int] = []
        """Owners collected since the store last dropped their lists: a finalizer only notes its owner
        here (a list append, atomic, no lock), for it may run in any thread, one that holds the lock
        included, whenever the cycle collector frees an index."""

    def owner(self, index: object) -> int:
        """A key of the index's own, whose lists are dropped once the index is collected."""
        key = next(self._owners)
        weakref.finalize(index, self._gone.append, key).atexit = False
        return key

    def get(self, owner: int, term: str) -> TermPostings | None:
        """The term's list as the owner kept it, now the most recently asked; None if not kept."""
        with self._lock:
            found = self._lists.get((owner, term))
            if found is not None:
                self._lists.move_to_end((owner, term))
            return found

    def keep(self, owner: int, term: str, postings: TermPostings) -> None:
        """Keeps the owner's list of the term, dropping the least recently asked past the budget (and the
        lists of owners collected since the last keep)."""
        with self._lock:
            self._drop_gone()
            old = self._lists.pop((owner, term), None)
            if old is not None:
                self.postings -= len(old[0])
            self._lists[(owner, term)] = postings
            self.postings += len(postings[0])
            while self.postings > self.budget and len(self._lists) > 1:
                self.postings -= len(self._lists.popitem(last=False)[1][0])

    def _drop_gone(self) -> None:
        if not self._gone:
            return
        gone = set()
        while self._gone:
            gone.add(self._gone.pop())
        for key in [key for key in self._lists if key[0] in gone]:
            self.postings -= len(self._lists.pop(key)[0])


PROCESS_POSTINGS = KeptPostings()
"""The one store every index of the process keeps its lists in."""
