"""Which reader a file name gets: by its format ending, the longest that matches (".fb2.zip" before ".zip")."""

import pytest

from bot.core.readers import READERS, reader_for, story_suffix
from bot.core.readers.fb2 import Fb2Reader, ZippedFb2Reader
from bot.core.readers.rtf import RtfReader


@pytest.mark.parametrize(
    ("name", "suffix"),
    [
        ("stories/Скрипка.FB2.ZIP", ".fb2.zip"),
        ("violin.fb2", ".fb2"),
        ("violin.zip", None),  # a zip of anything else is no story
        ("notes.rtf.bak", None),
        ("the.odt.rtf", ".rtf"),
        (".rtf", None),  # a hidden file's name, no story's
        ("fb2.zip", None),
    ],
)
def test_a_files_format_is_its_longest_story_ending(name, suffix):
    assert story_suffix(name) == suffix
    assert reader_for(name) is (READERS[suffix] if suffix else None)


def test_each_ending_has_its_reader():
    assert isinstance(reader_for("a.fb2.zip"), ZippedFb2Reader)
    assert isinstance(reader_for("a.fb2"), Fb2Reader)
    assert isinstance(reader_for("a.RTF"), RtfReader)
