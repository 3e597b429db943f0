"""A rebuild in a worker process leaves the caller's event loop free."""

import asyncio
import random
import time

import pytest

from bot.core.corpus import CorpusError
from bot.core.index import BM25Params
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.worker import load_in_worker, merge_in_worker
from tests.best_hit import best_hit
from tests.core.story_folder import library_facts, write_folder

WORDS = (
    "river",
    "mill",
    "lantern",
    "keeper",
    "storm",
    "harbour",
    "violin",
    "dancer",
    "winter",
    "forest",
    "wolf",
    "crown",
    "letter",
    "garden",
    "bridge",
    "candle",
    "orchard",
    "tower",
    "meadow",
    "sailor",
    "mirror",
    "whisper",
    "journey",
    "silver",
    "shadow",
)


@pytest.fixture(scope="module")
def big_library(tmp_path_factory):
    """One 25 MB story of 60,000 paragraphs: a rebuild that takes seconds, with single steps (reading,
    normalising and splitting the whole text) that hold the GIL for most of a second in a thread."""
    folder = tmp_path_factory.mktemp("big")
    rng = random.Random(3)
    paragraphs = (" ".join(rng.choices(WORDS, k=60)).capitalize() + "." for _ in range(60_000))
    (folder / "big.txt").write_text("\n\n".join(paragraphs))
    (folder / "unique.txt").write_text("Only here: the zeppelin landed.\n\nThe end.")
    return folder


async def test_the_event_loop_keeps_running_while_a_big_library_is_built(big_library):
    stalls: list[float] = []
    running = True

    async def watch() -> None:
        while running:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            stalls.append(time.perf_counter() - before - 0.01)

    watcher = asyncio.create_task(watch())
    started = time.perf_counter()
    library = await load_in_worker(big_library, BM25Params(), None)
    took = time.perf_counter() - started
    running = False
    await watcher
    assert len(library.corpus.passages) > 60_000
    assert best_hit(library, "Where did the zeppelin land?").story == "Unique"
    assert len(stalls) > 100  # the loop went round all through a build of many ticks...
    assert max(stalls) < 0.5, (
        f"the loop stalled {max(stalls):.2f} s during a {took:.1f} s build"
    )  # ...and was never held


async def test_a_corpus_error_in_the_worker_reaches_the_caller(tmp_path):
    with pytest.raises(CorpusError, match=r"no story files \(\.txt, \.md, "):
        await load_in_worker(tmp_path, BM25Params(), None)


async def test_a_saved_library_is_opened_here_rather_than_sent_back(big_library, tmp_path):
    store = IndexStore(tmp_path / "index")  # 60,000 passages: saved by the worker
    library = await load_in_worker(big_library, BM25Params(), store)
    assert library.opened and store.has_index(big_library)
    assert best_hit(library, "Where did the zeppelin land?").story == "Unique"


async def test_a_merge_runs_in_the_worker_when_the_segments_need_one(tmp_path):
    """A story removed that held most passages of its segment: the segment is rewritten without it, in a
    worker process; the library answers the same after as before."""
    stories = write_folder(tmp_path / "stories", 6)
    store = IndexStore(tmp_path / "index", min_passages=0)
    StoryLibrary.load(stories, store=store)
    for name in ("tale-000.md", "tale-001.md", "tale-002.md", "sophie-korolev-pianist.md"):
        (stories / name).unlink()
    before = StoryLibrary.load(stories, store=store)
    assert any(segment.passages.deleted.any() for segment in store.segments(stories).open().segments)
    assert await merge_in_worker(stories, store)
    assert not any(segment.passages.deleted.any() for segment in store.segments(stories).open().segments)
    assert library_facts(StoryLibrary.load(stories, store=store)) == library_facts(before)
    assert not await merge_in_worker(stories, store)  # nothing left that needs one
