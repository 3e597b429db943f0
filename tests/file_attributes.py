"""Files made immutable (chattr +i), as an owner or another program might do under the running bot."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def immutable(path: Path, on: bool) -> None:
    """chattr +i (or -i); the test is skipped where that cannot be done (not root, or a file system without it)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not installed")
    done = subprocess.run(["chattr", "+i" if on else "-i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"cannot make files immutable here: {done.stderr.decode().strip()}")
