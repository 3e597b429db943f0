"""A shelf story's text as the database keeps it: the story its file reads as, back whole from the packed bytes."""

from __future__ import annotations

import json
import tracemalloc
import zlib

import pytest

from bot.core.shelf import story_file
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.stored_text import (
    PASSAGE_BYTES,
    newer_reading,
    pack_story,
    reading_bytes,
    stored_reading,
    unpack_story,
    used_by,
)
from bot.settings import UPLOAD_MB
from tests.core.readers.format_fixtures import FIXTURES
from tests.operations.test_change_shelf import word_file

UNPACKED = UPLOAD_MB * 2**20
"""What a view lets a stored text unpack to, by default (ServerViews)."""
CHAPTERS = (
    "# The Weir\n\n## I. Dawn\n\nThe miller's daughter crossed the weir.\n\nThe water was high.\n\n"
    "## II. Dusk\n\nShe came back by the bridge, «singing».\n"
)


@pytest.mark.parametrize(
    ("name", "data"),
    [("weir.md", CHAPTERS.encode()), ("lighthouse.odt", (FIXTURES / "lighthouse.odt").read_bytes())],
)
def test_an_uploads_stored_text_is_the_story_its_file_reads_as(name: str, data: bytes):
    upload = story_file(data, name, None)
    assert unpack_story(7, name, upload.text, UNPACKED) == ShelfStoryText.read(
        7, name, data
    )  # chapters, numbers, title


def test_a_titled_uploads_stored_text_has_its_title():
    upload = story_file(b"The wheel turned.", "mill.md", "The Mill")
    assert unpack_story(1, "mill.md", upload.text, UNPACKED).title == "The Mill"


def test_stored_text_is_compressed_and_holds_a_packed_file_in_less_than_the_file():
    """Every version is stored for good; a Word file of one sentence said again packed to 8 times its file, its
    passages' numbers counting up, when each passage was a list of its own."""
    story = ShelfStoryText.read(1, "weir.md", (CHAPTERS * 200).encode())
    assert len(pack_story(story)) * 5 < story.characters
    echo = word_file(20_000)
    upload = story_file(echo, "echo.docx", None)
    assert upload.characters > 1_000_000 and len(upload.text) < len(echo)


@pytest.mark.parametrize(
    "packed",
    [
        b"not zlib",
        zlib.compress(b"\xff\xfe"),
        zlib.compress(b"[" * 100_000),  # nested past the JSON decoder's depth: RecursionError, the view's build failed
        zlib.compress(b"[]"),
        zlib.compress(b'{"title": "T", "texts": [], "paragraphs": [], "numbers": [], "chapters": [[0, null]]}'),
        zlib.compress(b'{"title": "T", "texts": ["a"], "paragraphs": [1], "numbers": [], "chapters": [[0, null]]}'),
        zlib.compress(b'{"title": "T", "texts": ["a"], "paragraphs": ["1"], "numbers": [0], "chapters": [[0, null]]}'),
        zlib.compress(b'{"title": "T", "texts": ["a"], "paragraphs": [1], "numbers": [0], "chapters": [[0, 2]]}'),
        zlib.compress(b'{"title": "T", "texts": ["a"], "paragraphs": [1], "numbers": [0], "chapters": [[1, null]]}'),
        zlib.compress(b'{"title": "T", "texts": ["a", "b"], "paragraphs": [1, 1], "numbers": [0, 0], "chapters": []}'),
        zlib.compress(
            b'{"title": "T", "texts": ["a", "b"], "paragraphs": [1, 1], "numbers": [0, 0], '
            b'"chapters": [[0, null], [1, "I"], [1, "II"]]}'
        ),
    ],
)
def test_what_is_no_stored_text_is_refused_with_a_reason(packed: bytes):
    with pytest.raises(ValueError, match="is no stored text"):
        unpack_story(1, "weir.md", packed, UNPACKED)


