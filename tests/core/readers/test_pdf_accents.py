import pytest

from bot.core.readers.pdf_accents import accents_over_letters, with_accents
from tests.core.readers.latex_books import read_book, stories

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra: pip install -e '.[formats]'")


def test_letters_latex_draws_as_an_accent_over_a_letter_are_read_whole():
    # Computer Modern in OT1 has no "é": TeX draws an acute accent, then an "e", read "S\u00b4ebastien".
    text = " ".join(block.text for block in read_book("musicians-ot1.pdf").blocks)
    source = " ".join(paragraph for story in stories().values() for paragraph in story)
    assert "\u00b4" not in text
    assert text.count("Sébastien") >= source.count("Sébastien") > 0


def test_a_spacing_accent_goes_on_the_letter_after_it_and_nowhere_else():
    assert with_accents("na\u00a8\u0131ve fa\u00b8cade \u02c7Capek") == "naïve façade Čapek"
    assert with_accents("S\u00b4ebastien") == "Sébastien"
    assert with_accents("\u00b4\u0131") == "í"  # a dotless i under an accent is an i
    assert with_accents("w\u0302") == "w\u0302"  # a combining accent is left as it is
    assert with_accents("a \u00b4 b, 5\u00b4, \u00b4") == "a \u00b4 b, 5\u00b4, \u00b4"  # not before a letter


def test_an_accent_a_font_with_accented_letters_draws_is_the_character_typed(tmp_path):
    # An acute accent typed for an apostrophe, a grave for an opening quote, in a font that has "é" of its own (a word
    # processor's, a standard encoding's): each went on the letter after it, "dont\u0301", "itś", "Iḿ", "h\u0300ello'".
    fpdf = pytest.importorskip("fpdf")
    from tests.core.readers.test_pdf import read_paragraphs

    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 5, "I don\u00b4t know, it\u00b4s late and I\u00b4m tired, she wrote `hello' in the caf\u00e9.")
    pdf.output(str(tmp_path / "typed.pdf"))
    assert read_paragraphs(tmp_path / "typed.pdf") == [
        "I don\u00b4t know, it\u00b4s late and I\u00b4m tired, she wrote `hello' in the caf\u00e9."
    ]


_WIDTHS = {24: 444.4, ord("C"): 722.2, ord("a"): 500.0, ord("c"): 444.4}
TEX_FONT = {"/Subtype": "/Type1", "/FirstChar": 24, "/Widths": [_WIDTHS.get(code, 0.0) for code in range(24, 128)]}
"""Computer Modern's widths of the cedilla (code 24), "C", "a" and "c", in its own encoding."""


def test_an_accent_drawn_over_the_letter_before_it_is_put_before_that_letter():
    # \ooalign's "Ç": the letter, a move back, the cedilla, a move on to the letter's end.
    overlaid: list[object] = [b"sea.", -444, b"C", 583, b"\x18", -139, b"a"]
    accents_over_letters(b"TJ", [overlaid], TEX_FONT)
    assert overlaid[:5] == [b"sea.", -444, b"", b"\x18", 444.4] and overlaid[5] == b"C"
    assert isinstance(overlaid[6], float) and abs(overlaid[6]) < 1 and overlaid[7] == b"a"  # the pen where it was
    ended: list[object] = [b"C", 583, b"\x18"]  # the array ends with the accent: the pen goes on to the letter's end
    accents_over_letters(b"TJ", [ended], TEX_FONT)
    assert ended == [b"", b"\x18", 444.4, b"C"]


def test_an_accent_tex_draws_before_its_letter_and_a_kern_are_left_as_they_are():
    before: list[object] = [b"feli\x18", 445, b"c"]  # \accent's "ç": the accent first, then the letter
    accents_over_letters(b"TJ", [before], TEX_FONT)
    assert before == [b"feli\x18", 445, b"c"]
    kerned: list[object] = [b"C", 83, b"a"]
    accents_over_letters(b"TJ", [kerned], TEX_FONT)
    assert kerned == [b"C", 83, b"a"]
    lettered = {**TEX_FONT, "/Encoding": "/WinAnsiEncoding"}  # a font with accented letters of its own
    typed: list[object] = [b"C", 583, b"\x18", -139, b"a"]
    accents_over_letters(b"TJ", [typed], lettered)
    assert typed == [b"C", 583, b"\x18", -139, b"a"]
