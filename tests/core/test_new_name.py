"""A file written whole given its final name, never over a file there: on a filesystem with hard links, on real FAT
and exFAT filesystems, which have none (mounted by the kernel, or through FUSE: tests/disk.py), and each way
bot.core.new_name takes where the one before it cannot, on this machine's own filesystem."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.core import new_name
from bot.core.new_name import move_new
from tests.disk import FAT_KINDS, fat_disk


def _reserved(written: Path, target: Path) -> bool:
    new_name._reserved_and_replaced(written, target)
    return True


WAYS: dict[str, Callable[[Path, Path], bool]] = {
    "hard link": new_name._linked,
    "rename that refuses to replace": new_name._renamed,
    "name taken first": _reserved,
}
"""Each way, True once it named the file, False where it cannot be taken here."""


def _written(folder: Path, text: bytes) -> Path:
    written = folder / ".export.tmp"
    written.write_bytes(text)
    return written


@pytest.mark.parametrize("way", WAYS)
def test_each_way_names_the_whole_file_and_never_over_one_there(tmp_path, way):
    written = _written(tmp_path, b"the export")
    target = tmp_path / "export.jsonl"
    target.write_bytes(b"the owner's edited file")
    with pytest.raises(FileExistsError):
        WAYS[way](written, target)
    assert target.read_bytes() == b"the owner's edited file" and written.read_bytes() == b"the export"
    target.unlink()
    if not WAYS[way](written, target):
        pytest.skip(f"no {way} on this machine's filesystem")
    assert target.read_bytes() == b"the export" and sorted(os.listdir(tmp_path)) == ["export.jsonl"]


@pytest.mark.parametrize("kind", FAT_KINDS)
def test_on_fat_which_has_no_hard_links_a_file_is_named_whole_and_never_over_one_there(tmp_path, kind):
    # An export to a USB stick failed: link(2) is refused there (EPERM), and it was the only way.
    with fat_disk(tmp_path / "stick", kind) as stick:
        written = _written(stick, b"the export")
        with pytest.raises(OSError) as refused:
            os.link(written, stick / "linked")
        assert refused.value.errno == errno.EPERM
        move_new(written, stick / "export.jsonl")
        assert (stick / "export.jsonl").read_bytes() == b"the export"
        again = _written(stick, b"a second export")
        with pytest.raises(FileExistsError):
            move_new(again, stick / "export.jsonl")
        assert (stick / "export.jsonl").read_bytes() == b"the export" and again.read_bytes() == b"a second export"
        assert sorted(os.listdir(stick)) == [".export.tmp", "export.jsonl"]
