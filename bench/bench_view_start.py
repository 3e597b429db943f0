"""What a start spends on each server's view, built from its shelf's saved parts against built from its texts alone:
CPU seconds for all servers, and the ratio (the steps bot.operations.server_views takes in its BUILDING thread).

    .venv/bin/python bench/bench_view_start.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--library corpus] [--servers 8] [--stories 29]

Each server's shelf is `stories` of the corpus's stories (dealt out in turn, under names of their own), as
bench_reload_views.py deals them. Both starts unpack each story's stored text (bot.core.stored_text, as a view built
after a start reads it from the database). Without saved parts (before, and a first start): the shelf analysed
(shelf_parts, as the view's first build) and joined with the owner's library (server_view); then its parts saved
(bot.core.shelf_part_store, what that first start then writes, timed apart). With them: the parts loaded by a store
with nothing in memory (as a restarted process: their files read and checked, the fingerprints of the texts
compared), the shelf's parts planned from them (shelf_parts with them kept: nothing analysed), and joined. Each once,
server after server, in one process, as a start builds them: the analyzer's caches (each distinct piece of text
analysed once a process) fill as a start's do, which a least of several runs of one shelf would hide. The views built
both ways are checked to search alike. Run it twice: the machine may be shared.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from functools import partial
from pathlib import Path

from bench_shelf_parts import cpu  # the sibling script

from bot.core.library import StoryLibrary
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_part_store import ShelfPartStore
from bot.core.shelf_parts import shelf_parts
from bot.core.stored_text import pack_story, unpack_story
from bot.settings import bundled_corpus

ASKED = ["where did the king live", "who found the golden bird", "harbour sailor", "brave youngest son"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("../shared/datasets/fairytaleqa/train/corpus"))
    parser.add_argument("--library", type=Path, default=bundled_corpus())
    parser.add_argument("--servers", type=int, default=8)
    parser.add_argument("--stories", type=int, default=29)
    args = parser.parse_args()
    files = sorted(path for path in args.corpus.iterdir() if path.is_file())
    library = StoryLibrary.load(args.library)
    analyzer, params = library.analyzer, library.index.params
    steps = ("unpacked", "analysed", "joined", "saved", "loaded", "planned", "joined saved")
    totals = dict.fromkeys(steps, 0.0)
    walls = {"saved": 0.0, "loaded": 0.0}
    characters = 0
    with tempfile.TemporaryDirectory() as folder:
        store = ShelfPartStore(Path(folder, "shelf-parts"))
        for server in range(args.servers):
            numbers = range(server, args.servers * args.stories, args.servers)
            named = [(n + 1, f"{n:04}-{files[n % len(files)].name}", files[n % len(files)]) for n in numbers]
            texts = [(n, ShelfStoryText.read(n, name, path.read_bytes())) for n, name, path in named]
            characters += sum(text.characters for _, text in texts)
            packed = [(n, text.name, pack_story(text)) for n, text in texts]
            unpacked, unpacking = cpu(lambda: [(n, unpack_story(n, name, p, 2**30)) for n, name, p in packed])  # noqa: B023
            parts, analysing = cpu(partial(shelf_parts, unpacked, analyzer, params))
            view, joining = cpu(partial(server_view, library, parts))
            began = time.perf_counter()
            _, saving = cpu(partial(store.save, server, parts, unpacked))
            walls["saved"] += time.perf_counter() - began
            restarted = ShelfPartStore(store.base)  # a new process: nothing of the parts in memory
            began = time.perf_counter()
            kept, loading = cpu(partial(restarted.load, server, unpacked, analyzer, params))
            walls["loaded"] += time.perf_counter() - began
            assert kept is not None
            planned, planning = cpu(partial(shelf_parts, unpacked, analyzer, params, kept))
            assert planned.built == ()
            saved_view, joining_saved = cpu(partial(server_view, library, planned))
            assert view is not None and saved_view is not None
            assert saved_view.corpus.stories == view.corpus.stories
            for question in ASKED:
                terms = analyzer.terms(question)
                assert saved_view.index.top(terms, 20) == view.index.top(terms, 20), question
            seconds = (unpacking, analysing, joining, saving, loading, planning, joining_saved)
            for key, spent in zip(steps, seconds, strict=True):
                totals[key] += spent
    before = totals["unpacked"] + totals["analysed"] + totals["joined"]
    after = totals["unpacked"] + totals["loaded"] + totals["planned"] + totals["joined saved"]
    print(
        f"owner's library: {len(library.corpus.stories)} stories; {args.servers} servers, {args.stories} stories "
        f"each, {characters / 1e6:.1f} MB of shelf text in all; CPU s, all servers"
    )
    print(
        f"  without saved parts: texts unpacked {totals['unpacked']:.3f}, analysed {totals['analysed']:.3f}, ", end=""
    )
    print(f"joined {totals['joined']:.3f}: {before:.3f}")
    print(
        f"  with saved parts:    texts unpacked {totals['unpacked']:.3f}, parts loaded {totals['loaded']:.3f} ", end=""
    )
    print(
        f"({walls['loaded']:.3f} wall), planned {totals['planned']:.3f}, joined {totals['joined saved']:.3f}: ", end=""
    )
    print(f"{after:.3f}")
    print(f"  a start's views with saved parts: {before / after:.1f}x less CPU ({before - after:.3f} s saved)")
    print(
        f"  saving them (once, after a first start or a change): {totals['saved']:.3f} CPU, {walls['saved']:.3f} wall"
    )


if __name__ == "__main__":
    main()
