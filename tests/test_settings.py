import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.messages import settings_error_text
from bot.operations.opening import index_store
from bot.settings import QuestionBudget, Settings, SettingsError, bundled_corpus
from tests.cli.test_main import command_environment
from tests.conftest import CORPUS
from tests.hang import HANG_SECONDS
from tests.unprivileged import UNLISTED, closed_folder, said_unprivileged

ROOT = CORPUS.parent


def refused(env: dict[str, str]) -> str:
    """What the owner is told of settings that cannot work: the code and facts raised, in bot.messages' words."""
    with pytest.raises(SettingsError) as error:
        Settings.from_env(env)
    assert str(error.value).startswith(f"{error.value.fault.value}: ")  # the log's: the code, no words
    return settings_error_text(error.value)


def test_defaults_without_anything_set():
    settings = Settings.from_env({})
    assert settings.discord_token is None
    assert settings.corpus == bundled_corpus() and settings.corpus.is_dir()
    assert settings.channels == frozenset() and settings.guild_id is None and settings.shard_count is None


def test_values_are_parsed():
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": " secret ",
            "STORYBOT_CORPUS": "~/stories",
            "STORYBOT_GUILD_ID": "123",
            "STORYBOT_CHANNELS": "1, 2,3",
            "STORYBOT_LOG_LEVEL": "debug",
            "STORYBOT_SHARD_COUNT": "4",
            "STORYBOT_SHARD_IDS": "0,1",
            "STORYBOT_INDEX": "/tmp/storybot-index",
            "STORYBOT_DATA": "~/storybot-data",
            "STORYBOT_DATABASE_URL": "postgresql://bot:pw@db/stories",
            "STORYBOT_QUESTION_BUDGET": "3/20",
            "STORYBOT_ANSWER_DAYS": "30",
            "STORYBOT_VIEWS_MB": "256",
            "STORYBOT_SHELF_STORED_MB": "512",
            "STORYBOT_UPLOAD_SECONDS": "20",
            "STORYBOT_UPLOAD_MB": "512",
            "STORYBOT_EDIT_MINUTES": "5",
        }
    )
    assert settings.edit_minutes == 5 and Settings.from_env({}).edit_minutes == 15
    assert Settings.from_env({"STORYBOT_EDIT_MINUTES": "0"}).edit_minutes == 0
    assert settings.answer_days == 30 and Settings.from_env({}).answer_days == 90
    assert settings.views_mb == 256 and Settings.from_env({}).views_mb == 1024
    assert settings.shelf_stored_mb == 512 and Settings.from_env({}).shelf_stored_mb == 256
    assert settings.upload_seconds == 20 and Settings.from_env({}).upload_seconds == 60
    assert settings.upload_mb == 512 and Settings.from_env({}).upload_mb == 1024
    assert settings.data == Path("~/storybot-data").expanduser()
    assert settings.database_url == "postgresql://bot:pw@db/stories"
    assert settings.question_budget == QuestionBudget(3, 20)
    assert settings.discord_token == "secret"
    assert settings.corpus == Path("~/stories").expanduser()
    assert settings.guild_id == 123 and settings.channels == {1, 2, 3}
    assert settings.log_level == "DEBUG" and settings.shard_count == 4 and settings.shard_ids == (0, 1)
    store = index_store(settings)
    assert store is not None and store.base == Path("/tmp/storybot-index")
    assert index_store(Settings.from_env({"STORYBOT_INDEX": "off"})) is None


