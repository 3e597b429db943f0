from bot.core.rerank.signals.proximity import ProximitySignal
from tests.core.rerank.conftest import features_for

MILL, FOREST = 1, 0


def test_question_words_close_together_score_higher(small_library):
    rows = features_for(small_library, ProximitySignal(), "fox river owl")
    assert rows[(FOREST, 3)][0] > 0  # "The owl told the fox about the river."
    assert rows[(MILL, 1)][0] == 0  # only "river": no two words to be close
