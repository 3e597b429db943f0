"""`python -m bot feedback export FILE`: the answers readers voted 👎, as an `eval --questions` file.

Each line has the question and an empty "expect" for the owner to fill in with words the right
passage holds; the rest (the story and passage shown, the votes) says what went wrong. Lines whose
"expect" is still empty are skipped by eval, so a half-done file can be replayed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from bot.cli.json_lines import json_line
from bot.cli.on_database import run_on_database
from bot.core.new_name import move_new
from bot.messages import cannot_write_text, feedback_exported_text, file_exists_text, shown_passage_text
from bot.settings import Settings
from bot.state.database_fault import DatabaseTask

if TYPE_CHECKING:
    from bot.state.feedback import AnswerFeedback


class ExportError(Exception):
    """The export cannot be written; the message says why and what to do."""


EXPORT_SECONDS = 120.0
"""An export reads every vote; no one is waiting on Discord's seconds."""


async def _voted_down(settings: Settings, server: int | None) -> list[AnswerFeedback]:
    from bot.state.database import Database

    database = await Database.open(settings, deadline=EXPORT_SECONDS)
    try:
        return await database.feedback.answers_voted_down(server, every_server=server is None)
    finally:
        await database.close()


def question_line(answer: AnswerFeedback) -> dict[str, object]:
    return {
        "q": answer.question,
        "expect": "",
        "story": answer.story_title,
        "shown": shown_passage_text(answer.story_title, answer.passage, answer.excerpt),
        "down": answer.down,
        "up": answer.up,
        "server": answer.server_id,
        "last": answer.last.isoformat(timespec="seconds"),
    }


def export_feedback(settings: Settings, target: Path, server: int | None) -> int:
    answers = run_on_database(_voted_down(settings, server), ExportError, DatabaseTask.READ_FEEDBACK)
    text = "".join(json_line(question_line(a)) + "\n" for a in answers)
    to_stdout = str(target) == "-"
    if to_stdout:  # UTF-8 as the file is, whatever the terminal's encoding: "?" in a question is lost for good
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        _write_new(target, text)
    print(feedback_exported_text(len(answers), to_stdout, str(target)), file=sys.stderr)
    return 0


def _write_new(path: Path, text: str) -> None:
    """Written whole or not at all, and never over an existing file (it may be the owner's edited one)."""
    try:
        if path.exists():
            raise ExportError(file_exists_text(str(path)))
    except OSError as error:  # a folder on its way this user may not enter (the owner's home, under sudo -u)
        raise ExportError(cannot_write_text(str(path), str(error.strerror))) from error
    try:
        descriptor, name = tempfile.mkstemp(suffix=".tmp", dir=path.parent)
        try:
            with open(descriptor, "w", encoding="utf-8") as temporary:
                temporary.write(text)
            move_new(Path(name), path)
        finally:
            Path(name).unlink(missing_ok=True)  # moved, or not, or cut short by a full disk
    except FileExistsError as error:
        raise ExportError(file_exists_text(str(path))) from error
    except OSError as error:
        raise ExportError(cannot_write_text(str(path), str(error.strerror))) from error
