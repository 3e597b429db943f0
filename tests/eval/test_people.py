import json

from bot.eval.people import evaluate_people, load_labels
from bot.program import main


def write_stories(folder):
    folder.mkdir()
    (folder / "the-wreck.md").write_text(
        "# The Wreck\n\nThe captain, Elias Boone, had broken both legs. They sailed on a ship called the Mary "
        "Rose.\n\n'Hold on,' said Elias Boone to a sailor called Thomas Wren.",
        encoding="utf-8",
    )
    (folder / "the-mill.md").write_text(
        "# The Mill\n\nThe farmer's son, Pavel, lived in a town named Brightwater.", encoding="utf-8"
    )


def test_people_are_counted_and_a_labelled_sample_scored(tmp_path):
    write_stories(tmp_path / "stories")
    labels_file = tmp_path / "labels.jsonl"
    labels_file.write_text(
        '{"story": "the-wreck.md", "name": "Elias Boone", "person": true}\n'
        '{"story": "the-mill.md", "name": "Pavel", "person": false}\n'
    )
    result = evaluate_people([tmp_path / "stories"], load_labels(labels_file), size=10, seed=0)
    assert result.stories == 2 and result.found == 3  # Elias Boone, Thomas Wren, Pavel; no ship, no town
    assert result.labelled == 2 and result.precision == 0.5
    assert [p.name for p in result.wrong] == ["Pavel"]
    assert [p.name for p in result.unlabelled] == ["Thomas Wren"]


def test_the_sample_is_the_same_for_the_same_seed(tmp_path):
    write_stories(tmp_path / "stories")
    first = evaluate_people([tmp_path / "stories"], {}, size=2, seed=3).sample
    assert first == evaluate_people([tmp_path / "stories"], {}, size=2, seed=3).sample


def test_eval_command_reports_people(tmp_path, capsys):
    write_stories(tmp_path / "stories")
    assert main(["eval", "--people", str(tmp_path / "stories"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["people"] == 3 and report["labelled"] == 0 and len(report["unlabelled"]) == 3


def test_with_no_labels_the_sample_has_no_precision(tmp_path, capsys):
    """It said "0 labelled, precision 0.0%", as if every name found were wrong."""
    write_stories(tmp_path / "stories")
    assert evaluate_people([tmp_path / "stories"], {}, size=10, seed=0).precision is None
    assert main(["eval", "--people", str(tmp_path / "stories")]) == 0
    assert "0 labelled, no precision (--labels FILE)" in capsys.readouterr().out
    assert main(["eval", "--people", str(tmp_path / "stories"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["precision"] is None


def test_a_labels_file_that_is_not_there_is_an_error(tmp_path, capsys):
    """A mistyped --labels was read as no labels at all: every name unlabelled, precision 0%, exit 0."""
    write_stories(tmp_path / "stories")
    assert main(["eval", "--people", str(tmp_path / "stories"), "--labels", str(tmp_path / "labels.jsonl")]) == 2
    assert f"{tmp_path / 'labels.jsonl'} does not exist" in capsys.readouterr().err


def test_a_labels_line_that_is_not_utf8_is_named_not_a_traceback(tmp_path, capsys):
    write_stories(tmp_path / "stories")
    labels = tmp_path / "labels.jsonl"
    labels.write_bytes(b'{"story": "a.md", "name": "Caf\xe9", "person": true}\n')
    assert main(["eval", "--people", str(tmp_path / "stories"), "--labels", str(labels)]) == 2
    err = capsys.readouterr().err
    assert f'{labels}, line 1: expected {{"story", "name", "person"}}' in err and "0xe9" in err, err
