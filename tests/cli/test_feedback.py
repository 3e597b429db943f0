"""`python -m bot feedback export`: the readers' 👎 as a file of questions, whatever the terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest

from bot.cli.feedback import ExportError, export_feedback
from bot.messages import EMPTY_PATH
from bot.settings import Settings
from bot.state.database import Database
from bot.state.feedback import Judgement, Vote
from tests.cli.test_main import command_environment, run, run_with_streams
from tests.disk import FAT_KINDS, fat_disk, fill, small_disk
from tests.held_lock import postgresql_waiting, run_while_held
from tests.unprivileged import NOBODY, closed_folder, said_unprivileged

QUESTION = "Où est né Sébastien ? 日本"


async def voted_down(
    data: Path, question: str, story_title: str, excerpt: str, database_url: str | None = None
) -> Path:
    """A data folder whose database (or the PostgreSQL database at `database_url`) holds one 👎 on `question`."""
    database = await Database.open(Settings(data=data, database_url=database_url))
    judgement = Judgement(
        server_id=123456789012345678,
        channel_id=1,
        message_id=2,
        user_id=3,
        vote=Vote.DOWN,
        question=question,
        story_path="violinist.md",
        story_title=story_title,
        passage=1,
        excerpt=excerpt,
    )
    try:
        await database.feedback.record(judgement)
    finally:
        await database.close()
    return data


@pytest.fixture
async def voted(tmp_path: Path) -> Path:
    """A data folder whose database holds one 👎 on a question in French and Japanese."""
    return await voted_down(tmp_path / "data", QUESTION, "Sébastien, violoniste", "Né à Moscou.")


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_export_to_stdout_is_utf8_whatever_the_terminal_encoding(voted, encoding):
    result = run("feedback", "export", "-", env={"STORYBOT_DATA": str(voted), "PYTHONIOENCODING": encoding})
    assert result.returncode == 0, result.stderr
    [line] = [json.loads(text) for text in result.stdout.splitlines()]
    assert line["q"] == QUESTION and line["story"] == "Sébastien, violoniste"  # not "O? est n? S?bastien ? ??"
    assert "eval --questions stdout" not in result.stderr  # no file is called that


def test_an_export_to_an_empty_name_is_bad_usage_not_the_current_folder(tmp_path):
    # `feedback export "$OUT"` with OUT unset: Path("") is the current folder, and it said ". already exists".
    result = run("feedback", "export", "", env={"STORYBOT_DATA": str(tmp_path / "data")}, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].endswith(EMPTY_PATH)
    assert ". already exists" not in result.stderr and "Traceback" not in result.stderr


def test_an_export_of_no_votes_says_so_and_not_to_replay_a_file_eval_would_refuse(tmp_path):
    target = tmp_path / "to-fix.jsonl"
    result = run("feedback", "export", str(target), env={"STORYBOT_DATA": str(tmp_path / "data")})
    assert result.returncode == 0 and target.read_text("utf-8") == ""
    assert (
        result.stderr
        == f"storybot: no answer has been voted 👎 yet, so {target} holds none; nothing to replay with eval.\n"
    )
    assert run("eval", "--questions", str(target)).returncode == 2  # what it said to run before


def test_export_to_output_the_shell_closed_is_said_in_one_line(voted):
    """`feedback export - >&-`: Python has no sys.stdout, and the bytes written to its stand-in's `buffer` ended
    in an AttributeError traceback."""
    result = run_with_streams(
        ("feedback", "export", "-"),
        {"STORYBOT_DATA": str(voted)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: os.close(1),
    )
    assert result.returncode == 1
    assert result.stderr.decode() == "storybot: could not write the output (Bad file descriptor).\n"


async def test_a_question_holding_a_line_separator_is_exported_on_one_line_and_replayed(tmp_path):
    """json.dumps leaves U+2028, U+2029 and NEL as they are, and str.splitlines ends a line at each: a reader's
    question pasted with one split its record in two, and `eval --questions` refused the whole file."""
    question = "Where was Sébastien\u2028born?\u2029\x85"
    data = await voted_down(tmp_path / "data", question, "The Violinist\u2028of Moscow", "Born in\u2029Moscow.")
    exported = tmp_path / "to-fix.jsonl"
    assert run("feedback", "export", str(exported), env={"STORYBOT_DATA": str(data)}).returncode == 0
    [line] = exported.read_text("utf-8").splitlines()
    record = json.loads(line)
    assert record["q"] == question and record["story"] == "The Violinist\u2028of Moscow"
    exported.write_text(json.dumps(record | {"expect": "Moscow"}, ensure_ascii=False) + "\n", "utf-8")  # by hand
    replayed = run("eval", "--questions", str(exported))
    assert replayed.returncode == 0, replayed.stderr
    assert "1 question: hit@1 100.0%" in replayed.stdout

    asked = run("ask", "--json", stdin=f"{question}\nwho is sofia\n")
    assert [json.loads(line)["question"] for line in asked.stdout.splitlines()] == [question, "who is sofia"]


async def test_an_export_waits_for_a_lock_held_past_the_bots_seconds_within_its_own(tmp_path, postgresql_url):
    """Another session holds the votes' table 3 seconds after the export's read waits for it (a migration, a
    `pg_dump` of it, a long transaction): the export waits, as its 2 minutes allow; each statement had the bot's
    2 seconds, and it ended "Could not read the feedback (no answer within 120 seconds)" after 2."""
    await voted_down(tmp_path / "unused", QUESTION, "Sébastien, violoniste", "Né à Moscou.", postgresql_url)
    holder = await asyncpg.connect(postgresql_url)
    held = holder.transaction()
    await held.start()
    await holder.execute("LOCK TABLE feedback IN ACCESS EXCLUSIVE MODE")

    async def release() -> None:
        await held.rollback()
        await holder.close()

    exported = tmp_path / "to-fix.jsonl"
    env = {"STORYBOT_DATA": str(tmp_path / "unused"), "STORYBOT_DATABASE_URL": postgresql_url}
    done = await run_while_held(["feedback", "export", str(exported)], env, postgresql_waiting(holder), release)
    assert done.returncode == 0, done.stderr
    [line] = exported.read_text("utf-8").splitlines()
    assert json.loads(line)["q"] == QUESTION


@pytest.mark.parametrize("kind", FAT_KINDS)
def test_an_export_to_a_fat_stick_is_written_whole_and_never_over_a_file(voted, tmp_path, kind):
    # FAT and exFAT (USB sticks, SD cards) have no hard links, and the export was one: it could not be written there.
    with fat_disk(tmp_path / "stick", kind) as stick:
        target = stick / "to-fix.jsonl"
        exported = run("feedback", "export", str(target), env={"STORYBOT_DATA": str(voted)})
        assert exported.returncode == 0, exported.stderr
        [line] = [json.loads(text) for text in target.read_text("utf-8").splitlines()]
        assert line["q"] == QUESTION
        again = run("feedback", "export", str(target), env={"STORYBOT_DATA": str(voted)})
        assert again.returncode == 2 and "already exists" in again.stderr
        assert os.listdir(stick) == ["to-fix.jsonl"]  # nothing left beside it


LINKS_REFUSED = """
import errno, sys

