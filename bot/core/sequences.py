"""Two sequences or mappings read as one, the first shared rather than copied: a server's view reads its owner's so."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TypeVar, overload

Item = TypeVar("Item")
Key = TypeVar("Key")
Value = TypeVar("Value")


class Chained(Sequence[Item]):
    """Two sequences read as one, the first shared (a library's hundreds of thousands of words), not copied."""

    def __init__(self, first: Sequence[Item], later: Sequence[Item]):
        self._first, self._later = first, later

    def __len__(self) -> int:
        return len(self._first) + len(self._later)

    @overload
    def __getitem__(self, at: int) -> Item: ...

    @overload
    def __getitem__(self, at: slice) -> tuple[Item, ...]: ...

    def __getitem__(self, at: int | slice) -> Item | tuple[Item, ...]:
        """An item, or a slice as a tuple (a view's stories are sliced as the tuple they stand in for)."""
        count = len(self._first)
        if isinstance(at, slice):
            start, stop, step = at.indices(len(self))
            if step == 1 and start >= count:
                return tuple(self._later[start - count : stop - count])
            return tuple(self[i] for i in range(start, stop, step))
        if at < 0:
            at += len(self)
        if not 0 <= at < len(self):
            raise IndexError(at)
        return self._first[at] if at < count else self._later[at - count]

    def __iter__(self) -> Iterator[Item]:
        yield from self._first
        yield from self._later

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence (a tuple, a list) of the same items in the same order: what it stands in for."""
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(mine == theirs for mine, theirs in zip(self, other, strict=False))


class Overlaid(Mapping[Key, Value]):
    """A few entries over a shared mapping (a library's thousands), which they replace where they have the key."""

    def __init__(self, top: dict[Key, Value], base: Mapping[Key, Value]):
        self._top, self._base = top, base
        self._length = len(base) + sum(1 for key in top if key not in base)

    def __getitem__(self, key: Key) -> Value:
        return self._top[key] if key in self._top else self._base[key]

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Key]:
        yield from self._top
        yield from (key for key in self._base if key not in self._top)
