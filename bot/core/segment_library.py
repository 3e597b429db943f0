"""What a library keeps of a segment's stories beside their postings, and the segment as library parts.

A stored segment (bot.core.segment_store) holds its stories' passage and story postings; this adds
everything else a library needs of the same stories: the passages' places and texts (compressed
blocks, bot.core.text_store), the people found in them, the speller's words, each story's
fingerprint and the state of its file when it was read. The library is then the join of its live
segments (bot.core.library_join). Nothing here is code: numpy arrays and JSON.
"""

from __future__ import annotations

import bisect
import dataclasses
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import numpy as np

from bot.core.analysis import Analyzer
from bot.core.build import AnalysedTexts
from bot.core.corpus import Corpus, Passage, Story
from bot.core.file_array import ArrayWriter, FileArray, WatchedFiles, file_name, save_array
from bot.core.index import BM25Params
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.index_notes import IndexFault, IndexRefused
from bot.core.library_parts import LibraryParts
from bot.core.packed_postings import PackedPostings
from bot.core.passage_table import NO_CHAPTER, PassageTable
from bot.core.people import Person, PersonFinder
from bot.core.piece_words import PieceWords
from bot.core.segment_store import PAYLOAD_DROPS, NewSegment, PayloadRemoval, Removal, StoredSegment
from bot.core.segments import MergePlan, SegmentedIndex
from bot.core.spelling import SpellingCorrector
from bot.core.text_store import TextStore
from bot.core.trusted_files import load_index_array, read_index_file

PASSAGE_ARRAYS = ("story", "number", "paragraph", "chapter", "chapter_number")
"""A passage's place, one file each, numbered within the segment (`story` too)."""
TEXT_WHOLE = ("block_first", "block_offsets")
TEXT_PIECES = ("starts", "ends", "data")
READ_IN_PIECES = tuple(f".passage_{name}.npy" for name in PASSAGE_ARRAYS) + tuple(
    f".text_{name}.npy" for name in TEXT_PIECES
)
"""The files of this payload read a piece at a time while answering (checked by what reads them)."""


def library_files(name: str) -> list[str]:
    return [
        f"{name}.library.json",
        f"{name}.intros.json",
        *(f"{name}.passage_{array}.npy" for array in PASSAGE_ARRAYS),
        *(f"{name}.text_{array}.npy" for array in TEXT_WHOLE + TEXT_PIECES),
    ]


def new_segment(folder: Path, name: str, parts: LibraryParts, states: dict[str, str]) -> NewSegment:
    """Writes what a segment of these freshly built stories keeps beside its postings; `states` is each
    story file's state (bot.core.saved_index) when it was read. Its postings come from its indexes,
    whose terms must be numbered in sorted order (as build_parts numbers them)."""
    from bot.core.library_join import segments_of  # the join builds on these segments' parts

    corpus = parts.corpus
    (passages,), (stories,) = segments_of(parts.index), segments_of(parts.story_index)
    if passages.terms != sorted(passages.terms):
        raise ValueError("a segment's terms are kept sorted")
    speller_numbers = [passages.vocabulary[term] for term in parts.speller.terms]
    if parts.speller_stories is None or len(parts.speller_stories) != len(speller_numbers):
        raise ValueError("a segment's stories are freshly built: its speller's words are counted in them")
    table = corpus.passages if isinstance(corpus.passages, PassageTable) else PassageTable.of(corpus.passages)
    for array in PASSAGE_ARRAYS:
        save_array(folder / f"{name}.passage_{array}.npy", np.asarray(getattr(table, array), np.int32))
    for array in TEXT_WHOLE + TEXT_PIECES:
        save_array(folder / f"{name}.text_{array}.npy", getattr(table.texts, array))
    story_of_path = {story.path: number for number, story in enumerate(corpus.stories)}
    people = parts.person_finder.people
    _write_json(folder / f"{name}.intros.json", [p.intro for p in people])
    _write_meta(
        folder / f"{name}.library.json",
        stories=[[s.title, s.path, s.passage_count] for s in corpus.stories],
        chapters=list(table.chapters),
        people=_people_columns(people, story_of_path),
        speller={
            "words": parts.speller.words,
            "term_numbers": speller_numbers,
            "stories": parts.speller_stories.tolist(),
        },
        fingerprints=parts.fingerprints,
        states={s.path: states[s.path] for s in corpus.stories},
    )
    first_passage = np.array([s.first_passage for s in corpus.stories] + [len(table)], dtype=np.int64)
    keys = [s.path for s in corpus.stories]
    return NewSegment(
        passages=MergePlan([passages]),
        stories=MergePlan([stories]),
        keys=keys,
        first_passage=first_passage,
        extra_files=library_files(name),
    )


