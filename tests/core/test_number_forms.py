from pathlib import Path

import pytest

from bot.core.analysis import words
from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.number_forms import CHECKED_PASSAGES, NumberForms, spelled, spelled_runs, spelled_value


@pytest.fixture(scope="module")
def survey(tmp_path_factory):
    folder = tmp_path_factory.mktemp("survey")
    (folder / "log.md").write_text(
        "# Survey Log\n\n"
        "We reached Tollan. The gas giant has twenty-one moons, and the largest is named Veil.\n\n"
        "Grandma Rosa began at 5 a.m. by warming the water for the bread.\n\n"
        "The report went out at 4 p.m., before the deadline.\n\n"
        "Her research on polymers in the 1960s led to a waterproof fabric.\n\n"
        "Lewis Okonjo-Hart was only seventeen years old when he scored.\n\n"
        "Ted had saved 34 pounds by the spring and bought a fiddle.\n\n"
        "In the eighties the mill closed and the village emptied.\n\n"
        "During the Second World War she worked at a laboratory in Ottawa.\n\n"
        "On his twenty-first birthday Tomas sold the farm to his cousin.\n\n"
        "On the third night the storm broke over Vesk ridge.",
        encoding="utf-8",
    )
    return StoryLibrary(load_corpus(folder))


@pytest.mark.parametrize(
    ("question", "found", "searched"),
    [
        ("Does Tollan have 21 moons?", "twenty-one moons", "twenty-one"),
        ("how old was Lewis, 17?", "seventeen years old", "seventeen"),
        ("how much had Ted saved, thirty-four pounds?", "34 pounds", "34"),
        ("how much had Ted saved, thirty four pounds?", "34 pounds", "34"),
        ("what did grandma rosa do at 5am", "5 a.m.", "5 a.m."),
        ("what went out at 4pm", "4 p.m.", "4 p.m."),
        ("what happened in the 60s", "polymers in the 1960s", "1960s"),
        ("what did she research in the sixties", "polymers in the 1960s", "1960s"),
        ("what did she research in the 60's", "polymers in the 1960s", "1960s"),
        ("what happened to the mill in the 1980s", "In the eighties", "eighties"),
        ("where did she work in WW2", "laboratory in Ottawa", "Second World War"),
        ("where did she work in WWII", "laboratory in Ottawa", "Second World War"),
        ("what did tomas do on his 21st birthday", "twenty-first birthday", "twenty-first"),
        ("what happened on the 3rd night", "third night", "third"),
    ],
)
def test_a_number_the_stories_write_in_another_form_finds_it_and_says_so(survey, question, found, searched):
    answer = survey.ask(question)
    assert answer.best is not None and found in answer.best.excerpt.text
    assert [c.replacement for c in answer.corrections] == [searched]


@pytest.fixture(scope="module")
def lookalikes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lookalikes")
    (folder / "hotel.md").write_text(
        "# Hotel\n\n"
        "Room 21 was locked all night, and the porter kept the key.\n\n"
        "The planet Tollan has twenty-one moons and a ring of ice.\n\n"
        "Call the porter on 555-2121 after dark.",
        encoding="utf-8",
    )
    return StoryLibrary(load_corpus(folder))


def test_a_number_the_stories_write_as_asked_is_searched_as_asked(lookalikes):
    # "Room 21" holds the question's "21", and the moons "twenty-one": each is found by its own words.
    answer = lookalikes.ask("Does Tollan have 21 moons?")
    assert answer.corrections == ()
    assert answer.best is not None and "twenty-one moons" in answer.best.excerpt.text
    answer = lookalikes.ask("who kept the key to room twenty-one")
    assert answer.corrections == ()
    assert answer.best is not None and answer.best.excerpt.text.startswith("Room 21")


def library_of(folder: Path, text: str) -> StoryLibrary:
    (folder / "story.md").write_text(text, encoding="utf-8")
    return StoryLibrary(load_corpus(folder))


def test_an_ordinal_of_two_words_finds_the_story_s_digits(tmp_path):
    library = library_of(tmp_path, "# League\n\nKettering were 22nd when the season ended.\n\nThe ground was sold.")
    answer = library.ask("who was twenty-second when the season ended")
    assert answer.best is not None and answer.best.excerpt.text.startswith("Kettering were 22nd")
    assert [c.replacement for c in answer.corrections] == ["22nd"]


