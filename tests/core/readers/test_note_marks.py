import pytest

from bot.core.readers.note_marks import is_raised_mark, text_before


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
