from bot.core.rerank.signals.rarity import RaritySignal, StoryRarity
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
    assert StoryRarity.of(["miller", "river"], mill, context).rarity["miller"] < 1.0
    few = StoryRarity.of(["miller", "river"], range(mill.start, mill.start + 2), context)
    assert few.rarity == {"miller": 1.0, "river": 1.0}


def test_library_wide_each_candidate_is_weighed_within_its_own_story(small_library):
    rows = features_for(small_library, RaritySignal(), "the owl and the river")
    forest_river = rows[(0, 3)]  # "The owl told the fox about the river": both words
    assert forest_river[0] == 1.0
    assert all(0.0 <= value <= 1.0 for row in rows.values() for value in row)
