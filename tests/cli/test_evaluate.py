"""`eval --table`: one row per validation set, BM25Okapi alone beside the default."""

import json

import pytest

from bot.core.rerank.model import signal_names
from bot.program import main
from tests.conftest import CORPUS
from tests.squad_excerpt import write_squad_excerpt


@pytest.fixture
def datasets(tmp_path):
    """A folder laid out as ../shared/datasets is: fairytaleqa/{val,train} and scifact/."""
    val = tmp_path / "fairytaleqa" / "val"
    (val / "corpus").mkdir(parents=True)
    (val / "corpus" / "the-fox.md").write_text(
        "# The Fox\n\nA fox lived in the hollow oak.\n\nThe fox stole a goose from the farmer.", encoding="utf-8"
    )
    questions = [{"q": "What did the fox steal?", "file": "the-fox.md", "sections": [2]}]
    (val / "questions.jsonl").write_text("\n".join(json.dumps(q) for q in questions))
    train = tmp_path / "fairytaleqa" / "train" / "corpus"
    train.mkdir(parents=True)
    (train / "the-owl.md").write_text("# The Owl\n\nAn owl lived in a barn.\n\nIt hooted.", encoding="utf-8")
    scifact = tmp_path / "scifact"
    (scifact / "qrels").mkdir(parents=True)
    documents = [("d1", "Violins", "The violinist tuned her violin."), ("d2", "Bread", "Bread rose in the oven.")]
    (scifact / "corpus.jsonl").write_text(
        "\n".join(json.dumps({"_id": i, "title": t, "text": x}) for i, t, x in documents)
    )
    queries = [(str(n), "violin tuning" if n % 2 else "bread oven") for n in range(12)]
    (scifact / "queries.jsonl").write_text("\n".join(json.dumps({"_id": i, "text": t}) for i, t in queries))
    qrels = "".join(f"{i}\t{'d1' if int(i) % 2 else 'd2'}\t1\n" for i, _ in queries)
    (scifact / "qrels" / "train.tsv").write_text("query-id\tcorpus-id\tscore\n" + qrels)
    checks = tmp_path / "checks.jsonl"
    checks.write_text(json.dumps({"q": "Where was Sébastien born?", "expect": "Born in Moscow"}))
    return tmp_path, checks


def test_the_table_has_a_row_per_set_with_bm25_alone_beside_the_default(datasets, capsys):
    folder, checks = datasets
    assert main(["eval", "--table", str(folder), "--checks", str(checks), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["set"] for row in rows] == [
        "FairytaleQA val, library",
        "FairytaleQA val, story",
        "SciFact train, held-out fifth",
        "SciFact train, all",
        "checks.jsonl, library",
    ]
    assert all({"default", "BM25Okapi only"} <= row.keys() for row in rows)
    assert rows[0]["default"] == rows[1]["default"] == 1.0
    assert rows[3]["default"] == pytest.approx(1.0) and rows[4]["default"] == 1.0


@pytest.mark.parametrize("given", [False, True])
def test_squads_held_out_articles_add_two_rows_when_its_file_is_there(datasets, capsys, tmp_path, given):
    folder, checks = datasets
    if given:
        options = ["--squad", str(write_squad_excerpt(tmp_path / "elsewhere" / "squad.json"))]
    else:
        write_squad_excerpt(folder / "squad" / "dev-v1.1.json")
        options = []
    assert main(["eval", "--table", str(folder), "--checks", str(checks), "--json", *options]) == 0
    rows = json.loads(capsys.readouterr().out)
    names = [row["set"] for row in rows]
    assert names[4:6] == ["SQuAD dev, held-out third, library", "SQuAD dev, held-out third, story"]
    # Normans' three questions over both articles: the country's comes second library-wide and story-scoped.
    assert rows[4]["default"] == rows[5]["default"] == pytest.approx(2 / 3)


def test_the_table_prints_as_markdown(datasets, capsys):
    folder, checks = datasets
    assert main(["eval", "--table", str(folder), "--checks", str(checks)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "| set | measure | BM25Okapi only | default | change |"
    assert lines[2].startswith("| FairytaleQA val, library | hit@1 | 1.0000 | **1.0000** | +0.0000 |")


def test_eval_without_anything_to_measure_says_what_it_measures(capsys):
    assert main(["eval", "--excerpts"]) == 2
    error = capsys.readouterr().err
    assert "eval measures one of --table, --sections, --squad, --beir, --questions, --people" in error


@pytest.mark.parametrize("source", ["--sections", "--beir"])
def test_a_signal_that_does_not_exist_is_refused_before_anything_is_measured(datasets, capsys, source):
    # `eval --sections DIR --without rarety` (a typo) built the library, then ended in a ValueError traceback.
    folder, _ = datasets
    collection = folder / "fairytaleqa" / "val" if source == "--sections" else folder / "scifact"
    with pytest.raises(SystemExit) as exited:
        main(["eval", source, str(collection), "--without", "rarety"])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert "argument --without: invalid choice: 'rarety'" in error and "'rarity'" in error
    assert "Traceback" not in error


STORY_QUESTIONS = str(CORPUS.parent / "tests" / "fixtures" / "story_questions.jsonl")


def questions_measured(capsys, *options: str) -> dict:
    assert main(["eval", "--questions", STORY_QUESTIONS, "--json", *options]) == 0
    return json.loads(capsys.readouterr().out)


def test_questions_are_measured_with_the_signals_switched_off(capsys):
    # `eval --questions feedback.jsonl --no-rerank` (or --without SIGNAL) measured the default ranking all the
    # same: a signal looked as if it did nothing, and BM25Okapi alone as good as the whole re-ranker.
    default = questions_measured(capsys)
    alone = questions_measured(capsys, "--no-rerank")
    assert alone != default
    every_signal = [option for name in signal_names() for option in ("--without", name)]
    assert questions_measured(capsys, *every_signal) == alone
    assert main(["eval", "--questions", STORY_QUESTIONS, "--ablation"]) == 2
    assert "--ablation measures --sections and --beir" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--sample", "-5", "'-5' is not a whole number, 0 or more"),
        ("--k1", "-1", "'-1' is not a number of at least 0"),
        ("--k1", "nan", "'nan' is not a number of at least 0"),
        ("--b", "7", "'7' is not a number from 0 to 1"),
        ("--epsilon", "inf", "'inf' is not a number of at least 0"),
    ],
)
def test_numbers_that_cannot_be_measured_with_are_refused_in_one_line(capsys, option, value, said):
    # --sample -5 ended in random.sample's ValueError traceback; --k1 -1, --k1 nan or --b 7 were measured,
    # numpy warning of invalid values, and printed hit rates of scores that were no BM25's.
    source = ["--people", str(CORPUS)] if option == "--sample" else ["--questions", STORY_QUESTIONS]
    with pytest.raises(SystemExit) as exited:
        main(["eval", *source, option, value])
    assert exited.value.code == 2
    error = capsys.readouterr().err
    assert f"argument {option}: {said}" in error and "Traceback" not in error
