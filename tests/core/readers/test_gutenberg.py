"""Project Gutenberg's header and footer told apart from the book they hold: the start and end markers, in their
several wordings, the producers' credit after the start, and the header's `Name: value` fields."""

from bot.core.readers.gutenberg import book_bounds, header_field

HEADER = "Title: The Lighthouse Keeper\nAuthor: Marta Lind\n\nRelease date: May 1, 2026"
BOOK = [
    HEADER,
    "*** START OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***",
    "Produced by volunteers.",
    "Marta kept the lamp on Gull Rock.",
    "The storm came in the night.",
    "*** END OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***",
    "Updated editions will replace the previous one.",
]


def test_the_book_is_between_the_markers_without_the_producers_credit():
    assert book_bounds(BOOK) == (3, 5)


def test_older_markers_and_a_missing_end_are_read_too():
    older = ["*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS", "The storm came.", "End of Project Gutenberg's Storm"]
    assert book_bounds(older) == (1, 2)
    assert book_bounds(BOOK[:5]) == (3, 5)  # no end marker: to the end


def test_a_text_without_markers_is_all_book():
    assert book_bounds(["Marta kept the lamp.", "The storm came."]) is None


def test_header_fields_are_read_by_name_in_any_case_a_wrapped_value_joined():
    wrapped = "Title: The Lighthouse Keeper,\n       and Other Stories\nAuthor: Marta Lind"
    assert header_field([HEADER], "title") == "The Lighthouse Keeper"
    assert header_field([HEADER], "Author") == "Marta Lind"
    assert header_field([wrapped], "Title") == "The Lighthouse Keeper, and Other Stories"
    assert header_field([HEADER], "Translator") is None
