import dataclasses

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from bot.core.analysis import Analyzer
from bot.core.build import parts_of_corpus
from bot.core.corpus import Corpus, Passage, Story, load_corpus
from bot.core.index import DEFAULT_PARAMS, BM25Params
from bot.core.library import StoryLibrary
from bot.core.library_join import join_parts
from bot.core.saved_index import IndexStore, _in_file_order
from bot.core.segments import SegmentedIndex
from bot.core.spelling import SpellingCorrector
from tests.core.story_folder import QUESTIONS, library_facts, tale, write_folder


def sub_corpus(corpus: Corpus, numbers: range) -> Corpus:
    """These stories of the corpus as a corpus of their own."""
    stories: list[Story] = []
    passages: list[Passage] = []
    for number in numbers:
        story = corpus.stories[number]
        stories.append(dataclasses.replace(story, first_passage=len(passages)))
        passages += [dataclasses.replace(p, story=len(stories) - 1) for p in corpus.story_passages(number)]
    return Corpus(corpus.root, tuple(stories), tuple(passages), ())


def speller_words(speller: SpellingCorrector) -> dict[str, tuple[str, int]]:
    return {w: (t, f) for w, t, f in zip(speller.words, speller.terms, speller.doc_freq, strict=True)}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return load_corpus(write_folder(tmp_path_factory.mktemp("stories"), 40))


@pytest.mark.parametrize("params", [DEFAULT_PARAMS, BM25Params(k1=0.9, b=0.4, epsilon=0.1)])
def test_joined_parts_score_as_one_build_of_all_their_stories_and_as_rank_bm25(corpus, params):
    analyzer = Analyzer()
    cuts = [range(0, 5), range(5, 6), range(6, 30), range(30, len(corpus.stories))]
    joined = join_parts([parts_of_corpus(sub_corpus(corpus, cut), analyzer, params) for cut in cuts])
    fresh = parts_of_corpus(corpus, analyzer, params)
    assert isinstance(joined.index, SegmentedIndex) and isinstance(joined.story_index, SegmentedIndex)
    assert len(joined.index.segments) == len(cuts)
    documents = [analyzer.terms(p.text) for p in corpus.passages]
    reference = BM25Okapi(documents, k1=params.k1, b=params.b, epsilon=params.epsilon)
    assert set(joined.index.vocabulary) == set(fresh.index.vocabulary)
    for question in [*QUESTIONS, "harbour harbour sailor", "sang"]:
        terms = analyzer.terms(question)
        assert joined.index.top(terms, 10) == fresh.index.top(terms, 10), question
        assert joined.story_index.top(terms, 10) == fresh.story_index.top(terms, 10), question
        assert np.array_equal(joined.index.scores(terms), fresh.index.scores(terms))
        np.testing.assert_allclose(joined.index.scores(terms), reference.get_scores(terms), rtol=1e-5, atol=1e-6)
        story = corpus.stories[31]
        within = range(story.first_passage, story.first_passage + story.passage_count)
        assert joined.index.top(terms, 5, within) == fresh.index.top(terms, 5, within)
    for term in ("harbour", "sophi", "tale", "nothing"):
        assert joined.index.match_weight(term) == fresh.index.match_weight(term)


def test_a_joined_library_answers_as_one_built_from_all_its_stories(corpus):
    analyzer = Analyzer()
    cuts = [range(0, 3), range(3, 20), range(20, len(corpus.stories))]
    joined = join_parts([parts_of_corpus(sub_corpus(corpus, cut), analyzer, DEFAULT_PARAMS) for cut in cuts])
    fresh = parts_of_corpus(corpus, analyzer, DEFAULT_PARAMS)
    assert joined.corpus.stories == fresh.corpus.stories
    assert list(joined.corpus.passages) == list(fresh.corpus.passages)
    assert joined.corpus.passages[-1] == fresh.corpus.passages[-1] and joined.corpus.passages[7:9] == tuple(
        fresh.corpus.passages[7:9]
    )
    assert joined.person_finder.people == fresh.person_finder.people  # intro passages renumbered
    assert joined.fingerprints == fresh.fingerprints
    assert speller_words(joined.speller) == speller_words(fresh.speller)
    ours, theirs = StoryLibrary.from_parts(joined, analyzer), StoryLibrary.from_parts(fresh, analyzer)
    assert library_facts(ours) == library_facts(theirs)
    assert [a.hits for a in map(ours.ask, QUESTIONS)] == [a.hits for a in map(theirs.ask, QUESTIONS)]


