from bot.core.analysis import Analyzer
from bot.core.word_forms import american_spellings, parse_word_forms, verbs_of_forms, word_forms_digest


def test_the_bundled_list_reads_each_british_spelling_as_its_american_one():
    american = american_spellings()
    assert american["colour"] == "color" and american["litres"] == "liters" and american["organising"] == "organizing"
    assert "color" not in american  # American spellings stay as they are
    assert all(british != spelling and "\t" not in spelling for british, spelling in american.items())


def test_the_bundled_list_reads_irregular_forms_as_their_verb_but_not_words_of_their_own():
    verbs = verbs_of_forms()
    assert verbs["felt"] == "feel" and verbs["won"] == "win" and verbs["shook"] == "shake"
    # each a word in its own right too: "the left hand", "a thought", "the ground", "a wound", "a rose", and "born",
    # which would have met "bear", the animal
    assert not {"left", "thought", "ground", "wound", "rose", "born"} & verbs.keys()


def test_comment_and_empty_lines_are_no_pairs():
    assert parse_word_forms("# from breame\n\ncentre\tcenter\n") == {"centre": "center"}


def test_the_lists_are_in_the_analyser_s_signature_so_a_saved_index_built_with_others_is_rebuilt():
    assert (
        word_forms_digest() in Analyzer().signature and word_forms_digest() not in Analyzer(lemmatize=False).signature
    )
