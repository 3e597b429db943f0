from bot.core.readers.pdf_letterspacing import NO_SPACE, join_letterspaced
from tests.core.readers.latex_books import read_book


def test_moves_that_set_letters_apart_are_no_spaces_and_the_word_gaps_between_them_stay():
    # microtype's small capitals, tracked a tenth of an em: the moves between letters drawn as smaller ones, the same
    # length in all; the word gap (the tracking and a word space) kept.
    tracked: list[object] = [b"T", -111, b"h", -110, b"e", -527, b"k", -111, b"e", -110, b"y"]
    join_letterspaced(b"TJ", [tracked])
    last = max(n for n, item in enumerate(tracked) if isinstance(item, bytes))
    moves = [item for item in tracked[:last] if isinstance(item, float | int)]
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


def test_names_letterspaced_where_nothing_else_in_their_array_tells_the_tracking_are_read_as_words():
    # keeper-names.pdf (scripts/make_pdf_fixtures.sh): \textls at 0.2 to 0.3 em over names no dictionary holds. A name
    # alone in its array ("Françoise" before a comma, "Oyelaran" on a line of its own), one whose apostrophe broke its
    # run of letters before the word gap ("Mirela's song") and one before a full stop ("Ngozi.") were read letter by
    # letter. Letters typed apart stay apart.
    text = " ".join(block.text for block in read_book("keeper-names.pdf").blocks)
    for name in ("Françoise", "Mirela’s song carried over the jetty.", "Oyelaran", "Ngozi."):
        assert name in text
    assert "a b c d e f g, and the initials Q X Z J." in text


def test_a_name_alone_in_its_array_is_a_capital_and_small_letters():
    # pdfTeX sets a letterspaced word in an array of its own: a capital and small letters the tracking apart is a name.
    # Initials in capitals, or small letters typed apart, alone in an array, are no word.
    name: list[object] = [b"F", -118, b"r", -200, b"a", -200, b"n", -200, b"\xe7", -200, b"o", -200, b"i", -200, b"s"]
    join_letterspaced(b"TJ", [name])
    assert all(-NO_SPACE <= move < 0 for move in name if isinstance(move, float | int))
    for letters in ([b"Q", -333, b"X", -333, b"Z", -333, b"J"], [b"a", -333, b"b", -333, b"c", -333, b"d"]):
        kept = list(letters)
        join_letterspaced(b"TJ", [letters])
        assert letters == kept


def test_a_word_space_between_kerned_pieces_of_the_texts_words_stays_one():
    # "Mirela's" letterspaced 0.3 em before "song carried over": the text's words are drawn in pieces where a kern
    # stands ("carrie", "d", "o", "v", "er"), and the word space between "d" and "o" (0.334 em) is within a tracking
    # of 0.3 em and its slack; it was drawn as no space: "carriedover".
    name: list[object] = [b"M", -300, b"i", -300, b"r", -300, b"e", -300, b"l", -300, b"a", -300, b"'", -300, b"s"]
    words: list[object] = [-583, b"song", -334, b"carrie", 1, b"d", -334, b"o", 28, b"v", 28, b"er"]
    line = name + words
    join_letterspaced(b"TJ", [line])
    assert -300 not in line and line[-len(words) :] == words


def test_a_name_letterspaced_at_a_lines_end_or_by_soul_is_read_as_a_word():
    # keeper-spaced.pdf (scripts/make_pdf_fixtures.sh): \textls at 0.3 em over a name that ends its line, in the array
    # of the line's words, a word gap before it and nothing after ("was  M a r i g o l d"); names set apart by soul's
    # \so, which draws a word's first or last letter with the quote, bracket or stop beside it ("l,", "“P", "(F").
    # They were read letter by letter: nothing else in their arrays told the tracking, and a letter drawn with its stop
    # was no letter drawn alone ("Kestre l,"). Letters typed apart, quoted or after a sentence's end, stay apart.
    text = " ".join(block.text for block in read_book("keeper-spaced.pdf").blocks)
    assert "the first was Marigold with the second Osprey, both" in text
    assert "was Kestrel, and the tender was Gannet; “Petrel” was the third, and (Fulmar) the fourth." in text
    assert "“p q r s” on the boathouse door. Stop. x y z w were" in text


def test_a_stop_drawn_with_a_letter_ends_the_letterspaced_word():
    # soul's word space after "Gannet;" (0.3 em) is within the tracking (0.25 em) and its slack: it stays a space.
    line: list[object] = [b"as", -546, b"G", -249, b"a", -249, b"n", -248, b"n", -250, b"e", -250, b"t;", -300]
    line += [b"\x10P", -223, b"e", -250, b"t", -250, b"r", -249, b"e", -250, b"l\x11", -334, b"was"]
    join_letterspaced(b"TJ", [line])
    assert -300 in line and -334 in line and -546 in line
    joined = [move for move in line if isinstance(move, float | int) and move not in (-300, -334, -546)]
    assert joined and all(-NO_SPACE <= move < 0 for move in joined)


def test_a_name_with_letters_t1_places_past_latin_1s_is_read_as_a_word():
    # keeper-t1names.pdf (scripts/make_pdf_fixtures.sh): names letterspaced 0.3 em, each alone in its array, whose
    # letters T1 places at codes 128 to 191 ("ř" at 176, "Ł" at 138, "Š" at 146), where Latin-1 has no letters: they
    # were no name ("D v o ř á k"). The font's encoding names them (its /Differences: "rcaron", "Lslash", "Scaron").
    text = " ".join(block.text for block in read_book("keeper-t1names.pdf").blocks)
    for name in ("Dvořák", "Łukasz", "Šimůnek", "Ødegård"):
        assert name in text