@pytest.mark.parametrize("quote", ['"', "'"])
def test_a_value_in_quotes_as_docker_env_file_passes_it_is_read_without_them(quote):
    # `docker run --env-file .env` (and podman's) pass DISCORD_TOKEN="abc" on with its quotes; python-dotenv and
    # compose take them off. A token, a path or a budget never starts and ends with a quote.
    settings = Settings.from_env(
        {
            "DISCORD_TOKEN": f"{quote}MTAwMA.secret.part{quote}",
            "STORYBOT_CORPUS": f"{quote}/srv/stories{quote}",
            "STORYBOT_QUESTION_BUDGET": f"{quote}3/60{quote}",
            "STORYBOT_GUILD_ID": f" {quote}123456789012345678{quote} ",
        }
    )
    assert settings.discord_token == "MTAwMA.secret.part" and settings.corpus == Path("/srv/stories")
    assert settings.question_budget == QuestionBudget(3, 60) and settings.guild_id == 123456789012345678
    assert Settings.from_env({"DISCORD_TOKEN": '""'}).discord_token is None  # quotes round nothing: not set
    assert Settings.from_env({"DISCORD_TOKEN": '"abc'}).discord_token == '"abc'  # one quote is not a pair


@pytest.mark.parametrize(
    ("token", "said"),
    [
        ("MTAwMA.secret part", "' ' at character 14"),  # copied across a line break
        ("Bot MTAwMA.secret.part", "' ' at character 4"),
        ("MTAwMA.secret\u200b.part", "'\\u200b' at character 14"),  # pasted from a web page
    ],
)
def test_a_token_with_a_space_or_an_invisible_character_is_named_not_sent(token, said):
    """Discord answered such a token 401, which read "Discord rejected the token ... Reset it": the owner was
    sent to reset a good token, when an inline comment, a 'Bot ' or a pasted invisible character was the fault."""
    said_back = refused({"DISCORD_TOKEN": token})
    assert said_back.startswith(f"DISCORD_TOKEN holds {said}") and "secret" not in said_back


@pytest.mark.parametrize("name", ["STORYBOT_DATA", "STORYBOT_CORPUS", "STORYBOT_LOG_LEVEL"])
def test_an_inline_comment_docker_env_file_keeps_in_the_value_is_named(name):
    """python-dotenv takes `STORYBOT_DATA=/data  # the volume` as /data; docker run --env-file passes the comment on,
    and the bot made a folder '/data  # the volume' beside the volume and kept its database there, lost with the
    container at the next upgrade."""
    said = f"{name} is '/data  # the volume': a '#' after a space starts a comment"
    assert refused({name: "/data  # the volume"}).startswith(said)
    assert Settings.from_env({"STORYBOT_DATA": "/srv/bots#2"}).data == Path("/srv/bots#2")  # no comment: a name
    assert Settings.from_env({"STORYBOT_DATA": '"/srv/bots #2"'}).data == Path("/srv/bots #2")  # quoted: meant


