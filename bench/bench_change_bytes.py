"""What one story changed costs the saved index: bytes written and time of `python -m bot index`, change after change.

    .venv/bin/python bench/bench_change_bytes.py --corpus DIR [--changes 20] [--work DIR]

The corpus folder is copied into the work folder (a temporary one unless given) and its index built there
(`STORYBOT_INDEX`); then each change appends a sentence to one story file (a different one each time, in file
order) and runs `python -m bot index` in a fresh process (imports and start included; merges too, as the command
runs them). For each change: its wall time, its CPU time (user and system, the process and its children), and
the bytes of the index folder's files that are new or were written again (the manifest included), with the part
that is deletions (files named `<segment>.d<generation>.*`). Run it with main's code and a branch's (PYTHONPATH),
alternately on a busy machine: wall times there follow the load, CPU times and bytes do not.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DELETIONS = re.compile(r"\.d\d+\.")


def written_since(index: Path, before: dict[Path, int]) -> dict[Path, int]:
    """The index's files new or written again since `before` (their modification times): their sizes."""
    now = {path: path.stat() for path in index.rglob("*") if path.is_file()}
    return {path: info.st_size for path, info in now.items() if before.get(path) != info.st_mtime_ns}


def times(index: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in index.rglob("*") if path.is_file()}


def indexed(corpus: Path, index: Path) -> tuple[float, float, dict[Path, int]]:
    """`python -m bot index` once: wall and CPU seconds, and what it wrote."""
    before = times(index) if index.exists() else {}
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "index", "--corpus", str(corpus)],
        env=os.environ | {"STORYBOT_INDEX": str(index)},
        check=True,
        capture_output=True,
    )
    wall = time.perf_counter() - began
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
    return wall, cpu, written_since(index, before)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--changes", type=int, default=20)
    parser.add_argument("--work", type=Path, help="where the copy and its index go (default: a temporary folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-change-bytes-"))
    corpus, index = work / "corpus", work / "index"
    if not corpus.exists():
        shutil.copytree(args.corpus, corpus)
    stories = sorted(path for path in corpus.rglob("*.md") if path.is_file())
    wall, cpu, written = indexed(corpus, index)
    print(f"build: {wall:.1f} s wall, {cpu:.1f} s CPU, {sum(written.values()) / 1e6:.1f} MB")
    total = deleted_total = 0
    for change, story in enumerate(stories[: args.changes], 1):
        with story.open("a", encoding="utf-8") as file:
            file.write(f"\n\nThe miller's daughter counted {change} silver spoons beside the river.\n")
        wall, cpu, written = indexed(corpus, index)
        deletions = sum(size for path, size in written.items() if DELETIONS.search(path.name))
        total, deleted_total = total + sum(written.values()), deleted_total + deletions
        print(
            f"change {change}: {wall:.2f} s wall, {cpu:.2f} s CPU, {sum(written.values()) / 1e3:.1f} KB written "
            f"in {len(written)} files, {deletions / 1e3:.1f} KB of it deletions"
        )
    size = sum(path.stat().st_size for path in index.rglob("*") if path.is_file())
    print(f"{args.changes} changes: {total / 1e6:.2f} MB written, {deleted_total / 1e6:.2f} MB of it deletions")
    print(f"index now {size / 1e6:.1f} MB, in {work}")


if __name__ == "__main__":
    main()
