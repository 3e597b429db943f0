"""storybot's exact BM25Okapi against rank-bm25, bm25s and tantivy, on the same passages and questions.

    .venv/bin/pip install bm25s tantivy    # the peers (not storybot's dependencies)
    .venv/bin/python bench/compare.py --passages 100000 [--questions 300] [--engines storybot,bm25s,...]
    .venv/bin/python bench/compare.py --books DIR [--questions 300]    # a folder of books instead

Passages: FairytaleQA sections and SciFact abstracts from --datasets (by default ../shared/datasets beside
the repository), split into paragraphs of a few sentences; past the distinct ones, copies with a fifth of their
words dropped, so no two are alike. Questions: FairytaleQA's and SciFact's own. Where ../shared is not there (a
git worktree, say), sentences of the bundled stories and their question file, said on stderr; a --datasets that
does not hold both is refused. With --books, the passages storybot reads from that folder's story files (Project
Gutenberg's .txt books, say), and questions of three words drawn from random passages. Each engine
runs in a process of its own (so its peak memory is its own) and does what a user of it would:
build an index from the texts and save it, open it again, then answer every question, timed one by
one, two ways, each in a process of its own that opens the saved index afresh (so neither way finds
the postings of its question already read by the other; both first ask the same 20 questions, to
warm caches as a running bot has them, and time the others):

- search: the top 10 passages' ids (storybot: BM25Okapi's top 10 from its index, no re-ranking);
- answer, what a reader is shown: storybot's `StoryLibrary.ask` (BM25 candidates, re-ranking, the
  best passage and 3 alternatives with their excerpts); for the peers the same search, then the
  texts of its best 4 passages read back from the engine's own store (tantivy's stored field,
  bm25s's saved corpus, rank-bm25's list) and an excerpt of each cut by storybot's `make_excerpt`
  around the question's words (matched by lower-cased word; no re-ranking, which they lack).

rank-bm25 keeps no index on disk and is left out past 20,000 passages (it scores every passage in
Python for every question).
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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "datasets"
ENGINES = ("storybot", "bm25s", "tantivy", "rank-bm25")
RANK_BM25_LIMIT = 20_000
CLOCKS: dict[str, Callable[[], float]] = {"wall": time.perf_counter, "cpu": time.process_time}
_SENTENCES = re.compile(r"(?<=[.!?])\s+")
T = TypeVar("T")


WAYS = ("search", "answer")
WARM = 20
"""Questions asked before the timed ones, in every process."""
SHOWN = 4
"""Passages a reader is shown: storybot's best and its 3 alternatives."""
_WORD = re.compile(r"\w+")


def book_texts_and_questions(books: Path, questions: int) -> tuple[list[str], list[str]]:
    """The passages storybot reads from a folder of books, and three-word questions drawn from random passages."""
    from bot.core.corpus import load_corpus

    texts = [passage.text for passage in load_corpus(books).passages]
    return texts, [question for question, _ in drawn_three_words(texts, questions)]


def drawn_three_words(texts: Sequence[str], count: int, seed: int = 7) -> list[tuple[str, int]]:
    """Questions of three content words drawn from random passages, each with its passage's index."""
    from bot.core.analysis import Analyzer, word_list

    analyzer, rng = Analyzer(), random.Random(seed)
    asked: list[tuple[str, int]] = []
    while len(asked) < count:
        drawn = rng.randrange(len(texts))
        words = [w for w in word_list(texts[drawn]) if analyzer.term(w)]
        if len(words) >= 3:
            asked.append((" ".join(rng.sample(words, 3)), drawn))
    return asked


def holds_datasets(folder: Path) -> bool:
    return (folder / "fairytaleqa" / "train").is_dir() and (folder / "scifact").is_dir()


