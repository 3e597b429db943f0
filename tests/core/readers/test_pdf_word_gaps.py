import pytest

from bot.core.readers.pdf_word_gaps import FORCED, space_word_gaps
from tests.core.readers.latex_books import as_typed, read_book, stories

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra: pip install -e '.[formats]'")


def test_words_latex_sets_apart_by_moves_alone_in_a_t1_font_are_read_apart():
    # Latin Modern's code 32 is a visible space half an em wide: pypdf took TeX's squeezed word spaces, under a
    # quarter em, for kerning, and read "herselfasarisingstarintheclassicalmusicworld".
    book = read_book("musicians-t1.pdf")
    read = {as_typed(block.text) for block in book.blocks if not block.heading}
    paragraphs = [paragraph for story in stories().values() for paragraph in story]
    assert [paragraph for paragraph in paragraphs if paragraph not in read] == []


def test_a_thin_space_or_a_kern_is_no_word_gap_and_a_squeezed_word_space_is():
    # TeX's \ldots sets its dots a thin space (0.167 em) apart: read as word gaps, "ill...." was "ill. . . .".
    ellipsis: list[object] = [b"ill.", -167, b".", -167, b".", 28, b"W", 83, b"e"]
    space_word_gaps(b"TJ", [ellipsis])
    assert ellipsis == [b"ill.", -167, b".", -167, b".", 28, b"W", 83, b"e"]
    squeezed: list[object] = [b"and", -222, b"was", -1, b"t"]
    space_word_gaps(b"TJ", [squeezed])
    assert squeezed == [b"and", -FORCED, FORCED - 222, b"was", -1, b"t"]


def test_the_word_after_a_line_with_word_gaps_drawn_as_moves_keeps_its_space(tmp_path):
    # pdfTeX sets a word in italics (or bold, small capitals) as a piece of its own, placed a word space after the line
    # so far; a space put into the line's TJ as text counted as its width, and pypdf, finding the next piece nearer
    # than that, set no space before it: "read \emph{Moby Dick}" was "readMoby Dick".
    from tests.core.readers.test_pdf import read_paragraphs, write_pages

    # Helvetica's "read" is 24.01 points wide at 12 points, "the" 16.68: "Moby" a word space (3.3 points) after.
    write_pages(tmp_path / "emph.pdf", [b"BT /F1 12 Tf 72 700 Td [(read)-250(the)]TJ 46.99 0 Td (Moby Dick) Tj ET"])
    assert read_paragraphs(tmp_path / "emph.pdf") == ["read the Moby Dick"]
