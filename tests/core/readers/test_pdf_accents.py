import pytest

from bot.core.readers.pdf_accents import with_accents
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
