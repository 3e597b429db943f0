"""The shared helpers of the ranking signals."""

import math

from bot.core.query import Query
from bot.core.rerank.signal import matched_weight


def test_a_matched_share_is_the_exact_sum_whatever_order_the_terms_are_held_in() -> None:
    # A set's order follows the process's hash seed; summed left to right, 0.1 + 0.2 + 0.3 and
    # 0.3 + 0.2 + 0.1 differ in the last bit, which was enough to swap two close passages.
    assert 0.1 + 0.2 + 0.3 != 0.3 + 0.2 + 0.1
    query = Query(text="a b c", terms=("a", "b", "c"), weights={"a": 0.1, "b": 0.2, "c": 0.3})
    assert matched_weight(frozenset(["c", "b", "a"]), query) == math.fsum([0.1, 0.2, 0.3]) / query.total_weight


def test_a_terms_weight_counts_the_searched_terms_alone_and_is_the_same_when_asked_again() -> None:
    query = Query(text="a b c", terms=("a", "b", "c"), weights={"a": 0.1, "b": 0.2, "c": 0.3})
    held = frozenset(["a", "c", "unsearched"])
    assert query.weight_of(held) == math.fsum([0.1, 0.3])
    assert query.weight_of(frozenset(["c", "a"])) == query.weight_of(held) == math.fsum([0.1, 0.3])
    assert query.weight_of(frozenset()) == 0.0