def chosen_datasets(given: Path | None) -> Path | None:
    """The folder of FairytaleQA and SciFact a bench reads (None: the bundled stories), said on stderr, so that
    none measures other data than it was asked to unsaid: `given` (--datasets) must hold both, or the bench exits
    saying so; without it, ../shared/datasets where it holds them."""
    if given is not None:
        if not holds_datasets(given):
            sys.exit(
                f"--datasets {given}: no fairytaleqa/train/ and scifact/ folders there; give the folder holding both"
            )
        print(f"data: FairytaleQA train and SciFact from {given}", file=sys.stderr)
        return given
    if holds_datasets(SHARED):
        print(f"data: FairytaleQA train and SciFact from {SHARED}", file=sys.stderr)
        return SHARED
    print(
        f"data: the bundled stories and tests/fixtures/story_questions.jsonl, not FairytaleQA and SciFact: {SHARED} "
        "does not hold them (give --datasets)",
        file=sys.stderr,
    )
    return None


def texts_and_questions(passages: int, questions: int, datasets: Path | None) -> tuple[list[str], list[str]]:
    """Passages and questions from `datasets` (a folder `holds_datasets`), or the bundled stories where None."""
    rng = random.Random(11)
    paragraphs: list[str] = []
    asked: list[str] = []
    if datasets is not None:
        fairytales, scifact = datasets / "fairytaleqa" / "train", datasets / "scifact"
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


def peer_excerpts(question: str, texts: list[str]) -> list[str]:
    """What a peer shows for its best passages: storybot's excerpt of each, around the question's words."""
    from bot.core.excerpt import make_excerpt

    asked = {w.lower() for w in _WORD.findall(question)}
    shown = []
    for text in texts:
        matched = [(m.start(), m.end()) for m in _WORD.finditer(text) if m.group().lower() in asked]
        shown.append(make_excerpt(text, matched).text)
    return shown


def run_engine(
    engine: str,
    texts: list[str],
    questions: list[str],
    folder: Path,
    way: str,
    clock: Callable[[], float] = time.perf_counter,
    saved: tuple[Path, Path] | None = None,
    model: Path | None = None,
) -> dict[str, float]:
    """Build and save (unless `folder` holds the engine's saved index already), open, then time one
    way of asking (`WAYS`): seconds, per-question milliseconds and index size.
    `saved` (storybot only): (books, index folder) to open a saved index of the books themselves instead;
    `model` (storybot only): a model.json from scripts/fit_reranker.py to rank with instead of the shipped one."""
    started = time.perf_counter()
    if engine == "storybot":
        from bot.core.library import StoryLibrary
        from bot.core.rerank.model import RankingModel, Reranker
        from bot.core.saved_index import IndexStore

        if saved is not None:
            stories, store = saved[0], IndexStore(saved[1], min_passages=0)
        else:
            stories = folder / "stories"  # a folder of stories, as its users have: 50 passages a file
            fresh = not stories.exists()
            stories.mkdir(exist_ok=True)
            for number, start in enumerate(range(0, len(texts), 50) if fresh else ()):
                text = "\n\n".join(texts[start : start + 50])
                (stories / f"story-{number:06}.txt").write_text(text, encoding="utf-8")
            store = IndexStore(folder / "index", min_passages=0)
        started = time.perf_counter()
        if saved is None and fresh:
            StoryLibrary.load(stories, store=store)
        built = time.perf_counter()
        library = StoryLibrary.load(stories, store=store)
        assert library.opened
        if model is not None:
            library = library.with_reranker(Reranker(RankingModel.from_json(json.loads(model.read_text("utf-8")))))
        opened = time.perf_counter()

        def search(question: str) -> object:
            return library.index.top(library.analyzer.terms(question), 10)

        def ask(question: str) -> None:
            library.ask(question)

        size_folder = store.folder_for(stories)
    elif engine == "bm25s":
        import bm25s
        import Stemmer

        stemmer = Stemmer.Stemmer("english")
        if not (folder / "bm25s").exists():
            retriever = bm25s.BM25()
            tokens = bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, show_progress=False)
            retriever.index(tokens, show_progress=False)
            retriever.save(folder / "bm25s", corpus=[{"text": t} for t in texts])
        built = time.perf_counter()
        retriever = bm25s.BM25.load(folder / "bm25s", mmap=True)
        corpus = bm25s.utils.corpus.JsonlCorpus(folder / "bm25s" / "corpus.jsonl", show_progress=False)
        opened = time.perf_counter()

        def ranked(question: str) -> list[int]:
            tokens = bm25s.tokenize([question], stopwords="en", stemmer=stemmer, show_progress=False)
            return [int(d) for d in retriever.retrieve(tokens, k=10, show_progress=False)[0][0]]

        def ask(question: str) -> None:
            peer_excerpts(question, [corpus[d]["text"] for d in ranked(question)[:SHOWN]])

        search = ranked
        size_folder = folder / "bm25s"
    elif engine == "tantivy":
        import tantivy

        schema = tantivy.SchemaBuilder().add_text_field("body", stored=True, tokenizer_name="en_stem").build()
        if not (folder / "tantivy").exists():
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

        def ranked_addresses(question: str) -> list[tantivy.DocAddress]:
            words = " ".join(_WORD.findall(question)) or "nothing"
            return [address for _, address in searcher.search(index.parse_query(words, ["body"]), 10).hits]

        def ask(question: str) -> None:
            peer_excerpts(question, [searcher.doc(a)["body"][0] for a in ranked_addresses(question)[:SHOWN]])

        search = ranked_addresses
        size_folder = folder / "tantivy"
    else:
        from rank_bm25 import BM25Okapi

        from bot.core.analysis import Analyzer

        analyzer = Analyzer()
        reference = BM25Okapi([analyzer.terms(t) for t in texts])
        built = opened = time.perf_counter()

        def ranked(question: str) -> list[int]:
            scores = reference.get_scores(analyzer.terms(question))
            return sorted(range(len(scores)), key=scores.__getitem__, reverse=True)[:10]

        def ask(question: str) -> None:
            peer_excerpts(question, [texts[d] for d in ranked(question)[:SHOWN]])

        search = ranked
        size_folder = None
    for question in questions[:WARM]:  # warm caches the way a running bot has them warm
        ask(question)
    taken = times_ms({"search": search, "answer": ask}[way], questions[WARM:], clock)
    size = sum(p.stat().st_size for p in size_folder.rglob("*") if p.is_file()) if size_folder else 0
    result = {"build_s": built - started, "open_s": opened - built}
    result |= {f"{way}_{key}": value for key, value in percentiles(taken).items()}
    return result | {"size_mb": size / 1e6, "peak_gb": peak_gb()}


