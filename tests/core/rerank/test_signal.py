"""The shared helpers of the ranking signals."""

from bot.core.query import Query
from bot.core.rerank.signal import matched_weight


def test_a_matched_share_does_not_depend_on_the_order_terms_come_in() -> None:
    # A set's order follows the process's hash seed; summed left to right, 0.1 + 0.2 + 0.3 and
    # 0.3 + 0.2 + 0.1 differ in the last bit, which was enough to swap two close passages.
    query = Query(text="a b c", terms=("a", "b", "c"), weights={"a": 0.1, "b": 0.2, "c": 0.3})
    assert matched_weight(["a", "b", "c"], query) == matched_weight(["c", "b", "a"], query)
