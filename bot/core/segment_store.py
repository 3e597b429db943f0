"""Segments on disk: files written once, deletions beside them, and a manifest swapped in whole.

Every change (stories added, changed or removed; a merge) writes new files only, then replaces the
manifest with one `os.replace`; files the new manifest no longer names are removed afterwards. So a
process killed at any moment leaves the old manifest or the new one, each naming only complete,
checked files (the files nothing names are swept by the next writer). Readers never lock: what
they opened stays readable (an open file outlives its removal), and a reader that finds a file
gone between reading the manifest and opening it reads the newer manifest. Writers take turns on
a lock file.

A segment holds some stories: their passages as one set of posting lists and the whole stories as
another (the library's two indexes), which stories they are, and which of them are deleted; and
what else its owner keeps of them (a payload: the library's texts, people and words, written with
the segment and carried over by merges).

Opening checks every file's size, and the checksum of each file read whole then; the posting files,
read a piece at a time while answering, are checked by what reads them, and their checksums by
`verify` and by every writer (a merge copies them): the first answer never waits for the whole
index to be read.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import stat
import uuid
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Protocol

import numpy as np

from bot.core.file_array import ArrayWriter, FileArray, save_array
from bot.core.index import DEFAULT_PARAMS, BM25Params
from bot.core.index_notes import IndexFault, IndexRefused
from bot.core.packed_postings import PackedPostings, pack
from bot.core.segments import MergePlan, Segment, SegmentedIndex
from bot.core.synced import sync_to_disk
from bot.core.trusted_files import (
    FileRecord,
    NotRegularFile,
    file_record,
    load_index_array,
    read_index_file,
    require_trusted,
)

FORMAT = 3
"""3: deletions kept as layers of what each change removed (DeletionLayer); 2: each change wrote the segment's whole
deletions again, a flag per document and a live count per term; 1: two 32-bit numbers a posting, not bit-packed."""
MANIFEST = "segments.json"
WRITE_LOCK = ".write.lock"
MAX_SEGMENTS = 8
"""More segments than this and the newer (smaller) ones are merged into one."""
MAX_DELETED_SHARE = 0.25
"""A segment with more of its passages deleted than this is rewritten without them."""
POSTING_ARRAYS = ("postings", "offsets", "doc_freq", "doc_len")
"""A segment's files of each of its two indexes: the packed postings, where each term's start, how many
documents hold each term, each document's length."""
READ_IN_PIECES = (".postings.npy", ".offsets.npy")
"""Posting files, read a piece at a time while answering: checked by what reads them (and by `verify`),
not hashed whole when opened; a payload names its own such files."""
DELETION_ARRAYS = ("gone", "drops")
"""A deletion layer's files for each of a segment's two indexes: the documents it deletes, and the terms whose live
document count it lowers with how much (Removal); and for a segment that keeps a payload, `PAYLOAD_DROPS`: what the
payload's own counts lose (SegmentPayload.removed)."""
PAYLOAD_DROPS = "kept.drops"
OPEN_ATTEMPTS = 5
"""How often a reader rereads the manifest when a writer removed what it named meanwhile."""


class OtherFormat(ValueError):
    """The segments were saved in another format (by another version of storybot): not read, rebuilt."""


@dataclass(frozen=True)
class StoryTerms:
    """A story to add: its stable key (its path) and its passages' terms."""

    key: str
    passages: list[list[str]]


