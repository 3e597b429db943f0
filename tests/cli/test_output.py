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
    (tmp_path / f"{RETITLE}bad.txt").write_bytes(b"\x00bad")
    result = run("ask", "--corpus", str(tmp_path), "piano")
    assert result.returncode == 0 and "Sophie Korolev" in result.stdout
    # shown as escapes (one_line), so the owner can tell which file it is
    assert r"warning: Skipped \x1b]0;you have been pwned\x07bad.txt: it is not text" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


def test_the_command_lines_own_bold_is_kept_and_nothing_else():
    text = f"From {RETITLE}the story:\n\t{BOLD}piano{RESET} and\x1b[1;31m red\x9b2J\x00"
    assert printable(text) == f"From the story:\n\t{BOLD}piano{RESET} and red2J"


LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
EMBEDDINGS_AND_OVERRIDES = "\u202a\u202b\u202c\u202d\u202e"  # LRE, RLE, PDF, LRO, RLO


def isolates_balanced(line: str) -> bool:
    """Whether each PDI closes an isolate opened before it on the line, and none is left open."""
    depth = 0
    for character in line:
        depth += (character in (LRI, RLI, FSI)) - (character == PDI)
        if depth < 0:
            return False
    return depth == 0


def test_a_storys_direction_overrides_are_dropped_and_its_open_isolates_closed_on_their_line(tmp_path):
    # "Trojan Source": an RLO in a story showed what follows it backwards on the owner's terminal ("kcab" read as
    # "back"), and an isolate left open reordered the rest of its line; an isolate around Hebrew words is honest.
    (tmp_path / "lighthouse.md").write_text(
        f"# The {RLI}Lighthouse\n\nThe keeper Marta lit the lamp \u202eevery night\u202c on the rock and called "
        f"{LRI}\u05e9\u05dc\u05d5\u05dd{PDI} to the ships{PDI}; her brother {RLI}Tomas kept the \u202bboat.\n",
        encoding="utf-8",
    )
    result = run("ask", "--corpus", str(tmp_path), "Who lit the lamp every night?")
    assert result.returncode == 0, result.stderr
    assert "lit the lamp every night on the rock" in result.stdout
    assert f"{LRI}\u05e9\u05dc\u05d5\u05dd{PDI} to the ships;" in result.stdout
    assert not any(character in result.stdout for character in EMBEDDINGS_AND_OVERRIDES)
    assert all(isolates_balanced(line) for line in result.stdout.splitlines()), result.stdout
    assert RLI in result.stdout  # kept, and closed: not dropped


def test_a_file_name_with_line_breaks_is_shown_on_its_own_line_and_cannot_fake_a_warning(tmp_path):
    # "new\nline.md" printed across two lines; a name holding "\nstorybot: warning: " faked a warning of its own.
    (tmp_path / "new\nline.md").write_text("# The Mill\n\nThe wheel turned by the river.")
    (tmp_path / "lamp\u2028storybot: warning: all is well\r.txt").write_bytes(b"\x00lamp")
    listed = run("stories", "--corpus", str(tmp_path))
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.splitlines()[1:] == ["  The Mill (1 passage), new\\nline.md"]
    assert listed.stderr.splitlines() == [
        "storybot: warning: Skipped lamp\\u2028storybot: warning: all is well\\r.txt: it is not text: it holds NUL "
        "bytes (a binary file, or UTF-16 text?); save it as UTF-8 text."
    ]
    asked = run("ask", "--corpus", str(tmp_path), "wheel")
    assert asked.stderr.splitlines() == listed.stderr.splitlines()
