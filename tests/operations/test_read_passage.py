from bot.core.story_ids import story_id
from bot.operations.read_passage import PassageRead, read_passage


def test_a_passage_of_the_story_its_id_names(lookalikes):
    second = read_passage(lookalikes, story_id("b/chapter.md"), 2)
    assert second.read is PassageRead.READ and second.story is not None and second.passage is not None
    assert second.story.path == "b/chapter.md" and second.passage.number == 2
    assert "honey cakes" in second.passage.text
    other = read_passage(lookalikes, story_id("a/chapter.md"), 2)  # the same title, its own passage
    assert other.passage is not None and "lighthouse" in other.passage.text


def test_numbers_are_kept_within_the_story(lookalikes):
    last = read_passage(lookalikes, story_id("b/chapter.md"), 99)
    first = read_passage(lookalikes, story_id("b/chapter.md"), 0)
    assert last.passage is not None and last.passage.number == 3
    assert first.passage is not None and first.passage.number == 1


def test_a_removed_story_is_gone(lookalikes):
    gone = read_passage(lookalikes, story_id("the-old-mill-returns.md"), 1)
    assert gone.read is PassageRead.STORY_GONE and gone.passage is None and gone.story is None
