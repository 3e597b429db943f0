import functools

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

import bot.core.index as index_module
import bot.core.score_board as score_board
from bot.core.analysis import Analyzer
from bot.core.corpus import load_corpus
from bot.core.index import BM25Index, BM25Params
from tests.conftest import CORPUS

QUESTIONS = ["where was sebastien born", "sophie piano piano", "moscow ivan music festival", "unknownword", "ballet"]


@pytest.fixture(autouse=True)
def pruned(monkeypatch):
    """These small indexes' lists would be merged whole (`MERGED_WHOLE`): pruned here, so that every way
    of pruning is tested; `same_on_every_path` checks merging whole against them."""
    monkeypatch.setattr(index_module, "MERGED_WHOLE", 0)


@pytest.fixture(scope="module")
def documents():
    analyzer = Analyzer()
    return [analyzer.terms(p.text) for p in load_corpus(CORPUS).passages]


@pytest.mark.parametrize("params", [BM25Params(), BM25Params(k1=0.9, b=0.4, epsilon=0.1)])
def test_scores_equal_rank_bm25_okapi(documents, params):
    index = BM25Index(documents, params)
    reference = BM25Okapi(documents, k1=params.k1, b=params.b, epsilon=params.epsilon)
    analyzer = Analyzer()
    for question in QUESTIONS:
        terms = analyzer.terms(question)
        np.testing.assert_allclose(index.scores(terms), reference.get_scores(terms), rtol=1e-5, atol=1e-6)


def test_common_terms_get_the_epsilon_floor_like_rank_bm25():
    documents = [["a", "b"], ["a"], ["a", "c"], ["d"]]
    index = BM25Index(documents)
    reference = BM25Okapi(documents)
    assert index.term_idf("a") == pytest.approx(reference.idf["a"])
    assert (index.term_idf("a") or 0) > 0


def test_top_is_best_first_positive_only_and_ties_in_corpus_order():
    index = BM25Index([["x", "y"], ["y"], ["z"], ["y"], ["q"]])
    top = index.top(["y"], 10)
    assert [doc for doc, _ in top] == [1, 3, 0]
    assert all(score > 0 for _, score in top)
    assert index.top(["y"], 1) == top[:1]
    assert index.top(["nothing"], 5) == []


def test_a_scoped_search_scores_only_its_range_and_as_the_whole_index_does(documents):
    index = BM25Index(documents)
    terms = Analyzer().terms("Sophie music festival")
    whole = index.scores(terms)
    np.testing.assert_allclose(index.scores(terms, range(5, 12)), whole[5:12])
    top = index.top(terms, 3, range(5, 12))
    assert all(5 <= doc < 12 for doc, _ in top)
    positive = [5 + int(i) for i in np.argsort(-whole[5:12], kind="stable") if whole[5 + i] > 0]
    assert [doc for doc, _ in top] == positive[:3]


def test_grouped_index_equals_rank_bm25_over_the_grouped_documents(documents):
    groups = np.array([0, 0, 1, 1, 1, 2] + [3] * (len(documents) - 6))
    index = BM25Index(documents).grouped(groups, 4)
    merged = [[t for doc, g in zip(documents, groups, strict=True) if g == group for t in doc] for group in range(4)]
    reference = BM25Okapi(merged)
    for question in QUESTIONS:
        terms = Analyzer().terms(question)
        np.testing.assert_allclose(index.scores(terms), reference.get_scores(terms), rtol=1e-5, atol=1e-6)


def test_a_two_passage_library_still_ranks_its_matches():
    # BM25Okapi's idf is zero for a term in one of two passages: every score is zero.
    index = BM25Index([["mara", "cello"], ["ship", "night"]])
    assert not index.scores(["ship"]).any()
    assert [doc for doc, _ in index.top(["ship"], 5)] == [1]
    assert index.top(["nothing"], 5) == []


def test_scores_of_some_documents_equal_their_scores_in_the_whole(documents):
    index = BM25Index(documents)
    docs = np.array([0, 3, 3, 7, len(documents) - 1])
    for question in QUESTIONS:
        terms = Analyzer().terms(question)
        np.testing.assert_allclose(index.scores_of(terms, docs), index.scores(terms)[docs], rtol=1e-6)


