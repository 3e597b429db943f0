from bot.core.readers.set_apart_headings import set_apart_headings
from bot.core.readers.text import TextReader

EELS = "The eel catchers of Welney set their willow grigs in the evening and lifted them at first light."
CHURCH = "Below Littleport the river has swallowed a church entire, and its bells ring before a flood."


def never(line: str) -> bool:
    return False


def collection(gap: str = "\n\n\n\n\n") -> str:
    """Gutenberg's layout of a collection: four blank lines before each title, two after, one between paragraphs."""
    return (
        f"The Fen Country\n\nby Harold Grange{gap}THE EEL CATCHERS\n\n\n{EELS}\n\n{EELS}{gap}"
        f"The Drowned Church\nA Tale of Holme\n\n\n{CHURCH}\n\n{CHURCH}\n"
    )


def test_a_collections_titles_set_apart_by_blank_lines_name_its_tales():
    # Every title was a passage of its own, and no answer named the tale it came from.
    story = TextReader().read(collection().encode())
    assert story.title == "The Fen Country"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("THE EEL CATCHERS", True),
        (EELS, False),
        (EELS, False),
        ("The Drowned Church A Tale of Holme", True),
        (CHURCH, False),
        (CHURCH, False),
    ]


def test_lines_set_apart_are_no_titles_in_a_text_spaced_so_throughout_or_numbered_in_chapters():
    spaced = "\n\n\n\n".join(["The Fen Country", "THE EEL CATCHERS", EELS, "The Drowned Church", CHURCH, CHURCH])
    assert set_apart_headings(spaced, never) == frozenset()
    chaptered = collection().replace("THE EEL CATCHERS", "CHAPTER I. THE EEL CATCHERS")
    assert set_apart_headings(chaptered, never) == frozenset()
    assert set_apart_headings(collection(gap="\n\n"), never) == frozenset()
    # A poem's stanzas three lines apart, a line a paragraph: their first lines are no titles, nor is "CONTENTS".
    stanza = "\n\n".join(["My father walked the shingle line", "with lantern, rope and salted twine", "and sang"])
    poem = f"The Shingle\n\n\n\nCONTENTS\n\n\n\n{stanza}\n\n\n\n{stanza}\n\n\n\n{stanza}\n\n\n\n{stanza}\n"
    assert set_apart_headings(poem, never) == frozenset()


def test_a_gutenberg_collection_is_read_in_its_tales_without_its_transcribers_note_and_title_page():
    raw = (
        "The Project Gutenberg eBook of The Fen Country, by Harold Grange\n\nTitle: The Fen Country\n\n"
        "Author: Harold Grange\n\n*** START OF THE PROJECT GUTENBERG EBOOK THE FEN COUNTRY ***\n\n\n\n\n"
        "Transcriber's Note:\n\nObvious typographical errors have been silently corrected.\n\n\n\n\n"
        "THE FEN COUNTRY\n\nBY HAROLD GRANGE\n\n\n\n\n"
        f"THE EEL CATCHERS\n\n\n{EELS}\n\n\n\n\nTHE DROWNED CHURCH\n\n\n{CHURCH}\n\n"
        "*** END OF THE PROJECT GUTENBERG EBOOK THE FEN COUNTRY ***\n\n"
        "Section 1. General Terms of Use and Redistributing Project Gutenberg electronic works\n\n"
        "1.A. By reading or using any part of this Project Gutenberg electronic work, you agree.\n"
    )  # the licence after the book says "Section 1.", no chapter line of the book's
    story = TextReader().read(raw.encode())
    assert story.title == "The Fen Country"
    assert [block.text for block in story.blocks] == ["THE EEL CATCHERS", EELS, "THE DROWNED CHURCH", CHURCH]


def test_a_transcribers_note_with_no_title_page_after_it_leaves_the_book_whole():
    # The note ran "to the next title line", and a book of prose has none: every paragraph was left out.
    raw = (
        "The Project Gutenberg eBook of Eels, by Harold Grange\n\nTitle: Eels\n\nAuthor: Harold Grange\n\n"
        "*** START OF THE PROJECT GUTENBERG EBOOK EELS ***\n\nTranscriber's Note: Obvious typographical errors have "
        f"been corrected.\n\n{EELS}\n\n{CHURCH}\n\n*** END OF THE PROJECT GUTENBERG EBOOK EELS ***\n"
    )
    assert [block.text for block in TextReader().read(raw.encode()).blocks] == [EELS, CHURCH]
