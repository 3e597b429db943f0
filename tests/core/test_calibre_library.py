"""A Calibre library as the corpus folder, laid out as Calibre keeps one: "Author/Title (id)/" per book, holding
Calibre's record of it (metadata.opf), its cover and one file per format ("Title - Author.ext"), and the library's
database at the top."""

import shutil
from pathlib import Path

from bot.core.corpus import load_corpus
from bot.core.skipped import Cause
from bot.core.unread_formats import UnreadFormat
from tests.core.readers.format_fixtures import FIXTURES

RECORD = """<?xml version='1.0' encoding='utf-8'?>
<package xmlns="http://www.idpf.org/2007/opf" unique-identifier="uuid_id" version="2.0">
    <metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">
        <dc:identifier opf:scheme="calibre" id="calibre_id">12</dc:identifier>
        <dc:identifier opf:scheme="uuid" id="uuid_id">6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f</dc:identifier>
        <dc:title>{title}</dc:title>
        <dc:creator opf:file-as="Ward, Ann" opf:role="aut">Ann Ward</dc:creator>
        <dc:contributor opf:file-as="calibre" opf:role="bkp">calibre (7.6.0) [https://calibre-ebook.com]</dc:contributor>
        <dc:date>2024-01-04T00:00:00+00:00</dc:date>
        <dc:language>eng</dc:language>
        <meta name="calibre:timestamp" content="2024-03-02T21:15:00+00:00"/>
        <meta name="calibre:title_sort" content="{title}"/>
    </metadata>
    <guide>
        <reference type="cover" title="Cover" href="cover.jpg"/>
    </guide>
</package>
"""
TEXT = "The keeper climbed the stairs each night.\n\nHe lit the lamp and watched the ships go by.\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def _library(root: Path) -> None:
    """Calibre's database and its backup of the library's settings at the top, as Calibre writes them."""
    (root / "metadata.db").write_bytes(b"SQLite format 3\x00" + bytes(84))
    (root / "metadata_db_prefs_backup.json").write_text('{\n  "field_metadata": {}\n}', encoding="utf-8")


def _book(root: Path, title: str, folder_title: str, formats: dict[str, bytes], record: bool = True) -> Path:
    """A book's folder as Calibre names it and its files ("Title_ Subtitle" where the title has a colon)."""
    folder = root / "Ann Ward" / f"{folder_title} (12)"
    folder.mkdir(parents=True)
    if record:
        (folder / "metadata.opf").write_text(RECORD.format(title=title), encoding="utf-8")
    (folder / "cover.jpg").write_bytes(JPEG)
    for suffix, data in formats.items():
        (folder / f"{folder_title} - Ann Ward{suffix}").write_bytes(data)
    return folder


def test_a_calibre_book_is_read_once_from_its_best_format_and_calibres_files_are_not_warned_of(tmp_path):
    _library(tmp_path)
    epub = (FIXTURES / "book-pandoc.epub").read_bytes()
    _book(
        tmp_path,
        "The Lighthouse Keeper",
        "The Lighthouse Keeper",
        {".epub": epub, ".txt": TEXT.encode(), ".azw3": b"x"},
    )
    corpus = load_corpus(tmp_path)
    assert [(story.title, story.path) for story in corpus.stories] == [
        ("The Lighthouse Keeper", "Ann Ward/The Lighthouse Keeper (12)/The Lighthouse Keeper - Ann Ward.epub")
    ]
    assert corpus.problems == ()


def test_a_calibre_book_in_text_alone_is_titled_by_calibres_record_not_its_file_name(tmp_path):
    """Calibre names the file "Title - Author" and writes a colon as "_": the story was "The Salt Road_ A Tale Ann
    Ward"."""
    _library(tmp_path)
    _book(tmp_path, "The Salt Road: A Tale", "The Salt Road_ A Tale", {".txt": TEXT.encode()})
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Salt Road: A Tale"]
    assert [passage.text for passage in corpus.passages] == [
        "The keeper climbed the stairs each night.",
        "He lit the lamp and watched the ships go by.",
    ]
    assert corpus.problems == ()


def test_a_calibre_book_kept_only_in_a_kindle_format_is_still_named_so(tmp_path):
    _library(tmp_path)
    _book(tmp_path, "The Lighthouse Keeper", "The Lighthouse Keeper", {".azw3": b"x"})
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    problems = load_corpus(tmp_path).problems
    assert [(problem.file, problem.why.cause, problem.why.format) for problem in problems] == [
        (
            "Ann Ward/The Lighthouse Keeper (12)/The Lighthouse Keeper - Ann Ward.azw3",
            Cause.UNREAD_FORMAT,
            UnreadFormat.KINDLE,
        )
    ]


def test_a_folder_of_several_formats_that_is_no_calibre_book_reads_each_as_before(tmp_path):
    """No Calibre record (a folder named as Calibre names one, or a record another program wrote): each file is a
    story, and a cover or a record beside them is named as no story."""
    epub = (FIXTURES / "book-pandoc.epub").read_bytes()
    _book(tmp_path, "x", "The Lighthouse Keeper", {".epub": epub, ".txt": TEXT.encode()}, record=False)
    other = _book(tmp_path / "other", "x", "The Lighthouse Keeper", {".epub": epub, ".txt": TEXT.encode()})
    (other / "metadata.opf").write_text('<?xml version="1.0"?><package/>', encoding="utf-8")
    shutil.copy(FIXTURES / "book.md", tmp_path / "book.md")
    corpus = load_corpus(tmp_path)
    assert sorted(story.path for story in corpus.stories) == [
        "Ann Ward/The Lighthouse Keeper (12)/The Lighthouse Keeper - Ann Ward.epub",
        "Ann Ward/The Lighthouse Keeper (12)/The Lighthouse Keeper - Ann Ward.txt",
        "book.md",
        "other/Ann Ward/The Lighthouse Keeper (12)/The Lighthouse Keeper - Ann Ward.epub",
        "other/Ann Ward/The Lighthouse Keeper (12)/The Lighthouse Keeper - Ann Ward.txt",
    ]
    [ignored] = [problem.why for problem in corpus.problems if problem.why.cause is Cause.NOT_STORIES]
    assert ignored.count == 3  # both covers, and the record that is not Calibre's
