"""EPUB, Word, OpenDocument and zipped FictionBook files are zip archives: one that zipfile cannot take is named
and skipped, never raised."""

import shutil

import pytest

from bot.core.corpus import load_corpus
from tests.core.readers.format_fixtures import FIXTURES, write_zipped_fb2
from tests.core.readers.test_docx import write_docx  # skips without the formats extra, as this module must
from tests.core.readers.test_epub import write_epub
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
