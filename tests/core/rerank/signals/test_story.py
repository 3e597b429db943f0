from bot.core.rerank.signals.story import StorySignal
from tests.core.rerank.conftest import features_for

FOREST, MILL = 0, 1


def test_the_story_that_matches_the_whole_question_counts(small_library):
    rows = features_for(small_library, StorySignal(), "the fox and the owl by the river")
    assert rows[(FOREST, 3)][0] == 1.0
    assert rows[(MILL, 1)][0] < 1.0  # the mill has a river, but no fox or owl


def test_a_scoped_question_gets_no_story_preference(small_library):
    rows = features_for(small_library, StorySignal(), "the river", story=MILL)
    assert {row[0] for row in rows.values()} == {1.0}