@dataclass(frozen=True)
class Removal:
    """What deletions take from one of a segment's indexes: the documents deleted, and for each term that any of
    them holds, how many of them hold it. Its size follows the documents and their terms, never the vocabulary."""

    docs: np.ndarray
    """The deleted documents, ascending (int32)."""
    terms: np.ndarray
    """Their terms' numbers, ascending (int32)."""
    drops: np.ndarray
    """How many of the deleted documents hold each of those terms (int32, at least 1)."""

    @classmethod
    def between(cls, before: Segment, after: Segment) -> Removal:
        """What `after` deletes that `before` did not."""
        lost = before.live_doc_freq - after.live_doc_freq
        terms = np.flatnonzero(lost)
        return cls(
            np.flatnonzero(after.deleted & ~before.deleted).astype(np.int32),
            terms.astype(np.int32),
            lost[terms].astype(np.int32),
        )

    @classmethod
    def combined(cls, first: Removal, second: Removal) -> Removal:
        """Both removals as one (they delete different documents)."""
        terms, where = np.unique(np.concatenate((first.terms, second.terms)), return_inverse=True)
        drops = np.bincount(where, weights=np.concatenate((first.drops, second.drops)), minlength=len(terms))
        return cls(np.union1d(first.docs, second.docs).astype(np.int32), terms.astype(np.int32), drops.astype(np.int32))

    @property
    def entries(self) -> int:
        return len(self.docs) + 2 * len(self.terms)

    def stacked(self) -> np.ndarray:
        """The terms and their drops as one array of two rows, as saved."""
        return np.stack((self.terms, self.drops)).astype(np.int32)

    def applied(self, segment: Segment, name: str) -> Segment:
        """`segment` with these documents deleted too and its terms' live counts lowered; raises IndexRefused
        (`name`: the layer's) when they do not fit it: a document out of range or deleted already, a term out
        of range or counted twice, a count that would fall below nothing."""
        docs, terms, drops = self.docs, self.terms, self.drops
        ascending = bool((docs[1:] > docs[:-1]).all()) and bool((terms[1:] > terms[:-1]).all())
        within = (not len(docs) or (docs[0] >= 0 and docs[-1] < segment.size)) and (
            not len(terms) or (terms[0] >= 0 and terms[-1] < len(segment.terms))
        )
        if not (ascending and within and (drops > 0).all()) or segment.deleted[docs].any():
            raise IndexRefused(IndexFault.DELETIONS_MISFIT, name)
        live_doc_freq = segment.live_doc_freq.copy()
        live_doc_freq[terms] -= drops
        if (live_doc_freq[terms] < 0).any():
            raise IndexRefused(IndexFault.DELETIONS_MISFIT, name)
        deleted = segment.deleted.copy()
        deleted[docs] = True
        return replace(segment, deleted=deleted, live_doc_freq=live_doc_freq)


@dataclass(frozen=True)
class DeletionLayer:
    """The deletions one manifest generation wrote for a segment (what one change removed, or several layers
    combined): a few files of their own, never rewritten, so a change writes what it deletes and nothing more."""

    generation: int
    passages: Removal
    stories: Removal
    kept: Removal | None = None
    """What the segment's payload counts lose (its numbers and drops, no documents), when it keeps one."""

    @property
    def entries(self) -> int:
        return self.passages.entries + self.stories.entries + (self.kept.entries if self.kept is not None else 0)

    def combined(self, newer: DeletionLayer) -> DeletionLayer:
        """This layer and a newer one as one, of the newer one's generation."""
        kept = None
        if self.kept is not None and newer.kept is not None:
            kept = Removal.combined(self.kept, newer.kept)
        return DeletionLayer(
            newer.generation,
            Removal.combined(self.passages, newer.passages),
            Removal.combined(self.stories, newer.stories),
            kept,
        )


@dataclass(frozen=True)
class PayloadRemoval:
    """What a segment's payload finds of stories being deleted (SegmentPayload.removed): what its own counts lose,
    and every term their passages hold, found again in their texts, so that a deletion reads those terms' postings
    alone to count what each loses."""

    kept: Removal
    """Its numbers (ascending) and drops, no documents: read back as a layer's `kept`."""
    terms: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class StoredSegment:
    """One segment of the library: its stories' passages and the stories whole, and which stories they are."""

    name: str
    passages: Segment
    stories: Segment
    keys: tuple[str, ...]
    """Each story's key, in document order."""
    first_passage: np.ndarray
    """Each story's first passage within the segment, and the number after the last."""
    deletions: tuple[DeletionLayer, ...] = ()
    """Its deletion layers, oldest first (their generations ascending)."""
    extra_files: tuple[str, ...] = ()
    """What else the segment keeps of its stories, written with it (a library's texts, people, words)."""

    @property
    def generation(self) -> int:
        """The manifest generation of its newest deletions (0: none yet): a reader's parts of it stay right
        until this moves."""
        return self.deletions[-1].generation if self.deletions else 0

    def live_keys(self) -> list[str]:
        return [key for key, gone in zip(self.keys, self.stories.deleted, strict=True) if not gone]

    def without(
        self, keys: set[str], generation: int, kept: Callable[[StoredSegment, np.ndarray], PayloadRemoval] | None = None
    ) -> StoredSegment:
        """This segment with these stories (those it holds) deleted too, as a new deletion layer of `generation`.

        Layers are combined much as a binary counter adds: the new one with the newest before it while that one is
        no more than twice as large. So each layer is more than twice the next newer one (a segment keeps about the
        logarithm of its deletions' size in layers), and a deletion written again goes into a layer at least half
        as large again as the one it was in (it is rewritten a few times at most); never with the vocabulary.
        A segment that keeps a payload needs `kept`, its payload's `removed` (what its own counts lose, and the
        terms the stories hold: only their postings are read, Segment.without)."""
        numbers = np.array(
            [n for n, key in enumerate(self.keys) if key in keys and not self.stories.deleted[n]], dtype=np.int64
        )
        if not len(numbers):
            return self
        if self.extra_files and kept is None:
            raise ValueError("this segment keeps more than its postings: delete from it with its payload")
        payload = kept(self, numbers) if kept is not None and self.extra_files else None
        terms = payload.terms if payload is not None else None
        passages = np.concatenate([np.arange(self.first_passage[n], self.first_passage[n + 1]) for n in numbers])
        after_passages = self.passages.without(passages.astype(np.int64), terms)
        after_stories = self.stories.without(numbers, terms)
        layer = DeletionLayer(
            generation,
            Removal.between(self.passages, after_passages),
            Removal.between(self.stories, after_stories),
            payload.kept if payload is not None else None,
        )
        layers = list(self.deletions)
        while layers and layers[-1].entries <= 2 * layer.entries:
            layer = layers.pop().combined(layer)
        return replace(self, passages=after_passages, stories=after_stories, deletions=(*layers, layer))


