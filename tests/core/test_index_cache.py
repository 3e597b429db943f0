"""Index folders nobody uses any more are removed from the cache; one in use, a recent one, anything that is
not an index, and every story, are left alone."""

import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.core import saved_index
from bot.core.corpus import StoryFiles
from bot.core.index_cache import UNUSED_DAYS
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
from bot.core.segment_store import MANIFEST
from tests.conftest import CORPUS

ROOT = Path(__file__).resolve().parents[2]
OPENS_AND_WAITS = """
import sys
from pathlib import Path
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
library = StoryLibrary.load(Path(sys.argv[1]), store=IndexStore(Path(sys.argv[2]), min_passages=0))
print("opened", flush=True)
sys.stdin.read()
"""


def age(folder: Path, days: float) -> None:
    """As if no process had opened or changed the index for `days`."""
    then = time.time() - days * 86_400
    for path in (folder / MANIFEST, folder):
        if path.exists():
            os.utime(path, (then, then))


def contents(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.fixture
def library_of(tmp_path):
    """The index store, and a maker of corpus folders indexed by `python -m bot index` (another process, that
    ended: nothing uses their indexes now)."""
    store = IndexStore(tmp_path / "index", min_passages=0)

    def saved(name: str) -> Path:
        stories = tmp_path / name
        shutil.copytree(CORPUS, stories)
        index_in_another_process(store, stories)
        return stories

    return store, saved


def index_in_another_process(store: IndexStore, stories: Path) -> None:
    """`python -m bot index` on the folder: its index saved by a process that then ended."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("STORYBOT_", "DISCORD_"))}
    subprocess.run(
        [sys.executable, "-m", "bot", "--corpus", str(stories), "index"],
        cwd=ROOT,
        env=environment | {"PYTHONPATH": str(ROOT), "STORYBOT_INDEX": str(store.base)},
        check=True,
        capture_output=True,
        timeout=120,
    )
    assert store.has_index(stories)


def test_the_index_of_a_corpus_folder_moved_away_is_removed_once_unused_for_long(library_of, tmp_path, caplog):
    """The owner renamed their stories folder: its old index stayed in the cache for good, growing the disk."""
    caplog.set_level(logging.INFO)
    store, saved = library_of
    stories = saved("stories")
    orphan = store.folder_for(stories)
    stories.rename(tmp_path / "tales")
    tales = tmp_path / "tales"
    assert StoryLibrary.load(tales, store=store).opened is False  # built again for the folder's new path
    assert json.loads((orphan / MANIFEST).read_text())["about"]["corpus"] == str(stories.resolve())
    suspect = orphan.with_name(orphan.name + ".verify")
    suspect.touch()
    kept = contents(tales)

    age(orphan, UNUSED_DAYS - 1)
    assert StoryLibrary.load(tales, store=store).opened
    assert (orphan / MANIFEST).is_file()  # used within the month: kept
    age(orphan, UNUSED_DAYS + 1)
    opened = StoryLibrary.load(tales, store=store)
    assert opened.opened and not orphan.exists() and not suspect.exists()
    assert f"Removing the saved index {orphan} (of {stories.resolve()}), not used for {UNUSED_DAYS} days" in caplog.text
    assert contents(tales) == kept  # the stories are the owner's: never touched
    assert sorted(path.name for path in store.home.iterdir()) == sorted([".lock", store.folder_for(tales).name])


def test_an_index_a_running_process_opened_long_ago_is_never_removed(library_of, tmp_path):
    """A bot that opened its index a month ago and answers from it still (its files open) keeps it."""
    store, saved = library_of
    other = saved("other")
    running = tmp_path / "running"
    shutil.copytree(CORPUS, running)
    folder = store.folder_for(running)
    with subprocess.Popen(
        [sys.executable, "-c", OPENS_AND_WAITS, str(running), str(store.home)],
        cwd=ROOT,
        env=os.environ | {"PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stdin is not None
        assert process.stdout.readline() == "opened\n"
        age(folder, UNUSED_DAYS + 1)
        assert StoryLibrary.load(other, store=store).opened
        assert (folder / MANIFEST).is_file()  # in use
        process.stdin.close()
        assert process.wait(timeout=60) == 0
    assert StoryLibrary.load(other, store=store).opened
    assert not folder.exists()  # its process ended: no longer in use


def test_an_index_another_process_saved_as_this_one_started_is_held_too(library_of, tmp_path, monkeypatch):
    """Two processes started at once on a corpus with no index yet (shard processes, `index` beside the bot): the
    one that opened the index the other had just saved had looked for it to hold before it was there, and held
    nothing. A month on, another start removed the index it still answered from."""
    store, saved = library_of
    other = saved("other")
    stories = tmp_path / "stories"
    shutil.copytree(CORPUS, stories)
    walk = saved_index.story_files

    def saved_meanwhile(root: Path) -> StoryFiles:
        index_in_another_process(store, stories)  # after this load looked for the index, before it opens it
        return walk(root)

    monkeypatch.setattr(saved_index, "story_files", saved_meanwhile)
    library = StoryLibrary.load(stories, store=store)
    monkeypatch.undo()
    assert library.opened
    folder = store.folder_for(stories)
    age(folder, UNUSED_DAYS + 1)
    assert StoryLibrary.load(other, store=store).opened
    assert (folder / MANIFEST).is_file()  # in use: its library lives


def test_only_index_folders_are_ever_removed(library_of, tmp_path):
    store, saved = library_of
    stories = saved("stories")
    home = store.home
    lookalike = home / ("0" * 20)  # named as an index is, holding no index
    (lookalike / "notes").mkdir(parents=True)
    (lookalike / "notes" / "mine.txt").write_text("kept")
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(store.folder_for(stories), elsewhere)
    link = home / ("1" * 20)
    link.symlink_to(elsewhere)  # a link to an index: what it points at is not the cache's
    (home / "notes.txt").write_text("kept")
    for path in (lookalike, elsewhere):
        age(path, UNUSED_DAYS + 1)
    then = time.time() - (UNUSED_DAYS + 1) * 86_400
    os.utime(link, (then, then), follow_symlinks=False)
    killed = home / ".removing-" / "s1-0.json"  # a removal killed midway: finished by the next start
    killed.parent.mkdir()
    killed.write_text("{}")
    StoryLibrary.load(stories, store=store)
    assert (lookalike / "notes" / "mine.txt").read_text() == "kept" and (home / "notes.txt").read_text() == "kept"
    assert (elsewhere / MANIFEST).is_file() and link.is_symlink()
    assert not killed.parent.exists()
