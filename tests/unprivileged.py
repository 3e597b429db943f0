"""Work done as a user who is not root, as a service's user runs the bot: root enters and reads any folder, so what a
closed folder does to the bot is tried in a forked child that has given root up (user nobody)."""

from __future__ import annotations

import os
import shutil
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

NOBODY = 65534
UNLISTED = 54321
"""A user the system has no entry for: a container's `--user 54321`."""


def said_unprivileged(work: Callable[[], str], folder: Path | None = None, user: int = NOBODY) -> str:
    """What `work` returns, run in a forked child that is not root (started in `folder`, entered while root), or the
    traceback of what it raised. Modules it imports on first use must be imported before (the child may not read a
    Python installed under /root)."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # the child: leaves without running pytest's exit
        try:
            os.close(read)
            if folder is not None:
                os.chdir(folder)
            if os.geteuid() == 0:
                os.setgid(user)
                os.setuid(user)
            try:
                said = work()
            except BaseException:
                said = traceback.format_exc()
            os.write(write, said.encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode()
    os.waitpid(child, 0)
    return said


@contextmanager
def closed_folder() -> Iterator[tuple[Path, Path]]:
    """(open, closed): a folder anyone may enter (pytest's tmp_path is in one only its owner may), and a folder in it
    that the unprivileged user may not enter (root's, mode 0700), for what is put in either."""
    folder = Path(tempfile.mkdtemp(prefix="storybot-"))
    folder.chmod(0o755)
    closed = folder / "closed"
    closed.mkdir()
    closed.chmod(0o700 if os.geteuid() == 0 else 0o000)
    try:
        yield folder, closed
    finally:
        closed.chmod(0o755)
        shutil.rmtree(folder)
