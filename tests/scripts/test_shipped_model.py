"""scripts/shipped_model.py: the comparisons `--check` and `--quick-check` of both fit scripts make, on documents as
they write them."""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "shipped_model.py"


def _load() -> ModuleType:
    """The script as the fit scripts import it (scripts/ is no package: they run with it on their path)."""
    spec = importlib.util.spec_from_file_location("shipped_model", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shipped_model = _load()
MODEL = {"note": "Fitted by a script.", "kind": "linear", "weights": {"bm25": 0.8796, "coverage": -1.6693}}
PART = {"kind": "linear", "weights": {"bm25": 0.9012, "coverage": -1.5521}}
"""The model as fitted on the check's part of the data alone."""


def test_numbers_within_a_unit_of_the_last_digit_are_equal_and_further_ones_differ():
    assert shipped_model.differences(MODEL, MODEL | {"weights": {"bm25": 0.8797, "coverage": -1.6693}}) == []
    assert shipped_model.differences(MODEL, MODEL | {"weights": {"bm25": 0.8799, "coverage": -1.6693}}) == [
        "/weights/bm25: fitted 0.8796, shipped 0.8799"
    ]


def test_keys_missing_on_either_side_and_lists_of_another_length_differ():
    assert shipped_model.differences({"a": 1, "b": 2}, {"b": 2, "c": 3}) == ["/a: fitted only", "/c: shipped only"]
    assert shipped_model.differences({"head": [0.0, 1.0]}, {"head": [0.0, 0.5, 1.0]}) == [
        "/head: 2 items fitted, 3 shipped"
    ]
    assert shipped_model.differences({"note": "a"}, {"note": "b"}) == ["/note: fitted 'a', shipped 'b'"]


@pytest.mark.parametrize(("fitted", "shipped"), [(True, 1), (1, True), (True, 1.0), (False, 0), (0.0, False)])
def test_a_bool_never_equals_a_number(fitted, shipped):
    """A trees model's settings hold bools ("deterministic": true): one written as 1 is another file."""
    assert shipped_model.differences({"x": fitted}, {"x": shipped}) == [f"/x: fitted {fitted!r}, shipped {shipped!r}"]


def test_a_bool_equals_itself():
    assert shipped_model.differences({"x": True, "y": False}, {"x": True, "y": False}) == []


def test_check_writes_nothing_and_says_which_value_differs(tmp_path, capsys):
    path = tmp_path / "model.json"
    path.write_text(shipped_model.model_text(MODEL | {"weights": {"bm25": 0.8799, "coverage": -1.6693}}))
    before = path.read_bytes()
    assert not shipped_model.write_or_check(path, MODEL, check=True)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]
    assert "(1 value)" in capsys.readouterr().out


def test_check_holds_what_was_written(tmp_path):
    path = tmp_path / "model.json"
    assert shipped_model.write_or_check(path, MODEL, check=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]
    assert shipped_model.write_or_check(path, MODEL, check=True)


@pytest.mark.parametrize("written", [None, "{", b"\xff"])
def test_check_of_no_model_fails_in_a_line(tmp_path, capsys, written):
    """A missing, cut or undecodable file fails the check with what to do, not a traceback."""
    path = tmp_path / "model.json"
    if isinstance(written, bytes):
        path.write_bytes(written)
    elif written is not None:
        path.write_text(written)
    assert not shipped_model.write_or_check(path, MODEL, check=True)
    assert "holds no model to check against" in capsys.readouterr().out


def test_a_quick_check_holds_the_part_fitted_and_the_model_written_with_it(tmp_path, capsys):
    path = tmp_path / "model.json"
    assert shipped_model.write_or_check(path, shipped_model.with_check(MODEL, "fold 0", PART), check=False)
    assert shipped_model.quick_check(path, "fold 0", PART)
    assert capsys.readouterr().out.endswith(f"{path} holds what this script fits on fold 0\n")
    assert shipped_model.write_or_check(path, shipped_model.with_check(MODEL, "fold 0", PART), check=True)


