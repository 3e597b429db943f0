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
