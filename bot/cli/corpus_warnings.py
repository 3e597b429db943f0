"""Warnings about skipped story files, shown once per change rather than before every answer.

What was last shown for a corpus folder is remembered as a digest in the user's state folder (on
Linux ~/.local/state/storybot/warned/). `python -m bot stories` and `index` show them every time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from platformdirs import user_state_path

from bot.core.skipped import Problem
from bot.messages import WARNING_PREFIX, command_line_problem, problem_text
from bot.one_line import one_line


def remembered_in() -> Path:
    return user_state_path("storybot", appauthor=False) / "warned"


def print_problems(problems: Sequence[Problem], stream: TextIO, *, bot: bool = False) -> None:
    """One line each: a problem is one line naming its file, whose name may hold a line break. Worded for the
    command line, or (`bot`) for the owner of the running bot, who has Discord's /reload."""
    for problem in problems:
        print(
            WARNING_PREFIX + one_line(problem_text(problem) if bot else command_line_problem(problem)),
            file=stream,
        )


def print_changed_problems(root: Path, problems: Sequence[Problem], stream: TextIO) -> None:
    """Prints the problems unless they are the ones last printed for this corpus folder, and remembers them (a
    digest of the problems themselves, not of their wording: rewording one is no change to the folder).

    When nothing can be remembered (a state folder that cannot be written) they are printed every time.
    """
    record = remembered_in() / hashlib.sha256(str(root.resolve()).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    data = json.dumps([problem.as_data() for problem in problems], sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(data.encode("utf-8", "surrogateescape")).hexdigest() if problems else ""
    try:
        shown = record.read_text("ascii")
    except (OSError, UnicodeDecodeError):
        shown = ""
    if digest == shown:
        return
    print_problems(problems, stream)
    with contextlib.suppress(OSError):  # a digest torn by a crash only shows the warnings once more
        if digest:
            record.parent.mkdir(parents=True, exist_ok=True)
            record.write_text(digest, "ascii")
        else:
            record.unlink()
