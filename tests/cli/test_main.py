"""The command line as scripts use it: real processes, real exit codes, the JSON contract."""

import json
import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest

from bot.messages import COMMAND_LINE_HELP, CONSOLE_HELP, NAME_ECHOED, THANKS_REPLY
from bot.operations.look_up_person import MAX_PERSON_NAME_CHARS
from tests.conftest import CORPUS
from tests.disk import fill, small_disk
from tests.lookalike_stories import LOOKALIKES, write_stories
from tests.process_forks import FORKS, forkable

ROOT = CORPUS.parent


def command_environment(env: dict[str, str] | None = None) -> dict[str, str]:
    """This environment without the tester's own storybot settings, with `env`'s."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    return environment | {"PYTHONPATH": str(ROOT)} | (env or {})


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS` as a real process, a fork of one that imported the bot (tests/process_forks.py), or a new
    Python when `env` sets what Python reads at its start."""
    environment = command_environment(env)
    if forkable(environment):
        return FORKS.run(list(args), input=stdin, env=environment, cwd=cwd, timeout=60)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd,
        timeout=60,
    )


def test_ask_prints_excerpt_story_and_position():
    result = run("ask", "Where was Sébastien born?")
    assert result.returncode == 0, result.stderr
    assert 'From "Sébastien Kalmurzaeva: The Violinist of Moscow", passage 1 of 6' in result.stdout
    assert "Born in Moscow" in result.stdout
    assert result.stderr == ""


def test_a_question_or_a_name_typed_without_quotes_is_its_words_as_quoted():
    # `ask where was sebastien born` was argparse's "unrecognized arguments: was sebastien born", exit 2.
    unquoted = run("ask", "--json", "Where", "was", "Sébastien", "born?")
    assert unquoted.returncode == 0, unquoted.stderr
    assert json.loads(unquoted.stdout) == json.loads(run("ask", "--json", "Where was Sébastien born?").stdout)
    person = run("performer", "--json", "Sofia", "Kalmurzaeva")
    assert person.returncode == 0, person.stderr
    assert json.loads(person.stdout)["query"] == "Sofia Kalmurzaeva"
    assert [m["name"] for m in json.loads(person.stdout)["matches"]] == ["Sofia Kalmurzaeva"]


def test_a_story_titled_at_a_megabyte_is_answered_in_a_few_lines(tmp_path):
    """Its title was printed whole with the answer (and in `stories`): 1 MB on the terminal for one question."""
    (tmp_path / "mill.md").write_text(f"# {'The Long Winter ' * 70_000}\n\nThe wheel turned by the river.")
    env = {"STORYBOT_INDEX": "off", "XDG_STATE_HOME": str(tmp_path / "state")}
    answered = run("ask", "--corpus", str(tmp_path), "what turned by the river", env=env)
    assert answered.returncode == 0 and "The wheel turned" in answered.stdout, answered.stderr
    assert len(answered.stdout) < 1_000 and 'From "The Long Winter The Long' in answered.stdout
    listed = run("stories", "--corpus", str(tmp_path), env=env)
    assert listed.returncode == 0 and len(listed.stdout) < 1_000, listed.stderr


def test_a_byte_order_mark_before_the_questions_read_from_stdin_is_no_part_of_the_first():
    """A questions file saved by Notepad starts with one: `--json` echoed it in the first question."""
    result = run("ask", "--json", stdin="\ufeffwho is ivan\r\n\ufeffwho is sofia\r\n")
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["question"] == "who is ivan" and first["answer"] is not None
    assert second["question"] == "\ufeffwho is sofia"  # within the text, a line's own: echoed as it came


def test_ask_json_contract():
    result = run("ask", "--json", "how old is SOFIA?")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["question"] == "how old is SOFIA?"
    answer = data["answer"]
    assert {"story", "excerpt", "score", "passage"} <= answer.keys()
    assert "Odyssey" in answer["story"] and answer["passage"] == 1
    assert isinstance(answer["score"], float) and answer["score"] > 0
    assert "**" not in answer["excerpt"]
    assert all({"story", "excerpt", "score", "passage"} <= alt.keys() for alt in data["alternatives"])
    start, end = answer["highlights"][0]
    assert answer["excerpt"][start:end] == "Sofia"


def test_ask_json_reads_one_question_per_line_in_order():
    questions = ["Where was Sebastien born?", "", "what is the", "Who did Sofia meet at the club?", "x" * 5000]
    result = run("ask", "--json", stdin="\n".join(questions) + "\n")
    assert result.returncode == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["question"] for line in lines] == [*questions[:4], "x" * 1000]
    assert [line.get("question_truncated", False) for line in lines] == [False] * 4 + [True]
    assert [line["answer"] is not None for line in lines] == [True, False, False, True, False]
    assert [line.get("reason") for line in lines] == [None, "empty", "no_content_words", None, "too_long"]


def test_ask_reads_one_question_per_line_and_parts_the_answers_with_a_blank_line():
    result = run("ask", stdin="Where was Sebastien born?\nwho is sofia\n")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.split("\n\nFrom ")
    assert first.startswith('From "Sébastien Kalmurzaeva') and second.startswith("\"Kalmurzaeva's Odyssey")


@pytest.mark.parametrize("question", ["what is the", "🎻🎻🎻", "Кто такая София?", "@everyone what is **this**"])
def test_unanswerable_questions_exit_0_with_a_clear_message(question):
    result = run("ask", question)
    assert result.returncode == 0
    assert result.stdout.strip() and "Traceback" not in result.stderr
    assert "stories" in result.stdout