@dataclass(frozen=True)
class SegmentSet:
    """The library as one manifest names it."""

    generation: int
    segments: tuple[StoredSegment, ...]
    about: dict[str, object] = field(default_factory=dict)
    """What the library's owner keeps with it in the manifest, swapped in with the segments."""
    records: dict[str, FileRecord] = field(default_factory=dict)
    """Each file's size, checksum and time as the manifest saved them when it was written."""

    def indexes(self, params: BM25Params = DEFAULT_PARAMS) -> tuple[SegmentedIndex, SegmentedIndex]:
        """Its passage index and its story index, scored over the live ones."""
        return (
            SegmentedIndex([s.passages for s in self.segments], params),
            SegmentedIndex([s.stories for s in self.segments], params),
        )

    def live_keys(self) -> list[str]:
        """The live stories' keys in document order."""
        return [key for segment in self.segments for key in segment.live_keys()]


class SegmentPayload(Protocol):
    """What else segments keep of their stories, beside the postings: written for a new segment by
    whoever adds it, and carried over to a merged one here."""

    read_in_pieces: tuple[str, ...]
    """How the names of its files read a piece at a time end (see READ_IN_PIECES)."""

    def merged(self, folder: Path, name: str, segments: Sequence[StoredSegment]) -> list[str]:
        """Writes the live stories' payload of these segments, in order, as segment `name`'s; its files' names."""
        ...

    def removed(self, folder: Path, segment: StoredSegment, stories: np.ndarray) -> PayloadRemoval:
        """What the payload's own counts of `segment` lose as these of its stories (live ones, ascending) are
        deleted, and the terms their passages hold. It costs what the stories hold."""
        ...


@dataclass(frozen=True, kw_only=True)
class NewSegment:
    """A segment written by `SegmentStore.add`'s writer: its stories and whatever else it wrote."""

    passages: MergePlan
    stories: MergePlan
    keys: list[str]
    first_passage: np.ndarray
    extra_files: list[str]


