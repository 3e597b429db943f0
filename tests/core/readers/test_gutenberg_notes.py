from bot.core.readers.gutenberg_notes import MAX_NOTE_PARAGRAPHS, without_gutenberg_notes
from bot.core.readers.text import TextReader


def texts(raw: str) -> list[str]:
    return [block.text for block in TextReader().read(raw.encode()).blocks]


def test_footnotes_typed_after_their_paragraph_and_their_marks_are_no_story_text():
    # Distributed Proofreaders' form: the note was a passage of its chapter, and "arm.[2]" a word of the text.
    assert texts(
        "The Lantern Keeper\n\nCHAPTER I.\n\nJabez tied a rag of red flannel to the rail.[1] Then he went in.\n\n"
        "[Footnote 1: The flannel is still shown\nat the museum in Penzance.]\n\n"
        "He climbed the stairs with the oil can under his arm.[A]\n\n"
        "[Footnote A: The first paragraph of a long note.\n\nIts second, closing it.]\n\nThe storm came on.\n"
    ) == [
        "CHAPTER I.",
        "Jabez tied a rag of red flannel to the rail. Then he went in.",
        "He climbed the stairs with the oil can under his arm.",
        "The storm came on.",
    ]


def test_footnotes_listed_at_a_chapters_end_and_sidenotes_are_no_story_text():
    assert texts(
        "The Mill\n\nCHAPTER I.\n\n[Sidenote: The miller's daughter.]\n\nAgnes could lift a sack of barley.[1]\n\n"
        "FOOTNOTES:\n\n[1] A sack of barley weighed some sixteen stone.\n\nCHAPTER II.\n\nThe flood came.[2]\n\n"
        "FOOTNOTES:\n\n[2] The grindstone is now a doorstep.\n"
    ) == ["CHAPTER I.", "Agnes could lift a sack of barley.", "CHAPTER II.", "The flood came."]


def test_brackets_that_mark_no_note_are_the_story_s():
    # No footnote 3 and no "FOOTNOTES:" list: "[3]" and "[sic]" are the text's, as is a line the story calls Footnotes.
    paragraphs = ["Room [3] was locked, he wrote [sic].", "FOOTNOTES:", "The word was scrawled on the wall."]
    assert without_gutenberg_notes(paragraphs) == paragraphs


def test_a_footnote_that_never_closes_is_text():
    opened = ["[Footnote 1: The keeper's log, copied out"] + ["and it went on."] * MAX_NOTE_PARAGRAPHS + ["End.]"]
    assert without_gutenberg_notes(opened) == opened


def test_the_story_after_a_footnotes_closing_bracket_or_an_unclosed_footnote_is_kept():
    # The note's paragraph went on after its "]", and the note was taken to run to the next paragraph ending in "]":
    # three paragraphs of story were left out with it.
    paragraphs = [
        "Ada lit the lamp.[1]",
        "[Footnote 1: The lamp was a Fresnel lens.] It had come from Paris in a crate of straw.",
        "She climbed the stair each night at six.",
        "[Footnote 2: A typo left this note open.",
        "Her brother's boat came in at dawn, his hands raw from the ropes.[3]",
        "[Footnote 3: Tarred hemp.]",
    ]
    assert without_gutenberg_notes(paragraphs) == [
        "Ada lit the lamp.",
        "It had come from Paris in a crate of straw.",
        "She climbed the stair each night at six.",
        "[Footnote 2: A typo left this note open.",
        "Her brother's boat came in at dawn, his hands raw from the ropes.",
    ]


def test_a_label_in_brackets_after_a_space_is_the_storys_where_a_note_of_that_label_stands():
    # "Exhibit [A]" lost its label to "[Footnote A: ...]" elsewhere in the book: a mark is run into its word.
    assert texts(
        "The Hearing\n\nCHAPTER I.\n\nThe clerk read out Exhibit [A], the logbook.[A]\n\n"
        "[Footnote A: The log is kept at Falmouth.]\n\nNobody spoke.\n"
    ) == ["CHAPTER I.", "The clerk read out Exhibit [A], the logbook.", "Nobody spoke."]
