import threading

import numpy as np
import pytest

import bot.core.score_board as score_board
from bot.core.index import _weights_of
from bot.core.score_board import WeightedList, added_up, parts_at


def random_lists(rng: np.random.Generator, count: int, span: int) -> list[WeightedList]:
    """Posting lists over `span` documents, from a few postings to most of them, some starting late."""
    lists = []
    for _ in range(count):
        size = int(rng.integers(1, span))
        docs = np.sort(
            rng.choice(np.arange(int(rng.integers(0, span // 2)), span), size=min(size, span // 2), replace=False)
        )
        parts = rng.uniform(0.1, 2.5, len(docs)).astype(np.float32)
        lists.append(WeightedList(docs.astype(np.int32), parts, float(rng.uniform(0.2, 9.0))))
    return lists


def summed_in_order(lists: list[WeightedList]) -> dict[int, float]:
    """Each document's score, added from zero list after list, one posting at a time in Python."""
    scores: dict[int, float] = {}
    for listed in lists:
        for doc, part in zip(listed.docs.tolist(), listed.parts.astype(np.float64).tolist(), strict=True):
            scores[doc] = scores.get(doc, 0.0) + listed.weight * part
    return scores


@pytest.mark.parametrize("window", [1, 7, 64, 1 << 18])
@pytest.mark.parametrize("sparse", [1, 16, 10_000])
def test_scores_are_summed_from_zero_in_list_order_to_the_bit(window, sparse, monkeypatch):
    monkeypatch.setattr(score_board, "SPARSE", sparse)
    rng = np.random.default_rng(window + sparse)
    for _ in range(30):
        lists = random_lists(rng, int(rng.integers(1, 11)), int(rng.integers(2, 600)))
        expected = summed_in_order(lists)
        docs, scores = added_up(lists, 0.0, 0.0, window)
        assert docs.tolist() == sorted(expected)
        assert scores.tolist() == [expected[doc] for doc in sorted(expected)]  # exactly equal floats


@pytest.mark.parametrize("window", [5, 1 << 18])
def test_only_documents_that_may_reach_the_threshold_are_kept(window):
    rng = np.random.default_rng(11)
    for _ in range(40):
        lists = random_lists(rng, int(rng.integers(1, 6)), 400)
        expected = summed_in_order(lists)
        threshold, remaining = float(rng.uniform(0, 25)), float(rng.choice([0.0, rng.uniform(0, 10)]))
        docs, scores = added_up(lists, threshold, remaining, window)
        kept = sorted(doc for doc, score in expected.items() if score + remaining >= threshold)
        assert docs.tolist() == kept
        assert scores.tolist() == [expected[doc] for doc in kept]


def test_a_failure_halfway_leaves_the_board_clean_for_the_next_question():
    lists = [WeightedList(np.arange(0, 100, 2, dtype=np.int32), np.ones(50, np.float32), 1.0)]
    broken = WeightedList(np.arange(0, 100, 3, dtype=np.int32), np.ones(5, np.float32), 1.0)  # too few parts
    with pytest.raises(ValueError):
        added_up([*lists, broken], 0.0, 0.0, 1 << 18)
    docs, scores = added_up([WeightedList(np.array([1, 2], dtype=np.int32), np.ones(2, np.float32), 2.0)], 0.0, 0.0)
    assert docs.tolist() == [1, 2] and scores.tolist() == [2.0, 2.0]


def test_threads_answering_at_once_each_add_on_their_own_board():
    rng = np.random.default_rng(5)
    questions = [random_lists(rng, 3, 5000) for _ in range(8)]
    expected = [summed_in_order(lists) for lists in questions]
    wrong: list[int] = []

    def answer(number: int) -> None:
        for _ in range(40):
            docs, scores = added_up(questions[number], 0.0, 0.0, 256)
            if dict(zip(docs.tolist(), scores.tolist(), strict=True)) != expected[number]:
                wrong.append(number)

    threads = [threading.Thread(target=answer, args=(number,)) for number in range(len(questions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert wrong == []


@pytest.mark.parametrize("window", [1, 9, 1 << 18])
def test_parts_read_off_the_board_are_those_a_binary_search_finds(window):
    rng = np.random.default_rng(window)
    for _ in range(40):
        (listed,) = random_lists(rng, 1, int(rng.integers(2, 900)))
        wanted = np.sort(rng.choice(900, int(rng.integers(0, 300)), replace=False)).astype(np.int64)
        found = parts_at(listed.docs, listed.parts, wanted, window)
        assert found.tolist() == _weights_of(listed.docs, listed.parts, wanted).tolist()
    assert parts_at(np.zeros(0, np.int32), np.zeros(0, np.float32), np.array([3])).tolist() == [0.0]