class LibraryPayload:
    """Carries the library's part of segments over to the segment they are merged into, and says what its count of
    stories holding each speller word loses as stories are deleted (SegmentPayload). `analyzer`: the library's, to
    find a deleted story's words again; a store that only merges needs none."""

    read_in_pieces = READ_IN_PIECES

    def __init__(self, analyzer: Analyzer | None = None, speller_words: Mapping[str, list[str]] | None = None):
        """`speller_words`: segments' speller words by segment name, as their parts were opened with them
        (SegmentParts.speller_words; a segment's files never change): a deletion from one of them needs not parse
        its library.json whole again, a cost that follows the segment, not what is deleted."""
        self.analyzer = analyzer
        self.speller_words = speller_words or {}

    def removed(self, folder: Path, segment: StoredSegment, stories: np.ndarray) -> PayloadRemoval:
        """How many of these stories hold each of the segment's speller words, and the terms their passages hold:
        their passages' texts read and analysed again (as a build does), so it costs what they hold. A word no live
        story holds is then dropped from the speller (_speller), though its term stays (another word's: "performed"
        beside "perform"); only the terms' postings are read to count what each loses (Segment.without)."""
        if self.analyzer is None:
            raise ValueError("a story is deleted from a library segment with the library's analyzer")
        saved = self.speller_words.get(segment.name)
        if saved is None:  # a segment this process has not opened (a merge another process swapped in)
            saved = _read_meta(folder, segment.name)["speller"]["words"]
        position = {word: number for number, word in enumerate(saved)}
        texts = _text_store(folder, segment.name)
        pieces = PieceWords(self.analyzer)  # shared: a piece two stories hold is analysed once
        held: list[np.ndarray] = [np.zeros(0, np.int64)]
        terms: set[str] = set()
        for story in stories.tolist():
            first, end = int(segment.first_passage[story]), int(segment.first_passage[story + 1])
            analysed = AnalysedTexts.of([texts.text(n) for n in range(first, end)], self.analyzer, pieces)
            held.append(np.fromiter((position[w] for w in analysed.surfaces if w in position), np.int64))
            terms.update(analysed.vocabulary)
        words, drops = np.unique(np.concatenate(held), return_counts=True)
        return PayloadRemoval(
            Removal(np.zeros(0, np.int32), words.astype(np.int32), drops.astype(np.int32)), frozenset(terms)
        )

    def merged(self, folder: Path, name: str, segments: Sequence[StoredSegment]) -> list[str]:
        """The live stories' places, texts, people, words and fingerprints, in order: one number per
        passage and the people and words held at once, texts copied a compressed block at a time."""
        metas = [_read_meta(folder, segment.name) for segment in segments]
        live_terms = {
            t for s in segments for t, df in zip(s.passages.terms, s.passages.live_doc_freq, strict=True) if df
        }
        merged_numbers = {term: number for number, term in enumerate(sorted(live_terms))}  # as MergePlan numbers them
        stories: list[list[object]] = []
        people: list[Person] = []
        words: dict[str, int] = {}
        holding: dict[str, int] = {}
        fingerprints: dict[str, str] = {}
        states: dict[str, str] = {}
        chapters: dict[str, int] = {}
        arrays: dict[str, list[np.ndarray]] = {array: [] for array in PASSAGE_ARRAYS}
        first_story = first_passage = 0
        for segment, meta in zip(segments, metas, strict=True):
            live_story = ~segment.stories.deleted
            live_passage = ~segment.passages.deleted
            story_number = np.cumsum(live_story) - 1 + first_story
            passage_number = np.cumsum(live_passage) - 1 + first_passage
            live_paths = {story[1] for story, live in zip(meta["stories"], live_story, strict=True) if live}
            for story in meta["stories"]:
                if story[1] in live_paths:
                    stories.append(story)
                    fingerprints[story[1]] = meta["fingerprints"][story[1]]
                    states[story[1]] = meta["states"][story[1]]
            for person in _saved_people(folder, segment.name, meta):
                if person.path in live_paths:
                    place = None if person.passage is None else int(passage_number[person.passage])
                    people.append(dataclasses.replace(person, passage=place))
            speller, live = meta["speller"], live_word_stories(segment, meta["speller"]).tolist()
            for word, number, count in zip(speller["words"], speller["term_numbers"], live, strict=True):
                merged = merged_numbers.get(segment.passages.terms[number])
                if merged is not None and count > 0:
                    words.setdefault(word, merged)
                    holding[word] = holding.get(word, 0) + count
            renumber = np.array([chapters.setdefault(c, len(chapters)) for c in meta["chapters"]] + [NO_CHAPTER])
            for array in PASSAGE_ARRAYS:
                values = np.asarray(FileArray(folder / f"{segment.name}.passage_{array}.npy"))[live_passage]
                if array == "story":
                    values = story_number[values]
                elif array == "chapter":
                    values = renumber[values]  # NO_CHAPTER (-1) picks the last entry
                arrays[array].append(values.astype(np.int32))
            first_story += int(live_story.sum())
            first_passage += int(live_passage.sum())
        for array, values in arrays.items():
            save_array(folder / f"{name}.passage_{array}.npy", np.concatenate([np.zeros(0, np.int32), *values]))
        _merge_texts(folder, name, segments)
        _write_json(folder / f"{name}.intros.json", [p.intro for p in people])
        _write_meta(
            folder / f"{name}.library.json",
            stories=stories,
            chapters=list(chapters),
            people=_people_columns(people, {str(story[1]): number for number, story in enumerate(stories)}),
            speller={"words": list(words), "term_numbers": list(words.values()), "stories": list(holding.values())},
            fingerprints=fingerprints,
            states=states,
        )
        return library_files(name)


