import os

from bot.core.cache import LibraryCache
from bot.core.index import BM25Params
from bot.core.library import StoryLibrary


def write_stories(folder):
    folder.mkdir(exist_ok=True)
    (folder / "mill.txt").write_text("The miller sang.\n\nThe river froze.\n\nSnow fell.\n\nLena danced.")
    (folder / "lake.txt").write_text("A swan swam.\n\nThe ice cracked.")


def test_an_unchanged_corpus_is_served_from_the_cache(tmp_path):
    stories = tmp_path / "stories"
    write_stories(stories)
    cache = LibraryCache(tmp_path / "cache", min_passages=0)
    built = StoryLibrary.load(stories, cache=cache)
    assert cache.path_for(stories).is_file()

    # Same size and modification time, other words: the cache answers, so it was used.
    mill = stories / "mill.txt"
    stat = mill.stat()
    mill.write_text(mill.read_text().replace("sang", "hums"))
    os.utime(mill, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    cached = StoryLibrary.load(stories, cache=cache)
    assert cached.ask("who sang").best.excerpt.text == built.ask("who sang").best.excerpt.text
    assert [p.name for p in cached.performers.performers] == [p.name for p in built.performers.performers]

    # A newer modification time rebuilds.
    os.utime(mill, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    rebuilt = StoryLibrary.load(stories, cache=cache)
    assert rebuilt.ask("who sang").best is None
    assert rebuilt.ask("hums").best.excerpt.text == "The miller hums."


def test_other_parameters_or_a_new_file_rebuild(tmp_path):
    stories = tmp_path / "stories"
    write_stories(stories)
    cache = LibraryCache(tmp_path / "cache", min_passages=0)
    first = StoryLibrary.load(stories, cache=cache)
    other = StoryLibrary.load(stories, BM25Params(k1=0.9), cache=cache)
    assert other.index.params.k1 == 0.9 and first.index.params.k1 == 1.5
    (stories / "new.txt").write_text("A new tale of a swan.")
    assert len(StoryLibrary.load(stories, cache=cache).corpus.stories) == 3


def test_small_libraries_are_not_cached(tmp_path):
    stories = tmp_path / "stories"
    write_stories(stories)
    cache = LibraryCache(tmp_path / "cache")
    StoryLibrary.load(stories, cache=cache)
    assert not cache.path_for(stories).exists()


def test_a_broken_cache_file_or_folder_only_costs_speed(tmp_path, caplog):
    stories = tmp_path / "stories"
    write_stories(stories)
    cache = LibraryCache(tmp_path / "cache", min_passages=0)
    cache.folder.mkdir()
    cache.path_for(stories).write_bytes(b"not a pickle")
    assert StoryLibrary.load(stories, cache=cache).ask("swan").best is not None
    assert "Ignoring the library cache" in caplog.text

    blocked = LibraryCache(tmp_path / "file-not-folder", min_passages=0)
    blocked.folder.write_text("in the way")
    assert StoryLibrary.load(stories, cache=blocked).ask("swan").best is not None
    assert "Could not write the library cache" in caplog.text
