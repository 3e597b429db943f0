from bot.core.rerank.signals.coverage import CoverageSignal
from tests.core.rerank.conftest import features_for

MILL = 1


def test_a_passage_holding_every_question_word_beats_one_repeating_a_word(small_library):
    rows = features_for(small_library, CoverageSignal(), "miller daughter bread")
    assert rows[(MILL, 2)][0] == 1.0
    assert rows[(MILL, 1)][0] < 0.5  # "miller" four times is still one word of three
