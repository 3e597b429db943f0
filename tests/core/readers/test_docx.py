import zipfile

import pytest

from bot.core.corpus import load_corpus
from tests.core.readers.lighthouse import AUTHOR, CHAPTERS, TITLE, check_story

docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra: pip install -e '.[formats]'")


def write_docx(path, title_in_properties: bool) -> None:
    """A Word document as people write them: a Title paragraph, Heading 1 chapters, a table, empty lines."""
    document = docx.Document()
    if title_in_properties:
        document.core_properties.title = TITLE
        document.core_properties.author = AUTHOR
        document.add_heading(TITLE, level=1)  # the title said again as a heading: not a chapter
    else:
        document.add_heading(TITLE, level=0)  # the Title style
    document.add_paragraph(f"by {AUTHOR}")
    for name, texts in CHAPTERS.items():
        document.add_heading(name, level=1)
        for text in texts[:-1]:
            document.add_paragraph(text)
            document.add_paragraph("")
        table = document.add_table(rows=1, cols=1)
        table.cell(0, 0).text = texts[-1]
    document.save(path)


@pytest.mark.parametrize("title_in_properties", [True, False], ids=["core-properties", "title-style"])
def test_word_title_chapters_from_headings_and_tables(tmp_path, title_in_properties):
    write_docx(tmp_path / "keeper.docx", title_in_properties)
    # the "by" line is dropped when the document's properties name that author, else it is text
    chapters = CHAPTERS if title_in_properties else {"": [f"by {AUTHOR}"], **CHAPTERS}
    check_story(tmp_path, chapters)


def test_a_word_bomb_or_a_file_that_is_no_document_is_named_and_skipped(tmp_path):
    write_docx(tmp_path / "good.docx", True)
    (tmp_path / "fake.docx").write_bytes(b"Plain words, not a zip.")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("word/media/image1.png", bytes(65 * 2**20))
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["good.docx"]
    problems = {p.split(":")[0]: p for p in corpus.problems}
    assert "is not a readable Word (.docx) file" in problems["Skipped fake.docx"]
    assert "unpacks to over 64 MB" in problems["Skipped bomb.docx"]
