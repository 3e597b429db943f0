"""The CPU each test costs, and each test file: where CI's 20 minutes go.

CI runs the suite on two cores with four workers, so it is bound by CPU, not by waiting: a test that waits 80 s
and uses 6 s of CPU costs CI 3 s. pytest's --durations gives the wait. This plugin gives the CPU: for each test,
the CPU time of its worker's process tree (the worker, the bot processes it started, their workers, and those
already ended and reaped: the kernel adds their times to their parent's) and of its PostgreSQL server's tree,
before and after the test. tests/process_forks.py reaps its processes for this: a parent that ignores SIGCHLD
loses its children's times.

    PYTHONPATH=bench python -m pytest -p cpu_per_test            # rows in .cpu_per_test/, one file per worker
    python bench/cpu_per_test.py [.cpu_per_test] [--files 20] [--tests 40]   # the report

The rows: each test's id, CPU seconds, wall seconds, the time it ended and its worker's pid. With the end times, a
suite's idle tail shows: the last test of each worker, and how long before the last of all it ended. Reading /proc
around each test adds some CPU of its own, so compare runs made with the plugin only with each other.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import Counter
from collections.abc import Generator, Iterable
from pathlib import Path

import pytest

TICKS = os.sysconf("SC_CLK_TCK")
OUTPUT = Path(os.environ.get("CPU_PER_TEST_OUT", ".cpu_per_test"))
Row = tuple[str, float, float, float, int]
"""A test's id, its CPU seconds, its wall seconds, when it ended (Unix time) and its worker's pid."""

_rows: list[Row] = []
_postgresql_folder: list[str] = []


def _processes() -> dict[int, tuple[int, int]]:
    """Each process's parent and CPU ticks (its own and its reaped children's, user and system)."""
    found = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()  # after the command's name, which may hold spaces
        except OSError:  # ended meanwhile
            continue
        found[int(name)] = int(fields[1]), sum(int(ticks) for ticks in fields[11:15])
    return found


def _tree_ticks(processes: dict[int, tuple[int, int]], root: int) -> int:
    children: dict[int, list[int]] = {}
    for pid, (parent, _) in processes.items():
        children.setdefault(parent, []).append(pid)
    total, waiting = 0, [root]
    while waiting:
        pid = waiting.pop()
        total += processes.get(pid, (0, 0))[1]
        waiting.extend(children.get(pid, []))
    return total


def _postgresql_root(processes: dict[int, tuple[int, int]]) -> int | None:
    """The worker's PostgreSQL server: its postmaster runs in the server's folder, a child of init once pg_ctl left."""
    for pid, (parent, _) in processes.items():
        if parent != 1 or not _postgresql_folder:
            continue
        try:
            if os.readlink(f"/proc/{pid}/cwd").startswith(_postgresql_folder[0]):
                return pid
        except OSError:
            continue
    return None


def _ticks() -> int:
    processes = _processes()
    server = _postgresql_root(processes)
    return _tree_ticks(processes, os.getpid()) + (_tree_ticks(processes, server) if server is not None else 0)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    before, started = _ticks(), time.monotonic()
    yield
    ended = time.monotonic()
    _rows.append((item.nodeid, (_ticks() - before) / TICKS, ended - started, time.time(), os.getpid()))


def pytest_runtest_call(item: pytest.Item) -> None:
    """Finds the worker's PostgreSQL server by the fixture that started it (tests/conftest.py)."""
    server = getattr(item, "funcargs", {}).get("postgresql_server")
    if server is not None and not _postgresql_folder:
        _postgresql_folder.append(str(server.folder))


def pytest_sessionfinish() -> None:
    if _rows:
        OUTPUT.mkdir(parents=True, exist_ok=True)
        (OUTPUT / f"{os.getpid()}.json").write_text(json.dumps(_rows), encoding="utf-8")


def read_rows(folder: Path) -> list[Row]:
    rows: list[Row] = []
    for path in sorted(folder.glob("*.json")):
        rows.extend((str(r[0]), float(r[1]), float(r[2]), float(r[3]), int(r[4])) for r in json.loads(path.read_text()))
    return rows


def report(rows: Iterable[Row], files: int, tests: int) -> list[str]:
    """The suite's CPU, the costliest files and tests, and each worker's last test and how long before the end."""
    rows = list(rows)
    lines = [f"{len(rows)} tests, {sum(r[1] for r in rows):,.0f} s of CPU, {sum(r[2] for r in rows):,.0f} s of wall"]
    per_file: dict[str, float] = {}
    counted: Counter[str] = Counter()
    for row in rows:
        name = row[0].split("::")[0]
        per_file[name] = per_file.get(name, 0.0) + row[1]
        counted[name] += 1
    lines.append("CPU s  tests  file")
    costliest = sorted(per_file.items(), key=lambda item: -item[1])[:files]
    lines += [f"{cpu:6.1f} {counted[name]:5d}  {name}" for name, cpu in costliest]
    lines.append("CPU s  wall s  test")
    lines += [f"{r[1]:6.1f} {r[2]:6.1f}  {r[0]}" for r in sorted(rows, key=lambda r: -r[1])[:tests]]
    if rows:
        end = max(r[3] for r in rows)
        lines.append("worker  ended before the last  its last test")
        for worker in sorted({r[4] for r in rows}):
            last = max((r for r in rows if r[4] == worker), key=lambda r: r[3])
            lines.append(f"{worker:6d}  {end - last[3]:19.0f} s  {last[0]}")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=OUTPUT)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--tests", type=int, default=40)
    args = parser.parse_args()
    print("\n".join(report(read_rows(args.folder), args.files, args.tests)))


if __name__ == "__main__":
    main()
