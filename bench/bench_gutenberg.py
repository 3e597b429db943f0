"""storybot beside tantivy on a folder of real books: build, size, start, whole answer and search.

    .venv/bin/pip install tantivy          # the peer (not storybot's dependency)
    nice .venv/bin/python bench/bench_gutenberg.py BOOKS [--questions 300] [--engines storybot,tantivy]

BOOKS is a folder of story files, such as the `.txt` files of the public repository
rcdm-uga/Gutenberg_Text (3,080 distinct books, 1.1 GB: issue 18's library). Each engine works
in processes of its own, as its users run it:

- build and save: storybot's `python -m bot index`; tantivy reads the same files, splits them into
  paragraphs at blank lines and indexes them (English stemming, no stored text, 2 threads). Peak
  memory is that of the whole process tree (storybot's build workers included), sampled.
- start until the first answer: a fresh `python -m bot ask` over the saved index; a fresh process
  that opens tantivy's index and searches once.
- per question: one process opens the saved index and answers every question one at a time:
  storybot's whole answer (`StoryLibrary.ask`: ranking, re-ranking, excerpt) and its search alone
  (the index's top 10); tantivy's search (top 10). Peak memory is that process's.

Questions are three words of one random paragraph of a random book (letters only, 4 or more),
the same for every engine.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ENGINES = ("storybot", "tantivy")
_PARAGRAPHS = re.compile(r"\n\s*\n")
_WORD = re.compile(r"[A-Za-z]{4,}")
TANTIVY_HEAP = 500_000_000


def book_files(books: Path) -> list[Path]:
    return sorted(p for p in books.rglob("*") if p.is_file() and p.suffix.lower() in {".txt", ".md"})


def paragraphs_of(path: Path) -> Iterator[str]:
    text = path.read_text("utf-8", errors="replace")
    return (p.strip() for p in _PARAGRAPHS.split(text) if p.strip())


def three_word_questions(books: Path, count: int, seed: int = 18) -> list[str]:
    """Three distinct words of one paragraph of a random book, `count` times."""
    rng = random.Random(seed)
    files = book_files(books)
    questions: list[str] = []
    while len(questions) < count:
        paragraphs = [p for p in paragraphs_of(rng.choice(files)) if len(set(_WORD.findall(p))) >= 3]
        if paragraphs:
            words = sorted(set(_WORD.findall(rng.choice(paragraphs))))
            questions.append(" ".join(w.lower() for w in rng.sample(words, 3)))
    return questions


def tree_rss_bytes(root: int) -> int:
    """Resident memory of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, waiting = 0, [root]
    while waiting:
        pid = waiting.pop()
        total += rss.get(pid, 0)
        waiting += children.get(pid, [])
    return total


