from bot.core.library import StoryLibrary
from bot.discord_app.exts.admin import reload_report
from bot.discord_app.exts.stories import StoriesPage, pager


def test_reload_report_names_what_was_added_changed_and_removed(tmp_path):
    (tmp_path / "mill.txt").write_text("The miller sang.\n\nThe river froze.")
    (tmp_path / "lake.txt").write_text("A swan swam.")
    (tmp_path / "old.txt").write_text("Gone soon.")
    before = StoryLibrary.load(tmp_path)
    (tmp_path / "mill.txt").write_text("The miller sang.\n\nThe river thawed.")
    (tmp_path / "old.txt").unlink()
    (tmp_path / "new.md").write_text("# New\n\nFresh tale.")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe")
    report = reload_report(before, StoryLibrary.load(tmp_path))
    assert report.splitlines()[:4] == [
        "Reloaded: 3 stories, 4 passages.",
        "Added (1): `new.md`",
        "Changed (1): `mill.txt`",
        "Removed (1): `old.txt`",
    ]
    assert "Warning: Skipped broken.txt" in report
    assert "Nothing changed." in reload_report(before, before)


async def test_story_pages_have_previous_and_next_only_when_needed():
    assert pager(15, 0, 7) is None
    first = pager(40, 0, 7)
    assert first is not None
    previous, following = first.children
    assert isinstance(previous, StoriesPage) and isinstance(following, StoriesPage)
    assert previous.item.disabled and not following.item.disabled
    assert following.item.custom_id == "storybot:stories:1:next:7"  # 7 asked: their clicks page in place
    last = pager(40, 2, 7)
    assert last is not None and isinstance(last.children[1], StoriesPage)
    assert last.children[1].item.disabled
