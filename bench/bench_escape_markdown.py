"""Escaping Discord's markdown: the bot's escape against discord.py's, side by side, on text that makes
discord.py's masked-link pattern backtrack (a story title of "[" then "](") and on ordinary prose.

    .venv/bin/python bench/bench_escape_markdown.py [--repeat 5]

Prints each one's CPU time per call and their ratio at growing lengths: the bot's grows with the text,
discord.py's with its cube on the brackets. A message is at most 2,000 characters, an embed's
description 4,096.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable

import discord

from bot.discord_app.render import escape_markdown


def cpu_per_call(escape: Callable[[str], str], text: str, repeat: int) -> float:
    started = time.process_time()
    for _ in range(repeat):
        escape(text)
    return (time.process_time() - started) / repeat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'text':<10}{'characters':>11}{'bot (ms)':>11}{'discord.py (ms)':>17}{'discord.py / bot':>18}")
    for length in (500, 1000, 2000, 4096):
        texts = {
            "brackets": ("[" * length)[: length // 2] + ("](" * length)[: length - length // 2],
            "prose": ("The *baker* sold [fresh] bread_rolls at the `mill`. " * length)[:length],
        }
        for name, text in texts.items():
            ours = cpu_per_call(escape_markdown, text, args.repeat)
            theirs = cpu_per_call(discord.utils.escape_markdown, text, args.repeat)
            print(f"{name:<10}{length:>11,}{ours * 1000:>11.3f}{theirs * 1000:>17.3f}{theirs / max(ours, 1e-9):>18.1f}")


if __name__ == "__main__":
    main()
