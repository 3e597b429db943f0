"""The texts of shelf files a process read itself, kept in its data folder, for the versions where a newer storybot's
text stands in the database and is no use here: damaged for this process (past what its STORYBOT_UPLOAD_MB lets it
unpack, or not a text at all), or packed in a layout it cannot unpack.

Such a process (a rolling upgrade's older one, or the older storybot after a rollback) may not store its text over the
newer one: two processes whose readers or limits differ would take turns rewriting it (bot.core.stored_text). It read
each such file again at every start, in a worker each. Kept here, its file is read once a data folder.

Why the data folder, not a second text in the database beside the newer one, keyed by reading:
- nothing another process reads is written, so no two processes can take turns, whatever their readers or limits;
- no schema change: the older storybot rolled back to cannot migrate the database (it refuses a newer revision), and
  rows of readers long gone would stay counted against what a server may store (STORYBOT_SHELF_STORED_MB);
- it lasts only while that reading runs: once upgraded, the process no longer reads its folder, which is removed when
  no text in it was used for UNUSED_DAYS, as a saved index is.

Each reading keeps its own folder (named by its digest): processes of two readings on one data folder (shards upgraded
one at a time) never use each other's texts. A text is named by its version and by a digest of what it stands in for:
its story's id and file name and the newer text the database holds, as fetched anyway, or the version's file where that
text, in a layout not read here, is not fetched (its file is then fetched at each start, but not read), and by the
most bytes the process may unpack (STORYBOT_UPLOAD_MB): a text is kept only where the newer one was of no use under that
limit, so a process whose limit was raised since finds none, unpacks the newer text and uses it if it can, and keeps its
own again only if it still cannot (no more unpacked at each start than before texts were kept here). A data folder
pointed at another database, whose version ids collide, so finds no text of its own there and reads its files. A text
is packed as in the database (zlib JSON, never pickle), unpacked within the same limits, and written whole (a temporary
file, synced, then renamed): a process ended mid-write leaves no half text under the name, and one found damaged is
read from its file and written again. A text is read only from a regular file of this user's alone in a folder
of theirs alone (bot.core.trusted_files, as a saved index): a named pipe would be waited on for ever, and a text
others wrote served to a server's readers; one refused is said in the log, and its file read.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import time
from pathlib import Path

from bot.core.shelf_corpus import ShelfStoryText
from bot.core.stored_text import pack_story, unpack_story
from bot.core.trusted_files import read_trusted_file, require_trusted

log = logging.getLogger(__name__)

OWN_TEXTS = "shelf-texts"
"""The folder in the data folder that holds them."""
UNUSED_DAYS = 30
"""A text not used for this long is removed (its process upgraded since, or its version gone): read again if wanted."""
_ENDING = ".json.z"
_WRITING = ".writing-"


class OwnTexts:
    def __init__(self, data: Path):
        self.root = data / OWN_TEXTS
        self._unwritable_said = False

    def story(
        self, reading: str, story_id: int, name: str, version_id: int, stands_for: bytes, most_bytes: int
    ) -> ShelfStoryText | None:
        """The story the version's file was read as here by `reading` (bot.core.stored_text.stored_reading), if it
        was kept standing in for `stands_for` (the newer storybot's packed text, or the version's file when that text
        was not fetched) under the same limit (`most_bytes`: the newer text, unpacked within a raised limit, may be of
        use now); None if not, or if its text is damaged (removed: the file is read again). Using it keeps it."""
        path = self._path(reading, version_id, story_id, name, stands_for, most_bytes)
        try:
            packed = _read(path, most_bytes)
        except FileNotFoundError:  # none kept: the file is read, as before
            return None
        except (OSError, ValueError) as error:  # unreadable, or not a file of this user's alone (trusted_files)
            log.warning(
                "The text of shelf version %s kept in %s is not used (%s); its file is read again.",
                version_id,
                path,
                error,
            )
            return None
        try:
            story = unpack_story(story_id, name, packed, most_bytes)
        except ValueError as reason:
            log.warning("The text of shelf version %s kept in %s %s; its file is read again.", version_id, path, reason)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):  # a read-only folder: nothing removes it there either
            os.utime(path)  # used now
        return story

    def keep(self, reading: str, version_id: int, stands_for: bytes, story: ShelfStoryText, most_bytes: int) -> None:
        """Keeps the story as `reading` read the version's file, standing in for `stands_for` under the limit
        `most_bytes` (as `story` takes them), for this data folder's next starts. A folder that cannot be written (a
        full disk, a read-only volume) is said once a process: the file is read at each start."""
        path = self._path(reading, version_id, story.story, story.name, stands_for, most_bytes)
        temporary = path.with_name(f"{_WRITING}{secrets.token_hex(8)}")
        packed = pack_story(story)
        try:
            try:
                self._write(temporary, packed)
            except FileNotFoundError:  # its folder, found empty, removed meanwhile by remove_unused
                self._write(temporary, packed)
            os.replace(temporary, path)
        except OSError as error:
            with contextlib.suppress(OSError):
                temporary.unlink(missing_ok=True)
            if not self._unwritable_said:
                self._unwritable_said = True
                log.warning(
                    "Could not keep the text of shelf version %s in %s (%s): the files whose text a newer storybot "
                    "stored are read again at each start.",
                    version_id,
                    path.parent,
                    error,
                )

    def remove_unused(self, days: float = UNUSED_DAYS) -> int:
        """Removes the texts of every reading not used for `days`, and the folders left empty; how many it removed.
        A text used meanwhile by another process on this data folder may go too: it is read from its file again."""
        unused_since = time.time() - days * 86_400
        removed = 0
        try:
            folders = list(self.root.iterdir())
        except OSError:  # none yet, or unreadable
            return 0
        for folder in folders:
            try:
                paths = list(folder.iterdir())
            except OSError:
                continue
            for path in paths:
                try:
                    if path.lstat().st_mtime < unused_since:
                        path.unlink()
                        removed += 1
                except OSError:
                    continue
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if nothing is left in it
        if removed:
            log.info("Removed %d shelf text(s) kept in %s, not used for %d days.", removed, self.root, days)
        return removed

    @staticmethod
    def _write(temporary: Path, packed: bytes) -> None:
        temporary.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600), "wb") as written:
            written.write(packed)
            written.flush()
            os.fsync(written.fileno())

    def _path(
        self, reading: str, version_id: int, story_id: int, name: str, stands_for: bytes, most_bytes: int
    ) -> Path:
        digest = hashlib.sha256(f"{story_id}\0{name}\0{most_bytes}\0".encode())
        digest.update(stands_for)
        folder = self.root / hashlib.sha256(reading.encode()).hexdigest()[:16]
        return folder / f"{version_id}-{digest.hexdigest()[:16]}{_ENDING}"


def _read(path: Path, most_bytes: int) -> bytes:
    """A kept text's bytes, when it is a regular file of this user's alone, in a folder of theirs alone (what others
    wrote would be served to a server's readers), and no longer than what it may unpack to (packed, it is shorter)."""
    require_trusted(path.parent)
    return read_trusted_file(path, most_bytes)  # a named pipe refused, not waited on for ever
