from bot.core.number_words import TENS, UNITS, tens_value


def test_each_number_word_stands_at_its_value():
    assert UNITS.index("zero") == 0 and UNITS.index("seven") == 7 and UNITS.index("nineteen") == 19
    assert [tens_value(word) for word in TENS] == list(range(20, 100, 10))
