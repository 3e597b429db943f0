from dataclasses import dataclass, field

from bot.core.readers.pdf_notes import is_raised_mark, without_footnotes


@dataclass
class Line:
    page: int
    y: float
    size: float
    text: str
    first_size: float = 0.0
    x: float = 50.0
    parts: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parts = self.parts or [self.text]
        self.first_size = self.first_size or self.size


def page(number: int, foot: list[Line], marks: tuple[str, ...] = ("1", "2", "3")) -> list[Line]:
    """A page of five lines of text, the notes' `marks` raised on its second, then the lines of its `foot`."""
    text = [Line(number, 700 - 12 * row, 10, f"Line {row} of the keeper's story on page {number}.") for row in range(5)]
    text[1].marks = list(marks)
    return [*text, *foot]


def test_the_notes_at_a_pages_foot_are_left_out_and_lines_that_begin_with_no_small_mark_kept():
    latex = [  # smaller than the text, the first after its number set smaller still
        Line(0, 560, 8, "1The keeper's log, 1890.", 6, parts=["1", "The keeper's log, 1890."]),
        Line(0, 550, 8, "p. 4"),
    ]
    word = [Line(1, 560, 10, "2 From the harbour board's minutes.", 6, parts=["2", " From the harbour board's."])]
    caption = [Line(2, 560, 8, "The lighthouse at dawn, from the harbour.")]
    counted = [Line(3, 560, 10, "3 boats came home that night.")]  # a number in the text's type is text
    carried = [Line(5, 560, 10, "7 From the harbour board's minutes.", 6, parts=["7", " From the harbour board's."])]
    lines = [*page(0, latex), *page(1, word), *page(2, caption), *page(3, counted)]
    lines += [*page(4, [], marks=("7",)), *page(5, carried, marks=())]  # a note with no room left on its mark's page
    kept = without_footnotes(lines, 10)
    assert [line for line in lines if line not in kept] == [*latex, *word, *carried]


def test_a_note_whose_number_is_set_in_its_own_small_type_is_left_out_where_its_page_raises_that_mark():
    # InDesign and many trade books set a note's number full size in the note's smaller type: "1  The scissors..."
    # was read as the story. A small caption opening with a number no mark on its page raises is text.
    note = [Line(0, 560, 8, "1  The scissors were sold at auction in Trondheim.")]
    caption = [Line(1, 560, 8, "4 boats in the harbour at dawn.")]
    lines = [*page(0, note, marks=("1",)), *page(1, caption, marks=("1",))]
    kept = without_footnotes(lines, 10)
    assert [line for line in lines if line not in kept] == note


def test_a_notes_mark_is_a_small_raised_number_or_symbol_and_a_raised_letter_is_text():
    assert is_raised_mark("12", 7, 3.6, 10) and is_raised_mark("†", 7, 3.6, 10)
    assert not is_raised_mark("st", 7, 3.6, 10)  # "1st" as Word sets it
    assert not is_raised_mark("1", 10, 3.6, 10)  # in the line's own type
    assert not is_raised_mark("1", 7, 0.5, 10)  # on the line: a footnote's own number, or a subscript


def test_a_line_beginning_with_a_small_number_no_raised_mark_on_its_page_says_is_text():
    # Verse numbers set small and raised open lines of scripture or a numbered poem: the first line that began with one
    # was taken for the page's first note, and the rest of the page was left out.
    verses = [
        Line(0, 700 - 12 * row, 10, f"{row + 4}And the keeper climbed the stairs.", 7, parts=[str(row + 4), "And..."])
        for row in range(3)
    ]
    note = [Line(0, 500, 8, "2The keeper's log, 1890.", 6, parts=["2", "The keeper's log, 1890."])]
    lines = [*page(0, [], marks=("1", "2")), *verses, *note]
    lines = sorted(lines, key=lambda line: -line.y)
    assert without_footnotes(lines, 10) == lines[:-1]


def test_a_note_carried_over_to_the_next_page_is_left_out_at_its_foot_and_a_caption_after_a_whole_note_kept():
    note = [Line(0, 560, 8, "1The keeper's log for that winter is kept", 6, parts=["1", "The keeper's log..."])]
    carried = [Line(1, 560, 8, "in the harbour museum at Skarvik."), Line(1, 550, 8, "It says little of storms.")]
    whole = [Line(2, 560, 8, "2The keeper's log, 1890.", 6, parts=["2", "The keeper's log, 1890."])]
    caption = [Line(3, 560, 8, "The lighthouse at dawn, from the harbour")]  # the note before it ended its sentence
    source = [Line(4, 560, 8, "3From The Keeper's Log", 6, parts=["3", "From The Keeper's Log"])]  # a short last line
    verse = [Line(5, 560, 8, "Come home, come home, the gulls cry")]
    lines = [*page(0, note, marks=("1",)), *page(1, carried, marks=()), *page(2, whole, marks=("2",))]
    lines += [*page(3, caption, marks=()), *page(4, source, marks=("3",)), *page(5, verse, marks=())]
    kept = without_footnotes(lines, 10)
    assert [line for line in lines if line not in kept] == [*note, *carried, *whole, *source]


def test_a_letter_in_the_notes_type_over_a_carried_notes_gap_is_the_storys():
    # LaTeX's book class, measured: a page ends with a letter the story quotes in \footnotesize (the notes' type),
    # then, below the gap over the notes, the rest of a note carried from the page before. The letter was left out
    # with the note: the lines in the note's type were taken up to the page's text, across the gap.
    note = [Line(0, 57.6, 9, "1The keeper's log for that winter is kept in the harbour museum at", 6, parts=["1", "T"])]
    letter = [Line(1, 640 - 13.5 * row, 9, f"Dear Maren, line {row} of the baker's letter to her") for row in range(3)]
    carried = [Line(1, 68.6, 9, "Skarvik, in a glass case by the door, and it says"), Line(1, 57.6, 9, "of storms.")]
    lines = [*page(0, note, marks=("1",)), *page(1, [*letter, *carried], marks=())]
    kept = without_footnotes(lines, 10)
    assert [line for line in lines if line not in kept] == [*note, *carried]
    # The note ended at its page's foot after all ("(Skarvik Harbour Museum, 1912)", a full line ending in no stop):
    # the letter ending the next page higher up is the story's, its last line too.
    lines = [*page(0, note, marks=("1",)), *page(1, letter, marks=())]
    kept = without_footnotes(lines, 10)
    assert [line for line in lines if line not in kept] == note
