import pytest

from bot.core.readers import reader_for
from bot.core.readers.plain_notes import without_plain_notes
from bot.core.readers.reader import Block
from tests.core.readers.format_fixtures import FIXTURES


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks]


def test_a_number_run_into_a_word_is_kept_where_no_note_links_back():
    # Calibre's FictionBook of an EPUB runs a note's mark into its word ("cape1"); with no note ending in a link
    # back, nothing says a number so written is a mark: a vitamin, a motorway, a year after a stop are the story's.
    blocks = [Block("Chapter One", True), Block("She took B12 on the M1 in the year.1984 ended."), Block("Tea.2")]
    assert without_plain_notes(blocks) == blocks


def test_each_chapters_marks_are_its_notes_numbers_in_order():
    # pandoc numbers an EPUB's notes again in each chapter: each chapter's marks, from 1, are its notes'; a number
    # run into a word that is no next mark ("B12", "3.14", a "2" before the "1") is the story's.
    blocks = [
        Block("Chapter One", True),
        Block("Vitamin B12 and the cape1 for forty years, 3.14 of it at sea.2"),
        Block("The first note.\u21a9\ufe0e"),
        Block("The second note. \u21a9"),
        Block("Chapter Two", True),
        Block("Route2 then the harbour,1 and the jam."),
        Block("The third note.\u21a9\ufe0e"),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "Vitamin B12 and the cape for forty years, 3.14 of it at sea.",
        "Chapter Two",
        "Route2 then the harbour, and the jam.",
    ]


def test_notes_gathered_at_the_books_end_are_numbered_through_it():
    # A Word document's or a web page's notes stand after the last chapter, numbered through the book; Calibre's
    # Word-file FictionBook writes each after its link back, "[", "←1", "]", under a line saying "Notes".
    blocks = [
        Block("Chapter One", True),
        Block("The cape1 for forty years."),
        Block("Chapter Two", True),
        Block("The harbour2 and the jam.”3"),
        Block("Notes"),
        *(piece for n in (1, 2, 3) for piece in (Block("["), Block(f"\u2190{n}"), Block("]"), Block(f"Note {n}."))),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "The cape for forty years.",
        "Chapter Two",
        "The harbour and the jam.”",
    ]


def test_notes_under_a_notes_heading_are_left_out_and_the_heading_kept():
    # Calibre's EPUB of a Word file heads the notes gathered at its end "Notes" (a heading; the book's matter reader
    # leaves the section out after): the notes' reading looped on it for ever.
    blocks = [
        Block("Chapter One", True),
        Block("The cape1 for forty years."),
        Block("Notes", True),
        Block("["),
        Block("\u21901"),
        Block("]"),
        Block("Note 1."),
    ]
    assert texts(without_plain_notes(blocks)) == ["Chapter One", "The cape for forty years.", "Notes"]


def test_a_paragraph_of_the_story_ending_in_an_arrow_is_a_note_only_at_its_end():
    # The arrow must end the paragraph: one that draws it within its text ("turn ↩ back") is the story's.
    blocks = [Block("Chapter One", True), Block("The sign said ↩ turn back, and she did.")]
    assert without_plain_notes(blocks) == blocks


def test_a_number_in_a_model_name_or_in_quotes_is_no_mark_before_the_real_one():
    # The marks are taken in order, the first "1" run into a word first: the rifle's "M1" (a capital's code, a
    # formula's "CO2") and a number quoted ("2" painted on a door) were read as marks and left out, and the real marks
    # ("cape1", "harbour2") kept.
    blocks = [
        Block("Chapter One", True),
        Block('He shouldered the M1 rifle, passed the door marked "2" and the CO2 tanks, and lit the cape1 lamp.'),
        Block("Then the harbour2 lay dark."),
        Block("The first note.\u21a9\ufe0e"),
        Block("The second note.\u21a9\ufe0e"),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        'He shouldered the M1 rifle, passed the door marked "2" and the CO2 tanks, and lit the cape lamp.',
        "Then the harbour lay dark.",
    ]


def test_a_paragraph_ending_in_the_arrow_within_a_chapter_is_the_storys():
    # A chapter's notes stand at its end. A paragraph of the story that ends in the arrow (a typist's "pressed ↩")
    # with the story going on after it was left out as a note, and the room's "101" before it taken for its mark.
    blocks = [
        Block("Chapter One", True),
        Block("Room101 was cold. She typed her name and pressed \u21a9"),
        Block("The screen went dark, and she waited for the keeper."),
        Block("Chapter Two", True),
        Block("The lamp was lit."),
    ]
    assert without_plain_notes(blocks) == blocks