def run_measured(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds (the process and the children it waited for), peak GB of the process
    tree (sampled every 0.2 s), and stdout of a command. On a machine shared with other work the CPU
    seconds wander less than the wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.2):
            peak = max(peak, tree_rss_bytes(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - began
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{command[:4]} failed ({process.returncode}): {err.strip()[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, peak / 1e9, out


def folder_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def storybot_answering(books: Path, index: Path, questions: list[str]) -> dict[str, float]:
    from compare import peak_gb, percentiles, times_ms  # the sibling script

    from bot.core.library import StoryLibrary
    from bot.core.saved_index import IndexStore

    library = StoryLibrary.load(books, store=IndexStore(index, min_passages=0))
    assert library.opened, "the saved index was not opened"
    whole = percentiles(times_ms(library.ask, questions, warm=20))
    search = percentiles(times_ms(lambda q: library.index.top(library.analyzer.terms(q), 10), questions, warm=20))
    return {
        "whole_p50_ms": whole["p50_ms"],
        "whole_p99_ms": whole["p99_ms"],
        "search_p50_ms": search["p50_ms"],
        "search_p99_ms": search["p99_ms"],
        "passages": len(library.corpus.passages),
        "answering_gb": peak_gb(),
    }


def tantivy_build(books: Path, index: Path) -> dict[str, float]:
    import tantivy

    schema = tantivy.SchemaBuilder().add_text_field("body", stored=False, tokenizer_name="en_stem").build()
    index.mkdir()
    writer = tantivy.Index(schema, path=str(index)).writer(heap_size=TANTIVY_HEAP, num_threads=2)
    paragraphs = 0
    for path in book_files(books):
        for paragraph in paragraphs_of(path):
            writer.add_document(tantivy.Document(body=paragraph))
            paragraphs += 1
    writer.commit()
    writer.wait_merging_threads()
    return {"passages": paragraphs}


def tantivy_searcher(index: Path) -> Callable[[str], object]:
    import tantivy

    opened = tantivy.Index.open(str(index))
    opened.reload()
    searcher = opened.searcher()

    def search(question: str) -> object:
        words = " ".join(re.findall(r"\w+", question)) or "nothing"
        return searcher.search(opened.parse_query(words, ["body"]), 10)

    return search


def tantivy_answering(index: Path, questions: list[str]) -> dict[str, float]:
    from compare import peak_gb, percentiles, times_ms

    search = percentiles(times_ms(tantivy_searcher(index), questions, warm=20))
    return {"search_p50_ms": search["p50_ms"], "search_p99_ms": search["p99_ms"], "answering_gb": peak_gb()}


def measure(engine: str, books: Path, work: Path, questions: list[str]) -> dict[str, float]:
    """Build and save, start until the first answer, then per-question times, each in fresh processes."""
    script = str(Path(__file__).resolve())
    env = os.environ | {"PYTHONPATH": str(Path(__file__).parent), "STORYBOT_INDEX": str(work / "index")}
    env["XDG_STATE_HOME"] = str(work / "state")  # the command line's "warned once" notes, kept out of $HOME
    asked = work / "questions.json"
    asked.write_text(json.dumps(questions))
    row: dict[str, float] = {}
    if engine == "storybot":
        build = [sys.executable, "-m", "bot", "index", "--corpus", str(books)]
        first = [sys.executable, "-m", "bot", "ask", "--corpus", str(books), questions[0]]
        size_folder = work / "index"
    else:
        build = [sys.executable, script, "--phase", "tantivy-build", str(books), str(work / "tantivy")]
        first = [sys.executable, script, "--phase", "tantivy-first", str(books), str(work / "tantivy"), str(asked)]
        size_folder = work / "tantivy"
    row["build_s"], row["build_cpu_s"], row["build_gb"], out = run_measured(build, env)
    if engine == "tantivy":
        row |= json.loads(out.splitlines()[-1])
    row["size_mb"] = folder_mb(size_folder)
    row["start_s"], _, _, _ = run_measured(first, env)
    phase = "storybot-answer" if engine == "storybot" else "tantivy-answer"
    *_, out = run_measured([sys.executable, script, "--phase", phase, str(books), str(size_folder), str(asked)], env)
    return row | json.loads(out.splitlines()[-1])


def run_phase(phase: str, books: Path, index: Path, asked: Path | None) -> None:
    questions = json.loads(asked.read_text()) if asked else []
    if phase == "tantivy-build":
        print(json.dumps(tantivy_build(books, index)))
    elif phase == "tantivy-first":
        print(tantivy_searcher(index)(questions[0]))
    elif phase == "tantivy-answer":
        print(json.dumps(tantivy_answering(index, questions)))
    else:
        print(json.dumps(storybot_answering(books, index, questions)))


def report(rows: dict[str, dict[str, float]], books: int, questions: int) -> None:
    print(f"{books:,} books, {questions} three-word questions, one engine at a time")
    columns = [
        ("passages", "passages", "{:,.0f}"),
        ("build_s", "build+save s", "{:.1f}"),
        ("build_cpu_s", "build CPU s", "{:.1f}"),
        ("build_gb", "build peak GB", "{:.2f}"),
        ("size_mb", "on disk MB", "{:,.0f}"),
        ("start_s", "start+1st s", "{:.2f}"),
        ("whole_p50_ms", "whole p50 ms", "{:.2f}"),
        ("whole_p99_ms", "whole p99 ms", "{:.2f}"),
        ("search_p50_ms", "search p50 ms", "{:.3f}"),
        ("search_p99_ms", "search p99 ms", "{:.3f}"),
        ("answering_gb", "answering GB", "{:.2f}"),
    ]
    engines = list(rows)
    print(f"{'':<15}" + "".join(f"{e:>14}" for e in engines) + ("   storybot/tantivy" if len(engines) == 2 else ""))
    for key, label, form in columns:
        cells = [form.format(rows[e][key]) if key in rows[e] else "-" for e in engines]
        line = f"{label:<15}" + "".join(f"{c:>14}" for c in cells)
        if {"storybot", "tantivy"} <= set(rows) and key in rows["storybot"] and key != "passages":
            other = rows["tantivy"].get(key.replace("whole", "search"))
            if other:
                line += f"   {rows['storybot'][key] / other:.2f}x"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("books", type=Path)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--work", type=Path, help="where indexes go (default: a temporary folder, removed)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)  # one measured step, in its own process
    args = parser.parse_args()
    if args.phase:
        run_phase(args.phase, args.books, args.paths[0], args.paths[1] if len(args.paths) > 1 else None)
        return
    books = args.books.resolve()
    questions = three_word_questions(books, args.questions)
    work = Path(tempfile.mkdtemp(prefix="bench-gutenberg-", dir=args.work))
    try:
        rows = {}
        for engine in args.engines.split(","):
            rows[engine] = measure(engine, books, work, questions)
            print(engine, json.dumps(rows[engine]), file=sys.stderr, flush=True)
        report(rows, len(book_files(books)), len(questions))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
