"""Passage texts kept compressed in blocks of consecutive passages: a third of the room on disk and in
the page cache, for a decompression of a few kilobytes when a passage is read."""

from __future__ import annotations

import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

BLOCK_PASSAGES = 64
LEVEL = 6
BLOCKS_KEPT = 64
"""Decompressed blocks kept for passages asked about again (answers, pages, neighbours)."""


@dataclass(frozen=True)
class TextStore:
    block_first: np.ndarray
    """The first passage of each block, then the passage count (int64, blocks + 1)."""
    block_offsets: np.ndarray
    """Block b is data[block_offsets[b]:block_offsets[b + 1]], compressed (int64, blocks + 1)."""
    starts: np.ndarray
    ends: np.ndarray
    """Passage i's UTF-8 text is [starts[i]:ends[i]] of its block, decompressed (int32 each)."""
    data: np.ndarray
    """The compressed blocks, one after the other (uint8)."""
    _kept: OrderedDict[int, bytes] = field(default_factory=OrderedDict, compare=False, repr=False)

    @classmethod
    def of(cls, texts: Sequence[str]) -> TextStore:
        return cls.joined([cls.pieces(texts)])

    @staticmethod
    def pieces(texts: Sequence[str]) -> tuple[list[bytes], np.ndarray, np.ndarray]:
        """One batch's texts as compressed blocks and positions within them (for `joined`)."""
        blocks, starts, ends = [], np.zeros(len(texts), np.int32), np.zeros(len(texts), np.int32)
        for first in range(0, len(texts), BLOCK_PASSAGES):
            encoded = [t.encode("utf-8") for t in texts[first : first + BLOCK_PASSAGES]]
            lengths = np.array([len(e) for e in encoded], dtype=np.int64)
            ends[first : first + len(encoded)] = np.cumsum(lengths)
            starts[first : first + len(encoded)] = ends[first : first + len(encoded)] - lengths
            blocks.append(zlib.compress(b"".join(encoded), LEVEL))
        return blocks, starts, ends

    @classmethod
    def joined(cls, batches: Sequence[tuple[list[bytes], np.ndarray, np.ndarray]]) -> TextStore:
        """The store of several batches' pieces, in order."""
        blocks = [block for batch_blocks, _, _ in batches for block in batch_blocks]
        counts: list[int] = []
        for batch_blocks, starts, _ in batches:
            total = len(starts)
            counts += [min(BLOCK_PASSAGES, total - i * BLOCK_PASSAGES) for i in range(len(batch_blocks))]
        block_first = np.zeros(len(blocks) + 1, dtype=np.int64)
        np.cumsum(counts, out=block_first[1:])
        block_offsets = np.zeros(len(blocks) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in blocks], out=block_offsets[1:])
        return cls(
            block_first,
            block_offsets,
            np.concatenate([s for _, s, _ in batches]) if batches else np.zeros(0, np.int32),
            np.concatenate([e for _, _, e in batches]) if batches else np.zeros(0, np.int32),
            np.frombuffer(b"".join(blocks), dtype=np.uint8),
        )

    def text(self, passage: int) -> str:
        block = int(np.searchsorted(self.block_first, passage, side="right")) - 1
        raw = self._kept.get(block)
        if raw is None:
            raw = zlib.decompress(self.data[self.block_offsets[block] : self.block_offsets[block + 1]].tobytes())
            self._kept[block] = raw
            if len(self._kept) > BLOCKS_KEPT:
                self._kept.popitem(last=False)
        return raw[self.starts[passage] : self.ends[passage]].decode("utf-8")
