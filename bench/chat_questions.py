"""How many of bench/chat_questions.tsv's questions the command line answers right, with this code or another's.

    .venv/bin/python bench/chat_questions.py [--code DIR] [--wrong]

The questions were written at stop 62 by a helper from the stories alone (the bundled ones and bench/untuned*'s
plot summaries), typed as people type them in Discord: "whats ivans job", "did they win", "who is the pianist".
Each is asked as `python -m bot ask --corpus ... --json` asks it (within one story where the file names one),
with the code in `--code` (default: this checkout; an older one to compare, e.g. `git archive REV bot corpus
pyproject.toml | tar -x -C DIR`). An answer is right when its excerpt holds the phrase (or one of its
alternatives), and a refusal is right only for a question marked NOMATCH. The rules of stop 62 came from these
questions' misses: the count is no blind measure.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = ROOT / "bench" / "chat_questions.tsv"
CORPORA = {
    "bundled": ROOT / "corpus",
    "u1": ROOT / "bench" / "untuned" / "corpus",
    "u2": ROOT / "bench" / "untuned2" / "corpus",
    "u3": ROOT / "bench" / "untuned3" / "corpus",
    "u4": ROOT / "bench" / "untuned4" / "corpus",
    "u5": ROOT / "bench" / "untuned5" / "corpus",
}
NO_MATCH = "nomatch"


def rows() -> list[list[str]]:
    lines = QUESTIONS.read_text("utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def right(answer: dict[str, object], expected: str) -> bool:
    phrases = [phrase.strip().lower() for phrase in expected.split("||")]
    found = answer.get("answer")
    if not isinstance(found, dict):
        return NO_MATCH in phrases
    excerpt = str(found.get("excerpt", "")).lower()
    return any(phrase in excerpt for phrase in phrases if phrase != NO_MATCH)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="a checkout's folder, whose bot/ answers")
    parser.add_argument("--wrong", action="store_true", help="list the questions answered wrongly")
    options = parser.parse_args()
    code = options.code.resolve()
    env = dict(os.environ, PYTHONPATH=str(code))
    asked = got = 0
    for (corpus, story), grouped in groupby(rows(), key=lambda row: (row[0], row[1])):
        group = list(grouped)
        command = [sys.executable, "-m", "bot", "ask", "--corpus", str(CORPORA[corpus]), "--json"]
        if story != "-":
            command += ["--story", story]
        questions = "".join(f"{row[2]}\n" for row in group)
        done = subprocess.run(command, input=questions, capture_output=True, text=True, cwd=code, env=env, check=True)
        answers = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        for row, answer in zip(group, answers, strict=True):
            asked += 1
            if right(answer, row[3]):
                got += 1
            elif options.wrong:
                print(f"wrong: [{corpus} {story}] {row[2]}")
    print(f"{got} of {asked} right ({code})")


if __name__ == "__main__":
    main()
