"""Posting lists kept small: document numbers delta-coded and bit-packed in blocks, frequencies too.

A saved segment's postings were two 32-bit numbers each (document, term frequency): most of a big
index. Here each term's list is cut into blocks of BLOCK postings; a block keeps its first document
whole (32 bits) and the others as their gap from the one before less one, all at the block's own
bit width (the widest gap's), and every frequency less one at another width (mostly a bit or two).
A term's bytes are its blocks' first documents, their two widths, then its gaps, then its
frequencies, each run starting on a byte; `offsets` says where each term's bytes start. Decoding is
numpy alone, vectorised over every posting of a run of terms (a question's term, a merge's chunk
of terms, or the terms of stories being deleted): no Python per block or posting.

Anything read that does not add up (a width over 32 bits, a term's bytes that are not the length
its blocks say, offsets that do not ascend) is damage, raised as IndexDamaged naming the file.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bot.core.file_array import FileArray
from bot.core.index import POSTING_CHUNK, term_runs
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.index_notes import IndexFault, IndexRefused

BLOCK = 128
"""Postings a block: one width per block follows the gaps where they are (dense or sparse), at 6 bytes a block."""
GAP_READ_THROUGH = 8
"""Terms counted (PackedPostings.counts_of) no further apart than this are read with those between them."""
_MAX_WIDTH = 32
_MASKS = (np.uint64(1) << np.arange(_MAX_WIDTH + 1, dtype=np.uint64)) - np.uint64(1)
_PLACES = np.arange(BLOCK, dtype=np.int64)
_BIT_OF = np.arange(_MAX_WIDTH + 1, dtype=np.int64)[:, None] * _PLACES
_BYTE_OF, _SHIFT_OF = _BIT_OF >> 3, (_BIT_OF & 7).astype(np.uint64)
"""Where each of a block's values starts, by width: its byte within the block and its bit within that byte."""
assert BLOCK % 8 == 0  # so that a full block of any width fills whole bytes
_READ_PAD = 8 + BLOCK * _MAX_WIDTH // 8
"""Zero bytes after what is read: a value is taken from the 8 bytes from its first, which may run past
the end, and a term's last block is read as if full (`unpack_term`)."""