def zipf_documents(count: int, seed: int) -> list[list[str]]:
    """Varied documents: a few words in most documents (negative idf, the epsilon floor), a long tail of rare ones."""
    rng = np.random.default_rng(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    weights = 1 / np.arange(1, len(vocabulary) + 1) ** 1.1
    weights /= weights.sum()
    documents = []
    for _ in range(count):
        words = list(rng.choice(vocabulary, size=int(rng.integers(3, 60)), p=weights))
        if rng.random() < 0.7:
            words.append("common")  # in 70% of documents: negative idf before the floor
        documents.append(words)
    return documents


def reference_top(reference: BM25Okapi, query: list[str], k: int) -> list[tuple[int, float]]:
    scores = reference.get_scores(query)
    order = sorted((i for i in range(len(scores)) if scores[i] > 0), key=lambda i: (-scores[i], i))
    return [(i, scores[i]) for i in order[:k]]


@pytest.mark.parametrize("seed", [1, 2])
def test_top_ten_equals_rank_bm25_with_pruning(seed):
    documents = zipf_documents(3000, seed)
    index = BM25Index(documents)
    reference = BM25Okapi(documents)
    assert index.term_idf("common") == pytest.approx(reference.idf["common"]) and (index.term_idf("common") or 0) > 0
    rng = np.random.default_rng(seed + 10)
    queries = [["common"], ["w0"], ["w0", "w1", "w2"], ["w2999", "common"], ["w5", "w5", "w700"]]
    queries += [[f"w{int(i)}" for i in rng.zipf(1.3, size=int(rng.integers(1, 7))) % 3000] for _ in range(200)]
    for query in queries:
        ours = index.top(query, 10)
        theirs = reference_top(reference, query, 10)
        assert [doc for doc, _ in ours] == [doc for doc, _ in theirs], query
        np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], rtol=1e-6)


def test_scoped_top_equals_rank_bm25_restricted_to_the_range():
    documents = zipf_documents(2000, 3)
    index = BM25Index(documents)
    reference = BM25Okapi(documents)
    for query in (["w1", "w40"], ["common", "w3"], ["w7"]):
        scores = reference.get_scores(query)
        expected = sorted((i for i in range(500, 900) if scores[i] > 0), key=lambda i: (-scores[i], i))[:10]
        assert [doc for doc, _ in index.top(query, 10, range(500, 900))] == expected


def test_working_a_few_postings_at_a_time_changes_nothing(documents, monkeypatch):
    groups = np.repeat(np.arange(4), [3, 5, 1, len(documents) - 9])
    whole = BM25Index(documents)
    whole_groups = whole.grouped(groups, 4)
    monkeypatch.setattr(index_module, "POSTING_CHUNK", 7)  # many chunks, some lists longer than one
    chunked = BM25Index(documents)
    chunked_groups = chunked.grouped(groups, 4)
    for built, expected in ((chunked, whole), (chunked_groups, whole_groups)):
        assert_same_index(built, expected)


def assert_same_index(built: BM25Index, expected: BM25Index) -> None:
    """The same postings, raw and as BM25Okapi's term-frequency parts, and the same statistics."""
    ours, theirs = built.raw_postings(), expected.raw_postings()
    assert ours.vocabulary == theirs.vocabulary
    for name in ("docs", "tf", "doc_freq", "doc_len"):
        assert np.array_equal(getattr(ours, name), getattr(theirs, name)), name
    for name in ("_tf_part", "_max_tf_part", "_starts", "idf", "smooth_idf"):
        assert np.array_equal(getattr(built, name), getattr(expected, name)), name


def test_documents_tied_with_the_tenth_best_are_never_pruned():
    """Twelve copies of a document hold every query term: each scores the sum of the terms' bounds.
    Summed in list order for the threshold and in reverse for the bounds, the same numbers may differ
    in the last bit, which pruning must not take for a real difference (it once dropped every list)."""
    rng = np.random.default_rng(0)
    for _ in range(500):
        terms = [f"t{i}" for i in range(int(rng.integers(3, 6)))]
        copied = [term for term in terms for _ in range(int(rng.integers(1, 4)))]
        filler = [[str(rng.choice(terms)), f"f{rng.integers(50)}", "x"] for _ in range(int(rng.integers(30, 200)))]
        index = BM25Index([copied] * 12 + filler)
        assert [doc for doc, _ in index.top(terms, 10)] == list(range(10)), terms


def frequent_documents(count: int, seed: int) -> list[list[str]]:
    """Documents most of which hold a few frequent words, some many times, with copies (ties)."""
    rng = np.random.default_rng(seed)
    frequent = ["f0", "f1", "f2", "f3"]
    documents = []
    for _ in range(count):
        words = [str(w) for w in rng.choice(frequent, size=int(rng.integers(1, 8)))]
        words += [f"r{int(rng.integers(400))}" for _ in range(int(rng.integers(0, 30)))]
        documents.append(words)
    documents += [documents[7]] * 15 + [documents[11]] * 15  # ties, far apart in document order
    return documents


PATHS = {
    "merged, then looked up": lambda lists, essential, threshold: 0,
    "essential lists on the board, then looked up": lambda lists, essential, threshold: essential,
    "every list on the board": lambda lists, essential, threshold: len(lists),
}
"""Every way `_top` can take (`_scattered`'s choices): each must give the same documents and scores to the bit."""