def _merge_texts(folder: Path, name: str, segments: Sequence[StoredSegment]) -> None:
    """The live passages' texts: each compressed block that holds one copied whole (a deleted passage's
    text may stay in a block beside live ones, never read), blocks of deleted passages alone left out."""
    kept: list[tuple[TextStore, int, int]] = []
    block_first, block_offsets, starts, ends = [0], [0], [], []
    for segment in segments:
        texts = _text_store(folder, segment.name)
        live = ~segment.passages.deleted
        segment_starts, segment_ends = np.asarray(texts.starts), np.asarray(texts.ends)
        for block in range(len(texts.block_first) - 1):
            first, last = int(texts.block_first[block]), int(texts.block_first[block + 1])
            held = live[first:last]
            if not held.any():
                continue
            begin, end = int(texts.block_offsets[block]), int(texts.block_offsets[block + 1])
            kept.append((texts, begin, end))
            block_first.append(block_first[-1] + int(held.sum()))
            block_offsets.append(block_offsets[-1] + end - begin)
        starts.append(segment_starts[live])
        ends.append(segment_ends[live])
    save_array(folder / f"{name}.text_block_first.npy", np.array(block_first, dtype=np.int64))
    save_array(folder / f"{name}.text_block_offsets.npy", np.array(block_offsets, dtype=np.int64))
    save_array(folder / f"{name}.text_starts.npy", np.concatenate([np.zeros(0, np.int32), *starts]))
    save_array(folder / f"{name}.text_ends.npy", np.concatenate([np.zeros(0, np.int32), *ends]))
    with ArrayWriter(folder / f"{name}.text_data.npy", np.dtype(np.uint8), block_offsets[-1]) as data:
        for texts, begin, end in kept:
            data.write(texts.data[begin:end])


