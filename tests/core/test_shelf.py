import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.core.corpus import load_corpus
from bot.core.readers import READERS, reader_for
from bot.core.readers.markdown import MarkdownReader
from bot.core.readers.reader import StoryText
from bot.core.shelf import (
    LOCK_FILE,
    MAX_UPLOAD_BYTES,
    Shelf,
    ShelfError,
    StoryExists,
    StoryFile,
    UploadRefusal,
    mixed_scripts,
    safe_file_name,
    story_file,
)
from bot.core.shelf_corpus import ShelfStoryText
from bot.messages import upload_refusal_text
from tests.cli.test_main import ROOT
from tests.core.readers.format_fixtures import FIXTURES
from tests.disk import small_disk


@contextmanager
def refused(refusal: UploadRefusal, *, name: str | None = None, detail: str = "") -> Iterator[None]:
    """Expects a ShelfError for this reason, naming `name` and with `detail` in what the uploader is told."""
    with pytest.raises(ShelfError) as caught:
        yield
    assert caught.value.refusal is refusal
    assert detail in upload_refusal_text(caught.value)
    if name is not None:
        assert caught.value.name == name


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("the-mill.md", "the-mill.md"),
        ("../../etc/evil.txt", "evil.txt"),
        ("C:\\x\\tale.TXT", "tale.TXT"),
        ("a b;c.md", "a b-c.md"),
        ("Скрипка.fb2.zip", "Скрипка.fb2.zip"),
        ("a\uff0fb.md", "a-b.md"),  # a fullwidth slash is a sign of the name, not a folder's
        ("x/a\uff3cb.md", "a-b.md"),
        ("\uff21\uff22.md", "AB.md"),  # NFKC: fullwidth letters are letters
        # Titles keep their apostrophes, parentheses, commas, "&" and "!"; a browser's second copy its "(1)".
        ("Grandma's Kitchen.txt", "Grandma's Kitchen.txt"),
        ("Grandma\u2019s Kitchen.md", "Grandma\u2019s Kitchen.md"),
        ("The Old Mill (1).txt", "The Old Mill (1).txt"),
        ("Rock & Roll!.md", "Rock & Roll!.md"),
        ("Hi, there.txt", "Hi, there.txt"),
        ('a<b>|c?"d*:e.md', "a-b-c-d-e.md"),  # what Windows cannot take in a name
        ("$(rm x)`y`.md", "(rm x)-y-.md"),
        # What shows nothing, Hangul's fillers (letters) too, shows as a dash: "balle\u115frina.md" and
        # "ballerina\u3164.md" passed for the owner's "ballerina.md".
        ("balle\u115frina.md", "balle-rina.md"),
        ("ballerina\u3164.md", "ballerina-.md"),
        ("balle\u200brina\u2060.md", "balle-rina-.md"),
    ],
)
def test_upload_names_become_plain_file_names(uploaded, stored):
    assert safe_file_name(uploaded) == stored


@pytest.mark.parametrize("uploaded", ["notes.json", ".md", "../.txt", "story.md.exe", ".epub", "book.zip", ".fb2.zip"])
def test_names_that_are_no_story_are_refused(uploaded):
    with pytest.raises(ShelfError):
        safe_file_name(uploaded)


@pytest.mark.parametrize(
    "uploaded", ["😀.md", "★★★.txt", "!!!.epub", ".md", "(-).fb2.zip", "..\\ .docx", "'&'.md", "(!, ’).txt"]
)
def test_a_story_file_whose_name_is_all_signs_is_asked_to_be_renamed(uploaded):
    # Refused as "not a story file; upload one of .txt, .md, ...", its own format among them: its name was the
    # trouble, the signs taken out of it leaving none.
    with pytest.raises(ShelfError) as caught:
        safe_file_name(uploaded)
    assert caught.value.refusal is UploadRefusal.NO_USABLE_NAME


def stored(upload: StoryFile) -> tuple[bytes, int]:
    """The file as it will be stored, and the length of its text."""
    return upload.data, upload.characters


