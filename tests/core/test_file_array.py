"""A saved array read from its file a piece at a time (pread, never a memory map), its damage told as it is met;
and written whole, or a piece at a time."""

from __future__ import annotations

import os

import numpy as np
import pytest

from bot.core.file_array import ArrayWriter, FileArray, WatchedFiles, file_name, save_array
from bot.core.index_damage import DamageKind, IndexDamage, IndexDamaged
from bot.core.index_notes import IndexFault, IndexRefused


def saved(tmp_path, values: np.ndarray, name: str = "s1.lengths.npy") -> FileArray:
    path = tmp_path / name
    save_array(path, values)
    return FileArray(path)


def test_an_element_or_a_run_is_read_as_numpy_holds_it(tmp_path) -> None:
    values = np.arange(10, 20, dtype=np.int64)
    array = saved(tmp_path, values)
    assert len(array) == 10 and array.dtype == np.int64 and array.name == "s1.lengths.npy"
    assert array[0] == 10 and array[9] == 19 and array[-1] == 19 and array[np.int32(3)] == 13
    assert array[2:5].tolist() == [12, 13, 14] and array[8:50].tolist() == [18, 19] and array[5:2].tolist() == []
    assert np.asarray(array).tolist() == values.tolist()
    assert np.asarray(array, dtype=np.float32).dtype == np.float32
    assert np.load(array.path).tolist() == values.tolist()  # a .npy file numpy reads itself
    for outside in (10, -11):
        with pytest.raises(IndexError):
            array[outside]
    with pytest.raises(ValueError, match="consecutive"):
        array[::2]


def test_an_array_written_a_piece_at_a_time_is_the_whole_array(tmp_path) -> None:
    unknown, known = tmp_path / "unknown.npy", tmp_path / "known.npy"
    with ArrayWriter(unknown, np.dtype(np.int32), None) as writer:
        for first in range(0, 1000, 300):
            writer.write(np.arange(first, min(first + 300, 1000)))
    with ArrayWriter(known, np.dtype(np.float64), 3) as writer:
        writer.write(np.array([0.5]))
        writer.write(np.array([1.5, 2.5]))
    assert FileArray(unknown)[:].tolist() == list(range(1000)) and np.load(unknown).dtype == np.int32
    assert FileArray(known)[:].tolist() == [0.5, 1.5, 2.5]
    short = ArrayWriter(tmp_path / "short.npy", np.dtype(np.int32), 3)
    with pytest.raises(ValueError, match="2 elements written, not 3"), short:
        short.write(np.array([1, 2]))


def test_only_one_dimensional_arrays_of_numbers_of_the_size_their_header_says_are_opened(tmp_path) -> None:
    np.save(tmp_path / "square.npy", np.zeros((2, 2)))
    np.save(tmp_path / "objects.npy", np.array([1, "a"], dtype=object), allow_pickle=True)
    np.save(tmp_path / "version3.npy", np.zeros(3))
    data = bytearray((tmp_path / "version3.npy").read_bytes())
    data[6:8] = b"\x03\x00"
    (tmp_path / "version3.npy").write_bytes(bytes(data))
    save_array(tmp_path / "cut.npy", np.arange(100, dtype=np.int64))
    with (tmp_path / "cut.npy").open("r+b") as cut:
        cut.truncate(os.path.getsize(tmp_path / "cut.npy") - 8)
    expected = {
        "square.npy": (IndexFault.NOT_NUMBERS, None, ""),
        "objects.npy": (IndexFault.NOT_NUMBERS, None, ""),
        "version3.npy": (IndexFault.NPY_VERSION, None, "3.0"),
        "cut.npy": (IndexFault.SIZE_NOT_HEADER, os.path.getsize(tmp_path / "cut.npy"), ""),
    }
    for name, (fault, number, detail) in expected.items():
        with pytest.raises(IndexRefused) as refused:
            FileArray(tmp_path / name)
        assert (refused.value.fault, refused.value.file, refused.value.number, refused.value.detail) == (
            fault,
            name,
            number,
            detail,
        ), name
    with pytest.raises(ValueError, match="only arrays of numbers"):
        save_array(tmp_path / "never.npy", np.array([1, "a"], dtype=object))


def test_a_file_cut_short_or_written_to_after_it_was_opened_is_damage_named_as_it_is_met(tmp_path) -> None:
    cut = saved(tmp_path, np.arange(100, dtype=np.int64), "cut.npy")
    written = saved(tmp_path, np.arange(100, dtype=np.int64), "written.npy")
    watched = WatchedFiles.joined([WatchedFiles([cut]), WatchedFiles([written])])
    assert cut.changed() is None and watched.damage() is None
    size = os.path.getsize(cut.path)
    with cut.path.open("r+b") as file:
        file.truncate(size - 80)
    assert cut[0] == 0  # what is still there is read
    with pytest.raises(IndexDamaged) as damaged:
        cut[90:100]
    assert damaged.value.damage == IndexDamage("cut.npy", DamageKind.RESIZED, size, size - 80)
    assert watched.damage() == IndexDamage("cut.npy", DamageKind.RESIZED, size, size - 80)
    with written.path.open("r+b") as file:  # the same size, other numbers
        file.seek(-8, os.SEEK_END)
        file.write(np.int64(7).tobytes())
    os.utime(written.path, ns=(0, 1))  # the write's time, whatever the filesystem's clock grain
    assert written.changed() == IndexDamage("written.npy", DamageKind.MODIFIED)
    intact = saved(tmp_path, np.arange(3), "intact.npy")
    assert WatchedFiles([intact]).damage() is None
    assert WatchedFiles.joined([WatchedFiles([intact]), WatchedFiles([written])]).damage() == IndexDamage(
        "written.npy", DamageKind.MODIFIED
    )


def test_damage_names_the_file_an_array_is_read_from_or_what_it_holds_in_memory(tmp_path) -> None:
    assert file_name(saved(tmp_path, np.arange(3)), "passage_story") == "s1.lengths.npy"
    assert file_name(np.arange(3), "passage_story") == "passage_story"
