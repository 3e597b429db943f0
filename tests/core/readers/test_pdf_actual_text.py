import io
import zlib

import pytest

import bot.core.readers.pdf_actual_text as actual_text
from bot.core.readers.pdf import MAX_PAGE_TEXT, PdfReader
from bot.core.skipped import Cause, StoryRefused
from tests.core.readers.format_fixtures import FIXTURES
from tests.core.readers.test_pdf import pdf_of
from tests.steps import lines_run_in

pypdf = pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra")


def test_text_given_as_actual_text_is_read_in_place_of_the_glyphs_drawn():
    # river-thai.md (our words) as LibreOffice prints it with no Thai font installed (scripts/make_pdf_fixtures.sh):
    # every character drawn as one glyph, code 1, which the font's ToUnicode maps to the first character it drew, each
    # other character given only as a span's /ActualText. It was read "แแแแแแ...", "เเเเ...": no word of it.
    story = PdfReader().read((FIXTURES / "river-thai-libreoffice.pdf").read_bytes())
    assert story.title == "แม่น้ำยามเช้า"
    # Its words are read whole: a span drawn wider than an em a character ("ำ" as two glyphs), shown an em a
    # character, ended before the next glyph, read a space away ("เรือลำ เล็ก"), and the page's 32nd character was
    # given code 32, measured as a space ("ชายแก่ค นหนึ่ง"). Its four one-line paragraphs, the same space apart, are one.
    assert [block.text for block in story.blocks] == [
        "เด็กหญิงเดินไปที่แม่น้ำทุกเช้า เธอเห็นเรือลำเล็กลอยอยู่ใกล้ฝั่ง ชายแก่คนหนึ่งนั่งตกปลาอยู่บนเรือ เขาโบกมือให้เธอและยิ้ม"
    ]


def test_thai_set_in_a_thai_font_reads_as_written():
    # fisherman-thai.md (our words) as LibreOffice prints pandoc's Word file of it with Tlwg's Thai fonts
    # (scripts/make_pdf_fixtures.sh). Thai writes no space between words and LibreOffice wraps its lines between them:
    # lines were joined with a space, within a phrase ("กลางแม่น้ำ เขา ชอบ"). It draws "ำ" as two glyphs in a span giving
    # its text, which was shown an em a character, past the space after it ("แม่น้ำ เขา" read "แม่น้ำเขา").
    story = PdfReader().read((FIXTURES / "fisherman-thai-libreoffice.pdf").read_bytes())
    written = (FIXTURES / "fisherman-thai.md").read_text(encoding="utf-8").split("---")[2].split()
    assert story.title == "ชาวประมงกับแม่น้ำ"
    assert " ".join(block.text for block in story.blocks).split() == written