def test_story_file_checks_encoding_size_and_adds_the_title():
    assert story_file(b"Once.", "mill.md", "The Mill").data.startswith(b"---\ntitle: The Mill\n---")
    assert stored(story_file(b"Once.", "mill.md", None)) == (b"Once.", 5)
    with refused(UploadRefusal.UNREADABLE, detail="not UTF-8"):
        story_file(b"\xc3( bad", "mill.txt", None)
    with refused(UploadRefusal.TOO_LARGE):
        story_file(b"x" * (MAX_UPLOAD_BYTES + 1), "mill.txt", None)
    with refused(UploadRefusal.UNREADABLE, detail="empty"):
        story_file(b"  \n", "mill.txt", None)
    with refused(UploadRefusal.UNREADABLE, detail="NUL bytes"):
        story_file(b"\0" * 4096, "mill.txt", None)


@pytest.mark.parametrize(
    "title", ['"Run!" said the Fox', "The Miller's 'Daughter'", '"Hello"', "'Tis", '"', 'a \\" b', "Tom & Jerry: #1"]
)
def test_a_typed_title_is_the_storys_title_as_typed(title: str):
    """A manager's `title:` is written as front matter: its quotes were taken for YAML's, and stripped from each end
    (`"Run!" said the Fox` was `Run!" said the Fox`, and `"` alone no title at all)."""
    uploaded = story_file(b"The wheel turned.", "mill.md", title)
    assert uploaded.story is not None and uploaded.story.title == title
    assert ShelfStoryText.read(0, "mill.md", uploaded.data).title == title  # and so it reads again from its file


def test_a_typed_title_with_control_characters_is_taken_without_them():
    """A NUL typed in the title made the stored file binary: the upload was refused as "not text", blaming the file."""
    uploaded = story_file(b"The wheel turned.", "mill.md", "The\x00 Mill\x1b")
    assert uploaded.story is not None and uploaded.story.title == "The Mill"


def test_a_typed_title_is_taken_without_zero_width_characters_at_its_ends():
    """Pasted from a web page, "\u200bThe Mill" was the title the shelf listed and autocomplete offered."""
    uploaded = story_file(b"The wheel turned.", "mill.md", "\u200b\ufeffThe Mill\u200d\u2060")
    assert uploaded.story is not None and uploaded.story.title == "The Mill"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_a_story_saved_as_unicode_with_its_byte_order_mark_is_read_and_given_its_title(encoding):
    # Windows Notepad's "Unicode" is UTF-16 LE with a byte order mark; the mark says which encoding it is.
    text = "The wheel turned.\r\n\r\nMaren lit the lamp."
    raw = f"\ufeff{text}".encode(encoding)
    assert stored(story_file(raw, "mill.txt", None)) == (raw, story_file(text.encode(), "mill.txt", None).characters)
    titled = story_file(raw, "mill.md", "The Mill").data  # stored as UTF-8, as the title it is given
    assert titled == f"---\ntitle: The Mill\n---\n\n{text}".encode()
    with refused(UploadRefusal.UNREADABLE, detail=f"not {encoding[:6].upper()} text"):  # half a character
        story_file(raw[:-1], "mill.txt", None)
    unmarked = text.encode(encoding)
    if encoding.startswith("utf-16"):  # no mark: its NUL bytes, on one side of every pair, say which (plain_text)
        assert (
            story_file(unmarked, "mill.txt", None).characters == story_file(text.encode(), "mill.txt", None).characters
        )
    else:
        with refused(UploadRefusal.UNREADABLE, detail="NUL bytes"):  # no mark: nothing says which encoding
            story_file(unmarked, "mill.txt", None)


class CountedReader(MarkdownReader):
    """The Markdown reader, reading as it does, with the bytes of each file it read kept."""

    def __init__(self) -> None:
        self.read_files: list[bytes] = []

    def read(self, raw: bytes) -> StoryText:
        self.read_files.append(raw)
        return super().read(raw)


