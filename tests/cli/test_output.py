"""What the command line prints is printable: a Discord user's question, a story file's name, reach the owner's
terminal without the escape sequences they held."""

import json

from bot.cli.output import printable
from bot.cli.render import BOLD, RESET
from tests.cli.test_main import ROOT, run

RETITLE = "\x1b]0;you have been pwned\x07"
CLEAR = "\x1b[2J\x1b[H"


def test_an_exported_question_with_escape_sequences_is_printed_without_them(tmp_path):
    # `feedback export` writes Discord users' questions as they typed them; `eval --questions` printed each miss's
    # question as it was, so a question holding escape sequences retitled or cleared the owner's terminal.
    questions = tmp_path / "feedback.jsonl"
    asked = {"q": f"{RETITLE}Where was Sophie{CLEAR} born?", "expect": "a phrase no story holds"}
    questions.write_text(json.dumps(asked) + "\n", encoding="utf-8")
    result = run("eval", "--questions", str(questions))
    assert result.returncode == 0, result.stderr
    assert '  miss: "Where was Sophie born?" wants "a phrase no story holds"' in result.stdout
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout


def test_a_story_files_name_in_a_warning_is_printed_without_its_escape_sequences(tmp_path):
    (tmp_path / "sophie.md").write_text((ROOT / "corpus" / "sophie-korolev-pianist.md").read_text())
    (tmp_path / f"{RETITLE}bad.txt").write_bytes(b"\xff\xfe\x00bad")
    result = run("ask", "--corpus", str(tmp_path), "piano")
    assert result.returncode == 0 and "Sophie Korolev" in result.stdout
    assert "warning: Skipped bad.txt: it is not text" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_the_command_lines_own_bold_is_kept_and_nothing_else():
    text = f"From {RETITLE}the story:\n\t{BOLD}piano{RESET} and\x1b[1;31m red\x9b2J\x00"
    assert printable(text) == f"From the story:\n\t{BOLD}piano{RESET} and red2J"
