"""Building on every core gives the very library one process builds."""

import gc
import random

import numpy as np
import pytest

import bot.core.analysis as analysis
import bot.core.build as build
from bot.core.analysis import Analyzer, normalize_word, word_list
from bot.core.index import DEFAULT_PARAMS, BM25Index
from bot.core.library import StoryLibrary
from bot.core.passage_table import PassageTable
from bot.core.people_finder import _lowercase_words
from bot.core.piece_words import PieceWords
from bot.core.saved_index import LEFTOVERS, IndexStore
from tests.best_hit import best_hit
from tests.core.test_index import assert_same_index


def write_library(folder):
    for number in range(6):
        (folder / f"tale-{number}.md").write_text(
            f"# Tale {number}\n\n## Part One\n\nMara Holt{number} was a keeper of lights in town {number}.\n\n"
            f"The storm came on day {number}. Ships waited.\n\n## Part Two\n\nThe lamp burned for {number} nights.",
            encoding="utf-8",
        )
    (folder / "broken.txt").write_bytes(b"\xff\xff")


def test_worker_processes_build_the_same_library_as_one_process(tmp_path, monkeypatch):
    write_library(tmp_path)
    alone = build.build_parts(tmp_path, Analyzer(), DEFAULT_PARAMS)
    monkeypatch.setattr(build, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(build, "BATCH_BYTES", 200)  # a file or two a batch: several workers' batches
    assert len(list(build.batches_of(sorted(tmp_path.iterdir())))) > 2
    parallel = build.build_parts(tmp_path, Analyzer(), DEFAULT_PARAMS)
    assert isinstance(parallel.corpus.passages, PassageTable)
    assert list(parallel.corpus.passages) == list(alone.corpus.passages)
    assert parallel.corpus.stories == alone.corpus.stories
    assert parallel.corpus.problems == alone.corpus.problems
    assert [problem.file for problem in parallel.corpus.problems] == ["broken.txt"]
    assert isinstance(alone.index, BM25Index) and isinstance(parallel.index, BM25Index)
    assert_same_index(parallel.index, alone.index)
    assert list(parallel.index.vocabulary) == sorted(alone.index.vocabulary)  # as a segment keeps them
    assert parallel.person_finder.people == alone.person_finder.people
    assert sorted(parallel.speller.words) == sorted(alone.speller.words)
    assert alone.speller_stories is not None and parallel.speller_stories is not None
    holding = {word: int(n) for word, n in zip(alone.speller.words, alone.speller_stories, strict=True)}
    assert dict(zip(parallel.speller.words, parallel.speller_stories.tolist(), strict=True)) == holding
    assert holding["keeper"] == 6 and holding["holt3"] == 1
    assert parallel.fingerprints == alone.fingerprints


def test_a_library_built_in_workers_answers(tmp_path, monkeypatch):
    write_library(tmp_path)
    monkeypatch.setattr(build, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(build, "BATCH_BYTES", 200)
    library = StoryLibrary.load(tmp_path)
    best = best_hit(library, "How many nights did the lamp burn in tale 3?")
    assert best.story == "Tale 3" and best.chapter == "Part Two"
    assert best_hit(library, "Who is Mara Holt4?").story == "Tale 4"


def test_a_build_spills_beside_the_saved_indexes_and_leaves_nothing_there(tmp_path, monkeypatch):
    stories, base = tmp_path / "stories", tmp_path / "indexes"
    stories.mkdir()
    write_library(stories)
    spills = []

    class RecordedRuns(build.PostingRuns):
        def add(self, terms, docs, tf):
            super().add(terms, docs, tf)
            spills.append(sorted(path.name for path in self.folder.iterdir()))
            assert self.folder.parent == base

    monkeypatch.setattr(build, "PostingRuns", RecordedRuns)
    monkeypatch.setattr(build, "IN_PROCESS_BYTES", 0)
    monkeypatch.setattr(build, "BATCH_BYTES", 200)
    library = StoryLibrary.load(stories, store=IndexStore(base, min_passages=0))
    assert len(spills) > 2 and "run-0-docs.npy" in spills[-1] and "texts" in spills[-1]
    assert [path.name for path in base.iterdir() if path.name.startswith(LEFTOVERS)] == []
    assert best_hit(library, "How many nights did the lamp burn in tale 2?").story == "Tale 2"


VARIED = [
    "Ivan's dog's 'tis a''b don't rock'n'roll o' the ' ' dogs' _under_score",
    "Sébastien’s café — “quoted” naïve ‘single’ don’t ÉLAN Über",
    "東京タワー and Sofia in 北京, 😀 emoji here’s x",
    "25-year-old fine-tuned 3.14 x2y 1,000 MMXX",
    "नमस्ते दुनिया café\u0301 e\u0301tude İstanbul ß STRASSE",
    "",
    "the and of",  # stop words only
    " ".join(f"word{n} children met performances" for n in range(3000)),  # a long line
]


def test_a_build_numbers_every_passage_s_words_as_the_analyzer_gives_its_terms():
    texts = VARIED
    analyzer = Analyzer()
    analysed = build.AnalysedTexts.of(texts, analyzer)
    terms = {number: term for term, number in analysed.vocabulary.items()}
    ends = np.cumsum(analysed.lengths)
    for text, start, end in zip(texts, ends - analysed.lengths, ends, strict=True):
        assert [terms[n] for n in analysed.term_ids[start:end]] == analyzer.terms(text)


def word_by_word(texts, analyzer):
    """The vocabulary, speller's words, terms and lengths that the analyzer gives, one word at a time."""
    vocabulary: dict[str, int] = {}
    surfaces: dict[str, int] = {}
    term_ids: list[int] = []
    lengths: list[int] = []
    for text in texts:
        terms = [(term, word) for word in word_list(text) if (term := analyzer.term(word)) is not None]
        for term, word in terms:
            number = vocabulary.setdefault(term, len(vocabulary))
            surfaces.setdefault(normalize_word(word), number)
            term_ids.append(number)
        lengths.append(len(terms))
    return vocabulary, surfaces, term_ids, lengths


def awkward_texts():
    rng = random.Random(18)
    alphabet = [*"abZ9'’ _-é.,\n\t\x01", "The ", "don't ", "Ivan's ", "\u0301", "東京", "😀", "\xa0", "ß", "İ", "“"]
    alphabet += ["\u200c", "\u200d", "\u2060", "\ufeff", "ی", "क्"]  # joiners inside words and out
    texts = [*VARIED, "a\x01b \x01 c", "\x01", "_grace_ grace_ _May Grace"]
    return texts + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(3000)]


@pytest.mark.parametrize("at_once", [analysis._PIECES_AT_ONCE, 40])
def test_a_build_s_words_are_the_analyzer_s_one_word_at_a_time_in_the_same_order(at_once, monkeypatch):
    monkeypatch.setattr(analysis, "_PIECES_AT_ONCE", at_once)  # 40: the texts cut a few at a time
    texts = awkward_texts()
    analyzer = Analyzer()
    analysed = build.AnalysedTexts.of(texts, analyzer)
    vocabulary, surfaces, term_ids, lengths = word_by_word(texts, analyzer)
    assert list(analysed.vocabulary.items()) == list(vocabulary.items())
    assert list(analysed.surfaces.items()) == list(surfaces.items())  # the speller's words, in order
    assert analysed.term_ids.tolist() == term_ids and analysed.lengths.tolist() == lengths


@pytest.mark.parametrize("fold_accents", [True, False])
def test_batches_that_share_their_pieces_each_number_their_own_words_in_their_own_order(fold_accents):
    """A worker keeps what its pieces hold over its batches; each batch is still numbered on its own
    (without folded accents, "café" and "cafe" are two terms of one speller's word: the first wins)."""
    texts = [*awkward_texts(), "cafe café", "café cafe CAFÉ"]
    rng = random.Random(18)
    rng.shuffle(texts)
    analyzer = Analyzer(fold_accents=fold_accents)
    piece_words = PieceWords(analyzer)
    for batch in (texts[:1000], texts[1000:1001], [], texts[1001:], texts[:1000]):
        analysed = build.AnalysedTexts.of(batch, analyzer, piece_words)
        vocabulary, surfaces, term_ids, lengths = word_by_word(batch, analyzer)
        assert list(analysed.vocabulary.items()) == list(vocabulary.items())
        assert list(analysed.surfaces.items()) == list(surfaces.items())
        assert analysed.term_ids.tolist() == term_ids and analysed.lengths.tolist() == lengths


@pytest.mark.parametrize("fold_accents", [True, False])
def test_a_build_counts_the_stories_that_hold_each_speller_word_as_each_story_alone_gives_them(fold_accents):
    """What a saved segment keeps so that a word no live story holds leaves its speller: counted for a batch of
    stories at once, as many as the stories analysed one at a time give that word (a worker's pieces shared)."""
    texts = [*awkward_texts(), "cafe café", "café cafe CAFÉ"]
    random.Random(43).shuffle(texts)
    analyzer = Analyzer(fold_accents=fold_accents)
    piece_words = PieceWords(analyzer)
    story_of_passage = np.sort(np.random.default_rng(43).integers(0, 300, len(texts)))
    analysed = build.AnalysedTexts.of(texts, analyzer, piece_words)
    counted = analysed.stories_holding(story_of_passage)
    expected: dict[str, int] = {}
    for story in np.unique(story_of_passage).tolist():
        alone = [text for text, of in zip(texts, story_of_passage.tolist(), strict=True) if of == story]
        for word in build.AnalysedTexts.of(alone, analyzer, piece_words).surfaces:
            expected[word] = expected.get(word, 0) + 1
    assert dict(zip(analysed.surfaces, counted.tolist(), strict=True)) == expected


def test_the_lowercase_words_of_a_build_s_texts_are_the_people_finder_s_own():
    texts = awkward_texts()
    analyzer = Analyzer()
    piece_words = PieceWords(analyzer)
    for batch in (texts[:2000], texts[2000:]):
        analysed = build.AnalysedTexts.of(batch, analyzer, piece_words)
        rng = random.Random(len(batch))
        spans = [(0, len(batch)), (0, 0), (3, 3), (0, 1), (len(batch) - 1, len(batch))]
        for _ in range(300):
            first, end = sorted(rng.sample(range(len(batch) + 1), 2))
            spans.append((first, end))
        for first, end in spans:
            assert analysed.lowercase_words(first, end) == _lowercase_words(batch[first:end]), (first, end)
    assert "grace" not in _lowercase_words(["_grace_ grace_ Grace"])  # a word beside "_" is none


def test_the_cycle_collector_runs_again_after_a_batch_even_one_that_fails(tmp_path):
    write_library(tmp_path)
    assert gc.isenabled()
    batch = build.analyse_files(str(tmp_path), [str(tmp_path / "tale-1.md")], Analyzer())
    assert gc.isenabled() and [title for title, _, _ in batch.stories] == ["Tale 1"]
    with pytest.raises(ValueError):
        build.analyse_files(str(tmp_path), ["/elsewhere/tale.md"], Analyzer())  # not below the root
    assert gc.isenabled()
