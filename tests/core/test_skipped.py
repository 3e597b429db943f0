"""A skipped file's record: data the saved index keeps as JSON and a worker process sends back whole."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from bot.core.readers.reader import ExtraMissing
from bot.core.skipped import Cause, Problem, Refusal, SkipReason, StoryRefused, refusal_of

FACTS = Refusal(
    cause=Cause.OTHER,
    format="EPUB",
    name="OEBPS/p5.xhtml",
    names=("OEBPS/book.opf", "META-INF/container.xml"),
    detail="Bad magic number",
    count=3,
    most=64 * 2**20,
    seconds=2.5,
)
"""A refusal naming every fact, given each cause in turn (here and in tests/test_messages.py): each message takes
what its cause names, and each fact comes back from its JSON."""


@pytest.mark.parametrize("cause", list(Cause))
def test_every_cause_comes_back_from_its_json_as_it_was(cause: Cause) -> None:
    for why in (Refusal(cause=cause), dataclasses.replace(FACTS, cause=cause)):
        for file in ("tales/mill.epub", None):
            problem = Problem(file=file, why=why)
            assert Problem.from_data(json.loads(json.dumps(problem.as_data()))) == problem


def test_only_the_facts_a_cause_names_are_kept() -> None:
    assert Problem(file="a.md", why=Refusal(cause=Cause.EMPTY)).as_data() == {"file": "a.md", "cause": "empty"}
    slow = Problem(file="a.pdf", why=Refusal(cause=Cause.TOO_SLOW, seconds=60)).as_data()
    assert slow == {"file": "a.pdf", "cause": "too_slow", "seconds": 60.0}


@pytest.mark.parametrize(
    "data",
    [
        "Skipped a.md: it is empty.",
        ["a.md", "empty"],
        {"file": "a.md"},
        {"file": "a.md", "cause": "a_later_cause"},
        {"file": 3, "cause": "empty"},
        {"file": "a.md", "cause": "empty", "count": "3"},
        {"file": "a.md", "cause": "empty", "count": True},
        {"file": "a.md", "cause": "empty", "seconds": "60"},
        {"file": "a.md", "cause": "empty", "names": "a.json"},
        {"file": "a.md", "cause": "empty", "names": [1]},
        {"file": "a.md", "cause": "empty", "a_later_fact": 1},
    ],
)
def test_data_of_another_shape_is_no_problem(data: object) -> None:
    assert Problem.from_data(data) is None


def test_every_reason_code_has_a_cause_and_unnamed_causes_are_unreadable_files() -> None:
    assert {cause.reason for cause in Cause} == set(SkipReason)
    assert Cause.NOT_PDF.reason is Cause.OTHER.reason is SkipReason.UNREADABLE
    assert Problem(file="a.epub", why=Refusal(cause=Cause.LOCKED)).reason is SkipReason.UNREADABLE


def test_a_refusal_comes_back_whole_from_a_worker_process_and_any_other_value_error_keeps_its_words() -> None:
    missing = pickle.loads(pickle.dumps(ExtraMissing("EPUB")))
    assert isinstance(missing, StoryRefused) and isinstance(missing, ValueError)
    assert refusal_of(missing) == Refusal(cause=Cause.NEEDS_READER, format="EPUB", detail="formats")
    assert refusal_of(ValueError("is odd")) == Refusal(cause=Cause.OTHER, detail="is odd")