def test_notes_before_an_empty_paragraph_end_their_chapter():
    # Calibre's Word file of pandoc's EPUB ends a chapter's notes with an empty paragraph: they are its end still.
    blocks = [Block("Chapter One", True), Block("The cape1 for forty years."), Block("A note.\u21a9"), Block("")]
    assert texts(without_plain_notes(blocks)) == ["Chapter One", "The cape for forty years.", ""]


def test_paragraphs_ending_in_the_arrow_that_no_mark_points_to_are_the_storys():
    # A poem whose stanzas each end in the typist's return key, the last ending its chapter: with no mark run into a
    # word before them, they are no notes. Every stanza was left out.
    stanzas = [Block(f"She typed {line} \u21a9") for line in ("the keeper's name", "the sea's", "her own")]
    blocks = [Block("Return", True), *stanzas, Block("Chapter Two", True), Block("The lamp was lit.")]
    assert without_plain_notes(blocks) == blocks


def test_a_note_of_several_paragraphs_is_left_out_whole():
    # Only a note's last paragraph ends in the link back: Calibre's FictionBook of an EPUB kept the others as the
    # chapter's text. The first note's stand after the break over the notes (pandoc's rule, an empty line), after the
    # last mark; a later note's between the notes, which end their chapter.
    blocks = [
        Block("Chapter One", True),
        Block("She wrote in the logbook.1"),
        Block(""),  # a scene break before the last mark: the story's
        Block("In March she burned more oil.2"),
        Block(""),
        Block("The logbook is in the museum."),
        Block("Its first pages are lost.\u21a9\ufe0e"),
        Block("Her brother said so."),
        Block("He kept the oil accounts.\u21a9\ufe0e"),
        Block("Chapter Two", True),
        Block("Ilse rowed out with bread."),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "She wrote in the logbook.",
        "",
        "In March she burned more oil.",
        "",
        "Chapter Two",
        "Ilse rowed out with bread.",
    ]


def test_paragraphs_after_the_last_mark_with_no_break_before_the_notes_are_the_storys():
    # With no break between them and the notes, nothing says they are a note's: kept. So are they where a mark of
    # the chapter's notes was not found (the notes may be no notes).
    story = [Block("Chapter One", True), Block("She wrote in the logbook.1"), Block("She slept.")]
    read = without_plain_notes([*story, Block("The logbook is in the museum.\u21a9")])
    assert texts(read) == ["Chapter One", "She wrote in the logbook.", "She slept."]
    unmarked = [Block("Chapter One", True), Block("She wrote in the logbook."), Block(""), Block("She slept.")]
    notes = [Block("The first.\u21a9"), Block("The second.\u21a9")]
    assert texts(without_plain_notes([*unmarked, Block("One.1"), *notes])) == texts([*unmarked, Block("One.")])


def test_a_mark_run_into_a_word_in_capitals_that_the_text_says_alone_is_a_mark():
    # "NASA1" was read as the story's: a number after a capital is a name's or a formula's ("M1", "CO2"), unless the
    # text says the capitals alone too, a word then, not a name with its number.
    blocks = [
        Block("Chapter One", True),
        Block("The engineers of NASA1 came to the cape. NASA sent a boat with CO2 cylinders on the M1 road.2"),
        Block("The space agency.\u21a9"),
        Block("The coast road.\u21a9"),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "The engineers of NASA came to the cape. NASA sent a boat with CO2 cylinders on the M1 road.",
    ]


def test_a_words_own_number_where_the_next_mark_is_expected_is_read_when_a_surer_mark_follows():
    # "mp3" stood where mark 3 was expected and was taken for it ("the mp player"), the real mark after a stop
    # ("harbour.3") read as text. A number run into a stop, or into a word the text says alone too, is surely a mark.
    blocks = [
        Block("Chapter One", True),
        Block(
            "She kept the cape1 lamp and the sea2 log, and an mp3 player of songs from the harbour.3 The harbour slept."
        ),
        Block("One.\u21a9"),
        Block("Two.\u21a9"),
        Block("Three.\u21a9"),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "She kept the cape lamp and the sea log, and an mp3 player of songs from the harbour. The harbour slept.",
    ]


def test_notes_of_several_paragraphs_gathered_at_the_books_end_are_left_out_whole():
    # Calibre's FictionBook of a Word file: a note's paragraphs after its link back, to the next. Only the first was
    # a note, and where the book's last note had two, the notes did not end the book: all were read, marks and all.
    blocks = [
        Block("Chapter One", True),
        Block("The cape1 for forty years, the harbour2 and the jam.3"),
        Block("Notes"),
        *(piece for n in (1, 2, 3) for piece in (Block("["), Block(f"\u2190{n}"), Block("]"), Block(f"Note {n}."))),
        Block("Its second paragraph."),
    ]
    assert texts(without_plain_notes(blocks)) == ["Chapter One", "The cape for forty years, the harbour and the jam."]


