import pytest

from bot.core.readers.note_marks import is_raised_mark, text_before, without_symbol_mark


@pytest.mark.parametrize(("raised", "before"), [("1", "n"), ("12", ","), ("[3]", "e"), ("*", "s"), ("†", "”")])
def test_a_raised_mark_against_a_word_or_its_punctuation(raised, before):
    assert is_raised_mark(raised, before)


@pytest.mark.parametrize(
    ("raised", "before"),
    [
        ("6", "0"),  # a power: 10⁶
        ("st", "1"),  # an ordinal's letters
        ("th", "h"),  # no mark
        ("1", " "),  # a note's own number, opening its line
        ("1", ""),
        ("1984", "n"),  # a year
    ],
)
def test_no_raised_mark(raised, before):
    assert not is_raised_mark(raised, before)


def test_the_text_before_is_the_last_character_read():
    assert text_before(["Bergen", "", ""]) == "n"
    assert text_before(["", ""]) == ""


def test_a_note_opening_with_a_symbol_takes_its_mark_from_the_word_it_follows_in_the_paragraph_above():
    before = "a tarred rope* while the water broke, * * * and 5 * 3"
    assert without_symbol_mark("* Tarred hemp.", before) == "a tarred rope while the water broke, * * * and 5 * 3"
    assert without_symbol_mark("\u2020\u2020 A cross.", "the chart\u2020\u2020 showed it") == "the chart showed it"
    assert without_symbol_mark("* Tarred hemp.", "a tarred rope while * the water") is None  # after no word
    assert without_symbol_mark("1 Tarred hemp.", "a tarred rope1 while") is None  # a number is no symbol
    assert without_symbol_mark("*", "rope*") is None  # a mark alone is no note