class SegmentStore:
    def __init__(self, folder: Path, payload: SegmentPayload | None = None):
        self.folder = folder
        self.payload = payload
        self._in_pieces = READ_IN_PIECES + (payload.read_in_pieces if payload is not None else ())

    def kept_drops(self, segment: StoredSegment, stories: np.ndarray) -> PayloadRemoval:
        """What its payload's own counts of `segment` lose as these stories are deleted, and the terms they hold
        (StoredSegment.without)."""
        if self.payload is None:
            raise ValueError("these segments keep more than their postings: delete from them with their payload")
        return self.payload.removed(self.folder, segment, stories)

    # -- reading ------------------------------------------------------------------------------

    def open(self, *, verify: bool = False) -> SegmentSet:
        """The library the manifest names now (empty when there is none yet); raises IndexRefused (what failed
        which check) or another ValueError or OSError when it is damaged or not the user's alone.

        Every file's size is checked, and the checksum of each file read whole now; the files read a
        piece at a time while answering (postings, texts) are checked by what reads them, and their
        checksums only when `verify` (see `verify`): opening costs what it reads, not the whole index."""
        for _ in range(OPEN_ATTEMPTS - 1):
            with contextlib.suppress(FileNotFoundError):
                return self._open(verify)
        return self._open(verify)

    def verify(self, opened: SegmentSet) -> None:
        """Checks every checksum of the files `opened` names; raises IndexRefused naming a damaged one."""
        manifest = self._manifest()
        entries = {entry["name"]: entry for entry in manifest["segments"]} if manifest else {}
        for segment in opened.segments:
            entry = entries.get(segment.name)
            if entry is None or entry["generation"] != segment.generation:
                continue  # replaced since: what it named was checked when written
            for name, expected in entry["files"].items():
                _require_intact(self.folder / name, expected, checksum=True)

    def _open(self, verify: bool) -> SegmentSet:
        manifest = self._manifest()
        if manifest is None:
            return SegmentSet(0, ())
        listed = manifest["segments"]
        segments = tuple(self._read_segment(entry, verify) for entry in listed)
        records = {name: record for entry in listed for name, record in entry["files"].items()}
        return SegmentSet(int(manifest["generation"]), segments, dict(manifest.get("about", {})), records)

    def _manifest(self) -> dict | None:
        path = self.folder / MANIFEST
        try:
            require_trusted(self.folder)
            require_trusted(path)
        except FileNotFoundError:
            return None
        manifest = json.loads(read_index_file(path))
        if not isinstance(manifest, dict) or "format" not in manifest:  # `null`, `[]`: no version's manifest
            raise IndexRefused(IndexFault.NOT_A_MANIFEST, MANIFEST)
        if manifest["format"] != FORMAT:
            raise OtherFormat(f"its segments are in format {manifest['format']!r}, not {FORMAT}")
        if not _manifest_shaped(manifest):
            raise IndexRefused(IndexFault.NOT_A_MANIFEST, MANIFEST)
        for entry in manifest["segments"]:
            # A layer named by its files alone was never applied: the stories it deletes were live again.
            if set(entry["files"]) != set(_segment_files(entry["name"], entry["deletions"], entry.get("extra", []))):
                raise IndexRefused(IndexFault.NOT_A_MANIFEST, MANIFEST)
        return manifest

    def _read_segment(self, entry: dict, verify: bool) -> StoredSegment:
        for name, expected in entry["files"].items():
            _require_intact(self.folder / name, expected, checksum=verify or not name.endswith(self._in_pieces))
        name = str(entry["name"])
        meta = json.loads(read_index_file(self.folder / f"{name}.json"))
        kept = bool(entry.get("extra"))
        layers = [self._read_layer(name, int(generation), kept) for generation in entry.get("deletions", ())]
        terms = list(meta["passages"])
        if any(a >= b for a, b in itertools.pairwise(terms)):  # merges read runs of sorted terms
            raise IndexRefused(IndexFault.TERMS_OUT_OF_ORDER, name)
        passages = self._read_postings(f"{name}.passages", terms, {t: n for n, t in enumerate(terms)})
        if meta["stories"] is None:  # the same terms (a segment's stories hold the words its passages hold)
            stories = self._read_postings(f"{name}.stories", terms, passages.vocabulary)
        else:
            story_terms = list(meta["stories"])
            if any(a >= b for a, b in itertools.pairwise(story_terms)):
                raise IndexRefused(IndexFault.TERMS_OUT_OF_ORDER, name)
            vocabulary = {t: n for n, t in enumerate(story_terms)}
            stories = self._read_postings(f"{name}.stories", story_terms, vocabulary)
        for layer in layers:
            layer_name = f"{name}.d{layer.generation}"
            passages = layer.passages.applied(passages, f"{layer_name}.passages")
            stories = layer.stories.applied(stories, f"{layer_name}.stories")
        first_passage = load_index_array(self.folder / f"{name}.first_passage.npy")
        _require_deleted_alike(name, passages, stories, first_passage, layers[-1].generation if layers else 0)
        return StoredSegment(
            name=name,
            passages=passages,
            stories=stories,
            keys=tuple(meta["keys"]),
            first_passage=first_passage,
            deletions=tuple(layers),
            extra_files=tuple(entry.get("extra", ())),
        )

    def _read_layer(self, name: str, generation: int, kept: bool) -> DeletionLayer:
        """A segment's deletion layer of this generation (`kept`: with its payload's drops); raises IndexRefused
        when its arrays are not shaped as a layer's (whether they fit is Removal.applied's, and the payload's, to
        check)."""
        layer = f"{name}.d{generation}"

        def removal(kind: str) -> Removal:
            docs = load_index_array(self.folder / f"{layer}.{kind}.gone.npy")
            return _removal(docs, load_index_array(self.folder / f"{layer}.{kind}.drops.npy"), f"{layer}.{kind}")

        payload = None
        if kept:
            drops = load_index_array(self.folder / f"{layer}.{PAYLOAD_DROPS}.npy")
            payload = _removal(np.zeros(0, np.int32), drops, f"{layer}.{PAYLOAD_DROPS}")
        return DeletionLayer(generation, removal("passages"), removal("stories"), payload)

    def _read_postings(self, prefix: str, terms: list[str], vocabulary: dict[str, int]) -> Segment:
        """One of the segment's two indexes (`prefix`: its name and kind), its `terms` sorted (and numbered
        as `vocabulary` says), none of its documents deleted yet."""

        def whole(name: str) -> np.ndarray:
            return load_index_array(self.folder / f"{name}.npy")

        doc_freq, doc_len = whole(f"{prefix}.doc_freq"), whole(f"{prefix}.doc_len").astype(np.float64)
        data = FileArray(self.folder / f"{prefix}.postings.npy")
        offsets = FileArray(self.folder / f"{prefix}.offsets.npy")
        if len(doc_freq) != len(terms) or len(offsets) != len(terms) + 1:
            raise IndexRefused(IndexFault.POSTINGS_UNCOUNTED, prefix)
        postings = PackedPostings(data, offsets, doc_freq)
        return Segment.of_postings(terms, postings, doc_freq, doc_len, vocabulary=vocabulary)

    # -- writing ------------------------------------------------------------------------------

    def commit(self, added: Sequence[StoryTerms], removed: Iterable[str] = ()) -> SegmentSet:
        """Adds these stories (a story already there is replaced) and deletes the `removed` ones, in one swap."""
        if not added:
            return self.add(None, removed)
        passages = Segment.of_documents(p for story in added for p in story.passages)
        stories = Segment.of_documents([t for p in story.passages for t in p] for story in added)
        lengths = [len(story.passages) for story in added]
        first_passage = np.concatenate(([0], np.cumsum(lengths))).astype(np.int64)
        keys = [story.key for story in added]
        return self.add(
            lambda _: NewSegment(
                passages=MergePlan([passages]),
                stories=MergePlan([stories]),
                keys=keys,
                first_passage=first_passage,
                extra_files=[],
            ),
            removed,
        )

    def add(
        self,
        write: Callable[[str], NewSegment] | None,
        removed: Iterable[str] = (),
        about: dict[str, object] | None = None,
        *,
        replace_all: bool = False,
    ) -> SegmentSet:
        """One swap: the segment `write` makes (given its name, it writes what else it keeps there; its
        stories replace any of the same key), the `removed` stories deleted, `about` kept (when given);
        with `replace_all`, the new segment alone."""
        with self._writing(fresh=replace_all) as current:
            generation = current.generation + 1
            segments: list[StoredSegment] = []
            new = None
            if write is not None:
                name = f"s{generation}-{uuid.uuid4().hex[:12]}"
                new = self._written(name, write(name), generation)
            if not replace_all:
                gone = set(removed) | set(new.keys if new is not None else ())
                segments = [
                    segment.without(gone, generation, self.kept_drops) if gone & set(segment.live_keys()) else segment
                    for segment in current.segments
                ]
            if new is not None:
                segments.append(new)
            kept = current.about if about is None else about
            return self._swap(current, SegmentSet(generation, tuple(s for s in segments if s.stories.live), kept))

    def merge_if_needed(self) -> SegmentSet | None:
        """Merges the newer segments when there are too many, and rewrites any with too much deleted;
        None when nothing needed it."""
        with self._writing() as current:
            segments = list(current.segments)
            generation = current.generation + 1
            changed = False
            for number, segment in enumerate(segments):
                if (
                    segment.passages.size
                    and segment.passages.size - segment.passages.live > MAX_DELETED_SHARE * segment.passages.size
                ):
                    segments[number] = self._merged([segment], generation)
                    changed = True
            if len(segments) > MAX_SEGMENTS:
                segments[1:] = [self._merged(segments[1:], generation)]
                changed = True
            if not changed:
                return None
            live = tuple(s for s in segments if s.stories.live)
            return self._swap(current, SegmentSet(generation, live, current.about))

    def merge_all(self) -> SegmentSet:
        """Every segment's live stories as one segment."""
        with self._writing() as current:
            generation = current.generation + 1
            segments = (self._merged(list(current.segments), generation),) if current.segments else ()
            return self._swap(current, SegmentSet(generation, segments, current.about))

    @contextlib.contextmanager
    def _writing(self, *, fresh: bool = False) -> Iterator[SegmentSet]:
        """The current library, with this process the only writer until the block ends; files no
        manifest names (left by a writer that was killed) are removed first. `fresh`: a library that
        replaces whatever is there (damaged, untrusted or not), so nothing of it is read but its generation."""
        self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _set_aside_folders(self.folder)
        with (self.folder / WRITE_LOCK).open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            current = SegmentSet(self._generation(), ()) if fresh else self._open(verify=False)
            self._sweep(current)
            try:
                yield current
            except Exception:
                self._sweep_failed()
                raise

    def _generation(self) -> int:
        """The manifest's generation, or 0 when there is none that can be read."""
        try:
            return int(json.loads(read_index_file(self.folder / MANIFEST))["generation"])
        except (OSError, ValueError, KeyError, TypeError, OverflowError, RecursionError):
            return 0

    def _sweep(self, current: SegmentSet) -> None:
        self._remove_all_but({name for segment in current.segments for name in files_of(segment)})

    def _remove_all_but(self, named: set[str]) -> None:
        """Removes the folder's files but the manifest, the write lock and `named`. A folder in it is left alone: no
        writer makes one, so it is someone's (a backup copied in), and unlinking it failed every write for good."""
        for path in self.folder.iterdir():
            if path.name not in named | {MANIFEST, WRITE_LOCK}:
                with contextlib.suppress(IsADirectoryError):
                    path.unlink(missing_ok=True)

    def _sweep_failed(self) -> None:
        """Removes what a write that failed wrote (a full disk stayed full until the next writer, the next
        start, which filled it again), keeping what the manifest in place names: the failure may have come
        after it was swapped in. Nothing is removed when that manifest cannot be read."""
        try:
            manifest = json.loads(read_index_file(self.folder / MANIFEST))
            named = {name for entry in manifest["segments"] for name in entry["files"]}
        except FileNotFoundError:
            named = set()
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return
        with contextlib.suppress(OSError):
            self._remove_all_but(named)

    def _merged(self, segments: list[StoredSegment], generation: int) -> StoredSegment:
        self.verify(SegmentSet(generation, tuple(segments)))  # what a merge copies, checksum by checksum
        keys = [key for segment in segments for key in segment.live_keys()]
        lengths = [np.diff(s.first_passage)[~s.stories.deleted] for s in segments]
        first_passage = np.concatenate(([0], np.cumsum(np.concatenate(lengths)))).astype(np.int64)
        name = f"s{generation}-{uuid.uuid4().hex[:12]}"
        if self.payload is None and any(segment.extra_files for segment in segments):
            raise ValueError("these segments keep more than their postings: merge them with their payload")
        extra = self.payload.merged(self.folder, name, segments) if self.payload is not None else []
        passages, stories = MergePlan([s.passages for s in segments]), MergePlan([s.stories for s in segments])
        return self._written(
            name,
            NewSegment(passages=passages, stories=stories, keys=keys, first_passage=first_passage, extra_files=extra),
            generation,
        )

    def _written(self, name: str, new: NewSegment, generation: int) -> StoredSegment:
        """A new segment's files, written a chunk of postings at a time and flushed to disk (with what
        else it keeps, written already); the segment reads them back."""
        passages, stories, keys, first_passage = new.passages, new.stories, new.keys, new.first_passage
        story_terms = None if stories.terms == passages.terms else stories.terms  # most often the same: kept once
        _write_json(self.folder / f"{name}.json", {"keys": keys, "passages": passages.terms, "stories": story_terms})
        save_array(self.folder / f"{name}.first_passage.npy", first_passage)
        for kind, plan in (("passages", passages), ("stories", stories)):
            prefix = self.folder / f"{name}.{kind}"
            with (
                ArrayWriter(Path(f"{prefix}.postings.npy"), np.dtype(np.uint8), None) as data,
                ArrayWriter(Path(f"{prefix}.offsets.npy"), np.dtype(np.int64), len(plan.terms) + 1) as offsets,
            ):
                written = 0
                offsets.write(np.zeros(1, np.int64))
                for first, last, docs, tf in plan.chunks():
                    packed, term_bytes = pack(docs, tf, plan.doc_freq[first:last])
                    data.write(packed)
                    offsets.write(written + np.cumsum(term_bytes))
                    written += len(packed)
            save_array(Path(f"{prefix}.doc_freq.npy"), plan.doc_freq)
            save_array(Path(f"{prefix}.doc_len.npy"), plan.doc_len.astype(np.int32))
        for path in self.folder.glob(f"{name}.*"):
            sync_to_disk(path)
        return self._read_segment({"name": name, "files": {}, "extra": new.extra_files}, False)

    def _swap(self, current: SegmentSet, new: SegmentSet) -> SegmentSet:
        """Writes the new deletion layers and a manifest naming `new`, swaps it in, removes what it no longer names."""
        entries = []
        for segment in new.segments:
            if segment.generation == new.generation:  # its newest layer is this change's
                layer = segment.deletions[-1]
                prefix = f"{segment.name}.d{layer.generation}"
                arrays: dict[str, np.ndarray] = {}
                for kind, removal in (("passages", layer.passages), ("stories", layer.stories)):
                    arrays |= {f"{kind}.gone": removal.docs, f"{kind}.drops": removal.stacked()}
                if layer.kept is not None:
                    arrays[PAYLOAD_DROPS] = layer.kept.stacked()
                for array, value in arrays.items():
                    save_array(self.folder / f"{prefix}.{array}.npy", value)
                    sync_to_disk(self.folder / f"{prefix}.{array}.npy")
            # A file is written once: what the manifest in place says of it stands. Its checksum taken again (of the
            # whole index, at every commit) would bless damage done since, which no later check could then find.
            files = {name: _record(self.folder / name, current.records.get(name)) for name in files_of(segment)}
            deletions = [layer.generation for layer in segment.deletions]
            entry = {"name": segment.name, "generation": segment.generation, "deletions": deletions, "files": files}
            entries.append(entry | {"extra": list(segment.extra_files)})
        manifest = {"format": FORMAT, "generation": new.generation, "segments": entries, "about": new.about}
        _write_json(self.folder / f"{MANIFEST}.new", manifest)
        sync_to_disk(self.folder / f"{MANIFEST}.new")
        sync_to_disk(self.folder)
        os.replace(self.folder / f"{MANIFEST}.new", self.folder / MANIFEST)
        sync_to_disk(self.folder)
        self._sweep(new)
        return new


