import subprocess
import sys
import zlib

import pytest

import bot.core.readers.pdf as pdf_reader
from bot.core.corpus import load_corpus, passages_of
from bot.core.readers.reader import Block
from bot.core.shelf import story_file
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.stored_text import unpack_story
from tests.cli.test_main import command_environment, run
from tests.core.readers.format_fixtures import MILL_CHAPTERS, MILL_TITLE, title_and_chapters
from tests.core.readers.latex_books import FIXTURES, as_typed, load_book, read_book, stories
from tests.core.readers.lighthouse import CHAPTERS, TITLE, check_story
from tests.core.test_stored_text import UNPACKED
from tests.said import said

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra: pip install -e '.[formats]'")
fpdf = pytest.importorskip("fpdf", reason="the PDF tests write their PDFs with fpdf2 (in the test extra)")

LONG = (
    "The lamp room at the top of the tower was round and bright, and the great lens turned slowly all "
    "night long, throwing its beam across the water towards the rocks where so many ships had been lost. "
)


def write_pdf(path, with_text: bool = True, notice: tuple[str, ...] = ()) -> None:
    """A book as a word processor prints it: chapter titles in larger type, wrapped paragraphs spaced
    apart, page numbers, a paragraph running on to the next page, and the title in the metadata; `notice`, the lines
    of a copyright page before it."""
    pdf = fpdf.FPDF()
    pdf.set_title(TITLE)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    if not with_text:  # a scanned page: only a picture
        pdf.rect(20, 20, 100, 150, style="F")
        pdf.output(str(path))
        return
    if notice:
        pdf.set_font("Helvetica", size=11)
        for line in notice:
            pdf.cell(0, 5, line, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.add_page()
    for number, (name, texts) in enumerate(CHAPTERS.items()):
        if number:
            pdf.add_page()
        pdf.set_font("Helvetica", size=20)
        pdf.multi_cell(0, 12, name, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
        pdf.set_font("Helvetica", size=11)
        for text in texts:
            pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
        if number == 0:
            pdf.multi_cell(0, 6, LONG * 12, new_x="LMARGIN", new_y="NEXT")  # runs on to the next page
        pdf.set_y(-15)
        pdf.cell(0, 10, str(pdf.page_no()), align="C")
    pdf.output(str(path))


def test_pdf_title_from_metadata_chapters_from_larger_type_paragraphs_from_spacing(tmp_path):
    write_pdf(tmp_path / "keeper.pdf")
    long = [piece.text for piece in passages_of([Block(" ".join((LONG * 12).split()))])]
    first, second = CHAPTERS
    library = check_story(tmp_path, {first: [*CHAPTERS[first], *long], second: CHAPTERS[second]})
    paragraphs = [p.paragraph for p in library.corpus.passages]
    assert paragraphs == [1, 2, *[3] * len(long), 4, 5]  # the paragraph over the page break stays one


def test_a_scanned_pdf_without_text_is_named_and_skipped(tmp_path):
    write_pdf(tmp_path / "keeper.pdf")
    write_pdf(tmp_path / "scan.pdf", with_text=False)
    (tmp_path / "fake.pdf").write_bytes(b"%PDF-1.7\nnot really\n")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["keeper.pdf"]
    problems = {p.split(":")[0]: p for p in said(corpus.problems)}
    assert "has no text, only images (a scanned book?)" in problems["Skipped scan.pdf"]
    assert "Skipped fake.pdf" in problems


def test_a_pdf_whose_pages_unpack_past_the_limit_is_skipped(tmp_path, monkeypatch):
    write_pdf(tmp_path / "keeper.pdf")
    (tmp_path / "notes.txt").write_text("Plain words.")
    monkeypatch.setattr(pdf_reader, "MAX_UNPACKED_BYTES", 1000)  # this book's pages unpack to more
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["notes.txt"]
    assert [p for p in said(corpus.problems) if p.startswith("Skipped keeper.pdf: it unpacks to over")]


STORIES_COMMAND = "from bot.program import main; raise SystemExit(main())"
"""`python -m bot`, after the statements put before it."""


def write_nested_forms(
    path,
    levels: int,
    fan: int,
    lines: int = 50,
    leaf_filter: bytes = b"",
    line: bytes = b"The miller ground the wheat.",
) -> None:
    """A PDF of one page that draws form 1 `fan` times, which draws form 2 `fan` times, and so on, the
    last showing `lines` lines of text: a few kilobytes that pypdf reads as fan ** levels forms. A `leaf_filter`
    (b"/Filter /FlateDecode") says the last form is compressed: it is not, so it cannot be read."""
    leaf = shown(line, lines)
    draws = b" ".join([b"/X Do"] * fan)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R "
        b"/Resources << /Font << /F1 4 0 R >> /XObject << /X 6 0 R >> >> >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(draws), draws),
    ]
    for level in range(levels):
        last = level == levels - 1
        body = leaf if last else draws
        inner = b"" if last else b" /XObject << /X %d 0 R >>" % (len(objects) + 2)
        objects.append(
            b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >>%s >> "
            b"%s /Length %d >>\nstream\n%s\nendstream" % (inner, leaf_filter if last else b"", len(body), body)
        )
    path.write_bytes(pdf_of(objects))


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF file of these objects, numbered from 1 (the catalog)."""
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table, start = b"".join(b"%010d 00000 n \n" % offset for offset in offsets), len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n%s" % (len(objects) + 1, table)
    return data + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)


def write_pages(path, contents: list[bytes]) -> None:
    """A PDF of these pages' contents, compressed (a megabyte of the same line packs into a few kilobytes)."""
    pages = b" ".join(b"%d 0 R" % (4 + 2 * number) for number in range(len(contents)))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (pages, len(contents)),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    for content in contents:
        packed = zlib.compress(content)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (len(objects) + 2)
        )
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed))
    path.write_bytes(pdf_of(objects))


def shown(line: bytes, times: int) -> bytes:
    """A page's content that shows `line` `times` times, one after another on one line."""
    return b"BT /F1 12 Tf 72 700 Td " + b"(%s) Tj " % line * times + b"ET"


