"""A plain text's pages, parted by form feeds as OCR programs and pdftotext write them: their numbers and running
heads are no story text, and a word broken across a page's end is whole."""

from __future__ import annotations

from bot.core.readers.text import TextReader
from bot.core.readers.text_pages import without_page_frames


def passages(text: str) -> list[str]:
    return [block.text for block in TextReader().read(text.encode()).blocks if not block.heading]


# A scanned book's pages as tesseract writes them: lines wrapped at the page's width, the running head on each page
# after the first with the page's number beside it, the number alone at the foot of the first, a page break after each.
SCANNED = (
    "THE SALT ROAD\n\nIngrid lived in a hut at the edge of the salt\nmarsh, where the gulls argued.\n\n\n1\f"
    "2    THE SALT ROAD\n\nEvery morning she walked the long road to the\nvillage with dried fish.\n\n2\f"
    "THE LETTER    3\n\nThe letter was addressed to her grandmother,\nwho had been dead for three\n\n3\f"
    "4    THE SALT ROAD\n\nwinters.\n\nIngrid broke the seal with her thumbnail.\n\n4\f"
)


def test_a_scanned_books_page_numbers_and_running_heads_are_left_out():
    assert passages(SCANNED) == [
        "Ingrid lived in a hut at the edge of the salt marsh, where the gulls argued.",
        "Every morning she walked the long road to the village with dried fish.",
        "The letter was addressed to her grandmother, who had been dead for three",  # a page's end, kept as it is
        "winters.",
        "Ingrid broke the seal with her thumbnail.",
    ]


def test_a_head_without_a_number_is_one_over_three_pages_and_a_line_ending_a_sentence_never_is():
    pages = [
        "The Salt Road\n\nIngrid rowed out at dawn.\n\n1",
        "THE SALT ROAD\n\nShe hauled the nets.\n\n2",
        "The Salt Road\n\nThe gulls followed her home.\n\n3",
        "The salt road\n\nShe mended the sail.\n\n4",
        "No.\n\nShe would not sell the boat.\n\n5",
        "No.\n\nNor the hut.\n\n6",
    ]
    assert passages("\f".join(pages)) == [
        "Ingrid rowed out at dawn.",
        "She hauled the nets.",
        "The gulls followed her home.",
        "She mended the sail.",
        "No.",
        "She would not sell the boat.",
        "No.",
        "Nor the hut.",
    ]  # the first page's line is the story's title


def test_a_number_that_counts_no_pages_is_the_storys():
    # Chapters numbered alone atop their first page: "2" on the third page, and the foot of every page its number.
    pages = ["Ingrid rowed out.\n\n1", "She came home.\n\n2", "2\n\nThe letter came.\n\n3", "She read it.\n\n4"]
    text = without_page_frames("\f".join(pages))
    assert text.split("\n\n") == ["Ingrid rowed out.", "She came home.", "2", "The letter came.", "She read it."]


def test_pages_with_no_frame_to_leave_out_are_joined_as_the_file_has_them():
    text = "First page ends here.\n\n\fSecond page, its paragraph\nwrapped.\fStill the second page's."
    assert without_page_frames(text) == text.replace("\f", "\n")
    assert without_page_frames("No page break at all.\n1") == "No page break at all.\n1"


def test_a_word_broken_across_pages_is_whole_and_poems_chapters_and_speakers_on_pages_are_kept():
    broken = ["She walked to the harbour-\n\n1", "master's house at dawn.\n\n2", "She knocked.\n\n3"]
    assert passages("The Walk\n\n" + "\f".join(broken)) == [
        "She walked to the harbour-master's house at dawn.",
        "She knocked.",
    ]
    poems = ["i carry your heart with me\n\n1", "anyone lived in a pretty how town\n\n2", "since feeling is first\n\n3"]
    assert len(passages("Poems\n\n" + "\f".join(poems))) == 3
    chapters = ["1\n\nIngrid rowed out.\n\n1", "2\n\nShe came home.\n\n2", "3\n\nThe letter came.\n\n3"]
    assert without_page_frames("\f".join(chapters)).split("\n\n") == [
        "1",
        "Ingrid rowed out.",
        "2",
        "She came home.",
        "3",
        "The letter came.",
    ]
    script = [f"MARY\nI told you already, page {n}.\n\nJOHN\nThen we wait.\n\n{n}" for n in range(1, 5)]
    assert without_page_frames("\f".join(script)).count("MARY") == 4
