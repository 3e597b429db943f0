"""A server's view's people: its owner's directory, shared, and its shelf's, looked up together as one directory.

A view's people were one directory of the owner's and the shelf's, whose names were indexed again for every server
at its first `/performer`: the owner's tens of thousands each time, a second of CPU and 17 MB a view for 95,000
names. Here the owner's directory, read and indexed once for all its views, is searched beside the shelf's few, and
what each finds is merged in the order one directory of them all gives (tests/core/test_joined_people.py).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from functools import cached_property

from bot.core.people import (
    COMPLETION_LIMIT,
    Lookup,
    Person,
    PersonFinder,
    complete_among,
    find_among,
    holding_among,
    merged,
)
from bot.core.sequences import Chained


class JoinedPersonFinder:
    """The people of a library (`first`) and of the stories after its own (`later`, their passages numbered on)."""

    def __init__(self, first: PersonFinder, later: PersonFinder):
        self.first, self.later = first, later
        self._both = (first, later)

    @cached_property
    def people(self) -> tuple[Person, ...]:
        """Everyone, in directory order: read whole only to be listed (a lookup reads the people it finds)."""
        return tuple(merged(self._both, [range(len(self.first)), range(len(self.later))]))

    @property
    def warmed(self) -> bool:
        """Whether its shelf's names were indexed: whether its server looks people up."""
        return self.later.warmed

    def named(self) -> Sequence[tuple[str, str]]:
        return Chained(self.first.named(), self.later.named())

    def warm(self, stop: threading.Event | None = None) -> None:
        """The shelf's people read and indexed, and the owner's, unless they are already (once for all its views)."""
        self.first.warm(stop)
        self.later.warm(stop)

    def of_story(self, path: str) -> tuple[Person, ...]:
        return tuple(merged(self._both, [self.first.places_of(path), self.later.places_of(path)]))

    def find(self, query: str) -> Lookup:
        return find_among(self._both, query)

    def holding(self, query: str) -> tuple[Person, ...]:
        return holding_among(self._both, query)

    def complete(self, prefix: str, limit: int = COMPLETION_LIMIT) -> list[Person]:
        return complete_among(self._both, prefix, limit)

    def leading(self) -> Person | None:
        found = merged(self._both, [range(min(1, len(self.first))), range(min(1, len(self.later)))])
        return found[0] if found else None

    def __len__(self) -> int:
        return len(self.first) + len(self.later)