def test_the_token_is_never_in_the_repr():
    assert "secret" not in repr(Settings.from_env({"DISCORD_TOKEN": "secret"}))


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"STORYBOT_GUILD_ID": "my server"}, "STORYBOT_GUILD_ID"),
        ({"STORYBOT_CHANNELS": "general"}, "STORYBOT_CHANNELS"),
        ({"STORYBOT_LOG_LEVEL": "loud"}, "STORYBOT_LOG_LEVEL"),
        ({"STORYBOT_SHARD_IDS": "0"}, "STORYBOT_SHARD_COUNT"),
        ({"STORYBOT_SHARD_COUNT": "2", "STORYBOT_SHARD_IDS": "2"}, "below"),
        ({"STORYBOT_SHARD_COUNT": "2", "STORYBOT_SHARD_IDS": ","}, "STORYBOT_SHARD_IDS names no shard"),
        ({"STORYBOT_SHARD_COUNT": "0"}, "at least 1"),
        ({"STORYBOT_SHARD_COUNT": str(2**31), "STORYBOT_SHARD_IDS": str(2**31 - 1)}, "at most 2147483647"),
        ({"STORYBOT_ANSWER_DAYS": "0"}, "STORYBOT_ANSWER_DAYS is 0; it takes 1 to"),
        ({"STORYBOT_ANSWER_DAYS": "a month"}, "STORYBOT_ANSWER_DAYS"),
        ({"STORYBOT_VIEWS_MB": "0"}, "STORYBOT_VIEWS_MB is 0; it takes a whole number of megabytes, at least 1"),
        ({"STORYBOT_SHELF_STORED_MB": "0"}, "STORYBOT_SHELF_STORED_MB is 0; it takes a whole number of megabytes"),
        ({"STORYBOT_UPLOAD_SECONDS": "0"}, "STORYBOT_UPLOAD_SECONDS is 0; it takes 1 to 600 seconds"),
        ({"STORYBOT_UPLOAD_SECONDS": "601"}, "STORYBOT_UPLOAD_SECONDS is 601; it takes 1 to 600 seconds"),
        ({"STORYBOT_UPLOAD_MB": "255"}, "STORYBOT_UPLOAD_MB is 255; it takes 256 to 65536 megabytes"),
        ({"STORYBOT_EDIT_MINUTES": "1441"}, "STORYBOT_EDIT_MINUTES is 1441; it takes 0 to 1440 minutes"),
    ],
)
def test_bad_values_name_the_setting(env, named):
    assert named in refused(env)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("STORYBOT_SHARD_COUNT", "two"),
        ("STORYBOT_SHARD_COUNT", "-1"),
        ("STORYBOT_ANSWER_DAYS", "-1"),
        ("STORYBOT_ANSWER_DAYS", "a month"),
        ("STORYBOT_VIEWS_MB", "1 GB"),
        ("STORYBOT_SHELF_STORED_MB", "1 GB"),
        ("STORYBOT_UPLOAD_SECONDS", "a minute"),
        ("STORYBOT_UPLOAD_MB", "1 GB"),
        ("STORYBOT_EDIT_MINUTES", "-1"),
    ],
)
def test_a_count_that_is_no_number_is_not_called_a_discord_id(name, value):
    said = refused({name: value})
    assert f"{name} is '{value}'; it takes a whole number" in said and "Discord id" not in said


@pytest.mark.parametrize(
    ("name", "value"),
    [("STORYBOT_GUILD_ID", "my server"), ("STORYBOT_GUILD_ID", "123,456"), ("STORYBOT_CHANNELS", "1,general")],
)
def test_an_id_that_is_no_number_says_what_a_discord_id_is(name, value):
    assert re.search(rf"{name} .*a Discord id is all digits", refused({name: value}))


@pytest.mark.parametrize("name", ["STORYBOT_GUILD_ID", "STORYBOT_CHANNELS"])
@pytest.mark.parametrize("value", ["0", "9223372036854775808", "18446744073709551616", "99999999999999999999999"])
def test_a_number_no_discord_id_can_be_is_named(name, value):
    # 0 was taken for "not set" (commands synced globally, not to the server meant); past 64 bits, Discord
    # answers 404 at start-up, which said "Try again later". A 19-digit one past them was told "1 to 19 digits".
    said = refused({name: value})
    assert said.startswith(f"{name} is '{value}'; a Discord id is a number from 1 to 9223372036854775807")


def test_shard_ids_named_twice_or_out_of_order_are_each_shard_once_in_order():
    # Shard 0 named twice was launched twice: two connections for one shard, each question answered twice.
    settings = Settings.from_env({"STORYBOT_SHARD_IDS": "1,0,1", "STORYBOT_SHARD_COUNT": "2"})
    assert settings.shard_ids == (0, 1)
    assert settings.shards_tag == "shards-0-1"  # its heartbeat and log file, as for "0,1"


def test_shard_ids_that_are_no_numbers_are_not_called_discord_ids():
    said = refused({"STORYBOT_SHARD_IDS": "a,b", "STORYBOT_SHARD_COUNT": "2"})
    assert re.search(r"STORYBOT_SHARD_IDS .*shard numbers", said) and "Discord id" not in said


@pytest.mark.parametrize("budget", ["5", "five/30", "0/30", "5/0", "101/30", "5/3601"])
def test_a_question_budget_that_cannot_work_is_named(budget):
    assert refused({"STORYBOT_QUESTION_BUDGET": budget}).startswith("STORYBOT_QUESTION_BUDGET is ")


