"""A saved index's files read only when they are regular files, and trusted only when they are the user's alone.
(A link, a file others may write and a named pipe are refused with their codes in test_index_notes.py.)"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

from bot.core.index_notes import IndexFault
from bot.core.trusted_files import (
    NotRegularFile,
    UntrustedIndex,
    file_record,
    load_index_array,
    read_index_file,
    read_trusted_file,
    require_trusted,
)


def test_a_regular_file_is_read_whole_and_recorded_by_its_size_and_digest(tmp_path) -> None:
    file = tmp_path / "s1.library.json"
    file.write_bytes(b'{"stories": []}')
    file.chmod(0o600)
    assert read_index_file(file) == b'{"stories": []}'
    assert read_trusted_file(file, most=100) == b'{"stories": []}'
    assert file_record(file) == {"bytes": 15, "blake2b": hashlib.blake2b(b'{"stories": []}').hexdigest()}
    assert require_trusted(file).st_size == 15


def test_a_trusted_file_longer_than_its_limit_is_refused_unread(tmp_path) -> None:
    """A sparse file may say it is a terabyte long and take no disk: its size is asked, not its bytes read."""
    sparse = tmp_path / "sparse.json"
    with sparse.open("wb") as file:
        file.truncate(1 << 40)
    sparse.chmod(0o600)
    with pytest.raises(ValueError, match=r"sparse\.json holds 1099511627776 bytes, more than 1000"):
        read_trusted_file(sparse, most=1000)
    small = tmp_path / "small.json"
    small.write_bytes(b"x" * 1000)
    small.chmod(0o600)
    assert read_trusted_file(small, most=1000) == b"x" * 1000  # at the limit: read


def test_a_folder_or_a_device_where_an_index_file_should_be_is_not_read(tmp_path) -> None:
    folder = tmp_path / "s1.texts.npy"
    folder.mkdir()
    for read in (read_index_file, load_index_array, file_record):
        with pytest.raises(NotRegularFile) as refused:
            read(folder)
        assert (refused.value.fault, refused.value.file) == (IndexFault.NOT_REGULAR, "s1.texts.npy")
    with pytest.raises(NotRegularFile):
        read_index_file(Path("/dev/zero"))  # a device's reading would never end


def test_an_array_is_read_back_as_saved_and_a_pickle_is_never_unpickled(tmp_path) -> None:
    numbers = tmp_path / "s1.lengths.npy"
    np.save(numbers, np.arange(5, dtype=np.int32))
    read = load_index_array(numbers)
    assert read.dtype == np.int32 and read.tolist() == [0, 1, 2, 3, 4]
    objects = tmp_path / "s1.objects.npy"
    np.save(objects, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(ValueError, match="allow_pickle"):
        load_index_array(objects)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user takes root")
def test_a_file_another_user_owns_is_refused_with_their_uid(tmp_path) -> None:
    file = tmp_path / "segments.json"
    file.write_text("{}")
    file.chmod(0o600)
    os.chown(file, 65534, 65534)  # nobody
    with pytest.raises(UntrustedIndex) as refused:
        require_trusted(file)
    assert (refused.value.fault, refused.value.file, refused.value.number) == (
        IndexFault.OTHER_OWNER,
        "segments.json",
        65534,
    )
