import subprocess
import sys

import pytest

import bot.core.readers.pdf as pdf_reader
from bot.core.corpus import load_corpus, passages_of
from bot.core.readers.reader import Block
from tests.cli.test_main import command_environment, run
from tests.core.readers.lighthouse import CHAPTERS, TITLE, check_story

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra: pip install -e '.[formats]'")
fpdf = pytest.importorskip("fpdf", reason="the PDF tests write their PDFs with fpdf2 (in the test extra)")

LONG = (
    "The lamp room at the top of the tower was round and bright, and the great lens turned slowly all "
    "night long, throwing its beam across the water towards the rocks where so many ships had been lost. "
)


def write_pdf(path, with_text: bool = True) -> None:
    """A book as a word processor prints it: chapter titles in larger type, wrapped paragraphs spaced
    apart, page numbers, a paragraph running on to the next page, and the title in the metadata."""
    pdf = fpdf.FPDF()
    pdf.set_title(TITLE)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    if not with_text:  # a scanned page: only a picture
        pdf.rect(20, 20, 100, 150, style="F")
        pdf.output(str(path))
        return
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
    problems = {p.split(":")[0]: p for p in corpus.problems}
    assert "has no text, only images (a scanned book?)" in problems["Skipped scan.pdf"]
    assert "Skipped fake.pdf" in problems


def test_a_pdf_whose_pages_unpack_past_the_limit_is_skipped(tmp_path, monkeypatch):
    write_pdf(tmp_path / "keeper.pdf")
    (tmp_path / "notes.txt").write_text("Plain words.")
    monkeypatch.setattr(pdf_reader, "MAX_UNPACKED_BYTES", 1000)  # this book's pages unpack to more
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["notes.txt"]
    assert [p for p in corpus.problems if p.startswith("Skipped keeper.pdf: it unpacks to over")]


STORIES_COMMAND = "from bot.program import main; raise SystemExit(main())"
"""`python -m bot`, after the statements put before it."""


def write_nested_forms(path, levels: int, fan: int, lines: int = 50, leaf_filter: bytes = b"") -> None:
    """A PDF of one page that draws form 1 `fan` times, which draws form 2 `fan` times, and so on, the
    last showing `lines` lines of text: a few kilobytes that pypdf reads as fan ** levels forms. A `leaf_filter`
    (b"/Filter /FlateDecode") says the last form is compressed: it is not, so it cannot be read."""
    leaf = b"BT /F1 12 Tf 72 700 Td " + b"(The miller ground the wheat.) Tj " * lines + b"ET"
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
    data, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(data))
        data += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table, start = b"".join(b"%010d 00000 n \n" % offset for offset in offsets), len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n%s" % (len(objects) + 1, table)
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    path.write_bytes(data)


def test_a_pdf_whose_forms_draw_forms_past_the_limit_is_skipped(tmp_path, monkeypatch):
    """Each form is read each time it is drawn: 10 x 10 x 10 forms of 50 lines is 50,000 lines from 3 KB."""
    write_pdf(tmp_path / "keeper.pdf")
    write_nested_forms(tmp_path / "forms.pdf", levels=3, fan=10)
    write_nested_forms(tmp_path / "one-form.pdf", levels=1, fan=1)
    monkeypatch.setattr(pdf_reader, "MAX_OPERATIONS", 20_000)  # the keeper and one form draw far fewer
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["keeper.pdf", "one-form.pdf"]
    too_many = "it draws over 20,000 operations (a form drawn over and over); split it."
    assert list(corpus.problems) == [f"Skipped forms.pdf: {too_many}"]
    # pypdf said "Impossible to decode XFormObject /X: draws over..." on stderr too: the file was named twice.
    lowered = f"import bot.core.readers.pdf as pdf; pdf.MAX_OPERATIONS = 20_000; {STORIES_COMMAND}"
    result = subprocess.run(
        [sys.executable, "-c", lowered, "stories", "--corpus", str(tmp_path)],
        capture_output=True,
        text=True,
        env=command_environment(),
        timeout=60,
    )
    assert result.returncode == 0 and result.stderr == f"storybot: warning: Skipped forms.pdf: {too_many}\n"


def test_pypdfs_own_warnings_stay_off_the_owners_terminal(tmp_path):
    # pypdf stops reading a page's forms after 5,000 and says so in its log, which Python printed raw on stderr
    # ("Exceeded 5000 form XObject invocations...") and the file was listed as read in part, without a word.
    write_pdf(tmp_path / "keeper.pdf")
    write_nested_forms(tmp_path / "forms.pdf", levels=2, fan=71, lines=1)  # 5,041 forms on the page
    result = run("stories", "--corpus", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [f"  {TITLE} (7 passages), keeper.pdf"]
    assert result.stderr == (
        "storybot: warning: Skipped forms.pdf: it draws its forms too many times on a page (a form drawn over and "
        "over); split it.\n"
    )
