"""Archive of Our Own's PDF download read as its HTML download is: the work's title, its chapters as AO3 names them,
their text alone, told by AO3's own messages; a PDF with notes and an afterword of its own, or quoting AO3's first
message without its last, is read whole."""

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers import ao3

pytest.importorskip("pypdf", reason="the PDF reader needs the formats extra: pip install -e '.[formats]'")
fpdf = pytest.importorskip("fpdf", reason="the PDF tests write their PDFs with fpdf2 (in the test extra)")

TEXT = 17.0
"""AO3's `--pdf-default-font-size`, an em of every other length."""
MARGIN = 36.0
"""AO3's `--pdf-page-margin-*`."""
QUOTE = 30.0 + TEXT
"""A `blockquote.userstuff`'s left edge from its label's: 40 pixels and its em of padding."""
POSTED = f"{ao3.POSTED} http://archiveofourown.org/works/1234567."
CLOSING = "Please drop by the Archive and comment to let the creator know if you enjoyed their work!"
NOTE = (
    "Thank you to my beta, Wren, who killed the Harbourmaster twice before I let him live, and who read every draft "
    "of this chapter on the train to Leeds and back."
)
CHAPTERS = {
    "Chapter 1: Dusk": [
        "Mara lit the lamp at dusk, as she had every night since her father drowned. The harbour was quiet and the "
        "boats rode low in the black water.",
        "The Harbourmaster came up the stairs at nine with a bottle and a lie ready in his mouth.",
    ],
    "Chapter 2: Dawn": [
        "By dawn the lamp was out and the Harbourmaster was gone, and Tomas was standing on the quay with salt on his "
        "boots.",
    ],
}


class Download:
    """A page as Calibre's `ebook-convert` typesets AO3's download HTML into a PDF: letter pages in Times, AO3's
    margins and type size, its download's style sheet (centered messages, the tags' labels with their values an em
    from the box's edge and ten in, the notes' quotes set in from their labels, the text in two ems of padding) and a
    page break before each of the `--chapter` XPath's headings."""

    def __init__(self) -> None:
        self.pdf = fpdf.FPDF(unit="pt", format="letter")
        self.pdf.set_margins(MARGIN, MARGIN, MARGIN)
        self.pdf.set_auto_page_break(True, MARGIN)
        self.pdf.set_title("The Quiet Harbour")
        self.pdf.set_author("lampwright")
        self.pdf.set_creator("calibre 3.48.0 [https://calibre-ebook.com]")
        self.pdf.add_page()

    def line(self, text: str, x: float = 0.0, size: float = TEXT, bold: bool = False, align: str = "L") -> None:
        """A block `x` points in from the margin (or centered), wrapped at the right margin, an em under it."""
        self.pdf.set_font("Times", "B" if bold else "", size)
        self.pdf.set_x(MARGIN + x)
        self.pdf.multi_cell(0, size * 1.2, text, align=align)
        self.pdf.ln(TEXT)

    def notes(self, label: str, text: str | None, x: float, link: str | None = None) -> None:
        """A labelled note in a `meta` block: the label, its quote, and the line pointing to its end notes."""
        self.line(label, x)
        if text is not None:
            self.line(text, x + QUOTE)
        if link is not None:
            self.line(link, x, size=0.8 * TEXT)

    def write(self, path) -> None:
        self.pdf.output(str(path))


def preface(page: Download, message: str = POSTED) -> None:
    page.line("Preface", size=1.5 * TEXT, bold=True)
    page.line("The Quiet Harbour", bold=True, align="C")
    page.line(message, align="C")
    for label, value in [
        ("Rating:", "General Audiences"),
        ("Archive Warning:", "No Archive Warnings Apply"),
        ("Characters:", "Mara, Tomas, The Harbourmaster"),
        ("Stats:", "Published: 2021-03-04 Completed: 2021-03-11 Words: 1,234 Chapters: 2/2"),
    ]:
        page.pdf.set_font("Times", "", TEXT)
        page.pdf.text(MARGIN + TEXT, page.pdf.get_y() + TEXT, label)  # on the value's line, as the style sheet sets it
        page.line(value, x=TEXT + 10 * TEXT)
    page.line("The Quiet Harbour", size=1.5 * TEXT, bold=True, align="C")
    page.line("by lampwright", align="C")
    page.notes("Summary", "Mara keeps the lamp. Someone wants it out.", 0)
    page.notes("Notes", NOTE, 0, "See the end of the work for more notes")


