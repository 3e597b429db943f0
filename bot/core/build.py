"""Building a library from its story files on every core: batches of files analysed in worker
processes, merged in file order into arrays.

Each worker reads its files, splits them into passages, finds their people and analyses their
words, and sends back arrays: the passages' text as compressed blocks, and their postings as
numbers of the batch's own vocabulary. The merge takes the batches as they come (a few ahead in
the workers, never all at once), renumbers terms into one vocabulary, and spills each batch's
postings and texts to disk (posting_runs.py), so memory follows the finished index, not the words
read. It never makes a Python object per passage or per word.
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import tempfile
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np
from tqdm import tqdm

from bot.core.analysis import Analyzer
from bot.core.corpus import Corpus, NoStories, Passage, Story, StoryFiles, read_stories, story_files
from bot.core.corpus_diff import fingerprints
from bot.core.index import BM25Index, BM25Params, postings_of_tokens
from bot.core.library_parts import LibraryParts
from bot.core.passage_table import NO_CHAPTER, PassageTable
from bot.core.people import Person, PersonFinder
from bot.core.piece_words import END, LowercaseTable, PieceWords, first_appearances
from bot.core.posting_runs import PostingRuns
from bot.core.skipped import Problem
from bot.core.spelling import SpellingCorrector
from bot.core.text_store import TextStore, TextStoreWriter
from bot.core.timed_reading import timed_reading
from bot.core.worker_ended import WorkerEnded
from bot.core.worker_pool import worker_pool

log = logging.getLogger(__name__)

BATCH_BYTES = 8 * 2**20
"""About how much story text one worker task reads."""
IN_PROCESS_BYTES = 16 * 2**20
"""Below this, starting worker processes costs more than it saves."""
POOL_STARTS = 2
"""Pools a build starts at most: a worker killed, its batches and those after go to a new one, once."""


@dataclass(frozen=True, kw_only=True)
class Batch:
    """What a worker sends back for its files: arrays and the few objects per story or term."""

    stories: list[tuple[str, str, int]]
    """(title, path, passage count) per story read."""
    problems: list[Problem]
    number: np.ndarray
    paragraph: np.ndarray
    chapter: np.ndarray
    chapter_number: np.ndarray
    chapters: list[str]
    texts: tuple[list[bytes], np.ndarray, np.ndarray]
    """The passages' text, compressed in blocks (TextStore.pieces)."""
    vocabulary: dict[str, int]
    surfaces: dict[str, int]
    surface_stories: np.ndarray
    """How many of the batch's stories hold each of `surfaces` (AnalysedTexts.stories_holding)."""
    lengths: np.ndarray
    postings: tuple[np.ndarray, np.ndarray, np.ndarray]
    """(term, passage, term frequency) of each posting, in term then passage order (AnalysedTexts.postings)."""
    people: tuple[Person, ...]
    """With `passage` counted within the batch."""
    fingerprints: dict[str, str]