def test_empty_question_is_bad_usage():
    result = run("ask", "  ")
    assert result.returncode == 2
    assert "question is empty" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("as_json", [False, True])
def test_a_question_too_long_is_bad_usage_in_one_line_as_an_empty_one_is(as_json):
    question = " ".join(["where was sofia born"] * 250)  # a line of stdin this long is answered (above)
    result = run("ask", *(["--json"] if as_json else []), question)
    assert result.returncode == 2 and result.stdout == "", result.stdout
    assert result.stderr.count("\n") == 1 and f"{len(question):,} characters" in result.stderr, result.stderr


def test_performer_json_contract():
    result = run("performer", "--json", "Kalmurzaeva")
    data = json.loads(result.stdout)
    assert data["query"] == "Kalmurzaeva" and data["ambiguous"] is True
    assert sorted(m["name"] for m in data["matches"]) == ["Sofia Kalmurzaeva", "Sébastien Kalmurzaeva"]
    assert all({"name", "story", "intro", "mentions"} <= m.keys() for m in data["matches"])


def test_performer_text():
    assert "Sophie Korolev" in run("performer", "korolev").stdout
    assert "No one called" in run("performer", "Beethoven").stdout


def test_performer_says_a_misspelt_name_found_the_closest_person():
    exact, misspelt = run("performer", "Sofia").stdout, run("performer", "sofiya").stdout
    assert "No one called" not in exact and "Sofia Kalmurzaeva" in exact
    first, card = misspelt.split("\n", 1)
    assert first == 'No one called "sofiya" in the stories; the closest name is Sofia Kalmurzaeva:'
    assert card == exact
    assert json.loads(run("performer", "--json", "sofiya").stdout)["misspelt"] is True
    assert json.loads(run("performer", "--json", "Sofia").stdout)["misspelt"] is False


def test_performer_says_a_misspelt_name_found_the_closest_people():
    # A misspelling close to two names listed them as if they were people of the name as typed ('"Kalmurzayeva"
    # could be any of these'), though its JSON said "misspelt": true.
    choice = run("performer", "Kalmurzayeva").stdout.splitlines()
    assert (
        choice[0]
        == 'No one called "Kalmurzayeva" in the stories. The closest names are these; ask again with the full name:'
    )
    assert [line.split(" (")[0] for line in choice[1:]] == ["  - Sofia Kalmurzaeva", "  - Sébastien Kalmurzaeva"]
    assert run("performer", "Kalmurzaeva").stdout.startswith('"Kalmurzaeva" could be any of these')


def test_corpus_option_and_environment(tmp_path):
    (tmp_path / "mill.txt").write_text(
        "The miller ground flour.\n\nHis daughter Lena sang.\n\nThe river froze.\n\nSpring came late."
    )
    by_option = json.loads(run("ask", "--json", "--corpus", str(tmp_path), "who sang").stdout)
    by_env = json.loads(run("ask", "--json", "who sang", env={"STORYBOT_CORPUS": str(tmp_path)}).stdout)
    assert by_option["answer"]["story"] == by_env["answer"]["story"] == "Mill"


def test_dotenv_file_is_read(tmp_path):
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "a.txt").write_text("Olga played the harp.\n\nRain.\n\nSnow.\n\nWind.")
    (tmp_path / ".env").write_text("STORYBOT_CORPUS=stories\n")
    result = run("ask", "--json", "harp", cwd=tmp_path)
    assert json.loads(result.stdout)["answer"]["story"] == "A"


@pytest.mark.parametrize("off", ["OFF", "Off"])
def test_the_index_turned_off_in_capitals_is_off(tmp_path, off):
    # Only "off" was off: "OFF" in a .env was taken as a folder beside it, made and filled with indexes.
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "a.txt").write_text("Olga played the harp.\n\nRain.\n\nSnow.\n\nWind.")
    (tmp_path / ".env").write_text(f"STORYBOT_CORPUS=stories\nSTORYBOT_INDEX={off}\n")
    result = run("index", cwd=tmp_path)
    assert result.returncode == 2 and "STORYBOT_INDEX is off" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".env", "stories"]