def _set_aside_folders(folder: Path) -> None:
    """A folder standing at a name the store writes (the manifest, its `.new`, the write lock) failed every save for
    good: each start rebuilt the whole index and said the next would save it. It is moved aside whole, to a name of its
    own beside it (`segments.json.set-aside-1`), never removed: whatever it holds is someone's."""
    for name in (WRITE_LOCK, MANIFEST, f"{MANIFEST}.new"):
        path = folder / name
        if path.is_dir() and not path.is_symlink():  # a link is replaced as a file is
            aside = next(
                folder / f"{name}.set-aside-{n}"
                for n in itertools.count(1)
                if not (folder / f"{name}.set-aside-{n}").exists()
            )
            with contextlib.suppress(FileNotFoundError):  # another writer moved it first
                os.rename(path, aside)


def files_of(segment: StoredSegment) -> list[str]:
    """The files a segment is read from: its postings, and its deletion layers'."""
    return _segment_files(segment.name, [layer.generation for layer in segment.deletions], segment.extra_files)


def _segment_files(name: str, layers: Sequence[int], extra: Sequence[str]) -> list[str]:
    """The files of segment `name` with deletion layers of these generations and these files of its payload (whose
    layers then hold its drops too): what its manifest entry names, no more and no less."""
    files = [f"{name}.json", f"{name}.first_passage.npy"]
    for kind in ("passages", "stories"):
        files += [f"{name}.{kind}.{array}.npy" for array in POSTING_ARRAYS]
        for generation in layers:
            files += [f"{name}.d{generation}.{kind}.{array}.npy" for array in DELETION_ARRAYS]
    if extra:
        files += [f"{name}.d{generation}.{PAYLOAD_DROPS}.npy" for generation in layers]
    return files + list(extra)


