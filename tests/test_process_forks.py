"""The tests' forked processes are what a new Python would be: the same output, exit codes and ends."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import subprocess
import sys
from collections.abc import Iterator

from tests.cli.test_main import ROOT, command_environment
from tests.discord_app.bot_process import LAUNCHER
from tests.process_forks import FORKS, forkable


def both(*args: str, stdin: str | None = None) -> tuple[subprocess.CompletedProcess[str], ...]:
    """`python -m bot ARGS` run as a fork and as a new Python."""
    env = command_environment()
    forked = FORKS.run(list(args), input=stdin, env=env, cwd=ROOT, timeout=60)
    new = subprocess.run(
        [sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    return forked, new


def test_a_forked_command_prints_and_exits_as_a_new_python_does():
    for args, stdin in [
        (("ask", "--json", "Where was Sébastien born?"), None),
        (("ask", "--no-such-option"), None),  # argparse's usage error, exit 2, its program named as -m names it
        (("console",), "who is sofia\n/quit\n"),
        (("stories", "--corpus", "/no/such/folder"), None),
    ]:
        forked, new = both(*args, stdin=stdin)
        assert (forked.returncode, forked.stdout, forked.stderr) == (new.returncode, new.stdout, new.stderr), args


def test_only_what_python_reads_at_its_start_makes_a_new_python():
    env = command_environment()
    assert forkable(env) and forkable(env | {"PYTHONUNBUFFERED": "1"})
    assert not forkable(env | {"PYTHONIOENCODING": "ascii"})
    assert not forkable(env | {"PYTHONPATH": f"/elsewhere:{ROOT}"})


async def test_a_forked_script_is_told_its_signals_and_its_end_is_reported_as_asyncio_reports_it(tmp_path):
    env = command_environment(
        {"PYTHONUNBUFFERED": "1", "STORYBOT_DATA": str(tmp_path), "FAKE_DISCORD_URL": "http://127.0.0.1:9"}
    )
    process = await FORKS.start(LAUNCHER, ["--version"], env=env, cwd=ROOT)
    assert await process.wait() == 0 and process.returncode == 0
    assert (await process.stdout.read()).decode().startswith("storybot")
    sleeping = await FORKS.start(LAUNCHER, ["console"], env=env, cwd=ROOT)  # waits on its input
    sleeping.send_signal(signal.SIGKILL)
    assert await asyncio.wait_for(sleeping.wait(), 60) == -signal.SIGKILL
    sleeping.kill()  # once it ended: nothing to signal, no error


SHOW_CTRL_C = """\
from pathlib import Path
status = Path("/proc/self/status").read_text().splitlines()
print([line for line in status if line.startswith(("SigBlk", "SigIgn", "SigCgt"))])
"""
"""A script that prints its signals' state as the kernel shows it (blocked, ignored, caught)."""


@contextlib.contextmanager
def ctrl_c(state: str) -> Iterator[None]:
    """This thread with SIGINT as `state` says: Python's own handler, ignored, or blocked."""
    if state == "ignored":
        before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    elif state == "blocked":
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        if state == "ignored":
            signal.signal(signal.SIGINT, before)
        elif state == "blocked":
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


async def test_a_fork_inherits_ctrl_c_as_a_new_python_started_from_this_thread_does(tmp_path):
    """SIGINT ignored where the process is started stays ignored in it, as across exec, and a blocked one stays
    blocked; otherwise Python's own handler catches it."""
    script = tmp_path / "show.py"
    script.write_text(SHOW_CTRL_C)
    env = command_environment({"PYTHONUNBUFFERED": "1"})
    seen = set()
    for state in ("handled", "ignored", "blocked"):
        with ctrl_c(state):
            forked = await FORKS.start(script, [], env=env, cwd=ROOT)
            new = await asyncio.create_subprocess_exec(
                sys.executable, str(script), env=env, cwd=ROOT, stdout=asyncio.subprocess.PIPE
            )
        shown = await forked.stdout.read()
        assert await forked.wait() == 0 and shown == (await new.communicate())[0], state
        seen.add(shown)
    assert len(seen) == 3  # each state shows
