"""What changed between two loads of a corpus: the report `/reload` gives."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from bot.core.corpus import Corpus


def fingerprints(corpus: Corpus) -> dict[str, str]:
    """Story path -> digest of its title and passages."""
    digests = {}
    for number, story in enumerate(corpus.stories):
        digest = hashlib.blake2b(story.title.encode(), digest_size=16)
        for passage in corpus.story_passages(number):
            digest.update(b"\0" + passage.text.encode())
        digests[story.path] = digest.hexdigest()
    return digests


@dataclass(frozen=True)
class CorpusDiff:
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]

    @classmethod
    def between(cls, before: Mapping[str, str], after: Mapping[str, str]) -> CorpusDiff:
        """From two corpora's fingerprints; paths sorted."""
        return cls(
            tuple(sorted(after.keys() - before.keys())),
            tuple(sorted(p for p in after.keys() & before.keys() if after[p] != before[p])),
            tuple(sorted(before.keys() - after.keys())),
        )

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)
