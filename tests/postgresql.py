"""A real PostgreSQL server for the tests, from the system's packages, on 127.0.0.1 in a temporary folder.

PostgreSQL refuses to run as root, so under root (as in CI) it runs as `nobody`. Where it is not
installed the tests that need it are skipped with the reason, unless STORYBOT_REQUIRE_POSTGRESQL is
set (CI sets it), which makes its absence a failure.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import shutil
import signal
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

NOBODY = 65534
USER = "storybot"


def server_programs() -> Path | None:
    """The folder with initdb and pg_ctl: on PATH, or where Debian's packages put them."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(versions[-1]).parent if versions else None


def unavailable(reason: str) -> None:
    if os.environ.get("STORYBOT_REQUIRE_POSTGRESQL"):
        pytest.fail(f"{reason}, and STORYBOT_REQUIRE_POSTGRESQL is set (CI installs PostgreSQL).")
    pytest.skip(f"{reason}: install PostgreSQL's server (Debian: apt install postgresql) to run these tests")


class PostgreSQLServer:
    def __init__(self, programs: Path):
        self.programs = programs
        self.folder = Path(tempfile.mkdtemp(prefix="storybot-postgresql-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        self.as_nobody = os.geteuid() == 0
        self._databases = itertools.count(1)
        if self.as_nobody:
            os.chown(self.folder, NOBODY, NOBODY)

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.programs / program), *args]
        nobody = NOBODY if self.as_nobody else None
        done = subprocess.run(
            command,
            cwd=self.folder,
            capture_output=True,
            text=True,
            check=False,
            user=nobody,
            group=nobody,
            extra_groups=None if nobody is None else [],
        )
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")

    def start(self) -> PostgreSQLServer:
        self._run("initdb", "-D", str(self.data), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync")
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -F"
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start")
        return self

    def new_database(self) -> str:
        name = f"test_{next(self._databases)}"
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, name)
        return self.url(name)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{database}"

    def processes(self) -> list[int]:
        """The server's processes: the postmaster (first line of postmaster.pid) and every child it forked."""
        postmaster = int((self.data / "postmaster.pid").read_text().split()[0])
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == postmaster:
                children.append(int(stat.parent.name))
        return [postmaster, *children]

    def pause(self) -> None:
        """The server stops answering (SIGSTOP to all its processes) but keeps its connections open."""
        self._signal_all(signal.SIGSTOP)

    def restart(self) -> None:
        """Stopped at once (every session ended, as a crash or a host's reboot ends them), then started again."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-l", str(self.folder / "log"), "-w", "restart")

    def resume(self) -> None:
        self._signal_all(signal.SIGCONT)

    def _signal_all(self, sent: signal.Signals) -> None:
        """`sent` to every process of the server; one that ended since it was listed (a session's backend whose
        client went) is past signalling, which failed a test now and then with ProcessLookupError."""
        for pid in self.processes():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sent)

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
