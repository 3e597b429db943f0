import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stories")
    (folder / "the-storm.md").write_text(
        "# The Storm\n\nThe frightened puppies hid under the porch.\n\nThe farmer found them at dawn.\n\n"
        "The capitol of the county flooded.\n\nMara sang to the frightened animals.",
        encoding="utf-8",
    )
    return StoryLibrary(load_corpus(folder))


@pytest.mark.parametrize(("typed", "fixed"), [("frigtened", "frightened"), ("puppiess", "puppies"), ("Mrara", "mara")])
def test_misspelt_words_become_the_librarys_closest_word(library, typed, fixed):
    assert library.speller.correct(typed.lower())[0] == fixed


def test_dictionary_and_short_words_are_never_corrected(library):
    assert library.speller.correct("capital") is None  # a real word, not a typo of "capitol"
    assert library.speller.correct("hud") is None


def test_a_typo_does_not_sink_the_question_and_the_answer_says_what_was_searched(library):
    answer = library.ask("Why were the puppiess frigtened?")
    assert answer.best is not None and "puppies hid" in answer.best.excerpt.text
    assert [(c.word, c.replacement) for c in answer.corrections] == [
        ("puppiess", "puppies"),
        ("frigtened", "frightened"),
    ]


def test_an_uncorrectable_made_up_word_is_left_out(library):
    answer = library.ask("where did the farmer xqzvbnm find them")
    assert answer.best is not None and "farmer found them" in answer.best.excerpt.text