def test_a_pdf_whose_forms_draw_forms_past_the_limit_is_skipped(tmp_path, monkeypatch):
    """Each form is read each time it is drawn: 10 x 10 x 10 forms of 50 lines is 50,000 lines from 3 KB."""
    write_pdf(tmp_path / "keeper.pdf")
    write_nested_forms(tmp_path / "forms.pdf", levels=3, fan=10)
    write_nested_forms(tmp_path / "one-form.pdf", levels=1, fan=1)
    monkeypatch.setattr(pdf_reader, "MAX_OPERATIONS", 20_000)  # the keeper and one form draw far fewer
    monkeypatch.setattr(pdf_reader, "MAX_PAGE_TEXT", 10**9)  # its forms show 50,000 lines on the page
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["keeper.pdf", "one-form.pdf"]
    too_many = "it draws over 20,000 operations (a form drawn over and over); split it."
    assert list(said(corpus.problems)) == [f"Skipped forms.pdf: {too_many}"]
    # pypdf said "Impossible to decode XFormObject /X: draws over..." on stderr too: the file was named twice. The
    # command reads it in a worker process (bot.core.timed_reading), with the limits as they are: its page's text.
    too_much = "it shows over 100,000 characters on one page (a page of a book shows a few thousand); export it again."
    result = subprocess.run(
        [sys.executable, "-c", STORIES_COMMAND, "stories", "--corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        env=command_environment(),
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == f"storybot: warning: Skipped forms.pdf: {too_much}\n"


def test_pypdfs_own_warnings_stay_off_the_owners_terminal(tmp_path):
    # pypdf stops reading a page's forms after 5,000 and says so in its log, which Python printed raw on stderr
    # ("Exceeded 5000 form XObject invocations...") and the file was listed as read in part, without a word.
    write_pdf(tmp_path / "keeper.pdf")
    write_nested_forms(tmp_path / "forms.pdf", levels=2, fan=71, lines=1, line=b"Wheat.")  # 5,041 forms a page
    result = run("stories", "--corpus", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [f"  {TITLE} (7 passages), keeper.pdf"]
    assert result.stderr == (
        "storybot: warning: Skipped forms.pdf: it draws its forms too many times on a page (a form drawn over and "
        "over); split it.\n"
    )


def test_a_page_showing_more_text_than_a_page_holds_is_refused_before_its_text_is_gathered(tmp_path):
    # pypdf joins each piece of a page's text to all the text before it: 64 MB of such pages took minutes.
    write_pdf(tmp_path / "keeper.pdf")
    line = b"The miller ground the wheat."
    write_pages(tmp_path / "one-line.pdf", [shown(line, 100_000 // len(line) + 1)])
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["keeper.pdf"]
    assert list(said(corpus.problems)) == [
        "Skipped one-line.pdf: it shows over 100,000 characters on one page (a page of a book shows a few "
        "thousand); export it again."
    ]


def test_a_page_that_unpacks_past_what_a_page_takes_is_refused_before_it_is_parsed(tmp_path):
    # pypdf parses a page whole before its first operation is counted: a page of 64 MB took minutes.
    comment = b"% a comment, which pypdf reads a byte at a time\n"
    write_pages(tmp_path / "heavy.pdf", [shown(b"A story.", 1) + b"\n" + comment * 360_000])
    (tmp_path / "notes.txt").write_text("Plain words.")
    assert list(said(load_corpus(tmp_path).problems)) == [
        "Skipped heavy.pdf: it has a page that unpacks to over 16 MB (a page of a book takes some kilobytes); "
        "export it again."
    ]


def test_a_book_with_an_illustration_drawn_in_curves_is_read_whole(tmp_path):
    """A picture book's page drawn in vectors unpacks to megabytes: the page's text and the book's are read."""
    curve = b"100.25 200.25 300.25 400.25 500.25 600.25 c\n"
    picture = b"0.2 0.4 0.6 rg 10 20 m " + curve * 110_000 + b"f"  # 4.9 MB, 110,000 curves
    write_pages(
        tmp_path / "picture-book.pdf",
        [shown(b"The fox ran to the river.", 1), shown(b"The owl watched.", 1) + b"\n" + picture],
    )
    corpus = load_corpus(tmp_path)
    assert not said(corpus.problems)
    text = " ".join(p.text for p in corpus.passages)
    assert "The fox ran to the river." in text and "The owl watched." in text


def test_a_pdf_whose_pages_unpack_past_the_limit_is_refused_before_any_page_is_read(tmp_path, monkeypatch):
    """Its first page alone is refused once read (it draws too much): the pages' size is checked first, where
    the pages were read one by one until their sizes added up, minutes of reading for 64 MB."""
    write_pages(tmp_path / "long.pdf", [shown(b"A story.", 30), b"% a comment\n" * 100_000])
    (tmp_path / "notes.txt").write_text("Plain words.")
    monkeypatch.setattr(pdf_reader, "MAX_OPERATIONS", 20)
    monkeypatch.setattr(pdf_reader, "MAX_UNPACKED_BYTES", 2**20)
    assert list(said(load_corpus(tmp_path).problems)) == [
        "Skipped long.pdf: it unpacks to over 1 MB of page content; split it."
    ]


FOREST = "Émile rêvait de la forêt. "


def write_two_byte_page(path, text: str, form: bytes = b"", after: str = "") -> None:
    """A PDF of one page showing `text` in a composite font (Type0, Identity-H: two bytes a character, as word
    processors set text beyond Latin-1), 104 characters a line, each code mapped to its character by the font's
    ToUnicode map. Then a form showing `form` in Helvetica, its own font of the same name, and `after` in the page's
    font again, set before the form."""
    codes = {character: code for code, character in enumerate(sorted(set(text + after)), 1)}
    pairs = b"".join(b"<%04X> <%04X>\n" % (code, ord(character)) for character, code in codes.items())
    to_unicode = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def "
        b"/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n%d beginbfchar\n%sendbfchar\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end" % (len(codes), pairs)
    )

    def shows(text: str) -> bytes:
        lines = (text[start : start + 104] for start in range(0, len(text), 104))
        return b" T* ".join(b"<%s> Tj" % "".join(f"{codes[c]:04X}" for c in line).encode() for line in lines)

    content = b"BT /F1 12 Tf 14 TL 72 700 Td " + shows(text) + b" ET"
    if form:
        content += b" /X Do BT 72 300 Td " + shows(after) + b" ET"
    packed = zlib.compress(content)
    lines = b" T* ".join(b"(%s) Tj" % form[at : at + 100] for at in range(0, len(form), 100))
    drawn = b"BT /F1 12 Tf 14 TL 72 500 Td " + lines + b" ET"
    path.write_bytes(
        pdf_of(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
                b"/Resources << /Font << /F1 5 0 R >> /XObject << /X 8 0 R >> >> >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(packed), packed),
                b"<< /Type /Font /Subtype /Type0 /BaseFont /Serif /Encoding /Identity-H /DescendantFonts [6 0 R] "
                b"/ToUnicode 7 0 R >>",
                b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Serif /DW 500 "
                b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>",
                b"<< /Length %d >>\nstream\n%s\nendstream" % (len(to_unicode), to_unicode),
                b"<< /Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << /F1 9 0 R >> >> "
                b"/Length %d >>\nstream\n%s\nendstream" % (len(drawn), drawn),
                b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            ]
        )
    )


def test_a_page_in_a_two_byte_font_counts_the_characters_it_shows_not_their_bytes(tmp_path):
    # Counted in bytes, a page of text in a composite font (non-Latin text, as word processors write it) was
    # refused at half the characters it may show.
    under = FOREST * (99_990 // len(FOREST))
    assert len(under) <= 100_000 < len(under.encode("utf-16-be"))  # under the limit in characters, not bytes
    write_two_byte_page(tmp_path / "forest.pdf", under)
    write_two_byte_page(tmp_path / "too-much.pdf", FOREST * (100_000 // len(FOREST) + 1))
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["forest.pdf"]
    text = " ".join(passage.text for passage in corpus.passages)
    assert text.count("Émile rêvait de la forêt.") == len(under) // len(FOREST)
    assert list(said(corpus.problems)) == [
        "Skipped too-much.pdf: it shows over 100,000 characters on one page (a page of a book shows a few "
        "thousand); export it again."
    ]


def test_a_form_counts_in_its_own_font_and_the_page_in_its_font_again_after_it(tmp_path):
    # A form names fonts of its own (here a one-byte font by the page's two-byte font's name), and drawn, it
    # leaves the page's font as it was: both count their characters, whichever font shows them.
    mill = b"The miller ground the wheat. "
    forest = FOREST * (46_000 // len(FOREST))
    write_two_byte_page(tmp_path / "under.pdf", "", mill * (20_000 // len(mill)), forest)  # 20,000 + 46,000
    write_two_byte_page(tmp_path / "over.pdf", "", mill * (60_000 // len(mill)), forest)  # 60,000 + 46,000
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["under.pdf"]
    assert list(said(corpus.problems)) == [
        "Skipped over.pdf: it shows over 100,000 characters on one page (a page of a book shows a few "
        "thousand); export it again."
    ]


def test_a_code_a_font_maps_to_half_a_surrogate_pair_is_read_as_the_replacement_character(tmp_path):
    """pypdf gives such a code as a lone surrogate, which no UTF-8 holds: the upload failed with a traceback (its text
    could not be stored), and a server whose shelf kept such a file failed to build its view."""
    write_two_byte_page(tmp_path / "weir.pdf", "The miller crossed the weir \ud800 at dawn \ud83d\ude00.")
    raw = (tmp_path / "weir.pdf").read_bytes()
    upload = story_file(raw, "weir.pdf", None)
    assert upload.story is not None and upload.story.passages[0].text.endswith("weir \ufffd at dawn \U0001f600.")
    assert unpack_story(1, "weir.pdf", upload.text, UNPACKED) == ShelfStoryText.read(1, "weir.pdf", raw)


def one_line_pdf(sixth: bytes, trailer: bytes) -> bytes:
    """A page of one line of text, and a sixth object the `trailer`'s entries name (as 6 0 R)."""
    line = b"BT /F1 12 Tf 72 700 Td (The miller lived by the river with his dog Rex.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(line), line),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        sixth,
    ]
    return pdf_of(objects).replace(b"/Root 1 0 R >>", b"/Root 1 0 R %s >>" % trailer)


@pytest.mark.parametrize("title", [b"5", b"[(The) (Mill)]", b"<< /Text (The Mill) >>", b"/TheMill"])
def test_a_title_in_the_metadata_that_is_no_text_is_left_out_and_the_pdf_read(tmp_path, title):
    # pypdf gives a /Title that is no string as the object it is: a number's AttributeError ended the upload's
    # reader, and `ask` over a folder holding the file, in a traceback.
    (tmp_path / "the-mill.pdf").write_bytes(one_line_pdf(b"<< /Title %s >>" % title, b"/Info 6 0 R"))
    corpus = load_corpus(tmp_path)
    assert [(s.title, p.text) for s in corpus.stories for p in corpus.passages] == [
        ("The Mill", "The miller lived by the river with his dog Rex.")
    ]


def test_a_pdf_locked_with_drm_is_named_as_such(tmp_path):
    # An Adobe Digital Editions book (EBX_HANDLER) was "not a readable PDF (NotImplementedError: only Standard PDF
    # encryption handler is available); export it again", which no export mends.
    handler = b"<< /Filter /EBX_HANDLER /V 2 /Length 128 /ADEPT_LICENSE (licence) >>"
    (tmp_path / "bought.pdf").write_bytes(one_line_pdf(handler, b"/Encrypt 6 0 R /ID [<01><01>]"))
    write_pdf(tmp_path / "free.pdf")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["free.pdf"]
    assert said(corpus.problems) == (
        "Skipped bought.pdf: it is locked with DRM (its pages are encrypted); only DRM-free books can be read.",
    )


HYPHENATED = (
    "The keep\u00ader was prac\u00adtis\u00ading her sig\u00adnals with the well-known lamp, and the "
    "fish\u00ader\u00admen watched the ex\u00adtra\u00adordi\u00adnary beam sweep\u00ading over the wa\u00adter. "
)
"""A paragraph fpdf2 hyphenates where it breaks a line at a soft hyphen ("practis-" / "ing"), as typesetters do."""


def write_running_book(path) -> None:
    """The lighthouse story as a typeset book, its first chapter's paragraph hyphenated over pages."""
    from fpdf import FPDF

    class RunningBook(FPDF):
        """A typeset book: running heads, the page number outside, the book's title on left pages and the chapter's on
        right pages, none on a chapter's first page; a running foot with the publisher's name on every page."""

        chapter = ""
        opening = False

        def header(self) -> None:
            if self.opening:
                return
            self.set_font("Times", "I", 9)
            self.set_xy(self.l_margin, 10)
            if self.page_no() % 2 == 0:
                self.cell(0, 5, f"{self.page_no()}    {TITLE.upper()}", align="L")
            else:
                self.cell(0, 5, f"{self.chapter.upper()}    {self.page_no()}", align="R")
            self.ln(12)  # the text starts below the head

        def footer(self) -> None:
            self.set_font("Times", "", 8)
            self.set_xy(self.l_margin, -12)
            self.cell(0, 5, "Harbour Press, Skarvik", align="C")

    pdf = RunningBook(format=(105, 148))  # A6, a paperback
    pdf.set_title(TITLE)
    pdf.set_auto_page_break(True, margin=20)
    for name, texts in CHAPTERS.items():
        pdf.chapter, pdf.opening = name, True
        pdf.add_page()
        pdf.opening = False
        pdf.set_font("Times", "B", 16)
        pdf.multi_cell(0, 10, name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Times", size=11)
        for text in texts:
            pdf.ln(3)
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        if name == next(iter(CHAPTERS)):
            pdf.ln(3)
            pdf.multi_cell(0, 5, HYPHENATED * 60, new_x="LMARGIN", new_y="NEXT")  # over eight pages
    pdf.output(str(path))


def test_running_heads_and_feet_are_left_out_and_words_hyphenated_at_line_ends_read_whole(tmp_path):
    # Each head and foot was read into the paragraph running over its page (" ...watched the 2 THE LIGHTHOUSE
    # KEEPER extra- ordinary...", and the gap below the head started a paragraph there), and "practis- ing" was two
    # words no question finds.
    write_running_book(tmp_path / "keeper.pdf")
    raw = pypdf_text(tmp_path / "keeper.pdf")
    assert "prac-\ntising" in raw and "keep-\nHarbour Press" in raw  # a word hyphenated over a page's foot and head
    assert raw.count("Harbour Press, Skarvik") == 10
    assert raw.count("THE LIGHTHOUSE KEEPER") == 4 and raw.count("CHAPTER ONE: THE STORM") == 4
    corpus = load_corpus(tmp_path)
    assert not corpus.problems and [story.title for story in corpus.stories] == [TITLE]
    texts = [passage.text for passage in corpus.passages]
    first, second = CHAPTERS
    assert texts[:2] == CHAPTERS[first] and texts[-2:] == CHAPTERS[second]
    assert " ".join(texts[2:-2]) == " ".join((HYPHENATED * 60).replace("\u00ad", "").split())
    assert [passage.chapter for passage in corpus.passages] == [first] * (len(texts) - 2) + [second] * 2


def pypdf_text(path) -> str:
    """The PDF's text as pypdf extracts it, page after page: what the book shows."""
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def write_lines(path, pages: list[list[str]]) -> None:
    """A PDF of these lines placed one under another on each page, as a typesetter sets them; an empty line is a
    paragraph's space."""
    pdf = fpdf.FPDF(format=(148, 210))  # A5
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        y = 20.0
        for line in lines:
            pdf.set_xy(15, y)
            pdf.cell(0, 5, line)
            y += 5 if line else 3
    pdf.output(str(path))


def read_paragraphs(path) -> list[str]:
    return [block.text for block in pdf_reader.PdfReader().read(path.read_bytes()).blocks]


def test_a_word_broken_at_a_lines_end_is_joined_and_a_compound_keeps_its_hyphen(tmp_path):
    write_lines(
        tmp_path / "lines.pdf",
        [
            [
                "The keeper was prac-",  # "practising" nowhere else: the dictionary knows it whole
                "tising her signals with a well-",  # the dictionary spells it with its hyphen
                "known lamp that the grey-",  # a word neither way, of two words
                "haired baker had brought from Anglo-",  # a capital: a compound's hyphen
                "Saxon lands. The sea-",  # the book writes "sea-gull" elsewhere
                "gull cried over Skar-",  # no word at all: a typesetter's break
                "vik, and the light-",  # the book writes "lighthouse" elsewhere
                "house shone on the sea-gull and on the lighthouse again -",  # a dash: a space after it
                "said Maren, as it had from 1914-",  # a digit: a range
                "1918 and for 20-",
                "year-old Tomas.",
            ]
        ],
    )
    assert read_paragraphs(tmp_path / "lines.pdf") == [
        "The keeper was practising her signals with a well-known lamp that the grey-haired baker had brought from "
        "Anglo-Saxon lands. The sea-gull cried over Skarvik, and the lighthouse shone on the sea-gull and on the "
        "lighthouse again - said Maren, as it had from 1914-1918 and for 20-year-old Tomas."
    ]


STAIRS = [
    "Maren climbed the stairs to the lamp room.",
    "The wind shook the tower all evening.",
    "Ilse brought bread and cloudberry jam.",
    "A ship passed the northern cape at dusk.",
    "The fog came in over the harbour wall.",
    "Tomas mended the nets by the boathouse.",
    "Gulls circled the rocks below the light.",
    "The baker counted the boats coming home.",
]


def test_a_line_recurring_at_a_pages_top_and_a_short_documents_first_lines_are_kept(tmp_path):
    # A line of dialogue opens three pages of eight, where each page's first line stands: no running head. Two
    # pages that open with the same line. Pages that hold nothing but the same lines.
    pages = [[line, "", line.upper()] for line in STAIRS]
    for number in (1, 3, 5):
        pages[number][:0] = ['"No."', ""]
    write_lines(tmp_path / "dialogue.pdf", pages)
    text = " ".join(read_paragraphs(tmp_path / "dialogue.pdf"))
    assert text.count('"No."') == 3 and all(line in text and line.upper() in text for line in STAIRS)
    write_lines(tmp_path / "minutes.pdf", [["Minutes of the harbour board", line] for line in STAIRS[:2]])
    assert " ".join(read_paragraphs(tmp_path / "minutes.pdf")) == (
        f"Minutes of the harbour board {STAIRS[0]} Minutes of the harbour board {STAIRS[1]}"
    )
    write_lines(tmp_path / "cards.pdf", [STAIRS[:2]] * 4)
    assert read_paragraphs(tmp_path / "cards.pdf") == [" ".join(STAIRS[:2])] * 4


CENTERED = None
"""Where write_set centers a line."""


def write_set(path, pages: list[list[tuple[float | None, str]]]) -> None:
    """Lines set one under another as a novel's typesetter sets them, no space between paragraphs: each with its indent
    in millimetres (5 is about an em and a third of 11-point type) or CENTERED, and a page number under each page."""
    pdf = fpdf.FPDF(format=(148, 210))  # A5
    pdf.set_auto_page_break(False)
    for lines in pages:
        pdf.add_page()
        pdf.set_font("Times", size=11)
        for row, (indent, line) in enumerate(lines):
            pdf.set_xy(15 + (indent or 0), 20 + 5 * row)
            pdf.cell(118 - (indent or 0), 5, line, align="C" if indent is CENTERED else "L")
        pdf.set_xy(15, 190)
        pdf.cell(118, 5, str(pdf.page_no()), align="C")
    pdf.output(str(path))


NOVEL: list[list[tuple[float | None, str]]] = [
    [
        (0, "The keeper climbed the stairs to the lamp room every evening at dusk, when the"),
        (0, "fishing boats came home one after another past the rocks of the northern cape."),
        (5, "Nobody in the village could say why she kept a brass telescope so carefully,"),
        (0, "though everyone in Skarvik had an opinion about it and shared it at the market."),
        (5, '"Not yet," said Maren.'),
        (5, '"Tomorrow, then," said Ilse, and went out.'),
        (5, "The wind came off the sea, rattling the windows of the boathouse and scattering"),
        (0, "the gulls across the sky. By morning the fog had lifted from the harbour wall."),
    ],
    [
        (0, "The baker brought bread and cloudberry jam up the hill, as he did every week."),
        (5, "Late that winter the keeper discovered an amber pendant hidden beneath the"),
        (0, "loose floorboards of the signal cabin, wrapped in oilcloth and tied with thread."),
    ],
]


def test_paragraphs_marked_only_by_a_first_line_indent_are_read_apart(tmp_path):
    # A novel's paragraphs have no space between them, only an indent: each page was read as one paragraph, and a
    # sentence ending at a page's foot started one where the paragraph went on.
    write_set(tmp_path / "novel.pdf", NOVEL)
    lines = [line for page in NOVEL for _, line in page]
    assert (
        read_paragraphs(tmp_path / "novel.pdf")
        == [
            " ".join(lines[0:2]),
            " ".join(lines[2:4]),
            lines[4],  # lines of dialogue, each at the usual indent after a short line
            lines[5],
            " ".join(lines[6:9]),  # on over the page, though a sentence ended at its foot
            " ".join(lines[9:11]),
        ]
    )


QUOTED: list[tuple[float | None, str]] = [
    (0, "The keeper read the old rule aloud to the new assistant before the lamp was lit."),
    (10, "The sea gives and the sea takes, and the keeper of the light must watch"),
    (10, "them both without rest, for a lamp left dark one night is a ship lost on"),
    (10, "the rocks by morning."),
    (0, "The assistant said nothing and went up to the lamp room to trim the wicks."),
    (15, "O lamp upon the northern cape,"),
    (20, "burn bright when winter comes,"),
    (15, "and guide the boats of Skarvik home"),
    (20, "past rocks and rolling drums"),
    (0, "The keeper sang it twice over and then pinned the notice to the boathouse door."),
    (CENTERED, "The Harbour Board"),
    (CENTERED, "requests the pleasure of your company"),
    (CENTERED, "at the lighting of the new lamp"),
    (0, "The whole village came up the hill that night to see the new lamp lit at last."),
]


def test_a_block_quote_verse_and_centered_lines_indented_on_every_line_are_a_paragraph_each(tmp_path):
    write_set(tmp_path / "quoted.pdf", [QUOTED])
    lines = [line for _, line in QUOTED]
    assert read_paragraphs(tmp_path / "quoted.pdf") == [
        lines[0],
        " ".join(lines[1:4]),
        lines[4],
        " ".join(lines[5:9]),
        lines[9],
        " ".join(lines[10:13]),
        lines[13],  # back at the margin after a short line
    ]
    write_set(tmp_path / "poem.pdf", [[(15, line) for _, line in QUOTED[5:9]]])  # a page of verse alone
    assert read_paragraphs(tmp_path / "poem.pdf") == [" ".join(lines[5:9])]


WORD_LEADING = 11 * 1.08 * 1.17
"""Word's Normal style: 11-point type, lines 1.08 apart (the font's own line height, 1.17 of its size, times that)."""


def write_word_page(path, paragraphs: list[str]) -> None:
    """A page as Word prints its Normal style: a heading, then paragraphs wrapped at the margin, 8 points of space after
    each and no first-line indent; a line break typed within a paragraph (Shift+Enter) is a "\n"."""
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.set_xy(72, 72)
    pdf.cell(0, 20, "Chapter One")
    pdf.set_font("Helvetica", size=11)
    pdf.set_xy(72, 110)
    for paragraph in paragraphs:
        pdf.set_x(72)
        pdf.multi_cell(468, WORD_LEADING, paragraph)
        pdf.ln(8)
    pdf.output(str(path))


WORD_DIALOGUE = [
    "Ingrid lived in a hut at the edge of the salt marsh, where the harbourmaster's boats came in at dusk and the "
    "gulls argued over what the fishermen threw back into the grey water of the bay, and the wind never quite stopped.",
    "Every morning she walked the long road to the village, carrying a basket of dried fish and a jar of the coarse "
    "salt her grandmother had taught her to rake from the shallow pans, and every evening she walked back.",
    '"Are you coming?" asked Tomas.',
    '"Not tonight," said Ingrid.',
    '"Then when?"',
    '"When the lamp goes out."',
    '"That could be years."',
    '"Then it will be years."',
    "She shut the door and went back to the salt, and the wind came up off the marsh as it did every night in October, "
    "long after the boats were in and the lamps along the quay had been lit one by one.",
]


def test_one_line_paragraphs_parted_by_space_after_them_are_read_apart(tmp_path):
    # Word's and Google Docs' paragraphs are parted by space after them, not by an indent: on a page of dialogue most
    # steps from one line to the next are a paragraph's, so that step was taken for the line spacing and the whole
    # page was one paragraph. A line wrapped within its paragraph gives the spacing; a poem typed with line breaks
    # within one paragraph stays one.
    write_word_page(tmp_path / "dialogue.pdf", WORD_DIALOGUE)
    assert read_paragraphs(tmp_path / "dialogue.pdf") == ["Chapter One", *WORD_DIALOGUE]
    verse = ["O lamp upon the northern cape,", "burn bright when winter comes,", "and guide the boats of Skarvik home"]
    write_word_page(tmp_path / "verse.pdf", [*WORD_DIALOGUE[:6], "\n".join(verse), *WORD_DIALOGUE[6:]])
    assert read_paragraphs(tmp_path / "verse.pdf") == [
        "Chapter One",
        *WORD_DIALOGUE[:6],
        " ".join(verse),
        *WORD_DIALOGUE[6:],
    ]


def write_google_docs(path, chapters: dict[str, list[str]]) -> None:
    """A document as Google Docs downloads it as a PDF: its Title and Subtitle, then the contents it inserts (no
    heading over them, each entry the heading's text linked to its page, the page's number at the right margin, no
    leaders), and each Heading 1 chapter on a page of its own, its paragraphs 6 points apart."""
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.set_title("The Salt Road")
    pdf.add_page()
    pdf.set_font("Helvetica", size=26)
    pdf.set_xy(72, 72)
    pdf.cell(0, 32, "The Salt Road")
    pdf.set_font("Helvetica", size=15)
    pdf.set_xy(72, 110)
    pdf.cell(0, 20, "A novella")
    pdf.set_font("Helvetica", size=11)
    for page, name in enumerate(chapters, start=2):
        link = pdf.add_link(page=page)
        pdf.set_xy(72, 150 + 18 * (page - 2))
        pdf.cell(pdf.get_string_width(name), 14, name, link=link)
        pdf.set_xy(500, 150 + 18 * (page - 2))
        pdf.cell(40, 14, str(page), align="R", link=link)
    for name, paragraphs in chapters.items():
        pdf.add_page()
        pdf.set_font("Helvetica", size=20)
        pdf.set_xy(72, 72)
        pdf.cell(0, 26, name)
        pdf.set_font("Helvetica", size=11)
        pdf.set_xy(72, 110)
        for paragraph in paragraphs:
            pdf.set_x(72)
            pdf.multi_cell(468, 14, paragraph)
            pdf.ln(6)
    pdf.output(str(path))


def test_google_docs_contents_with_page_numbers_and_its_subtitle_are_no_story_text(tmp_path):
    # Google Docs inserts its contents with no heading over them, each entry a heading's text and its page number: they
    # were read as a chapter's text, that chapter the document's subtitle ("A novella").
    chapters = {"Chapter One: The Hut": WORD_DIALOGUE[:2], "Chapter Two: The Letter": WORD_DIALOGUE[8:]}
    write_google_docs(tmp_path / "salt.pdf", chapters)
    story = pdf_reader.PdfReader().read((tmp_path / "salt.pdf").read_bytes())
    assert story.title == "The Salt Road"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter One: The Hut", True),
        *[(text, False) for text in WORD_DIALOGUE[:2]],
        ("Chapter Two: The Letter", True),
        (WORD_DIALOGUE[8], False),
    ]


def test_a_list_naming_the_chapters_already_read_with_numbers_is_story_text(tmp_path):
    # Lines that name headings and a number after those headings are the story's: a ferry's timetable of the towns the
    # chapters are named after.
    chapters = {
        "Bergen": [WORD_DIALOGUE[0]],
        "Stavanger": [WORD_DIALOGUE[1]],
        "The Ferry": ["The timetable on the quay read:", "Bergen 7", "Stavanger 12", WORD_DIALOGUE[8]],
    }
    write_google_docs(tmp_path / "ferry.pdf", chapters)
    texts = [block.text for block in pdf_reader.PdfReader().read((tmp_path / "ferry.pdf").read_bytes()).blocks]
    assert texts[-5:] == ["The Ferry", "The timetable on the quay read:", "Bergen 7", "Stavanger 12", WORD_DIALOGUE[8]]


MANUSCRIPT = [
    (36, 24, "The keeper climbed the stairs to the lamp room every evening at"),
    (0, 24, "dusk, when the boats came home past the rocks of the cape."),
    (36, 24, "Nobody in the village could say why she kept a brass telescope,"),
    (0, 24, "though everyone had an opinion and shared it at the market."),
    (36, 24, "The notice on the boathouse door read:"),
    (72, 24, "The keeper of the light must watch the sea"),
    (72, 12, "without rest, for a lamp left dark one night"),
    (72, 12, "is a ship lost on the rocks by morning."),
    (36, 24, "She read it twice and went up to trim the wicks before the"),
    (0, 24, "fog came in off the water and the first boat rounded the cape."),
    (36, 24, '"Not yet," said Maren, and the keeper laughed at her.'),
    (36, 24, "The wind came off the sea, rattling the windows of the boathouse"),
    (0, 24, "and scattering the gulls. By morning the fog had lifted."),
]


def test_a_double_spaced_manuscripts_single_spaced_block_quote_leaves_its_lines_spacing_as_it_was(tmp_path):
    # The closer step of a block quote's lines is no line spacing of the text's: the prose's lines above the usual
    # step run as full as the quote's, so that step is no space after paragraphs, and each line stays in its paragraph.
    pdf = fpdf.FPDF(unit="pt", format="letter")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    pdf.set_font("Courier", size=12)
    y = 72.0
    for indent, step, line in MANUSCRIPT:
        y += step
        pdf.set_xy(72 + indent, y)
        pdf.cell(0, 12, line)
    pdf.output(str(tmp_path / "manuscript.pdf"))
    lines = [line for _, _, line in MANUSCRIPT]
    assert read_paragraphs(tmp_path / "manuscript.pdf") == [
        " ".join(lines[0:2]),
        " ".join(lines[2:4]),
        lines[4],
        " ".join(lines[5:8]),
        " ".join(lines[8:10]),
        lines[10],
        " ".join(lines[11:13]),
    ]


def write_placed(path, pages: list[list[tuple[float, float, float, str]]]) -> None:
    """A PDF of pieces of text each placed by hand: its left edge and the top of its line in millimetres, its type
    size in points, drawn in the order given."""
    pdf = fpdf.FPDF(format=(148, 210))  # A5
    pdf.set_auto_page_break(False)
    for pieces in pages:
        pdf.add_page()
        for x, y, size, text in pieces:
            pdf.set_font("Times", size=size)
            pdf.set_xy(x, y)
            pdf.cell(pdf.get_string_width(text), size * 0.35, text)
    pdf.output(str(path))


def test_a_drop_cap_and_a_raised_initial_are_read_into_their_lines_and_a_footnotes_mark_left_out(tmp_path):
    # A drop cap was read as a chapter named "T" over a paragraph beginning "he keeper"; a raised initial on the first
    # line's baseline made the whole line a heading; a footnote's mark set a little higher was a line of its own, then
    # a word of the line ("to 1 and").
    write_placed(
        tmp_path / "initials.pdf",
        [
            [
                (15, 20, 20, "I"),  # a chapter numbered in roman numerals: a heading above its text
                (15, 40, 36, "T"),  # a drop cap over two lines, drawn first, on the second line's baseline
                (27, 32, 11, "he keeper climbed the stairs to the lamp room every"),
                (27, 37, 11, "evening at dusk, when the fishing boats came home"),
                (15, 42, 11, "past the rocks of the northern cape."),
                (20, 47, 11, "Nobody in the village could say why she kept a brass telescope"),
                (15, 52, 11, "so carefully, though everyone had an opinion about it."),
            ],
            [
                (15, 20, 20, "II"),
                (15, 32, 30, "A"),  # a raised initial, on the first line's baseline
                (22, 36, 11, " storm came in from the west that night and the keeper"),
                (15, 41, 11, "lit the lamp early, as the harbour board had asked her to"),
                (126, 40.7, 7, "1"),  # a footnote's mark, its baseline 4 points above the line's
                (15, 46, 11, "and as the rule in the lamp room said."),
            ],
        ],
    )
    story = pdf_reader.PdfReader().read((tmp_path / "initials.pdf").read_bytes())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("I", True),
        (
            "The keeper climbed the stairs to the lamp room every evening at dusk, when the fishing boats came home "
            "past the rocks of the northern cape.",
            False,
        ),
        (
            "Nobody in the village could say why she kept a brass telescope so carefully, though everyone had an "
            "opinion about it.",
            False,
        ),
        ("II", True),
        (
            "A storm came in from the west that night and the keeper lit the lamp early, as the harbour board had "
            "asked her to and as the rule in the lamp room said.",
            False,
        ),
    ]


def test_two_columns_are_read_one_after_the_other_with_their_paragraphs(tmp_path):
    # The second column's first line stands higher than the first column's last: a paragraph runs on over the column
    # break, and each column's indented lines start paragraphs at its own margin.
    left = [
        (15, "The keeper climbed the stairs"),
        (15, "to the lamp room at dusk."),
        (19, "Nobody in the village could"),
        (15, "say why she kept a brass"),
    ]
    right = [
        (78, "telescope so carefully, though"),
        (78, "everyone had an opinion."),
        (82, "The baker brought bread up"),
        (78, "the hill every week."),
    ]
    write_placed(
        tmp_path / "columns.pdf",
        [[(x, 20 + 5 * row, 11, text) for row, (x, text) in [*enumerate(left), *enumerate(right)]]],
    )
    texts = [text for _, text in left + right]
    assert read_paragraphs(tmp_path / "columns.pdf") == [" ".join(texts[:2]), " ".join(texts[2:6]), " ".join(texts[6:])]


def test_numbered_chapters_headings_at_the_same_place_are_kept_and_page_numbers_dropped(tmp_path):
    # "Chapter 1", "Chapter 2"... stand at the same place on each chapter's first page, the same text once numbers are
    # set aside: they were left out as a running head, and a chapter numbered "2" alone was dropped as a page number.
    write_placed(
        tmp_path / "numbered.pdf",
        [
            [(15, 40, 16, title), (15, 52, 11, line), (15, 57, 11, line.upper()), (70, 190, 9, str(page))]
            for page, (title, line) in enumerate(
                zip(["Chapter 1", "Chapter 2", "Chapter 3", "4", "5"], STAIRS, strict=False), 1
            )
        ],
    )
    story = pdf_reader.PdfReader().read((tmp_path / "numbered.pdf").read_bytes())
    assert [(block.text, block.heading) for block in story.blocks] == [
        block
        for title, line in zip(["Chapter 1", "Chapter 2", "Chapter 3", "4", "5"], STAIRS, strict=False)
        for block in ((title, True), (f"{line} {line.upper()}", False))
    ]


def placed_at(x: bytes, y: int, text: bytes) -> bytes:
    """A line drawn at `x` points from the page's left, `x` written in full: scaled up by 10^279, moved, scaled back."""
    return (
        b"q "
        + b"1000000000 0 0 1000000000 0 0 cm " * 31
        + b"1 0 0 1 %s 0 cm " % x
        + b"0.000000001 0 0 0.000000001 0 0 cm " * 31
        + b"BT /F1 12 Tf 1 0 0 1 0 %d Tm (%s) Tj ET Q " % (y, text)
    )


def test_text_placed_beyond_any_page_is_left_out_and_the_rest_read(tmp_path):
    # Text 10^308 points left and right of the page: how far apart they stand overflowed (an OverflowError out of the
    # reader, which ended the folder's load); text at a place that is no number (infinity times 0) made the book
    # refused as "cannot convert float NaN to integer".
    lines = [b"The keeper climbed the stairs.", b"The wind shook the tower.", b"Ilse brought bread."]
    far = b"150000000000000000000000000000"
    beyond = b"".join(
        placed_at(side + far, 640 - 14 * row, text)
        for row, (side, text) in enumerate(
            [(b"-", b"Nowhere"), (b"-", b"Nor here"), (b"", b"Nor there, far from anywhere"), (b"-", b"Nor here")]
        )
    )
    nowhere = b"q " + b"1000000000 0 0 1 0 0 cm " * 40 + b"BT /F1 12 Tf 1 0 0 1 72 600 Tm (Nor here) Tj ET Q "
    for number, drawn in enumerate((beyond, nowhere)):
        content = b"BT /F1 12 Tf 72 700 Td " + b" 0 -14 Td ".join(b"(%s) Tj" % line for line in lines) + b" ET " + drawn
        write_pages(tmp_path / f"far{number}.pdf", [content])
        assert read_paragraphs(tmp_path / f"far{number}.pdf") == [" ".join(line.decode() for line in lines)]


def test_numbers_alone_within_a_page_are_text_and_only_a_pages_first_or_last_line_its_number(tmp_path):
    # Every line of a number alone was dropped as a page number: a story's numbered sections, a countdown, a table.
    write_lines(
        tmp_path / "sections.pdf",
        [["The harbour log", "", "1", *STAIRS[:2], "", "2", STAIRS[2], "3", "2", "1", STAIRS[3], "", "4"]],
    )
    assert read_paragraphs(tmp_path / "sections.pdf") == [
        "The harbour log",
        f"1 {STAIRS[0]} {STAIRS[1]}",
        f"2 {STAIRS[2]} 3 2 1 {STAIRS[3]}",
    ]


def test_text_in_a_negative_type_size_is_read_as_text(tmp_path):
    # A negative size (text drawn mirrored, then mirrored back) is a size all the same: every line in it was taken
    # for a heading, and a book set so was refused as having only a title.
    content = b"BT /F1 -12 Tf -1 0 0 -1 72 700 Tm (The keeper climbed the stairs.) Tj 0 14 Td (The wind blew.) Tj ET"
    write_pages(tmp_path / "mirrored.pdf", [content])
    story = pdf_reader.PdfReader().read((tmp_path / "mirrored.pdf").read_bytes())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("The keeper climbed the stairs. The wind blew.", False)
    ]


def test_a_line_recurring_at_a_pages_edge_in_the_texts_own_flow_is_kept(tmp_path):
    # A refrain opening every page of a poem, letters each opening and closing a page the same way, a line of dialogue
    # opening most pages: each stands at the same place page after page, one line's spacing from the text, and was
    # left out as a running head or foot. A running head stands apart from the text (the book above keeps its own).
    write_lines(tmp_path / "refrain.pdf", [["O lamp upon the northern cape,", line, line.upper()] for line in STAIRS])
    assert read_paragraphs(tmp_path / "refrain.pdf") == [
        f"O lamp upon the northern cape, {line} {line.upper()}" for line in STAIRS
    ]
    write_lines(tmp_path / "letters.pdf", [["Dear Maren,", line, "Your friend,", "Ilse"] for line in STAIRS[:5]])
    assert " ".join(read_paragraphs(tmp_path / "letters.pdf")) == " ".join(
        f"Dear Maren, {line} Your friend, Ilse" for line in STAIRS[:5]
    )
    pages = [[line, line.upper()] for line in STAIRS]
    for number in (0, 2, 3, 5, 7):
        pages[number][:0] = ['"Yes."']
    write_lines(tmp_path / "yes.pdf", pages)
    assert " ".join(read_paragraphs(tmp_path / "yes.pdf")).count('"Yes."') == 5


def test_a_chapter_title_latex_sets_over_lines_names_the_chapter_whole(tmp_path):
    # LaTeX's book class sets "Chapter 1" over the chapter's title in larger type, run over two or three lines: each
    # line was a heading, so the chapter was named by its last line ("Violinist of Moscow"). The number over it is
    # the name's first part.
    corpus = load_book("musicians-ot1.pdf", tmp_path)
    first_passages = {as_typed(passage.text)[:60]: passage.chapter for passage in corpus.passages}
    for number, (title, paragraphs) in enumerate(stories().items(), 1):
        assert as_typed(first_passages[paragraphs[0][:60]] or "") == f"Chapter {number}: {title}"


def test_a_chapters_number_set_over_its_title_names_the_chapter_with_it(tmp_path):
    # LaTeX's \\chapter sets "Chapter 1" in 20 point over "The Hut" in 24: the chapter was named "The Hut" alone, and
    # "Chapter 1" was in no chapter's name or passage, so a question about chapter 1 matched nothing. A part's number
    # in larger type over a chapter's title, and a part over a chapter's number, stay headings of their own.
    headings = [("Chapter 1", "The Hut"), ("Part Two", "The Letter"), ("Part Three", "Chapter 3")]
    write_placed(
        tmp_path / "hut.pdf",
        [
            [
                (15, 30, 20 if number == 1 else 24, above),
                (15, 45, 24 if number == 1 else 20, below),
                *[(15, 60 + 5 * row, 11, line) for row, line in enumerate(STAIRS[3 * number - 3 : 3 * number])],
                (70, 190, 9, str(number)),
            ]
            for number, (above, below) in enumerate(headings, 1)
        ],
    )
    story = pdf_reader.PdfReader().read((tmp_path / "hut.pdf").read_bytes())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter 1: The Hut", True),
        (" ".join(STAIRS[0:3]), False),
        ("Part Two", True),
        ("The Letter", True),
        (" ".join(STAIRS[3:6]), False),
        ("Part Three", True),
        ("Chapter 3", True),
        (" ".join(STAIRS[6:9]), False),
    ]


def test_footnotes_and_their_marks_are_left_out_of_the_text_they_stand_in(tmp_path):
    # LaTeX sets a note's mark raised in small type after its word, and the note at the page's foot, below the text,
    # smaller, beginning with its mark: read, "her skills.1 Her dedication" and "the community that had 1The
    # editor's note: this tale was first told to the author... nurtured her" in the middle of a paragraph.
    corpus = load_book("musicians-ot1.pdf", tmp_path)
    read = {as_typed(passage.text) for passage in corpus.passages}
    assert not [text for text in read if "editor" in text]
    assert [paragraph for story in stories().values() for paragraph in story if paragraph not in read] == []


def test_a_books_table_of_contents_is_no_story_text(tmp_path):
    # LaTeX's \tableofcontents, under its heading "Contents", lists each chapter's number, title and page: it was read
    # as the story's first passages, which a question naming a chapter found before the chapter. The title page
    # before it, its title and author in large type over a publisher's line, is no chapter of the story.
    corpus = load_book("musicians-ot1.pdf", tmp_path)
    assert "Contents" not in {passage.chapter for passage in corpus.passages}
    assert not [passage.text for passage in corpus.passages if passage.text.startswith("1 Sébastien Kalmurzaeva")]


def test_a_title_page_gives_the_title_the_metadata_lacks_and_is_no_story_text(tmp_path):
    # LaTeX without hyperref writes no title in the file: the book was named after its file ("Musicians T1"), and its
    # title page's author, or publisher's line, was the story's first passage.
    assert read_book("musicians-t1.pdf").title == "Three Musicians of Moscow"
    for name in ("musicians-t1.pdf", "musicians-ot1.pdf"):
        first = load_book(name, tmp_path / name).passages[0]
        assert first.text.startswith("Sébastien Kalmurzaeva was a renowned violinist"), name


def test_a_space_drawn_alone_parts_the_words_either_side(tmp_path):
    # pandoc puts a no-break space after "Mr." and "St."; LibreOffice draws it as a piece of text of its own, which
    # was dropped as blank, joining "Mr.Petrov".
    text = " ".join(passage.text for passage in load_book("sophie-word.pdf", tmp_path).passages)
    assert "Mr.Petrov" not in text and "St.Petersburg" not in text
    assert text.count("Mr. Petrov") == 5 and "St. Petersburg" in text


def test_the_authors_name_under_the_title_is_no_story_text(tmp_path):
    # A Word document's Author paragraph under its Title, the name the metadata gives as the author, was the story's
    # first passage.
    corpus = load_book("sophie-word.pdf", tmp_path)
    assert [story.title for story in corpus.stories] == ["Sophie at the Piano"]
    assert corpus.passages[0].text.startswith("Mr. Petrov tuned the old piano")


def word_story() -> dict[str, list[str]]:
    """sophie-word.md's chapters and paragraphs as pandoc prints them: its footnotes' marks out, "--" an en dash."""
    source = (FIXTURES / "sophie-word.md").read_text("utf-8").split("---")[2]
    chapters: dict[str, list[str]] = {}
    for paragraph in source.strip().split("\n\n"):
        if paragraph.startswith("# "):
            chapters[paragraph[2:]] = []
        elif not paragraph.startswith("[^"):
            for mark in ("[^tuner]", "[^sonata]", "[^festival]"):
                paragraph = paragraph.replace(mark, "")
            chapters[list(chapters)[-1]].append(paragraph.replace("--", "\u2013"))
    return chapters


def test_a_word_documents_footnotes_in_the_texts_own_type_are_left_out(tmp_path):
    # LibreOffice prints a Word document's notes (pandoc's) in the text's own type, each after its number set small:
    # only LaTeX's smaller notes were left out, and these ran into the paragraph going on over the page.
    corpus = load_book("sophie-word.pdf", tmp_path)
    found: dict[str, list[str]] = {}
    for passage in corpus.passages:
        found.setdefault(passage.chapter or "", []).append(as_typed(passage.text))
    assert found == {name: [as_typed(text) for text in texts] for name, texts in word_story().items()}


def test_a_running_head_that_says_a_chapters_title_once_is_left_out(tmp_path):
    # A chapter of two pages has its title in the running head once: it recurs nowhere, and was read into the middle
    # of the paragraph going over the page ("...ballerina with Kalmurzaeva's Odyssey: Sofia, Ballerina of Moscow").
    corpus = load_book("musicians-t1.pdf", tmp_path)
    titles = list(stories())
    for passage in corpus.passages:
        assert not any(as_typed(title) in as_typed(passage.text) for title in titles), passage.text


def test_verse_numbers_opening_lines_are_text_and_mid_line_they_part_their_sentences(tmp_path):
    # Verse numbers, small and raised, open some lines of scripture or of a numbered poem: the first line that began
    # with one was taken for the page's first footnote, and the page's text from there was left out. One within a
    # line, left out as a note's mark, joined the sentences either side ("water.And"); one opening a line was read
    # into its first word ("4And").
    verses = [
        ["4", "And the keeper climbed the stairs to the lamp room,"],
        ["and the lamp was dark upon the water.", "5", "And the wind"],
        ["came off the sea and rattled the boathouse."],
        ["6", "And the baker brought bread and jam up the hill."],
    ]
    measure = fpdf.FPDF()
    pieces: list[tuple[float, float, float, str]] = []
    for row, line in enumerate(verses):
        x, y = 15.0, 20.0 + 5 * row
        for piece in line:
            size = 7 if piece.isdigit() else 11  # a verse's number raised a third of the line's type over it
            measure.set_font("Times", size=size)
            pieces.append((x, y - (0.1 if piece.isdigit() else 0), size, piece))
            x += measure.get_string_width(piece) + (0 if piece.isdigit() else 1)
    write_placed(tmp_path / "verses.pdf", [pieces])
    assert read_paragraphs(tmp_path / "verses.pdf") == [
        "4 And the keeper climbed the stairs to the lamp room, and the lamp was dark upon the water. And the wind came "
        "off the sea and rattled the boathouse. 6 And the baker brought bread and jam up the hill."
    ]


def test_a_first_page_of_a_short_poem_or_of_dialogue_is_the_story_not_a_title_page(tmp_path):
    # A book of poems opens on its first poem, a heading over a few lines set flush left that end in no stop; a
    # picture book on a line of dialogue ending in a quote after its stop: each was taken for a title page and left out.
    poem = ["The lamp goes round and round", "the gulls are white and wild", "and I am on the stair"]
    second = "The fog came in on little feet and sat upon the harbour wall, and looked at all the boats asleep."
    write_placed(
        tmp_path / "poems.pdf",
        [
            [(15, 20, 16, "Harbour Light"), *[(15, 32 + 5 * row, 11, line) for row, line in enumerate(poem)]],
            [(15, 20, 16, "Fog"), (15, 32, 11, second[:55]), (15, 37, 11, second[56:])],
        ],
    )
    story = pdf_reader.PdfReader().read((tmp_path / "poems.pdf").read_bytes())
    assert story.title is None
    assert [block.text for block in story.blocks] == ["Harbour Light", " ".join(poem), "Fog", second]
    write_placed(
        tmp_path / "bear.pdf",
        [
            [(15, 20, 16, "The Bear's Hat"), (15, 32, 11, '"Where is my hat?"')],
            [(15, 20, 11, "Bear looked under the bed, and behind the door, and up in the old apple tree.")],
        ],
    )
    # Its heading, alone in its type, titles the book (no title page: its metadata's title is none).
    assert pdf_reader.PdfReader().read((tmp_path / "bear.pdf").read_bytes()).title == "The Bear's Hat"
    assert read_paragraphs(tmp_path / "bear.pdf")[:1] == ['"Where is my hat?"']


def test_a_poems_refrain_that_says_its_title_at_a_pages_top_is_its_text(tmp_path):
    # A line at a page's edge that says a chapter's title is a running head however seldom it stands there: a poem's
    # refrain, a stanza of its own opening a page, was left out as one, though no running head stands on any page.
    stanzas = [
        ["The boats went out at morning", "and the sea was calm and grey"],
        ["The wind rose up at noon-time", "and the waves were white and high"],
        ["The night came down upon them", "and the keeper kept the light"],
    ]
    pages = [
        [(15.0, 20.0, 16.0, "Come Home"), *[(15.0, 32.0 + 5 * row, 11.0, line) for row, line in enumerate(stanzas[0])]]
    ]
    for refrain, stanza in zip(("Come home.", "Come home!"), stanzas[1:], strict=True):
        pages.append([(15, 20, 11, refrain), *[(15, 28 + 5 * row, 11, line) for row, line in enumerate(stanza)]])
    write_placed(tmp_path / "refrain.pdf", pages)
    text = " ".join(read_paragraphs(tmp_path / "refrain.pdf"))
    assert "Come home." in text and "Come home!" in text


def test_the_authors_name_set_large_under_the_title_is_no_story_text_and_a_sentence_naming_them_is(tmp_path):
    # pandoc's LaTeX sets the author's name under the title larger than the text, on the story's first page: a heading,
    # which only a paragraph saying the name was left out as. A first paragraph that says the name is the story's.
    pdf = fpdf.FPDF(format=(148, 210))
    pdf.set_title("The Keeper")
    pdf.set_author("Ann Example")
    pdf.add_page()
    for y, size, text in [
        (20, 17, "The Keeper"),
        (30, 12, "Ann Example"),
        (42, 10, "Ann Example."),
        (47, 10, "That was the name on the brass plate by the door of the lighthouse,"),
        (52, 10, "and it had been there for thirty years before the storm came."),
    ]:
        pdf.set_font("Times", size=size)
        pdf.set_xy(15, y)
        pdf.cell(118, size * 0.35, text, align="C" if size > 10 else "L")
    pdf.output(str(tmp_path / "keeper.pdf"))
    assert read_paragraphs(tmp_path / "keeper.pdf") == [
        "Ann Example. That was the name on the brass plate by the door of the lighthouse, and it had been there for "
        "thirty years before the storm came."
    ]


def test_a_running_head_run_over_two_lines_at_running_heads_place_is_left_out_with_a_one_line_one(tmp_path):
    # memoir runs a long chapter title's head over two lines: its first line, in flow with its second, did not count as
    # standing apart from the text, and with two chapters of three so headed, a head that says the third chapter's
    # title once was no longer at a running head's place, and was read into the paragraph over the page.
    titles = ["The Keeper of the Light at Skarvik", "The Storm That Came in From the West", "The Amber Pendant"]
    pages: list[list[tuple[float, float, float, str]]] = []
    for number, title in enumerate(titles, 1):
        text = [(15.0, 40.0 + 5 * row, 11.0, line) for row, line in enumerate(STAIRS[:6])]
        pages.append([(15, 20, 16, title), *text])
        words = f"{number}. {title}".split()
        halves = [" ".join(words[: len(words) // 2]), " ".join(words[len(words) // 2 :])] if len(words) > 4 else []
        heads = [(15.0, 10.0 + 4 * row, 11.0, half) for row, half in enumerate(halves or [" ".join(words)])]
        pages.append([*heads, *[(x, y - 16, size, line) for x, y, size, line in text]])
    write_placed(tmp_path / "heads.pdf", pages)
    assert not [text for text in read_paragraphs(tmp_path / "heads.pdf") if "3. The Amber" in text]


def test_a_running_head_run_over_two_lines_that_says_no_title_whole_is_left_out(tmp_path):
    # memoir runs each long chapter title's head over two lines ("1. Sébastien Kalmurzaeva: The Violinist of" over
    # "Moscow"): neither line says the title whole, nor recurs, and both were read into the paragraph over the page.
    titles = ["The Keeper of the Light at Skarvik", "The Storm That Came in From the West", "The Night the Fog Came"]
    pages: list[list[tuple[float, float, float, str]]] = []
    for number, title in enumerate(titles, 1):
        text = [(15.0, 40.0 + 5 * row, 11.0, line) for row, line in enumerate(STAIRS[:6])]
        pages.append([(15, 20, 16, title), *text])
        words = f"{number}. {title}".split()
        heads = [(15.0, 10.0, 11.0, " ".join(words[:-2])), (15.0, 14.0, 11.0, " ".join(words[-2:]))]
        pages.append([*heads, *[(x, y - 16, size, line) for x, y, size, line in text]])
    write_placed(tmp_path / "heads.pdf", pages)
    read = read_paragraphs(tmp_path / "heads.pdf")
    assert read == [part for title in titles for part in (title, " ".join(STAIRS[:6]), " ".join(STAIRS[:6]))]


def test_letters_microtype_spaces_apart_are_read_as_their_words(tmp_path):
    # microtype's tracking sets small capitals' letters apart, and \textls a phrase's: each letter is a string of its
    # own in pdfTeX's TJ array, the same move after each, which pypdf (a tenth of an em in a font with no space) and
    # the word gaps' rule (0.18 em) read as spaces: "T h e k e e p e r o f S k a rv i k", "t h e w i n d".
    text = " ".join(passage.text for passage in load_book("keeper-article.pdf", tmp_path).passages)
    assert "The keeper of Skarvik climbed the stairs" in text
    assert "every evening, and the wind came off the sea" in text


def test_names_letterspaced_as_wide_as_a_word_space_are_read_as_names(tmp_path):
    # \textls[300] over three names, and [200] over one before a word: a tracking of 0.18 em or more was taken for
    # word spaces unless most of the words it spelled were the dictionary's, and names are not: "M i r e l a N g o z i
    # O y e l a r a n", "K a z u h i r o rowed". Letters typed apart a word space from each other stay apart.
    text = " ".join(passage.text for passage in load_book("keeper-tracking.pdf", tmp_path).passages)
    assert "Françoise and Şeyma went to Çankaya, and then he lit the lamp." in text
    assert "Mirela Ngozi Oyelaran sang on the jetty while Kazuhiro rowed." in text
    assert "a b c d e f g, and the initials Q X Z J." in text


def test_lines_set_by_hand_under_the_title_are_read(tmp_path):
    # "Summer" over "1912", centered in one type under a title set by hand, were left out as \\maketitle's author and
    # date: \\maketitle skips an em between them, and these stand at their type's line spacing.
    texts = [passage.text for passage in load_book("keeper-summer.pdf", tmp_path).passages]
    assert texts[0] == "Summer 1912"
    assert texts[1].startswith("The keeper climbed the stairs")


def test_a_cedilla_latex_draws_after_its_capital_goes_on_that_capital(tmp_path):
    # Computer Modern (OT1) draws "Ç" and "Ş" as the letter, a move back, then the cedilla (\ooalign): read
    # "C\u00b8 a ne fait rien" (the move on read as a space) and "Sȩyma" (the cedilla put on the letter after it).
    text = " ".join(passage.text for passage in load_book("keeper-article.pdf", tmp_path).passages)
    assert "Ça ne fait rien, said Françoise" in text
    assert "Şeyma, her friend from İzmir" in text
    assert "\u00b8" not in text


def test_a_verse_number_opening_a_line_latex_sets_is_read_apart_from_its_first_word(tmp_path):
    text = " ".join(passage.text for passage in load_book("keeper-article.pdf", tmp_path).passages)
    assert "4 And the keeper wrote in his log" in text and "5 And the fog" in text and "6 And the boats" in text


def test_the_authors_name_and_the_date_maketitle_sets_over_the_story_are_no_story_text(tmp_path):
    # \maketitle sets the title, the author and the date centered atop an article's first page, over its story: the
    # author and the date were the story's first passages ("Ann Example", "December 2, 2026"), or in 10 point type,
    # headings, the date naming the story's first chapter. The title, the file's only line in its type, is the story's
    # (the file has no title of its own: it named the story's one chapter).
    corpus = load_book("keeper-article.pdf", tmp_path)
    assert corpus.passages[0].text.startswith("The keeper of Skarvik climbed the stairs")
    assert read_book("keeper-article.pdf").title == "The Keeper of Skarvik"
    assert {passage.chapter for passage in corpus.passages} == {None}
    text = " ".join(passage.text for passage in corpus.passages)
    assert "Ann Example" not in text and "2026" not in text


def test_a_first_page_that_is_a_centered_poem_is_the_story_not_a_title_page(tmp_path):
    # A book of poems whose first is set centered under its title, in a few lines that end in no stop, as a title page
    # sets its lines: it was left out as one, and the book titled by it.
    corpus = load_book("keeper-poems.pdf", tmp_path)
    assert [story.title for story in corpus.stories] == ["Keeper Poems"]
    text = " ".join(passage.text for passage in corpus.passages if passage.chapter == "Harbour Light")
    assert text == "The lamp goes round and round the gulls are white and wild and I am on the stair"


def test_a_footnote_carried_over_to_the_next_page_is_left_out_there_too(tmp_path):
    # LaTeX goes on with a long note at the foot of the next page, below its text, with no mark: it was read as the
    # chapter's last paragraph ("below, are written in the same small hand...").
    corpus = load_book("keeper-notes.pdf", tmp_path)
    text = " ".join(passage.text for passage in corpus.passages)
    assert "museum" not in text and "small hand, and say" not in text
    assert text.endswith("to look out over the water at the boats coming home.")
    assert "On those nights she did not sleep at all. She sat in the lamp room" in text


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("mill-libreoffice.pdf", []),
        ("mill-chapters-pandoc.pdf", MILL_CHAPTERS),
    ],
)
def test_a_pdf_with_no_title_but_its_lone_first_heading_is_titled_by_it(fixture, chapters):
    """A story opening with "# The Mill" (pandoc's by pdflatex; LibreOffice's of a Word file with a Heading 1 first): no
    title in its metadata, the heading alone at its level. It was named after its file, "The Mill" its first chapter."""
    assert title_and_chapters(fixture) == (MILL_TITLE, chapters)


@pytest.mark.parametrize("fixture", ["ferry-pandoc.pdf", "ferry-libreoffice.pdf"])
def test_a_pdf_books_first_chapter_heading_is_no_title(fixture):
    """ "Chapter 1" with "Chapter 2" at its level after it names a chapter; the book is named after its file."""
    assert title_and_chapters(fixture) == (None, ["Chapter 1", "Chapter 2"])


def test_a_printed_books_copyright_page_is_no_story_text(tmp_path):
    # Its lines were the story's first six passages, as no other format read them.
    notice = ("Copyright © 2019 by Ann Example", "All rights reserved.", "ISBN 978-1-23456-789-7", "Printed in Norway.")
    write_pdf(tmp_path / "keeper.pdf", notice=notice)
    long = [piece.text for piece in passages_of([Block(" ".join((LONG * 12).split()))])]
    first, second = CHAPTERS
    check_story(tmp_path, {first: [*CHAPTERS[first], *long], second: CHAPTERS[second]})


@pytest.mark.parametrize(
    "made", ["Microsoft Word - salt_road_FINAL_v3.docx", "The Salt Road - Google Docs", "Document1", "salt_road.docx"]
)
def test_a_title_a_program_made_gives_way_to_the_title_on_the_page(tmp_path, made):
    # Acrobat's printer titles a PDF of a Word file "Microsoft Word - <its file>", a browser's "Save as PDF" of a Google
    # document "<its name> - Google Docs", a document never named "Document1": that was every answer's story name, the
    # title set large on the first page left out as the title's heading.
    pdf = fpdf.FPDF()
    pdf.set_title(made)
    pdf.set_creator("PScript5.dll Version 5.2.2")
    pdf.add_page()
    pdf.set_font("Helvetica", size=24)
    pdf.cell(0, 14, "The Salt Road", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=16)
    pdf.cell(0, 10, "Chapter One", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for text in CHAPTERS["Chapter One: The Storm"]:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    pdf.output(str(tmp_path / "salt.pdf"))
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Salt Road"]
    assert {p.chapter for p in corpus.passages} == {"Chapter One"}
    assert " ".join(p.text for p in corpus.passages) == " ".join(CHAPTERS["Chapter One: The Storm"])


SAME_SIZE_BOOK = {
    ("Chapter 1", "The Keeper"): [*CHAPTERS["Chapter One: The Storm"], " ".join((LONG * 3).split())],
    ("Chapter 2", "The Storm"): [*CHAPTERS["Chapter Two: The Calm"], " ".join((LONG * 3).split())],
    ("Chapter 3", "The Return"): ["Her brother came home in April with the compass wrapped in oilskin.", LONG.strip()],
}


def write_same_size_headings(path) -> None:
    """A book as a Word manuscript or a self-published PDF sets it: a contents page (its title larger, each entry with
    leaders and a page number), a part's page, and each chapter on a new page under its number and title, centred in
    bold at the text's size, the book's title a running head in smaller type over every page."""
    from fpdf import FPDF

    class Manuscript(FPDF):
        def header(self) -> None:
            self.set_font("Times", "I", 9)
            self.set_xy(20, 10)
            self.cell(170, 5, "THE SALT LANTERN", align="C")

    pdf = Manuscript(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    pdf.set_font("Times", "B", 18)
    pdf.set_y(40)
    pdf.cell(170, 10, "Contents", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Times", size=11)
    for entry, page in [("Part One: The Harbour", 2), ("Chapter 1: The Keeper", 3), ("Chapter 2: The Storm", 4)]:
        pdf.cell(150, 8, entry + " " + "." * 40)
        pdf.cell(20, 8, str(page), align="R", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    pdf.set_font("Times", "B", 11)
    pdf.set_y(100)
    for line in ("Part One", "The Harbour"):
        pdf.cell(170, 14, line, align="C", new_x="LMARGIN", new_y="NEXT")
    for (number, title), texts in SAME_SIZE_BOOK.items():
        pdf.add_page()
        pdf.set_font("Times", "B", 11)
        pdf.set_y(40)
        pdf.cell(170, 14, number, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.cell(170, 14, title, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(10)
        pdf.set_font("Times", size=11)
        for text in texts:
            pdf.multi_cell(170, 5.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    pdf.output(str(path))


def test_chapter_lines_in_bold_at_the_texts_size_atop_a_page_name_chapters(tmp_path):
    # A real-books attacker's finding F6: read by size alone, "Contents" was the only heading, every passage its
    # chapter's, the contents' lines passages ("Chapter 2: The Storm ..... 4"), "Chapter 1" and "Chapter 2" lost as
    # running heads, and the part's title glued to the next page's: "The Harbour The Keeper".
    write_same_size_headings(tmp_path / "salt.pdf")
    corpus = load_corpus(tmp_path)
    chapters = {f"{number}: {title}": texts for (number, title), texts in SAME_SIZE_BOOK.items()}
    assert {p.chapter: [] for p in corpus.passages} == {name: [] for name in chapters}
    for name, texts in chapters.items():
        assert " ".join(p.text for p in corpus.passages if p.chapter == name) == " ".join(texts)