def test_a_stored_text_is_unpacked_up_to_the_most_it_may_be_and_no_further():
    """zlib packs a gigabyte of one byte in a megabyte: a damaged or hostile row was unpacked whole, whatever its size
    (here 64 MB of spaces, which JSON reads past, in 64 KB)."""
    story = ShelfStoryText.read(1, "weir.md", CHAPTERS.encode())
    packed = pack_story(story)
    size = len(zlib.decompress(packed))
    enough = reading_bytes(zlib.decompress(packed)) + len(story.passages) * PASSAGE_BYTES  # to read it
    assert unpack_story(1, "weir.md", packed, enough).title == "The Weir"
    with pytest.raises(ValueError, match=f"is no stored text \\(unpacks to more than {size - 1} bytes\\)"):
        unpack_story(1, "weir.md", packed, size - 1)
    bomb = zlib.compress(b" " * 2**26 + zlib.decompress(packed), 9)
    assert len(bomb) < 2**17
    with pytest.raises(ValueError, match="unpacks to more than"):
        unpack_story(1, "weir.md", bomb, 2**20)
    with pytest.raises(ValueError, match="cut short"):
        unpack_story(1, "weir.md", packed[:-8], enough)


MOST = 24 * 2**20
"""What these tests let a stored text unpack to, and reading it take."""
SHORT_PASSAGES = 40_000


@pytest.mark.parametrize(
    ("unpacked", "said"),
    [
        # 3 MB of empty dicts beside the story, within its bytes: json read them, a million dicts, into 75 MB
        (
            b'{"title":"T","x":[' + b",".join([b"{}"] * 1_000_000) + b'],"texts":["a"],"paragraphs":[1],"numbers":[0],'
            b'"chapters":[[0,null]]}',
            "reading it would take",
        ),
        # 40,000 passages of 40 characters, 2 MB: its JSON counted within the most, with its passages past it
        (
            json.dumps(
                {
                    "title": "T",
                    "texts": ["x" * 40] * SHORT_PASSAGES,
                    "paragraphs": [1] * SHORT_PASSAGES,
                    "numbers": [1000] * SHORT_PASSAGES,
                    "chapters": [[0, None]],
                },
                separators=(",", ":"),
            ).encode(),
            f"its {SHORT_PASSAGES} passages would take more than {MOST} bytes",
        ),
    ],
)
def test_a_stored_text_that_reading_would_make_larger_than_the_most_it_may_take_is_no_stored_text(
    unpacked: bytes, said: str
):
    """Unpacked within its bytes, a row could still be read into many times them (25 for `{},`): what reading it may
    build is counted before it is built (the JSON before json reads it, the passages before they are made), and past
    the most it may take, it is no stored text (and its file is read again, tests/operations/test_server_views.py)."""
    assert len(unpacked) < MOST // 4
    packed = zlib.compress(unpacked, 9)
    tracemalloc.start()
    try:
        with pytest.raises(ValueError, match=f"is no stored text \\(.*{said}"):
            unpack_story(1, "weir.md", packed, MOST)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MOST


def test_a_story_of_any_writing_is_read_within_what_its_reading_is_counted_to_take():
    """The count is of what json.loads takes at most, the bytes beside it, whatever characters the story is written
    in (a Japanese character is 3 bytes, read as 2; an emoji makes each character of the text 4): a story within it is
    read, and one byte less is too little."""
    for text in ("The miller's daughter, at dawn: «wait».", "水車の娘は夜明けに堰を渡った。", "The wheel 🎡 turned."):
        story = ShelfStoryText.read(1, "weir.md", "\n\n".join([text * 20] * 2_000).encode())
        packed = pack_story(story)
        unpacked = zlib.decompress(packed)
        tracemalloc.start()
        try:
            json.loads(unpacked)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert len(unpacked) + peak <= reading_bytes(unpacked)
        most = reading_bytes(unpacked) + len(story.passages) * PASSAGE_BYTES
        assert unpack_story(1, "weir.md", packed, most) == story
        with pytest.raises(ValueError, match="is no stored text"):
            unpack_story(1, "weir.md", packed, most - 1)