def test_a_fonts_encoding_names_the_letters_past_latin_1s():
    # The font dictionary pdfTeX writes for a T1 font: "Lslash" at 138 is a capital, "rcaron" at 176 a small letter.
    font: dict[str, object] = {"/Encoding": {"/Differences": [97, "/a", "/b", 138, "/Lslash", 176, "/rcaron"]}}
    name: list[object] = [b"\x8a", -300, b"u", -300, b"k", -300, b"a", -300, b"s", -300, b"z"]
    join_letterspaced(b"TJ", [name], font)
    assert all(-NO_SPACE <= move < 0 for move in name if isinstance(move, float | int))
    kept: list[object] = [b"\x8a", -300, b"u", -300, b"k", -300, b"a", -300, b"s", -300, b"z"]
    join_letterspaced(b"TJ", [kept])  # no font to tell what code 138 is
    assert kept == [b"\x8a", -300, b"u", -300, b"k", -300, b"a", -300, b"s", -300, b"z"]


def test_a_stop_after_a_name_letterspaced_in_its_own_array_is_read_against_it():
    # microtype sets half the tracking after a letterspaced word's last letter, and pdfTeX draws a name letterspaced in
    # the text in an array of its own, the next array placed past that half: pypdf read it as a space before the stop
    # ("Françoise ,", "Dvořák ,", "Sébastien ;" in keeper-names.pdf, keeper-t1names.pdf and keeper-commas.pdf, made by
    # scripts/make_pdf_fixtures.sh). A word after the name stays a word space away.
    names = " ".join(block.text for block in read_book("keeper-names.pdf").blocks)
    assert "in the log, Françoise, and nothing" in names
    t1_names = " ".join(block.text for block in read_book("keeper-t1names.pdf").blocks)
    assert "Dvořák, and another, Łukasz, and a third, Šimůnek, and" in t1_names
    commas = " ".join(block.text for block in read_book("keeper-commas.pdf").blocks)
    assert commas == (
        "At dawn Sébastien rowed out; Renée stayed, and the keeper wrote Sébastien; then Chloé: nobody answered, and"
        " Noël lit the lamp."
    )


def test_a_letterspaced_words_last_letter_is_drawn_half_the_tracking_wide():
    # The half of the tracking microtype sets after the word, outside its array, counted as the array's own width.
    name: list[object] = [b"R", -250, b"e", -250, b"n", -250, b"\xe9", -250, b"e"]
    join_letterspaced(b"TJ", [name])
    moves = [item for item in name if isinstance(item, float | int)]
    assert name[-1] == moves[-1] and sum(moves) == -250 * 4 - 125
    assert all(-NO_SPACE <= move < 0 for move in moves)
    words: list[object] = [b"and", -533, b"N", -200, b"o", -228, b"\xeb", -200, b"l", -533, b"lit"]
    join_letterspaced(b"TJ", [words])
    assert words[-1] == b"lit"  # the array ends in a word of the text's: no move after it


def test_a_name_of_three_letters_letterspaced_on_its_own_is_read_as_a_word():
    # keeper-short.pdf (scripts/make_pdf_fixtures.sh): \textls at 0.1 to 0.3 em over "Ann", "Bob", "Zoë", "Ian" and
    # "Eve", each in an array of its own in the justified line, within the line's array in the ragged last one, before
    # a word, a comma, a semicolon or a colon. They were read letter by letter ("A n n", "Z o ë ,"): a word needed four
    # letters. One-letter words typed apart, "I a m" among them, and initials stay apart.
    text = " ".join(block.text for block in read_book("keeper-short.pdf").blocks)
    assert text == (
        "At dawn Ann rowed out, and Bob stayed; the keeper wrote Zoë, then Ian: nobody answered, and Eve lit the lamp."
        " The letters a b c stood on the slate, and I a m was written under them, with x y z and Q R S."
    )


def test_three_letters_are_a_name_only_as_a_capital_and_small_letters_set_apart_on_their_own():
    # A name alone in its array, or set apart within its line's: half the tracking or more on either side, and where
    # the tracking is as wide as a word space, half of it before a stop or a word gap on top of it after the name.
    for name in (
        [b"A", -200, b"n", -200, b"n"],
        [b"at", -333, b"B", -100, b"o", -100, b"b", -333, b"stayed"],
        [b"wrote", -583, b"Z", -250, b"o", -278, b"\xeb", -125, b",", -333, b"then"],
        [b"and", -459, b"E", -150, b"v", -122, b"e", -458, b"lit"],
    ):
        join_letterspaced(b"TJ", [name])
        letters = [n for n, item in enumerate(name) if isinstance(item, bytes) and len(item) == 1 and item != b","]
        within = [item for item in name[letters[0] : letters[-1]] if not isinstance(item, bytes)]
        assert len(within) > 2 and all(isinstance(move, float) and -NO_SPACE <= move < 0 for move in within), name
    for typed in (
        [b"and", -346, b"I", -346, b"a", -346, b"m", -347, b"was"],  # one-letter words: a word space on each side
        [b"with", -333, b"Q", -334, b"R", -333, b"S"],  # initials
        [b"a", -300, b"b", -300, b"c"],  # small letters alone
        [b"the", -333, b"A", -333, b"b", -333, b"c", -333, b"d", 28, b"ay"],  # a word against the third
        [b"so", -346, b"I", -346, b"a", -346, b"m"],  # ending the line's array: nothing tells it
    ):
        kept = list(typed)
        join_letterspaced(b"TJ", [typed])
        assert typed == kept
