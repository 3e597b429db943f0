import numpy as np

from bot.core.rerank.signals.rarity import RaritySignal, SpanPostings, StoryRarity
from tests.core.rerank.conftest import context_for, features_for

MILL = 1
# The mill's four passages: "miller" is in three of them, "river" in two; the library as a whole has
# each in three of its ten passages, so every other signal weighs the two words alike.


def test_within_a_story_its_common_word_weighs_less_than_its_rare_one(small_library):
    query = small_library.query("the miller by the river")
    assert query.weights["miller"] == query.weights["river"]
    rows = features_for(small_library, RaritySignal(), "the miller by the river", story=MILL)
    coverage = {number: row[0] for (_, number), row in rows.items()}
    # Passage 3 holds only "river", passage 2 only "miller" (as "miller's"): the story's rarer word counts more.
    assert coverage[3] > coverage[2] == coverage[4] > 0
    assert coverage[1] == 1.0  # both words
    assert rows[(MILL, 3)][1] > rows[(MILL, 2)][1]  # the best sentence, weighed the same way


def test_the_bm25_feature_is_relative_to_the_lists_best(small_library):
    rows = features_for(small_library, RaritySignal(), "the miller by the river", story=MILL)
    scores = [row[2] for row in rows.values()]
    assert max(scores) == 1.0 and min(scores) > 0
    assert rows[(MILL, 3)][2] > rows[(MILL, 2)][2]


def test_a_story_of_too_few_passages_weighs_its_words_alike(small_library):
    _, context = context_for(small_library, "the miller by the river")
    mill = context.passages_of(MILL)
    few = range(mill.start, mill.start + 2)
    postings = SpanPostings.of(["miller", "river"], [mill, few], context)
    held = postings.held_in([mill, few])
    assert {term: counts.tolist() for term, counts in held.items()} == {"miller": [3, 2], "river": [2, 1]}
    assert StoryRarity.of({"miller": 3, "river": 2}, len(mill)).rarity["miller"] < 1.0
    assert StoryRarity.of({"miller": 2, "river": 1}, len(few)).rarity == {"miller": 1.0, "river": 1.0}


def test_postings_over_the_candidates_stories_are_each_story_s_own(small_library):
    """Read once over the span of the candidates' stories, then looked up: as read story by story."""
    _, context = context_for(small_library, "the owl and the miller by the river")
    stories = [context.passages_of(story) for story in range(len(context.stories))]
    postings = SpanPostings.of(["owl", "miller", "river", "nowhere"], [stories[0], stories[-1]], context)
    everything = np.arange(stories[0].start, stories[-1].stop)
    for term in ("owl", "miller", "river", "nowhere"):
        found = postings.parts_of(term, everything)
        holding = 0
        held = postings.held_in(stories)[term].tolist()
        for number, passages in enumerate(stories):
            docs, parts = context.passage_index.postings_within(term, passages)
            assert held[number] == len(docs)
            assert found[docs - everything[0]].tolist() == parts.tolist()
            holding += len(docs)
        assert np.count_nonzero(~np.isnan(found)) == holding


def test_library_wide_each_candidate_is_weighed_within_its_own_story(small_library):
    rows = features_for(small_library, RaritySignal(), "the owl and the river")
    forest_river = rows[(0, 3)]  # "The owl told the fox about the river": both words
    assert forest_river[0] == 1.0
    assert all(0.0 <= value <= 1.0 for row in rows.values() for value in row)
