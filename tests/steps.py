"""Work counted in steps (lines run, calls made), not timed: a test of what grows with an input stays exact on a
busy machine."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

Result = TypeVar("Result")
Tracer = Callable[[FrameType, str, object], "Tracer | None"]


def steps_of(work: Callable[[], Result], module_file: str, function: str = "") -> tuple[Result, int, int]:
    """What work() returns, how many lines of the module it ran, and how many calls it made to functions named
    `function` (anywhere)."""
    lines = calls = 0

    def count(frame: FrameType, event: str, arg: object) -> Tracer:
        nonlocal lines
        lines += event == "line"
        return count

    def enter(frame: FrameType, event: str, arg: object) -> Tracer | None:
        nonlocal calls
        calls += event == "call" and frame.f_code.co_name == function
        return count if frame.f_code.co_filename == module_file else None

    sys.settrace(enter)
    try:
        return work(), lines, calls
    finally:
        sys.settrace(None)


def lines_run_in(module_file: str, work: Callable[[], Result]) -> tuple[Result, int]:
    """What work() returns, and how many lines of the module it ran."""
    result, lines, _ = steps_of(work, module_file)
    return result, lines