def refuse_links(event, args):
    if event == "os.link":
        raise PermissionError(errno.EPERM, "Operation not permitted")

sys.addaudithook(refuse_links)
from bot.program import main
raise SystemExit(main())
"""
"""`python -m bot` with link(2) refused as FAT refuses it (EPERM): an audit hook that raises stops the call it
audits (PEP 578; os.link is audited as "os.link" before the call), where a FAT filesystem cannot be mounted (CI)."""


def test_an_export_where_hard_links_are_refused_is_written_all_the_same(voted, tmp_path):
    target = tmp_path / "to-fix.jsonl"
    exported = subprocess.run(
        [sys.executable, "-c", LINKS_REFUSED, "feedback", "export", str(target)],
        capture_output=True,
        text=True,
        env=command_environment({"STORYBOT_DATA": str(voted)}),
        timeout=60,
    )
    assert exported.returncode == 0, exported.stderr
    [line] = [json.loads(text) for text in target.read_text("utf-8").splitlines()]
    assert line["q"] == QUESTION and sorted(os.listdir(tmp_path)) == ["data", "to-fix.jsonl"]


def test_an_export_to_a_full_disk_leaves_nothing_beside_the_files_there(voted, tmp_path):
    # A full stick: the export's temporary file, cut short as it was written, was left beside the owner's files.
    with small_disk(tmp_path / "stick", "64k") as stick:
        fill(stick)
        exported = run("feedback", "export", str(stick / "to-fix.jsonl"), env={"STORYBOT_DATA": str(voted)})
        assert exported.returncode != 0 and "No space left on device" in exported.stderr, exported.stderr
        assert os.listdir(stick) == ["filler"]


def test_an_export_into_a_folder_the_user_may_not_enter_is_said_in_one_line():
    """`sudo -u storybot ... feedback export ~/to-fix.jsonl`, ~ the owner's own home: looking whether the file was
    there raised PermissionError (Path.exists), a traceback, where a folder it cannot write is said."""
    with closed_folder() as (shared, closed):
        data = shared / "data"
        export_feedback(Settings(data=data), shared / "warm.jsonl", None)  # the database made, its modules in
        if os.geteuid() == 0:  # the database is the unprivileged user's, as a service's is
            for path in (data, *data.iterdir()):
                os.chown(path, NOBODY, NOBODY)
        target = closed / "to-fix.jsonl"

        def exported() -> str:
            try:
                export_feedback(Settings(data=data), target, None)
            except ExportError as error:
                return str(error)
            return "written"

        said = said_unprivileged(exported)
    assert said == f"Could not write {target} (Permission denied); check the folder exists and can be written.", said
