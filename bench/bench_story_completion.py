"""How long story autocomplete holds the event loop, a keystroke at a time, in a library of many stories.

    .venv/bin/python bench/bench_story_completion.py [--stories N]

A watcher sleeps 10 ms at a time on the loop and records how much longer each sleep took, while /ask's, /story's
and /settings' autocomplete (bot.discord_app.cog.story_choices) matches what was typed; beside it, the time of
the matching itself (bot.operations.suggest_stories), which the loop waited for when it ran there.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import string
import tempfile
import time
from pathlib import Path

from bench_loop_stalls import longest_stall  # the sibling script

from bot.core.library import StoryLibrary
from bot.discord_app.autocomplete import AutocompleteTime
from bot.discord_app.cog import story_choices
from bot.operations.suggest_stories import suggest_stories


def word(chance: random.Random) -> str:
    return "".join(chance.choices(string.ascii_lowercase, k=chance.randint(3, 9)))


async def stall_and_time(library: StoryLibrary, typed: str) -> tuple[float, float]:
    return await longest_stall(lambda: story_choices(library, typed, AutocompleteTime(30.0)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=5000)
    args = parser.parse_args()
    chance = random.Random(1)
    with tempfile.TemporaryDirectory() as folder:
        for number in range(args.stories):
            title = " ".join(word(chance) for _ in range(chance.randint(2, 12)))
            (Path(folder) / f"{word(chance)}-{number}.md").write_text(f"# {title}\n\nThe miller sang.")
        library = StoryLibrary.load(folder)
    typed = ["mil", "".join(chance.choices(string.ascii_lowercase + " ", k=100)), "zq " * 33]
    print(f"{args.stories:,} stories; {'typed':<12}{'matching (s)':>14}{'longest loop stall (s)':>24}")
    for text in typed:
        started = time.perf_counter()
        suggest_stories(library, text)
        matching = time.perf_counter() - started
        stall, _ = asyncio.run(stall_and_time(library, text))
        print(f"{len(text):>4} characters{matching:>16.3f}{stall:>24.3f}")


if __name__ == "__main__":
    main()