def exact_top(index: BM25Index, query: list[str], k: int, monkeypatch) -> list[tuple[int, float]]:
    """`top`'s documents with their float64 scores (as summed, before their float32 rounding)."""
    seen: list[tuple[int, float]] = []
    best = index_module._best

    def spy(docs, scores, k, tie_order):
        found = best(docs, scores, k, tie_order)
        place = {int(doc): i for i, doc in enumerate(docs)}
        seen.extend((doc, float(scores[place[doc]])) for doc, _ in found)
        return found

    with monkeypatch.context() as patched:
        patched.setattr(index_module, "_best", spy)
        index.top(query, k)
    return seen


def same_on_every_path(index: BM25Index, queries: list[list[str]], monkeypatch) -> list[list[tuple[int, float]]]:
    """Each question's top ten with float64 scores, checked to be the same on every path."""
    by_path = {}
    for path, scattered in PATHS.items():
        monkeypatch.setattr(index_module, "_scattered", scattered)
        by_path[path] = [exact_top(index, query, 10, monkeypatch) for query in queries]
    with monkeypatch.context() as whole:
        whole.setattr(index_module, "MERGED_WHOLE", 1 << 62)
        by_path["every list merged whole"] = [exact_top(index, query, 10, monkeypatch) for query in queries]
    first = next(iter(by_path.values()))
    for path, found in by_path.items():
        assert found == first, path
    return first


@functools.cache
def frequent_questions(
    seed: int,
) -> tuple[list[list[str]], list[list[str]], list[tuple[np.ndarray, list[tuple[int, float]]]]]:
    """Documents of frequent words, questions of them, and rank-bm25's scores and top ten for each question: worked
    out once for the many settings each is searched under."""
    documents = frequent_documents(4000, seed)
    reference = BM25Okapi(documents)
    rng = np.random.default_rng(seed)
    queries = [["f0"], ["f0", "f1"], ["f1", "f2", "f3"], ["f0", "f0", "f2"], ["f3", "r5"], ["f0", "f1", "f2", "f3"]]
    queries += [[str(w) for w in rng.choice(["f0", "f1", "f2", "f3", "r1", "r2"], size=3)] for _ in range(40)]
    return documents, queries, [(reference.get_scores(query), reference_top(reference, query, 10)) for query in queries]


@pytest.mark.parametrize("seed", [4, 5])
@pytest.mark.parametrize("window", [64, 1 << 18])
@pytest.mark.parametrize("sparse", [1, 8, 1000])
@pytest.mark.parametrize("lookup_cost", [0.0, 1e9])
def test_frequent_terms_give_the_same_scores_to_the_bit_on_every_path_and_rank_as_rank_bm25(
    seed, window, sparse, lookup_cost, monkeypatch
):
    """Questions of words most documents hold, added up on the score board (in windows of 64 documents
    too, each scanned whole or read at its postings), merged, or looked up (by binary search or off
    the board): the same documents and float64 scores on every path, and the top ten scores as
    rank-bm25's."""
    monkeypatch.setattr(index_module, "LOOKUP_COST", lookup_cost)
    documents, queries, references = frequent_questions(seed)
    index = BM25Index(documents)
    monkeypatch.setattr(score_board, "WINDOW", window)
    monkeypatch.setattr(score_board, "SPARSE", sparse)
    first = same_on_every_path(index, queries, monkeypatch)
    for ours, (scores, theirs) in zip(first, references, strict=True):
        # Documents a float32 rounding apart may swap places; each one taken scores as the one it replaces.
        np.testing.assert_allclose([scores[doc] for doc, _ in ours], [s for _, s in theirs], rtol=1e-6)
        np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], rtol=1e-6)


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("lookup_cost", [0.0, 1e9])
def test_every_path_gives_the_same_top_ten_to_the_bit_on_varied_questions(seed, lookup_cost, monkeypatch):
    """Rare and frequent words, up to a dozen (a document in eight lists or more once summed otherwise)."""
    monkeypatch.setattr(index_module, "LOOKUP_COST", lookup_cost)
    documents = zipf_documents(3000, seed)
    index = BM25Index(documents)
    rng = np.random.default_rng(seed + 20)
    queries = [[f"w{int(i)}" for i in rng.zipf(1.3, size=int(rng.integers(1, 12))) % 3000] for _ in range(150)]
    queries = [query + ["common"] * (i % 2) for i, query in enumerate(queries)]
    monkeypatch.setattr(score_board, "WINDOW", 128)
    same_on_every_path(index, queries, monkeypatch)