def test_a_titled_upload_is_read_once_as_it_is_stored(monkeypatch: pytest.MonkeyPatch):
    """The file was read as sent, then again with its title: twice the time and memory of the longest read of an
    upload (8 MB of text), and what the first read found was thrown away."""
    reader = CountedReader()
    monkeypatch.setitem(READERS, ".md", reader)
    text = "# Chapter One\r\n\r\nThe wheel turned.\r\n\r\nMaren lit the lamp."
    uploaded = story_file(f"\ufeff{text}".encode("utf-16-le"), "mill.md", "The Mill")
    assert reader.read_files == [uploaded.data] == [f"---\ntitle: The Mill\n---\n\n{text}".encode()]
    assert uploaded.story is not None and uploaded.story.title == "The Mill"
    as_stored = ShelfStoryText.read(0, "mill.md", uploaded.data)
    assert uploaded.characters == uploaded.story.characters == as_stored.characters
    for raw, refusal, detail in [
        (b"Once \xc3( bad", UploadRefusal.UNREADABLE, "not UTF-8 text (byte 5)"),
        ("\ufeffhalf".encode("utf-16-le")[:-1], UploadRefusal.UNREADABLE, "not UTF-16 text"),
        (b"\0" * 4096, UploadRefusal.UNREADABLE, "NUL bytes"),
        (b"  \n", UploadRefusal.UNREADABLE, "no text"),  # the title is the uploader's, not the file's
        ("\u200b\n\n\u200c\u2060\u200e \u200b".encode(), UploadRefusal.UNREADABLE, "no text"),  # nothing shown
        (b"---\ntitle: Its Own\n---\n\nOnce.", UploadRefusal.OWN_FRONT_MATTER, ""),
        (b'+++\ntitle = "Its Own"\n+++\n\nOnce.', UploadRefusal.OWN_FRONT_MATTER, ""),
    ]:
        with refused(refusal, detail=detail):
            story_file(raw, "mill.md", "The Mill")


def test_an_upload_of_invisible_characters_alone_has_no_text():
    # pandoc's Word and EPUB files of paragraphs of zero-width spaces, joiners and marks alone
    # (scripts/make_invisible_fixtures.sh) were stories of three passages of nothing.
    pytest.importorskip("lxml", reason="the EPUB reader needs the formats extra")
    pytest.importorskip("docx", reason="the Word reader needs the formats extra")
    for name in ("invisible.md", "invisible-pandoc.docx", "invisible-pandoc.epub"):
        with refused(UploadRefusal.UNREADABLE, name=name, detail="is empty" if name.endswith(".md") else "no text"):
            story_file((FIXTURES / name).read_bytes(), name, None)


def test_story_file_reads_other_formats_as_the_corpus_does(tmp_path):
    pytest.importorskip("lxml", reason="the HTML reader needs the formats extra")
    page = b"<html><head><title>Mill</title></head><body><p>The wheel turned.</p></body></html>"
    assert stored(story_file(page, "mill.html", None)) == (page, 17)  # stored as uploaded, not re-encoded
    with refused(UploadRefusal.OWN_TITLE):
        story_file(page, "mill.html", "Another Title")
    with refused(UploadRefusal.UNREADABLE, detail="not a readable EPUB"):
        story_file(b"not a zip", "mill.epub", None)
    Shelf(tmp_path).add("mill.html", page)
    assert [p.text for p in load_corpus(tmp_path).passages] == ["The wheel turned."]


@pytest.mark.parametrize("fixture", ["lighthouse.odt", "lighthouse.rtf", "lighthouse.fb2"])
def test_an_upload_in_the_new_formats_is_read_and_stored_as_sent(tmp_path, fixture):
    pytest.importorskip("lxml", reason="the OpenDocument and FictionBook readers need the formats extra")
    raw = (FIXTURES / fixture).read_bytes()
    uploaded = story_file(raw, fixture, None)
    assert uploaded.data == raw and uploaded.characters > 300  # the story's text, not the file's bytes
    reader = reader_for(fixture)
    assert reader is not None
    with refused(UploadRefusal.OWN_TITLE, detail=reader.name):
        story_file(raw, fixture, "Another Title")
    Shelf(tmp_path).add(fixture, raw)
    assert load_corpus(tmp_path).stories[0].title == "The Lighthouse Keeper"


