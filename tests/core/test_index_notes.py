import dataclasses
import json
import os
import pickle

import pytest

from bot.core.index_notes import IndexEvent, IndexFault, IndexNote, IndexRefused
from bot.core.trusted_files import NotRegularFile, UntrustedIndex, open_index_file, require_trusted


def test_a_note_is_plain_data_that_crosses_processes_and_json_whole() -> None:
    """The build's worker sends its library's notes back pickled; nothing in one is English or an object of its own."""
    note = IndexNote(
        event=IndexEvent.NOT_SAVED,
        fault=IndexFault.SYSTEM,
        file="/cache",
        detail="Disk quota exceeded",
        error_number=122,
    )
    assert pickle.loads(pickle.dumps(note)) == note
    data = json.loads(json.dumps(dataclasses.asdict(note)))
    assert IndexNote(**data | {"event": IndexEvent(data["event"]), "fault": IndexFault(data["fault"])}) == note
    assert str(note) == "system /cache Disk quota exceeded 122"  # the log's: the code and the facts


@pytest.mark.parametrize(
    "refused",
    [
        IndexRefused(IndexFault.OFFSETS_OUT_OF_ORDER, "s1-0a.text_block_first.npy", number=120),
        UntrustedIndex(IndexFault.OTHER_OWNER, "segments.json", number=1001),
        NotRegularFile(IndexFault.NOT_REGULAR, "s1-0a.json"),
        IndexRefused(IndexFault.NPY_VERSION, "s1-0a.passages.doc_len.npy", detail="3.0"),
    ],
)
def test_a_refusal_crosses_processes_whole_and_becomes_a_note(refused: IndexRefused) -> None:
    back = pickle.loads(pickle.dumps(refused))
    assert type(back) is type(refused) and isinstance(back, ValueError)
    assert (back.fault, back.file, back.number, back.detail) == (
        refused.fault,
        refused.file,
        refused.number,
        refused.detail,
    )
    assert str(back) == f"{refused.fault}: {refused.file}"  # no English in the core
    note = back.note(IndexEvent.DAMAGED)
    assert (note.fault, note.file, note.number, note.detail) == (
        refused.fault,
        refused.file,
        refused.number,
        refused.detail,
    )


def test_an_index_file_not_the_users_alone_is_refused_with_its_code(tmp_path) -> None:
    file = tmp_path / "segments.json"
    file.write_text("{}")
    file.chmod(0o620)
    with pytest.raises(UntrustedIndex) as refused:
        require_trusted(file)
    assert (refused.value.fault, refused.value.file) == (IndexFault.OTHERS_MAY_WRITE, "segments.json")
    link = tmp_path / "link.json"
    link.symlink_to(file)
    with pytest.raises(UntrustedIndex) as refused:
        require_trusted(link)
    assert (refused.value.fault, refused.value.file) == (IndexFault.LINK, "link.json")
    pipe = tmp_path / "s1-0a.json"
    os.mkfifo(pipe)
    with pytest.raises(NotRegularFile) as not_regular:
        open_index_file(pipe)
    assert (not_regular.value.fault, not_regular.value.file) == (IndexFault.NOT_REGULAR, "s1-0a.json")