def test_a_quick_check_says_which_value_of_the_part_is_fitted_otherwise(tmp_path, capsys):
    path = tmp_path / "model.json"
    shipped_model.write_or_check(path, shipped_model.with_check(MODEL, "fold 0", PART), check=False)
    before = path.read_bytes()
    refitted = PART | {"weights": {"bm25": 0.9012, "coverage": -1.5599}}
    assert not shipped_model.quick_check(path, "fold 0", refitted)
    said = capsys.readouterr().out
    assert "(1 value)" in said and "/check/fit/weights/coverage: fitted -1.5599, shipped -1.5521" in said
    assert not shipped_model.quick_check(path, "fold 1", PART)
    assert "/check/part: fitted 'fold 1', shipped 'fold 0'" in capsys.readouterr().out
    assert path.read_bytes() == before


def test_a_model_changed_after_its_check_record_was_written_fails_the_quick_check(tmp_path, capsys):
    """The record's part refits as written, but the model beside it is not the one fitted with it (edited by hand)."""
    path = tmp_path / "model.json"
    shipped_model.write_or_check(path, shipped_model.with_check(MODEL, "fold 0", PART), check=False)
    edited = json.loads(path.read_text("utf-8"))
    edited["weights"]["bm25"] = 1.0
    path.write_text(shipped_model.model_text(edited), encoding="utf-8")
    assert not shipped_model.quick_check(path, "fold 0", PART)
    assert "the model was changed after it was written with its check record" in capsys.readouterr().out


@pytest.mark.parametrize("written", [MODEL, {"check": "fold 0"}, [1, 2]])
def test_a_model_without_a_check_record_fails_the_quick_check_in_a_line(tmp_path, capsys, written):
    path = tmp_path / "model.json"
    path.write_text(json.dumps(written), encoding="utf-8")
    assert not shipped_model.quick_check(path, "fold 0", PART)
    assert capsys.readouterr().out == f"{path} holds no check record; fit it without --quick-check\n"


def test_check_and_cross_validate_exclude_each_other(capsys):
    """Cross-validating writes nothing and exits 0: with --check too it would pass without checking."""
    parser = argparse.ArgumentParser()
    shipped_model.add_mode_arguments(parser, cross_validate="folds")
    assert parser.parse_args(["--check"]).check
    assert parser.parse_args(["--quick-check"]).quick_check
    for both in (["--check", "--cross-validate"], ["--quick-check", "--cross-validate"], ["--quick-check", "--check"]):
        with pytest.raises(SystemExit) as ended:
            parser.parse_args(both)
        assert ended.value.code == 2
        assert "not allowed with argument" in capsys.readouterr().err


def test_a_data_set_the_fit_cannot_use_is_one_line_as_eval_says_it(tmp_path, capsys):
    """`--data` without FairytaleQA's questions was a traceback ending "sections_missing: PATH", the reason's code."""
    from bot.eval.sections import load_section_questions

    missing = tmp_path / "fairytaleqa" / "train" / "questions.jsonl"
    with pytest.raises(SystemExit) as ended:
        shipped_model.run(lambda: load_section_questions(missing))
    assert ended.value.code == 2
    assert capsys.readouterr().err.endswith(
        f": {missing} is missing; a sections folder has corpus/ and questions.jsonl.\n"
    )


def test_a_stories_folder_the_fit_cannot_read_is_one_line(tmp_path, capsys):
    """fit_answer_sentences.py reads FairytaleQA's stories first: their folder missing was FolderRefused's traceback."""
    from bot.eval.sections import sections_corpus

    with pytest.raises(SystemExit) as ended:
        shipped_model.run(lambda: sections_corpus(tmp_path / "train", []))
    assert ended.value.code == 2
    said = capsys.readouterr().err
    assert str(tmp_path / "train" / "corpus") in said and "Traceback" not in said and said.count("\n") == 1
