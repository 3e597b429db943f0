"""Skipped files warned about once per change of a corpus folder's problems, each on one line. (The command line's
own runs: tests/cli/test_owner_commands.py, test_skipped_files_are_warned_about_once_per_change.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli.corpus_warnings import print_changed_problems, print_problems
from bot.core.skipped import Cause, Problem, Refusal
from bot.messages import WARNING_PREFIX

EMPTY = Problem(file="tales/empty.md", why=Refusal(cause=Cause.EMPTY))
READER = Problem(file="tales/mill.epub", why=Refusal(cause=Cause.NEEDS_READER, format="EPUB"))


def printed(root: Path, problems: list[Problem]) -> str:
    stream = io.StringIO()
    print_changed_problems(root, problems, stream)
    return stream.getvalue()


@pytest.fixture
def state(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    return tmp_path / "state"


def test_each_folder_is_warned_once_per_change_of_its_own_problems(tmp_path, state) -> None:
    here, there = tmp_path / "here", tmp_path / "there"
    assert "tales/empty.md" in printed(here, [EMPTY])
    assert printed(here, [EMPTY]) == ""
    assert "tales/empty.md" in printed(there, [EMPTY])  # another folder: its own record
    both = printed(here, [EMPTY, READER])
    assert "tales/empty.md" in both and "tales/mill.epub" in both
    assert printed(here, []) == ""  # nothing to say, and the record forgotten
    assert printed(here, [EMPTY, READER]) != ""  # the same problems back again: said again
    assert printed(there, [EMPTY]) == ""
    assert len(list((state / "storybot" / "warned").iterdir())) == 2


def test_where_nothing_can_be_remembered_the_warnings_are_printed_every_time(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XDG_STATE_HOME", str(blocked))
    assert "tales/empty.md" in printed(tmp_path, [EMPTY])
    assert "tales/empty.md" in printed(tmp_path, [EMPTY])


def test_a_problem_is_one_line_naming_its_file_worded_for_the_command_line_or_the_bot() -> None:
    broken = Problem(file="tales/two\nlines.md", why=Refusal(cause=Cause.EMPTY))
    command_line, bot = io.StringIO(), io.StringIO()
    print_problems([broken, READER], command_line)
    print_problems([broken, READER], bot, bot=True)
    lines = command_line.getvalue().splitlines()
    assert len(lines) == 2 and "two\\nlines.md" in lines[0] and all(line.startswith(WARNING_PREFIX) for line in lines)
    assert "run the command again" in lines[1] and "run the command again" not in bot.getvalue()
    assert len(bot.getvalue().splitlines()) == 2
