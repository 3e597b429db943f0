"""Books in formats no reader reads, each named with its step, apart from the files no one needs told about."""

from __future__ import annotations

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers import STORY_SUFFIXES, suffix_list
from bot.core.shelf import ShelfError, UploadRefusal
from bot.core.skipped import Cause, Refusal, SkipReason
from bot.core.unread_formats import UnreadFormat, is_system_file, unread_format
from bot.messages import import_refused_text, problem_text, refusal_text, upload_refusal_text


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("The Salt Road.mobi", UnreadFormat.KINDLE),
        ("SALT.AZW3", UnreadFormat.KINDLE),
        ("Salt.kfx", UnreadFormat.KINDLE_KFX),
        ("Salt.lit", UnreadFormat.EBOOK),
        ("Old Draft.doc", UnreadFormat.WORD_PROCESSOR),
        ("Novel.pages", UnreadFormat.PAGES),
        ("library.zip", UnreadFormat.ARCHIVE),
        ("library.tar.gz", UnreadFormat.ARCHIVE),
        ("Comic.cbz", UnreadFormat.PAGE_IMAGES),
        ("notes.json", None),
        ("draft.gz", None),
        ("README", None),
        (".mobi", UnreadFormat.KINDLE),
    ],
)
def test_a_books_format_is_told_by_its_names_ending(name: str, kind: UnreadFormat | None) -> None:
    assert unread_format(name) == kind


def test_no_story_format_is_taken_for_an_unread_one() -> None:
    # A zipped FB2 ends in ".zip" too: the walk asks the story formats first, and no other story format is here.
    assert [suffix for suffix in STORY_SUFFIXES if unread_format(f"a{suffix}") is not None] == [".fb2.zip"]


def test_a_folder_names_each_book_it_cannot_read_with_its_step_and_leaves_the_systems_files_unsaid(tmp_path) -> None:
    (tmp_path / "ok.txt").write_text("Ottilie opened the weir at dawn.", encoding="utf-8")
    for name in ("The Salt Road.mobi", "Old Draft.doc", "Stories.zip", "Thumbs.db", "desktop.ini", "notes.json"):
        (tmp_path / name).write_bytes(b"\x00" * 8)
    (tmp_path / "shelf").mkdir()
    (tmp_path / "shelf" / "Salt.kfx").write_bytes(b"\x00" * 8)
    problems = load_corpus(tmp_path).problems
    assert [(p.file, p.why.reason, p.why.format) for p in problems if p.why.cause is Cause.UNREAD_FORMAT] == [
        ("Old Draft.doc", SkipReason.UNREAD_FORMAT, UnreadFormat.WORD_PROCESSOR),
        ("Stories.zip", SkipReason.UNREAD_FORMAT, UnreadFormat.ARCHIVE),
        ("The Salt Road.mobi", SkipReason.UNREAD_FORMAT, UnreadFormat.KINDLE),
        ("shelf/Salt.kfx", SkipReason.UNREAD_FORMAT, UnreadFormat.KINDLE_KFX),
    ]
    said = [problem_text(p) for p in problems]
    assert f"Ignored 1 file that is not a story ({suffix_list()}): notes.json." in said
    assert not any("Thumbs.db" in line or "desktop.ini" in line for line in said)
    kindle = next(line for line in said if "The Salt Road.mobi" in line)
    assert kindle.startswith("Skipped The Salt Road.mobi: it is a Kindle book") and "Calibre" in kindle


def test_each_unread_format_says_its_own_step() -> None:
    assert is_system_file("THUMBS.DB") and not is_system_file("thumbs.txt")
    texts = {kind: refusal_text(Refusal(cause=Cause.UNREAD_FORMAT, format=kind)) for kind in UnreadFormat}
    assert len(set(texts.values())) == len(UnreadFormat)
    assert all(text.startswith(("is ", "holds ")) and not text.endswith(".") for text in texts.values())


def test_an_upload_or_import_of_a_kindle_book_is_told_to_convert_it() -> None:
    kindle = ShelfError(UploadRefusal.NOT_A_STORY_FILE, name="The Salt Road.azw3")
    assert upload_refusal_text(kindle).startswith('"The Salt Road.azw3" is a Kindle book, which I cannot read;')
    assert "is a Kindle book" in import_refused_text("The Salt Road.azw3", kindle)
    other = ShelfError(UploadRefusal.NOT_A_STORY_FILE, name="notes.json")
    assert upload_refusal_text(other) == f'"notes.json" is not a story file; upload one of {suffix_list()}.'
    assert f"import one of {suffix_list()}" in import_refused_text("notes.json", other)


def test_a_scrivener_project_or_a_pages_package_is_named_as_one_book_and_nothing_in_it_read(tmp_path) -> None:
    project = tmp_path / "The Salt Road.scriv"
    (project / "Files" / "Data" / "A1").mkdir(parents=True)
    (project / "Files" / "Data" / "A1" / "content.rtf").write_text(r"{\rtf1\ansi Ingrid lived in a hut.\par}")
    (project / "Files" / "Data" / "A1" / "notes.rtf").write_text(r"{\rtf1\ansi Tomas dies in chapter three.\par}")
    (tmp_path / "Novel.pages").mkdir()
    (tmp_path / "Novel.pages" / "preview.txt").write_text("A preview.")
    (tmp_path / "drafts.zip").mkdir()  # a folder is a package only of the kinds macOS keeps so
    (tmp_path / "drafts.zip" / "ok.txt").write_text("Ottilie opened the weir at dawn.")
    corpus = load_corpus(tmp_path)
    assert [story.path for story in corpus.stories] == ["drafts.zip/ok.txt"]
    said = {p.file: problem_text(p) for p in corpus.problems}
    assert said["The Salt Road.scriv"].startswith("Skipped The Salt Road.scriv: it is a Scrivener project")
    assert said["Novel.pages"].startswith("Skipped Novel.pages: it is an Apple Pages document")
