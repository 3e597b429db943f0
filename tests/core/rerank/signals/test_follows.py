import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.rerank.signals.follows import FollowsSignal
from bot.core.saved_index import IndexStore
from bot.core.segments import SegmentedIndex
from tests.core.rerank.conftest import features_for
from tests.core.story_folder import tale, write_folder

STORM, HILL = 0, 1


@pytest.fixture(scope="module")
def harbour(tmp_path_factory) -> StoryLibrary:
    folder = tmp_path_factory.mktemp("harbour")
    (folder / "a-storm.md").write_text(
        "# The Storm\n\nA storm broke over the harbour at night.\n\n"
        "The fishermen built new boats from the wreck.\n\n"
        "Years later another storm came, and the storm passed.",
        encoding="utf-8",
    )
    (folder / "b-hill.md").write_text(
        "# The Hill\n\nThe fishermen of the hill kept sheep.\n\nSnow fell on the hill.", encoding="utf-8"
    )
    return StoryLibrary(load_corpus(folder), min_match=0.0)


def test_a_question_about_what_came_after_scores_the_passage_that_follows_its_event(harbour):
    rows = features_for(harbour, FollowsSignal(), "What did the fishermen do after the storm?")
    candidates, _ = harbour.candidates(harbour.query("What did the fishermen do after the storm?"), None)
    storm_score = next(c.bm25 for c in candidates if (c.view.story, c.view.passage.number) == (STORM, 1))
    top = max(c.bm25 for c in candidates)
    # The fishermen's passage follows the storm's: the storm passage's score, on the bm25 feature's scale.
    assert rows[(STORM, 2)][0] == pytest.approx(storm_score / top)
    assert rows[(STORM, 3)][0] > 0
    # A story's first passage follows nothing, not even the last passage of the story before it.
    assert rows[(STORM, 1)][0] == 0
    assert rows[(HILL, 1)][0] == 0


@pytest.mark.parametrize(
    "question", ["What did the fishermen do in the storm?", "What happened when the storm broke over the harbour?"]
)
def test_other_questions_get_nothing(harbour, question):
    rows = features_for(harbour, FollowsSignal(), question)
    assert rows and all(row == [0.0] for row in rows.values())


def test_then_and_next_ask_what_followed_too(harbour):
    for question in (
        "The storm came; then what did the fishermen do?",
        "The storm broke. What did the fishermen do next?",
    ):
        assert features_for(harbour, FollowsSignal(), question)[(STORM, 2)][0] > 0


def test_in_a_library_grown_from_segments_with_a_story_removed_the_passage_before_is_the_storys_own(tmp_path):
    """Asked library-wide and of each story: the score read is that of the passage just before in the same story,
    whatever numbers the segments' live passages were given around a removed story and one added first."""
    stories = write_folder(tmp_path / "stories", 6)
    store = IndexStore(tmp_path / "index", min_passages=0)
    StoryLibrary.load(stories, store=store)
    (stories / "tale-002.md").unlink()
    (stories / "a-first.md").write_text(tale(50), encoding="utf-8")
    library = StoryLibrary.load(stories, store=store)
    assert isinstance(library.index, SegmentedIndex) and any(s.deleted.any() for s in library.index.segments)
    query = library.query("What music did the sailor perform after he sang by the harbour?")
    scores = library.index.scores(query.terms)
    asked = 0
    for story in (None, *range(len(library.corpus.stories))):
        candidates, context = library.candidates(query, story)
        if not candidates:
            continue
        top = max(c.bm25 for c in candidates)
        for candidate, value in zip(candidates, FollowsSignal().compute(candidates, context)[:, 0], strict=True):
            passage = library.corpus.passages[candidate.doc]
            if passage.number == 1:
                assert value == 0
                continue
            before = library.corpus.passages[candidate.doc - 1]
            assert (before.story, before.number) == (passage.story, passage.number - 1)
            assert value == pytest.approx(scores[candidate.doc - 1] / top)
            asked += value > 0
    assert asked