def segment_parts(folder: Path, segment: StoredSegment, root: Path, params: BM25Params) -> SegmentParts:
    """The segment's live stories as library parts, read from its files as questions need them;
    raises IndexRefused when its files do not agree with one another."""
    meta = _read_meta(folder, segment.name)
    files: list[FileArray] = []

    def on_file(name: str) -> FileArray:
        files.append(FileArray(folder / name))
        return files[-1]

    texts = _text_store(folder, segment.name, on_file)
    places = {array: on_file(f"{segment.name}.passage_{array}.npy") for array in PASSAGE_ARRAYS}
    table = PassageTable(**places, texts=texts, chapters=tuple(meta["chapters"]))
    saved = [Story(str(title), str(path), 0, int(count)) for title, path, count in meta["stories"]]
    _require_consistent(segment, table, saved)
    live_story = ~segment.stories.deleted
    live_passage = ~segment.passages.deleted
    passages = SegmentPassages(table, segment)
    stories, first = [], 0
    for story, live in zip(saved, live_story, strict=True):
        if live:
            stories.append(dataclasses.replace(story, first_passage=first))
            first += story.passage_count
    paths = {story.path for story in stories}
    passage_number = np.cumsum(live_passage) - 1
    columns = meta["people"]
    lengths = {len(columns[field]) for field in ("names", "stories", "mentions", "passages")}
    if len(lengths) != 1 or min(columns["stories"], default=0) < 0:
        raise IndexRefused(IndexFault.PEOPLE_MISFIT, segment.name)
    live_people = [n for n, story in enumerate(columns["stories"]) if live_story[story]]
    intros = read_index_file(folder / f"{segment.name}.intros.json")  # parsed when someone is looked up
    saved_stories = meta["stories"]

    def read_people() -> list[Person]:
        saved = _people_of(segment.name, columns, json.loads(intros), saved_stories)
        return [
            dataclasses.replace(p, passage=None if p.passage is None else int(passage_number[p.passage]))
            for p in (saved[n] for n in live_people)
        ]

    named = [(columns["names"][n], str(saved_stories[columns["stories"][n]][1])) for n in live_people]
    people = PersonFinder.read_later(named, read_people)
    parts = LibraryParts(
        corpus=Corpus(root, tuple(stories), passages, ()),
        index=SegmentedIndex([segment.passages], params),
        story_index=SegmentedIndex([segment.stories], params),
        person_finder=people,
        speller=_speller(segment, meta["speller"]),
        fingerprints={path: meta["fingerprints"][path] for path in paths},
        files=WatchedFiles([*postings_files(segment), *files]),
    )
    states = {path: str(meta["states"][path]) for path in paths}
    return SegmentParts(parts, states, meta["speller"]["words"])


def _speller(segment: StoredSegment, saved: dict) -> SpellingCorrector:
    """The segment's words that some live story holds, with their terms' live document frequency."""
    words, numbers = saved["words"], np.asarray(saved["term_numbers"], dtype=np.int64)
    terms = segment.passages.terms
    if len(numbers) != len(words) or (len(numbers) and not (numbers.min() >= 0 and numbers.max() < len(terms))):
        raise IndexRefused(IndexFault.SPELLER_MISFIT, segment.name)
    doc_freq = segment.passages.live_doc_freq[numbers]
    held = (live_word_stories(segment, saved) > 0) & (doc_freq > 0)
    if not held.all():
        words = [word for word, kept in zip(words, held, strict=True) if kept]
    return SpellingCorrector(words, [terms[n] for n in numbers[held].tolist()], doc_freq[held].tolist())