def times_ms(
    call: Callable[[T], object], inputs: list[T], clock: Callable[[], float] = time.perf_counter, warm: int = 0
) -> list[float]:
    """Milliseconds of each call, after the first `warm` inputs have warmed caches as a running bot has them."""
    for given in inputs[:warm]:
        call(given)
    times = []
    for given in inputs:
        began = clock()
        call(given)
        times.append((clock() - began) * 1000)
    return times


def percentiles(times: list[float]) -> dict[str, float]:
    """The median and the 99th percentile of times in milliseconds."""
    times = sorted(times)
    return {"p50_ms": statistics.median(times), "p99_ms": times[min(len(times) - 1, int(len(times) * 0.99))]}


def peak_gb() -> float:
    """This process's peak memory. Not ru_maxrss: Linux carries that over from the parent through
    fork and exec. storybot's build workers each hold one batch of files, and are not counted."""
    status = Path("/proc/self/status")
    if status.exists():
        found = re.search(r"^VmHWM:\s+(\d+) kB", status.read_text(), re.M)
        if found:
            return int(found.group(1)) / 1e6
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6


def run_ways(engine: str, args: argparse.Namespace, folder: Path) -> dict[str, float] | None:
    """One engine's row: each way timed in a process of its own (the first builds and saves the index,
    the second opens it); None, said, if a process failed."""
    row: dict[str, float] = {}
    for way in WAYS:
        command = [sys.executable, __file__, "--engine", engine, "--way", way, "--folder", str(folder)]
        command += ["--passages", str(args.passages), "--clock", args.clock]
        command += ["--datasets", str(args.datasets)] if args.datasets else []
        command += ["--books", str(args.books)] if args.books else []
        command += ["--saved-index", str(args.saved_index)] if args.saved_index else []
        command += ["--model", str(args.model)] if args.model and engine == "storybot" else []
        done = subprocess.run([*command, "--questions", str(args.questions)], capture_output=True, text=True)
        if done.returncode != 0:
            reason = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode
            print(f"{engine}: failed ({reason})")
            return None
        timed = json.loads(done.stdout.splitlines()[-1])
        peak = max(timed["peak_gb"], row.get("peak_gb", 0.0))
        row = row | timed | {key: row[key] for key in ("build_s", "open_s") if key in row} | {"peak_gb": peak}
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--engines", default=",".join(ENGINES))
    parser.add_argument("--datasets", type=Path, help=f"holding fairytaleqa/ and scifact/ (default: {SHARED})")
    parser.add_argument("--books", type=Path, help="a folder of story files to take the passages from instead")
    parser.add_argument(
        "--clock",
        choices=CLOCKS,
        default="wall",
        help="time questions by the wall clock (as users wait) or by the process's CPU time (on a busy machine)",
    )
    parser.add_argument(
        "--saved-index",
        type=Path,
        help="storybot only, with --books: open this saved index of the books (`STORYBOT_INDEX=DIR python -m bot "
        "--corpus BOOKS index`; opening writes to it if the books changed) instead of building one (build_s is 0)",
    )
    parser.add_argument(
        "--model",
        type=Path,
        help="storybot only: rank with this model.json from scripts/fit_reranker.py (as eval --model)",
    )
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # one engine and way, in its own process
    parser.add_argument("--way", choices=WAYS, help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)  # where the engine's index is saved
    args = parser.parse_args()
    if args.questions <= WARM:  # none would be timed: every engine failed on a median of nothing
        parser.error(f"--questions must be more than {WARM}: the first {WARM} warm the caches, untimed")
    if not args.engine:
        if args.books:
            print(f"data: the story files in {args.books}, questions of three words drawn from them", file=sys.stderr)
        else:
            args.datasets = chosen_datasets(args.datasets)
    if args.engine:
        if args.books:
            texts, questions = book_texts_and_questions(args.books, args.questions)
        else:
            texts, questions = texts_and_questions(args.passages, args.questions, args.datasets)
        if len(questions) <= WARM:
            sys.exit(f"only {len(questions)} questions in the data: more than {WARM} are needed, {WARM} untimed")
        saved = (args.books, args.saved_index) if args.saved_index and args.books else None
        timed = run_engine(args.engine, texts, questions, args.folder, args.way, CLOCKS[args.clock], saved, args.model)
        print(json.dumps(timed | {"passages": len(texts)}))
        return
    results = {}
    failed: list[str] = []
    for engine in args.engines.split(","):
        if engine == "rank-bm25" and (args.books or args.passages > RANK_BM25_LIMIT):
            continue
        with tempfile.TemporaryDirectory() as folder:
            row = run_ways(engine, args, Path(folder))
        if row is not None:
            results[engine] = row
        else:
            failed.append(engine)
    passages = next((row["passages"] for row in results.values()), args.passages)
    print(f"{passages:,.0f} passages, {args.questions} questions, one process per engine and way, {args.clock} clock")
    print("search: the top 10 ids; answer: what a reader is shown (storybot: ask; peers: search, 4 texts, excerpts)")
    columns = ("build_s", "open_s", "search_p50_ms", "search_p99_ms", "answer_p50_ms", "answer_p99_ms", "size_mb")
    print(f"{'engine':<11}" + "".join(f"{c:>15}" for c in (*columns, "peak_gb")), end="")
    print(f"{'search p50 / storybot':>23}{'answer p50 / storybot':>23}{'answer / search':>17}")
    ours = results.get("storybot")
    for engine, row in results.items():
        ratios = [
            f"{row[f'{way}_p50_ms'] / ours[f'{way}_p50_ms']:.2f}x" if ours else "" for way in ("search", "answer")
        ]
        print(f"{engine:<11}" + "".join(f"{row[c]:>15.2f}" for c in (*columns, "peak_gb")), end="")
        print(f"{ratios[0]:>23}{ratios[1]:>23}{row['answer_p50_ms'] / row['search_p50_ms']:>16.1f}x")
    if failed:  # said above, each with its reason; CI's run of it at a tiny size must fail too
        sys.exit(1)


if __name__ == "__main__":
    main()
