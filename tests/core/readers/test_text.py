import pytest

from bot.core.corpus import load_corpus
from bot.core.library import StoryLibrary
from bot.core.readers.reader import LETTER_OR_DIGIT
from bot.core.readers.text import TextReader
from tests.core.readers.format_fixtures import FIXTURES

# The shape and the words of a Project Gutenberg plain-text book (header and footer as Gutenberg
# writes them, shortened), with a contents list, chapter lines, a scene break and lines wrapped at 70
# characters.
GUTENBERG_BOOK = """\ufeffThe Project Gutenberg eBook of The Lighthouse Keeper

This ebook is for the use of anyone anywhere in the United States and
most other parts of the world at no cost and with almost no restrictions
whatsoever. You may copy it, give it away or re-use it under the terms
of the Project Gutenberg License included with this ebook or online
at www.gutenberg.org. If you are not located in the United States,
you will have to check the laws of the country where you are located
before using this eBook.

Title: The Lighthouse Keeper

Author: Ann Example

Release date: March 3, 2024 [eBook #99999]

Language: English

Credits: Produced by volunteers


*** START OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***




The Lighthouse Keeper

by Ann Example


CONTENTS

 CHAPTER I.     The Storm
 CHAPTER II.    The Calm



CHAPTER I.
The Storm


Maren kept the old lighthouse on the northern cape for forty years,
and every winter night she lit the great lamp for the fishing boats
that came home late through the fog.

*      *      *      *      *      *      *

    *      *      *      *      *      *

The keeper's cat, a grey tom called Fisk, slept by the lamp.


CHAPTER II.

The Calm


When the sea was calm, Maren walked to the village of Skarvik to buy
bread and lamp oil. The baker's daughter, Ilse, gave her a jar of
cloudberry jam every autumn.

*** END OF THE PROJECT GUTENBERG EBOOK THE LIGHTHOUSE KEEPER ***




Updated editions will replace the previous one—the old editions will
be renamed.

Creating the works from print editions not protected by U.S. copyright
law means that no one owns a United States copyright in these works,
so the Foundation (and you!) can copy and distribute it in the United
States without permission and without paying copyright
royalties. Special rules, set forth in the General Terms of Use part
of this license, apply to copying and distributing Project
Gutenberg™ electronic works to protect the PROJECT GUTENBERG™
concept and trademark.

START: FULL LICENSE

THE FULL PROJECT GUTENBERG LICENSE

PLEASE READ THIS BEFORE YOU DISTRIBUTE OR USE THIS WORK
"""


def test_a_gutenberg_book_loses_its_license_and_gets_its_title_chapters_and_paragraphs(tmp_path):
    (tmp_path / "pg99999.txt").write_text(GUTENBERG_BOOK.replace("\n", "\r\n"), encoding="utf-8")
    library = StoryLibrary.load(tmp_path)
    corpus = library.corpus
    assert [s.title for s in corpus.stories] == ["The Lighthouse Keeper"]
    assert [(p.chapter, p.text) for p in corpus.passages] == [
        (
            "CHAPTER I. The Storm",
            "Maren kept the old lighthouse on the northern cape for forty years, and every winter night she lit "
            "the great lamp for the fishing boats that came home late through the fog.",
        ),
        ("CHAPTER I. The Storm", "The keeper's cat, a grey tom called Fisk, slept by the lamp."),
        (
            "CHAPTER II. The Calm",
            "When the sea was calm, Maren walked to the village of Skarvik to buy bread and lamp oil. The "
            "baker's daughter, Ilse, gave her a jar of cloudberry jam every autumn.",
        ),
    ]
    answer = library.ask("What did Ilse give Maren?")
    assert answer.best is not None and answer.best.chapter == "CHAPTER II. The Calm"
    assert library.ask("Who can copy and distribute it without paying copyright royalties?").best is None


def test_an_older_novel_s_chapter_the_first_names_its_chapter(tmp_path):
    # "Chapter the First" (Fielding's, Dickens's) was a passage of its own, and its chapter had no name.
    (tmp_path / "the-mill.txt").write_text(
        "THE MILL\n\nChapter the First\n\nThe miller rose at dawn.\n\nChapter the Second\n\nHis wife baked bread."
    )
    corpus = load_corpus(tmp_path)
    assert [(p.chapter, p.text) for p in corpus.passages] == [
        ("Chapter the First", "The miller rose at dawn."),
        ("Chapter the Second", "His wife baked bread."),
    ]


