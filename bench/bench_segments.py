"""One story added to a large library, then removed, each asked about from a fresh process: the saved
index's segments take the change as a small commit, where a full build would read everything again.

    .venv/bin/python bench/bench_segments.py [--passages 100000] [--datasets DIR] [--questions 20]

Passages are bench/compare.py's (FairytaleQA and SciFact from ../shared), 50 to a story file; the
added story is 50 passages more, and the question is words of one of them. Each row is the wall time
of a fresh `python -m bot ask --json` (imports, start and the answer included), as users get it:

- nothing changed: the start until the first answer (its in-process part, `StoryLibrary.load` and the
  first answer, is printed beside it);
- the story file added: the library commits it as a small segment, then answers from it (the new story
  must be the answer or one of its alternatives);
- the story file removed: a deletion committed, then the answer (the new story no longer among them);
- for scale, a full build: the same `ask` with an empty index folder (everything read, analysed and
  saved, then the answer), and `python -m bot index` on the first build;
- a fresh process merging the segments (the story added again first), with its peak memory.

Last, whole answers per question from the library opened from segments, against the same library
built in memory (one index with each posting's term-frequency part computed once), side by side.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import compare  # the sibling script

from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.segment_library import LibraryPayload
from bot.core.segment_store import SegmentStore

STORY_PASSAGES = 50


def start_and_answer(stories: Path, index: Path, question: str) -> None:
    """Run in a fresh process: prints the seconds `load` took and the first answer took."""
    began = time.perf_counter()
    library = StoryLibrary.load(stories, store=IndexStore(index))
    loaded = time.perf_counter()
    assert library.opened and library.ask(question).best is not None
    print(f"{loaded - began:.3f} {time.perf_counter() - loaded:.3f}")


def merge_all(folder: Path) -> None:
    """Run in a fresh process: merges every segment into one; prints the process's peak memory in MB
    with the segments opened, then once merged."""
    store = SegmentStore(folder, LibraryPayload())
    store.open()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    store.merge_all()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - began, done.stdout


def answered_paths(output: str) -> list[str]:
    """The files of the answer and its alternatives (past the ~60,000 distinct texts, the library's are
    near-copies, so a copy may come first)."""
    answer = json.loads(output)
    return [hit["path"] for hit in [answer["answer"], *answer.get("alternatives", [])] if hit]


def per_question(library: StoryLibrary, questions: list[str]) -> list[float]:
    times = []
    for question in questions:
        began = time.perf_counter()
        library.ask(question)
        times.append((time.perf_counter() - began) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument(
        "--datasets", type=Path, help=f"where fairytaleqa/ and scifact/ are (default: {compare.SHARED})"
    )
    parser.add_argument("--questions", type=int, default=300, help="for the time per whole answer")
    parser.add_argument("--start", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--merge", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.merge:
        merge_all(args.merge)
        return
    if args.start:
        start_and_answer(Path(args.start[0]), Path(args.start[1]), args.start[2])
        return
    texts, questions = compare.texts_and_questions(
        args.passages + STORY_PASSAGES, args.questions, compare.chosen_datasets(args.datasets)
    )
    library, added = texts[: args.passages], texts[args.passages :]
    question = " ".join(added[STORY_PASSAGES // 2].split()[:8])
    with tempfile.TemporaryDirectory() as folder:
        stories, index = Path(folder, "stories"), Path(folder, "index")
        stories.mkdir()
        for number, start in enumerate(range(0, len(library), STORY_PASSAGES)):
            text = "\n\n".join(library[start : start + STORY_PASSAGES])
            (stories / f"story-{number:06}.txt").write_text(text, encoding="utf-8")
        env = dict(os.environ, STORYBOT_INDEX=str(index))
        ask = [sys.executable, "-m", "bot", "ask", "--json", "--corpus", str(stories), question]
        built, _ = timed([sys.executable, "-m", "bot", "index", "--corpus", str(stories)], env)
        unchanged, _ = timed(ask, env)
        _, inside = timed([sys.executable, __file__, "--start", str(stories), str(index), question], env)
        loading, first_answer = (float(value) for value in inside.split())

        new_story = stories / "zz-added.txt"
        new_story.write_text("\n\n".join(added), encoding="utf-8")
        after_add, answer = timed(ask, env)
        assert new_story.name in answered_paths(answer), answer
        new_story.unlink()
        after_removal, answer = timed(ask, env)
        assert new_story.name not in answered_paths(answer), answer
        new_story.write_text("\n\n".join(added), encoding="utf-8")
        assert new_story.name in answered_paths(timed(ask, env)[1])
        segments = len(IndexStore(index).segments(stories).open().segments)
        merged, peak = timed([sys.executable, __file__, "--merge", str(IndexStore(index).folder_for(stories))], env)
        full, answer = timed(ask, dict(env, STORYBOT_INDEX=str(Path(folder, "fresh-index"))))
        assert new_story.name in answered_paths(answer), answer

        opened = StoryLibrary.load(stories, store=IndexStore(index))
        in_memory = StoryLibrary.load(stories)
        ours, theirs = [], []
        for _ in range(2):  # side by side, twice, after a first pass that warms both
            per_question(opened, questions[:20])
            per_question(in_memory, questions[:20])
            ours += per_question(opened, questions)
            theirs += per_question(in_memory, questions)
    print(f"{args.passages:,} passages in {len(library) // STORY_PASSAGES:,} story files; one story of 50 added")
    print(f"`bot index`, the first build: {built:.1f} s")
    print(f"fresh `ask`, nothing changed (start until the first answer): {unchanged:.2f} s")
    print(f"  in that process: load {loading:.2f} s, first answer {first_answer:.3f} s")
    print(f"fresh `ask` after the story file was added (a segment committed, then the answer): {after_add:.2f} s")
    print(f"fresh `ask` after it was removed (a deletion committed, then the answer): {after_removal:.2f} s")
    print(f"fresh `ask` with an empty index folder (a full build, saved, then the answer): {full:.1f} s")
    opened_peak, merged_peak = peak.split()
    print(f"fresh process merging the {segments} segments into one: {merged:.1f} s, peak memory {merged_peak} MB")
    print(f"  (the same process with the segments opened, before merging: {opened_peak} MB)")
    print(
        f"whole answer per question, p50 / p90: from segments {statistics.median(ours):.2f} / "
        f"{statistics.quantiles(ours, n=10)[-1]:.2f} ms; in memory {statistics.median(theirs):.2f} / "
        f"{statistics.quantiles(theirs, n=10)[-1]:.2f} ms ({len(ours)} answers each)"
    )


if __name__ == "__main__":
    main()
