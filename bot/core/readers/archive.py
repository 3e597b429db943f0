"""Zip archives (EPUB, Word, ODT, zipped FB2) opened with the limits a story file has: no bombs, no huge entries.

zipfile never unpacks more than an entry's declared size (and checks its CRC), so declared sizes are
what the limits check, before anything is unpacked. Only stored and deflated entries are read:
bzip2 and LZMA could unpack a great deal from one small read.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from bot.core.skipped import Cause, Refusal, StoryRefused

MAX_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 64 * 2**20
"""All that is unpacked from one archive: twice the largest story file, for the markup around the text."""


class SafeZip:
    def __init__(self, raw: bytes, format_name: str):
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(raw))
        except (zipfile.BadZipFile, NotImplementedError, OSError, ValueError) as error:
            raise StoryRefused(Refusal(cause=Cause.NOT_AN_ARCHIVE, format=format_name, detail=str(error))) from error
        self.format_name = format_name
        self.unpacked = 0
        if len(self.archive.infolist()) > MAX_ENTRIES:
            raise StoryRefused(Refusal(cause=Cause.TOO_MANY_ENTRIES, format=format_name, most=MAX_ENTRIES))

    def require_unpacked_size(self) -> None:
        """Raises ValueError unless the whole archive unpacks within the limit (for readers that unpack it all)."""
        self._require_within(sum(info.file_size for info in self.archive.infolist()))
        for info in self.archive.infolist():
            self._require_method(info)

    def names(self) -> set[str]:
        return set(self.archive.namelist())

    def read(self, name: str) -> bytes:
        try:
            info = self.archive.getinfo(name)
        except KeyError as error:
            raise StoryRefused(Refusal(cause=Cause.ENTRY_MISSING, format=self.format_name, name=name)) from error
        self._require_method(info)
        self._require_within(self.unpacked + info.file_size)
        try:
            data = self.archive.read(info)
        except (zipfile.BadZipFile, zlib.error, RuntimeError, OSError, EOFError, ValueError) as error:
            raise StoryRefused(Refusal(cause=Cause.ENTRY_DAMAGED, name=name, detail=str(error))) from error
        self.unpacked += len(data)
        return data

    def _require_method(self, info: zipfile.ZipInfo) -> None:
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise StoryRefused(Refusal(cause=Cause.ENTRY_PACKING, format=self.format_name, name=info.filename))

    def _require_within(self, size: int) -> None:
        if size > MAX_UNPACKED_BYTES:
            raise StoryRefused(Refusal(cause=Cause.UNPACKS_TOO_LARGE, most=MAX_UNPACKED_BYTES))
