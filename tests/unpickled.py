"""The classes pickle looks up while a test listens (its audit event pickle.find_class): what came down a pipe."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

_heard: list[set[str]] = []


def _hook(event: str, args: tuple[object, ...]) -> None:
    if event == "pickle.find_class" and _heard:
        _heard[-1].add(str(args[1]))


sys.addaudithook(_hook)  # for good: a process's audit hooks cannot be removed; it records only while listened to


@contextmanager
def unpickled_classes() -> Iterator[set[str]]:
    """The names of the classes unpickled in this process (any thread) while the block runs."""
    heard: set[str] = set()
    _heard.append(heard)
    try:
        yield heard
    finally:
        _heard.remove(heard)
