from bot.core.text_store import BLOCK_PASSAGES, TextStore


def test_every_text_comes_back_from_its_compressed_block():
    texts = [f"Passage {i}: " + "é the river ran " * (i % 7) for i in range(3 * BLOCK_PASSAGES + 5)]
    store = TextStore.of(texts)
    assert len(store.block_first) == 5  # four blocks and the end
    assert [store.text(i) for i in range(len(texts))] == texts
    assert store.data.nbytes < sum(len(t.encode()) for t in texts) / 2


def test_batches_join_with_their_own_blocks():
    first, second = ["a", "b", "c"], ["d" * 100, "", "f"]
    store = TextStore.joined([TextStore.pieces(first), TextStore.pieces(second)])
    assert [store.text(i) for i in range(6)] == first + second
    assert list(store.block_first) == [0, 3, 6]
