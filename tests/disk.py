"""A real small disk, for what a full one does: a tmpfs of a few hundred kilobytes (root mounts it); and a real FAT or
exFAT filesystem, which has no hard links."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "1m") -> Iterator[Path]:
    """A tmpfs of `size` mounted on `folder` (skips the test where one cannot be mounted)."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "storybot-test", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"a small tmpfs cannot be mounted here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


FAT_KINDS = ("vfat", "exfat")
"""The filesystems of USB sticks and SD cards, which have no hard links."""
FUSE_DRIVERS = {"exfat": ["mount.exfat-fuse"]}
"""Where the kernel has no driver of its own (a container's): Debian's exfat-fuse, on a loop device. Not fusefat for
vfat: it refused zipfile's writes (EPERM as a zip was closed), which every other filesystem takes."""


@contextlib.contextmanager
def fat_disk(folder: Path, kind: str) -> Iterator[Path]:
    """A real FAT (`vfat`) or exFAT filesystem of 64 MB, in an image file beside `folder`, mounted on it: by the
    kernel's driver, else (exFAT) through FUSE on a loop device (Debian's dosfstools or exfatprogs, and exfat-fuse).
    Skips the test where it cannot be made or mounted (not root, no tools, no driver, no loop device or /dev/fuse)."""
    folder.mkdir(parents=True, exist_ok=True)
    image = folder.with_name(f"{folder.name}.img")
    with contextlib.ExitStack() as undone:
        with open(image, "wb") as sparse:
            sparse.truncate(64 * 2**20)
        undone.callback(image.unlink)
        _ran_or_skip(kind, f"mkfs.{kind}", str(image))
        if _ran("mount", "-t", kind, "-o", "loop", str(image), str(folder)).returncode == 0:
            undone.callback(_ran, "umount", str(folder))
        else:  # the kernel has no such driver
            if kind not in FUSE_DRIVERS:
                pytest.skip(f"a {kind} filesystem cannot be mounted here: the kernel has no driver for it")
            device = _ran_or_skip(kind, "losetup", "-f", "--show", str(image)).strip()
            undone.callback(_ran, "losetup", "-d", device)
            _ran_or_skip(kind, *FUSE_DRIVERS[kind], device, str(folder))
            undone.callback(_ran, "umount", str(folder))
        if not os.path.ismount(folder):
            pytest.skip(f"a {kind} filesystem cannot be mounted here")
        yield folder


def _ran(*command: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(command, capture_output=True, text=True)
    except OSError as error:  # not installed
        return subprocess.CompletedProcess(command, 127, "", f"{command[0]}: {error.strerror}")


def _ran_or_skip(kind: str, *command: str) -> str:
    """What `command` wrote; skips the test where it fails."""
    done = _ran(*command)
    if done.returncode != 0:
        pytest.skip(f"a {kind} filesystem cannot be mounted here: {(done.stderr or done.stdout).strip()}")
    return done.stdout


def fill(disk: Path) -> None:
    """Writes to a file on the disk until no room is left."""
    descriptor = os.open(disk / "filler", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(descriptor, bytes(65536))
    except OSError as error:
        assert error.errno == errno.ENOSPC, error
    finally:
        os.close(descriptor)


def read_only(disk: Path) -> None:
    """Remounts the small disk read-only, as a volume mounted `:ro` or a file system the kernel turned
    read-only after errors (every write, even unlinking a file that is not there, is EROFS)."""
    subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)


@contextlib.contextmanager
def second_time_disk(folder: Path) -> Iterator[Path]:
    """A real ext4 filesystem of 32 MB whose inodes (128 bytes) keep their times to the second, as ext3's and FAT's
    (to two) do, in an image file beside `folder`, mounted on it. Skips the test where it cannot be made or mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    image = folder.with_name(f"{folder.name}.img")
    with contextlib.ExitStack() as undone:
        with open(image, "wb") as sparse:
            sparse.truncate(32 * 2**20)
        undone.callback(image.unlink)
        _ran_or_skip("ext4", "mkfs.ext4", "-q", "-F", "-I", "128", str(image))
        mounted = _ran("mount", "-o", "loop", str(image), str(folder))
        if mounted.returncode != 0:
            pytest.skip(f"an ext4 filesystem cannot be mounted here: {mounted.stderr.strip()}")
        undone.callback(_ran, "umount", str(folder))
        yield folder