def one_page(content: bytes) -> bytes:
    """A PDF of one page of this content, Helvetica its font /F1."""
    packed = zlib.compress(content)
    return pdf_of(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def read_text(content: bytes) -> str:
    return " ".join(block.text for block in PdfReader().read(one_page(content)).blocks)


def test_marked_content_nested_deep_is_read_in_steps_linear_in_its_operations():
    # Each operation looked through every marked content open for the innermost span: a page opening 40,000 (/P BMC,
    # 0.5 MB) before drawing as many glyphs took 16 s (0.8 s without /ActualText), four times that at twice the size.
    # A span's text stands in place of its glyphs across the marked content nested in it, and after it.
    depth = 2_000
    content = (
        b"BT /F1 12 Tf 72 700 Td (The keeper ) Tj /Span <</ActualText (lit the lamp)>> BDC "
        + b"/P BMC " * depth
        + b"(l) Tj " * depth
        + b"EMC " * depth
        + b"(x) Tj EMC ( at dusk.) Tj ET"
    )
    text, steps = lines_run_in(actual_text.__file__, lambda: read_text(content))
    assert text == "The keeper lit the lamp at dusk."
    assert steps < 40 * depth


def test_a_page_whose_spans_give_more_text_than_a_page_shows_is_refused_before_it_is_written_anew():
    # Each character of a span's text is shown as a two-byte code, written in hex: spans of plain letters under the
    # page's 16 MB made a page four times that, then parsed (12 MB of spans took 28 s before the page was refused).
    span = b"/Span <</ActualText (" + b"lamp " * 4_000 + b")>> BDC (x) Tj EMC "
    spans = MAX_PAGE_TEXT // 20_000 * 4
    content = b"BT /F1 12 Tf 72 700 Td " + span * spans + b"ET"

    def refused() -> Cause | None:
        try:
            read_text(content)
        except StoryRefused as refusal:
            return refusal.refusal.cause
        return None

    cause, steps = lines_run_in(actual_text.__file__, refused)
    assert cause == Cause.TOO_MUCH_TEXT
    assert steps < 2 * MAX_PAGE_TEXT


def test_a_page_written_anew_is_parsed_once():
    # The page written anew was written out and parsed again: a page of 7.6 MB of curves and one span took 9.1 s,
    # 4.4 s without the span, and the pages' 64 MB that bound a file's parsing to about two minutes to four.
    drawn = b"(The keeper lit the lamp.) Tj T* " * 2_000
    with_span = b"/Span <</ActualText (dusk)>> BDC (x) Tj EMC"
    parsed = pypdf.generic.ContentStream._parse_content_stream.__code__.co_filename
    _, without = lines_run_in(parsed, lambda: read_text(b"BT /F1 12 Tf 14 TL 72 700 Td (x) Tj " + drawn + b"ET"))
    _, steps = lines_run_in(parsed, lambda: read_text(b"BT /F1 12 Tf 14 TL 72 700 Td " + with_span + drawn + b"ET"))
    assert steps < 1.2 * without


@pytest.mark.parametrize(
    ("given", "read"),
    [
        (b"<FEFF006C0061006D0070>", "lamp"),  # UTF-16 after its byte order mark, as LibreOffice writes it
        (b"<EFBBBF6C616D70>", "lamp"),  # UTF-8 after its mark (PDF 2.0)
        (rb"(l\141m\(p\))", "lam(p)"),  # escapes
        (b"()", ""),  # no text: the glyphs stand for nothing
        (b"/lamp", "x"),  # a name is no text: the glyphs drawn are read
        (b"<FEFFD800>", "x"),  # half a surrogate pair: no text either
    ],
)
def test_a_spans_text_is_read_as_a_text_string_and_anything_else_leaves_its_glyphs(given, read):
    content = b"BT /F1 12 Tf 72 700 Td (The ) Tj /Span <</ActualText " + given + b">> BDC (x) Tj EMC (!) Tj ET"
    assert read_text(content) == f"The {read}!"


def test_japanese_lines_join_with_no_space():
    # fisherman-japanese.md (our words) as LibreOffice prints pandoc's Word file of it (scripts/make_pdf_fixtures.sh):
    # Japanese wraps its lines anywhere, written with no spaces; a space was read at each line's end
    # ("出ていきました。 彼").
    story = PdfReader().read((FIXTURES / "fisherman-japanese-libreoffice.pdf").read_bytes())
    written = (FIXTURES / "fisherman-japanese.md").read_text(encoding="utf-8").split("---")[2].split()
    assert [block.text for block in story.blocks] == written


def test_khmer_marks_placed_by_moves_back_within_a_span_leave_no_space():
    # fisherman-khmer.md as LibreOffice prints it with KhmerOS: a span's "ម្នា" drawn as a letter, a move back and its
    # mark, the pen going on a letter's width after it; measured with the move back, the span's text ended short of the
    # next glyph, read a space away ("ម្នា ក់"). Its lines wrap between words: "គាត់ ចូល" was read at a line's end.
    text = " ".join(
        block.text for block in PdfReader().read((FIXTURES / "fisherman-khmer-libreoffice.pdf").read_bytes()).blocks
    )
    for whole in ("ម្នាក់", "កណ្តាល", "ស្តាប់", "ស្លាប", "គាត់ចូលចិត្ត", "ចៅស្រីរបស់គាត់"):
        assert whole in text


RIVER = "เด็กหญิงเดินไปที่แม่น้ำทุกเช้า เธอเห็นเรือลำเล็กลอยอยู่ใกล้ฝั่ง ชายแก่คนหนึ่งนั่งตกปลาอยู่บนเรือ เขาโบกมือให้เธอและยิ้ม"


def test_actual_text_within_a_form_is_read_in_place_of_its_glyphs():
    # qpdf overlays a page on another as a form XObject (scripts/make_pdf_fixtures.sh): river-thai's page overlaid on a
    # blank one, then that page on another (a form within a form), and fisherman-thai's once. The spans' /ActualText
    # within the forms was not read: "แแแแแแ", "เเเเ" (and Tlwg's "ำ", drawn as two glyphs, read "ยมเช้" for "ยามเช้า").
    river = PdfReader().read((FIXTURES / "river-thai-qpdf.pdf").read_bytes())
    assert river.title == "แม่น้ำยามเช้า"
    assert [block.text for block in river.blocks] == [RIVER]
    fisherman = PdfReader().read((FIXTURES / "fisherman-thai-qpdf.pdf").read_bytes())
    written = (FIXTURES / "fisherman-thai.md").read_text(encoding="utf-8").split("---")[2].split()
    assert fisherman.title == "ชาวประมงกับแม่น้ำ"
    assert " ".join(block.text for block in fisherman.blocks).split() == written


def pages_drawing_a_form(pages: int, draws: int, form: bytes, form_resources: bytes) -> bytes:
    """A PDF of `pages` pages, each drawing form /X1 (object 4) `draws` times, Helvetica /F1 (object 3)."""
    packed = zlib.compress(form)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (5 + 2 * n) for n in range(pages)), pages),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources %s /Length %d /Filter /FlateDecode >>\n"
        b"stream\n%s\nendstream" % (form_resources, len(packed), packed),
    ]
    for number in range(pages):
        content = b"BT /F1 12 Tf 72 %d Td (Page %d) Tj ET " % (720, number + 1) + b"q /X1 Do Q " * draws
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> /XObject << /X1 4 0 R >> >> >>" % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return pdf_of(objects)


