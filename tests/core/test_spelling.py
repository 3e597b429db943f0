import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.spelling import SpellingCorrector


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


@pytest.fixture(scope="module")
def stage(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stage")
    (folder / "the-violinist.md").write_text(
        "# The Violinist\n\nHer performances filled the halls of Moscow.\n\n"
        "She would perform at Carnegie Hall, where the butler kept the kexin samples, the RNA and the PPAR notes.\n\n"
        "Run the scales again, said her teacher.",
        encoding="utf-8",
    )
    return StoryLibrary(load_corpus(folder))


def test_a_transposition_is_one_edit_to_any_word_the_library_has(stage):
    # "performances" is the first word that became the term "perform": "perform" is known all the same.
    assert stage.speller.correct("perfrom") == ("perform", stage.analyzer.term("perform"))
    assert stage.speller.correct("bulter")[0] == "butler"  # swapped, not "butter" one letter away


def test_a_transposed_question_word_finds_its_passage(stage):
    answer = stage.ask("where did she perfrom?")
    assert answer.best is not None and "Carnegie Hall" in answer.best.excerpt.text
    assert [(c.word, c.replacement) for c in answer.corrections] == [("perfrom", "perform")]


@pytest.mark.parametrize(
    "word",
    [
        "performer",  # a word of the language the stories lack: not a typo of "perform"
        "nexin",  # no typo changes the first letter: not "kexin"
        "RUNX",  # an acronym, not "run"
        "mRNA",  # a code of science, by its shape
    ],
)
def test_real_words_and_codes_are_not_corrected_into_other_library_words(stage, word):
    assert stage.query(f"did she play {word} notes").corrections == ()


def test_a_code_with_a_letter_after_its_capitals_is_searched_as_the_code(stage):
    assert stage.speller.correct("PPARy")[0] == "ppar"  # PPAR gamma, typed with a y


def test_a_spellers_words_are_numbered_by_their_libraries_index_or_not_at_all(library):
    """A view joins its owner's speller by these numbers; a word the index lacks, or a word given twice, cannot be."""
    numbered = library.speller.numbered(library.index.vocabulary)
    assert numbered is not None
    words, numbers = numbered
    assert words == set(library.speller.words)
    assert [library.index.vocabulary[t] for t in library.speller.terms] == numbers.tolist()
    assert library.speller.numbered(library.index.vocabulary) is not None
    lacking = SpellingCorrector(
        [*library.speller.words, "zyzzyva"], [*library.speller.terms, "zyzzyva"], [*library.speller.doc_freq, 1]
    )
    assert lacking.numbered(library.index.vocabulary) is None
    twice = SpellingCorrector(["storm", "storm"], ["storm", "storm"], [1, 1])
    assert twice.numbered({"storm": 0}) is None
