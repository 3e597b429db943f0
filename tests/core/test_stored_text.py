"""A shelf story's text as the database keeps it: the story its file reads as, back whole from the packed bytes."""

from __future__ import annotations

import zlib

import pytest

from bot.core.shelf import story_file
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.stored_text import pack_story, unpack_story
from tests.core.readers.format_fixtures import FIXTURES

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
    assert unpack_story(7, name, upload.text) == ShelfStoryText.read(7, name, data)  # chapters, numbers, title


def test_a_titled_uploads_stored_text_has_its_title():
    upload = story_file(b"The wheel turned.", "mill.md", "The Mill")
    assert unpack_story(1, "mill.md", upload.text).title == "The Mill"


def test_stored_text_is_compressed():
    story = ShelfStoryText.read(1, "weir.md", (CHAPTERS * 200).encode())
    assert len(pack_story(story)) * 5 < story.characters


@pytest.mark.parametrize(
    "packed",
    [
        b"not zlib",
        zlib.compress(b"\xff\xfe"),
        zlib.compress(b"[]"),
        zlib.compress(b'{"title": "T", "passages": []}'),
        zlib.compress(b'{"title": "T", "passages": [[1, null, 0]]}'),
        zlib.compress(b'{"title": "T", "passages": [[1, null, "0", "text"]]}'),
        zlib.compress(b'{"title": "T", "passages": [[1, 2, 0, "text"]]}'),
    ],
)
def test_what_is_no_stored_text_is_refused_with_a_reason(packed: bytes):
    with pytest.raises(ValueError, match="is no stored text"):
        unpack_story(1, "weir.md", packed)