@pytest.mark.parametrize("decade", ["the 60s", "the 60's", "the sixties", "the 1960s"])
def test_a_story_s_decade_written_with_an_apostrophe_is_found_by_every_form(tmp_path, decade):
    # The story's "60's" was indexed as "60", which none of these met: the answer was a tie on "Mara" alone.
    library = library_of(tmp_path, "# Mara\n\nLater Mara bought a farm.\n\nIn the 60's Mara sang in clubs.")
    answer = library.ask(f"what did mara do in {decade}")
    assert answer.best is not None and answer.best.excerpt.text.startswith("In the 60's")


def test_second_and_2nd_are_not_searched_for_each_other(tmp_path):
    # "second" is a unit of time and "second-hand" a coat as often as an ordinal: "2nd" is not "second", nor the
    # other way round.
    library = library_of(tmp_path, "# Race\n\nTom bought a second-hand coat.\n\nMilo finished 2nd behind his sister.")
    assert library.ask("who finished 2nd").corrections == ()
    assert library.ask("what happened a second later").corrections == ()


def test_a_number_before_an_ordinal_word_is_still_a_number(tmp_path):
    # "seven second-hand coats" was read as one ordinal, "seven second", and its 7 was lost.
    library = library_of(tmp_path, "# Market\n\nAnna sold seven second-hand coats.\n\nThe stall shut at noon.")
    answer = library.ask("who sold 7 coats")
    assert [c.replacement for c in answer.corrections] == ["seven"]
    assert answer.best is not None and answer.best.excerpt.text.startswith("Anna sold seven")


def test_one_alone_is_a_pronoun_as_often_as_a_number(tmp_path):
    # The story writes no "one" but "Kite 1": "which one" is not "which 1".
    library = library_of(tmp_path, "# Kites\n\nTilly picked the blue kite.\n\nKite 1 flew over the barn and the pond.")
    answer = library.ask("which one did Tilly pick")
    assert answer.corrections == ()
    assert answer.best is not None and answer.best.excerpt.text.startswith("Tilly picked the blue kite")


@pytest.mark.parametrize(
    ("story", "question"),
    [
        ("Rovers won two games at home and lost one away.", "did Rovers win 2-1"),  # a score
        ("Call the porter on 555-2121 after two.", "who is on 555-2121"),  # a phone number's digits
        ("The porter came at nine with thirty letters.", "who was at the door at 9:30"),  # a time's
        ("The general led one thousand eight hundred soldiers.", "what happened in 1800"),  # a year, not a count
        ("The war of 1800 ended in the spring.", "who led one thousand eight hundred soldiers"),  # nor a count a year
        ("During the Second World War she worked in Ottawa.", "where did she work in WW1"),  # another war
    ],
)
def test_numbers_joined_into_another_or_years_are_not_searched_in_another_form(tmp_path, story, question):
    library = library_of(tmp_path, f"# Story\n\n{story}")
    assert library.number_forms().found(question, words(question)) == []
    assert library.ask(question).corrections == ()


def test_a_story_asked_of_finds_a_number_only_in_its_own_form(tmp_path):
    (tmp_path / "space.md").write_text("# Space\n\nTollan has twenty-one moons.", encoding="utf-8")
    (tmp_path / "farm.md").write_text("# Farm\n\nThe farm kept 21 cows in the barn.", encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path))
    farm = next(n for n, story in enumerate(library.corpus.stories) if story.title == "Farm")
    space = next(n for n, story in enumerate(library.corpus.stories) if story.title == "Space")
    assert library.ask("how many moons, 21?", story=space).corrections[0].replacement == "twenty-one"
    assert library.ask("how many cows, twenty-one?", story=farm).corrections[0].replacement == "21"
    assert library.ask("how many cows, 21?", story=farm).corrections == ()


@pytest.mark.parametrize(
    ("run", "value"),
    [
        (["twenty", "one"], 21),
        (["seventeen"], 17),
        (["a", "hundred"], 100),
        (["one", "hundred", "and", "forty"], 140),
        (["two", "hundred", "and", "twelve"], 212),
        (["nine", "thousand"], 9000),
        (["four", "hundred", "thousand"], 400_000),
        (["nineteen", "sixty"], None),  # a year's words
        (["one", "two"], None),
        (["twenty", "thirty"], None),
        (["hundred", "and"], None),
        (["a"], None),
        (["two", "thousand", "three", "thousand"], None),
    ],
)
def test_the_value_of_a_number_in_words(run, value):
    assert spelled_value(run) == value


