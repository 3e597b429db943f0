import pytest

from tests.core.readers.latex_books import as_typed, read_book, stories

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra: pip install -e '.[formats]'")


def test_words_latex_sets_apart_by_moves_alone_in_a_t1_font_are_read_apart():
    # Latin Modern's code 32 is a visible space half an em wide: pypdf took TeX's squeezed word spaces, under a
    # quarter em, for kerning, and read "herselfasarisingstarintheclassicalmusicworld".
    book = read_book("musicians-t1.pdf")
    read = {as_typed(block.text) for block in book.blocks if not block.heading}
    paragraphs = [paragraph for story in stories().values() for paragraph in story]
    assert [paragraph for paragraph in paragraphs if paragraph not in read] == []
