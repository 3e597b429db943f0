"""scripts/shipped_model.py: the comparison `--check` of both fit scripts makes, on documents as they write them."""

from __future__ import annotations

import importlib.util
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