def live_word_stories(segment: StoredSegment, saved: dict) -> np.ndarray:
    """How many of the segment's live stories hold each of its speller's words (`saved`: the speller as saved):
    the stories counted when it was written, less its deletion layers' drops; raises IndexRefused when they do
    not fit its words (a count of other words, a drop of no word or below nothing)."""
    counts = np.asarray(saved.get("stories"), dtype=np.int64)
    if counts.ndim != 1 or len(counts) != len(saved["words"]) or (counts < 1).any():
        raise IndexRefused(IndexFault.SPELLER_MISFIT, segment.name)
    for layer in segment.deletions:
        kept = layer.kept
        name = f"{segment.name}.d{layer.generation}.{PAYLOAD_DROPS}"
        if kept is None or (len(kept.terms) and not (kept.terms.min() >= 0 and kept.terms.max() < len(counts))):
            raise IndexRefused(IndexFault.DELETIONS_MISFIT, name)
        if (np.diff(kept.terms) <= 0).any() or (kept.drops < 1).any():
            raise IndexRefused(IndexFault.DELETIONS_MISFIT, name)
        counts[kept.terms] -= kept.drops
    if (counts < 0).any():
        raise IndexRefused(IndexFault.DELETIONS_MISFIT, f"{segment.name}.d{segment.generation}.{PAYLOAD_DROPS}")
    return counts


def postings_files(segment: StoredSegment) -> list[FileArray]:
    """The segment's posting files read while answering."""
    lists = [segment.passages.postings, segment.stories.postings]
    return [array for postings in lists if isinstance(postings, PackedPostings) for array in postings.files]


@dataclasses.dataclass(frozen=True)
class SegmentParts:
    parts: LibraryParts
    states: dict[str, str]
    """Each live story file's state when it was read."""
    speller_words: list[str] = dataclasses.field(repr=False)
    """The speller's words as the segment saved them, each numbered by its place (the live stories' and the
    others'): what a deletion's drops count (LibraryPayload.removed), without its library.json read again."""


class SegmentPassages(PassageTable):
    """A segment's live passages (less its deleted stories'), renumbered without gaps as its index
    numbers them, each passage's story and number checked against the segment's stories as it is read."""

    _live: np.ndarray
    _story_number: np.ndarray
    _first_passage: np.ndarray
    _first_passages: list[int]
    """`_first_passage` as a list, for a binary search without numpy's call."""

    def __init__(self, table: PassageTable, segment: StoredSegment):
        super().__init__(**{f.name: getattr(table, f.name) for f in dataclasses.fields(table)})
        live_story = ~segment.stories.deleted
        object.__setattr__(self, "_live", np.flatnonzero(~segment.passages.deleted))
        object.__setattr__(self, "_story_number", np.cumsum(live_story) - 1)
        object.__setattr__(self, "_first_passage", segment.first_passage)
        object.__setattr__(self, "_first_passages", segment.first_passage.tolist())

    def __len__(self) -> int:
        return len(self._live)

    def text_and_story(self, i: int) -> tuple[str, int]:
        """Its story found among the stories' first passages, held in memory, rather than read: the file's
        number for it is checked when the whole passage is read (for a hit)."""
        if not 0 <= i < len(self):
            raise IndexError(i)
        place = int(self._live[i])
        story = bisect.bisect_right(self._first_passages, place) - 1
        return self.texts.text(place), int(self._story_number[story])

    def _passage(self, i: int) -> Passage:
        place = int(self._live[i])
        passage = super()._passage(place)
        story = self._live_story(passage.story)
        if place - int(self._first_passage[passage.story]) != passage.number - 1:
            raise IndexDamaged(IndexDamage(file_name(self.number, "passage_number"), DamageKind.CONTENTS))
        return dataclasses.replace(passage, story=story)

    def _live_story(self, story: int) -> int:
        """The story's number among the live ones; IndexDamaged for a number the segment has no story for."""
        if not 0 <= story < len(self._story_number):
            raise IndexDamaged(IndexDamage(file_name(self.story, "passage_story"), DamageKind.CONTENTS))
        return int(self._story_number[story])


