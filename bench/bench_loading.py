"""Loading story files at doubling sizes: linear work keeps the time per MB flat.

    .venv/bin/python bench/bench_loading.py [--largest-mb N] [--only NAME ...]

Each kind of file (ordinary ones, and lines built to make a backtracking regular expression rescan
the rest of the line) is written at 1, 2, 4, ... MB and loaded as the bot loads a story file; a
flat "ms per MB" column (ratio near 1 against the first size) shows linear time, and a column that
doubles with the size would show quadratic time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bot.core.corpus import load_corpus


def repeated(unit: str, prefix: str = "") -> Callable[[int], str]:
    return lambda size: prefix + unit * ((size - len(prefix)) // len(unit))


KINDS: dict[str, tuple[str, Callable[[int], str]]] = {
    "paragraph without sentence end": ("story.txt", repeated("lorem ipsum dolor sit amet ")),
    "markdown prose": ("story.md", repeated("Maren kept the *old* lighthouse on the [cape](x).\n\n", "# Tide\n\n")),
    "line of [": ("story.md", repeated("[", "# B\n\nx\n\n")),
    "line of ![": ("story.md", repeated("![", "# B\n\nx\n\n")),
    "line of *": ("story.md", repeated("*", "# B\n\nx\n\n")),
    "line of _": ("story.md", repeated("_", "# B\n\nx\n\n")),
    "line of *a": ("story.md", repeated("*a", "# B\n\nx\n\n")),
    "line of backticks": ("story.md", repeated("`", "# B\n\nx\n\n")),
    "title line of spaces": ("story.md", lambda size: "# a" + " " * size + "b\n\nx"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest-mb", type=int, default=8)
    parser.add_argument("--only", nargs="*", default=list(KINDS), help="kinds to run (default: all)")
    args = parser.parse_args()
    print(f"{'kind':<32}{'size':>6}{'passages':>10}{'seconds':>9}{'ms per MB':>11}{'vs first':>10}")
    for kind in args.only:
        name, make = KINDS[kind]
        first = None
        size = 1
        while size <= args.largest_mb:
            with tempfile.TemporaryDirectory() as folder:
                (Path(folder) / name).write_text(make(size * 2**20), encoding="utf-8")
                started = time.perf_counter()
                passages = len(load_corpus(folder).passages)
                seconds = time.perf_counter() - started
            per_mb = seconds * 1000 / size
            first = first or per_mb
            print(f"{kind:<32}{size:>4}MB{passages:>10,}{seconds:>9.3f}{per_mb:>11.1f}{per_mb / first:>9.2f}x")
            size *= 2


if __name__ == "__main__":
    main()
