import pytest

from bot.core.readers.listed_matter import without_listed_matter
from bot.core.readers.reader import Block
from bot.core.readers.text import TextReader

EELS = "The eel catchers of Welney set their willow grigs in the evening and lifted them at first light."
CHURCH = "Below Littleport the river has swallowed a church entire, and its bells ring before a flood."
INDEX = "INDEX\n\nBrandon Creek, 12\nEels, catching of, 3, 5\n\nL\n\nLittleport, 12, 14\nWelney, 3"


def collection(contents: str) -> str:
    """A Gutenberg collection as Gutenberg sets it: its contents and index, titles four blank lines apart."""
    return (
        "The Project Gutenberg eBook of The Fen Country, by Harold Grange\n\nTitle: The Fen Country\n\n"
        "Author: Harold Grange\n\n*** START OF THE PROJECT GUTENBERG EBOOK THE FEN COUNTRY ***\n\n\n\n\n"
        f"THE FEN COUNTRY\n\nby Harold Grange\n\n\n\n\nCONTENTS\n\n{contents}\n\n\n\n\n"
        f"THE EEL CATCHERS\n\n\n{EELS}\n\n{EELS}\n\n\n\n\nTHE DROWNED CHURCH\n\n\n{CHURCH}\n\n{CHURCH}\n\n\n\n\n"
        f"{INDEX}\n\n\n\n*** END OF THE PROJECT GUTENBERG EBOOK THE FEN COUNTRY ***\n"
    )


@pytest.mark.parametrize(
    "contents",
    [
        "THE EEL CATCHERS\nTHE DROWNED CHURCH\nINDEX",
        "The Eel Catchers\n\nThe Drowned Church",
        "PAGE\nThe Eel Catchers    1\nThe Drowned Church    9",
    ],
)
def test_a_gutenberg_collections_contents_and_index_are_no_story_text(contents):
    # The tales' names under "CONTENTS" and the index's names and pages were each read as passages.
    story = TextReader().read(collection(contents).encode())
    assert story.title == "The Fen Country"
    assert [block.text for block in story.blocks] == [
        "THE EEL CATCHERS",
        EELS,
        EELS,
        "THE DROWNED CHURCH",
        CHURCH,
        CHURCH,
    ]


def test_prose_under_a_contents_or_index_line_and_a_list_no_heading_follows_are_text():
    preface = Block("The tales were told to me in the Ship at Brandon Creek.")
    blocks = [Block("CONTENTS"), Block("The Eel Catchers The Drowned Church"), preface, Block("I", heading=True)]
    assert without_listed_matter(blocks) == blocks  # prose after the list, before the first heading
    poems = [Block("CONTENTS"), Block("Low Tide The Gulls"), Block("Low Tide"), Block("bring the herring home")]
    assert without_listed_matter(poems) == poems  # no heading names the poems: their lines may end no sentence
    story = [Block("I", heading=True), Block(EELS), Block("Index"), Block(CHURCH), Block("In 1895, 3 mills stood.")]
    assert without_listed_matter(story) == story


def test_a_sentence_of_numbers_or_a_short_word_after_an_index_line_is_text():
    # "Index" as a card file's name in a chapter: the sentence after it holds numbers, and "No" is two letters.
    cards = Block("It held cards: 12, 14, 15, 19 and 22 were missing.")
    story = [Block("I", heading=True), Block(EELS), Block("Index"), cards, Block("No")]
    assert without_listed_matter(story) == story
    index = [Block("INDEX"), Block("Brandon Creek, 12"), Block("L."), Block("Littleport, 12, 14.")]
    assert without_listed_matter([Block("I", heading=True), Block(EELS), *index]) == [
        Block("I", heading=True),
        Block(EELS),
    ]


@pytest.mark.parametrize(
    "entries",
    [
        ["A", "Abbey, the, 12, 14\nAbbot, 15, 27\nAcre, see Land.", "B", "Barley, 3, 9\nBoats, 22, 40"],
        ["Abbey, 12 ff.\nAbbot, 15 sq.", "Barley, 3, 9"],
        ["Abbey, 12 n.\nAbbot, 15, 27 n.", "Barley, 3, 9"],
        ["Abbey, the, 12, 14.", "Acre, see Land.", "Barley, 3, 9."],
    ],
    ids=["see-in-a-paragraph", "ff", "note", "see-alone"],
)
def test_an_index_entry_ending_in_a_cross_reference_or_a_page_mark_goes_on_with_the_index(entries):
    # An index paragraph ending "see Land.", "12 ff." or "27 n." ends a sentence: the index was ended there, the rest
    # of it read as the story's text.
    story = [Block("I", heading=True), Block(EELS)]
    assert without_listed_matter([*story, Block("INDEX"), *map(Block, entries)]) == story


def test_a_sentence_after_an_index_line_that_sends_no_one_on_is_text():
    story = [Block("I", heading=True), Block(EELS), Block("Index"), Block("Come, see you tomorrow."), Block(CHURCH)]
    assert without_listed_matter(story) == story


def test_an_empty_paragraph_after_an_index_line_is_no_entry():
    # An empty paragraph names no page and sends no one on: "Index" over it was left out as an index of none.
    story = [Block("I", heading=True), Block(EELS), Block("Index"), Block(" "), Block(CHURCH)]
    assert without_listed_matter(story) == story
