"""One story added to a large library, then asked about from a fresh process: today's full rebuild
against a new segment.

    .venv/bin/python bench/bench_segments.py [--passages 100000] [--datasets DIR]

Passages are bench/compare.py's (FairytaleQA and SciFact from ../shared), 50 to a story file; the
added story is 50 passages more, and the question is words of one of them. Today: `python -m bot
ask` on the folder with the story file added (its saved index no longer matches: rebuilt on every
core, saved, then answered). Segments: a fresh process reads and analyses the one story, commits
it to the library's SegmentStore, opens the store and takes the top 10 passages (the index alone:
segments are not yet what `ask` opens, so no excerpt or re-ranking). The new story must be the
answer, and among the segments' top 10 (past the distinct texts, the library's are near-copies).
Last, a fresh process merges the two segments into one, and says its peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import compare  # the sibling script

from bot.core.analysis import Analyzer
from bot.core.corpus import load_corpus, read_stories
from bot.core.segment_store import SegmentStore, StoryTerms

STORY_PASSAGES = 50


def add_and_ask(store: Path, root: Path, story: Path, question: str) -> None:
    """The segment side, run in a fresh process: prints the keys of the stories of the 10 best passages."""
    analyzer = Analyzer()
    _, passages, _ = read_stories(root, [story])
    store_ = SegmentStore(store)
    opened = store_.commit([StoryTerms(story.relative_to(root).as_posix(), [analyzer.terms(p.text) for p in passages])])
    index, _ = opened.indexes()
    for passage, _ in index.top(analyzer.terms(question), 10):
        print(opened.key_of_passage(passage))


def merge_all(store: Path) -> None:
    """Run in a fresh process: merges every segment into one; prints the process's peak memory in MB
    with the segments opened, then once merged."""
    SegmentStore(store).open()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    SegmentStore(store).merge_all()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    began = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    return time.perf_counter() - began, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--datasets", type=Path, default=compare.SHARED, help="where fairytaleqa/ and scifact/ are")
    parser.add_argument("--add-to", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--story", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--question", help=argparse.SUPPRESS)
    parser.add_argument("--merge", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.merge:
        merge_all(args.merge)
        return
    if args.add_to:
        add_and_ask(args.add_to, args.root, args.story, args.question)
        return
    compare.SHARED = args.datasets
    texts, _ = compare.texts_and_questions(args.passages + STORY_PASSAGES, 0)
    library, added = texts[: args.passages], texts[args.passages :]
    question = " ".join(added[STORY_PASSAGES // 2].split()[:8])
    with tempfile.TemporaryDirectory() as folder:
        stories = Path(folder, "stories")
        stories.mkdir()
        for number, start in enumerate(range(0, len(library), STORY_PASSAGES)):
            text = "\n\n".join(library[start : start + STORY_PASSAGES])
            (stories / f"story-{number:06}.txt").write_text(text, encoding="utf-8")
        env = dict(os.environ, STORYBOT_INDEX=str(Path(folder, "index")))
        ask = [sys.executable, "-m", "bot", "ask", "--json", "--corpus", str(stories), question]
        built, _ = timed([sys.executable, "-m", "bot", "index", "--corpus", str(stories)], env)
        unchanged, _ = timed(ask, env)

        began = time.perf_counter()
        corpus, analyzer = load_corpus(stories), Analyzer()
        store = SegmentStore(Path(folder, "segments"))
        store.commit(
            [
                StoryTerms(s.path, [analyzer.terms(p.text) for p in corpus.story_passages(n)])
                for n, s in enumerate(corpus.stories)
            ]
        )
        segments_built = time.perf_counter() - began

        new_story = stories / "zz-added.txt"
        new_story.write_text("\n\n".join(added), encoding="utf-8")
        rebuilt, answer = timed(ask, env)
        assert json.loads(answer)["answer"]["path"] == new_story.name, answer
        script = [sys.executable, __file__, "--add-to", str(store.folder), "--root", str(stories)]
        segment, found = timed([*script, "--story", str(new_story), "--question", question], env)
        assert new_story.name in found.split(), found  # the library's texts repeat: a copy may come first
        merged, peak = timed([sys.executable, __file__, "--merge", str(store.folder)], env)
        assert len(SegmentStore(store.folder).open().segments) == 1
    print(f"{args.passages:,} passages in {len(library) // STORY_PASSAGES:,} story files; one story of 50 added")
    print(f"saved index built by `bot index`: {built:.1f} s; segments built in this process: {segments_built:.1f} s")
    print(f"fresh `ask`, nothing changed (opens the saved index): {unchanged:.1f} s")
    print(f"fresh `ask` after the story was added (full rebuild, today): {rebuilt:.1f} s")
    print(f"fresh process: story analysed, committed as a segment, segments opened, top 10: {segment:.1f} s")
    opened_peak, merged_peak = peak.split()
    print(f"fresh process: both segments merged into one: {merged:.1f} s, peak memory {merged_peak} MB")
    print(f"  (the same process with the segments opened, before merging: {opened_peak} MB)")


if __name__ == "__main__":
    main()
