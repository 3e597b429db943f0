import math

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.rerank.signals.shape import LONG_STORY, ShapeSignal
from tests.core.rerank.conftest import features_for

FOREST, MILL, SEA = 0, 1, 2


def test_a_longer_story_counts_more_and_the_share_is_of_the_candidates_from_the_same_story(small_library):
    rows = features_for(small_library, ShapeSignal(), "the river")
    # "river" is in two of the mill's four passages and one of the forest's three.
    assert len(rows) == 3
    assert rows[(MILL, 1)] == rows[(MILL, 3)] == [math.log(4) / math.log(LONG_STORY), 2 / 3]
    assert rows[(FOREST, 3)] == [math.log(3) / math.log(LONG_STORY), 1 / 3]


def test_asked_of_one_story_every_candidate_shares_it(small_library):
    rows = features_for(small_library, ShapeSignal(), "the sailor and the island", story=SEA)
    assert len(rows) == 2
    assert {row[1] for row in rows.values()} == {1.0}
    assert {row[0] for row in rows.values()} == {math.log(3) / math.log(LONG_STORY)}


def test_an_abstract_counts_zero_and_a_story_of_long_stories_length_or_more_one(tmp_path):
    (tmp_path / "abstract.md").write_text("# Abstract\n\nThe protein binds the receptor.", encoding="utf-8")
    chapters = "\n\n".join(f"The receptor met the king on day {n}." for n in range(LONG_STORY + 6))
    (tmp_path / "saga.md").write_text(f"# Saga\n\n{chapters}", encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path), min_match=0.0)
    rows = features_for(library, ShapeSignal(), "the receptor")
    abstract = [row for (story, _), row in rows.items() if story == 0]
    saga = [row for (story, _), row in rows.items() if story == 1]
    assert abstract == [[0.0, 1 / len(rows)]]
    assert saga and all(row == [1.0, len(saga) / len(rows)] for row in saga)
