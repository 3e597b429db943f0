import numpy as np

from bot.core.text_store import BLOCK_PASSAGES, TextStore, TextStoreWriter


def test_every_text_comes_back_from_its_compressed_block():
    texts = [f"Passage {i}: " + "é the river ran " * (i % 7) for i in range(3 * BLOCK_PASSAGES + 5)]
    store = TextStore.of(texts)
    assert len(store.block_first) == 5  # four blocks and the end
    assert [store.text(i) for i in range(len(texts))] == texts
    assert isinstance(store.data, np.ndarray)  # built in memory
    assert store.data.nbytes < sum(len(t.encode()) for t in texts) / 2


def test_batches_join_with_their_own_blocks():
    first, second = ["a", "b", "c"], ["d" * 100, "", "f"]
    store = TextStore.joined([TextStore.pieces(first), TextStore.pieces(second)])
    assert [store.text(i) for i in range(6)] == first + second
    assert list(store.block_first) == [0, 3, 6]


def test_a_store_spilled_to_a_file_equals_one_kept_in_memory(tmp_path):
    batches = [[f"{b}-{i} " + "ö words " * (i % 5) for i in range(BLOCK_PASSAGES + b)] for b in range(3)]
    writer = TextStoreWriter(tmp_path / "texts")
    for texts in batches:
        writer.add(TextStore.pieces(texts))
    spilled = writer.finished()
    kept = TextStore.joined([TextStore.pieces(texts) for texts in batches])
    assert isinstance(spilled.data, np.ndarray)  # read back whole
    assert (tmp_path / "texts").stat().st_size == spilled.data.nbytes > 0
    for name in ("block_first", "block_offsets", "starts", "ends", "data"):
        assert np.array_equal(getattr(spilled, name), getattr(kept, name)), name
    assert [spilled.text(i) for i in range(len(spilled.starts))] == [t for texts in batches for t in texts]