@pytest.mark.parametrize("name", ["mapsheet-calibre.fb2", "mapsheet-calibre.rtf"])
def test_a_name_in_capitals_before_a_notes_mark_keeps_its_number(name):
    # Calibre's FictionBook and RTF of pandoc's EPUB of mapsheet.md (scripts/make_calibre_fixtures.sh): "A1" (a
    # paper's size) was taken for the mark 1, the text saying "a" alone, and "US1" (a road) for the next chapter's,
    # the text saying "us" and "US": both lost their number and the real marks ("lamp.1", "gravel.1") were kept.
    reader = reader_for(FIXTURES / name)
    assert reader is not None
    story = reader.read((FIXTURES / name).read_bytes())
    assert [block.text for block in story.blocks] == [
        "Chapter One: The Map",
        "Ilse spread an A1 sheet of the coast on the table and drew a line along the cliffs.",
        "She marked the lighthouse where her sister kept the lamp.",
        "In the morning the fog lay low over the harbour and no boat went out.",
        "Chapter Two: The Walk",
        "Ilse had read that the US1 ran the length of a coast far away, and that the US paved it before the war.",
        "Her road was gravel. She walked it in a day.",
    ]


def test_capitals_said_alone_give_way_to_a_mark_after_a_stop():
    # "NASA1" is a mark where "NASA" stands alone and no surer mark 1 follows; where "sea.1" follows before any 2,
    # "NASA1" is a name (a mission's) and "sea.1" the mark.
    said = Block("NASA sent a boat.")
    marked = [Block("Chapter One", True), said, Block("NASA1 came by sea.1"), Block("The boat.\u21a9")]
    assert texts(without_plain_notes(marked)) == ["Chapter One", "NASA sent a boat.", "NASA1 came by sea."]
    alone = [Block("Chapter One", True), said, Block("It came from NASA1 by boat."), Block("The boat.\u21a9")]
    assert texts(without_plain_notes(alone)) == ["Chapter One", "NASA sent a boat.", "It came from NASA by boat."]


def test_a_storys_paragraph_ending_in_the_arrow_takes_no_story_after_it_for_a_note():
    # keypad-calibre.fb2 (scripts/make_calibre_fixtures.sh): "She typed ... and pressed ↩" stands in the story, after
    # "2x2" (tiles) and the note's mark 1, before the note. The arrow's paragraph is taken for a note 1 (as before
    # these rules) and "x2" for its mark 2; the note's paragraphs were then looked for between it and the note, and
    # the story's last two paragraphs were left out with it. No break over the notes stands between the last mark and
    # that paragraph: they are read.
    reader = reader_for(FIXTURES / "keypad-calibre.fb2")
    assert reader is not None
    story = reader.read((FIXTURES / "keypad-calibre.fb2").read_bytes())
    assert "The door opened on the first try." in texts(story.blocks)
    assert "Inside, the lamp stood cold under its cover." in texts(story.blocks)


@pytest.mark.parametrize("name", ["doorcode-calibre.fb2", "doorcode-calibre.docx", "doorcode-calibre.rtf"])
def test_a_storys_paragraph_ending_in_the_arrow_after_a_scene_break_is_read(name):
    # doorcode-calibre.* (scripts/make_calibre_fixtures.sh): two paragraphs of the story end in "↩" (a key pressed),
    # each after a scene break, the second just before the break over the chapter's note. Both were left out as
    # notes, and "2x2" (tiles) lost its "2" as the second's mark. The notes are what follows the chapter's last break;
    # in Calibre's RTF, which writes no break, the last of the run of paragraphs ending in the arrow, as many as the
    # marks found ("2x2" is none: a measure's letter between numbers).
    reader = reader_for(FIXTURES / name)
    assert reader is not None
    story = reader.read((FIXTURES / name).read_bytes())
    assert [block.text.replace("\ufe0e", "") for block in story.blocks if block.text.strip()] == [
        "Chapter One: The Door",
        "Ilse found the door of the lamp room locked with a keypad.",
        "The floor in front of it was laid in 2x2 tiles, worn in the middle.",
        "She typed the year the light was built and pressed \u21a9",
        "The door opened on the first try.",
        "She climbed the stairs and pressed \u21a9 again on the upper keypad, then \u21a9",
        "Chapter Two: The Lamp",
        "She lifted the cover and wound the clockwork.",
    ]


