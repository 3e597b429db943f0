"""storybot's exact BM25Okapi against rank-bm25, bm25s and tantivy, on the same passages and questions.

    .venv/bin/pip install bm25s tantivy    # the peers (not storybot's dependencies)
    .venv/bin/python bench/compare.py --passages 100000 [--questions 300] [--engines storybot,bm25s,...]

Passages: FairytaleQA sections and SciFact abstracts from ../shared, split into paragraphs of a
few sentences; past the distinct ones, copies with a fifth of their words dropped, so no two are
alike. Questions: FairytaleQA's and SciFact's own. Without ../shared, sentences of the bundled
stories. Each engine runs in a process of its own (so its peak memory is its own) and does what a
user of it would: build an index from the texts and save it, open it again, then answer every
question with its top 10, timed one by one. rank-bm25 keeps no index on disk and is left out past
20,000 passages (it scores every passage in Python for every question).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "datasets"
ENGINES = ("storybot", "bm25s", "tantivy", "rank-bm25")
RANK_BM25_LIMIT = 20_000
_SENTENCES = re.compile(r"(?<=[.!?])\s+")


def texts_and_questions(passages: int, questions: int) -> tuple[list[str], list[str]]:
    rng = random.Random(11)
    paragraphs: list[str] = []
    asked: list[str] = []
    fairytales, scifact = SHARED / "fairytaleqa" / "train", SHARED / "scifact"
    if fairytales.is_dir() and scifact.is_dir():
        for path in sorted((fairytales / "corpus").glob("*.md")):
            paragraphs += [p for p in path.read_text("utf-8").split("\n\n")[1:] if p.strip()]
        with (scifact / "corpus.jsonl").open(encoding="utf-8") as lines:
            paragraphs += [f"{d['title']}. {d['text']}" for d in map(json.loads, lines)]
        with (fairytales / "questions.jsonl").open(encoding="utf-8") as lines:
            asked += [json.loads(line)["q"] for line in lines]
        with (scifact / "queries.jsonl").open(encoding="utf-8") as lines:
            asked += [json.loads(line)["text"] for line in lines]
    else:
        for path in sorted((ROOT / "corpus").glob("*.md")):
            paragraphs += [p for p in path.read_text("utf-8").split("\n\n")[1:] if p.strip()]
        asked = [json.loads(line)["q"] for line in (ROOT / "tests" / "fixtures" / "story_questions.jsonl").open()]
    chunks = []
    for paragraph in paragraphs:
        sentences = _SENTENCES.split(paragraph.strip())
        chunks += [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    chunks = [chunk for chunk in chunks if chunk.split()]
    distinct = len(chunks)
    while len(chunks) < passages:
        words = chunks[rng.randrange(distinct)].split()
        chunks.append(" ".join(w for w in words if rng.random() > 0.2) or words[0])
    rng.shuffle(asked)
    return chunks[:passages], asked[:questions]


def run_engine(engine: str, texts: list[str], questions: list[str], folder: Path) -> dict[str, float]:
    """Build and save, open, then answer: seconds, per-question milliseconds and index size."""
    started = time.perf_counter()
    if engine == "storybot":
        from bot.core.library import StoryLibrary
        from bot.core.saved_index import IndexStore

        stories = folder / "stories"  # a folder of stories, as its users have: 50 passages a file
        stories.mkdir()
        for number, start in enumerate(range(0, len(texts), 50)):
            (stories / f"story-{number:06}.txt").write_text("\n\n".join(texts[start : start + 50]), encoding="utf-8")
        store = IndexStore(folder / "index", min_passages=0)
        started = time.perf_counter()
        StoryLibrary.load(stories, store=store)
        built = time.perf_counter()
        library = StoryLibrary.load(stories, store=store)
        assert library.opened
        opened = time.perf_counter()

        def ask(question: str) -> None:
            library.index.top(library.analyzer.terms(question), 10)

        size_folder = store.folder_for(stories)
    elif engine == "bm25s":
        import bm25s
        import Stemmer

        stemmer = Stemmer.Stemmer("english")
        retriever = bm25s.BM25()
        tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
        retriever.index(tokens, show_progress=False)
        retriever.save(folder / "bm25s")
        built = time.perf_counter()
        retriever = bm25s.BM25.load(folder / "bm25s", mmap=True)
        opened = time.perf_counter()

        def ask(question: str) -> None:
            tokens = bm25s.tokenize([question], stopwords="en", stemmer=stemmer, show_progress=False)
            retriever.retrieve(tokens, k=10, show_progress=False)

        size_folder = folder / "bm25s"
    elif engine == "tantivy":
        import tantivy

        schema = tantivy.SchemaBuilder().add_text_field("body", stored=False, tokenizer_name="en_stem").build()
        (folder / "tantivy").mkdir()
        index = tantivy.Index(schema, path=str(folder / "tantivy"))
        writer = index.writer(heap_size=500_000_000, num_threads=2)
        for text in texts:
            writer.add_document(tantivy.Document(body=text))
        writer.commit()
        writer.wait_merging_threads()
        built = time.perf_counter()
        index = tantivy.Index.open(str(folder / "tantivy"))
        index.reload()
        searcher = index.searcher()
        opened = time.perf_counter()

        def ask(question: str) -> None:
            words = " ".join(re.findall(r"\w+", question)) or "nothing"
            searcher.search(index.parse_query(words, ["body"]), 10)

        size_folder = folder / "tantivy"
    else:
        from rank_bm25 import BM25Okapi

        from bot.core.analysis import Analyzer

        analyzer = Analyzer()
        reference = BM25Okapi([analyzer.terms(t) for t in texts])
        built = opened = time.perf_counter()

        def ask(question: str) -> None:
            scores = reference.get_scores(analyzer.terms(question))
            sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:10]

        size_folder = None
    for question in questions[:20]:  # warm caches the way a running bot has them warm
        ask(question)
    times = []
    for question in questions:
        began = time.perf_counter()
        ask(question)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    size = sum(p.stat().st_size for p in size_folder.rglob("*") if p.is_file()) if size_folder else 0
    return {
        "build_s": built - started,
        "open_s": opened - built,
        "p50_ms": statistics.median(times),
        "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))],
        "size_mb": size / 1e6,
        "peak_gb": peak_gb(),
    }


def peak_gb() -> float:
    """This process's peak memory. Not ru_maxrss: Linux carries that over from the parent through
    fork and exec. storybot's build workers each hold one batch of files, and are not counted."""
    status = Path("/proc/self/status")
    if status.exists():
        found = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.M)
        if found:
            return int(found.group(1)) / 1e6
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # one engine, in its own process
    args = parser.parse_args()
    if args.engine:
        texts, questions = texts_and_questions(args.passages, args.questions)
        with tempfile.TemporaryDirectory() as folder:
            print(json.dumps(run_engine(args.engine, texts, questions, Path(folder))))
        return
    results = {}
    for engine in args.engines.split(","):
        if engine == "rank-bm25" and args.passages > RANK_BM25_LIMIT:
            continue
        command = [sys.executable, __file__, "--engine", engine, "--passages", str(args.passages)]
        done = subprocess.run([*command, "--questions", str(args.questions)], capture_output=True, text=True)
        if done.returncode != 0:
            reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode
            print(f"{engine}: failed ({reason})")
            continue
        results[engine] = json.loads(done.stdout.splitlines()[-1])
    print(f"{args.passages:,} passages, {args.questions} questions, top 10, one process per engine")
    columns = ("build_s", "open_s", "p50_ms", "p99_ms", "size_mb", "peak_gb")
    print(f"{'engine':<11}" + "".join(f"{c:>10}" for c in columns) + f"{'p50 vs storybot':>17}")
    ours = results.get("storybot")
    for engine, row in results.items():
        ratio = f"{row['p50_ms'] / ours['p50_ms']:.1f}x" if ours else ""
        print(f"{engine:<11}" + "".join(f"{row[c]:>10.2f}" for c in columns) + f"{ratio:>17}")


if __name__ == "__main__":
    main()
