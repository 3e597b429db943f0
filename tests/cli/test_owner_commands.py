"""What a server owner runs and sets: real `python -m bot` processes, their output and exit codes."""

from __future__ import annotations

import base64
import json
import os
import re
import time
import tomllib
from urllib.parse import parse_qs, urlsplit

import discord
import pytest

from bot.discord_app.invite import PERMISSIONS
from bot.health import STALE_SECONDS
from tests.cli.test_main import ROOT, run

STORY = "Olga played the harp by the river.\n\nThe river froze in winter.\n\nSnow fell on the mill.\n\nSpring came."


def one_clear_line(stderr: str) -> bool:
    return len(stderr.strip().splitlines()) == 1 and "Traceback" not in stderr and stderr.startswith("storybot: ")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STORYBOT_GUILD_ID", "²"),
        ("STORYBOT_CHANNELS", "1,²"),
        ("STORYBOT_SHARD_COUNT", "³"),
        ("STORYBOT_QUESTION_BUDGET", "5/³"),
        ("STORYBOT_QUESTION_BUDGET", "٥/30"),  # Arabic-Indic five: a digit to Python, not to an owner
    ],
)
def test_a_setting_with_digits_that_are_not_ascii_is_one_clear_line(name, value):
    result = run("ask", "violin", env={name: value})
    assert result.returncode == 2 and one_clear_line(result.stderr), result.stderr
    assert name in result.stderr


def test_version_is_the_installed_distributions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"{project['name']} {project['version']}"
    assert project["name"] != "storybot"  # on PyPI, "storybot" is an unrelated IRC library


def token_for(application_id: int) -> str:
    first = base64.urlsafe_b64encode(str(application_id).encode()).decode().rstrip("=")
    return f"{first}.GxYzAb.not-a-real-secret-part"


def readme_invite_permissions() -> set[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    step = readme[readme.index("**Invite it.**") :]
    step = step[: step.index("\n4. ")]
    return {" ".join(name.split()) for name in re.findall(r"\*([^*]+)\*", step[step.index("permissions") :])}


def test_invite_prints_the_link_with_exactly_the_permissions_readme_lists():
    result = run("invite", env={"DISCORD_TOKEN": token_for(1234567890123456789)})
    assert result.returncode == 0, result.stderr
    url = urlsplit(result.stdout.strip())
    query = parse_qs(url.query)
    assert (url.netloc, url.path) == ("discord.com", "/oauth2/authorize")
    assert query["client_id"] == ["1234567890123456789"]
    assert query["scope"] == ["bot applications.commands"]
    granted = discord.Permissions(int(query["permissions"][0]))
    assert all(getattr(granted, flag) for flag in PERMISSIONS) and bin(granted.value).count("1") == len(PERMISSIONS)
    assert set(PERMISSIONS.values()) == readme_invite_permissions()
    assert "not-a-real-secret" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("token", "said"),
    [
        (None, "set DISCORD_TOKEN"),
        ("garbage", "does not look like"),
        # Digits past the 4,300 int() takes: a ValueError's traceback.
        (base64.urlsafe_b64encode(b"1" * 5000).decode() + ".GxYzAb.not-a-real-secret-part", "does not look like"),
    ],
)
def test_invite_without_a_usable_token_is_one_clear_line(token, said):
    result = run("invite", env={"DISCORD_TOKEN": token} if token else {})
    assert result.returncode == 2 and one_clear_line(result.stderr) and said in result.stderr


def test_stories_lists_them_with_the_files_skipped(tmp_path):
    (tmp_path / "mill.txt").write_text(STORY)
    (tmp_path / "broken.txt").write_bytes(b"\xff\xff\x00bad")
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    text = run("stories", "--corpus", str(tmp_path), env=env)
    assert text.returncode == 0, text.stderr
    assert text.stdout.splitlines() == [f"1 story, 4 passages in {tmp_path}:", "  Mill (4 passages), mill.txt"]
    assert "warning: Skipped broken.txt" in text.stderr
    data = json.loads(run("stories", "--json", "--corpus", str(tmp_path), env=env).stdout)
    assert data["stories"] == [{"title": "Mill", "path": "mill.txt", "passages": 4}]
    [skipped] = data["skipped"]
    assert skipped["reason"] == "unreadable" and skipped["file"] == "broken.txt"
    assert f"storybot: warning: {skipped['message']}" in text.stderr


