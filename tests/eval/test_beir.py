import json

import pytest

from bot.core.library import StoryLibrary
from bot.eval.beir import DatasetError, Part, beir_corpus, evaluate_beir
from bot.program import main


@pytest.fixture
def collection(tmp_path):
    documents = [
        ("d1", "Violins", "The violinist tuned her violin before the concert."),
        ("d2", "Ballet", "The ballerina danced in Moscow."),
        ("d3", "Pianos", "A pianist played Chopin on a grand piano."),
        ("d4", "Weather", "Rain fell on the town all week."),
        ("d5", "Cooking", "Bread rose in the warm oven."),
    ]
    (tmp_path / "corpus.jsonl").write_text(
        "\n".join(json.dumps({"_id": i, "title": t, "text": x}) for i, t, x in documents)
    )
    queries = [("q1", "who tuned the violin"), ("q2", "Chopin piano"), ("q3", "ballet in Moscow")]
    (tmp_path / "queries.jsonl").write_text("\n".join(json.dumps({"_id": i, "text": t}) for i, t in queries))
    (tmp_path / "qrels").mkdir()
    (tmp_path / "qrels" / "train.tsv").write_text(
        "query-id\tcorpus-id\tscore\r\nq1\td1\t1\r\nq2\td3\t1\r\nq3\td1\t1\r\n"
    )
    return tmp_path


def evaluate(folder, split="train"):
    corpus, doc_ids = beir_corpus(folder)
    return evaluate_beir(StoryLibrary(corpus, min_match=0.0), doc_ids, folder, split)


def test_scores_a_beir_folder_with_the_bots_ranking(collection):
    result = evaluate(collection)
    assert result.queries == 3 and result.documents == 5
    # q1 and q2 find their document first; q3's judged document (d1) does not mention ballet.
    assert result.metrics["mrr@10"] == pytest.approx(2 / 3)
    assert result.metrics["recall@100"] == pytest.approx(2 / 3)


def test_missing_pieces_are_named(collection):
    with pytest.raises(DatasetError, match=r"qrels/test\.tsv"):
        evaluate(collection, split="test")
    (collection / "queries.jsonl").unlink()
    with pytest.raises(DatasetError, match=r"queries\.jsonl"):
        evaluate(collection)


def test_eval_command_prints_json(collection, capsys):
    assert main(["eval", "--beir", str(collection), "--json", "--ablation"]) == 0
    data = json.loads(capsys.readouterr().out)
    rows = {row["row"]: row for row in data["rows"]}
    assert rows["default"]["metrics"]["mrr@10"] == pytest.approx(2 / 3)
    assert {"without coverage", "BM25Okapi only"} <= rows.keys()
    assert "k1=1.5 b=0.75 epsilon=0.25" in data["settings"]


def test_the_held_out_part_and_the_fit_part_split_the_queries_for_good():
    ids = [str(n) for n in range(1000)]
    held_out = {q for q in ids if Part.HELD_OUT.holds(q)}
    fit = {q for q in ids if Part.FIT.holds(q)}
    assert held_out.isdisjoint(fit) and held_out | fit == set(ids)
    assert 150 < len(held_out) < 250  # about a fifth
    assert all(Part.ALL.holds(q) for q in ids)
    assert held_out == {q for q in ids if Part.HELD_OUT.holds(q)}  # the same queries every time


def test_a_part_of_the_queries_is_measured_alone(collection):
    corpus, doc_ids = beir_corpus(collection)
    library = StoryLibrary(corpus, min_match=0.0)
    parts = [evaluate_beir(library, doc_ids, collection, "train", part) for part in (Part.HELD_OUT, Part.FIT)]
    assert sum(p.queries for p in parts) == 3
    assert parts[0].split == "train, held-out"


@pytest.mark.parametrize(
    ("file", "content", "said"),
    [
        ("qrels/train.tsv", b"query-id\tcorpus-id\tscore\nq1\td1\tyes\n", "line 2: expected query-id, corpus-id"),
        ("queries.jsonl", b'{"_id": "q1", "text": "who tuned"', 'line 1: expected {"_id", "text"} (Expecting'),
        ("queries.jsonl", b'{"_id": "q1", "text": "who"}\n{"_id": "q2", "text": "caf\xe9"}\n', "line 2: expected"),
        ("queries.jsonl", b'{"text": "who tuned the violin"}\n', 'line 1: expected {"_id", "text"} (no "_id")'),
        ("corpus.jsonl", b"[]\n", 'corpus.jsonl, line 1: expected {"_id", "text"}'),
    ],
)
def test_a_bad_line_of_a_beir_file_is_named_in_one_line_not_a_traceback(collection, capsys, file, content, said):
    """A score that is no number, a line that is no JSON object, a byte that is not UTF-8, a record without its id:
    each was a traceback and exit 1."""
    (collection / file).write_bytes(content)
    assert main(["eval", "--beir", str(collection)]) == 2
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


def test_a_null_title_is_no_title(collection):
    """Each value is read as text: a null title was the text "None", a story so titled and a word of its passage."""
    (collection / "corpus.jsonl").write_text(json.dumps({"_id": "d9", "title": None, "text": "Rain fell."}) + "\n")
    corpus, ids = beir_corpus(collection)
    assert ids == ["d9"] and corpus.stories[0].title == "d9" and corpus.passages[0].text == "Rain fell."