@dataclass(frozen=True, kw_only=True)
class AnalysedTexts:
    """Passages' words as numbers of their own vocabulary, the one loop every build runs them through."""

    vocabulary: dict[str, int]
    surfaces: dict[str, int]
    """Every word (folded) that became a vocabulary term, with that term's number: what the speller
    corrects to ("perfrom" needs "perform", though "performances" came first)."""
    term_ids: np.ndarray
    """Every word that is no stop word, passage after passage (int32)."""
    lengths: np.ndarray
    """How many of them each passage has (int32)."""
    pieces: np.ndarray = field(repr=False, compare=False)
    """The number of every piece of the texts in `piece_words`, each text's followed by END."""
    piece_words: PieceWords = field(repr=False, compare=False)

    @classmethod
    def of(cls, texts: Sequence[str], analyzer: Analyzer, piece_words: PieceWords | None = None) -> AnalysedTexts:
        """The texts' words, numbered in the order they first come; `piece_words`, the pieces this
        process has analysed already with this analyzer (a worker's, over all its batches), else new."""
        piece_words = PieceWords(analyzer) if piece_words is None else piece_words
        pieces = piece_words.numbers(texts)
        words, per_piece = piece_words.words_of(pieces)
        ends = pieces == END
        text_of_piece = np.cumsum(ends) - ends
        lengths = np.bincount(text_of_piece, weights=per_piece, minlength=len(texts)).astype(np.int32)
        word_terms = piece_words.terms_of_words()
        in_order = first_appearances(word_terms[words], len(piece_words.terms))
        number = np.empty(len(piece_words.terms), dtype=np.int32)
        number[in_order] = np.arange(len(in_order), dtype=np.int32)
        vocabulary = {piece_words.terms[term]: n for n, term in enumerate(in_order.tolist())}
        surfaces: dict[str, int] = {}
        word_numbers = number[word_terms]
        for word in first_appearances(words, len(piece_words.word_surfaces)).tolist():
            surfaces.setdefault(piece_words.word_surfaces[word], int(word_numbers[word]))
        return cls(
            vocabulary=vocabulary,
            surfaces=surfaces,
            term_ids=word_numbers[words],
            lengths=lengths,
            pieces=pieces,
            piece_words=piece_words,
        )

    def postings(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(term, passage, term frequency) of each posting, in term then passage order."""
        return postings_of_tokens(self.term_ids, self.lengths)

    def stories_holding(self, story_of_passage: np.ndarray) -> np.ndarray:
        """How many stories hold each of `surfaces`, in their order (int64), the texts being passages of the stories
        `story_of_passage` says: what a saved segment keeps of its speller's words, so that a word of a removed
        story alone is forgotten though its term stays ("performed" beside "perform")."""
        words, per_piece = self.piece_words.words_of(self.pieces)
        ends = self.pieces == END
        story_of_word = story_of_passage[np.repeat(np.cumsum(ends) - ends, per_piece)].astype(np.int64)
        known = max(len(self.piece_words.word_surfaces), 1)
        pairs = _distinct(story_of_word * known + words)  # each story's words once (sorted: story after story)
        position = {surface: number for number, surface in enumerate(self.surfaces)}
        surfaces = self.piece_words.word_surfaces
        surface_of = np.zeros(known, dtype=np.int64)  # of the words these texts hold: the others' are never read
        held_words = np.flatnonzero(np.bincount(words, minlength=known))
        surface_of[held_words] = np.fromiter((position[surfaces[w]] for w in held_words.tolist()), np.int64)
        count = max(len(position), 1)
        held = _distinct(pairs // known * count + surface_of[pairs % known])  # two words of one surface: once
        return np.bincount(held % count, minlength=len(position))

    def lowercase_words(self, first: int, end: int) -> set[str]:
        """Every word that texts[first:end] write in lowercase: what the people finder asks of a story
        (people_finder._lowercase_words of those texts)."""
        text_ends = self._text_ends
        start = int(text_ends[first - 1]) + 1 if first > 0 else 0
        stop = int(text_ends[end - 1]) if end > first else start
        return self._lowercase.of(self.pieces[start:stop])

    @cached_property
    def _text_ends(self) -> np.ndarray:
        return np.flatnonzero(self.pieces == END)

    @cached_property
    def _lowercase(self) -> LowercaseTable:
        return self.piece_words.lowercase_table()  # every piece is numbered by now: `of` numbered them


def _distinct(values: np.ndarray) -> np.ndarray:
    """The values once each, ascending: a sort (fast on runs already in order) and a comparison, where np.unique
    took some thirty times as long on a batch's words."""
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def parts_of_corpus(corpus: Corpus, analyzer: Analyzer, params: BM25Params) -> LibraryParts:
    """The parts of a library whose corpus is already in memory (an evaluation's, a benchmark's)."""
    return analysed_parts(corpus, analyzer, params)[0]


def analysed_parts(corpus: Corpus, analyzer: Analyzer, params: BM25Params) -> tuple[LibraryParts, AnalysedTexts]:
    """parts_of_corpus, with the analysis it made of the passages (a shelf's parts keep each story's words)."""
    analysed = AnalysedTexts.of([p.text for p in corpus.passages], analyzer)
    people = PersonFinder.from_corpus(corpus, analysed.lowercase_words)
    terms, docs, tf = analysed.postings()
    doc_freq = np.bincount(terms, minlength=len(analysed.vocabulary))
    index = BM25Index.from_postings(
        analysed.vocabulary, docs, tf, doc_freq, analysed.lengths.astype(np.float64), params
    )
    holding = analysed.stories_holding(corpus.story_of_passages())
    return _finished(corpus, index, analysed.surfaces, holding, people, fingerprints(corpus)), analysed


def _finished(
    corpus: Corpus,
    index: BM25Index,
    surfaces: dict[str, int],
    surface_stories: np.ndarray,
    people: PersonFinder,
    digests: dict[str, str],
) -> LibraryParts:
    """What every build ends with: the story-level index and the speller's words (with how many stories hold
    each: `surface_stories`)."""
    story_index = index.grouped(corpus.story_of_passages(), len(corpus.stories))
    terms = index.terms()
    numbers = np.fromiter(surfaces.values(), dtype=np.int64, count=len(surfaces))
    speller = SpellingCorrector(list(surfaces), [terms[n] for n in numbers], index.doc_freq[numbers].tolist())
    return LibraryParts(
        corpus=corpus,
        index=index,
        story_index=story_index,
        person_finder=people,
        speller=speller,
        fingerprints=digests,
        speller_stories=surface_stories,
    )


def analyse_files(
    root: str,
    paths: list[str],
    analyzer: Analyzer,
    piece_words: PieceWords | None = None,
    reading_seconds: float | None = None,
    *,
    keep_reader: bool = False,
) -> Batch:
    """A worker's task: everything the library needs from these files, each read within `reading_seconds`
    (bot.core.timed_reading: in a reader process, ended with the task, or with `keep_reader` kept for the process's
    next). They are read with the cycle collector running (readers such as pypdf make cycles), then analysed with it
    paused."""
    with timed_reading(reading_seconds, keep_reader=keep_reader) as read:
        stories, passages, problems = read_stories(Path(root), [Path(p) for p in paths], read)
    with _no_cycle_collection():
        return _analysed_files(
            root, stories, passages, problems, AnalysedTexts.of([p.text for p in passages], analyzer, piece_words)
        )


def _analyse_in_worker(root: str, paths: list[str], analyzer: Analyzer, reading_seconds: float | None) -> Batch:
    """A worker process's task. What lasts from its earlier batches (its word caches, hundreds of
    thousands of objects) is moved out of the cycle collector's sight (gc.freeze): its full
    collections while files were read walked all of it again (two fifths of reading's time). The
    collector still runs for what the batch makes. Not in the bot's own process, whose objects may
    end in cycles only it frees. Its reader process, likewise, is kept for its next batch: started
    once a batch, it cost a second or more each time."""
    gc.collect()  # first the last batch's cycles (pypdf's), left while its analysis paused the collector
    gc.freeze()
    return analyse_files(root, paths, analyzer, _worker_piece_words(analyzer), reading_seconds, keep_reader=True)


def _worker_piece_words(analyzer: Analyzer) -> PieceWords:
    """The pieces of text a worker process has analysed, kept over its batches (its analyzer is the
    process's own for those settings: analysis.shared_analyzer), up to MAX_PIECES_KEPT of them."""
    kept = _WORKER_PIECE_WORDS.get(analyzer)
    if kept is None or len(kept) > MAX_PIECES_KEPT:
        kept = _WORKER_PIECE_WORDS[analyzer] = PieceWords(analyzer)
    return kept


_WORKER_PIECE_WORDS: dict[Analyzer, PieceWords] = {}
MAX_PIECES_KEPT = 2_000_000
"""About 500 MB of a worker's memory: half the 3,080 books (580 MB) hold 562,000 distinct pieces."""


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a batch is analysed: the batch makes millions of small
    objects and no cycles, and each full collection walked every entry of the worker's word caches
    again (a fifth of a worker's time). It runs as usual once the batch is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _analysed_files(
    root: str, stories: list[Story], passages: list[Passage], problems: list[Problem], analysed: AnalysedTexts
) -> Batch:
    local = Corpus(Path(root), tuple(stories), tuple(passages), ())
    chapters: dict[str, int] = {}
    chapter = [NO_CHAPTER if p.chapter is None else chapters.setdefault(p.chapter, len(chapters)) for p in passages]
    return Batch(
        stories=[(s.title, s.path, s.passage_count) for s in stories],
        problems=problems,
        number=np.array([p.number for p in passages], dtype=np.int32),
        paragraph=np.array([p.paragraph for p in passages], dtype=np.int32),
        chapter=np.array(chapter, dtype=np.int32),
        chapter_number=np.array([p.chapter_number for p in passages], dtype=np.int32),
        chapters=list(chapters),
        texts=TextStore.pieces([p.text for p in passages]),
        vocabulary=analysed.vocabulary,
        surfaces=analysed.surfaces,
        surface_stories=analysed.stories_holding(local.story_of_passages()),
        lengths=analysed.lengths,
        postings=analysed.postings(),
        people=PersonFinder.from_corpus(local, analysed.lowercase_words).people,
        fingerprints=fingerprints(local),
    )


def batches_of(paths: Sequence[Path]) -> Iterator[list[Path]]:
    """Consecutive runs of files of about BATCH_BYTES each, so the merge keeps file order."""
    batch: list[Path] = []
    size = 0
    for path in paths:
        size += _size(path)
        batch.append(path)
        if size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _size(path: Path) -> int:
    """The file's size, or 0 when it cannot be read (read_story names that problem)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def build_parts(
    root: Path,
    analyzer: Analyzer,
    params: BM25Params,
    progress: bool = False,
    scratch: Path | None = None,
    found: StoryFiles | None = None,
    *,
    reading_seconds: float | None = None,
) -> LibraryParts:
    """Reads and analyses every story below root (or the `found` ones), on every core for a large
    library, each file within `reading_seconds` (bot.core.timed_reading). Its terms are numbered in sorted order, as
    a segment keeps them (bot.core.segments). Raises NoStories when no file gives a story.

    Postings and texts wait in a temporary folder until every batch is in: for a large library, inside
    `scratch` when given (a folder on disk, where the system's temporary folder may be in memory)."""
    found = story_files(root) if found is None else found
    total = sum(_size(path) for path in found.paths)
    batches = list(batches_of(found.paths))
    bar = tqdm(total=len(found.paths), desc="Indexing", unit=" files", disable=not progress, leave=False)
    with bar, _spill_folder(scratch if total >= IN_PROCESS_BYTES else None) as folder:
        if total < IN_PROCESS_BYTES or len(batches) < 2:
            results: Generator[Batch] = _in_this_process(root, found.paths, analyzer, bar.update, reading_seconds)
        else:
            results = _in_workers(root, batches, analyzer, bar.update, reading_seconds)
        with closing(results):  # a merge that fails (Ctrl-C) ends the workers now, not when results is collected
            return _merge(root, found.problems, results, params, Path(folder))


def _spill_folder(scratch: Path | None) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder in scratch, or in the system's temporary folder if scratch cannot hold one."""
    if scratch is not None:
        try:
            scratch.mkdir(parents=True, exist_ok=True, mode=0o700)
            return tempfile.TemporaryDirectory(prefix=".build-", dir=scratch)
        except OSError:
            pass
    return tempfile.TemporaryDirectory(prefix="storybot-build-")


def _in_this_process(
    root: Path, paths: Sequence[Path], analyzer: Analyzer, done: Callable[[int], object], reading_seconds: float | None
) -> Generator[Batch]:
    yield analyse_files(str(root), [str(p) for p in paths], analyzer, reading_seconds=reading_seconds)
    done(len(paths))


def _in_workers(
    root: Path,
    batches: list[list[Path]],
    analyzer: Analyzer,
    done: Callable[[int], object],
    reading_seconds: float | None,
) -> Generator[Batch]:
    """The batches' results in order, with a few batches ahead in the workers: never all at once. A worker killed
    (the out-of-memory killer, a signal) breaks its pool: the batches not yet analysed go to a new one, once; a second
    such end raises WorkerEnded, where BrokenProcessPool's traceback ended `python -m bot index`, `ask` and a reload."""
    workers = max(1, min(os.cpu_count() or 1, len(batches)))
    pending = deque(batches)
    for start in range(POOL_STARTS):
        with worker_pool(workers) as pool:
            try:
                running: deque[tuple[list[Path], Future[Batch]]] = deque()
                for batch in list(pending):
                    paths = [str(p) for p in batch]
                    running.append(
                        (batch, pool.submit(_analyse_in_worker, str(root), paths, analyzer, reading_seconds))
                    )
                    if len(running) >= 2 * workers:
                        yield _finished_batch(*running.popleft(), done)
                        pending.popleft()
                while running:
                    yield _finished_batch(*running.popleft(), done)
                    pending.popleft()
                return
            except BrokenProcessPool:
                ended = pool.ended_code()
            if start == POOL_STARTS - 1:
                raise WorkerEnded(ended)
            log.warning("A worker analysing the stories ended (exit %d); its batches go to new workers.", ended)


def _finished_batch(batch: list[Path], task: Future[Batch], done: Callable[[int], object]) -> Batch:
    result = task.result()
    done(len(batch))
    return result


def _merge(
    root: Path, walk_problems: tuple[Problem, ...], results: Iterable[Batch], params: BM25Params, spill: Path
) -> LibraryParts:
    """The library of the batches, taken one at a time as they come, their bulk spilled to `spill`."""
    vocabulary: dict[str, int] = {}
    surfaces: dict[str, int] = {}
    surface_stories: dict[str, int] = {}
    stories: list[Story] = []
    problems = list(walk_problems)
    people: list[Person] = []
    digests: dict[str, str] = {}
    chapters: dict[str, int] = {}
    story_numbers, chapter_ids, numbers, paragraphs, chapter_numbers, lengths = [], [], [], [], [], []
    runs = PostingRuns(spill)
    texts = TextStoreWriter(spill / "texts")
    passages = 0
    for batch in results:
        first_story, first_passage = len(stories), passages
        for title, path, count in batch.stories:
            stories.append(Story(title, path, first_passage, count))
            first_passage += count
        problems += batch.problems
        counts = [count for *_, count in batch.stories]
        story_numbers.append(np.repeat(np.arange(first_story, len(stories), dtype=np.int32), counts))
        for term in batch.vocabulary.keys() - vocabulary.keys():  # numbered in any order: sorted at the end
            vocabulary[term] = len(vocabulary)
        renumber = np.fromiter(map(vocabulary.__getitem__, batch.vocabulary), np.int32, len(batch.vocabulary))
        renumbered = renumber[np.fromiter(batch.surfaces.values(), np.int64, len(batch.surfaces))].tolist()
        for surface, number, holding in zip(batch.surfaces, renumbered, batch.surface_stories.tolist(), strict=True):
            surfaces.setdefault(surface, number)
            surface_stories[surface] = surface_stories.get(surface, 0) + holding
        terms, docs, tf = batch.postings
        runs.add(renumber[terms], docs + passages, tf)
        texts.add(batch.texts)
        chapter_map = np.array([chapters.setdefault(c, len(chapters)) for c in batch.chapters] + [NO_CHAPTER], np.int32)
        chapter_ids.append(chapter_map[batch.chapter])  # NO_CHAPTER (-1) picks the last entry
        numbers.append(batch.number)
        paragraphs.append(batch.paragraph)
        chapter_numbers.append(batch.chapter_number)
        lengths.append(batch.lengths)
        people += [_shifted(p, passages) for p in batch.people]
        digests |= batch.fingerprints
        passages += len(batch.number)
    if not stories:
        raise NoStories(root, problems)
    table = PassageTable(
        story=np.concatenate(story_numbers),
        number=np.concatenate(numbers),
        paragraph=np.concatenate(paragraphs),
        chapter=np.concatenate(chapter_ids),
        chapter_number=np.concatenate(chapter_numbers),
        texts=texts.finished(),
        chapters=tuple(chapters),
    )
    corpus = Corpus(root, tuple(stories), table, tuple(problems))
    in_order = sorted(vocabulary)
    rank = np.empty(len(in_order), dtype=np.int64)
    rank[np.fromiter(map(vocabulary.__getitem__, in_order), np.int64, len(in_order))] = np.arange(len(in_order))
    docs, tf, doc_freq = runs.laid_out(len(vocabulary), rank)
    doc_len = np.concatenate(lengths).astype(np.float64)
    index = BM25Index.from_postings(
        dict(zip(in_order, range(len(in_order)), strict=True)), docs, tf, doc_freq, doc_len, params
    )
    ranked = rank[np.fromiter(surfaces.values(), np.int64, len(surfaces))].tolist()
    surfaces = dict(zip(surfaces, ranked, strict=True))
    holding = np.fromiter(surface_stories.values(), np.int64, len(surface_stories))  # in the order of `surfaces`
    return _finished(corpus, index, surfaces, holding, PersonFinder(people), digests)


def _shifted(person: Person, passages: int) -> Person:
    """A person of a batch, its intro's passage counted in the whole library."""
    where = None if person.passage is None else person.passage + passages
    return dataclasses.replace(person, passage=where)