def _require_deleted_alike(
    name: str, passages: Segment, stories: Segment, first_passage: np.ndarray, generation: int
) -> None:
    """Raises IndexRefused unless the segment's stories cover its passages in order and its layers deleted a story's
    passages exactly where they deleted the story: a stories layer that named another story than its passages
    layer left that story's passages answering as the live story numbered in its place."""
    counts = np.diff(first_passage)
    if (
        first_passage.ndim != 1
        or len(first_passage) != stories.size + 1
        or first_passage[0] != 0
        or first_passage[-1] != passages.size
        or (counts < 0).any()
    ):
        raise IndexRefused(IndexFault.STORIES_MISFIT, name)
    if not np.array_equal(passages.deleted, np.repeat(stories.deleted, counts)):
        raise IndexRefused(IndexFault.DELETIONS_MISFIT, f"{name}.d{generation}.stories")


def _manifest_shaped(manifest: dict) -> bool:
    """Whether a manifest holds what readers take from it: a whole generation, and segments each named, with a
    whole generation and their files by name. A damaged one (`"files": []`, a generation of 1e400) was an
    AttributeError's or OverflowError's traceback at every start, where damage is to be rebuilt."""
    segments, about = manifest.get("segments"), manifest.get("about", {})
    generation = manifest.get("generation")
    if type(generation) is not int or not isinstance(segments, list) or not isinstance(about, dict):
        return False
    return all(
        isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and type(entry.get("generation")) is int
        and entry["generation"] <= generation  # else the next change's layer takes a name in use, with its record
        and _layers_shaped(entry.get("deletions"), entry["generation"])
        and isinstance(entry.get("files"), dict)
        and isinstance(entry.get("extra", []), list)
        and all(isinstance(file, str) for file in entry.get("extra", []))
        for entry in segments
    )


