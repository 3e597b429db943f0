import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.rerank.signals.answer_kind import AnswerKindSignal
from tests.core.rerank.conftest import features_for

MILL = 1
FEATURES = AnswerKindSignal.features


@pytest.mark.parametrize(
    ("question", "feature", "answering", "other"),
    [
        ("When did the river freeze for the miller?", "kind_time", 3, 1),
        ("Why did the baker come to the miller?", "kind_reason", 4, 1),
        ("How many months did the river stop the miller?", "kind_number", 3, 1),
        ("Where did the miller's daughter grow up?", "kind_place", 2, 1),
    ],
)
def test_the_passage_holding_the_kind_of_answer_asked_for_scores(small_library, question, feature, answering, other):
    rows = features_for(small_library, AnswerKindSignal(), question, story=MILL)
    column = FEATURES.index(feature)
    assert rows[(MILL, answering)][column] > rows[(MILL, other)][column]
    assert all(value == 0 for row in rows.values() for i, value in enumerate(row) if i != column)


def test_a_which_question_looks_for_its_noun_as_part_of_a_name(tmp_path):
    (tmp_path / "concert.md").write_text(
        "# Concert\n\nThe hall was cold and the violinist waited.\n\nAt last she played at Carnegie Hall.\n\n"
        "The critics wrote about the violinist.\n\nThe violinist rested.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path), min_match=0.0)
    rows = features_for(library, AnswerKindSignal(), "Which hall did the violinist play?")
    focus = FEATURES.index("focus")
    assert rows[(0, 2)][focus] == 1.0  # "Carnegie Hall": a hall by name
    assert rows[(0, 1)][focus] == 0.0  # "The hall": the noun, but no name


@pytest.mark.parametrize("number", ["seventeen", "thirteen", "sixty", "ninety", "a billion"])
def test_every_number_word_is_a_number_for_how_many(tmp_path, number):
    (tmp_path / "final.md").write_text(
        f"# Final\n\nThe substitute was only {number} years old.\n\nThe substitute ran onto the pitch, and years "
        "of waiting ended.",
        encoding="utf-8",
    )
    library = StoryLibrary(load_corpus(tmp_path), min_match=0.0)
    rows = features_for(library, AnswerKindSignal(), "How old was the substitute, in years?")
    column = FEATURES.index("kind_number")
    assert rows[(0, 1)][column] > 0 and rows[(0, 2)][column] == 0