EMPTY = "Skipped empty.md: it is empty; add some paragraphs or remove it."


def test_stories_json_gives_each_file_skipped_a_stable_reason_code(tmp_path):
    """Scripts read why a file was skipped from its code: the message beside it is English, and may change."""
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "mill.txt").write_text(STORY)
    (stories / "broken.txt").write_bytes(b"\xff\xff\x00bad")
    (stories / "empty.md").write_text("")
    (stories / "invisible.md").write_text("\u200b\n\n\u200c\u2060 \u200e\n", encoding="utf-8")  # nothing shown
    (stories / "notes.json").write_text("{}")
    (stories / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "elsewhere").mkdir()
    (stories / "elsewhere").symlink_to(tmp_path / "elsewhere")
    (stories / "again.txt").symlink_to(stories / "mill.txt")
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    # Read from the files; then from the saved index, which keeps the files that gave no story as data, said the same.
    listings = []
    for index in ("off", "saved"):
        if index == "saved":
            index = str(tmp_path / "index")
            assert run("index", "--corpus", str(stories), env=env | {"STORYBOT_INDEX": index}).returncode == 0
            manifest = next((tmp_path / "index").glob("*/segments.json"))
            assert json.loads(manifest.read_text())["about"]["skipped"]["empty.md"][1] == {
                "file": "empty.md",
                "cause": "empty",
            }
        listed = run("stories", "--json", "--corpus", str(stories), env=env | {"STORYBOT_INDEX": index})
        assert listed.returncode == 0, listed.stderr
        skipped = json.loads(listed.stdout)["skipped"]
        assert {(entry["reason"], entry["file"]) for entry in skipped} == {
            ("read_twice", "mill.txt"),
            ("link_outside", "elsewhere"),
            ("unreadable", "broken.txt"),
            ("no_text", "empty.md"),
            ("no_text", "invisible.md"),
            ("cannot_open", "gone.txt"),
            ("not_stories", None),
        }, listed.stdout
        assert all(entry["message"].startswith(("Skipped ", "Ignored ")) for entry in skipped)
        assert {"reason", "file", "message"} == {key for entry in skipped for key in entry}
        listings.append(sorted(skipped, key=str))
    assert listings[0] == listings[1]
    assert {"reason": "no_text", "file": "empty.md", "message": EMPTY} in listings[0]


def test_a_story_of_one_passage_is_counted_in_the_singular(tmp_path):
    (tmp_path / "mill.txt").write_text("Olga played the harp by the river.\n")
    env = {"XDG_STATE_HOME": str(tmp_path / "state")}
    listed = run("stories", "--corpus", str(tmp_path), env=env)
    assert listed.stdout.splitlines() == [f"1 story, 1 passage in {tmp_path}:", "  Mill (1 passage), mill.txt"]
    console = run("console", "--corpus", str(tmp_path), stdin="/quit\n", env=env)
    assert console.stdout.startswith(f"storybot: 1 story, 1 passage from {tmp_path}.")


def test_an_unknown_story_points_at_the_stories_command():
    result = run("ask", "--story", "zzqx wvvy", "who?")
    assert result.returncode == 2 and "python -m bot stories lists them" in result.stderr


