"""Building a library from its story files on every core: batches of files analysed in worker
processes, merged in file order into arrays.

Each worker reads its files, splits them into passages, finds their people and analyses their
words, and sends back arrays: the passages' text as one block of bytes, their terms as numbers
of the batch's own vocabulary. The merge renumbers terms into one vocabulary and never makes a
Python object per passage or per word, so memory follows the arrays, not the object count.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from tqdm import tqdm

from bot.core.analysis import Analyzer, normalize_word, word_list
from bot.core.corpus import Corpus, Story, no_stories_error, read_stories, story_files
from bot.core.corpus_diff import fingerprints
from bot.core.index import BM25Index, BM25Params, key_stride
from bot.core.library_parts import LibraryParts
from bot.core.passage_table import NO_CHAPTER, PassageTable
from bot.core.performers import Performer, PerformerDirectory
from bot.core.spelling import SpellingCorrector
from bot.core.text_store import TextStore

BATCH_BYTES = 8 * 2**20
"""About how much story text one worker task reads."""
IN_PROCESS_BYTES = 16 * 2**20
"""Below this, starting worker processes costs more than it saves."""


@dataclass(frozen=True)
class Batch:
    """What a worker sends back for its files: arrays and the few objects per story or term."""

    stories: list[tuple[str, str, int]]
    """(title, path, passage count) per story read."""
    problems: list[str]
    number: np.ndarray
    paragraph: np.ndarray
    chapter: np.ndarray
    chapter_number: np.ndarray
    chapters: list[str]
    texts: tuple[list[bytes], np.ndarray, np.ndarray]
    """The passages' text, compressed in blocks (TextStore.pieces)."""
    analysed: AnalysedTexts
    performers: list[Performer]
    """With `passage` counted within the batch."""
    fingerprints: dict[str, str]


@dataclass(frozen=True)
class AnalysedTexts:
    """Passages' words as numbers of their own vocabulary, the one loop every build runs them through."""

    vocabulary: dict[str, int]
    surfaces: list[str]
    """For each vocabulary term, the first word (folded) that became it: how the speller shows it."""
    term_ids: np.ndarray
    """Every word that is no stop word, passage after passage (int32)."""
    lengths: np.ndarray
    """How many of them each passage has (int32)."""

    @classmethod
    def of(cls, texts: Iterable[str], analyzer: Analyzer) -> AnalysedTexts:
        numbers = _TermNumbers(analyzer)
        found: list[int] = []
        words_per_text: list[int] = []
        for text in texts:
            numbered = [numbers[word] for word in word_list(text)]
            words_per_text.append(len(numbered))
            found.extend(numbered)
        every = np.array(found, dtype=np.int32)
        kept = every >= 0
        text_of_word = np.repeat(np.arange(len(words_per_text), dtype=np.int32), words_per_text)
        lengths = np.bincount(text_of_word[kept], minlength=len(words_per_text)).astype(np.int32)
        return cls(numbers.vocabulary, numbers.surfaces, every[kept], lengths)


class _TermNumbers(dict[str, int]):
    """Each word's term number, or -1 for a stop word: one dictionary lookup per word of the library,
    the analysis itself once per distinct word."""

    def __init__(self, analyzer: Analyzer):
        super().__init__()
        self.analyzer = analyzer
        self.vocabulary: dict[str, int] = {}
        self.surfaces: list[str] = []

    def __missing__(self, word: str) -> int:
        term = self.analyzer.term(word)
        if term is None:
            number = -1
        else:
            number = self.vocabulary.get(term, -1)
            if number < 0:
                number = self.vocabulary[term] = len(self.vocabulary)
                self.surfaces.append(normalize_word(word))
        self[word] = number
        return number


def parts_of_corpus(corpus: Corpus, analyzer: Analyzer, params: BM25Params) -> LibraryParts:
    """The parts of a library whose corpus is already in memory (an evaluation's, a benchmark's)."""
    analysed = AnalysedTexts.of((p.text for p in corpus.passages), analyzer)
    keys = analysed.term_ids.astype(np.int64) * key_stride(len(analysed.lengths))
    keys += np.repeat(np.arange(len(analysed.lengths), dtype=np.int64), analysed.lengths)
    index = BM25Index.from_keys(analysed.vocabulary, keys, analysed.lengths, params)
    return _finished(corpus, index, analysed.surfaces, PerformerDirectory.from_corpus(corpus), fingerprints(corpus))


def _finished(
    corpus: Corpus,
    index: BM25Index,
    surfaces: list[str],
    performers: PerformerDirectory,
    digests: dict[str, str],
) -> LibraryParts:
    """What every build ends with: the story-level index and the speller's words."""
    story_index = index.grouped(corpus.story_of_passages(), len(corpus.stories))
    terms = index.terms()
    speller = SpellingCorrector(surfaces, terms, [int(count) for count in index.doc_freq])
    return LibraryParts(corpus, index, story_index, performers, speller, digests)


