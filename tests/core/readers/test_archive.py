"""EPUB, Word, OpenDocument and zipped FictionBook files are zip archives: one that zipfile cannot take is named
and skipped, never raised."""

import shutil
import zipfile

import pytest

from bot.core.corpus import load_corpus
from tests.core.readers.format_fixtures import FIXTURES, write_zipped_fb2
from tests.core.readers.test_docx import write_docx  # skips without the formats extra, as this module must
from tests.core.readers.test_epub import CONTAINER, write_epub, xhtml
from tests.said import said

CENTRAL_ENTRY = b"PK\x01\x02"


@pytest.mark.parametrize(
    ("name", "write"),
    [
        ("book.epub", write_epub),
        ("book.docx", lambda path: write_docx(path, title_in_properties=True)),
        ("book.odt", lambda path: shutil.copy(FIXTURES / "lighthouse.odt", path)),
        ("book.fb2.zip", write_zipped_fb2),
    ],
)
def test_an_archive_that_needs_a_newer_zip_than_python_reads_is_named_and_skipped(tmp_path, name, write):
    # An entry that says it needs zip version 10.0 to extract (a damaged directory, or a tool of the
    # future): zipfile raised NotImplementedError, which no reader caught, so the folder failed to load.
    write(tmp_path / name)
    raw = bytearray((tmp_path / name).read_bytes())
    entry = raw.index(CENTRAL_ENTRY)
    raw[entry + 6 : entry + 8] = (100).to_bytes(2, "little")  # "version needed to extract": 10.0
    (tmp_path / name).write_bytes(raw)
    (tmp_path / "mill.md").write_text("# The Mill\n\nThe miller ground rye by the river.")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["mill.md"]
    (problem,) = said(corpus.problems)
    assert problem.startswith(f"Skipped {name}:") and "export it again" in problem


def test_an_epub_packed_with_utf8_page_names_left_unflagged_is_read(tmp_path):
    # Info-ZIP's zip (the usual by-hand EPUB recipe) writes UTF-8 names without the UTF-8 flag: zipfile
    # read "chapitre_été.xhtml" as CP437 ("chapitre_├⌐"), so the book was skipped as lacking the page.
    page = "OEBPS/chapitre_été.xhtml"
    stand_in = "OEBPS/chapitre_XXXXX.xhtml"  # as many bytes as the UTF-8 name: written in ASCII, then swapped
    assert len(stand_in.encode()) == len(page.encode())
    package = """<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">x</dc:identifier>
  <dc:title>Le Moulin</dc:title></metadata>
  <manifest><item id="p" href="chapitre_%C3%A9t%C3%A9.xhtml" media-type="application/xhtml+xml"/></manifest>
  <spine><itemref idref="p"/></spine>
</package>"""
    with zipfile.ZipFile(tmp_path / "moulin.epub", "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", package)
        book.writestr(stand_in, xhtml("<h1>Été</h1><p>Le meunier moulait le blé toute la nuit.</p>"))
    raw = (tmp_path / "moulin.epub").read_bytes().replace(stand_in.encode(), page.encode())
    (tmp_path / "moulin.epub").write_bytes(raw)
    assert not zipfile.ZipFile(tmp_path / "moulin.epub").getinfo(stand_in.replace("XXXXX", "├⌐t├⌐")).flag_bits & 0x800
    corpus = load_corpus(tmp_path)
    assert not said(corpus.problems)
    (story,) = corpus.stories
    assert story.title == "Le Moulin"
    assert [p.text for p in corpus.passages] == ["Le meunier moulait le blé toute la nuit."]
