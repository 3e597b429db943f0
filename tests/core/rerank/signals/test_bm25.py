from bot.core.rerank.signals.bm25 import BM25Signal
from tests.core.rerank.conftest import context_for


def test_scores_are_relative_to_the_best_candidate(small_library):
    candidates, context = context_for(small_library, "miller river")
    rows = BM25Signal().compute(candidates, context)
    assert rows[0, 0] == 1.0
    expected = [c.bm25 / candidates[0].bm25 for c in candidates]
    assert list(rows[:, 0]) == expected
