from bot.core.rerank.signals.coverage import CoverageSignal
from bot.core.rerank.signals.sentence import SentenceSignal
from tests.core.rerank.conftest import features_for

MILL = 1


def test_words_spread_over_sentences_count_less_than_words_in_one(small_library):
    question = "miller sang by the river"
    sentence = features_for(small_library, SentenceSignal(), question)
    coverage = features_for(small_library, CoverageSignal(), question)
    # Passage 1 holds all three words, but no one of its sentences does.
    assert coverage[(MILL, 1)][0] == 1.0
    assert 0 < sentence[(MILL, 1)][0] < 1.0
