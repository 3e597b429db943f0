"""Passage texts kept compressed in blocks of consecutive passages: a third of the room on disk and in
the page cache, for a decompression of a few kilobytes when a passage is read."""

from __future__ import annotations

import io
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

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
        writer = TextStoreWriter(None)
        for pieces in batches:
            writer.add(pieces)
        return writer.finished()

    def text(self, passage: int) -> str:
        block = int(np.searchsorted(self.block_first, passage, side="right")) - 1
        raw = self._kept.get(block)
        if raw is None:
            raw = zlib.decompress(self.data[self.block_offsets[block] : self.block_offsets[block + 1]].tobytes())
            self._kept[block] = raw
            if len(self._kept) > BLOCKS_KEPT:
                self._kept.popitem(last=False)
        return raw[self.starts[passage] : self.ends[passage]].decode("utf-8")


class TextStoreWriter:
    """A store put together batch by batch; with a spill file, the compressed blocks wait there rather
    than in memory until the last batch is in."""

    def __init__(self, spill: Path | None):
        self._data: BinaryIO = spill.open("w+b") if spill is not None else io.BytesIO()
        self._counts: list[int] = []
        self._sizes: list[int] = []
        self._starts: list[np.ndarray] = []
        self._ends: list[np.ndarray] = []

    def add(self, pieces: tuple[list[bytes], np.ndarray, np.ndarray]) -> None:
        """One batch's `TextStore.pieces`, after the batches added before it."""
        blocks, starts, ends = pieces
        for number, block in enumerate(blocks):
            self._counts.append(min(BLOCK_PASSAGES, len(starts) - number * BLOCK_PASSAGES))
            self._sizes.append(len(block))
            self._data.write(block)
        self._starts.append(starts)
        self._ends.append(ends)

    def finished(self) -> TextStore:
        self._data.seek(0)
        data = np.frombuffer(self._data.read(), dtype=np.uint8)
        self._data.close()
        block_first = np.zeros(len(self._counts) + 1, dtype=np.int64)
        np.cumsum(self._counts, out=block_first[1:])
        block_offsets = np.zeros(len(self._sizes) + 1, dtype=np.int64)
        np.cumsum(self._sizes, out=block_offsets[1:])
        return TextStore(
            block_first,
            block_offsets,
            np.concatenate(self._starts) if self._starts else np.zeros(0, np.int32),
            np.concatenate(self._ends) if self._ends else np.zeros(0, np.int32),
            data,
        )
