"""A Calibre library as the corpus folder, laid out as Calibre keeps one: "Author/Title (id)/" per book, holding
Calibre's record of it (metadata.opf), its cover and one file per format ("Title - Author.ext"), and the library's
database at the top."""

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

from bot.core.corpus import load_corpus, read_stories, read_story, story_files
from bot.core.library import StoryLibrary
from bot.core.saved_index import IndexStore
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


ADEPT_KEY = '<KeyInfo xmlns="http://www.w3.org/2000/09/xmldsig#"><resource xmlns="http://ns.adobe.com/adept">{}</resource></KeyInfo>'
RIGHTS = (
    '<?xml version="1.0"?>\n<adept:rights xmlns:adept="http://ns.adobe.com/adept"><adept:licenseToken>'
    "<adept:user>urn:uuid:0b6d3c1e-2f4a-4b5c-9d8e-7f6a5b4c3d2e</adept:user><adept:encryptedKey>c2VjcmV0</adept:encryptedKey>"
    "</adept:licenseToken></adept:rights>"
)


def _locked(epub: bytes) -> bytes:
    """The EPUB as a store sells it under Adobe's DRM (ADEPT): each page and stylesheet encrypted (stored as bytes
    that are no XML), META-INF/encryption.xml naming each so, and the licence in META-INF/rights.xml."""
    out = io.BytesIO()
    references = []
    with zipfile.ZipFile(io.BytesIO(epub)) as book, zipfile.ZipFile(out, "w") as locked:
        for info in book.infolist():
            data = book.read(info)
            if info.filename.endswith((".xhtml", ".css")):
                data = b"".join(hashlib.sha256(data + bytes([n])).digest() for n in range(len(data) // 32 + 1))
                references.append(
                    '<enc:EncryptedData><enc:EncryptionMethod Algorithm="http://www.w3.org/2001/04/xmlenc#aes128-cbc"/>'
                    + ADEPT_KEY.format("urn:uuid:4d2c9a7e-1b3f-4e5d-8c6b-0a9f8e7d6c5b")
                    + f'<enc:CipherData><enc:CipherReference URI="{info.filename}"/></enc:CipherData>'
                    + "</enc:EncryptedData>"
                )
            locked.writestr(info.filename, data, zipfile.ZIP_STORED)
        locked.writestr(
            "META-INF/encryption.xml",
            '<?xml version="1.0"?>\n<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            f'xmlns:enc="http://www.w3.org/2001/04/xmlenc#">{"".join(references)}</encryption>',
        )
        locked.writestr("META-INF/rights.xml", RIGHTS)
    return out.getvalue()


BOOK = "Ann Ward/The Lighthouse Keeper (12)/The Lighthouse Keeper - Ann Ward"


def _reads(root: Path) -> tuple[list[str], list[tuple[str, str, int]], list[tuple[str | None, Cause]]]:
    """The files read (each time one is), the stories (title, path, passages) and the problems of a folder's load."""
    read: list[str] = []

    def recorded(path: Path) -> tuple[str, list]:
        read.append(path.relative_to(root).as_posix())
        return read_story(path)

    found = story_files(root)
    stories, _, problems = read_stories(root, found.paths, recorded)
    return (
        read,
        [(story.title, story.path, story.passage_count) for story in stories],
        [(problem.file, problem.why.cause) for problem in [*found.problems, *problems]],
    )


def test_a_calibre_book_locked_with_drm_is_read_once_from_its_next_format_that_reads(tmp_path):
    """A book bought with DRM, kept in Calibre beside a Kindle copy, a Word file that is damaged and the text Calibre
    converted: its EPUB was named as locked and the book went unread."""
    _library(tmp_path)
    locked = _locked((FIXTURES / "book-pandoc.epub").read_bytes())
    formats = {".epub": locked, ".mobi": b"BOOKMOBI", ".docx": b"PK\x03\x04 cut short", ".txt": TEXT.encode()}
    _book(tmp_path, "The Lighthouse Keeper", "The Lighthouse Keeper", formats)
    assert _reads(tmp_path) == (
        [f"{BOOK}.epub", f"{BOOK}.docx", f"{BOOK}.txt"],
        [("The Lighthouse Keeper", f"{BOOK}.epub", 2)],
        [],
    )
    # As a library is built: the EPUB and the Word file each read in the reader process in its time, the text here.
    timed = StoryLibrary.load(tmp_path, reading_seconds=60).corpus
    assert [story.title for story in timed.stories] == ["The Lighthouse Keeper"] and timed.problems == ()
    assert [passage.text for passage in timed.passages] == [
        "The keeper climbed the stairs each night.",
        "He lit the lamp and watched the ships go by.",
    ]


def test_a_calibre_book_whose_best_format_reads_reads_no_other(tmp_path):
    _library(tmp_path)
    epub = (FIXTURES / "book-pandoc.epub").read_bytes()
    _book(tmp_path, "The Lighthouse Keeper", "The Lighthouse Keeper", {".epub": epub, ".txt": TEXT.encode()})
    read, stories, problems = _reads(tmp_path)
    assert (read, [path for _, path, _ in stories], problems) == ([f"{BOOK}.epub"], [f"{BOOK}.epub"], [])


def test_a_calibre_book_no_format_of_which_reads_is_named_by_its_best_formats_refusal(tmp_path):
    _library(tmp_path)
    locked = _locked((FIXTURES / "book-pandoc.epub").read_bytes())
    _book(tmp_path, "The Lighthouse Keeper", "The Lighthouse Keeper", {".epub": locked, ".mobi": b"BOOKMOBI"})
    (tmp_path / "story.txt").write_text(TEXT, encoding="utf-8")
    assert _reads(tmp_path) == (
        [f"{BOOK}.epub", "story.txt"],
        [("Story", "story.txt", 2)],
        [(f"{BOOK}.epub", Cause.LOCKED)],
    )


def test_a_locked_epub_beside_a_text_in_no_calibre_book_is_named_and_the_text_read_as_its_own_story(tmp_path):
    """Without Calibre's record the folder holds two stories, not one book: no file stands in for another."""
    locked = _locked((FIXTURES / "book-pandoc.epub").read_bytes())
    _book(tmp_path, "x", "The Lighthouse Keeper", {".epub": locked, ".txt": TEXT.encode()}, record=False)
    assert _reads(tmp_path) == (
        [f"{BOOK}.epub", f"{BOOK}.txt"],
        [("The Lighthouse Keeper Ann Ward", f"{BOOK}.txt", 2)],
        [(None, Cause.NOT_STORIES), (f"{BOOK}.epub", Cause.LOCKED)],  # the cover, then the book locked
    )


def test_a_title_changed_in_calibre_or_a_format_read_in_its_stead_changed_is_read_again_by_a_saved_index(tmp_path):
    """The saved index knew a story's file alone: a book retitled in Calibre (its record rewritten, its files not)
    kept its old title until the book's file changed or the index was rebuilt."""
    library = tmp_path / "library"
    library.mkdir()
    _library(library)
    locked = _locked((FIXTURES / "book-pandoc.epub").read_bytes())
    folder = _book(library, "The Lighthouse Keeper", "The Lighthouse Keeper", {".epub": locked, ".txt": TEXT.encode()})
    (library / "story.txt").write_text("A fox ran past the mill.\n\nIt hid in the reeds.", encoding="utf-8")
    store = IndexStore(tmp_path / "index", min_passages=0)
    built = StoryLibrary.load(library, store=store)
    assert sorted(story.title for story in built.corpus.stories) == ["Story", "The Lighthouse Keeper"]
    (folder / "metadata.opf").write_text(RECORD.format(title="The Keeper of the Light"), encoding="utf-8")
    retitled = StoryLibrary.load(library, store=store)
    assert retitled.opened and sorted(story.title for story in retitled.corpus.stories) == [
        "Story",
        "The Keeper of the Light",
    ]
    (folder / "The Lighthouse Keeper - Ann Ward.txt").write_text(
        "The keeper slept through the storm.", encoding="utf-8"
    )
    rewritten = StoryLibrary.load(library, store=store)
    assert rewritten.opened and rewritten.ask("storm").best is not None and rewritten.ask("ships").best is None
