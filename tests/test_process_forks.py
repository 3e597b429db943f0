"""The tests' forked processes are what a new Python would be: the same output, exit codes and ends."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys

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