def test_a_backslash_before_a_u_in_a_story_makes_none_of_its_characters_wider():
    """JSON writes a story's own backslash as two: 'C:\\users' holds the bytes of an escape's start, `\\u`, and its
    whole text was counted at 4 bytes a character, 3 times what it takes, so a story of some 20 MB was read again
    from its file at each start. An escape past Latin-1 (`\\u6c34`, 水) still counts every character at 4 bytes."""
    text = "Maren kept the miller's accounts in C:\\users\\maren\\mill.txt, she said at dawn."
    unpacked = zlib.decompress(pack_story(ShelfStoryText.read(1, "weir.md", "\n\n".join([text * 20] * 200).encode())))
    assert reading_bytes(unpacked) == reading_bytes(unpacked.replace(b"\\\\u", b"\\\\v"))
    water = unpacked.replace(b"dawn", b"\\u6c34")
    assert reading_bytes(water) > 2 * reading_bytes(water.replace(b"\\u6c34", b"dawn"))


@pytest.mark.parametrize(
    ("newer", "older"),
    [
        ("1|9|lxml=5.2.0,pypdf=4.10.0", "1|9|lxml=5.2.0,pypdf=4.9.1"),  # by number, not by text ("4.10" < "4.9")
        ("1|9|lxml=5.2.0,pypdf=6.1.0", "1|9|lxml=5.2.0,pypdf=missing"),  # a library installed
        ("1|10|lxml=5.2.0,pypdf=missing", "1|9|lxml=5.3.0,pypdf=6.1.0"),  # the readers' version first
        ("2|1|lxml=missing", "1|10|lxml=5.3.0"),  # the layout before all
        ("1|9|lxml=5.2.0,pypdf=6.1.0", "1|9|lxml=5.2.0"),  # a library the other does not name
        ("1|9|lxml=5.2.0", "not a reading"),
        ("1|9|pypdf=5.0.0", "1|9|pypdf=5.0.0rc1"),  # a release over its candidate, which no process ever outlived
        ("1|9|pypdf=5.0.0.post1", "1|9|pypdf=5.0.0"),
        ("1|9|pypdf=5.0.0+deb1", "1|9|pypdf=5.0.0"),  # distinct readings: one is newer, or neither replaces the other's
    ],
)
def test_of_two_readings_one_is_newer_the_same_in_every_process(newer: str, older: str):
    """So that two processes whose readers differ never take turns replacing each other's stored text."""
    assert newer_reading(newer, older) and not newer_reading(older, newer)
    assert not newer_reading(newer, newer) and not newer_reading(stored_reading(), stored_reading())


def test_a_workers_own_packing_is_read_within_what_it_unpacks_to_without_counting_its_reading():
    """A story a worker has just read within its memory comes back packed (bot.core.upload_reading,
    bot.core.shelf_reader): its reading is not counted again, a count that over-counts prose and would refuse, past the
    memory it was read in, a story that was read. What it unpacks to is still bounded."""
    story = ShelfStoryText.read(
        1, "weir.md", "\n\n".join(["The miller's daughter, at dawn: wait, wait."] * 2_000).encode()
    )
    packed = pack_story(story)
    unpacked = len(zlib.decompress(packed))
    with pytest.raises(ValueError, match="reading it would take"):
        unpack_story(1, "weir.md", packed, unpacked)
    assert unpack_story(1, "weir.md", packed, unpacked, from_row=False) == story
    with pytest.raises(ValueError, match="is no stored text"):
        unpack_story(1, "weir.md", packed, unpacked - 1, from_row=False)


def test_a_process_uses_another_readings_text_only_when_newer_and_of_its_own_layout():
    """What ShelfStore.texts reads for a view (bot.operations.server_views): a newer reading's text of this layout
    unpacks here; an older one's is read again from its file, another layout's cannot be unpacked."""
    ours = stored_reading()
    layout, readers, libraries = ours.split("|", 2)
    newer = f"{layout}|{int(readers) + 1}|{libraries}"
    older = f"{layout}|{int(readers) - 1}|{libraries}"
    assert used_by(newer, ours) and not used_by(older, ours) and not used_by(ours, ours)
    assert not used_by(f"{int(layout) + 1}|{readers}|{libraries}", ours)  # newer, in a layout not read here
    assert not used_by(f"{layout}0|{readers}|{libraries}", ours) and not used_by("not a reading", ours)
