from bot.core.rerank.signals.phrase import PhraseSignal
from tests.core.rerank.conftest import features_for

MILL = 1


def test_word_pairs_tell_growing_up_from_growing_fame(small_library):
    rows = features_for(small_library, PhraseSignal(), "Where did Ada grow up?")
    assert rows[(MILL, 2)][0] > rows[(MILL, 3)][0]
    assert rows[(MILL, 3)][0] == 0
