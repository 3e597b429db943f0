"""Zip archives (EPUB, Word, ODT, zipped FB2) opened with the limits a story file has: no bombs, no huge entries.

zipfile never unpacks more than an entry's declared size (and checks its CRC), so declared sizes are
what the limits check, before anything is unpacked. Only stored and deflated entries are read:
bzip2 and LZMA could unpack a great deal from one small read.

An entry's name is its UTF-8 bytes even when the archive does not flag it as UTF-8: Info-ZIP's `zip`, the
usual tool for packing an EPUB by hand, writes UTF-8 names without the flag, and zipfile then reads them
as CP437 ("chapitre_été" as "chapitre_├⌐"), which no page reference matches. unzip and reading systems
take such names as UTF-8 where they are valid UTF-8, and so does this.
"""

from __future__ import annotations

import io
import zipfile
import zlib

from bot.core.skipped import Cause, Refusal, StoryRefused

MAX_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 64 * 2**20
"""All that is unpacked from one archive: twice the largest story file, for the markup around the text."""
UTF8_NAME_FLAG = 0x800
"""Bit 11 of an entry's flags: its name is UTF-8 (APPNOTE 4.4.4)."""


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
        self.entries: dict[str, zipfile.ZipInfo] = {}
        for info in self.archive.infolist():
            self.entries.setdefault(_entry_name(info), info)

    def require_unpacked_size(self) -> None:
        """Raises ValueError unless the whole archive unpacks within the limit (for readers that unpack it all)."""
        self._require_within(sum(info.file_size for info in self.archive.infolist()))
        for info in self.archive.infolist():
            self._require_method(info)

    def names(self) -> set[str]:
        return set(self.entries)

    def read(self, name: str) -> bytes:
        info = self.entries.get(name)
        if info is None:
            raise StoryRefused(Refusal(cause=Cause.ENTRY_MISSING, format=self.format_name, name=name))
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
            raise StoryRefused(Refusal(cause=Cause.ENTRY_PACKING, format=self.format_name, name=_entry_name(info)))

    def _require_within(self, size: int) -> None:
        if size > MAX_UNPACKED_BYTES:
            raise StoryRefused(Refusal(cause=Cause.UNPACKS_TOO_LARGE, most=MAX_UNPACKED_BYTES))


def _entry_name(info: zipfile.ZipInfo) -> str:
    """The name as its maker wrote it: UTF-8 bytes are read as UTF-8 even when the archive does not say so."""
    if info.flag_bits & UTF8_NAME_FLAG:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("utf-8")
    except UnicodeError:
        return info.filename
