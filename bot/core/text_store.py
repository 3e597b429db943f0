"""Passage texts kept compressed in blocks of consecutive passages: a third of the room on disk and in
the page cache, for a decompression of a few kilobytes when a passage is read."""

from __future__ import annotations

import io
import logging
import shutil
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

import numpy as np

from bot.core.file_array import SavedArray, file_name
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged

log = logging.getLogger(__name__)

BLOCK_PASSAGES = 16
"""Passages compressed together: a passage read costs decompressing its block (about 19 us for 16
Gutenberg paragraphs, 62 us for 64), for a tenth more room than blocks of 64 (48% of the text, not 43%)."""
LEVEL = 4
"""zlib level 4: 1% larger than level 6 on Gutenberg books in blocks of 16, compressed in 80% of the time."""
BLOCKS_KEPT = 256
"""Decompressed blocks kept for passages asked about again (answers, pages, neighbours)."""


@dataclass(frozen=True, kw_only=True)
class TextStore:
    block_first: np.ndarray
    """The first passage of each block, then the passage count (int64, blocks + 1)."""
    block_offsets: np.ndarray
    """Block b is data[block_offsets[b]:block_offsets[b + 1]], compressed (int64, blocks + 1)."""
    starts: SavedArray
    ends: SavedArray
    """Passage i's UTF-8 text is [starts[i]:ends[i]] of its block, decompressed (int32 each)."""
    data: SavedArray
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
        """The passage's text; IndexDamaged when what a saved index holds for it does not add up."""
        block = int(self.block_first.searchsorted(passage, "right")) - 1
        raw = self._kept.get(block)
        if raw is None:
            try:
                raw = zlib.decompress(self.data[self.block_offsets[block] : self.block_offsets[block + 1]].tobytes())
            except zlib.error as error:
                raise IndexDamaged(IndexDamage(file_name(self.data, "text_data"), DamageKind.CONTENTS)) from error
            self._kept[block] = raw
            if len(self._kept) > BLOCKS_KEPT:
                self._kept.popitem(last=False)
        start, end = int(self.starts[passage]), int(self.ends[passage])
        if not 0 <= start <= end <= len(raw):
            wrong = file_name(self.starts, "text_starts") if end <= len(raw) else file_name(self.ends, "text_ends")
            raise IndexDamaged(IndexDamage(wrong, DamageKind.CONTENTS))
        try:
            return raw[start:end].decode("utf-8")
        except UnicodeDecodeError as error:
            raise IndexDamaged(IndexDamage(file_name(self.starts, "text_starts"), DamageKind.CONTENTS)) from error


class TextStoreWriter:
    """A store put together batch by batch; with a spill file, the compressed blocks wait there rather
    than in memory until the last batch is in (in memory again from the first that cannot be written)."""

    def __init__(self, spill: Path | None):
        self._data: BinaryIO = io.BytesIO()
        if spill is not None:
            try:
                self._data = spill.open("w+b", buffering=0)  # unbuffered: a full disk fails at the write
            except OSError as error:
                log.warning("Could not write the build's texts in %s (%s); keeping them in memory.", spill, error)
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
            self._write(block)
        self._starts.append(starts)
        self._ends.append(ends)

    def _write(self, block: bytes) -> None:
        written = self._data.tell()
        try:
            view = memoryview(block)
            while view:
                view = view[self._data.write(view) :]
        except OSError as error:
            log.warning("Could not write the build's texts (%s); keeping them in memory.", error)
            self._data.seek(0)
            kept = io.BytesIO()
            shutil.copyfileobj(self._data, kept)
            self._data.close()
            kept.truncate(written)
            kept.seek(written)
            kept.write(block)
            self._data = kept

    def finished(self) -> TextStore:
        self._data.seek(0)
        data = np.frombuffer(self._data.read(), dtype=np.uint8)
        self._data.close()
        block_first = np.zeros(len(self._counts) + 1, dtype=np.int64)
        np.cumsum(self._counts, out=block_first[1:])
        block_offsets = np.zeros(len(self._sizes) + 1, dtype=np.int64)
        np.cumsum(self._sizes, out=block_offsets[1:])
        return TextStore(
            block_first=block_first,
            block_offsets=block_offsets,
            starts=np.concatenate(self._starts) if self._starts else np.zeros(0, np.int32),
            ends=np.concatenate(self._ends) if self._ends else np.zeros(0, np.int32),
            data=data,
        )