def _removal(docs: np.ndarray, drops: np.ndarray, name: str) -> Removal:
    """A removal as saved (its documents, and its numbers and drops as two rows); raises IndexRefused naming it when
    they are not shaped so."""
    if docs.dtype != np.int32 or docs.ndim != 1 or drops.dtype != np.int32 or drops.ndim != 2 or len(drops) != 2:
        raise IndexRefused(IndexFault.DELETIONS_MISFIT, name)
    return Removal(docs, drops[0], drops[1])


def _layers_shaped(layers: object, generation: int) -> bool:
    """Whether a segment's deletion layers are named as a writer names them: whole generations, ascending, the newest
    its generation (none, generation 0)."""
    if not isinstance(layers, list) or not all(type(layer) is int and layer > 0 for layer in layers):
        return False
    return all(a < b for a, b in itertools.pairwise(layers)) and generation == (layers[-1] if layers else 0)


def _record(path: Path, saved: FileRecord | None) -> FileRecord:
    """A file's record in the next manifest: the one saved (given), with the file's time now where it has none (saved
    by a version that kept no times: damage done from now on is found at a start), else a new one."""
    if saved is None:
        return _new_record(path)
    if "mtime_ns" in saved:
        return saved
    return saved | {"mtime_ns": path.stat().st_mtime_ns}


def _new_record(path: Path) -> FileRecord:
    """A file just written: its size, checksum and modification time."""
    return file_record(path) | {"mtime_ns": path.stat().st_mtime_ns}


def _require_intact(path: Path, expected: FileRecord, *, checksum: bool) -> None:
    """Raises IndexRefused (UntrustedIndex for a file not the user's alone) unless the file has its saved
    size and, when `checksum` or when it was modified since it was saved (another file moved in its place, bytes
    written), its saved checksum."""
    info = require_trusted(path)
    if not stat.S_ISREG(info.st_mode):
        raise NotRegularFile(IndexFault.NOT_REGULAR, path.name)
    if info.st_size != expected["bytes"]:
        raise IndexRefused(IndexFault.NOT_AS_SAVED, path.name)
    moved = expected.get("mtime_ns", info.st_mtime_ns) != info.st_mtime_ns
    if (checksum or moved) and file_record(path)["blake2b"] != expected["blake2b"]:
        raise IndexRefused(IndexFault.NOT_AS_SAVED, path.name)


def _write_json(path: Path, value: dict) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