def test_the_data_folder_defaults_to_the_users_data_directory(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert Settings.from_env({}).data == tmp_path / "storybot"
    assert Settings.from_env({}).question_budget == QuestionBudget(5, 30)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DISCORD_TOKEN", "MTAwMA.secret.part # the bot's"),
        ("STORYBOT_DATABASE_URL", "postgresql://u:secret@db/s # prod"),
    ],
)
def test_an_inline_comment_after_a_secret_is_named_without_the_secret(name, value):
    """The inline-comment message shows the value it read: for the token or a URL's password, a secret printed to
    the console and the service's journal."""
    said = refused({name: value})
    assert said.startswith(f"{name} is ") and "secret" not in said and "comment" in said


@pytest.mark.parametrize(
    "env",
    [
        {"STORYBOT_SHARD_COUNT": "1" * 5000},
        {"STORYBOT_ANSWER_DAYS": "1" * 5000},
        {"STORYBOT_GUILD_ID": "1" * 5000},
        {"STORYBOT_CHANNELS": "1," + "1" * 5000},
        {"STORYBOT_QUESTION_BUDGET": "1" * 5000 + "/30"},
        {"STORYBOT_SHARD_COUNT": "2", "STORYBOT_SHARD_IDS": "0," + "1" * 5000},
    ],
)
def test_a_number_of_thousands_of_digits_is_named_in_one_short_line(env):
    # int() refuses a string of over 4,300 digits with a ValueError: the start ended in a traceback.
    (name,) = (n for n, value in env.items() if len(value) > 100)
    said = refused(env)
    assert name in said and len(said) < 400


@pytest.mark.parametrize("name", ["STORYBOT_CORPUS", "STORYBOT_DATA", "STORYBOT_INDEX", "STORYBOT_LOG_FILE"])
def test_a_path_from_the_home_of_no_user_is_named(name):
    # pathlib raised RuntimeError("Could not determine home directory."): a traceback at every start.
    said = f"{name} is '~nobody-here/stories', but no home folder is known for ~nobody-here; write it out in full."
    assert refused({name: "~nobody-here/stories"}) == said


COUNTED_START = """
import os, sys
env_file = os.path.realpath(sys.argv[1])
opened = []


def count_opens(event, args):
    if event == "open" and isinstance(args[0], (str, os.PathLike)) and os.path.realpath(args[0]) == env_file:
        opened.append(event)


sys.addaudithook(count_opens)
from bot.program import main

code = main(["stories"])
print("opened", len(opened), "exit", code)
"""
"""A start of the command line (`stories`) that counts how often the .env file is opened, by Python's own audit
events (every open(), os.open and pathlib's among them): no part of the start-up is stood in for."""


def test_a_start_reads_the_dotenv_file_once(tmp_path):
    """It was opened and parsed twice: once to find the lines python-dotenv would skip, then again by dotenv_values
    for the values. One read of each file serves both."""
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "a.txt").write_text("Olga played the harp.\n\nRain.\n\nSnow.\n\nWind.")
    (tmp_path / ".env").write_text("STORYBOT_CORPUS=stories\nSTORYBOT_INDEX=off\nSTORYBOT_LOG_LEVEL=${LEVEL}\n")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    environment |= {"PYTHONPATH": str(ROOT), "XDG_CONFIG_HOME": str(tmp_path / "config"), "LEVEL": "warning"}
    result = subprocess.run(
        [sys.executable, "-c", COUNTED_START, str(tmp_path / ".env")],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=HANG_SECONDS,
    )
    assert result.stdout.splitlines()[-1] == "opened 1 exit 0", result.stdout + result.stderr
    assert "1 story, 4 passages" in result.stdout  # the settings it read were used: its corpus, not the bundled one


def settings_said_unprivileged(folder: Path, env: dict[str, str]) -> str:
    """What Settings.from_env() says, with `env` in the environment, started in `folder` by a user who is not root:
    the SettingsError's message, or "read"."""

    def started() -> str:
        os.environ.update(env)  # where .env files are looked for: the environment's XDG_CONFIG_HOME
        try:
            Settings.from_env()  # the .env files, then the environment, as a start reads them
        except SettingsError as error:
            return settings_error_text(error)
        return "read"

    return said_unprivileged(started, folder)