def test_notes_are_what_follows_the_chapters_last_break():
    # A paragraph ending in the arrow before the chapter's last break is the story's; the notes after it, of one
    # paragraph or several, are notes still.
    blocks = [
        Block("Chapter One", True),
        Block("The cape1 and the harbour.2"),
        Block(""),
        Block("She pressed \u21a9"),
        Block(""),
        Block("The first note.\u21a9"),
        Block("The second note's first paragraph."),
        Block("Its last.\u21a9"),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "The cape and the harbour.",
        "",
        "She pressed \u21a9",
        "",
    ]


def test_a_storys_paragraph_ending_in_the_arrow_before_more_story_is_read_where_no_break_stands():
    # doorcode-calibre.rtf: Calibre's RTF writes no break (pandoc's rules are lost) and a note of several paragraphs
    # as one; the notes are the run of paragraphs ending in the arrow that ends the chapter. "She typed ... ↩" with the
    # story's "The door opened" after it was left out as a note.
    reader = reader_for(FIXTURES / "doorcode-calibre.rtf")
    assert reader is not None
    read = [
        block.text.replace("\ufe0e", "")
        for block in reader.read((FIXTURES / "doorcode-calibre.rtf").read_bytes()).blocks
    ]
    assert read[read.index("Ilse found the door of the lamp room locked with a keypad.") + 2 :][:2] == [
        "She typed the year the light was built and pressed \u21a9",
        "The door opened on the first try.",
    ]


def test_a_notes_stanza_breaks_are_no_break_over_the_notes():
    # stanzanote-calibre.fb2 (scripts/make_calibre_fixtures.sh): a note holds a stanza of verse, whose lines and
    # stanzas Calibre's FictionBook sets apart by one and two empty lines, under pandoc's rule over the notes, three;
    # a scene break in the story, one. The last break before the note's last line was taken for the one over the
    # notes: "The song is older ..." and three lines of the verse were read as the story's.
    reader = reader_for(FIXTURES / "stanzanote-calibre.fb2")
    assert reader is not None
    story = reader.read((FIXTURES / "stanzanote-calibre.fb2").read_bytes())
    assert [block.text for block in story.blocks] == [
        "Chapter One: The Song",
        "Mara sang the keeper's song as she climbed. Her grandmother had taught it to her.",
        "At the top she wrote the hour in the log and trimmed the wick.",
        "Chapter Two: The Morning",
        "The sea was grey at dawn, and the boats came home.",
    ]


@pytest.mark.parametrize(
    "name",
    ["keycode-pandoc.epub", "keycode-pandoc.html", "keycode-pandoc.docx", "keycode-pandoc.odt", "keycode-calibre.rtf"],
)
def test_a_storys_paragraph_ending_in_the_arrow_at_a_chapters_end_with_no_break_after_it_is_read(name):
    # keycode.md's chapters each end in a paragraph of the story ending in "↩" (a key pressed), with no break after it
    # (scripts/make_calibre_fixtures.sh: pandoc's EPUB and HTML of it, Calibre's RTF of pandoc's EPUB). pandoc's notes
    # are real ones, left out by their markup with their links back; the story's arrows, text and no link, were taken
    # for notes and left out. Calibre's RTF writes the story's arrow as it writes a note's, and no break over the
    # notes: each chapter's one mark found tells that the run's last paragraph alone is a note ("2x2" was taken for a
    # second mark, losing its "2"). pandoc's Word and OpenDocument files write real notes too, and the story's arrow as
    # text: the readers say whether an arrow is a link (Calibre's Word file keeps a note's link back as one).
    path = FIXTURES / name
    reader = reader_for(path)
    assert reader is not None
    assert [block.text.replace("\ufe0e", "") for block in reader.read(path.read_bytes()).blocks] == [
        "Chapter One: The Door",
        "Ilse found the door of the lamp room locked with a keypad.",
        "The floor in front of it was laid in 2x2 tiles, worn in the middle.",
        "She typed the year the light was built and pressed \u21a9",
        "Chapter Two: The Lamp",
        "She lifted the cover and wound the clockwork.",
        "The screen by the lens asked for the code again, and she typed it and pressed \u21a9",
    ]


def test_a_paragraph_whose_arrow_the_document_says_is_no_link_is_no_note():
    # Where the document keeps links (HTML, EPUB), a note's arrow is its link back; one that is text is the story's.
    blocks = [
        Block("Chapter One", True),
        Block("The cape1 and the harbour."),
        Block("She pressed \u21a9", linked_arrow=False),
        Block("The first note.\u21a9", linked_arrow=True),
    ]
    assert texts(without_plain_notes(blocks)) == ["Chapter One", "The cape and the harbour.", "She pressed \u21a9"]