def test_a_short_first_line_before_a_blank_line_is_the_title(tmp_path):
    (tmp_path / "bakers-daughter.txt").write_text("The Baker's Daughter\n\nIlse baked bread.\n\nShe sang.")
    (tmp_path / "sentence.txt").write_text("It rained all day.\n\nIt stopped.")
    (tmp_path / "one-line.txt").write_text("Only a line")
    corpus = load_corpus(tmp_path)
    stories = {s.path: (s.title, [p.text for p in corpus.story_passages(n)]) for n, s in enumerate(corpus.stories)}
    assert stories == {
        "bakers-daughter.txt": ("The Baker's Daughter", ["Ilse baked bread.", "She sang."]),
        "one-line.txt": ("One Line", ["Only a line"]),
        "sentence.txt": ("Sentence", ["It rained all day.", "It stopped."]),
    }


def test_a_first_line_labelled_title_is_the_title_without_its_label(tmp_path):
    """As Gutenberg's header writes it: "Title: The Miller" was the story "Title: The Miller"."""
    (tmp_path / "mill.txt").write_text("Title: The Miller\n\nPavel ground the corn.")
    (tmp_path / "forge.txt").write_text("TITLE:The Forge\n\nOlga shod the horse.")
    (tmp_path / "colon.txt").write_text("Titles: A Story\n\nA name was given.")
    (tmp_path / "label.txt").write_text("Title:\n\nNothing follows the label.")
    corpus = load_corpus(tmp_path)
    assert {story.path: story.title for story in corpus.stories} == {
        "mill.txt": "The Miller",
        "forge.txt": "The Forge",
        "colon.txt": "Titles: A Story",
        "label.txt": "Label",  # a label alone is no title: the file names it
    }


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (
            "*** START OF THE PROJECT GUTENBERG EBOOK THE KEEPER ***",
            "*** END OF THE PROJECT GUTENBERG EBOOK THE KEEPER ***",
        ),
        ("***START OF THIS PROJECT GUTENBERG EBOOK THE KEEPER***", "End of the Project Gutenberg EBook of The Keeper"),
        ("*END*THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.04.29.93*END*", "End of Project Gutenberg's The Keeper"),
        # 14 of the 3,080 books of rcdm-uga/Gutenberg_Text end their header so alone (Darwin's South American Geology):
        # the start was not found, and the whole license header, 23 paragraphs, loaded as the book's beginning.
        ("*END THE SMALL PRINT! FOR PUBLIC DOMAIN ETEXTS*Ver.06/12/01*END*", "End of Project Gutenberg Etext Keeper"),
        ("**END THE SMALL PRINT! FOR PUBLIC DOMAIN EBOOKS**Ver.02/11/02*END*", "End of Project Gutenberg Etext Keeper"),
    ],
    ids=["current", "older", "oldest", "oldest-spaced", "oldest-ebooks"],
)
def test_every_generation_of_gutenberg_markers_is_found(tmp_path, start, end):
    book = "\n\n".join(
        ["Title: The Keeper", LICENSE_LINE, start, "Produced by a volunteer.", "Maren lit the lamp.", end, LICENSE_LINE]
    )
    (tmp_path / "keeper.txt").write_text(book)
    corpus = load_corpus(tmp_path)
    assert [(s.title, p.text) for s in corpus.stories for p in corpus.passages] == [
        ("The Keeper", "Maren lit the lamp.")
    ]


LICENSE_LINE = "You may copy it, give it away or re-use it under the terms of the Project Gutenberg License."


def test_a_letter_or_digit_is_what_str_isalnum_says_for_every_character():
    """Scene breaks are told from text by this pattern: the same characters as str.isalnum."""
    found = {chr(code) for code in range(0x110000) if LETTER_OR_DIGIT.match(chr(code))}
    assert found == {chr(code) for code in range(0x110000) if chr(code).isalnum()}
    assert "_" not in found and "é" in found and "٣" in found


