"""Whether saving a server view's analysed parts would cut a start: what a start spends on each server's view now
(its stored texts unpacked, its shelf analysed into parts, the parts joined with the owner's library), against what it
would spend with the parts saved (opened as the saved index opens its segments, then joined), CPU seconds and ratios.

    .venv/bin/python bench/bench_view_start.py [--corpus ../shared/datasets/fairytaleqa/train/corpus] \
        [--library corpus] [--servers 8] [--stories 29]

Each server's shelf is `stories` of the corpus's stories (dealt out in turn, under names of their own), as
bench_reload_views.py deals them. Now: each story's stored text unpacked (bot.core.stored_text, as a view built after
a start reads it from the database), the shelf analysed (shelf_parts, as the view's first build), and joined
(server_view). Saved: the same stories as a saved index's segment (written by the saved index itself, bot.core
.saved_index, from the shelf's stories as files: one segment, the parts a view would save), opened as a start opens
it (StoryLibrary.load of the saved index, its checksums unchecked as at a start), then joined as a view is. Each once,
server after server, in one process, as a start builds them: the analyzer's caches (each distinct piece of text
analysed once a process) fill as a start's do, which a least of several runs of one shelf would hide. Run it twice: the
machine may be shared.
"""

from __future__ import annotations

import argparse
import tempfile
from functools import partial
from pathlib import Path

from bench_shelf_parts import cpu  # the sibling script

from bot.core.library import StoryLibrary
from bot.core.library_join import join_parts
from bot.core.saved_index import IndexStore
from bot.core.server_view import server_view
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_parts import shelf_parts
from bot.core.stored_text import pack_story, unpack_story
from bot.settings import bundled_corpus


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
    totals = {"unpacked": 0.0, "analysed": 0.0, "joined": 0.0, "opened": 0.0, "joined saved": 0.0}
    characters = 0
    with tempfile.TemporaryDirectory() as folder:
        for server in range(args.servers):
            numbers = range(server, args.servers * args.stories, args.servers)
            named = [(n + 1, f"{n:04}-{files[n % len(files)].name}", files[n % len(files)]) for n in numbers]
            texts = [(n, ShelfStoryText.read(n, name, path.read_bytes())) for n, name, path in named]
            characters += sum(text.characters for _, text in texts)
            packed = [(n, text.name, pack_story(text)) for n, text in texts]
            _, unpacked = cpu(lambda: [unpack_story(n, name, p, 2**30) for n, name, p in packed])  # noqa: B023
            parts, analysed = cpu(partial(shelf_parts, texts, analyzer, params))
            view, joined = cpu(partial(server_view, library, parts))
            assert view is not None
            stories = Path(folder, f"server-{server}")
            stories.mkdir()
            for _, name, path in named:
                (stories / name).write_bytes(path.read_bytes())
            store = IndexStore(Path(folder, "saved"), min_passages=0)
            StoryLibrary.load(stories, store=store, analyzer=analyzer, force=True)  # built and saved
            saved, opened = cpu(partial(StoryLibrary.load, stories, store=store, analyzer=analyzer))
            assert saved.opened and len(saved.corpus.passages) == sum(len(t.passages.texts) for _, t in texts)
            both = [library.parts(), saved.parts()]
            _, joined_saved = cpu(lambda: StoryLibrary.from_parts(join_parts(both), analyzer))  # noqa: B023
            for key, seconds in zip(totals, (unpacked, analysed, joined, opened, joined_saved), strict=True):
                totals[key] += seconds
    now = totals["unpacked"] + totals["analysed"] + totals["joined"]
    saved_total = totals["opened"] + totals["joined saved"]
    print(
        f"owner's library: {len(library.corpus.stories)} stories; {args.servers} servers, {args.stories} stories "
        f"each, {characters / 1e6:.1f} MB of shelf text in all; CPU s, all servers"
    )
    print(f"  now:   texts unpacked {totals['unpacked']:.3f}, analysed {totals['analysed']:.3f}, ", end="")
    print(f"joined {totals['joined']:.3f}: {now:.3f}")
    print(f"  saved: parts opened {totals['opened']:.3f}, joined {totals['joined saved']:.3f}: {saved_total:.3f}")
    print(f"  a start's views with parts saved: {now / saved_total:.1f}x less CPU ({now - saved_total:.3f} s saved)")


if __name__ == "__main__":
    main()
