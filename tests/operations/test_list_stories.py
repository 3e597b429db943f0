from bot.operations.list_stories import list_page, list_stories


def test_every_story_or_a_page_with_the_totals(lookalikes):
    every = list_stories(lookalikes)
    assert every.total == len(every.stories) == 6 and every.first == 0
    assert every.passages == sum(s.passages for s in every.stories)
    assert [s.path for s in every.stories] == [s.path for s in lookalikes.corpus.stories]
    shared = {s.path for s in every.stories if s.title_shared}
    assert shared == {"a/chapter.md", "b/chapter.md", "sofia-ballerina.md", "sofia-ballerin\u0430.md"}

    summary = list_stories(lookalikes, count=0)
    assert summary.stories == () and (summary.total, summary.passages) == (every.total, every.passages)
    assert list_stories(lookalikes, 4, 10).stories == every.stories[4:]


def test_a_page_past_the_end_is_the_last_page(lookalikes):
    assert list_page(lookalikes, 0, 4).stories == list_stories(lookalikes).stories[:4]
    last = list_page(lookalikes, 9, 4)
    assert last.first == 4 and len(last.stories) == 2
    assert list_page(lookalikes, -3, 4).first == 0


def test_skipped_files_are_listed_with_why(tmp_path):
    from bot.core.library import StoryLibrary

    (tmp_path / "mill.txt").write_text("The miller sang.")
    (tmp_path / "broken.txt").write_bytes(b"\xff\xff")
    listed = list_stories(StoryLibrary.load(tmp_path))
    assert listed.root == tmp_path and [s.path for s in listed.stories] == ["mill.txt"]
    assert len(listed.skipped) == 1 and listed.skipped[0].file == "broken.txt"
