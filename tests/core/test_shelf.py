import pytest

from bot.core.corpus import load_corpus
from bot.core.shelf import MAX_UPLOAD_BYTES, Shelf, ShelfError, safe_file_name, story_text


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("the-mill.md", "the-mill.md"),
        ("../../etc/evil.txt", "evil.txt"),
        ("C:\\x\\tale.TXT", "tale.TXT"),
        ("a b;c.md", "a b-c.md"),
    ],
)
def test_upload_names_become_plain_file_names(uploaded, stored):
    assert safe_file_name(uploaded) == stored


@pytest.mark.parametrize("uploaded", ["notes.pdf", ".md", "../.txt", "story.md.exe"])
def test_names_that_are_no_story_are_refused(uploaded):
    with pytest.raises(ShelfError):
        safe_file_name(uploaded)


def test_story_text_checks_encoding_size_and_adds_the_title():
    assert story_text(b"Once.", "The Mill").startswith("---\ntitle: The Mill\n---")
    with pytest.raises(ShelfError, match="not UTF-8"):
        story_text(b"\xff\xfe bad", None)
    with pytest.raises(ShelfError, match="at most"):
        story_text(b"x" * (MAX_UPLOAD_BYTES + 1), None)
    with pytest.raises(ShelfError, match="empty"):
        story_text(b"  \n", None)


def test_replacing_and_removing_keep_the_old_file_outside_the_corpus(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    (corpus / "mill.md").write_text("# Mill\n\nOld words.")
    shelf = Shelf(corpus)
    kept = shelf.add("mill.md", "# Mill\n\nNew words.")
    assert kept is not None and kept.read_text() == "# Mill\n\nOld words."
    assert kept.is_relative_to(tmp_path / "stories-kept")
    assert (corpus / "mill.md").read_text() == "# Mill\n\nNew words."
    assert not list(corpus.glob(".upload-*"))  # written atomically, nothing left behind
    gone = shelf.remove("mill.md")
    assert not (corpus / "mill.md").exists() and gone.read_text() == "# Mill\n\nNew words."
    (corpus / "other.txt").write_text("Still here.")
    assert [s.path for s in load_corpus(corpus).stories] == ["other.txt"]  # kept files are not stories
    with pytest.raises(ShelfError):
        shelf.remove("../outside.txt")


def test_two_changes_in_the_same_second_keep_both_old_files(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    shelf = Shelf(corpus)
    (corpus / "tale.md").write_text("First.")
    first = shelf.add("tale.md", "Second.")
    second = shelf.add("tale.md", "Third.")
    third = shelf.remove("tale.md")
    assert [p.read_text() for p in (first, second, third)] == ["First.", "Second.", "Third."]
