import json

import pytest

from bot.core.library import StoryLibrary
from bot.eval.beir import DatasetError
from bot.eval.sections import Scope, evaluate_sections, load_section_questions, sections_corpus
from bot.program import main


@pytest.fixture
def dataset(tmp_path):
    """Two stories; each question names the sections that answer it, as FairytaleQA does."""
    corpus = tmp_path / "tales" / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "the-fox.md").write_text(
        "# The Fox\n\nA fox lived in the hollow oak.\n\nThe fox stole a goose from the farmer.\n\n"
        "The farmer chased the fox to the river.",
        encoding="utf-8",
    )
    (corpus / "the-owl.md").write_text(
        "# The Owl\n\nAn owl lived in the hollow oak too.\n\nThe owl warned the goose at night.", encoding="utf-8"
    )
    questions = [
        {"q": "What did the fox steal?", "file": "the-fox.md", "sections": [2], "kind": "explicit"},
        {"q": "Where did the farmer chase the fox?", "file": "the-fox.md", "sections": [3], "kind": "explicit"},
        {"q": "Who warned the goose?", "file": "the-owl.md", "sections": [2], "kind": "implicit"},
        {"q": "Where did the owl live?", "file": "the-owl.md", "sections": [2], "kind": "implicit"},  # wrong on purpose
    ]
    (tmp_path / "tales" / "questions.jsonl").write_text("\n".join(json.dumps(q) for q in questions))
    other = tmp_path / "more" / "corpus"
    other.mkdir(parents=True)
    (other / "the-fox.md").write_text("# Another Fox\n\nA fox stole a goose.\n\nIt ran.", encoding="utf-8")
    return tmp_path / "tales", tmp_path / "more"


def test_hits_count_when_the_passage_is_in_an_answering_section(dataset):
    tales, _ = dataset
    library = StoryLibrary(sections_corpus(tales, []))
    questions = load_section_questions(tales / "questions.jsonl")
    result = evaluate_sections(library, questions, Scope.STORY)
    assert result.queries == 4 and result.stories == 2
    assert result.metrics["hit@1"] == pytest.approx(3 / 4)
    assert result.metrics["explicit hit@1"] == 1.0 and result.metrics["implicit hit@1"] == 0.5
    assert result.metrics["implicit mrr@10"] == pytest.approx((1 + 1 / 2) / 2)


def test_distractor_stories_join_the_library_under_their_folders_name(dataset):
    tales, more = dataset
    corpus = sections_corpus(tales, [more])
    assert [s.path for s in corpus.stories] == ["the-fox.md", "the-owl.md", "more/the-fox.md"]
    assert corpus.stories[2].first_passage == 5 and corpus.passages[5].story == 2


def test_eval_command_prints_each_scope_and_signal_row(dataset, capsys):
    tales, more = dataset
    assert main(["eval", "--sections", str(tales), "--distractors", str(more), "--ablation", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["rows"]
    names = {(row["row"], row["set"]) for row in rows}
    assert ("default", "tales (library)") in names and ("without phrase", "tales (story)") in names
    assert ("BM25Okapi only", "tales (story)") in names


def test_a_question_about_a_missing_story_is_named(dataset, tmp_path):
    tales, _ = dataset
    (tales / "questions.jsonl").write_text(json.dumps({"q": "x?", "file": "gone.md", "sections": [1]}))
    library = StoryLibrary(sections_corpus(tales, []))
    with pytest.raises(DatasetError, match=r"gone\.md"):
        evaluate_sections(library, load_section_questions(tales / "questions.jsonl"), Scope.LIBRARY)


def test_a_questions_line_that_is_not_utf8_is_named_not_a_traceback(dataset, capsys):
    tales, _ = dataset
    lines = (tales / "questions.jsonl").read_bytes().splitlines()
    (tales / "questions.jsonl").write_bytes(b"\n".join([lines[0], lines[1].replace(b"fox", b"f\xf6x", 1)]))
    assert main(["eval", "--sections", str(tales)]) == 2
    err = capsys.readouterr().err
    assert f'{tales / "questions.jsonl"}, line 2: expected {{"q", "file", "sections"}}' in err and "0xf6" in err, err