def test_one_part_is_its_own_join_and_nothing_is_no_library(corpus):
    part = parts_of_corpus(corpus, Analyzer(), DEFAULT_PARAMS)
    assert join_parts([part]) is part
    with pytest.raises(ValueError):
        join_parts([])


def test_a_library_grown_from_segments_keeps_its_ties_in_file_order_when_joined(tmp_path):
    stories = write_folder(tmp_path / "stories", 6)
    store = IndexStore(tmp_path / "index", min_passages=0)
    StoryLibrary.load(stories, store=store)
    (stories / "a-first.md").write_text(tale(50))  # first in file order, last in the segments' order
    grown = StoryLibrary.load(stories, store=store)
    assert grown.opened and grown.index.tie_order is not None
    other = parts_of_corpus(sub_corpus(load_corpus(stories), range(0, 2)), grown.analyzer, DEFAULT_PARAMS)
    joined = join_parts([grown.parts(), other])
    size = len(grown.corpus.passages)
    ranks = joined.index.tie_ranks(np.arange(len(joined.corpus.passages)))
    assert np.array_equal(ranks[:size], grown.index.tie_order)
    assert np.array_equal(ranks[size:], size + np.arange(len(other.corpus.passages)))


def test_ties_in_file_order_of_one_part_go_on_a_copy_not_on_the_part_itself(corpus):
    """One part is its own join; its index is its segment's, which a later load may reuse: ranking its
    ties in this load's file order must not write into it, nor leave the order of an earlier load there."""
    part = parts_of_corpus(corpus, Analyzer(), DEFAULT_PARAMS)
    paths = [story.path for story in part.corpus.stories]
    reversed_order = _in_file_order(paths[::-1], (), [part], {})
    assert part.index.tie_order is None
    last = part.corpus.stories[-1]
    tie_order = reversed_order.index.tie_order
    assert tie_order is not None and tie_order[last.first_passage] == 0  # the last story comes first in file order
    assert sorted(tie_order.tolist()) == list(range(len(part.corpus.passages)))
    question = part.index.vocabulary.keys() & {"violin", "harbour", "piano"}
    scores = [score for _, score in part.index.top(list(question), 20)]
    assert [score for _, score in reversed_order.index.top(list(question), 20)] == scores  # ties reordered only
    assert _in_file_order(paths, (), [part], {}).index.tie_order is None


def test_a_first_part_whose_speller_holds_a_word_its_index_lacks_is_joined_word_by_word(corpus):
    """Its words cannot be read by number: each is looked up, and a word whose term no passage holds is left out."""
    analyzer = Analyzer()
    first, rest = (
        parts_of_corpus(sub_corpus(corpus, cut), analyzer, DEFAULT_PARAMS) for cut in (range(0, 5), range(5, 9))
    )
    words = SpellingCorrector(
        [*first.speller.words, "zyzzyva"], [*first.speller.terms, "zyzzyva"], [*first.speller.doc_freq, 1]
    )
    joined = join_parts([dataclasses.replace(first, speller=words), rest])
    fresh = parts_of_corpus(sub_corpus(corpus, range(0, 9)), analyzer, DEFAULT_PARAMS)
    assert "zyzzyva" not in joined.speller.words
    assert speller_words(joined.speller) == speller_words(fresh.speller)