@pytest.mark.parametrize("name", ["mill.md", "mill.txt"])
def test_control_characters_are_not_read_into_a_story(tmp_path, name):
    # Under 1% of a file, they were kept in titles and passages, and `ask`, `stories` and the console printed
    # them on the owner's terminal: ESC and CSI start escape sequences (retitle the terminal, clear it, write
    # to its clipboard). Other formats' readers drop them already.
    # Those that are white space (C1's next line, a vertical tab) part words.
    story = (
        "# The Mill \x1b]0;owned\x07\n\n"
        + "The miller Hans ground the corn of the whole valley for many long years. " * 20
        + "\x1b[2J\x9b31m He \x1b]52;c;aGk=\x07ground\x85rye\x0bat\x1fnight.\n"
    )
    (tmp_path / name).write_text(story, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.problems == ()
    assert corpus.stories[0].title == "The Mill ]0;owned"
    text = " ".join(p.text for p in corpus.passages)
    assert text.endswith("[2J31m He ]52;c;aGk=ground rye at night.")
    assert not any(ord(c) < 32 or 127 <= ord(c) < 160 for c in corpus.stories[0].title + text)


SOFT = "The keeper was prac\u00ad\ntising her sig\u00adnals."
"""A word hyphenated at a line's end with a soft hyphen, the line break kept (text copied from a page), and one
with a soft hyphen inside it."""


@pytest.mark.parametrize("name", ["lamp.txt", "lamp.md"])
def test_a_soft_hyphen_never_splits_a_word_even_before_a_line_break(tmp_path, name):
    # "prac\u00ad\ntising" was the two words "prac" and "tising".
    (tmp_path / name).write_text(f"# The Lamp\n\n{SOFT}", encoding="utf-8")
    assert [p.text for p in load_corpus(tmp_path).passages] == ["The keeper was practising her signals."]


def test_calibres_plain_text_leaves_out_notes_ending_in_their_link_back_where_their_marks_are_found():
    # typist.md (scripts/make_calibre_fixtures.sh): each chapter's paragraphs end in "↩", a key pressed, one note each.
    # Calibre's plain text of pandoc's EPUB writes the notes under "* * *" ending their chapters, their marks run into
    # words ("code.1"), and the link back of a note ending in a block quote alone on a line: the text reader knew no
    # notes, and read them as the story's.
    story = TextReader().read((FIXTURES / "typist-calibre.txt").read_bytes())
    assert story.title == "The Night Typist"
    assert [(block.text.replace("\ufe0e", ""), block.heading) for block in story.blocks] == [
        ("Chapter One", True),
        ("Mira sat at the terminal and typed the code. Then she pressed \u21a9", False),
        ("The screen stayed dark. She tried the code again and pressed \u21a9", False),
        ("Chapter Two", True),
        ("The hall lights came on one by one. Her brother typed his answer and pressed \u21a9", False),
    ]


def test_a_plain_text_storys_arrows_with_no_mark_are_the_storys_and_an_arrow_alone_is_no_text():
    # Where no mark is found, a chapter's last paragraph ending in "↩" is the story's (a typist's), as it was; a line
    # or a heading of the arrow alone, a link back no note took, is no passage or chapter.
    text = "The Keypad\n\nCHAPTER I.\n\nThe gate was locked.\n\nShe typed 4471 and pressed \u21a9\n\n\u21a9\ufe0e\n\n"
    text += "## \u21a9\n\nThe gate opened.\n\n* * *\n\nShe went in and pressed \u21a9"
    story = TextReader().read(text.encode())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("CHAPTER I.", True),
        ("The gate was locked.", False),
        ("She typed 4471 and pressed \u21a9", False),
        ("The gate opened.", False),
        ("She went in and pressed \u21a9", False),
    ]