def test_a_value_with_a_hash_quoted_in_dotenv_as_the_inline_comment_message_says_is_read(tmp_path):
    """The message about an inline comment says to put a value whose '#' is meant in quotes; python-dotenv takes
    them off, and the value it left in the environment was refused all the same: the advice could not be taken."""
    (tmp_path / "stories #2").mkdir()
    (tmp_path / "stories #2" / "a.txt").write_text("Olga played the harp.\n\nRain.\n\nSnow.\n\nWind.")
    (tmp_path / ".env").write_text('STORYBOT_CORPUS="stories #2"\n')
    result = run("ask", "--json", "harp", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answer"]["story"] == "A"


def test_a_relative_path_in_the_config_folders_dotenv_is_taken_from_that_folder(tmp_path):
    """README: the config folder's .env lets the bot start from elsewhere. A relative STORYBOT_CORPUS or
    STORYBOT_DATA in it was taken from wherever the bot started: another folder's stories, or a new empty
    database there, the servers' settings and shelves seemingly gone."""
    config = tmp_path / "config" / "storybot"
    (config / "stories").mkdir(parents=True)
    (config / "stories" / "a.txt").write_text("Olga played the harp.\n\nRain.\n\nSnow.\n\nWind.")
    (config / ".env").write_text("STORYBOT_CORPUS=stories\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run("ask", "--json", "harp", cwd=elsewhere, env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["answer"]["story"] == "A"


def test_a_relative_path_up_from_the_config_folder_is_shown_as_the_folder_it_is(tmp_path):
    """It was shown as ".../config/storybot/../../mystories". The config folder is a link here, as dotfiles make it:
    ".." goes up from where the link leads (as opening the path does), not from the link's own folder."""
    real = tmp_path.resolve() / "dotfiles" / "storybot"
    real.mkdir(parents=True)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "storybot").symlink_to(real)
    (real / ".env").write_text("STORYBOT_CORPUS=../mystories\n")
    stories = tmp_path.resolve() / "dotfiles" / "mystories"
    stories.mkdir()
    (stories / "a.txt").write_text("Olga played the harp.\n\nRain.")
    (tmp_path / "elsewhere").mkdir()
    result = run("stories", cwd=tmp_path / "elsewhere", env={"XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"1 story, 2 passages in {stories}:"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1252"])
def test_a_dotenv_file_not_in_utf8_is_named_in_one_line(tmp_path, encoding):
    """Windows PowerShell's `>` writes UTF-16, Notepad's ANSI cp1252: either ended every command (the bot,
    its health check) in a UnicodeDecodeError traceback, exit 1, which systemd and podman restart for ever."""
    (tmp_path / ".env").write_text("# R\u00e9cits de No\u00ebl\r\nSTORYBOT_CORPUS=stories\r\n", encoding=encoding)
    result = run("ask", "violin", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"{tmp_path / '.env'} is not UTF-8 text" in result.stderr and "save it as UTF-8" in result.stderr


def test_a_dotenv_file_holding_a_nul_character_is_named_in_one_line(tmp_path):
    """python-dotenv keeps a NUL in a value, which the environment cannot hold: a ValueError traceback, exit 1."""
    (tmp_path / ".env").write_bytes(b"STORYBOT_CORPUS=stories\0\n")
    result = run("ask", "violin", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"{tmp_path / '.env'} holds a NUL character" in result.stderr


@pytest.mark.parametrize(
    ("line", "name"),
    [('STORYBOT_CORPUS="stories\n', "STORYBOT_CORPUS"), ('DISCORD_TOKEN = "abc.def.ghi"x\n', "DISCORD_TOKEN")],
)
def test_a_dotenv_line_python_dotenv_cannot_read_is_named_not_skipped(tmp_path, line, name):
    """python-dotenv skips such a line (a quote left open, text after the closing one) with a warning that names
    neither the file nor the setting: the bot ran on without it, from the bundled stories, or said no token was set."""
    (tmp_path / ".env").write_text(line + "STORYBOT_INDEX=off\n")
    result = run("ask", "violin", cwd=tmp_path)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"{tmp_path / '.env'}, line 1 ({name}=...), cannot be read" in result.stderr, result.stderr
    assert "abc" not in result.stderr and "stories" not in result.stderr.split("cannot be read")[1]


def test_bad_corpus_is_exit_2_without_traceback(tmp_path):
    missing = run("ask", "--corpus", str(tmp_path / "nope"), "violin")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    (tmp_path / "bad.txt").write_bytes(b"\xff\xff\x00bad")
    unreadable = run("ask", "--corpus", str(tmp_path), "violin")
    assert unreadable.returncode == 2 and "bad.txt" in unreadable.stderr
    assert "Traceback" not in missing.stderr + unreadable.stderr


def test_a_path_given_with_a_tilde_is_in_the_home_folder_as_in_the_settings(tmp_path):
    """The shell leaves `~` as it is in `--corpus=~/stories`: "The corpus folder ~/stories does not exist", where
    STORYBOT_CORPUS=~/stories was the home folder's."""
    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "mill.md").write_text("# The Mill\n\nThe wheel turned by the river.")
    (tmp_path / "q.jsonl").write_text('{"q": "what turned", "expect": "wheel"}\n')
    env = {"HOME": str(tmp_path), "STORYBOT_INDEX": "off", "XDG_STATE_HOME": str(tmp_path / "state")}
    listed = run("--corpus=~/stories", "stories", env=env)
    assert listed.returncode == 0 and listed.stdout.startswith(f"1 story, 1 passage in {tmp_path / 'stories'}:")
    measured = run("eval", "--corpus=~/stories", "--questions=~/q.jsonl", env=env)
    assert measured.returncode == 0 and "1 question: hit@1 100.0%" in measured.stdout, measured.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("ask", "--corpus=~stories", "violin"),  # "~/stories" typed without its slash
        ("--corpus", "~nobody-here/stories", "stories"),
        ("shelf", "import", "--server", "123456789012345678", "~nobody-here/mill.md"),
        ("eval", "--questions=~nobody-here/q.jsonl"),
    ],
)
def test_a_path_given_from_the_home_of_no_user_is_named_not_a_traceback(args):
    """The settings name "~nobody-here/stories" (no user, no home); a path given on the command line was a
    RuntimeError's traceback from pathlib ("Could not determine home directory."), exit 1."""
    result = run(*args, env={"STORYBOT_INDEX": "off"})
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    home = next(a for a in args if "~" in a).split("~", 1)[1].split("/", 1)[0]
    assert f"no home folder is known for ~{home} in " in result.stderr.splitlines()[-1], result.stderr


