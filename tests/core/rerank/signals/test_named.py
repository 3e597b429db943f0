from bot.core.rerank.signals.named import NamedStorySignal
from tests.core.rerank.conftest import features_for

MILL, FOREST = 1, 0


def test_the_story_a_title_word_names_is_marked_and_no_other(small_library):
    rows = features_for(small_library, NamedStorySignal(), "What did the fox see in the forest by the river?")
    assert [row[0] for key, row in rows.items() if key[0] == FOREST] == [1.0, 1.0, 1.0]
    assert all(row[0] == 0.0 for key, row in rows.items() if key[0] != FOREST)


def test_a_scoped_question_gets_nothing_from_names(small_library):
    rows = features_for(small_library, NamedStorySignal(), "What did the fox see in the forest?", story=FOREST)
    assert rows and all(row == [0.0] for row in rows.values())
