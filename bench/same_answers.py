"""Every answer a library gives to many questions, one JSON line each, to compare before and after a change.

    .venv/bin/python bench/same_answers.py CORPUS [--questions FILE.jsonl] [--drawn 300] [--index DIR] > after.jsonl
    cmp before.jsonl after.jsonl

A change meant to make answering cheaper must leave every answer as it was: the passages, their
order, scores (as JSON writes a float: exactly), excerpts, highlights and answering sentences, the
corrections and the reasons for no answer. The questions: those of a questions file (FairytaleQA's
`{"q": ..., "file": ...}` lines), and `--drawn` three-word questions drawn from random passages (as
bench/compare.py draws them), each also asked with one word misspelt (two letters swapped); every
question asked library-wide and again within its story. `--index DIR` opens (or saves) the library's
index there, so the segments' path answers; without it the library is built in memory.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from compare import drawn_three_words  # the sibling script

from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore


def drawn_questions(library: StoryLibrary, count: int, seed: int = 7) -> list[tuple[str, int]]:
    """Three-word questions from random passages, then each with a word's two middle letters swapped,
    with the story each came from."""
    passages = library.corpus.passages
    drawn = drawn_three_words([passage.text for passage in passages], count, seed)
    asked = [(question, passages[index].story) for question, index in drawn]
    misspelt = []
    for question, story in asked:
        found = question.split()
        longest = max(range(len(found)), key=lambda i: len(found[i]))
        word, middle = found[longest], len(found[longest]) // 2
        if len(word) >= 4:
            found[longest] = word[: middle - 1] + word[middle] + word[middle - 1] + word[middle + 1 :]
        misspelt.append((" ".join(found), story))
    return asked + misspelt


def file_questions(library: StoryLibrary, path: Path) -> list[tuple[str, int | None]]:
    """The questions of a FairytaleQA-style file, with the story its `file` names (None if no story has it)."""
    stories = {Path(story.path).name: number for number, story in enumerate(library.corpus.stories)}
    with path.open(encoding="utf-8") as lines:
        return [(item["q"], stories.get(item.get("file", ""))) for item in map(json.loads, lines)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--questions", type=Path, help="a JSON lines file of questions ({'q': ..., 'file': ...})")
    parser.add_argument("--drawn", type=int, default=300, help="three-word questions drawn from the passages")
    parser.add_argument("--index", type=Path, help="open (or save) the library's index in this folder")
    args = parser.parse_args()
    store = IndexStore(args.index, min_passages=0) if args.index else None
    library = StoryLibrary.load(args.corpus, store=store)
    questions: list[tuple[str, int | None]] = []
    if args.questions:
        questions += file_questions(library, args.questions)
    questions += drawn_questions(library, args.drawn)
    for question, story in questions:
        for scope in (None, story) if story is not None else (None,):
            answer = library.ask(question, story=scope)
            line = {"scope": scope, **dataclasses.asdict(answer)}
            sys.stdout.write(json.dumps(line, default=str, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