LAMP = b"BT /F1 12 Tf 72 400 Td (The keeper ) Tj /Span <</ActualText (lit the lamp)>> BDC (xx) Tj EMC (.) Tj ET"


def test_a_form_drawn_on_many_pages_is_written_anew_once():
    # Written anew each time a page named it, a form forty pages draw would be parsed forty times: as often as pypdf
    # parses a form with no span, once each time it is drawn. Written anew once, pypdf reads it as parsed.
    def read(form: bytes) -> str:
        story = PdfReader().read(pages_drawing_a_form(40, 1, form, b"<< /Font << /F1 3 0 R >> >>"))
        return " ".join(block.text for block in story.blocks)

    parsed = pypdf.generic.ContentStream._parse_content_stream.__code__.co_filename
    text, steps = lines_run_in(parsed, lambda: read(LAMP))
    assert "Page 40 The keeper lit the lamp." in text and "xx" not in text
    _, without_span = lines_run_in(parsed, lambda: read(LAMP.replace(b"/ActualText", b"/Alt")))
    assert steps < 0.8 * without_span


def test_a_form_that_draws_itself_is_written_anew_once_and_read():
    # The form's resources name the form itself, and it draws itself after its span: pypdf reads it once (a cycle), and
    # it is written anew once, its own entry named by the form written anew.
    drawing_itself = LAMP + b" /X1 Do"
    story = PdfReader().read(
        pages_drawing_a_form(1, 1, drawing_itself, b"<< /Font << /F1 3 0 R >> /XObject << /X1 4 0 R >> >>")
    )
    assert " ".join(block.text for block in story.blocks) == "Page 1 The keeper lit the lamp."


def pages_sharing_resources(pages: int) -> bytes:
    """A PDF of `pages` pages whose one resources dictionary (object 3) names an image for each page, as producers that
    write one dictionary for the whole file do; each page writes a line and draws its image."""
    images = b" ".join(b"/Im%d %d 0 R" % (n, 5 + n) for n in range(pages))
    first_page = 5 + pages
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first_page + 2 * n) for n in range(pages)), pages),
        b"<< /Font << /F1 4 0 R >> /XObject << %s >> >>" % images,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [
        b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>"
        b"\nstream\n\xff\nendstream"
    ] * pages
    for number in range(pages):
        content = b"BT /F1 12 Tf 72 720 Td (Page %d of the keeper.) Tj ET q 10 0 0 10 72 72 cm /Im%d Do Q" % (
            number + 1,
            number,
        )
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R /Resources 3 0 R >>"
            % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    return pdf_of(objects)


def test_pages_sharing_one_resources_dictionary_are_looked_through_in_steps_linear_in_the_file():
    # Each page looked through every form and image its resources name, for forms to write anew: where every page
    # names one dictionary of every page's images, that was pages x images steps (2,000 pages, 1 MB: 9 s, 7 of them
    # looking; a 32 MB file, hours). A dictionary looked through once in the file is not looked through again.
    pages = 300
    story, steps = lines_run_in(actual_text.__file__, lambda: PdfReader().read(pages_sharing_resources(pages)))
    assert len(story.blocks) == pages and story.blocks[-1].text == f"Page {pages} of the keeper."
    assert steps < 40 * pages


VERSE = ["สายน้ำไหลเอื่อย", "นกน้อยบินร่อน", "ชาวประมงพายเรือ"]


def test_short_lines_of_thai_read_apart_on_a_page_whose_box_starts_off_its_origin():
    # A verse's lines, short, one under another (one paragraph): each is its own words, read a space apart. pypdf's
    # split of a two-up sheet leaves a page's box where it stood ([612 0 1224 792], the sheet's right half): taken for
    # a box from 0, every line was "full", run across the page, and the verse was read as one word.
    lines = b"".join(
        b"BT /F1 12 Tf 72 %d Td /Span <</ActualText <FEFF%s> >> BDC (xxxxxx) Tj EMC ET "
        % (700 - 14 * n, line.encode("utf-16-be").hex().encode())
        for n, line in enumerate(VERSE)
    )
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(one_page(lines)))
    page = writer.pages[0]
    page.add_transformation(pypdf.Transformation().translate(612, 0))
    page.mediabox = pypdf.generic.RectangleObject([612, 0, 1224, 792])
    split = io.BytesIO()
    writer.write(split)
    for pdf in (one_page(lines), split.getvalue()):
        assert [block.text for block in PdfReader().read(pdf).blocks] == [" ".join(VERSE)]
