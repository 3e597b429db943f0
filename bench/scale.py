"""Build time, opening the saved index, question latency, memory and index size of a large library.

    .venv/bin/python bench/scale.py [--passages 1000000]

Writes a folder of stories (1,000 paragraphs a file) into a temporary directory: SciFact
abstracts from ../shared when present, else sentences of the bundled stories, then loads it
with StoryLibrary.load twice (analysing and saving the index, then opening it) and asks a few
questions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compare import peak_gb  # the sibling script

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore

ROOT = Path(__file__).resolve().parents[1]
SCIFACT = ROOT.parent / "shared" / "datasets" / "scifact" / "corpus.jsonl"
QUESTIONS = ["effect of vitamin D on bone density", "smoking and lung cancer risk", "where was sebastien born"]
PER_FILE = 1000


def paragraphs() -> list[str]:
    if SCIFACT.exists():
        with SCIFACT.open(encoding="utf-8") as lines:
            return [" ".join(json.loads(line)["text"][:600].split()) or "Empty." for line in lines]
    return [p.text for p in load_corpus(ROOT / "corpus").passages]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=1_000_000)
    args = parser.parse_args()
    source = paragraphs()
    with tempfile.TemporaryDirectory() as folder:
        for start in range(0, args.passages, PER_FILE):
            chunk = [source[i % len(source)] for i in range(start, min(start + PER_FILE, args.passages))]
            Path(folder, f"story-{start // PER_FILE:05}.txt").write_text("\n\n".join(chunk), encoding="utf-8")
        store = IndexStore(Path(folder, ".index"), min_passages=0)
        began = time.perf_counter()
        StoryLibrary.load(folder, store=store)
        analyse_seconds = time.perf_counter() - began
        began = time.perf_counter()
        library = StoryLibrary.load(folder, store=store)
        cached_seconds = time.perf_counter() - began
        size_mb = sum(f.stat().st_size for f in store.folder_for(Path(folder)).iterdir()) / 1e6
        answering_gb = _answering_peak(Path(folder), store)
        began = time.perf_counter()
        for question in QUESTIONS * 5:
            library.ask(question)
        ask_ms = (time.perf_counter() - began) / (len(QUESTIONS) * 5) * 1000
    building_gb = peak_gb()
    passages = len(library.corpus.passages)
    print(
        f"{passages:,} passages: build {analyse_seconds:.1f} s, open the saved index {cached_seconds:.1f} s "
        f"({analyse_seconds / cached_seconds:.0f}x); ask {ask_ms:.1f} ms; index {size_mb:,.0f} MB; "
        f"peak {building_gb:.1f} GB building, {answering_gb:.2f} GB opening and answering"
    )


def _answering_peak(folder: Path, store: IndexStore) -> float:
    """Peak memory of a fresh process that opens the saved index and answers, as a restarted bot does."""
    script = (
        "import sys\n"
        "from compare import peak_gb\n"
        "from pathlib import Path\n"
        "from bot.core.library import StoryLibrary\n"
        "from bot.core.saved_index import IndexStore\n"
        "library = StoryLibrary.load(Path(sys.argv[1]), store=IndexStore(Path(sys.argv[2]), min_passages=0))\n"
        f"for question in {QUESTIONS!r} * 5:\n"
        "    library.ask(question)\n"
        "print(peak_gb())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(folder), str(store.base)],
        capture_output=True,
        text=True,
        check=True,
        env=os.environ | {"PYTHONPATH": str(Path(__file__).parent)},  # for compare.peak_gb
    )
    return float(done.stdout.split()[-1])


if __name__ == "__main__":
    main()
