from bot.core.readers.pdf_letterspacing import NO_SPACE, join_letterspaced


def test_moves_that_set_letters_apart_are_no_spaces_and_the_word_gaps_between_them_stay():
    # microtype's small capitals, tracked a tenth of an em: the moves between letters drawn as smaller ones, the same
    # length in all; the word gap (the tracking and a word space) kept.
    tracked: list[object] = [b"T", -111, b"h", -110, b"e", -527, b"k", -111, b"e", -110, b"y"]
    join_letterspaced(b"TJ", [tracked])
    moves = [item for item in tracked if isinstance(item, float | int)]
    assert [item for item in tracked if isinstance(item, bytes)] == [b"T", b"h", b"e", b"k", b"e", b"y"]
    assert all(-NO_SPACE <= move < 0 for move in moves if move != -527) and -527 in moves
    assert sum(moves) == -111 - 110 - 527 - 111 - 110


def test_a_tracking_as_wide_as_a_word_space_is_one_only_where_its_letters_spell_words():
    spaced: list[object] = [b"t", -200, b"h", -200, b"e", -601, b"w", -200, b"i", -200, b"n", -200, b"d"]
    join_letterspaced(b"TJ", [spaced])
    assert -200 not in spaced and -601 in spaced
    initials: list[object] = [b"A", -333, b"B", -333, b"C", -333, b"D", -333, b"E"]  # a line of one-letter words
    join_letterspaced(b"TJ", [initials])
    assert initials == [b"A", -333, b"B", -333, b"C", -333, b"D", -333, b"E"]


def test_a_tracking_as_wide_as_a_word_space_is_one_where_a_word_gap_stands_on_top_of_it():
    # Names letterspaced 0.3 em spell no dictionary words: their word gap, the tracking and a word space more, tells
    # them. Letters typed apart stand a word space from each other, a quad (an em) at most wider.
    names: list[object] = [b"M", -300, b"i", -300, b"r", -300, b"a", -729, b"N", -300, b"g", -300, b"o"]
    join_letterspaced(b"TJ", [names])
    assert -300 not in names and -729 in names
    initials: list[object] = [b"Q", -336, b"X", -337, b"Z", -336, b"J", -1336, b"a", -336, b"b", -449, b"c"]
    join_letterspaced(b"TJ", [initials])
    assert initials == [b"Q", -336, b"X", -337, b"Z", -336, b"J", -1336, b"a", -336, b"b", -449, b"c"]


def test_a_line_of_words_with_kerning_is_left_as_it_is():
    line: list[object] = [b"clim", 28, b"b", -28, b"ed", -333, b"the", -333, b"stairs", 83, b"A", -28, b"V"]
    join_letterspaced(b"TJ", [line])
    assert line == [b"clim", 28, b"b", -28, b"ed", -333, b"the", -333, b"stairs", 83, b"A", -28, b"V"]
