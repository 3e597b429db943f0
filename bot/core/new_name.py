"""A file written whole under a temporary name given its final name, never over a file there, on any filesystem.

A hard link does both at once: the name appears with the whole file behind it, or link(2) fails with EEXIST. But FAT
and exFAT (a USB stick, an SD card), SMB shares without Unix extensions and some FUSE filesystems have no hard links
(EPERM, EOPNOTSUPP), so an export could not be written there at all. Then, in this order:

- a rename that refuses to replace, as atomic as the link: Linux's renameat2 with RENAME_NOREPLACE (glibc 2.28 and
  later; the kernel's vfat, exfat, ext4, xfs, btrfs and tmpfs have it), and on Windows any rename (it never replaces a
  file there);
- where the filesystem has neither (FUSE filesystems without rename2, such as exfat-fuse and fusefat: EINVAL; NFS,
  which has no RENAME_NOREPLACE, has hard links),
  the name is taken first by creating it exclusively (O_EXCL: refused if a file is there), empty, and the whole file is
  renamed over that empty one, still this one's. For that moment (and after a crash between the two) the name holds an
  empty file, never a file cut short and never over another's. The file created exclusively is not written into
  instead: a reader or a crash would find it half written.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import sys
from pathlib import Path

from bot.core.synced import sync_to_disk

NO_HARD_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})
"""What link(2) says on a filesystem without hard links (vfat and exfat: EPERM)."""
NO_RENAME_FLAGS = frozenset({errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS})
"""What renameat2 says where the filesystem (or the kernel) cannot refuse to replace."""
AT_FDCWD = -100
RENAME_NOREPLACE = 1
"""linux/fcntl.h and linux/fs.h."""


def move_new(written: Path, target: Path) -> None:
    """Moves a file written whole at `written` to `target`, in the same folder, never over a file there
    (FileExistsError, `written` left as it was, if one appeared meanwhile): on disk before its name is, and its name
    after, so an export is never half there. Raises OSError for what else fails, `written` left for the caller."""
    sync_to_disk(written)
    _named(written, target)
    sync_to_disk(target.parent)


def _named(written: Path, target: Path) -> None:
    if sys.platform == "win32":
        os.rename(written, target)  # FileExistsError, never a replace
        return
    if _linked(written, target) or _renamed(written, target):
        return
    _reserved_and_replaced(written, target)


def _linked(written: Path, target: Path) -> bool:
    """The file linked to `target` and its temporary name removed; False where the filesystem has no hard links."""
    try:
        os.link(written, target)
    except OSError as error:
        if error.errno in NO_HARD_LINKS:
            return False
        raise
    with contextlib.suppress(FileNotFoundError):
        os.unlink(written)
    return True


def _renamed(written: Path, target: Path) -> bool:
    """The file renamed to `target` unless a file is there (renameat2); False where it cannot be asked (not Linux, a
    C library without it, a filesystem that cannot refuse to replace)."""
    if sys.platform != "linux":
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(written), AT_FDCWD, os.fsencode(target), RENAME_NOREPLACE) == 0:
        return True
    number = ctypes.get_errno()
    if number in NO_RENAME_FLAGS:
        return False
    raise OSError(number, os.strerror(number), str(written), None, str(target))


def _reserved_and_replaced(written: Path, target: Path) -> None:
    """`target` created empty and exclusively (FileExistsError if a file is there), then the file renamed over that
    empty one at once; it is removed again if the rename fails (while it is still that empty file). A file put there
    in between by one that writes over files would be written over in turn: the name was this one's first."""
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    reserved = _identity(target)
    try:
        os.replace(written, target)
    except BaseException:
        if reserved is not None and _identity(target) == reserved:
            with contextlib.suppress(OSError):
                os.unlink(target)
        raise


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which file is at `path` (device, inode, size), None for none."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino, found.st_size