def test_a_file_of_one_line_per_paragraph_and_no_blank_lines_is_read_a_paragraph_a_line():
    # Word's "Save as Plain Text" of a document that spaces paragraphs by style: no blank line anywhere. It was one
    # paragraph, its title and chapter lines run into the text and its passages cut across paragraphs by length.
    long = (
        "walked to the harbour and counted the boats, which took a long while because the fog was thick and the gulls"
    )
    long += " kept shrieking over the nets"
    raw = f"The Harbour Book\r\nChapter 1\r\nMara {long}.\r\nTomas {long}.\r\nChapter 2\r\nIlse {long}.\r\n"
    story = TextReader().read(raw.encode("cp1252"))
    assert story.title == "The Harbour Book"
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter 1", True),
        (f"Mara {long}.", False),
        (f"Tomas {long}.", False),
        ("Chapter 2", True),
        (f"Ilse {long}.", False),
    ]


def test_a_hard_wrapped_paragraph_is_still_one():
    lines = ["Mara walked to the harbour on the first day of the month and counted", "the boats again."]
    assert [block.text for block in TextReader().read("\n".join(lines).encode()).blocks] == [" ".join(lines)]


@pytest.mark.parametrize("opening", ['"Where are you going?"', "Who had sent the letter?", "Run!", "Help me\u2026"])
def test_a_chapters_opening_line_of_dialogue_a_question_or_a_cry_is_text_not_its_name(opening):
    # "Chapter 2" over "Who had sent the letter?" was the chapter "Chapter 2 Who had sent the letter?", and the
    # sentence was found nowhere; a first line so was the story's title.
    raw = f"Chapter 1\n\n{opening}\n\nMara did not answer.\n\nChapter 2\n\nThe Return\n\nShe came home.\n"
    story = TextReader().read(raw.encode())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter 1", True),
        (opening, False),
        ("Mara did not answer.", False),
        ("Chapter 2 The Return", True),  # a name under a chapter line is still its name
        ("She came home.", False),
    ]
    assert TextReader().read(f"{opening}\n\nMara did not answer.\n".encode()).title is None
    assert TextReader().read(b"Who Moved My Cheese?\n\nMara did not answer.\n").title == "Who Moved My Cheese?"


