"""A server's stored files read for its view: plain ones in the bot's own process, the others in a worker."""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from bot.core.shelf import ShelfError, UploadRefusal
from bot.core.shelf_corpus import ShelfStoryText
from bot.core.shelf_reader import ShelfReader
from tests.core.test_worker import READING_LIMIT, slow_to_start
from tests.operations.test_change_shelf import word_file
from tests.unpickled import unpickled_classes

PASSAGES = ["The miller's daughter crossed the weir at dawn.", "The water was high."]
WEIR = b"# The Weir\n\nThe miller's daughter crossed the weir at dawn.\n\nThe water was high.\n"


async def test_plain_text_and_markdown_are_read_without_a_worker_and_a_word_file_in_one():
    # A worker's start cost a view of 58 plain stories 2 s against the 30 ms their reading takes in the bot.
    reader = ShelfReader(seconds=60, megabytes=1024)
    async with reader.session():
        markdown = await reader.read(1, "weir.md", WEIR)
        text = await reader.read(2, "weir.txt", WEIR)
        assert multiprocessing.active_children() == []  # the session's worker starts with its first file that needs it
        word = await reader.read(3, "echo.docx", word_file(3))
        assert len(multiprocessing.active_children()) == 1
    for story in (markdown, text):
        assert story.title == "The Weir"
        assert [p.text for p in story.passages] == PASSAGES
    assert word.title == "Echo" and word.passages  # its file's name: the document has no properties


async def test_a_plain_file_that_gives_no_story_is_unreadable_as_a_word_file_is():
    reader = ShelfReader(seconds=60, megabytes=1024)
    async with reader.session():
        with pytest.raises(ShelfError) as plain:
            await reader.read(1, "empty.txt", b" \n\n \n")
        with pytest.raises(ShelfError) as word:
            await reader.read(2, "empty.docx", b"not a zip")
    assert plain.value.refusal is word.value.refusal is UploadRefusal.UNREADABLE
    assert multiprocessing.active_children() == []  # the session's worker ended with it


async def test_a_worker_sends_its_story_packed_not_its_pickled_passages():
    """Unpickling the passages as they came down the pipe held the GIL, and the event loop, throughout (1.0 s for a
    Word file of 300,000 passages); they come packed and are unpacked in a thread, as the story the file holds."""
    data = word_file(300)
    reader = ShelfReader(seconds=60, megabytes=1024)
    async with reader.session():
        with unpickled_classes() as crossed:
            story = await reader.read(4, "echo.docx", data)
    assert not crossed & {"PassageText", "ShelfStoryText"}
    assert story == ShelfStoryText.read(4, "echo.docx", data)


@pytest.mark.skipif(os.name != "posix", reason="a shell script stands for Python")
async def test_a_worker_slow_to_start_is_not_charged_for_it(tmp_path: Path):
    """The limit is the reading's: the worker's start counted against the session's first file."""
    reader = ShelfReader(seconds=READING_LIMIT, megabytes=1024)
    with slow_to_start(tmp_path):
        async with reader.session():
            word = await reader.read(3, "echo.docx", word_file(3))
    assert word.title == "Echo" and word.passages