def test_with_no_break_the_notes_are_as_many_of_the_paragraphs_ending_in_the_arrow_as_marks_found():
    # Calibre's RTF writes no break over a chapter's notes: a story's "She pressed ↩" before them is the one the marks
    # do not account for. Letters between numbers are a measure's ("2x2", "4x4"), no word with a mark run into it.
    blocks = [
        Block("Chapter One", True),
        Block("The cape1 and the 2x2 tiles, a 4x4 too."),
        Block("She pressed \u21a9"),
        Block("The first note.\u21a9"),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "The cape and the 2x2 tiles, a 4x4 too.",
        "She pressed \u21a9",
    ]


def test_a_chapter_all_of_paragraphs_ending_in_the_arrow_has_its_last_ones_as_notes_where_their_marks_stand_before():
    # Calibre's RTF of a chapter whose every story paragraph ends in "↩" (a typist's return key) writes its notes as
    # the run's last paragraphs, no break before them: with no mark before the run, it was read as a poem's stanzas,
    # the notes and their marks ("code.1") kept. The notes are the most of the last ones whose marks stand before them.
    blocks = [
        Block("Chapter One", True),
        Block("She typed the code.1 Then she pressed \u21a9\ufe0e"),
        Block("The screen stayed dark.2 She pressed \u21a9\ufe0e"),
        Block("She tried 4471 again and pressed \u21a9\ufe0e"),
        Block("The code was four numbers long.\u21a9\ufe0e"),
        Block("It was changed each winter.\u21a9\ufe0e"),
        Block("Chapter Two", True),
        Block("The hall lit up.1 Her brother pressed \u21a9"),
        Block("It had been dark for years.\u21a9"),
    ]
    assert texts(without_plain_notes(blocks)) == [
        "Chapter One",
        "She typed the code. Then she pressed \u21a9\ufe0e",
        "The screen stayed dark. She pressed \u21a9\ufe0e",
        "She tried 4471 again and pressed \u21a9\ufe0e",
        "Chapter Two",
        "The hall lit up. Her brother pressed \u21a9",
    ]


def test_typist_calibre_rtf_leaves_out_the_notes_of_chapters_whose_every_paragraph_ends_in_the_arrow():
    # typist.md (scripts/make_calibre_fixtures.sh): each chapter's paragraphs end in "↩", a key pressed, one note each
    # (the first's ends in a block quote: pandoc writes its link back after it, Calibre's RTF runs them into one
    # paragraph). Calibre's RTF of pandoc's EPUB: the notes and their marks were read as the story's.
    path = FIXTURES / "typist-calibre.rtf"
    reader = reader_for(path)
    assert reader is not None
    assert [block.text.replace("\ufe0e", "") for block in reader.read(path.read_bytes()).blocks] == [
        "Chapter One",
        "Mira sat at the terminal and typed the code. Then she pressed \u21a9",
        "The screen stayed dark. She tried the code again and pressed \u21a9",
        "Chapter Two",
        "The hall lights came on one by one. Her brother typed his answer and pressed \u21a9",
    ]


@pytest.mark.parametrize(
    "fixture", ["carriage-pandoc.rtf", "carriage-libreoffice.rtf", "carriage-pandoc.fb2", "carriage-pandoc.docx"]
)
def test_a_poems_lines_ending_in_the_arrow_under_a_paragraph_that_does_not_are_the_storys(fixture):
    # carriage.md (scripts/make_poem_fixtures.sh): a poem whose every line ends in "↩" (a typist's return key), each
    # line a paragraph, under a paragraph of the chapter that does not end so. RTF and FictionBook keep no links, so
    # nothing tells the arrows from notes' links back but the marks, and none stands before them: every line was left
    # out as a note whose mark was not found (the Word file keeps links, and its arrows, text, were read).
    reader = reader_for(FIXTURES / fixture)
    assert reader is not None
    story = reader.read((FIXTURES / fixture).read_bytes())
    assert texts(story.blocks) == [
        "The Night Shift",
        "Maren typed the harbour log every night, and when the last ship was in she typed a poem of her own, one key "
        "at a time, pressing the return key at the end of every line.",
        "The carriage runs to the margin \u21a9 "
        "the bell rings once and I return \u21a9 "
        "the lamp is low, the ribbon thin \u21a9 "
        "and every line begins again \u21a9",  # each line a paragraph, the poem one sentence: one passage
        "Morning",
        "At dawn the harbourmaster found the page still in the machine and read it twice before he woke her.",
    ]