def analyse_files(root: str, paths: list[str], analyzer: Analyzer) -> Batch:
    """A worker's task: everything the library needs from these files."""
    stories, passages, problems = read_stories(Path(root), [Path(p) for p in paths])
    local = Corpus(Path(root), tuple(stories), tuple(passages), ())
    analysed = AnalysedTexts.of((p.text for p in passages), analyzer)
    chapters: dict[str, int] = {}
    chapter = [NO_CHAPTER if p.chapter is None else chapters.setdefault(p.chapter, len(chapters)) for p in passages]
    return Batch(
        [(s.title, s.path, s.passage_count) for s in stories],
        problems,
        np.array([p.number for p in passages], dtype=np.int32),
        np.array([p.paragraph for p in passages], dtype=np.int32),
        np.array(chapter, dtype=np.int32),
        np.array([p.chapter_number for p in passages], dtype=np.int32),
        list(chapters),
        TextStore.pieces([p.text for p in passages]),
        analysed,
        PerformerDirectory.from_corpus(local).performers,
        fingerprints(local),
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


def build_parts(root: Path, analyzer: Analyzer, params: BM25Params, progress: bool = False) -> LibraryParts:
    """Reads and analyses every story below root, on every core for a large library."""
    found = story_files(root)
    total = sum(_size(path) for path in found.paths)
    batches = list(batches_of(found.paths))
    bar = tqdm(total=len(found.paths), desc="Indexing", unit=" files", disable=not progress, leave=False)
    with bar:
        if total < IN_PROCESS_BYTES or len(batches) < 2:
            results = [analyse_files(str(root), [str(p) for p in found.paths], analyzer)]
            bar.update(len(found.paths))
        else:
            results = list(_in_workers(root, batches, analyzer, bar.update))
    return _merge(root, found.problems, results, params)


def _in_workers(
    root: Path, batches: list[list[Path]], analyzer: Analyzer, done: Callable[[int], object]
) -> Iterator[Batch]:
    workers = max(1, min(os.cpu_count() or 1, len(batches)))
    # spawn, not fork: the caller may be a bot with an event loop and threads whose locks fork would copy.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        tasks = [pool.submit(analyse_files, str(root), [str(p) for p in batch], analyzer) for batch in batches]
        for batch, task in zip(batches, tasks, strict=True):
            yield task.result()
            done(len(batch))


def _merge(root: Path, walk_problems: tuple[str, ...], results: list[Batch], params: BM25Params) -> LibraryParts:
    vocabulary: dict[str, int] = {}
    surfaces: list[str] = []
    stories: list[Story] = []
    problems = list(walk_problems)
    performers: list[Performer] = []
    digests: dict[str, str] = {}
    chapters: dict[str, int] = {}
    story_numbers, chapter_ids = [], []
    total_passages = sum(len(b.number) for b in results)
    stride = key_stride(total_passages)
    keys = np.empty(sum(len(b.analysed.term_ids) for b in results), dtype=np.int64)
    """One (term, passage) key per word of the library, filled batch by batch."""
    passages = tokens = 0
    for batch in results:
        first_story, first_passage = len(stories), passages
        for title, path, count in batch.stories:
            stories.append(Story(title, path, first_passage, count))
            first_passage += count
        problems += batch.problems
        counts = [count for *_, count in batch.stories]
        story_numbers.append(np.repeat(np.arange(first_story, len(stories), dtype=np.int32), counts))
        analysed = batch.analysed
        for term, surface in zip(analysed.vocabulary, analysed.surfaces, strict=True):
            if term not in vocabulary:
                vocabulary[term] = len(vocabulary)
                surfaces.append(surface)
        renumber = np.array([vocabulary[t] for t in analysed.vocabulary], dtype=np.int32)
        filled = keys[tokens : tokens + len(analysed.term_ids)]
        if len(analysed.term_ids):
            np.multiply(renumber[analysed.term_ids], stride, out=filled, dtype=np.int64)
            filled += np.repeat(np.arange(passages, passages + len(batch.number), dtype=np.int64), analysed.lengths)
        tokens += len(analysed.term_ids)
        chapter_map = np.array([chapters.setdefault(c, len(chapters)) for c in batch.chapters] + [NO_CHAPTER], np.int32)
        chapter_ids.append(chapter_map[batch.chapter])  # NO_CHAPTER (-1) picks the last entry
        performers += [
            dataclasses.replace(p, passage=None if p.passage is None else p.passage + passages)
            for p in batch.performers
        ]
        digests |= batch.fingerprints
        passages += len(batch.number)
    if not stories:
        raise no_stories_error(root, problems)
    table = PassageTable(
        np.concatenate(story_numbers),
        np.concatenate([b.number for b in results]),
        np.concatenate([b.paragraph for b in results]),
        np.concatenate(chapter_ids),
        np.concatenate([b.chapter_number for b in results]),
        TextStore.joined([b.texts for b in results]),
        tuple(chapters),
    )
    corpus = Corpus(root, tuple(stories), table, tuple(problems))
    lengths = np.concatenate([b.analysed.lengths for b in results])
    index = BM25Index.from_keys(vocabulary, keys, lengths, params)
    return _finished(corpus, index, surfaces, PerformerDirectory(performers), digests)


def _shifted(performer: Performer, passages: int) -> Performer:
    """A performer of a batch, its intro's passage counted in the whole library."""
    where = None if performer.passage is None else performer.passage + passages
    return dataclasses.replace(performer, passage=where)
