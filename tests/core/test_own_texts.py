"""The texts a process keeps in its data folder where a newer storybot's text stands in the database: real files in a
real folder, read back as the story they hold, one reading's never another's, a damaged one read again, a folder that
cannot be written said once, and texts unused for 30 days removed."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.core.own_texts import OWN_TEXTS, UNUSED_DAYS, OwnTexts
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.stored_text import FORMAT
from tests.core.test_stored_text import CHAPTERS, UNPACKED
from tests.file_attributes import immutable
from tests.hang import HANG_SECONDS

OURS, OTHER = f"{FORMAT}|7|reader", f"{FORMAT}|6|older reader"
NEWER = b"a newer storybot's packed text"
WEIR = ShelfStoryText.read(3, "weir.md", CHAPTERS.encode())


def kept_files(data: Path) -> list[Path]:
    return sorted(path for path in (data / OWN_TEXTS).rglob("*") if path.is_file())


def test_a_kept_text_is_the_story_as_read_for_its_reading_alone(tmp_path: Path):
    texts = OwnTexts(tmp_path)
    assert texts.story(OURS, 3, "weir.md", 40, NEWER, UNPACKED) is None  # nothing kept yet: nothing made either
    assert not (tmp_path / OWN_TEXTS).exists()
    texts.keep(OURS, 40, NEWER, WEIR, UNPACKED)
    assert OwnTexts(tmp_path).story(OURS, 3, "weir.md", 40, NEWER, UNPACKED) == WEIR  # a later start's
    assert texts.story(OTHER, 3, "weir.md", 40, NEWER, UNPACKED) is None  # another reading's process reads its file
    assert texts.story(OURS, 3, "weir.md", 41, NEWER, UNPACKED) is None
    assert texts.story(OURS, 3, "weir.md", 40, NEWER, 2 * UNPACKED) is None  # a raised limit: the newer text may do
    [kept] = kept_files(tmp_path)  # written whole under its name, nothing left beside it
    assert kept.name.startswith("40-") and kept.name.endswith(".json.z")


def test_a_damaged_kept_text_is_removed_and_its_file_read_again(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    texts = OwnTexts(tmp_path)
    texts.keep(OURS, 40, NEWER, WEIR, UNPACKED)
    [kept] = kept_files(tmp_path)
    kept.write_bytes(kept.read_bytes()[:20])  # cut short, as by a disk that lost its end
    assert texts.story(OURS, 3, "weir.md", 40, NEWER, UNPACKED) is None
    assert f"The text of shelf version 40 kept in {kept} is no stored text" in caplog.text
    assert kept_files(tmp_path) == []
    texts.keep(OURS, 40, NEWER, WEIR, UNPACKED)
    assert texts.story(OURS, 3, "weir.md", 40, NEWER, UNPACKED) == WEIR


def test_a_kept_text_larger_than_this_process_may_unpack_is_not_used(tmp_path: Path):
    texts = OwnTexts(tmp_path)
    texts.keep(OURS, 40, NEWER, WEIR, 100)
    assert texts.story(OURS, 3, "weir.md", 40, NEWER, 100) is None


def test_a_data_folder_that_cannot_be_written_is_said_once(tmp_path: Path, caplog: pytest.LogCaptureFixture):
    caplog.set_level(logging.WARNING)
    texts = OwnTexts(tmp_path)
    texts.keep(OURS, 39, NEWER, WEIR, UNPACKED)  # its folder made
    [folder] = (tmp_path / OWN_TEXTS).iterdir()
    immutable(folder, True)
    try:
        texts.keep(OURS, 40, NEWER, WEIR, UNPACKED)
        texts.keep(OURS, 41, NEWER, WEIR, UNPACKED)
    finally:
        immutable(folder, False)
    assert caplog.text.count("Could not keep the text of shelf version 40 in") == 1
    assert "shelf version 41" not in caplog.text
    assert [path.name[:3] for path in kept_files(tmp_path)] == ["39-"]


def test_texts_not_used_for_30_days_are_removed_with_their_empty_folders(tmp_path: Path):
    texts = OwnTexts(tmp_path)
    texts.keep(OURS, 40, NEWER, WEIR, UNPACKED)
    texts.keep(OURS, 41, NEWER, WEIR, UNPACKED)
    texts.keep(OTHER, 40, NEWER, WEIR, UNPACKED)  # an older reading's, its process upgraded since
    long_ago = time.time() - (UNUSED_DAYS + 1) * 86_400
    for path in kept_files(tmp_path):
        os.utime(path, (long_ago, long_ago))
    assert texts.story(OURS, 3, "weir.md", 41, NEWER, UNPACKED) == WEIR  # used now
    assert texts.remove_unused() == 2
    assert [path.name[:3] for path in kept_files(tmp_path)] == ["41-"]
    assert len(list((tmp_path / OWN_TEXTS).iterdir())) == 1
    assert OwnTexts(tmp_path / "none").remove_unused() == 0


def test_a_kept_text_is_not_served_for_another_databases_version_of_the_same_id(tmp_path: Path):
    """A data folder pointed at another database, whose version ids collide: its version 40 is another story, or the
    same file name with another newer text beside it, and is read from its own file."""
    texts = OwnTexts(tmp_path)
    texts.keep(OURS, 40, NEWER, WEIR, UNPACKED)
    assert texts.story(OURS, 3, "weir.md", 40, NEWER, UNPACKED) == WEIR
    assert texts.story(OURS, 9, "weir.md", 40, NEWER, UNPACKED) is None
    assert texts.story(OURS, 3, "mill.md", 40, NEWER, UNPACKED) is None
    assert texts.story(OURS, 3, "weir.md", 40, b"another database's newer text", UNPACKED) is None
    assert (
        texts.story(OURS, 3, "weir.md", 40, b"another database's file (its newer text not fetched)", UNPACKED) is None
    )


def a_named_pipe(kept: Path) -> None:
    kept.unlink()
    os.mkfifo(kept, 0o600)


def a_link(kept: Path) -> None:
    """To a text of the same story kept elsewhere (a folder another user, or a program, keeps)."""
    elsewhere = kept.parent.parent / "elsewhere.json.z"
    kept.rename(elsewhere)
    kept.symlink_to(elsewhere)


def others_may_write(kept: Path) -> None:
    kept.chmod(0o666)


def its_folder_others_may_write(kept: Path) -> None:
    kept.parent.chmod(0o777)


@pytest.mark.parametrize("change", [a_named_pipe, a_link, others_may_write, its_folder_others_may_write])
def test_a_kept_text_that_is_no_file_of_this_users_alone_is_not_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, change: Callable[[Path], None]
):
    """A named pipe in its place was opened to read, waiting for a writer for ever (the server's view never built);
    a link, or a text others may write, was served to the server's readers as this process read it."""
    texts = OwnTexts(tmp_path)
    texts.keep(OURS, 40, NEWER, WEIR, UNPACKED)
    [kept] = kept_files(tmp_path)
    change(kept)
    ended = threading.Event()
    with ThreadPoolExecutor(max_workers=1) as waiting:
        looked = waiting.submit(texts.story, OURS, 3, "weir.md", 40, NEWER, UNPACKED)
        try:
            assert looked.result(timeout=HANG_SECONDS) is None
            ended.set()
        finally:
            if not ended.is_set() and change is a_named_pipe:  # the writer it waits for, so the test ends
                with open(kept, "wb"):
                    pass
    assert f"The text of shelf version 40 kept in {kept} is not used" in caplog.text
    assert "Traceback" not in caplog.text


def test_a_kept_texts_folder_is_the_users_alone(tmp_path: Path):
    OwnTexts(tmp_path).keep(OURS, 40, NEWER, WEIR, UNPACKED)
    [kept] = kept_files(tmp_path)
    assert kept.parent.stat().st_mode & 0o777 == 0o700 and kept.stat().st_mode & 0o777 == 0o600