def test_a_number_in_words_is_read_back_to_its_value():
    for value in (1, 13, 20, 21, 99, 100, 101, 140, 999, 1000, 2024, 45_000, 999_999):
        assert spelled_value(spelled(value)) == value


def runs_in(text: str, ordinal: bool = False) -> list[tuple[int, str]]:
    """Each number the text writes in words, with the words it is written in."""
    return [(value, text[start:end]) for value, start, end in spelled_runs(text, ordinal)]


def test_numbers_written_in_words_are_found_in_a_text():
    text = "There were forty-three of us, then twenty six; one, two, three gone, and a hundred more."
    assert runs_in(text) == [
        (43, "forty-three"),
        (26, "twenty six"),
        (1, "one"),
        (2, "two"),
        (3, "three"),
        (100, "a hundred"),
    ]


def test_a_number_in_words_followed_by_and_ends_where_its_number_words_end():
    # "five and lit the ovens" was read as a number going on with "and", never ended: "5" found nothing there.
    text = "She rose at five and lit the ovens, baked a hundred and one loaves, and slept at nine a night."
    assert runs_in(text) == [
        (5, "five"),
        (101, "a hundred and one"),
        (9, "nine"),
    ]


def test_ordinals_in_words_are_found_apart_from_the_cardinals_they_start_with():
    text = "On the twenty-first day, the third of them, for a hundredth time, twenty men came."
    assert runs_in(text, ordinal=True) == [
        (21, "twenty-first"),
        (3, "third"),
        (100, "a hundredth"),
    ]
    assert runs_in(text) == [(20, "twenty")]


def test_a_question_of_many_numbers_reads_a_bounded_number_of_passages(tmp_path):
    # Every passage holds every number from one to forty in words and "21" nowhere: each of the question's numbers
    # would read them all.
    line = ", ".join(" ".join(spelled(n)) for n in range(1, 41))
    (tmp_path / "many.md").write_text("# Many\n\n" + "\n\n".join([line] * 3 * CHECKED_PASSAGES), encoding="utf-8")
    library = StoryLibrary(load_corpus(tmp_path))
    read: list[int] = []

    class Counted(list):
        def __getitem__(self, document):
            read.append(document)
            return super().__getitem__(document)

    forms = NumberForms(library.analyzer, library.index, Counted(library.corpus.passages))
    question = " ".join(str(n) for n in range(1, 41))
    found = forms.found(question, words(question))
    assert found and len(read) == CHECKED_PASSAGES


@pytest.mark.parametrize(
    ("written", "question", "typed"),
    [
        ("5:00 a.m.", "what did Rosa do at 5am", "5am"),
        ("5:00am", "what did Rosa do at 5am", "5am"),
        ("5am", "what did Rosa do at 5 a.m.?", "5 a.m."),
        ("5 am", "what did Rosa do at 5:00am", "5:00am"),
        ("5am", "what did Rosa do at 5:00 a.m.", "5:00 a.m."),
        ("5:30 p.m.", "what did Rosa do at 5:30pm", "5:30pm"),
        ("5.30pm", "what did Rosa do at 5:30 p.m.", "5:30 p.m."),
    ],
)
def test_a_time_of_day_finds_the_same_time_written_another_way(tmp_path, written, question, typed):
    library = library_of(tmp_path, f"# Bakery\n\nRosa lit the ovens at {written} and kneaded the dough.\n\nMilo slept.")
    answer = library.ask(question)
    assert answer.best is not None and answer.best.excerpt.text.startswith("Rosa lit the ovens")
    assert [(c.word, c.replacement) for c in answer.corrections] == [(typed, written)]


@pytest.mark.parametrize(
    "question",
    [
        "what did Rosa do at 5am",  # the story's 5:30 a.m. and 5 p.m. are other times
        "what did Rosa do at 5:30pm",
    ],
)
def test_a_time_of_day_finds_no_other_time(tmp_path, question):
    library = library_of(tmp_path, "# Bakery\n\nRosa lit the ovens at 5:30 a.m.\n\nMilo slept until 5 p.m. that day.")
    assert library.ask(question).corrections == ()
