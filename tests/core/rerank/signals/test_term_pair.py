from bot.core.rerank.signals.phrase import PhraseSignal
from bot.core.rerank.signals.term_pair import TermPairSignal
from tests.core.rerank.conftest import features_for

MILL = 1


def test_word_pairs_count_across_stop_words(small_library):
    # "wheel ever stopped" and "the wheel stopped": the question's two words follow each other once
    # the stop word between is left out, while the phrase signal misses two of its three pairs.
    question = "Was the wheel ever stopped?"
    pairs = features_for(small_library, TermPairSignal(), question)
    phrases = features_for(small_library, PhraseSignal(), question)
    assert pairs[(MILL, 3)][0] == 1.0
    assert phrases[(MILL, 3)][0] < 0.5


def test_a_pair_must_stand_in_the_questions_order(small_library):
    pairs = features_for(small_library, TermPairSignal(), "Was the stop of the wheel long?")
    assert pairs[(MILL, 3)][0] == 0.0
