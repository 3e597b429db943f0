import pytest

from bot.core.readers.text import TextReader
from bot.core.readers.title_block import block_title

HARBOUR = "Maren left the harbour before dawn, when the fog still lay thick over the water."
ROAD = "The road climbed through the heather to the ridge."


@pytest.mark.parametrize(
    "block",
    [
        "Title: The Salt Road\nAuthor: Ann Example",
        "Title: The Salt Road\nBy Ann Example",
        "Title: The Salt Road\n\nAuthor: Ann Example",
        "TITLE: The Salt Road\nAUTHOR: Ann Example\nWord count: 2,400",
        "Title: The Salt Road\nBy: Ann Example\nRating: T",
    ],
)
def test_a_typed_title_block_names_the_story_and_is_no_story_text(block):
    # Its lines were the story's first passage ("Title: The Salt Road Author: Ann Example"), the story untitled.
    story = TextReader().read(f"{block}\n\n{HARBOUR}\n\nCHAPTER 2\n\n{ROAD}\n".encode())
    assert story.title == "The Salt Road"
    assert [(block.text, block.heading) for block in story.blocks] == [
        (HARBOUR, False),
        ("CHAPTER 2", True),
        (ROAD, False),
    ]


def test_labelled_lines_that_name_no_title_or_are_chapter_lines_are_no_title_block():
    assert block_title("Mother: come here.\nOlof: I am coming.") is None
    assert block_title("Title: The Salt Road\nChapter 1: The Harbour") is None
    assert block_title("Title: The Salt Road\nIt rained all night: the boats stayed in.") is None
    story = TextReader().read(f"Mother: come here.\nOlof: I am coming.\n\n{HARBOUR}\n".encode())
    assert story.title is None
    assert [block.text for block in story.blocks] == ["Mother: come here. Olof: I am coming.", HARBOUR]


def test_a_record_or_a_letter_of_the_story_s_own_with_a_title_line_is_story_text():
    # A personnel record and a memo open the story; "Title:" is a post there, and a sentence after it no title.
    for opening in (
        "Name: Marta Kowalczyk\nTitle: Field Officer\nClearance: Level 4\nStatus: Missing",
        "From: Jane Hollis\nTitle: Regional Manager",
        "Title: none yet, and maybe never.",
    ):
        assert block_title(opening) is None, opening
        story = TextReader().read(f"{opening}\n\n{HARBOUR}\n".encode())
        assert story.title is None and story.blocks[-1].text == HARBOUR and len(story.blocks) == 2, opening


@pytest.mark.parametrize(
    "block",
    [
        "Rating: Teen And Up Audiences\nFandom: Original Work\nAdditional Tags: Angst\nTitle: The Salt Road\nBy: ann",
        "Title: The Salt Road\nSubmitted by: Ann Example\nAddress: 4 Harbour Row, Whitby\nWord count: 2,400",
        "Title: The Salt Road\nPrompt: a lighthouse\nAuthor's Note: thanks to my beta",
    ],
)
def test_an_archive_s_or_a_manuscript_s_header_is_a_title_block(block):
    assert block_title(block) == "The Salt Road"
