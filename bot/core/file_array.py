"""A saved array read from its file when asked for (pread), never memory-mapped; and written.

A memory map of a file that something else cuts short kills the process that reads the missing
part (SIGBUS): no Python code can catch that. A read can only come back short, which is reported
as damage. Reading copies what a question touches (its terms' postings, a few passages), where a
map would not, which costs little beside scoring it; and `changed` tells, with one fstat, whether
the file was resized or written (its modification time) since it was opened, before anything is
read from it.
"""

from __future__ import annotations

import operator
import os
import struct
from pathlib import Path
from typing import BinaryIO, SupportsIndex, TypeAlias, overload

import numpy as np
from numpy.lib import format as npy

from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.index_notes import IndexFault, IndexRefused
from bot.core.trusted_files import open_index_file

_HEADER_READERS = {(1, 0): npy.read_array_header_1_0, (2, 0): npy.read_array_header_2_0}


def array_header(file: BinaryIO, name: str) -> tuple[int, np.dtype]:
    """A one-dimensional .npy array's length and type, as its header says, the file left at its first number;
    IndexRefused for another version of the format, more dimensions or objects (a pickle)."""
    version = npy.read_magic(file)
    if version not in _HEADER_READERS:
        raise IndexRefused(IndexFault.NPY_VERSION, name, detail=".".join(map(str, version)))
    shape, _, dtype = _HEADER_READERS[version](file)
    if len(shape) != 1 or dtype.hasobject:
        raise IndexRefused(IndexFault.NOT_NUMBERS, name)
    return int(shape[0]), dtype


class FileArray:
    """A one-dimensional .npy array on disk; indexing it with a number or a slice reads just that."""

    def __init__(self, path: Path):
        self.path, self.name = path, path.name
        self._file = open_index_file(path)  # closed with the array
        self._length, self.dtype = array_header(self._file, self.name)
        self._offset = self._file.tell()
        info = os.fstat(self._file.fileno())
        self._opened = (info.st_size, info.st_mtime_ns)
        """Not the change time: removing the file (a newer save replacing the index) changes that, and
        what is open stays readable, unchanged."""
        if info.st_size != self._offset + self._length * self.dtype.itemsize:
            raise IndexRefused(IndexFault.SIZE_NOT_HEADER, self.name, number=info.st_size)

    def __len__(self) -> int:
        return self._length

    def __reduce__(self) -> tuple[type[FileArray], tuple[Path]]:
        """Sent to another process (a library the worker could not save), the file is opened again there."""
        return FileArray, (self.path,)

    @overload
    def __getitem__(self, index: SupportsIndex) -> np.generic: ...

    @overload
    def __getitem__(self, index: slice) -> np.ndarray: ...

    def __getitem__(self, index: SupportsIndex | slice) -> np.generic | np.ndarray:
        if isinstance(index, slice):
            first, last, step = index.indices(self._length)
            if step != 1:
                raise ValueError("only runs of consecutive elements are read")
            return self._read(first, max(last - first, 0))
        position = operator.index(index)
        if position < 0:
            position += self._length
        if not 0 <= position < self._length:
            raise IndexError(position)
        return self._read(position, 1)[0]

    def __array__(self, dtype: np.dtype | None = None, copy: bool | None = None) -> np.ndarray:
        whole = self._read(0, self._length)
        return whole if dtype is None else whole.astype(dtype)

    def changed(self) -> IndexDamage | None:
        """How the file differs from when it was opened (resized, written to), or None."""
        try:
            info = os.fstat(self._file.fileno())
        except OSError:
            return IndexDamage(self.name, DamageKind.UNREADABLE)
        if info.st_size != self._opened[0]:
            return IndexDamage(self.name, DamageKind.RESIZED, self._opened[0], info.st_size)
        if info.st_mtime_ns != self._opened[1]:
            return IndexDamage(self.name, DamageKind.MODIFIED)
        return None

    def _read(self, first: int, count: int) -> np.ndarray:
        size = count * self.dtype.itemsize
        try:
            data = os.pread(self._file.fileno(), size, self._offset + first * self.dtype.itemsize)
        except OSError as error:
            raise IndexDamaged(IndexDamage(self.name, DamageKind.UNREADABLE)) from error
        if len(data) != size:
            raise IndexDamaged(self.changed() or IndexDamage(self.name, DamageKind.RESIZED))
        return np.frombuffer(data, self.dtype)


def save_array(path: Path, saved: np.ndarray | FileArray) -> None:
    """np.save without pickle, but a write that fails says why (a full disk: ENOSPC), where numpy's own
    says only how many bytes it wrote."""
    array = np.ascontiguousarray(saved)
    if array.dtype.hasobject:
        raise ValueError("only arrays of numbers are saved")
    with path.open("wb") as file:
        npy.write_array_header_1_0(file, npy.header_data_from_array_1_0(array))
        file.write(array.data.cast("B"))


class ArrayWriter:
    """A one-dimensional .npy file written a piece at a time, so a big array never needs to be held
    whole. Of a known length, closing it checks that exactly that many elements were written; of a
    length not known beforehand (None), closing it writes the length found into the header."""

    def __init__(self, path: Path, dtype: np.dtype, length: int | None):
        self._file = path.open("wb")
        self._dtype, self._length, self._written = dtype, length, 0
        if length is None:
            self._file.write(_header_of_room(dtype, 0))
        else:
            npy.write_array_header_1_0(
                self._file, {"descr": npy.dtype_to_descr(dtype), "fortran_order": False, "shape": (length,)}
            )

    def write(self, piece: np.ndarray) -> None:
        self._written += len(piece)
        self._file.write(np.ascontiguousarray(piece, dtype=self._dtype).data.cast("B"))

    def __enter__(self) -> ArrayWriter:
        return self

    def __exit__(self, *exception: object) -> None:
        try:
            if exception[0] is None and self._length is None:
                self._file.seek(0)
                self._file.write(_header_of_room(self._dtype, self._written))
        finally:
            self._file.close()
        if exception[0] is None and self._length is not None and self._written != self._length:
            raise ValueError(f"{self._file.name}: {self._written} elements written, not {self._length}")


_HEADER_BYTES = 128
"""A header's room when the length is not known yet: any length's fits."""


def _header_of_room(dtype: np.dtype, length: int) -> bytes:
    """A .npy (1.0) header of a one-dimensional array, of _HEADER_BYTES whatever the length (padded
    with spaces, as numpy pads its own), so the length can be filled in once known."""
    text = repr({"descr": npy.dtype_to_descr(dtype), "fortran_order": False, "shape": (length,)}).encode("latin1")
    prefix = npy.magic(1, 0)
    room = _HEADER_BYTES - len(prefix) - 2
    return prefix + struct.pack("<H", room) + text + b" " * (room - len(text) - 1) + b"\n"


SavedArray: TypeAlias = np.ndarray | FileArray
"""An array of a library: in memory, or in a saved index's file (read when indexed)."""


def file_name(array: SavedArray, kind: str) -> str:
    """The name of the file an array is read from, to name it in damage; in memory, what it holds."""
    return array.name if isinstance(array, FileArray) else kind


class WatchedFiles:
    """The files a library reads while it answers: one fstat each tells whether any was touched."""

    def __init__(self, arrays: list[FileArray]):
        self._arrays = arrays

    @classmethod
    def joined(cls, watched: list[WatchedFiles]) -> WatchedFiles:
        """The files of several libraries joined into one."""
        return cls([array for files in watched for array in files._arrays])

    def damage(self) -> IndexDamage | None:
        return next((found for found in (a.changed() for a in self._arrays) if found is not None), None)
