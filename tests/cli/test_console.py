"""The console on a real pseudo-terminal, as a person types at it."""

from __future__ import annotations

import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from fcntl import ioctl
from pathlib import Path

from tests.conftest import CORPUS, signal_lines

ROOT = CORPUS.parent
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _own_terminal() -> None:
    """In the child: a session of its own whose controlling terminal is the pty, so Ctrl-C is SIGINT."""
    os.setsid()
    ioctl(0, termios.TIOCSCTTY, 0)


class Terminal:
    def __init__(self, *args: str, columns: int = 60, env: dict[str, str] | None = None):
        self.primary, secondary = pty.openpty()
        ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", *args],
            stdin=secondary,
            stdout=secondary,
            stderr=secondary,
            cwd=ROOT,
            env=environment | {"PYTHONPATH": str(ROOT), "TERM": "xterm", "COLUMNS": str(columns)} | (env or {}),
            preexec_fn=_own_terminal,
        )
        os.close(secondary)
        self.screen = ""

    def read_until(self, text: str, timeout: float = 60, after: int = 0) -> str:
        """The screen once `text` has appeared on it (past position `after`)."""
        deadline = time.monotonic() + timeout
        while text not in self.screen[after:]:
            ready, _, _ = select.select([self.primary], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(
                    f"{text!r} never appeared ({signal_lines(self.process.pid)}); the screen shows:\n{self.screen}"
                )
            try:
                self.screen += os.read(self.primary, 65536).decode(errors="replace")
            except OSError:
                raise AssertionError(f"{text!r} never appeared; the screen shows:\n{self.screen}") from None
        return self.screen

    def type(self, keys: str) -> None:
        os.write(self.primary, keys.encode())

    def wait_until_waiting_for_keys(self, timeout: float = 60) -> None:
        """Until the console sleeps in its wait for the next key. Python's readline handles a Ctrl-C
        that lands while it is still echoing the last key only at the key after it, so the test types
        Ctrl-C once the console is back in its wait, as a person's fingers always are."""
        deadline = time.monotonic() + timeout
        stat = Path(f"/proc/{self.process.pid}/stat")
        while stat.read_text().rsplit(")", 1)[1].split()[0] != "S":  # the state follows the name's ")"
            if time.monotonic() > deadline:
                raise AssertionError(f"the console never waited for a key; the screen shows:\n{self.screen}")
            time.sleep(0.01)

    def close(self) -> int:
        try:
            return self.process.wait(timeout=30)
        finally:
            os.close(self.primary)


def test_ctrl_c_drops_the_line_and_ctrl_d_quits():
    terminal = Terminal("console")
    terminal.read_until("> ")
    terminal.type("where was sofia")
    terminal.read_until("where was sofia")
    terminal.wait_until_waiting_for_keys()
    terminal.type("\x03")  # Ctrl-C while typing: the line is dropped, the console stays
    terminal.read_until("^C")
    terminal.type("how old is sofia\r")
    screen = terminal.read_until("Russian")
    assert "where was sofia" not in screen.split("^C", 1)[1]
    terminal.read_until("> ", after=screen.index("Russian"))
    terminal.type("\x04")  # Ctrl-D
    assert terminal.close() == 0


def test_a_terminal_whose_encoding_is_ascii_reads_what_is_typed_as_utf8():
    terminal = Terminal("console", env={"PYTHONIOENCODING": "ascii"})
    terminal.read_until("> ")
    terminal.type("where was s\u00e9bastien born\r")  # a UTF-8 terminal under an ASCII setting, as LANG=C shells are
    screen = terminal.read_until("Also:")
    terminal.read_until("> ", after=screen.index("Also:"))
    terminal.type("\x04")
    assert terminal.close() == 0
    assert "Traceback" not in screen and "Moscow" in screen


def test_answers_are_wrapped_to_the_terminal_with_bold_taking_no_room():
    terminal = Terminal("console", columns=60)
    terminal.read_until("> ")
    terminal.type("where was sebastien born\r")
    screen = terminal.read_until("Also:")
    terminal.read_until("> ", after=screen.index("Also:"))
    terminal.type("\x04")
    assert terminal.close() == 0
    answer = screen[screen.index("From ") : screen.index("Also:")]
    assert "\x1b[1m" in answer  # matched words in bold
    visible = [ESCAPE.sub("", line).rstrip("\r") for line in answer.splitlines()]
    assert max(len(line) for line in visible) <= 60
    assert max(len(line) for line in visible) > 45  # filled to the width, not wrapped early


def test_ask_without_a_question_prompts_on_a_terminal():
    terminal = Terminal("ask")
    terminal.read_until("Type a question")
    terminal.type("how old is sofia\r")
    screen = terminal.read_until("Russian")
    terminal.read_until("Also:", after=screen.index("Russian"))
    terminal.type("\x04")
    assert terminal.close() == 0


def test_ctrl_c_during_an_answer_gives_it_up_and_the_console_stays(tmp_path):
    """Ctrl-C while an answer was on its way (here: a long list of stories the terminal is still taking
    in) ended the console, exit 130, and the session with it; Python's REPL goes back to its prompt."""
    corpus = tmp_path / "stories"
    corpus.mkdir()
    for number in range(1500):
        (corpus / f"tale-{number:04}.md").write_text(f"# Tale number {number}\n\nThe miller {number} ground rye.")
    terminal = Terminal("console", env={"STORYBOT_CORPUS": str(corpus), "STORYBOT_INDEX": "off"})
    terminal.read_until("> ")
    terminal.type("/stories\r")
    terminal.read_until("1,500 stories")
    wait_until_stuck_writing(terminal.process.pid)  # the terminal's buffer is full: the answer waits on it
    terminal.type("\x03")
    screen = terminal.read_until("^C")
    terminal.read_until("> ", after=screen.index("^C"))
    terminal.type("who ground rye in tale number 7\r")
    asked = terminal.read_until("tale number 7\r\n").index("tale number 7\r\n")
    answered = terminal.read_until("> ", after=asked)[asked:]
    terminal.type("\x04")
    assert terminal.close() == 0
    assert "The miller" in answered and "Traceback" not in answered


WRITE_SYSCALL = {"x86_64": 1, "aarch64": 64}


def wait_until_stuck_writing(pid: int, timeout: float = 60) -> None:
    """Until the process's main thread waits in a write (the terminal's buffer full), not in reading keys."""
    write = WRITE_SYSCALL[os.uname().machine]
    deadline = time.monotonic() + timeout
    while (syscall := Path(f"/proc/{pid}/syscall").read_text().split()[0]) != str(write):
        if time.monotonic() > deadline:
            raise AssertionError(f"it never waited to write to the terminal (system call {syscall})")
        time.sleep(0.01)
