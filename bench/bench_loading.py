"""Splitting one huge paragraph into passages, at growing sizes: linear work keeps the time per MB flat.

    .venv/bin/python bench/bench_loading.py [--largest-mb N]

A paragraph with no sentence end is cut between words; each size doubles the last, so a flat
"ms per MB" column (ratio near 1) shows linear time, and a doubling one would show quadratic time.
"""

from __future__ import annotations

import argparse
import time

from bot.core.corpus import split_passages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest-mb", type=int, default=32)
    args = parser.parse_args()
    print(f"{'size':>8}{'passages':>10}{'seconds':>10}{'ms per MB':>11}{'vs first':>10}")
    first = None
    size = 2
    while size <= args.largest_mb:
        text = "lorem ipsum dolor sit amet " * (size * 2**20 // 27)
        started = time.perf_counter()
        pieces = sum(1 for _ in split_passages(text))
        seconds = time.perf_counter() - started
        per_mb = seconds * 1000 / size
        first = first or per_mb
        print(f"{size:>6}MB{pieces:>10,}{seconds:>10.3f}{per_mb:>11.1f}{per_mb / first:>9.2f}x")
        size *= 2


if __name__ == "__main__":
    main()
