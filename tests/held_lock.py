"""A command line run while another session holds the lock it needs: held on until the command waits for it, then
HELD_SECONDS more, then let go. The command must wait that long, not give up as a statement of the bot would."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg

from tests.cli.test_main import ROOT, command_environment

HELD_SECONDS = 3.0
"""Past the 2 seconds a statement of the command line once had, lock waits included."""
NEVER_WAITED = 60.0
"""Only so that a command that never waits fails the test instead of stalling it."""


async def run_while_held(
    args: list[str],
    env: dict[str, str],
    waiting: Callable[[int], Awaitable[bool]],
    release: Callable[[], Awaitable[None]],
) -> subprocess.CompletedProcess[str]:
    """`python -m bot ARGS`, the lock let go (`release`) HELD_SECONDS after `waiting(pid)` first says the command
    waits for it; its output and exit code."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=command_environment(env),
        cwd=ROOT,
    )
    try:
        given_up = time.monotonic() + NEVER_WAITED
        while not await waiting(process.pid):
            assert process.returncode is None and time.monotonic() < given_up, "the command never waited for the lock"
            await asyncio.sleep(0.05)
        await asyncio.sleep(HELD_SECONDS)
    finally:
        await release()
    stdout, stderr = await asyncio.wait_for(process.communicate(), NEVER_WAITED)
    assert process.returncode is not None
    return subprocess.CompletedProcess(args, process.returncode, stdout.decode(), stderr.decode())


def has_open(path: Path) -> Callable[[int], Awaitable[bool]]:
    """Whether a process has the SQLite file `path` open (Linux's /proc): a command reaches its first write a moment
    after it opens the database, whose check of the schema's revision a write lock held elsewhere does not stop
    (SQLite shows nothing of a connection waiting for that lock)."""

    async def opened(pid: int) -> bool:
        folder = Path(f"/proc/{pid}/fd")
        try:
            return any(_points_at(entry, path) for entry in folder.iterdir())
        except OSError:  # ended meanwhile
            return False

    return opened


def _points_at(entry: Path, path: Path) -> bool:
    try:
        return os.readlink(entry) == str(path)
    except OSError:  # closed as it was looked at
        return False


def postgresql_waiting(holder: asyncpg.Connection) -> Callable[[int], Awaitable[bool]]:
    """Whether a session waits for a lock on the server `holder` is connected to (pg_locks: one not granted)."""

    async def waits(_pid: int) -> bool:
        return bool(await holder.fetchval("SELECT count(*) FROM pg_locks WHERE NOT granted"))

    return waits
