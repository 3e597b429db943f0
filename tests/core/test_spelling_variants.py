from bot.core.spelling_variants import american_spellings, parse_variants


def test_the_bundled_list_reads_each_british_spelling_as_its_american_one():
    american = american_spellings()
    assert american["colour"] == "color" and american["litres"] == "liters" and american["organising"] == "organizing"
    assert "color" not in american  # American spellings stay as they are
    assert all(british != spelling and "\t" not in spelling for british, spelling in american.items())


def test_comment_and_empty_lines_are_no_pairs():
    assert parse_variants("# from breame\n\ncentre\tcenter\n") == {"centre": "center"}