def test_a_dotenv_file_this_user_may_not_read_is_named_not_a_traceback():
    """A .env written with sudo (root's, mode 0600) beside a bot run as its own user: PermissionError's traceback at
    every start, exit 1, which a service manager restarts for ever."""
    with closed_folder() as (shared, _):
        dotenv = shared / ".env"
        dotenv.write_text("STORYBOT_INDEX=off\n")
        dotenv.chmod(0o000)
        said = settings_said_unprivileged(shared, {"XDG_CONFIG_HOME": str(shared / "config")})
    assert said == (
        f"{dotenv} cannot be read (Permission denied); give this user leave to read it (its owner and mode), or "
        "remove it."
    ), said


def test_a_config_folder_this_user_may_not_enter_is_named_not_a_traceback():
    """XDG_CONFIG_HOME (or ~/.config) that the user may not enter (`sudo -u storybot` keeping root's HOME): looking for
    storybot/.env there raised."""
    with closed_folder() as (shared, closed):
        said = settings_said_unprivileged(shared, {"XDG_CONFIG_HOME": str(closed)})
    assert said == (
        f"{closed / 'storybot' / '.env'} cannot be looked for (Permission denied: a folder on its way is closed to "
        "this user); run storybot with this user's own home folder (sudo -H, or HOME=...), or set XDG_CONFIG_HOME."
    ), said


def test_a_current_folder_this_user_may_not_enter_is_named_not_a_traceback():
    """`sudo -u storybot ... python -m bot database status` (docs/service.md) run from root's home: looking for the
    current folder's .env raised PermissionError there."""
    with closed_folder() as (shared, closed):
        said = settings_said_unprivileged(closed, {"XDG_CONFIG_HOME": str(shared / "config")})
    assert said == (
        f"{closed / '.env'} cannot be looked for (Permission denied: this user may not enter the current folder); "
        "run storybot from a folder it may enter (cd / first)."
    ), said


def test_a_user_with_no_home_folder_is_told_to_set_one_not_a_traceback():
    """A container run with `--user 54321` and no HOME: platformdirs raised RuntimeError ("could not determine the
    home directory") while the config folder's .env was looked for, a traceback at every start, exit 1."""

    def started(home: Path | None) -> str:
        for name in ("HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "STORYBOT_DATA"):
            os.environ.pop(name, None)
        if home is not None:
            os.environ["HOME"] = str(home)
        try:
            Settings.from_env()
        except SettingsError as error:
            return settings_error_text(error)
        return "read"

    with closed_folder() as (shared, _):
        said = said_unprivileged(lambda: started(None), shared, user=UNLISTED)
        given_a_home = said_unprivileged(lambda: started(shared), shared, user=UNLISTED)
    assert said == (
        f"No home folder is known for this user (uid {UNLISTED}: HOME is not set, and the system lists no such user); "
        "set HOME to a folder this user may write (HOME=/srv/storybot), or run storybot as a user the system lists."
    ), said
    assert given_a_home == "read", given_a_home


def test_a_current_folder_that_was_removed_is_named_not_a_traceback(tmp_path):
    """A shell left in a folder deleted under it (a temporary folder cleaned, a worktree removed): Path.cwd raised
    FileNotFoundError while the .env files were looked for, a traceback at every start, exit 1."""
    gone = tmp_path / "gone"
    gone.mkdir()
    script = f'cd "{gone}" && rmdir "{gone}" && exec "{sys.executable}" -m bot --corpus "{CORPUS}" ask "violin"'
    environment = command_environment({"XDG_CONFIG_HOME": str(tmp_path / "config"), "STORYBOT_INDEX": "off"})
    result = subprocess.run(["sh", "-c", script], capture_output=True, text=True, env=environment, timeout=HANG_SECONDS)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr == (
        "storybot: .env cannot be looked for (No such file or directory: the current folder was removed); run storybot "
        "from a folder that exists (cd / first).\n"
    )