def test_the_score_board_is_taken_for_frequent_terms_and_not_for_rare_ones(monkeypatch):
    documents = frequent_documents(2000, 6)
    index = BM25Index(documents)
    taken = []
    added_up = index_module.added_up

    def spy(lists, threshold, remaining):
        taken.append(len(lists))
        return added_up(lists, threshold, remaining)

    monkeypatch.setattr(index_module, "added_up", spy)
    index.top(["f0", "f1"], 10)
    assert taken == [2]
    index.top(["r3", "r4"], 10)
    assert taken == [2]


def test_a_long_question_reads_its_posting_lists_a_number_of_times_linear_in_its_words(monkeypatch):
    """A question of 1,000 characters is some 150 distinct words. Estimating its candidates looked every
    word's list up again for each essential word's sample: 7,360 lookups for 80 words, 32,891 for 160
    (0.3 s a search on FairytaleQA train's 3,787 passages, four searches a question); now once a word
    for all the samples together, with the same top ten."""
    documents = zipf_documents(3000, 7)
    index = BM25Index(documents)
    reference = BM25Okapi(documents)
    counted: list[str] = []

    def counting(name):
        real = getattr(index_module, name)

        def looked_up(*args):
            counted.append(name)
            return real(*args)

        return looked_up

    for name in ("_weights_of", "_holds"):
        monkeypatch.setattr(index_module, name, counting(name))
    lookups = {}
    for words in (40, 80, 160):
        query = [f"w{i}" for i in range(words)]
        counted.clear()
        ours = index.top(query, 10)
        lookups[words] = len(counted)
        assert [doc for doc, _ in ours] == [doc for doc, _ in reference_top(reference, query, 10)]
    assert lookups[80] <= 2.5 * lookups[40] and lookups[160] <= 2.5 * lookups[80], lookups


def test_documents_tied_on_frequent_terms_come_in_document_order_on_every_path(monkeypatch):
    documents = [["f0", "f1", "x"]] * 30 + [["f0", "y"], ["f1", "z"]] * 20
    index = BM25Index(documents)
    monkeypatch.setattr(score_board, "WINDOW", 8)
    for scattered in PATHS.values():
        monkeypatch.setattr(index_module, "_scattered", scattered)
        assert [doc for doc, _ in index.top(["f0", "f1"], 10)] == list(range(10))
    monkeypatch.setattr(index_module, "MERGED_WHOLE", 1 << 62)
    assert [doc for doc, _ in index.top(["f0", "f1"], 10)] == list(range(10))


def test_a_document_list_looked_up_as_int64_finds_an_int32_list_s_documents():
    listed = np.array([3, 9, 40, 41], dtype=np.int32)
    parts = np.array([0.5, 1.5, 2.5, 3.5], dtype=np.float32)
    docs = np.array([0, 9, 41, 50], dtype=np.int64)
    assert index_module._weights_of(listed, parts, docs).tolist() == [0.0, 1.5, 3.5, 0.0]
    assert index_module._holds(listed, docs).tolist() == [False, True, True, False]


def test_top_holding_names_the_question_terms_each_document_holds(documents):
    index = BM25Index(documents)
    terms = Analyzer().terms("sebastien moscow violin")
    for doc, score, held in index.top_holding(terms, 10):
        assert held == frozenset(t for t in terms if t in documents[doc])
        assert (doc, score) in index.top(terms, 10)


@pytest.mark.parametrize("params", [BM25Params(), BM25Params(k1=0.9, b=0.4, epsilon=0.1)])
def test_term_frequency_parts_worked_in_place_are_the_formulas_to_the_bit(params):
    rng = np.random.default_rng(3)
    tf = rng.integers(1, 60, 20_000).astype(np.uint32)
    lengths = rng.integers(1, 4_000, 20_000).astype(np.float64)
    k1, b, avgdl = params.k1, params.b, 41.37
    frequency = tf.astype(np.float64)
    formula = (frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * lengths / avgdl))).astype(np.float32)
    assert np.array_equal(index_module.length_parts(tf, lengths, avgdl, params), formula)


def test_postings_within_a_range_are_the_documents_there_holding_the_term_and_their_parts():
    documents = [["fox", "owl"], ["fox"], ["owl", "owl"], ["fox", "river"], ["river"]]
    index = BM25Index(documents)
    docs, parts = index.postings_within("fox", range(1, 4))
    assert docs.tolist() == [1, 3]
    whole = index.scores(["fox"])
    np.testing.assert_allclose(parts * np.float32(index.term_idf("fox")), whole[[1, 3]], rtol=1e-6)
    assert index.postings_within("owl", range(3, 5))[0].tolist() == []
    assert index.postings_within("nothing", range(0, 5))[0].tolist() == []