@dataclass(frozen=True, kw_only=True)
class _Layout:
    """Where the blocks of a run of terms lie, from their document frequencies alone."""

    blocks: np.ndarray
    """Each term's block count."""
    block_term: np.ndarray
    block_number: np.ndarray
    """Each block's term (within the run) and its number within that term."""
    block_size: np.ndarray
    first_block: np.ndarray
    """Each term's first block, within the run, and the block count after the last."""

    @classmethod
    def of(cls, doc_freq: np.ndarray) -> _Layout:
        doc_freq = np.asarray(doc_freq, dtype=np.int64)
        blocks = -(-doc_freq // BLOCK)
        first_block = np.concatenate(([0], np.cumsum(blocks)))
        block_term = np.repeat(np.arange(len(doc_freq)), blocks)
        block_number = np.arange(int(first_block[-1])) - first_block[block_term]
        block_size = np.minimum(BLOCK, doc_freq[block_term] - block_number * BLOCK)
        return cls(
            blocks=blocks,
            block_term=block_term,
            block_number=block_number,
            block_size=block_size,
            first_block=first_block,
        )

    def stream_bits(self, widths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each block's first bit within its term's stream at these block widths, and each term's stream bytes."""
        block_bits = self.block_size * widths
        totals = np.concatenate(([0], np.cumsum(block_bits)))
        term_first = totals[self.first_block[:-1]]
        term_bytes = (totals[self.first_block[1:]] - term_first + 7) // 8
        return totals[:-1] - term_first[self.block_term], term_bytes


def _places(sizes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each posting's block and its place in it, for blocks of these sizes one after the other."""
    block_of = np.repeat(np.arange(len(sizes)), sizes)
    return block_of, np.arange(len(block_of)) - (np.cumsum(sizes) - sizes)[block_of]


def pack(docs: np.ndarray, tf: np.ndarray, doc_freq: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The bytes of a run of terms' postings (documents ascending within a term, term frequencies of
    at least 1), and each term's byte count."""
    layout = _Layout.of(doc_freq)
    posting_block, in_block = _places(layout.block_size)
    docs, tf = np.asarray(docs, dtype=np.int64), np.asarray(tf, dtype=np.int64)
    if len(docs) and (docs.min() < 0 or docs.max() >= 1 << _MAX_WIDTH or tf.min() < 1 or tf.max() > 1 << _MAX_WIDTH):
        raise ValueError("postings out of the range packed")
    gaps = np.zeros(len(docs), dtype=np.int64)
    gaps[1:] = docs[1:] - docs[:-1] - 1
    gaps[in_block == 0] = 0
    if (gaps < 0).any():
        raise ValueError("a term's documents are packed ascending")
    doc_widths = _widths(gaps, in_block)
    tf_widths = _widths(tf - 1, in_block)
    doc_bits, doc_bytes = layout.stream_bits(doc_widths)
    tf_bits, tf_bytes = layout.stream_bits(tf_widths)
    term_bytes = 6 * layout.blocks + doc_bytes + tf_bytes
    term_start = np.concatenate(([0], np.cumsum(term_bytes)))
    header = term_start[:-1][layout.block_term]
    doc_base = 8 * (term_start[:-1] + 6 * layout.blocks)
    tf_base = doc_base + 8 * doc_bytes
    doc_start, tf_start = doc_base[layout.block_term] + doc_bits, tf_base[layout.block_term] + tf_bits
    out = np.zeros(int(term_start[-1]), dtype=np.uint8)
    first_docs = docs[in_block == 0]
    for byte in range(4):  # each block's first document, little-endian
        out[header + 4 * layout.block_number + byte] = (first_docs >> (8 * byte)) & 0xFF
    out[header + 4 * layout.blocks[layout.block_term] + layout.block_number] = doc_widths
    out[header + 5 * layout.blocks[layout.block_term] + layout.block_number] = tf_widths
    _or_bits(out, doc_start[posting_block] + in_block * doc_widths[posting_block], gaps)
    _or_bits(out, tf_start[posting_block] + in_block * tf_widths[posting_block], tf - 1)
    return out, term_bytes


def _widths(values: np.ndarray, in_block: np.ndarray) -> np.ndarray:
    """Each block's bit width: that of its largest value."""
    if not len(values):
        return np.zeros(0, np.int64)
    largest = np.maximum.reduceat(values, np.flatnonzero(in_block == 0))
    return np.frexp(largest.astype(np.float64))[1].astype(np.int64)  # exact below 2**53: the bit length


def _or_bits(out: np.ndarray, bit_positions: np.ndarray, values: np.ndarray) -> None:
    """Or-s each value into the bytes of `out` at its bit position; a value of up to 32 bits spans at most 5 bytes."""
    keep = np.flatnonzero(values)
    positions = bit_positions[keep]
    shifted = values[keep].astype(np.uint64) << (positions & 7).astype(np.uint64)
    first = positions >> 3
    for byte in range(5):
        part = ((shifted >> np.uint64(8 * byte)) & np.uint64(0xFF)).astype(np.uint8)
        held = np.flatnonzero(part) if byte else slice(None)
        np.bitwise_or.at(out, first[held] + byte, part[held])


@dataclass(frozen=True, kw_only=True)
class _ReadBlocks:
    """The blocks of a run of terms as their headers say, checked against the bytes they take."""

    words: np.ndarray
    term: np.ndarray
    """Each block's term, within the run."""
    size: np.ndarray
    first_doc: np.ndarray
    doc_width: np.ndarray
    tf_width: np.ndarray
    doc_start: np.ndarray
    tf_start: np.ndarray
    """The bit where each block's gaps, and its frequencies, start."""

    @classmethod
    def of(cls, data: np.ndarray, term_start: np.ndarray, doc_freq: np.ndarray, name: str) -> _ReadBlocks:
        """The blocks of terms whose bytes (`data`, followed by _READ_PAD zero bytes) start where
        `term_start` says (and the last ends); IndexDamaged naming file `name` when they do not add up."""
        layout = _Layout.of(doc_freq)
        term_bytes = np.diff(term_start)
        if (term_bytes < 6 * layout.blocks).any() or term_start[0] != 0 or term_start[-1] != len(data) - _READ_PAD:
            raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
        words = _unaligned_words(data)
        header = term_start[:-1][layout.block_term]
        first_doc = (words[header + 4 * layout.block_number] & np.uint64(0xFFFFFFFF)).astype(np.int64)
        doc_width = data[header + 4 * layout.blocks[layout.block_term] + layout.block_number].astype(np.int64)
        tf_width = data[header + 5 * layout.blocks[layout.block_term] + layout.block_number].astype(np.int64)
        if len(doc_width) and max(doc_width.max(), tf_width.max()) > _MAX_WIDTH:
            raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
        doc_bits, doc_bytes = layout.stream_bits(doc_width)
        tf_bits, tf_bytes = layout.stream_bits(tf_width)
        if not np.array_equal(6 * layout.blocks + doc_bytes + tf_bytes, term_bytes):
            raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
        doc_base = 8 * (term_start[:-1] + 6 * layout.blocks)
        doc_start = doc_base[layout.block_term] + doc_bits
        tf_start = (doc_base + 8 * doc_bytes)[layout.block_term] + tf_bits
        return cls(
            words=words,
            term=layout.block_term,
            size=layout.block_size,
            first_doc=first_doc,
            doc_width=doc_width,
            tf_width=tf_width,
            doc_start=doc_start,
            tf_start=tf_start,
        )

    def docs(self, chosen: np.ndarray | slice) -> tuple[np.ndarray, np.ndarray]:
        """The documents of the `chosen` blocks, one after the other (int64), and each one's block among them."""
        sizes, widths = self.size[chosen], self.doc_width[chosen]
        block_of, place = _places(sizes)
        gaps = _gathered(self.words, self.doc_start[chosen][block_of] + place * widths[block_of], widths[block_of])
        gaps += 1
        gaps[place == 0] = 0
        summed = np.cumsum(gaps)
        first_posting = np.cumsum(sizes) - sizes
        return summed - (summed[first_posting] - self.first_doc[chosen])[block_of], block_of

    def frequencies(self) -> np.ndarray:
        """Every block's term frequencies, one after the other."""
        block_of, place = _places(self.size)
        return self.frequencies_at(block_of, place)

    def frequencies_at(self, blocks: np.ndarray, places: np.ndarray) -> np.ndarray:
        """The term frequencies at these places of these blocks (one each)."""
        widths = self.tf_width[blocks]
        return _gathered(self.words, self.tf_start[blocks] + places * widths, widths) + 1

    def hit_by(self, chosen_before: np.ndarray) -> np.ndarray:
        """The blocks whose span of documents (from their first to the next block's of the same term, or the
        segment's end) holds a chosen one, ascending: the only blocks that may. `chosen_before`: how many of the
        segment's documents before each (and in all) are chosen."""
        documents = len(chosen_before) - 1
        lower = np.clip(self.first_doc, 0, documents)
        upper = np.full(len(lower), documents, dtype=np.int64)  # a term's last block: to the end
        same_term = self.term[1:] == self.term[:-1]
        upper[:-1][same_term] = np.clip(self.first_doc[1:][same_term], 0, documents)
        return np.flatnonzero(chosen_before[np.maximum(upper, lower)] > chosen_before[lower])


def _with_gaps_filled(terms: np.ndarray) -> np.ndarray:
    """These term numbers (ascending) and those between two of them no more than GAP_READ_THROUGH apart: a run of
    consecutive terms is one read of their offsets and one of their bytes, where each term apart took two reads."""
    if not len(terms):
        return terms
    gaps = np.diff(terms)
    lengths = np.append(np.where(gaps <= GAP_READ_THROUGH, gaps, 1), 1)
    return np.repeat(terms, lengths) + np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)


def unpack(data: np.ndarray, term_start: np.ndarray, doc_freq: np.ndarray, name: str) -> tuple[np.ndarray, np.ndarray]:
    """The documents (int32) and term frequencies (uint32) of a run of terms from their bytes (`data`,
    followed by _READ_PAD zero bytes) and where each term's bytes start within them (and where the
    last ends); IndexDamaged naming file `name` when they do not add up."""
    blocks = _ReadBlocks.of(data, term_start, doc_freq, name)
    docs, _ = blocks.docs(slice(None))
    if len(docs) and docs.max() >= 1 << 31:
        raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
    return docs.astype(np.int32), blocks.frequencies().astype(np.uint32)


def unpack_term(data: np.ndarray, doc_freq: int, name: str) -> tuple[np.ndarray, np.ndarray]:
    """`unpack` of one term (what a question reads), its blocks laid side by side: every block but the
    last is full, so each value's place is its block's start plus its place times the block's width.

    Both streams are decoded in the same two working arrays, every step in place: a big list's fresh
    memory is faulted in page by page (about a microsecond each), which cost more than the decoding."""
    blocks = -(-doc_freq // BLOCK)
    length = len(data) - _READ_PAD
    if blocks < 1 or length < 6 * blocks:
        raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
    words = _unaligned_words(data).copy()  # aligned, as `take` wants it (it would copy it for each stream)
    firsts = (words[: 4 * blocks : 4] & np.uint64(0xFFFFFFFF)).astype(np.int64)
    doc_widths = data[4 * blocks : 5 * blocks].astype(np.int64)
    tf_widths = data[5 * blocks : 6 * blocks].astype(np.int64)
    if max(doc_widths.max(), tf_widths.max()) > _MAX_WIDTH:
        raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
    sizes = np.full(blocks, BLOCK, dtype=np.int64)
    sizes[-1] = doc_freq - BLOCK * (blocks - 1)
    doc_bits, tf_bits = sizes * doc_widths, sizes * tf_widths
    doc_bytes, tf_bytes = (int(doc_bits.sum()) + 7) // 8, (int(tf_bits.sum()) + 7) // 8
    if 6 * blocks + doc_bytes + tf_bytes != length:
        raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
    at, values = np.empty((blocks, BLOCK), dtype=np.int64), np.empty((blocks, BLOCK), dtype=np.uint64)
    gaps = _gathered_blocks(words, 6 * blocks + (np.cumsum(doc_bits) - doc_bits) // 8, doc_widths, at, values)
    gaps[:, 0] = 0
    docs = np.cumsum(gaps, axis=1, out=gaps)
    docs += _PLACES
    docs += firsts[:, None]
    if docs[-1, (doc_freq - 1) % BLOCK] >= 1 << 31:
        raise IndexDamaged(IndexDamage(name, DamageKind.CONTENTS))
    term_docs = docs.ravel()[:doc_freq].astype(np.int32)
    tf = _gathered_blocks(words, 6 * blocks + doc_bytes + (np.cumsum(tf_bits) - tf_bits) // 8, tf_widths, at, values)
    tf += 1
    return term_docs, tf.ravel()[:doc_freq].astype(np.uint32)


def _gathered_blocks(
    words: np.ndarray, block_bytes: np.ndarray, widths: np.ndarray, at: np.ndarray, values: np.ndarray
) -> np.ndarray:
    """Each block's BLOCK values of its width from its first byte on (past a last block's end: whatever
    is there), in `values` (uint64, a row a block; returned as int64), `at` (int64, as big) worked in.
    Every block but a term's last holds BLOCK values, whole bytes at any width, so every block starts
    on a byte: where each value lies within its block depends on the width alone."""
    # take: a few times faster than indexing with an array. Into `out` with mode "wrap", as "raise"
    # copies through a buffer; every place is within its table (widths checked) and within `words`
    # (the blocks' bytes add up, and _READ_PAD follows them), so nothing wraps.
    np.take(_BYTE_OF, widths, axis=0, out=at, mode="wrap")
    at += block_bytes[:, None]
    words.take(at, out=values, mode="wrap")
    shifts = at.view(np.uint64)
    np.take(_SHIFT_OF, widths, axis=0, out=shifts, mode="wrap")
    values >>= shifts
    values &= _MASKS[widths][:, None]
    return values.view(np.int64)


def _unaligned_words(data: np.ndarray) -> np.ndarray:
    """The little-endian 64-bit number starting at each byte of data (but the last 7)."""
    return np.ndarray(shape=(max(len(data) - 7, 0),), dtype="<u8", buffer=data, strides=(1,))


def _gathered(words: np.ndarray, bit_positions: np.ndarray, widths: np.ndarray) -> np.ndarray:
    """The values of these widths at these bit positions."""
    shifted = words[bit_positions >> 3] >> (bit_positions & 7).astype(np.uint64)
    shifted &= _MASKS[widths]
    return shifted.view(np.int64)


class PackedPostings:
    """A saved segment's posting lists: a term's bytes read (pread) and unpacked when asked for."""

    def __init__(self, data: FileArray, offsets: FileArray, doc_freq: np.ndarray):
        if data.dtype != np.uint8 or offsets.dtype != np.int64 or len(offsets) != len(doc_freq) + 1:
            raise IndexRefused(IndexFault.POSTINGS_MISFIT, data.name)
        self.data, self.offsets, self.doc_freq = data, offsets, doc_freq

    @property
    def files(self) -> list[FileArray]:
        return [self.data, self.offsets]

    def run(self, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
        """The documents and term frequencies of terms first:last, term after term."""
        if first >= last:
            return np.zeros(0, np.int32), np.zeros(0, np.uint32)
        data, term_start = self._read(first, last)
        if last == first + 1:
            return unpack_term(data, int(self.doc_freq[first]), self.data.name)
        return unpack(data, term_start, self.doc_freq[first:last], self.data.name)

    def counts_in(self, chosen: np.ndarray) -> np.ndarray:
        """How many of each term's documents are `chosen` (a mask of the segment's documents): only the
        blocks whose span of documents holds a chosen one are unpacked, but every block's header is read
        (the whole segment's postings; `counts_of` reads only some terms')."""
        chosen_before = np.concatenate(([0], np.cumsum(chosen)))
        counts = np.zeros(len(self.doc_freq), dtype=np.int64)
        for first, last in term_runs(np.concatenate(([0], np.cumsum(self.doc_freq))), POSTING_CHUNK):
            data, term_start = self._read(first, last)
            blocks = _ReadBlocks.of(data, term_start, self.doc_freq[first:last], self.data.name)
            hit = blocks.hit_by(chosen_before)
            docs, block_of = blocks.docs(hit)
            held = self._held(chosen, docs)
            counts[first:last] += np.bincount(blocks.term[hit][block_of[held]], minlength=last - first)
        return counts

    def counts_of(self, chosen: np.ndarray, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """How many of each of these terms' documents (numbers ascending) are `chosen` (a mask of the segment's
        documents), and the sum of their frequencies in each chosen document (in document order): only these terms'
        postings are read (and those of the few between two of them close by, in the same read), and of them only
        the blocks whose span holds a chosen document unpacked. A chosen document's length is the sum of its terms'
        frequencies, so a sum short of it says a term is missing."""
        chosen_before = np.concatenate(([0], np.cumsum(chosen)))
        read = _with_gaps_filled(np.asarray(terms, dtype=np.int64))
        asked = np.isin(read, terms)
        counts = np.zeros(len(read), dtype=np.int64)
        sums = np.zeros(int(chosen_before[-1]), dtype=np.int64)
        for first, last in term_runs(np.concatenate(([0], np.cumsum(self.doc_freq[read]))), POSTING_CHUNK):
            data, term_start = self._read_terms(read[first:last])
            blocks = _ReadBlocks.of(data, term_start, self.doc_freq[read[first:last]], self.data.name)
            hit = blocks.hit_by(chosen_before)
            docs, block_of = blocks.docs(hit)
            held = np.flatnonzero(self._held(chosen, docs))
            held_terms = first + blocks.term[hit][block_of[held]]
            counts += np.bincount(held_terms, minlength=len(read))
            held = held[asked[held_terms]]  # only the terms asked for are summed: one read between them is no sign
            first_posting = np.cumsum(blocks.size[hit]) - blocks.size[hit]  # that they are all the document's
            frequencies = blocks.frequencies_at(hit[block_of[held]], held - first_posting[block_of[held]])
            sums += np.bincount(chosen_before[docs[held]], weights=frequencies, minlength=len(sums)).astype(np.int64)
        return counts[asked], sums

    def _held(self, chosen: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """Which of these documents (read from the postings) are chosen; IndexDamaged when one is out of range."""
        if len(docs) and (docs.min() < 0 or docs.max() >= len(chosen)):
            raise IndexDamaged(IndexDamage(self.data.name, DamageKind.CONTENTS))
        return chosen[docs]

    def _read_terms(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The bytes of these terms (numbers ascending) one after the other (and _READ_PAD zero bytes), and where
        each term's start in them: a run of consecutive terms read at once, its offsets and its bytes."""
        if terms[0] < 0 or terms[-1] >= len(self.doc_freq) or (np.diff(terms) <= 0).any():
            raise ValueError("terms are read by their numbers, ascending")
        breaks = np.flatnonzero(np.diff(terms) > 1) + 1
        firsts, lasts = terms[np.concatenate(([0], breaks))], terms[np.append(breaks, len(terms)) - 1] + 1
        runs = [self._read(first, last) for first, last in zip(firsts.tolist(), lasts.tolist(), strict=True)]
        data = np.concatenate([run[: len(run) - _READ_PAD] for run, _ in runs] + [np.zeros(_READ_PAD, np.uint8)])
        term_bytes = np.concatenate([np.diff(starts) for _, starts in runs])
        return data, np.concatenate(([0], np.cumsum(term_bytes)))

    def _read(self, first: int, last: int) -> tuple[np.ndarray, np.ndarray]:
        """The bytes of terms first:last (and _READ_PAD zero bytes), and where each term's start in them."""
        offsets = np.asarray(self.offsets[first : last + 1], dtype=np.int64)
        begin, end = int(offsets[0]), int(offsets[-1])
        if not (0 <= begin <= end <= len(self.data)) or (np.diff(offsets) < 0).any():
            raise IndexDamaged(IndexDamage(self.offsets.name, DamageKind.CONTENTS))
        data = np.zeros(end - begin + _READ_PAD, dtype=np.uint8)
        data[: end - begin] = self.data[begin:end]
        return data, offsets - begin