def test_a_gutenberg_books_printed_contents_pictures_italics_and_the_end_are_no_story_text(tmp_path):
    # Its contents under a "CHAPTER  PAGE" line, its list of illustrations, "[Illustration: ...]", the underscores
    # of its italics and its "THE END" were each read as the story's.
    front = (
        "CONTENTS\n\n     CHAPTER                     PAGE\n        I. THE STORM               1\n"
        "       II. THE CALM               17\n\n\nLIST OF ILLUSTRATIONS\n\n"
        "  MAREN AT THE LAMP          _Frontispiece_\n  FISK ON THE STAIR                22\n"
    )
    book = GUTENBERG_BOOK.replace("CONTENTS\n\n CHAPTER I.     The Storm\n CHAPTER II.    The Calm\n", front)
    book = book.replace("The keeper's cat,", "[Illustration: MAREN AT THE LAMP]\n\nThe _keeper's_ cat,")
    book = book.replace("cloudberry jam every autumn.\n", "cloudberry jam every autumn.\n\nTHE END\n")
    assert front in book and "[Illustration" in book and "THE END" in book
    (tmp_path / "pg99999.txt").write_text(book, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [p.text for p in corpus.passages] == [
        "Maren kept the old lighthouse on the northern cape for forty years, and every winter night she lit "
        "the great lamp for the fishing boats that came home late through the fog.",
        "The keeper's cat, a grey tom called Fisk, slept by the lamp.",
        "When the sea was calm, Maren walked to the village of Skarvik to buy bread and lamp oil. The "
        "baker's daughter, Ilse, gave her a jar of cloudberry jam every autumn.",
    ]


def test_underscores_within_a_name_stay():
    story = TextReader().read(b"The file was called snake_case_name.txt, and _this_ was italic.\n")
    assert [block.text for block in story.blocks] == ["The file was called snake_case_name.txt, and this was italic."]


def test_a_gutenberg_books_title_page_credits_imprint_and_copyright_are_no_story_text(tmp_path):
    # Each was a passage before the first chapter, and the imprint answered "What happened in Bergen?".
    title_page = (
        "by Ann Example\n\nAuthor of “The Salt Road,” “Fog Days,” etc.\n\nIllustrated by Per Sample\n\n"
        "THE MILLENNIUM FULCRUM EDITION 3.0\n\nBERGEN\nNORDIC HOUSE PUBLISHERS\n1913\n\n"
        "Copyright, 1912, by\nNORDIC HOUSE PUBLISHERS\n\nPublished October, 1912\n\nTO MY SISTER\n"
    )
    book = GUTENBERG_BOOK.replace("by Ann Example\n", title_page)
    assert title_page in book
    (tmp_path / "pg99999.txt").write_text(book, encoding="utf-8")
    passages = load_corpus(tmp_path).passages
    assert [p.text for p in passages][:2] == [
        "TO MY SISTER",  # a dedication is the book's text
        "Maren kept the old lighthouse on the northern cape for forty years, and every winter night she lit "
        "the great lamp for the fishing boats that came home late through the fog.",
    ]


def test_a_gutenberg_story_of_no_chapters_keeps_its_short_lines_after_its_first_paragraph():
    # With no chapter, the title page stands before the story's first paragraph of prose: a line after it that ends
    # in a year, or begins as a credit would, is the story's.
    start = "*** START OF THE PROJECT GUTENBERG EBOOK THE FERRY ***\n\n"
    story = (
        "Illustrated by Per Sample\n\nLONDON\n1899\n\n"
        "Tomas brought the ferry in at dawn, as his father had done before him, and his father's father before "
        "that, for as long as the river had run.\n\nPublished notices said the ferry would close in 1899\n\n"
        "It was the winter of 1899.\n"
    )
    read = TextReader().read((start + story).encode())
    assert [block.text for block in read.blocks] == [
        "Tomas brought the ferry in at dawn, as his father had done before him, and his father's father before "
        "that, for as long as the river had run.",
        "Published notices said the ferry would close in 1899",
        "It was the winter of 1899.",
    ]


SELF_PUBLISHED = """The Salt Road

by Ann Example

Copyright 2015 Ann Example

Smashwords Edition, License Notes

This ebook is licensed for your personal enjoyment only. This ebook may not be re-sold or given away to other
people. Thank you for respecting the hard work of this author.

* * * * *

Table of Contents

Chapter 1

Chapter 2

About the Author

* * * * *

Chapter 1

Maren kept the old lighthouse on the northern cape for forty years, and every winter night she lit the lamp.

Chapter 2

The letter came on a Tuesday, sealed with green wax. Her uncle was dead, and the boat in Bergen was hers.

About the Author

Ann Example grew up in a lighthouse and lives in Tromsø with three cats.

Connect with Me Online:
Blog: http://example.org
"""


def test_a_self_published_texts_byline_licence_contents_and_about_the_author_are_no_story_text(tmp_path):
    # Each was read as the story: "Can I give this book to a friend?" was answered from the licence, and "Where
    # does the author live?" from "About the Author" under the last chapter.
    (tmp_path / "salt-road.txt").write_text(SELF_PUBLISHED, encoding="utf-8")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["The Salt Road"]
    assert [(p.chapter, p.text) for p in corpus.passages] == [
        (
            "Chapter 1",
            "Maren kept the old lighthouse on the northern cape for forty years, and every winter night she "
            "lit the lamp.",
        ),
        (
            "Chapter 2",
            "The letter came on a Tuesday, sealed with green wax. Her uncle was dead, and the boat in Bergen was hers.",
        ),
    ]


def test_a_texts_by_line_is_left_out_only_under_its_title_and_a_line_naming_matter_between_chapters_is_read():
    text = "The Salt Road\n\nby the sea they lived.\n\nChapter 1\n\nMaren slept.\n\nNotes\n\nChapter 2\n\nIlse woke.\n"
    story = TextReader().read(text.encode())
    assert [block.text for block in story.blocks if not block.heading] == [
        "by the sea they lived.",
        "Maren slept.",
        "Notes",
        "Ilse woke.",
    ]


def test_a_subtitle_beginning_by_is_no_by_line():
    story = TextReader().read(b"The Mill\n\nBy the River Lune\n\nThe wheel turned all night.\n")
    assert story.blocks[0].text == "By the River Lune"


def test_a_subtitle_over_the_by_line_under_the_title_is_the_title_pages_too():
    # A play's or a tale's title page, "A Comedy in Two Acts" between the title and "By Ernest Hollow": both lines
    # were its first passages. A line under the title with no "by" line under it stays the story's.
    play = b"THE TOLL BRIDGE\n\nA Comedy in Two Acts\n\nBy Ernest Hollow\n\nMAUD. Fourteen carts before breakfast.\n"
    story = TextReader().read(play)
    assert (story.title, [block.text for block in story.blocks]) == (
        "THE TOLL BRIDGE",
        ["MAUD. Fourteen carts before breakfast."],
    )
    mill = TextReader().read(b"The Mill\n\nThe Miller's Tale\n\nThe wheel turned all night.\n")
    assert [block.text for block in mill.blocks] == ["The Miller's Tale", "The wheel turned all night."]


def test_a_word_broken_at_a_lines_end_by_a_hyphen_is_made_whole():
    # Hard-wrapped text broken after a hyphen (textwrap, editors, older Gutenberg texts, OCR) read "to- morrow" and
    # "well- known": two words no question finds. The PDF reader's rule joins them, from the text's own words.
    text = (
        "Wrapped\n\nShe said she would come to-\nmorrow, or the day after, and the well-\nknown doctor agreed. "
        "The prac-\ntising doctor was well-known in the village.\n\nA dash--\nthen the rest."
    )
    assert [block.text for block in TextReader().read(text.encode()).blocks] == [
        "She said she would come tomorrow, or the day after, and the well-known doctor agreed. The practising doctor "
        "was well-known in the village.",
        "A dash--then the rest.",
    ]


def test_google_docs_plain_text_reads_without_its_footnotes_comments_and_their_marks():
    # Google Docs' "Plain text (.txt)": the marks run into words ("morning[a]"), and under a rule of underscores the
    # footnotes and reviewers' comments, read as the last chapter's text ("Does Tomas die?" answered from a comment).
    text = (
        "\ufeffThe Salt Road\r\n\r\nChapter One: The Hut\r\n\r\nIngrid lived by the salt marsh[1].\r\n\r\n"
        "She raked salt every morning[a], and sold it [b] in the market [sic].\r\n\r\n________________\r\n\r\n"
        "[1] The pans were worked by hand until 1890.\r\n\r\n[a]Wren: should this be every evening?\r\n\r\n"
        "[b]Tomas dies in ch 3, remember\r\n"
    )
    assert [block.text for block in TextReader().read(text.encode()).blocks if not block.heading] == [
        "Ingrid lived by the salt marsh.",
        "She raked salt every morning, and sold it  in the market [sic].",
    ]
    ruled = "The Rule\n\nShe drew a line [1].\n\n____________\n\n[1] And wrote under it.\n\nThen she slept."
    assert [block.text for block in TextReader().read(ruled.encode()).blocks] == [
        "She drew a line [1].",
        "[1] And wrote under it.",
        "Then she slept.",
    ]  # a paragraph after the rule that opens with no mark is no note: all are the story's


def _read_blocks(raw: str) -> list[tuple[str, bool]]:
    return [(block.text, block.heading) for block in TextReader().read(raw.encode()).blocks]


@pytest.mark.parametrize("numbers", [["1", "2", "3"], ["ONE", "TWO", "THREE"], ["One", "Two", "Three"]])
def test_a_novels_chapters_numbered_alone_on_their_lines_counting_up_are_its_chapters(numbers):
    # Most modern novels number their chapters "1", "2", "3" or "ONE", "TWO", "THREE" alone on a line: each was read
    # as a passage of its own, and no chapter was named ("What happens in chapter 2?" matched nothing).
    texts = ["Ingrid lived in a hut at the edge of the salt marsh.", "The letter came.", "She left for Bergen."]
    texts = [
        f"{text} " + "The wind came in off the marsh and the salt dried white on the racks. " * 15 for text in texts
    ]
    raw = "The Salt Road\n\n" + "".join(f"{number}\n\n{text}\n\n" for number, text in zip(numbers, texts, strict=True))
    assert _read_blocks(raw) == [
        item for pair in zip(numbers, texts, strict=True) for item in ((pair[0], True), (pair[1].strip(), False))
    ]


@pytest.mark.parametrize(
    "raw",
    [
        # a countdown in dialogue
        '"Ready?" she asked.\n\n3\n\n2\n\n1\n\nThe boat left the quay.\n',
        # a lone "1" in a story, and two numbers that do not count far enough
        "Mara counted the boats.\n\n1\n\nThere was only one.\n\n2\n\nThen a second came.\n",
        # numbers that do not count up from one (a year alone among them)
        "1\n\nThe hut.\n\n2\n\nThe letter.\n\n1890\n\nThe salt works closed.\n\n3\n\nBergen.\n",
        # a list of numbers with nothing between them
        "She wrote down the numbers.\n\n1\n\n2\n\n3\n\nThen she slept.\n",
        # a count in a game of hide and seek, a line of text after each number
        "They played in the dunes.\n\nOne\n\nIlse hid behind the boat.\n\nTwo\n\nOlof ran for the hut.\n\nThree\n\n"
        "Ready or not, Tomas shouted.\n",
        # figures and words mixed: no one way of numbering
        "1\n\nThe hut.\n\nTWO\n\nThe letter.\n\n3\n\nBergen.\n",
        # a superscript figure alone, a note's mark: a digit that counts nothing (it stopped the file being read)
        "The mill turned.\n\n\u00b2\n\nIt ground rye.\n\n\u00b3\n\nAnd barley.\n",
    ],
)
def test_numbers_alone_that_do_not_count_chapters_up_stay_the_storys_text(raw):
    assert not any(heading for _, heading in _read_blocks(raw))


def test_numbers_alone_in_a_book_of_chapter_lines_name_no_chapters():
    # A recipe's steps (or page numbers pasted from a PDF) within a book's own chapters: its chapters name its text.
    raw = (
        "Chapter One\n\nThe soup.\n\n1\n\n"
        + "Boil the heads. " * 80
        + "\n\n2\n\n"
        + "Add the salt. " * 80
        + "\n\n3\n\n"
        + "Serve it hot. " * 80
        + "\n\nChapter Two\n\nThey ate.\n"
    )
    assert [text for text, heading in _read_blocks(raw) if heading] == ["Chapter One", "Chapter Two"]


def test_numbers_atop_form_feed_pages_name_no_chapters():
    # A scan's pages numbered atop ("1", "2", "3") count up as chapters would: text_pages.py keeps them as text.
    raw = "1\n\nIngrid lived in a hut.\n\f2\n\nThe letter came.\n\f3\n\nShe left for Bergen.\n"
    assert not any(heading for _, heading in _read_blocks(raw))


def test_a_chapters_name_in_italics_is_named_without_its_underscores():
    # Gutenberg's plain text writes italics as underscores: the text lost them, a chapter's name kept them, and every
    # answer from it cited "CHAPTER III. THE WRECK OF THE _ALMA_".
    story = TextReader().read(
        b"The Lantern Keeper\n\nCHAPTER III.\n\nTHE WRECK OF THE _ALMA_\n\nThe schooner _Alma_ struck the rocks.\n\n"
        b"CHAPTER IV. THE _HERON_ AGAIN\n\nThe _Heron_ came in at dawn.\n"
    )
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("CHAPTER III. THE WRECK OF THE ALMA", True),
        ("The schooner Alma struck the rocks.", False),
        ("CHAPTER IV. THE HERON AGAIN", True),
        ("The Heron came in at dawn.", False),
    ]


def test_the_title_said_again_before_the_first_chapter_is_no_passage():
    # A printed book's half-title over its first chapter, as a Gutenberg book's is left out; a poem titled by its
    # first line, with no chapter, keeps it.
    book = b"The Salt Road\n\nby Ada Crane\n\nTo my mother\n\nTHE SALT ROAD\n\nCHAPTER I.\n\nAgnes walked the road.\n"
    assert [block.text for block in TextReader().read(book).blocks] == [
        "To my mother",
        "CHAPTER I.",
        "Agnes walked the road.",
    ]
    poem = b"The tide went out\n\nThe tide went out,\n\nand took the boats.\n\nThe tide went out\n\nand left.\n"
    assert [block.text for block in TextReader().read(poem).blocks] == [
        "The tide went out,",
        "and took the boats.",
        "The tide went out",
        "and left.",
    ]