def _text_store(folder: Path, name: str, on_file: Callable[[str], FileArray] | None = None) -> TextStore:
    def whole(array: str) -> np.ndarray:
        return load_index_array(folder / f"{name}.text_{array}.npy")

    def read(file: str) -> FileArray:
        return on_file(file) if on_file is not None else FileArray(folder / file)

    starts, ends, data = (read(f"{name}.text_{array}.npy") for array in TEXT_PIECES)
    return TextStore(
        block_first=whole("block_first"), block_offsets=whole("block_offsets"), starts=starts, ends=ends, data=data
    )


def _require_consistent(segment: StoredSegment, table: PassageTable, stories: list[Story]) -> None:
    """Raises IndexRefused unless the payload agrees with the postings on the passages and stories, and the
    offsets read whole run forward: a question then checks only what it reads from the files."""
    passages = segment.passages.size
    if any(len(getattr(table, name)) != passages for name in PASSAGE_ARRAYS):
        raise IndexRefused(IndexFault.PASSAGES_UNCOUNTED, segment.name)
    counts = [story.passage_count for story in stories]
    if (
        len(stories) != segment.stories.size
        or [story.path for story in stories] != list(segment.keys)
        or min(counts, default=1) < 1
        or not np.array_equal(np.concatenate(([0], np.cumsum(counts))), segment.first_passage)
        or segment.first_passage[-1] != passages
    ):
        raise IndexRefused(IndexFault.STORIES_MISFIT, segment.name)
    texts = table.texts
    if len(texts.starts) != passages or len(texts.ends) != passages:
        raise IndexRefused(IndexFault.TEXTS_UNCOUNTED, segment.name)
    for offsets, end, array in (
        (texts.block_first, passages, "text_block_first"),
        (texts.block_offsets, len(texts.data), "text_block_offsets"),
    ):
        if len(offsets) == 0 or offsets[0] != 0 or offsets[-1] != end or np.any(np.diff(offsets) < 0):
            raise IndexRefused(IndexFault.OFFSETS_OUT_OF_ORDER, f"{segment.name}.{array}.npy", number=int(end))


def _read_meta(folder: Path, name: str) -> dict:
    return json.loads(read_index_file(folder / f"{name}.library.json"))


def _people_columns(people: Sequence[Person], story_of_path: dict[str, int]) -> dict[str, list[object]]:
    """The people but their intros, a list a field (stories by number): what opening needs of them
    in a few lists, not tens of thousands of records."""
    return {
        "names": [p.name for p in people],
        "stories": [story_of_path[p.path] for p in people],
        "mentions": [p.mentions for p in people],
        "passages": [-1 if p.passage is None else p.passage for p in people],
    }


def _people_of(segment: str, columns: dict[str, list], intros: list[str], stories: list[list]) -> list[Person]:
    """The people saved as `_people_columns` and their intros in `segment`, each story [title, path, passages]."""
    fields = (columns["names"], columns["stories"], columns["mentions"], columns["passages"], intros)
    if len({len(field) for field in fields}) != 1:
        raise IndexRefused(IndexFault.PEOPLE_MISFIT, segment)
    return [
        Person(
            name=str(name),
            story=str(stories[story][0]),
            path=str(stories[story][1]),
            intro=str(intro),
            mentions=int(mentions),
            passage=None if passage < 0 else int(passage),
        )
        for name, story, mentions, passage, intro in zip(*fields, strict=True)
    ]


def _saved_people(folder: Path, name: str, meta: dict) -> list[Person]:
    intros = json.loads(read_index_file(folder / f"{name}.intros.json"))
    return _people_of(name, meta["people"], intros, meta["stories"])


def _write_meta(path: Path, **meta: object) -> None:
    _write_json(path, meta)


def _write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