def test_replacing_and_removing_keep_the_old_file_outside_the_corpus(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    (corpus / "mill.md").write_text("# Mill\n\nOld words.")
    shelf = Shelf(corpus)
    with pytest.raises(StoryExists):
        shelf.add("mill.md", b"# Mill\n\nNew words.")  # replacing takes a yes
    assert (corpus / "mill.md").read_text() == "# Mill\n\nOld words."
    kept = shelf.add("mill.md", b"# Mill\n\nNew words.", replace=True)
    assert kept is not None and kept.read_text() == "# Mill\n\nOld words."
    assert kept.is_relative_to(tmp_path / "stories-kept")
    assert (corpus / "mill.md").read_text() == "# Mill\n\nNew words."
    assert not list(corpus.glob(".upload-*"))  # written atomically, nothing left behind
    gone = shelf.remove("mill.md")
    assert not (corpus / "mill.md").exists() and gone.read_text() == "# Mill\n\nNew words."
    assert hidden_files(tmp_path / "stories-kept") == []  # kept atomically, nothing left behind
    (corpus / "other.txt").write_text("Still here.")
    assert [s.path for s in load_corpus(corpus).stories] == ["other.txt"]  # kept files are not stories
    with pytest.raises(ShelfError):
        shelf.remove("../outside.txt")


def test_a_story_file_named_so_in_another_unicode_form_is_replaced_not_written_beside(tmp_path):
    """A folder copied from macOS holds "Café.md" decomposed (NFD), and an upload's name is composed (safe_file_name's
    NFKC): on Linux, where the two are two names, the upload was written beside it, a second story alike in every
    word."""
    corpus = tmp_path / "stories"
    corpus.mkdir()
    (corpus / "Cafe\u0301.md").write_text("# Cafe\n\nOld words.")
    shelf = Shelf(corpus)
    uploaded = safe_file_name("Cafe\u0301.md")
    assert uploaded == "Caf\u00e9.md"
    with pytest.raises(StoryExists):
        shelf.add(uploaded, b"# Cafe\n\nNew words.")
    kept = shelf.add(uploaded, b"# Cafe\n\nNew words.", replace=True)
    assert kept is not None and kept.read_text() == "# Cafe\n\nOld words."
    assert [path.name for path in corpus.iterdir() if not path.name.startswith(".")] == ["Cafe\u0301.md"]
    assert (corpus / "Cafe\u0301.md").read_text() == "# Cafe\n\nNew words."


def test_an_upload_stored_by_an_older_storybot_under_a_dashed_name_is_replaced_by_it_not_written_beside(tmp_path):
    """storybot 0.2.0 and older stored "Grandma's Kitchen.txt" as "Grandma-s Kitchen.txt": uploaded again, now that
    the apostrophe stays, it was a second story beside the first, alike in every word."""
    corpus = tmp_path / "stories"
    corpus.mkdir()
    (corpus / "Grandma-s Kitchen.txt").write_text("Old words.")
    (corpus / "Grandmas Kitchen.txt").write_text("Another story.")
    shelf = Shelf(corpus)
    uploaded = safe_file_name("Grandma's Kitchen.txt")
    with pytest.raises(StoryExists):
        shelf.add(uploaded, b"New words.")
    kept = shelf.add(uploaded, b"New words.", replace=True)
    assert kept is not None and kept.read_text() == "Old words."
    names = sorted(path.name for path in corpus.iterdir() if not path.name.startswith("."))
    assert names == ["Grandma-s Kitchen.txt", "Grandmas Kitchen.txt"]
    assert (corpus / "Grandma-s Kitchen.txt").read_text() == "New words."
    assert (corpus / "Grandmas Kitchen.txt").read_text() == "Another story."
    # A story stored under the new name itself is the one replaced, the dashed one left as it is.
    (corpus / "Grandma's Kitchen.txt").write_text("Its own.")
    shelf.add(uploaded, b"Newest.", replace=True)
    assert (corpus / "Grandma's Kitchen.txt").read_text() == "Newest."
    assert (corpus / "Grandma-s Kitchen.txt").read_text() == "New words."


def test_two_changes_in_the_same_second_keep_both_old_files(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    shelf = Shelf(corpus)
    (corpus / "tale.md").write_text("First.")
    first = shelf.add("tale.md", b"Second.", replace=True)
    second = shelf.add("tale.md", b"Third.", replace=True)
    third = shelf.remove("tale.md")
    assert first is not None and second is not None
    assert [p.read_text() for p in (first, second, third)] == ["First.", "Second.", "Third."]


@pytest.mark.parametrize("uploaded", ["x" * 300 + ".md", "é" * 130 + ".md"])
def test_a_name_too_long_for_the_file_system_is_refused_with_its_length(uploaded):
    with refused(UploadRefusal.NAME_TOO_LONG):
        safe_file_name(uploaded)
    assert safe_file_name("é" * 125 + ".md") == "é" * 125 + ".md"  # 253 bytes: fits


@pytest.mark.parametrize(
    ("name", "mixed", "said"),
    [
        ("sofia-kalmurzaeva-ballerin\u0430.md", ("CYRILLIC", "LATIN"), "Cyrillic and Latin"),  # a Cyrillic "a"
        ("\u0391lpha.md", ("GREEK", "LATIN"), "Greek and Latin"),  # a Greek capital alpha
        ("sofia-kalmurzaeva-ballerina.md", (), ""),
        ("Москва-moscow.md", (), ""),  # each word in one script
        ("東京-tokyo-とうきょう.md", (), ""),
        ("ｓｏｆｉａ.md", (), ""),  # full-width letters are Latin letters
        ("ラーメン.md", (), ""),  # the long-vowel mark "ー" is a modifier, of no script of its own
        ("\u02bbOumuamua.md", (), ""),  # so is the Hawaiian okina (U+02BB)
        ("ballerin\u0430\u02bb.md", ("CYRILLIC", "LATIN"), "Cyrillic and Latin"),  # a modifier does not hide a mix
        ("東京\u0430.md", ("CJK", "CYRILLIC"), "Chinese, Japanese or Korean and Cyrillic"),
    ],
)
def test_lookalike_names_mixing_scripts_in_a_word_are_refused(name, mixed, said):
    assert mixed_scripts(name) == mixed
    if mixed:
        with refused(UploadRefusal.MIXED_SCRIPTS, detail=f"mixes {said} letters"):
            safe_file_name(name)
    else:
        assert safe_file_name(name)


def test_two_uploads_of_one_name_at_once_are_one_add_and_one_question(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    shelf = Shelf(corpus)
    start = threading.Barrier(8)
    outcomes: list[str] = []

    def upload(number: int) -> None:
        start.wait()
        try:
            shelf.add("race.md", f"Version {number}.".encode())
            outcomes.append(f"added {number}")
        except StoryExists:
            outcomes.append("asked")

    threads = [threading.Thread(target=upload, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    added = [o for o in outcomes if o.startswith("added")]
    assert len(added) == 1 and outcomes.count("asked") == 7
    assert (corpus / "race.md").read_text() == f"Version {added[0].split()[1]}."


def test_uploads_get_the_users_umask(tmp_path):
    corpus = tmp_path / "stories"
    corpus.mkdir()
    old = os.umask(0o027)
    try:
        Shelf(corpus).add("tale.md", b"Once.")
    finally:
        os.umask(old)
    assert (corpus / "tale.md").stat().st_mode & 0o777 == 0o640


def test_nothing_is_written_or_removed_through_a_link(tmp_path):
    corpus, outside = tmp_path / "stories", tmp_path / "elsewhere"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secret.md").write_text("Not a story of this corpus.")
    (corpus / "real.md").write_text("# Real\n\nThe real story.")
    (corpus / "out.md").symlink_to(outside / "secret.md")
    (corpus / "alias.md").symlink_to("real.md")
    (corpus / "linked").symlink_to(outside, target_is_directory=True)
    shelf = Shelf(corpus)
    for name in ("out.md", "alias.md"):
        for change in (lambda n: shelf.add(n, b"Overwritten.", replace=True), shelf.remove):
            with refused(UploadRefusal.THROUGH_LINK, name=name):
                change(name)
    with refused(UploadRefusal.THROUGH_LINK, name="linked"):
        shelf.remove("linked/secret.md")
    assert (outside / "secret.md").read_text() == "Not a story of this corpus."
    assert (corpus / "real.md").read_text() == "# Real\n\nThe real story."
    assert (corpus / "alias.md").is_symlink() and (corpus / "out.md").is_symlink()
    assert not (tmp_path / "stories-kept").exists()


def test_the_lock_file_is_never_a_link(tmp_path):
    corpus, outside = tmp_path / "stories", tmp_path / "elsewhere.txt"
    corpus.mkdir()
    (corpus / LOCK_FILE).symlink_to(outside)
    with refused(UploadRefusal.FOLDER_UNWRITABLE):
        Shelf(corpus).add("tale.md", b"Once.")
    assert not outside.exists() and not (corpus / "tale.md").exists()


def test_a_change_waits_for_the_lock_only_so_long(tmp_path):
    """Another process that holds the lock and hangs (a stuck network folder) gets a clear answer, not a
    wait for ever that leaves "Working on it…" standing."""
    corpus = tmp_path / "stories"
    corpus.mkdir()
    holder = os.open(corpus / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        with refused(UploadRefusal.BUSY):
            Shelf(corpus, lock_timeout=0.2).add("tale.md", b"Once.")
    finally:
        os.close(holder)
    assert not (corpus / "tale.md").exists()
    Shelf(corpus, lock_timeout=0.2).add("tale.md", b"Once.")  # free again
    assert (corpus / "tale.md").read_text() == "Once."


def test_a_lock_holder_killed_outright_leaves_no_stale_lock(tmp_path):
    """The lock is the kernel's (flock), not the file's presence: a process killed with SIGKILL while it
    holds the lock frees it, and the lock file left behind stops nothing."""
    corpus = tmp_path / "stories"
    corpus.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys, time\n"
            f"fd = os.open({str(corpus / LOCK_FILE)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('locked', flush=True)\ntime.sleep(600)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        with refused(UploadRefusal.BUSY):
            Shelf(corpus, lock_timeout=0.2).add("tale.md", b"Once.")
    finally:
        holder.kill()  # SIGKILL: no chance to unlock
        holder.wait()
    assert (corpus / LOCK_FILE).exists()
    Shelf(corpus, lock_timeout=0.2).add("tale.md", b"Once.")
    assert (corpus / "tale.md").read_text() == "Once."


def test_a_full_disk_while_keeping_the_old_file_leaves_no_half_copy_to_restore(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        corpus = disk / "stories"
        corpus.mkdir()
        old = ("Old words of the mill. " * 30_000).encode()  # 690 KB: its copy does not fit in the 1 MB disk
        (corpus / "mill.md").write_bytes(b"# Mill\n\n" + old)
        with pytest.raises(OSError, match="No space left"):
            Shelf(corpus).add("mill.md", b"# Mill\n\nNew words.", replace=True)
        assert (corpus / "mill.md").read_bytes() == b"# Mill\n\n" + old  # nothing was lost
        kept = [path for path in (disk / "stories-kept").rglob("*") if path.is_file()]
        assert kept == []  # no cut-short "mill.md" kept, which restoring would put back as the story


KILLED_MID_UPLOAD = """
import os, signal, sys, threading
from pathlib import Path
from bot.core.shelf import Shelf

corpus = Path(sys.argv[1])

def kill_once_writing():
    while not any(p.name.startswith(".upload-") for p in corpus.iterdir()):
        pass
    os.kill(os.getpid(), signal.SIGKILL)

threading.Thread(target=kill_once_writing, daemon=True).start()
Shelf(corpus).add("tale.md", b"Once upon a time. " * 20_000_000)
"""


def uploads_left(corpus: Path) -> list[str]:
    return sorted(path.name for path in corpus.iterdir() if path.name.startswith(".upload-"))


def test_what_an_add_killed_mid_write_left_is_removed_at_the_next_change(tmp_path):
    """The bot killed outright (kill -9, the OOM killer, a power cut) while writing an upload left its
    hidden .upload-* file in the stories folder, up to 8 MB each time, and nothing ever removed it."""
    corpus = tmp_path / "stories"
    corpus.mkdir()
    adding = subprocess.run([sys.executable, "-c", KILLED_MID_UPLOAD, str(corpus)], cwd=ROOT, check=False)
    assert adding.returncode == -signal.SIGKILL
    assert len(uploads_left(corpus)) == 1 and not (corpus / "tale.md").exists()
    (corpus / ".upload-notes.txt").write_text("the owner's own hidden file")
    Shelf(corpus).add("mill.md", b"# The Mill\n\nThe miller ground rye.")
    assert uploads_left(corpus) == [".upload-notes.txt"]  # only what a killed add wrote (under the lock) goes
    assert (corpus / "mill.md").exists()


KILLED_WHILE_KEEPING = """
import os, sys
from pathlib import Path
from bot.core.shelf import Shelf

corpus, change = Path(sys.argv[1]), sys.argv[2]
copy_part = os.sendfile  # how shutil copies a file on Linux


def pause_after_the_first_part(out_fd, in_fd, offset, count):
    if offset:  # the first 64 KB are written: say so and wait, to be killed mid-copy
        print("paused", flush=True)
        sys.stdin.read()
    return copy_part(out_fd, in_fd, offset, min(count, 65536))


os.sendfile = pause_after_the_first_part
if change == "replace":
    Shelf(corpus).add("tale.md", b"# Tale\\n\\nNew words.", replace=True)
else:
    Shelf(corpus).remove("tale.md")
print("finished without pausing", flush=True)
"""


def hidden_files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.rglob(".*") if path.is_file())


def kill_while_keeping(corpus: Path, change: str) -> None:
    """Runs the change in a process that is killed with SIGKILL once it has copied part of the old file."""
    changing = subprocess.Popen(
        [sys.executable, "-c", KILLED_WHILE_KEEPING, str(corpus), change],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert changing.stdout is not None and changing.stdout.readline() == "paused\n"
    finally:
        changing.kill()
        changing.communicate()
    assert changing.returncode == -signal.SIGKILL


@pytest.mark.parametrize("change", ["replace", "remove across file systems"])
def test_a_change_killed_while_keeping_the_old_file_leaves_no_half_kept_version(tmp_path, change):
    """A kept version is restored by moving it back: one cut short by kill -9 (the OOM killer, a power
    cut) mid-copy would bring back half the story. The copy is whole where it is kept, or not there."""
    corpus, kept = tmp_path / "stories", tmp_path / "stories-kept"
    corpus.mkdir()
    old = b"# Tale\n\n" + b"Old words of the tale. " * 50_000  # 1.1 MB: killed after 64 KB
    (corpus / "tale.md").write_bytes(old)
    with contextlib.ExitStack() as stack:
        if change != "replace":
            stack.enter_context(small_disk(kept, size="8m"))  # a rename cannot cross: the file is copied
        kill_while_keeping(corpus, change)
        assert (corpus / "tale.md").read_bytes() == old
        versions = [path for path in kept.rglob("*") if path.is_file() and not path.name.startswith(".")]
        assert [path for path in versions if path.read_bytes() != old] == []
        assert len(hidden_files(kept)) == 1  # the copy cut short, under a name no one restores
        (kept / ".keeping-notes.txt").write_text("the owner's own hidden file")
        Shelf(corpus).add("mill.md", b"# The Mill\n\nThe miller ground rye.")
        assert hidden_files(kept) == [".keeping-notes.txt"]  # only what the killed change wrote goes
        assert Shelf(corpus).remove("tale.md").read_bytes() == old  # and keeping works on


def test_removing_across_file_systems_keeps_an_exact_copy_before_removing_the_story(tmp_path):
    corpus, kept = tmp_path / "stories", tmp_path / "stories-kept"
    corpus.mkdir()
    old = b"# Tale\n\n" + b"Old words of the tale. " * 50_000
    (corpus / "tale.md").write_bytes(old)
    os.utime(corpus / "tale.md", (1_700_000_000, 1_700_000_000))
    with small_disk(kept, size="8m"):
        gone = Shelf(corpus).remove("tale.md")
        assert gone.read_bytes() == old and gone.stat().st_mtime == 1_700_000_000
        assert gone.is_relative_to(kept) and not (corpus / "tale.md").exists()
        assert hidden_files(kept) == []


@pytest.mark.parametrize(
    "uploaded", ["CON.md", "con.txt", "Nul.tar.md", "aux .md", "PRN..md", "com1.epub", "LPT9.fb2.zip", "COM\u00b2.md"]
)
def test_a_name_windows_keeps_for_a_device_is_refused_as_no_file_of_it_unpacks_there(uploaded):
    # "CON.md" was a valid name: stored, then written by shelf export-kept into a zip that Windows cannot unpack (nor
    # can a corpus folder holding it be copied there). Any case, any extension, a space before the dot, a superscript.
    with refused(UploadRefusal.WINDOWS_DEVICE, detail="is a name Windows keeps for a device"):
        safe_file_name(uploaded)


@pytest.mark.parametrize("uploaded", ["console.md", "con-story.md", "com10.md", "lpt.md", "my.con.md", "nul-.txt"])
def test_names_that_only_begin_or_end_like_a_windows_device_are_kept(uploaded):
    assert safe_file_name(uploaded) == uploaded