def test_skipped_files_are_warned_about_once_per_change(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    (corpus / "mill.txt").write_text(STORY)
    (corpus / "a.txt").write_bytes(b"\xff\xff\x00bad")
    env = {"XDG_STATE_HOME": str(tmp_path / "state"), "STORYBOT_CORPUS": str(corpus), "STORYBOT_INDEX": "off"}
    first, second = run("ask", "harp", env=env), run("ask", "harp", env=env)
    assert "Skipped a.txt" in first.stderr and second.stderr == ""
    assert "Olga played the harp" in first.stdout and "Olga played the harp" in second.stdout
    (corpus / "b.txt").write_bytes(b"\xff\xff\x00bad")
    changed = run("ask", "harp", env=env)
    assert "Skipped a.txt" in changed.stderr and "Skipped b.txt" in changed.stderr
    assert run("ask", "harp", env=env).stderr == ""
    assert "Skipped a.txt" in run("stories", env=env).stderr  # listing the stories always says
    (corpus / "a.txt").unlink()
    (corpus / "b.txt").unlink()
    assert run("ask", "harp", env=env).stderr == ""
    (corpus / "a.txt").write_bytes(b"\xff\xff\x00bad")  # the same problem back again: said again
    assert "Skipped a.txt" in run("ask", "harp", env=env).stderr


def test_dotenv_is_read_from_the_users_config_folder_and_the_current_one_wins(tmp_path):
    for name in ("here", "there"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(STORY)
    config = tmp_path / "config" / "storybot"
    config.mkdir(parents=True)
    (config / ".env").write_text(f"STORYBOT_CORPUS={tmp_path / 'there'}\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    assert "There (4 passages)" in run("stories", env=env, cwd=elsewhere).stdout
    (elsewhere / ".env").write_text("STORYBOT_INDEX=off\n")  # a .env here without the setting: still There
    assert "There (4 passages)" in run("stories", env=env, cwd=elsewhere).stdout
    (elsewhere / ".env").write_text(f"STORYBOT_CORPUS={tmp_path / 'here'}\n")
    assert "Here (4 passages)" in run("stories", env=env, cwd=elsewhere).stdout
    from_environment = env | {"STORYBOT_CORPUS": str(tmp_path / "there")}  # the environment wins over both
    assert "There (4 passages)" in run("stories", env=from_environment, cwd=elsewhere).stdout


def test_ask_json_echoes_a_bounded_prefix_of_a_huge_question():
    question = "where was sofia born " * 500_000  # 10.5 MB on one line
    result = run("ask", "--json", stdin=question + "\n")
    assert result.returncode == 0
    assert len(result.stdout) < 5_000
    data = json.loads(result.stdout)
    assert data["question"] == question[:1000] and data["question_truncated"] is True
    assert data["reason"] == "too_long"


def test_a_log_file_that_cannot_be_written_is_one_clear_line(tmp_path):
    (tmp_path / "a-file").write_text("")
    env = {"DISCORD_TOKEN": token_for(1000), "STORYBOT_LOG_FILE": str(tmp_path / "a-file" / "storybot.log")}
    result = run("run", env=env | {"STORYBOT_DATA": str(tmp_path / "data")})
    assert result.returncode == 2 and one_clear_line(result.stderr), result.stderr
    assert "STORYBOT_LOG_FILE" in result.stderr


def test_a_log_file_that_is_a_pipe_no_one_reads_is_one_clear_line(tmp_path):
    """Opening a named pipe to write waits for a reader: the bot waited for ever at start, saying nothing."""
    pipe = tmp_path / "storybot.log"
    os.mkfifo(pipe)
    env = {"DISCORD_TOKEN": token_for(1000), "STORYBOT_LOG_FILE": str(pipe), "STORYBOT_DATA": str(tmp_path / "data")}
    result = run("run", env=env)
    assert result.returncode == 2 and one_clear_line(result.stderr), result.stderr
    assert f"STORYBOT_LOG_FILE is {pipe}, a named pipe that no process reads" in result.stderr


def test_health_says_whether_a_bot_beat_recently(tmp_path):
    env = {"STORYBOT_DATA": str(tmp_path)}
    never = run("health", env=env)
    assert never.returncode == 1 and "has not connected" in never.stdout
    heartbeat = tmp_path / "heartbeat"
    heartbeat.touch()
    assert run("health", env=env).returncode == 0
    stale = time.time() - STALE_SECONDS - 5
    os.utime(heartbeat, (stale, stale))
    old = run("health", env=env)
    assert old.returncode == 1 and "last connected" in old.stdout