def afterword(page: Download) -> None:
    page.pdf.add_page()
    page.line("Afterword", size=1.5 * TEXT, bold=True)
    page.notes("End Notes", "Come yell at me on tumblr, I'm lampwright there too.", 0)
    page.line(CLOSING, align="C")


def write_chaptered(path, closing: bool = True) -> None:
    """A work of two chapters, the first with notes long enough to run onto a second page, and end notes."""
    page = Download()
    preface(page)
    for number, (name, paragraphs) in enumerate(CHAPTERS.items()):
        page.pdf.add_page()
        page.line(name, size=1.25 * TEXT, bold=True, align="C")
        if number == 0:
            page.notes("Chapter Summary", "The lamp.", TEXT)
            page.notes("Chapter Notes", "\n".join([NOTE] * 12), TEXT, "See the end of the chapter for more notes")
        for paragraph in paragraphs:
            page.line(paragraph, x=2 * TEXT)
        if number == 0:
            page.notes("Chapter End Notes", "Updates every Sunday, comments feed the author!", TEXT)
    if closing:
        afterword(page)
    page.write(path)


def test_an_ao3_pdf_is_read_as_its_chapters_text_alone(tmp_path):
    # Its preface's tags and stats were 17 passages, the work's and each chapter's notes and end notes and the
    # afterword passages of the story, and "Who killed the Harbourmaster?" was answered from the author's thanks.
    write_chaptered(tmp_path / "The_Quiet_Harbour.pdf")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Quiet Harbour"]
    assert [(p.chapter, p.text) for p in corpus.passages] == [
        (name, paragraph) for name, paragraphs in CHAPTERS.items() for paragraph in paragraphs
    ]


def test_an_ao3_pdf_of_one_chapter_is_its_text_after_the_preface_on_the_same_page(tmp_path):
    # A work of one chapter has no chapter heading and no page break: its text follows the preface's notes.
    page = Download()
    preface(page)
    story = [paragraph for paragraphs in CHAPTERS.values() for paragraph in paragraphs]
    for paragraph in story:
        page.line(paragraph, x=2 * TEXT)
    afterword(page)
    page.write(tmp_path / "harbour.pdf")
    corpus = load_corpus(tmp_path)
    assert [(p.chapter, p.text) for p in corpus.passages] == [(None, paragraph) for paragraph in story]


def test_a_pdf_quoting_ao3s_first_message_without_its_last_is_read_whole(tmp_path):
    # A story printed from elsewhere that says where it was first posted, with notes and a quote set in under a label
    # of its own: without AO3's closing message, nothing is left out.
    write_chaptered(tmp_path / "harbour.pdf", closing=False)
    texts = " ".join(p.text for p in load_corpus(tmp_path).passages)
    assert all(line in texts for line in (POSTED, "General Audiences", NOTE, "Updates every Sunday", "The lamp."))
    assert all(paragraph in texts for paragraphs in CHAPTERS.values() for paragraph in paragraphs)


def test_a_books_own_notes_and_afterword_are_read(tmp_path):
    # A book with a preface, notes, a quote set in and an afterword of its own, and a last line like AO3's: without
    # AO3's first message, all of it is the book's.
    page = Download()
    preface(page, "Printed for the harbour's friends, 2021.")
    for paragraph in CHAPTERS["Chapter 1: Dusk"]:
        page.line(paragraph, x=2 * TEXT)
    afterword(page)
    page.write(tmp_path / "harbour.pdf")
    texts = " ".join(p.text for p in load_corpus(tmp_path).passages)
    assert all(line in texts for line in ("General Audiences", NOTE, "tumblr", CLOSING, *CHAPTERS["Chapter 1: Dusk"]))
