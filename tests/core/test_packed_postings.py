import numpy as np
import pytest

from bot.core.file_array import FileArray, save_array
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.packed_postings import _READ_PAD, BLOCK, PackedPostings, pack, unpack, unpack_term


def postings(seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Posting lists of varied shapes: a term in one posting, in part of a block, in many blocks (a last
    one short), dense runs of documents (0-bit gaps) and sparse ones, frequencies of 1 (0 bits) up to 2**32."""
    rng = np.random.default_rng(seed)
    documents = int(rng.choice([50, 5_000, 3_000_000]))
    lengths = [1, 2, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 5, int(rng.integers(1, 2_000))]
    docs, tf = [], []
    for length in lengths:
        count = min(length, documents)
        dense = rng.random() < 0.3
        start = int(rng.integers(0, documents - count + 1))
        docs.append(np.arange(start, start + count) if dense else np.sort(rng.choice(documents, count, replace=False)))
        top = int(rng.choice([2, 9, 70_000, 1 << 32]))
        tf.append(np.where(rng.random(count) < 0.7, 1, rng.integers(1, top, count, endpoint=True)))
    doc_freq = np.array([len(d) for d in docs])
    return np.concatenate(docs), np.concatenate(tf), doc_freq


def padded(data: np.ndarray) -> np.ndarray:
    return np.concatenate((data, np.zeros(_READ_PAD, np.uint8)))


@pytest.mark.parametrize("seed", range(12))
def test_lists_come_back_as_they_were_packed_term_by_term_and_many_at_once(seed):
    docs, tf, doc_freq = postings(seed)
    data, term_bytes = pack(docs, tf, doc_freq)
    starts = np.concatenate(([0], np.cumsum(term_bytes)))
    found_docs, found_tf = unpack(padded(data), starts, doc_freq, "x")
    assert np.array_equal(found_docs, docs) and np.array_equal(found_tf, tf)
    first = np.concatenate(([0], np.cumsum(doc_freq)))
    for term, count in enumerate(doc_freq):
        term_docs, term_tf = unpack_term(padded(data[starts[term] : starts[term + 1]]), int(count), "x")
        assert np.array_equal(term_docs, docs[first[term] : first[term + 1]])
        assert np.array_equal(term_tf, tf[first[term] : first[term + 1]])


def test_packed_lists_are_a_fraction_of_two_numbers_a_posting():
    rng = np.random.default_rng(3)
    docs = np.sort(rng.choice(1_000_000, 100_000, replace=False))
    data, _ = pack(docs, np.where(rng.random(len(docs)) < 0.8, 1, 2), np.array([len(docs)]))
    assert len(data) < 0.25 * len(docs) * 8


def test_bytes_that_do_not_add_up_are_damage_naming_the_file():
    docs, tf, doc_freq = postings(1)
    data, term_bytes = pack(docs, tf, doc_freq)
    starts = np.concatenate(([0], np.cumsum(term_bytes)))
    wide = data.copy()
    wide[:] = 0xFF  # bit widths no block has
    short = data[:-1]  # the last term's bytes cut short
    for broken, broken_starts in ((wide, starts), (short, np.minimum(starts, len(short)))):
        with pytest.raises(IndexDamaged) as raised:
            unpack(padded(broken), broken_starts, doc_freq, "s1.passages.postings.npy")
        assert raised.value.damage == IndexDamage("s1.passages.postings.npy", DamageKind.CONTENTS)
    last = slice(starts[-2], starts[-1])
    with pytest.raises(IndexDamaged):
        unpack_term(padded(wide[last]), int(doc_freq[-1]), "x")
    with pytest.raises(IndexDamaged):
        unpack_term(padded(data[last][:-1]), int(doc_freq[-1]), "x")


@pytest.mark.parametrize("count", [1, BLOCK, BLOCK + 3])
def test_a_term_whose_last_document_is_past_what_a_passage_number_holds_is_damage(count):
    docs = np.arange(count, dtype=np.int64) + (1 << 31) - count + 1  # the last one 2**31
    data, _ = pack(docs, np.ones(count, np.int64), np.array([count]))
    with pytest.raises(IndexDamaged):
        unpack_term(padded(data), count, "x")
    found, _ = unpack_term(padded(pack(docs - 1, np.ones(count, np.int64), np.array([count]))[0]), count, "x")
    assert np.array_equal(found, docs - 1)


@pytest.mark.parametrize("seed", range(6))
def test_saved_lists_are_read_a_term_at_a_time_and_counted_in_a_run_of_documents(tmp_path, seed):
    """What a deleted story costs: its documents (a run of them, as a story's passages are) counted in
    each term's list from the blocks that may hold them, as counting every posting finds."""
    docs, tf, doc_freq = postings(seed)
    data, term_bytes = pack(docs, tf, doc_freq)
    save_array(tmp_path / "postings.npy", data)
    save_array(tmp_path / "offsets.npy", np.concatenate(([0], np.cumsum(term_bytes))).astype(np.int64))
    lists = PackedPostings(FileArray(tmp_path / "postings.npy"), FileArray(tmp_path / "offsets.npy"), doc_freq)
    first = np.concatenate(([0], np.cumsum(doc_freq)))
    for term in range(len(doc_freq)):
        term_docs, term_tf = lists.run(term, term + 1)
        assert np.array_equal(term_docs, docs[first[term] : first[term + 1]])
        assert np.array_equal(term_tf, tf[first[term] : first[term + 1]])
    rng = np.random.default_rng(seed)
    documents = int(docs.max()) + 1
    for _ in range(5):
        chosen = np.zeros(documents, dtype=bool)
        start = int(rng.integers(0, documents))
        chosen[start : start + int(rng.integers(1, max(2, documents // 20)))] = True
        expected = [int(chosen[docs[first[t] : first[t + 1]]].sum()) for t in range(len(doc_freq))]
        assert lists.counts_in(chosen).tolist() == expected


def saved_lists(folder, docs: np.ndarray, tf: np.ndarray, doc_freq: np.ndarray) -> PackedPostings:
    data, term_bytes = pack(docs, tf, doc_freq)
    save_array(folder / "postings.npy", data)
    save_array(folder / "offsets.npy", np.concatenate(([0], np.cumsum(term_bytes))).astype(np.int64))
    return PackedPostings(FileArray(folder / "postings.npy"), FileArray(folder / "offsets.npy"), doc_freq)


@pytest.mark.parametrize("seed", range(6))
def test_some_terms_counted_in_chosen_documents_as_every_posting_counts_them(tmp_path, seed):
    """What a deletion reads: only the deleted stories' terms (runs of neighbouring terms and lone ones), each
    counted in the chosen documents as counting every posting finds, and each chosen document's frequencies
    summed over those terms (its length, when they are all of its terms)."""
    docs, tf, doc_freq = postings(seed)
    lists = saved_lists(tmp_path, docs, tf, doc_freq)
    first = np.concatenate(([0], np.cumsum(doc_freq)))
    rng = np.random.default_rng(seed)
    documents = int(docs.max()) + 1
    for _ in range(6):
        chosen = np.zeros(documents, dtype=bool)
        start = int(rng.integers(0, documents))
        chosen[start : start + int(rng.integers(1, max(2, documents // 20)))] = True
        chosen[rng.choice(documents, 3)] = True  # and a few anywhere
        terms = np.flatnonzero(rng.random(len(doc_freq)) < 0.6)
        counts, sums = lists.counts_of(chosen, terms)
        held = [chosen[docs[first[t] : first[t + 1]]] for t in terms.tolist()]
        assert counts.tolist() == [int(h.sum()) for h in held]
        expected = np.zeros(documents, np.int64)
        for t in terms.tolist():
            np.add.at(expected, docs[first[t] : first[t + 1]], tf[first[t] : first[t + 1]])
        assert sums.tolist() == expected[chosen].tolist()


def test_counting_some_terms_reads_none_of_the_others(tmp_path):
    """A deletion's count costs its terms' postings, not the segment's: a term beyond them, damaged, is never read
    (counting every term's postings finds it; so does counting terms on both sides of it, read in one piece)."""
    docs, tf, doc_freq = postings(2)
    data, term_bytes = pack(docs, tf, doc_freq)
    starts = np.concatenate(([0], np.cumsum(term_bytes)))
    blocks = -(-int(doc_freq[5]) // BLOCK)
    data[starts[5] + 4 * blocks] = 0xFF  # term 5's first block: a bit width no block has
    save_array(tmp_path / "postings.npy", data)
    save_array(tmp_path / "offsets.npy", starts.astype(np.int64))
    lists = PackedPostings(FileArray(tmp_path / "postings.npy"), FileArray(tmp_path / "offsets.npy"), doc_freq)
    chosen = np.zeros(int(docs.max()) + 1, dtype=bool)
    chosen[docs[:1]] = True
    counts, _ = lists.counts_of(chosen, np.array([0, 2, 3]))
    assert counts[0] == 1
    for damaged in (np.array([5]), np.array([3, 6])):
        with pytest.raises(IndexDamaged):
            lists.counts_of(chosen, damaged)
    with pytest.raises(IndexDamaged):
        lists.counts_in(chosen)
