from bot.core.story_ids import looks_like_story_id
from bot.operations.suggest_stories import suggest_stories
from tests.lookalike_stories import LONG_FOLDER


def test_suggestions_are_ids_within_discords_limit_with_shared_titles_marked(lookalikes):
    chapters = suggest_stories(lookalikes, "chap")[:2]  # those that start so first, then close ones
    assert {s.path for s in chapters} == {"a/chapter.md", "b/chapter.md"} and all(s.title_shared for s in chapters)
    orchard = suggest_stories(lookalikes, "glass")
    assert orchard[0].path == LONG_FOLDER + "the-glass-orchard.md" and not orchard[0].title_shared
    every = suggest_stories(lookalikes, "")
    assert len(every) == 6 and all(looks_like_story_id(s.id) and len(s.id) <= 100 for s in every)
    assert len(suggest_stories(lookalikes, "", limit=2)) == 2
