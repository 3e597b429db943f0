from bot.core.readers.line_hyphens import LineHyphens


def test_a_dash_set_close_to_its_word_at_a_lines_end_joins_the_next_line_with_no_space():
    # LibreOffice breaks a line after a dash set close to its words ("all my gifts\u2014" "since"): the lines were
    # joined with a space, "gifts\u2014 since", where the text says "gifts\u2014since".
    hyphens = LineHyphens(["all my gifts\u2013", "since, says my young"])
    assert hyphens.seam("all my gifts\u2013", "since, says") == ("all my gifts\u2013", "")
    assert hyphens.seam("all my gifts\u2014", "\u201cSince") == ("all my gifts\u2014", "")
    assert hyphens.seam("all my gifts--", "since") == ("all my gifts--", "")


def test_a_dash_standing_apart_keeps_the_space_after_it():
    hyphens = LineHyphens(["all my gifts \u2014", "since"])
    assert hyphens.seam("all my gifts \u2014", "since") == ("all my gifts \u2014", " ")
    assert hyphens.seam("all my gifts --", "since") == ("all my gifts --", " ")
    assert hyphens.seam("prac-", "tising") == ("prac", "")  # a word broken by a hyphen is joined as before


def test_a_compound_broken_between_two_of_its_words_keeps_its_hyphen():
    # "out-of-" "the-way": the pieces either side of the break are "of" and "the", both words, so the hyphen is the
    # compound's; the whole "the-way" was looked up as the second half, found in no dictionary, and the lines read
    # "out-ofthe-way".
    hyphens = LineHyphens(["an out-of-", "the-way place"])
    assert hyphens.seam("an out-of-", "the-way place") == ("an out-of-", "")


def test_a_hyphen_left_hanging_before_and_or_or_keeps_the_space_after_it():
    # "pre-" at a line's end and "and post-war" under it read "pre-and post-war": the line broke after a space.
    hyphens = LineHyphens(["the pre-", "and post-war years, two-", "or three-year-olds"])
    assert hyphens.seam("the pre-", "and post-war years") == ("the pre-", " ")
    assert hyphens.seam("years, two-", "or three-year-olds") == ("years, two-", " ")