def test_skipped_files_are_warned_about_and_the_rest_answers(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text((ROOT / "corpus" / "sophie-korolev-pianist.md").read_text())
    (tmp_path / "c.txt").write_bytes(b"\xff\xff\x00bad")
    result = run("ask", "--corpus", str(tmp_path), "piano")
    assert result.returncode == 0 and "Sophie Korolev" in result.stdout
    assert "warning: Skipped c.txt" in result.stderr


def test_without_the_formats_extra_the_command_line_says_to_run_again_not_to_reload(tmp_path):
    """The warning named Discord's reload, which the command line has not; installing the reader has the next
    command read the stories again."""
    from tests.core.readers.test_epub import write_epub  # that module skips itself without lxml: not all of these

    blocked = tmp_path / "blocked" / "lxml"
    blocked.mkdir(parents=True)
    (blocked / "__init__.py").write_text("raise ImportError('lxml is not installed here')\n")
    stories = tmp_path / "stories"
    stories.mkdir()
    write_epub(stories / "keeper.epub")
    (stories / "notes.txt").write_text("Olga played the harp.\n\nRain fell.")
    env = {"STORYBOT_CORPUS": str(stories), "PYTHONPATH": f"{blocked.parent}{os.pathsep}{ROOT}"}
    result = run("stories", env=env)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "storybot: warning: Skipped keeper.epub: it needs the optional EPUB reader; install it with "
        "pip install -e '.[formats]', then run the command again."
    ]


def test_bad_setting_is_exit_2():
    result = run("ask", "violin", env={"STORYBOT_GUILD_ID": "my-server"})
    assert result.returncode == 2 and "STORYBOT_GUILD_ID" in result.stderr


def test_console_without_token_answers_and_looks_up(tmp_path):
    result = run(stdin="Where was Sebastien born?\n/performer sofiya\n/stories\n/quit\n", cwd=tmp_path)
    assert result.returncode == 0
    assert "DISCORD_TOKEN" in result.stdout
    assert "Born in Moscow" in result.stdout
    assert "Sofia Kalmurzaeva" in result.stdout
    assert "Sophie Korolev: A Pianist Takes the Stage (7 passages)" in result.stdout


