import pytest

from bot.core.readers.pdf import PdfReader
from tests.core.readers.format_fixtures import FIXTURES

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra")


def test_text_given_as_actual_text_is_read_in_place_of_the_glyphs_drawn():
    # river-thai.md (our words) as LibreOffice prints it with no Thai font installed (scripts/make_pdf_fixtures.sh):
    # every character drawn as one glyph, code 1, which the font's ToUnicode maps to the first character it drew, each
    # other character given only as a span's /ActualText. It was read "แแแแแแ...", "เเเเ...": no word of it.
    story = PdfReader().read((FIXTURES / "river-thai-libreoffice.pdf").read_bytes())
    assert story.title == "แม่น้ำยามเช้า"
    text = "".join(block.text for block in story.blocks).replace(" ", "")
    assert text == "เด็กหญิงเดินไปที่แม่น้ำทุกเช้าเธอเห็นเรือลำเล็กลอยอยู่ใกล้ฝั่งชายแก่คนหนึ่งนั่งตกปลาอยู่บนเรือเขาโบกมือให้เธอและยิ้ม"
