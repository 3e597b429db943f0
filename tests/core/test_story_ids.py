import subprocess
import sys
import unicodedata

from bot.core.corpus import Story
from bot.core.story_ids import STORY_ID_LENGTH, looks_like_story_id, story_id
from bot.core.story_names import StoryFinder


def test_an_id_is_short_and_the_same_in_every_process():
    path = "a/" + "very-long-folder-name/" * 10 + "chapter.md"
    assert len(story_id(path)) == STORY_ID_LENGTH and looks_like_story_id(story_id(path))
    elsewhere = subprocess.run(
        [sys.executable, "-c", f"from bot.core.story_ids import story_id; print(story_id({path!r}))"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert elsewhere.stdout.strip() == story_id(path)  # no per-process hash seed


def test_paths_that_only_look_alike_get_different_ids():
    latin = "sofia-kalmurzaeva-ballerina.md"
    cyrillic = latin.replace("ina.md", "in\u0430.md")
    decomposed = unicodedata.normalize("NFD", "sébastien.md")
    ids = {story_id(p) for p in (latin, cyrillic, "sébastien.md", decomposed, "a/chapter.md", "b/chapter.md")}
    assert len(ids) == 6


def test_the_finder_names_stories_by_id_and_knows_repeated_titles():
    stories = (
        Story("Chapter", "a/chapter.md", 0, 1),
        Story("Chapter", "b/chapter.md", 1, 1),
        Story("The Old Mill Returns", "the-old-mill-returns.md", 2, 1),
    )
    finder = StoryFinder(stories)
    assert [finder.by_id(story_id(s.path)) for s in stories] == [0, 1, 2]
    assert finder.ids == tuple(story_id(s.path) for s in stories)
    assert finder.by_id(story_id("the-old-mill.md")) is None  # removed: no other story stands in
    assert finder.shared_titles == {"Chapter"}
