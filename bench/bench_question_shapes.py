"""How long questions of odd shapes hold the event loop, asked in a ranking thread as the bot asks them.

    .venv/bin/python bench/bench_question_shapes.py [--corpus DIR] [--sizes 250 500 990]

Each shape is made at each size (characters, up to the 1,000 a question may have): words said again, one long word,
distinct words, punctuation alone, emoji joined with zero-width joiners, one letter under combining marks, right-to-left
text, zero-width spaces, "who is" and spaces before a name on two lines, "who is" a name and "…" (which folds to "..."),
a relative of a relative of ... (bot.core.kin_asked), "the end" said again (bot.core.ending_asked), "captain of the"
said again (bot.core.role_asked). Each is asked with ask_in_thread while a watcher sleeps 10 ms at a time on the loop:
the longest it waited past its 10 ms (the least of 3 runs) and the answer's wall time. Work linear in the question grows
with the size; a shape that grows faster is a finding (tests/core/test_query.py checks, without timing, that the two
"who is" shapes are read in one pass).
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Callable
from pathlib import Path

from bench_loop_stalls import longest_stall  # the sibling script

from bot.core.library import StoryLibrary
from bot.operations.ask import ask_in_thread

ROUNDS = 3
WATCHED = 0.03
"""The watcher's sleeps have begun this long (s) before the question is asked: a thread that takes the GIL at once and
holds it would otherwise hold the loop before the first sleep began, unseen (as in bench_performer_stalls.py)."""
SHAPES: dict[str, Callable[[int], str]] = {
    "words again": lambda n: ("sofia danced " * n)[:n],
    "one word": lambda n: "a" * n,
    "distinct words": lambda n: " ".join(f"w{i}" for i in range(n))[:n],
    "punctuation": lambda n: ("?!.,;:" * n)[:n],
    "zwj emoji": lambda n: "👨\u200d👩\u200d👧" * (n // 5),
    "combining": lambda n: "e" + "\u0301" * (n - 1),
    "right-to-left": lambda n: ("\u202eمرحبا " * n)[:n],
    "zero-width": lambda n: "\u200b" * n,
    "who is, spaces": lambda n: "who is" + " " * (n - 13) + "sofia\ny",
    "who is, …": lambda n: "who is sofia" + "…" * (n - 13) + "x",
    "relatives": lambda n: ("who is " + "sofia's " * n)[: n - 7] + " father",
    "the end, again": lambda n: ("how does it end at the very end of the story " * n)[:n],
    "roles": lambda n: ("who is the " + "captain of the " * n)[:n],
}


async def held(library: StoryLibrary, question: str) -> tuple[float, float]:
    """The loop held and the wall time (ms), the least of ROUNDS each."""

    async def late() -> None:
        await asyncio.sleep(WATCHED)
        await ask_in_thread(library, question)

    runs = [await longest_stall(late) for _ in range(ROUNDS)]
    return min(s for s, _ in runs) * 1000, (min(t for _, t in runs) - WATCHED) * 1000


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path(__file__).resolve().parents[1] / "corpus")
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 990])
    args = parser.parse_args()
    library = StoryLibrary.load(args.corpus)
    await ask_in_thread(library, "who is sofia?")  # the first question's one-off work is not any shape's
    print(f"{'shape':>16}" + "".join(f"{f'{n} held / wall ms':>24}" for n in args.sizes))
    for name, make in SHAPES.items():
        cells = []
        for size in args.sizes:
            stall, wall = await held(library, make(size))
            cells.append(f"{f'{stall:.1f} / {wall:.1f}':>24}")
        print(f"{name:>16}" + "".join(cells))


if __name__ == "__main__":
    asyncio.run(main())