def test_console_asked_for_with_a_token_set_does_not_say_none_is(tmp_path):
    """`python -m bot console` with DISCORD_TOKEN set said "No DISCORD_TOKEN is set", and to set one."""
    result = run("console", stdin="/quit\n", env={"DISCORD_TOKEN": "123.abc.def"}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "No DISCORD_TOKEN is set" not in result.stdout and "set DISCORD_TOKEN" not in result.stdout
    assert "DISCORD_TOKEN is set; this is the local console all the same." in result.stdout
    assert "python -m bot run" in result.stdout
    unset = run("console", stdin="/quit\n", cwd=tmp_path)
    assert "No DISCORD_TOKEN is set, so this is the local console." in unset.stdout


@pytest.mark.parametrize("leaving", ["quit", "EXIT", "  Quit  ", "/quit", "/exit"])
def test_console_leaves_at_quit_or_exit_typed_alone(tmp_path, leaving):
    """A newcomer types "quit" or "exit" as at a shell or Python's prompt: it was searched, and not found."""
    result = run(stdin=f"{leaving}\nWhere was Sebastien born?\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "couldn't find" not in result.stdout and "Born in Moscow" not in result.stdout


def test_console_searches_quit_or_exit_within_a_question(tmp_path):
    result = run(stdin="who had to quit the academy?\nwhere is the exit\n/quit\n", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("From ") + result.stdout.count("couldn't find") == 2


def test_console_answers_a_message_asking_it_for_help_or_its_stories_as_its_commands_do(tmp_path):
    # "help" typed without the slash was searched, and answered with a tutor who helped; "which stories do you
    # have" could not be found in the stories, and "hello" had no words to search for.
    script = "/help\nhelp\n/stories\nWhich stories do you have?\nhello\nthanks!\nwho helped the king?\n"
    result = run(stdin=script, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count(CONSOLE_HELP) == 2
    assert out.count(run("stories").stdout) == 2  # the list, as /stories and `python -m bot stories` print it
    assert 'Hello! Ask me something about the stories, e.g. "Who is Sofia Kalmurzaeva?"' in out
    assert THANKS_REPLY in out
    assert "From " in out.split(THANKS_REPLY)[1]  # the question after them is searched
    assert "couldn't find" not in out and "no words to search for" not in out


def test_ask_answers_a_request_to_the_bot_and_json_names_it():
    # `ask help` printed the console's commands (/performer, /story, /quit), which the command line does not take.
    helped = run("ask", "help").stdout
    assert "python -m bot performer NAME" in helped and "/performer" not in helped and "/quit" not in helped
    assert helped == COMMAND_LINE_HELP + "\n"
    data = json.loads(run("ask", "--json", "can you help me?").stdout)
    assert data["request"] == "help" and data["message"] == COMMAND_LINE_HELP
    assert data["answer"] is None and "reason" not in data
    lines = ["what books do you have", "Where was Sebastien born?", "thank you", "help the princess"]
    result = run("ask", "--json", stdin="\n".join(lines) + "\n")
    answers = [json.loads(line) for line in result.stdout.splitlines()]
    assert [a["request"] for a in answers] == ["list_stories", None, "thanks", None]
    assert answers[0]["message"] == run("stories").stdout.rstrip("\n")
    assert answers[1]["answer"] is not None and "message" not in answers[1]
    assert answers[2]["message"] == THANKS_REPLY


def test_ask_story_searches_one_story_and_json_names_the_scope():
    result = run("ask", "--json", "--story", "SOPHIE korolev", "where did she perform?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scope"] == "Sophie Korolev: A Pianist Takes the Stage"
    assert all(hit["story"] == data["scope"] for hit in [data["answer"], *data["alternatives"]])
    start, end = data["answer"]["sentence"]
    assert 0 <= start < end <= len(data["answer"]["excerpt"])


def test_a_question_with_nothing_to_search_asked_of_one_story_names_that_story():
    # "who is she" of one story has no word to search: its JSON said "scope": null and its message "I couldn't find
    # that in the stories", suggesting another story's person, where a question that matches nothing names the story.
    # ("who is she?" now asks of Sophie, the story's lead, told with "she": "he" is no one's there.)
    sophie = "Sophie Korolev: A Pianist Takes the Stage"
    result = run("ask", "--json", "--story", "SOPHIE korolev", "who is he?")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["reason"], data["scope"]) == ("no_content_words", sophie)
    assert f'"{sophie}"' in data["message"] and "Kalmurzaeva" not in data["message"]
    text = run("ask", "--story", "SOPHIE korolev", "who is he?").stdout
    assert f'"{sophie}"' in " ".join(text.split()) and "Kalmurzaeva" not in text


def test_a_library_with_no_people_suggests_no_story_title_as_a_person(tmp_path):
    # With no person in the stories, the example to try fell back to a story's title, and the texts that ask about a
    # person said 'e.g. "Who is The Rain?"' and "/performer The Rain". A title still names the stories where any
    # name from them will do (a question that matches nothing).
    (tmp_path / "rain.txt").write_text("The Rain\n\nIt rained all day on the hills and the river rose.\n")
    corpus = ("--corpus", str(tmp_path))
    said = [run("ask", *corpus, "").stderr, run("ask", *corpus, "hello").stdout, run("ask", *corpus, "   ").stderr]
    said.append(run("console", *corpus, stdin="/performer\nhi\n").stdout)
    assert all("The Rain" not in text for text in said), said
    assert "Usage: /performer NAME" in said[3] and "Hello! Ask me something about the stories." in said[3]
    assert '"The Rain"' in run("ask", *corpus, "what of the capital of France?").stdout


def test_ask_story_that_is_unclear_or_unknown_is_a_usage_error_listing_candidates():
    result = run("ask", "--story", "kalmurzaeva", "where was she born?")
    assert result.returncode == 2
    assert "could be more than one story" in result.stderr and "Violinist of Moscow" in result.stderr
    result = run("ask", "--story", "the hobbit", "where was she born?")
    assert result.returncode == 2 and 'No story called "the hobbit"' in result.stderr


def test_ask_text_says_what_a_misspelt_word_was_searched_as():
    result = run("ask", "How did the audiance react?")
    assert result.returncode == 0
    assert result.stdout.startswith("Showing results for audience (you typed audiance).")
    data = json.loads(run("ask", "--json", "How did the audiance react?").stdout)
    assert data["corrections"] == [{"word": "audiance", "searched": "audience"}]


def test_ask_story_says_whom_a_pronoun_was_taken_to_mean_in_text_and_json():
    # "what does she do" of the office story is read as asking of its lead: said as that, not as a word searched
    office = ("--corpus", str(ROOT / "bench" / "untuned" / "corpus"), "--story", "office")
    result = run("ask", *office, "what does she do")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('Taking "she" to mean Priya Nair.') and "Showing results" not in result.stdout
    data = json.loads(run("ask", "--json", *office, "what does she do").stdout)
    assert data["pronoun_reading"] == {"pronouns": ["she"], "person": "Priya Nair"} and data["corrections"] == []
    assert json.loads(run("ask", "--json", *office, "who was fired").stdout)["pronoun_reading"] is None


def test_console_story_command_scopes_until_cleared():
    script = "/story ballerina\nwhere was she born?\n/story\nwhere was she born?\n/story nothing-like-it\n"
    result = run("console", stdin=script)
    assert result.returncode == 0
    out = result.stdout
    assert 'Asking only about "Kalmurzaeva\'s Odyssey: Sofia, Ballerina of Moscow" now' in out
    assert 'Searched only "Kalmurzaeva\'s Odyssey: Sofia, Ballerina of Moscow"' in out
    assert "Asking about all the stories again." in out
    assert 'No story called "nothing-like-it"' in out


def test_console_commands_are_known_in_any_case_and_after_any_white_space():
    # Each was "Unknown command": split at a space only, and compared as typed.
    script = "/performer\tsofia\n/PERFORMER  sebastien\n/Story\u3000sophie\nwhere did she perform?\n/QUIT\nnot asked\n"
    result = run("console", stdin=script)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Unknown command" not in out
    assert "Sofia Kalmurzaeva, in" in out and "Sébastien Kalmurzaeva, in" in out
    assert 'Searched only "Sophie Korolev: A Pianist Takes the Stage"' in out
    assert "not asked" not in out


def test_a_name_of_any_length_is_refused_in_a_few_words_and_an_unknown_command_said_back_cut_short():
    # The console and the command line took a name of any length (Discord's options take 100 and 200 characters): one
    # of 800,000 characters was matched against every person's (2.9 s), and a line of 1 MB came back whole, twice.
    name = "nobody " * 150_000
    result = run("console", stdin=f"/performer {name}\n/story {name}\n/{'x' * 1_000_000}\n")
    assert result.returncode == 0 and len(result.stdout) < 5_000
    assert f'Unknown command "/{"x" * (NAME_ECHOED - 1)}…".' in result.stdout
    assert f"That name is {len(name.strip()):,} characters long; give at most {MAX_PERSON_NAME_CHARS}:" in result.stdout
    assert f"That story name is {len(name.strip()):,} characters long; give at most 200:" in result.stdout
    for command in (("performer", name[:100_000]), ("ask", "--story", name[:100_000], "who danced")):
        said = run(*command)
        assert said.returncode == 2 and said.stdout == "" and len(said.stderr) < 500, said.stderr
        assert "100,000 characters long; give at most" in said.stderr
    longest = run("performer", "Sofia Kalmurzaeva".ljust(MAX_PERSON_NAME_CHARS, "."))  # looked for
    assert longest.returncode == 0 and "Did you mean Sofia Kalmurzaeva" in longest.stdout, longest.stderr
    refused = run("performer", "--json", "x" * (MAX_PERSON_NAME_CHARS + 1))
    assert refused.returncode == 2 and refused.stdout == "" and "101 characters long" in refused.stderr


def test_performer_json_echoes_a_name_cut_as_the_text_says_it_back():
    """--json echoed its query whole: a 100 kB name came back as 100 kB, where the text cut it at NAME_ECHOED. A name
    is looked up up to MAX_PERSON_NAME_CHARS without the white space around it, which is echoed as typed."""
    name = "nobody" + " " * 15_000
    said = run("performer", "--json", name)
    assert said.returncode == 0 and len(said.stdout) < 5_000, said.stderr
    data = json.loads(said.stdout)
    assert data["query"] == name[:NAME_ECHOED] and data["query_truncated"] is True and data["matches"] == []
    whole = json.loads(run("performer", "--json", name[:NAME_ECHOED]).stdout)
    assert whole["query"] == name[:NAME_ECHOED] and "query_truncated" not in whole


def test_an_empty_story_name_is_said_to_be_empty():
    # It was 'No story called "".', where an empty question is said to be empty.
    for name in ("", "   ", "\u200e"):
        said = run("ask", "--story", name, "who danced")
        assert said.returncode == 2 and said.stdout == "", said.stdout
        assert "The story name is empty: give its title or its file name. python -m bot stories lists them." in (
            said.stderr
        ), said.stderr
    result = run("console", stdin="/story \u200e\n/story   \n")
    assert "The story name is empty: give its title or its file name. /stories lists them." in result.stdout
    assert "Asking about all the stories again." in result.stdout  # /story alone, as its help says


@pytest.mark.parametrize("encoding", ["ascii", "utf-8"])
def test_console_reads_piped_questions_as_utf8_and_bytes_that_are_not_as_replaced(encoding):
    questions = "Where was Sébastien born?\n".encode() + b"Where was S\xe9bastien born?\n/performer s\xe9bastien\n"
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    result = subprocess.run(
        [sys.executable, "-m", "bot", "console"],
        input=questions,
        capture_output=True,
        env=environment | {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": encoding},
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr
    assert result.stdout.count(b"Born in Moscow") == 2  # both questions answered, the second's odd byte left out
    assert b"Kalmurzaeva" in result.stdout.split(b"Born in Moscow")[-1]  # and the lookup after them


def test_a_closed_pipe_ends_the_batch_quietly():
    questions = "where was sofia born\n" * 2000
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "ask", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
        | {"PYTHONPATH": str(ROOT)},
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    process.stdin.write(questions.encode())
    process.stdin.close()
    first = process.stdout.readline()
    process.stdout.close()  # what `| head -1` does
    assert json.loads(first)["answer"] is not None
    assert process.wait(timeout=60) == 141
    assert b"Traceback" not in process.stderr.read()


def run_with_streams(
    args: tuple[str, ...],
    env: dict[str, str] | None = None,
    *,
    input: bytes | None = None,
    stdout: int | IO[bytes],
    stderr: int | None = None,
    preexec_fn: Callable[[], object] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """The command as a real process, its standard streams as given (bytes in and out)."""
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=input,
        stdout=stdout,
        stderr=stderr,
        preexec_fn=preexec_fn,
        cwd=ROOT,
        env=command_environment(env),
        timeout=60,
    )


OUTPUT_COMMANDS = [
    ("ask", "Where was Sébastien born?"),
    ("ask", "--json", "Where was Sébastien born?"),
    ("performer", "sofia"),
    ("stories",),
]
ARGPARSE_OUTPUT = [("--help",), ("--version",), ("ask", "--help")]
"""What argparse prints itself, and passed over the failures of: exit 0 with nothing shown."""


@pytest.mark.parametrize("args", [*OUTPUT_COMMANDS, ("ask", "--json"), *ARGPARSE_OUTPUT])
def test_output_to_a_full_disk_is_said_in_one_line(tmp_path, args):
    # `ask --json < questions > answers.jsonl` on a disk that is full: a traceback, exit 1, and nothing
    # said of why; a short answer still buffered at the end failed unseen, after the exit code was chosen.
    with small_disk(tmp_path / "disk") as disk:
        fill(disk)
        with (disk / "out").open("wb") as out:
            result = run_with_streams(
                args, input=b"Where was S\xc3\xa9bastien born?\nwho is ivan\n", stdout=out, stderr=subprocess.PIPE
            )
    assert result.returncode == 1
    assert result.stderr.decode() == "storybot: could not write the output (No space left on device).\n"


@pytest.mark.parametrize("args", [*OUTPUT_COMMANDS, *ARGPARSE_OUTPUT])
def test_output_closed_by_the_shell_is_said_in_one_line(args):
    # `python -m bot ask "..." >&-`: Python has no sys.stdout, so the text answer ended in an AttributeError
    # traceback, and the others printed nothing and exited 0.
    result = run_with_streams(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=lambda: os.close(1))
    assert result.returncode == 1
    assert result.stderr.decode() == "storybot: could not write the output (Bad file descriptor).\n"


@pytest.mark.parametrize("args", OUTPUT_COMMANDS)
def test_error_output_closed_by_the_shell_leaves_the_answer(tmp_path, args):
    # `python -m bot ask "..." 2>&-` in a script that wants the answer alone: Python has no sys.stderr, and
    # every command died of it unseen (exit 1, nothing printed). A skipped file's warning has nowhere to go.
    stories = tmp_path / "stories"
    shutil.copytree(CORPUS, stories)
    (stories / "latin1.txt").write_bytes(b"Caf\xe9 story")
    result = run_with_streams(
        args,
        {"STORYBOT_CORPUS": str(stories), "XDG_STATE_HOME": str(tmp_path / "state")},
        stdout=subprocess.PIPE,
        preexec_fn=lambda: os.close(2),
    )
    assert result.returncode == 0
    assert b"Kalmurzaeva" in result.stdout and b"latin1.txt" not in result.stdout


def test_bytes_that_are_not_utf8_are_replaced_and_the_batch_goes_on():
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input=b"sofia \xff born\nwho is ivan\n",
        capture_output=True,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
        | {"PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "ascii"},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]
    assert [line["question"] for line in lines] == ["sofia \ufffd born", "who is ivan"]
    assert lines[0]["answer"] is not None


@pytest.mark.parametrize("args", [("ask", ""), ("performer", ""), ("performer", "   ")])
def test_empty_question_or_name_is_a_usage_error(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr.startswith("storybot: the ") and "try: python -m bot" in result.stderr


def test_corpus_pointing_at_a_file_says_so():
    result = run("ask", "--corpus", str(CORPUS / "sophie-korolev-pianist.md"), "who")
    assert result.returncode == 2
    assert "is a file, not a folder" in result.stderr


def test_answers_from_a_chaptered_markdown_story_cite_the_chapter(tmp_path):
    (tmp_path / "keeper.md").write_text(
        "# The Keeper\n\n## Chapter One\n\nMaren kept the lighthouse.\n\n## Chapter Two\n\n"
        "The *storm* broke the **lamp**.\n\nShips waited.\n\nGulls cried.",
        encoding="utf-8",
    )
    result = run("ask", "--corpus", str(tmp_path), "What broke the lamp?")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith('From "The Keeper", Chapter Two, passage 1:')
    assert "The storm broke the lamp." in result.stdout and "*" not in result.stdout
    data = json.loads(run("ask", "--json", "--corpus", str(tmp_path), "What broke the lamp?").stdout)
    assert (data["answer"]["chapter"], data["answer"]["chapter_passage"], data["answer"]["passage"]) == (
        "Chapter Two",
        1,
        2,
    )


def test_index_saves_and_later_commands_open_it_or_update_it_saying_why(tmp_path):
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "mill.txt").write_text("The miller sang.\n\nThe river froze.\n\nSnow fell.")
    env = {"STORYBOT_INDEX": str(tmp_path / "index"), "STORYBOT_CORPUS": str(stories)}
    built = run("index", env=env)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Indexed 1 story, 3 passages in ") and str(tmp_path / "index") in built.stdout
    opened = run("ask", "--json", "who sang", env=env)
    assert opened.returncode == 0 and opened.stderr == ""  # opened quietly
    assert json.loads(opened.stdout)["answer"]["excerpt"] == "The miller sang."
    (stories / "mill.txt").write_text("The miller hummed.\n\nThe river froze.\n\nSnow fell.")
    updated = run("ask", "--json", "who hummed", env=env)
    assert "changed since the index was saved (1 added or changed, 0 removed)" in updated.stderr
    assert json.loads(updated.stdout)["answer"]["excerpt"] == "The miller hummed."
    again = run("ask", "--json", "who hummed", env=env)
    assert again.stderr == ""  # the changed story was committed to the index
    off = run("index", env=env | {"STORYBOT_INDEX": "off"})
    assert off.returncode == 2 and "STORYBOT_INDEX is off" in off.stderr


def test_index_reads_again_a_file_skipped_for_taking_too_long_and_a_command_that_asks_says_how(tmp_path):
    """A skip for time is no verdict on the file (the machine may have been busy): `ask` keeps it, rather than spend
    that time again, and its warning says what reads it again; `index` reads it again and says so."""
    pytest.importorskip("pypdf")
    from tests.core.test_timed_reading import repeated_page_pdf  # a module of PDFs: skipped without pypdf

    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "mill.txt").write_text("The miller sang.")
    (stories / "tower.pdf").write_bytes(repeated_page_pdf(12, 3, 20))  # 2.5 s of pypdf
    env = {"STORYBOT_INDEX": str(tmp_path / "index"), "STORYBOT_CORPUS": str(stories), "STORYBOT_UPLOAD_SECONDS": "1"}
    env |= {"STORYBOT_DATA": str(tmp_path / "data"), "XDG_STATE_HOME": str(tmp_path / "state")}
    warning = (
        "storybot: warning: Skipped tower.pdf: it took longer than 1 second to read, the most STORYBOT_UPLOAD_SECONDS "
        "allows. If the machine was busy, python -m bot index reads it again (or raise that limit); if not, split "
        "it, or export it again."
    )
    first = run("index", env=env)
    assert first.returncode == 0 and warning in first.stderr.splitlines(), first.stderr
    assert first.stdout.startswith("Indexed 1 story, 1 passage in ")  # nothing was skipped before: none read again
    asked = run("ask", "who sang", env=env)
    assert asked.returncode == 0 and asked.stderr.splitlines() == [warning]  # opened, the skip kept: nothing read
    again = run("index", env=env)
    assert again.returncode == 0 and warning in again.stderr.splitlines(), again.stderr
    assert again.stdout.splitlines()[0] == (
        "Read again 1 file skipped before because reading took too long or its reader was stopped: tower.pdf."
    )


def test_measuring_other_settings_leaves_the_saved_index_as_it_is_and_adds_nothing(tmp_path):
    """`eval --k1 ...` and `eval --no-stem ...` over a saved corpus each saved an index of their own beside the
    bot's, kept a month: disk the owner never asked for. Other BM25 parameters open the bot's index; another
    analysis is built in memory."""
    index = tmp_path / "index"
    env = {"STORYBOT_INDEX": str(index), "STORYBOT_CORPUS": str(CORPUS)}
    assert run("index", env=env).returncode == 0

    def cache() -> dict[str, int]:
        """Each file and folder below the cache, with a file's modification time (opening touches the folder)."""
        return {str(p.relative_to(index)): p.is_file() and p.stat().st_mtime_ns for p in index.rglob("*")}

    saved = cache()
    questions = str(ROOT / "tests" / "fixtures" / "story_questions.jsonl")
    measured = {}
    for options in ([], ["--k1", "1.2", "--b", "0.6"], ["--no-stem"], ["--no-stopwords", "--no-lemma"]):
        result = run("eval", "--questions", questions, "--json", *options, env=env)
        assert result.returncode == 0, result.stderr
        measured[" ".join(options)] = json.loads(result.stdout)["questions"]
        assert cache() == saved, options
    assert len(set(measured.values())) == 1 and measured[""] > 0


def test_a_title_two_stories_share_is_shown_with_its_file(tmp_path):
    env = {"STORYBOT_CORPUS": str(write_stories(tmp_path / "stories", LOOKALIKES)), "STORYBOT_INDEX": "off"}
    answered = run("ask", "--story", "b/chapter.md", "who kneaded the dough at dawn?", env=env)
    assert answered.returncode == 0, answered.stderr
    assert 'Searched only "Chapter" (b/chapter.md). From "Chapter" (b/chapter.md), passage 1 of 3:' in answered.stdout
    # One name in two stories: each is shown whole, told apart by its story. They were listed with "ask again with
    # the full name", which the command line could never tell apart: neither person could be seen.
    for name in ("Maren Holt", "maren"):
        people = run("performer", name, env=env)
        assert people.returncode == 0, people.stderr
        assert people.stdout == (
            '2 people in the stories are called "Maren Holt":\n'
            'Maren Holt, in "Chapter" (a/chapter.md) (mentioned 2 times)\n'
            "  Maren Holt was a lighthouse keeper on the northern cape.\n"
            'Maren Holt, in "Chapter" (b/chapter.md) (mentioned 2 times)\n'
            "  Maren Holt was a baker who kneaded the dough at dawn.\n"
        )
    unclear = run("ask", "--story", "chapter", "who kneaded the dough?", env=env)
    assert unclear.returncode == 2 and '"Chapter" (a/chapter.md); "Chapter" (b/chapter.md)' in unclear.stderr


@pytest.mark.parametrize("args", [("--corpus", "", "ask", "who kept the diary"), ("eval", "--people", "")])
def test_an_empty_path_is_refused_not_taken_for_the_current_folder(tmp_path, args):
    # A script's `python -m bot --corpus "$BOOKS" ask ...` with BOOKS unset read every story file below the
    # folder it ran in (a home folder's notes, say) and answered from them; Path("") is the current folder.
    (tmp_path / "diary.md").write_text("# Diary\n\nMy sister kept the diary under her bed.")
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert "an empty path names no file or folder" in result.stderr
    assert "diary" not in result.stdout


def test_a_command_run_in_a_process_that_goes_on_puts_the_log_back_as_it_was(tmp_path, monkeypatch, capsys):
    # Each command added a handler on its own stderr to the "bot" logger and left it: in a process that went on
    # (the tests'), a thread logging later wrote to that closed stream ("Logging error ... closed file").
    from bot.program import main

    (tmp_path / "stories").mkdir()
    (tmp_path / "stories" / "a.txt").write_text("Olga played the harp.\n\nRain fell on the roof.")
    monkeypatch.chdir(tmp_path)
    for name in [name for name in os.environ if name.startswith(("STORYBOT_", "DISCORD_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("STORYBOT_CORPUS", str(tmp_path / "stories"))
    monkeypatch.setenv("STORYBOT_INDEX", "off")
    logger = logging.getLogger("bot")
    before = (list(logger.handlers), logger.level, logger.propagate)
    assert main(["ask", "Who played the harp?"]) == 0
    assert "Olga played the harp." in capsys.readouterr().out
    assert (list(logger.handlers), logger.level, logger.propagate) == before
