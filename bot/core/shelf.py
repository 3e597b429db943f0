"""The corpus folder as its owner manages it from Discord: story files added, replaced and removed.

Nothing is lost: a replaced or removed file is first kept in a dated folder beside the corpus
(`<corpus>-kept/<when>/<its path>`), which is not read as stories; restoring one is moving it back.
Writes are atomic: a story is written to a temporary file in the corpus folder and then renamed.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.core.corpus import STORY_SUFFIXES

MAX_UPLOAD_BYTES = 8 * 2**20
"""The largest story file accepted from a chat upload (a long novel is a few MB of text)."""
_UNSAFE = re.compile(r"[^\w.\- ]+")


class ShelfError(Exception):
    """The upload or the name cannot be used; the message says what to do."""


def safe_file_name(name: str) -> str:
    """The upload's name as a plain file name in the corpus folder: no folders, no hidden files."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("-", base).strip(" .-")
    if not base.lower().endswith(STORY_SUFFIXES):
        raise ShelfError(f'"{name}" is not a .txt or .md file; upload the story as plain text or Markdown.')
    if base.lower() in STORY_SUFFIXES or base.startswith("."):
        raise ShelfError(f'"{name}" has no usable name; rename it, e.g. the-old-mill.md.')
    return base


def require_upload_size(size: int) -> None:
    """Raises ShelfError for an upload too large to take (checked before it is downloaded, too)."""
    if size > MAX_UPLOAD_BYTES:
        raise ShelfError(
            f"That file is {size / 2**20:.1f} MB; stories uploaded here may be at most "
            f"{MAX_UPLOAD_BYTES // 2**20} MB. Split it, or put it in the stories folder directly."
        )


def story_text(raw: bytes, title: str | None) -> str:
    """The uploaded bytes as a story: UTF-8 (checked), not empty, with the given title if any."""
    require_upload_size(len(raw))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ShelfError(
            f"That file is not UTF-8 text (byte {error.start}); save it as UTF-8 and upload again."
        ) from error
    if not text.strip():
        raise ShelfError("That file is empty; add some paragraphs and upload again.")
    if title and title.strip():
        if text.lstrip().startswith("---"):
            raise ShelfError("That file has its own front matter; put the title there, or upload without title.")
        text = f"---\ntitle: {' '.join(title.split())}\n---\n\n{text}"
    return text


@dataclass(frozen=True)
class Shelf:
    root: Path
    """The corpus folder."""

    @property
    def kept(self) -> Path:
        return self.root.parent / f"{self.root.name}-kept"

    def holds(self, name: str) -> bool:
        return (self.root / name).exists()

    def add(self, name: str, text: str) -> Path | None:
        """Writes the story as root/name; returns where the file it replaced was kept, if any."""
        target = self.root / name
        kept = self._keep(target, move=False) if target.exists() else None
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=self.root, prefix=".upload-", delete=False) as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(f.name, target)
        return kept

    def remove(self, relative: str) -> Path:
        """Moves the story file out of the corpus into the kept folder; returns where it went."""
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.root.resolve()) or not path.is_file():
            raise ShelfError(f"There is no story file {relative} to remove.")
        return self._keep(path, move=True)

    def _keep(self, path: Path, move: bool) -> Path:
        when = datetime.now(UTC).strftime("%Y-%m-%d_%H-%M-%S")
        relative = path.resolve().relative_to(self.root.resolve())
        place = self.kept / when / relative
        copy = 1
        while place.exists():  # twice in one second: never overwrite what was kept
            copy += 1
            place = self.kept / f"{when}_{copy}" / relative
        place.parent.mkdir(parents=True, exist_ok=True)
        if move:
            shutil.move(path, place)
        else:
            shutil.copy2(path, place)
        return place
