"""A book's matter (copyright lines, contents, notes, "About the Author", "Also by") as pandoc and LibreOffice write
it in every format, read from the files they made of tests/fixtures/formats/book.md (its README says how)."""

import shutil
from pathlib import Path

import pytest

from bot.core.corpus import load_corpus, read_story
from bot.core.readers import reader_for
from bot.core.readers.book_matter import book_matter_left_out, without_matter, without_notice_before_chapters
from bot.core.readers.reader import Block
from tests.core.readers.format_fixtures import FIXTURES
from tests.core.readers.lighthouse import CHAPTERS, check_story

docx = pytest.importorskip("docx", reason="these readers need the formats extra: pip install -e '.[formats]'")

DEDICATION = {"Dedication": ["For the keepers of every northern light."]}
MATTER = ["Skarvik Press", "All rights reserved", "Nordkinn", "grew up in a lighthouse", "Cloudberry Jam", "Contents"]
"""The copyright lines, the note, "About the Author", the list of the author's other books, a contents list."""


def copied(name: str, folder: Path) -> Path:
    """The fixture, named as its title says (a file that gives no title is named after the file)."""
    target = folder / f"the-lighthouse-keeper{Path(name).suffix}"
    shutil.copy(FIXTURES / name, target)
    return target


@pytest.mark.parametrize(
    "name",
    [
        "book-pandoc.docx",
        "book-pandoc.odt",
        "book-pandoc.rtf",
        "book-pandoc.fb2",
        "book-pandoc.html",
        "book-pandoc.epub",
        "book-pandoc-epub2.epub",
        "book-libreoffice.docx",
        "book-libreoffice.rtf",
        "book-libreoffice.html",
        "book-libreoffice.epub",
        "book-calibre.fb2",
        "book-calibre.rtf",
        "book-calibre-docx.fb2",
        "book-calibre-html.rtf",
    ],
)
def test_a_books_matter_as_pandoc_libreoffice_and_calibre_write_it_is_no_story_text(tmp_path, name):
    # Only EPUB's matter was found, and not pandoc's: its copyright page is headed by the book's title, and its
    # EPUB 2 title page counted as the story's first page. A Word, OpenDocument, RTF, FictionBook or HTML book kept
    # its title page's lines, its copyright lines before the first chapter, and "About the Author" and "Also by"
    # after the last, as story text. LibreOffice's EPUB named its title and copyright page "Section 1", a chapter
    # with the copyright lines for text. Calibre's FictionBook and RTF of an EPUB write the note as a paragraph
    # ending in pandoc's link back ("↩︎"), read as the chapter's text, and its mark as a bare digit run into its
    # word ("cape1"); of a Word file or HTML, the mark raised (`<sup>`, `\super`), read into its word all the same.
    copied(name, tmp_path)
    library = check_story(tmp_path, chapters=DEDICATION | CHAPTERS)
    texts = " ".join(p.text for p in library.corpus.passages)
    assert [left_out for left_out in MATTER if left_out in texts] == []


def test_libreoffices_epub_reads_each_chapter_heading_once(tmp_path):
    # LibreOffice's EPUB writes a heading as a paragraph in a style of its own, after the navigation's name for the
    # page: the chapter's name was read again as its first paragraph.
    copied("book-libreoffice.epub", tmp_path)
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert {name: found.get(name) for name in DEDICATION | CHAPTERS} == DEDICATION | CHAPTERS


POEM = [
    "The lamp turns slow above the sleeping sound,",
    "and every boat that sees it comes home round.",
    "© 2023 Ann Example. All rights reserved.",
]


@pytest.mark.parametrize("matter", ["Notes", "About the Author"])
def test_a_short_poem_with_its_copyright_line_before_its_notes_is_read(tmp_path, matter):
    # A poem (a story of a page) ending in its copyright line, then the poet's notes or "About the Author": the
    # notes' heading was taken for the first chapter, and the poem before it, short and saying "All rights
    # reserved", for the copyright notice before it; the poem was lost, the notes read in its place.
    lines = "".join(f"<p>{line}</p>" for line in POEM)
    html = (
        f"<html><head><title>Sound</title></head><body><h1>Sound</h1>{lines}<h2>{matter}</h2><p>Written at Vardø.</p>"
    )
    (tmp_path / "sound.html").write_text(f"{html}</body></html>", encoding="utf-8")
    document = docx.Document()
    document.core_properties.title = "Sound"
    for line in POEM:
        document.add_paragraph(line)
    document.add_heading(matter, level=1)
    document.add_paragraph("Written at Vardø.")
    document.save(tmp_path / "sound.docx")
    for story in ("sound.html", "sound.docx"):
        _, passages = read_story(tmp_path / story)
        assert [p.text for p in passages][:2] == [" ".join(POEM[:2]), POEM[2]], story  # its sentence one passage


def test_story_lines_that_say_chapters_names_are_read(tmp_path):
    # Two or more paragraphs in a row that each said a heading of the book were a contents list wherever they stood:
    # two brothers calling each other in a novel whose chapters are named by who tells them, a countdown in the last
    # of numbered chapters, a refrain that says its poem's title twice, all lost. A contents list names each chapter
    # once, in the book's order, and stands before the chapters it names or after them.
    books = {
        "river": {
            "Darl": ["We walked up the path.", "Jewel", "Cash", "Neither brother answered."],
            "Jewel": ["It was hot on the river."],
            "Cash": ["The boat pulled off the bank."],
        },
        "launch": {"1": ["The launch was set."], "2": ["Orbit."], "3": ["3", "2", "1", "Lift-off."]},
        "gulls": {"The gulls came home at dusk": ["The gulls came home at dusk"] * 2 + ["And so did she."]},
        "river-end": {  # in the last chapter: after its heading, they were a contents list after the book
            "Jewel": ["It was hot on the river."],
            "Cash": ["The boat pulled off the bank."],
            "Darl": ["We walked up the path.", "Jewel", "Cash", "Neither brother answered."],
        },
        "countdown": {"Three": ["The launch was set."], "Two": ["Orbit."], "One": ["Three", "Two", "One"]},
    }
    for name, chapters in books.items():
        body = "".join(
            f"<h2>{head}</h2>" + "".join(f"<p>{text}</p>" for text in texts) for head, texts in chapters.items()
        )
        (tmp_path / f"{name}.html").write_text(f"<title>{name}</title><body>{body}</body>", encoding="utf-8")
        found: dict[str, list[str]] = {}
        for passage in read_story(tmp_path / f"{name}.html")[1]:
            found.setdefault(passage.chapter or "", []).append(passage.text)
        assert found == chapters, name


def test_a_contents_list_after_the_last_chapter_under_its_own_heading_is_left_out(tmp_path):
    # Where a contents list stands after the book, a heading of its own ("Contents") stands before it: lines after
    # the last chapter's heading with none between are that chapter's.
    body = "<h2>Jewel</h2><p>It was hot.</p><h2>Cash</h2><p>The boat.</p><h2>Contents</h2><p>Jewel</p><p>Cash</p>"
    (tmp_path / "river.html").write_text(f"<title>River</title><body>{body}</body>", encoding="utf-8")
    _, passages = read_story(tmp_path / "river.html")
    assert [(p.chapter, p.text) for p in passages] == [("Jewel", "It was hot."), ("Cash", "The boat.")]


def test_a_dedication_and_epigraph_after_the_copyright_lines_of_a_word_book_are_read(tmp_path):
    # A book written in Word has its title page, copyright lines, dedication and epigraph as paragraphs before its
    # first chapter, on pages of their own that the document does not tell: all of it was left out as the copyright
    # notice before the first chapter. A dedication and an epigraph are the book's text; the notice ends at its last
    # line that says so.
    kept = ["For my mother, who kept the light.", "“The sea gives back what it takes.” — an old saying"]
    document = docx.Document()
    document.core_properties.title = "The Keeper"
    document.core_properties.author = "Ann Example"
    for text in ["The Keeper", "Ann Example", "Copyright © 2020 Ann Example.", "All rights reserved.", *kept]:
        document.add_paragraph(text)
    document.add_heading("Chapter One", level=1)
    document.add_paragraph("Maren kept the lighthouse.")
    document.save(tmp_path / "keeper.docx")
    _, passages = read_story(tmp_path / "keeper.docx")
    assert [p.text for p in passages] == [*kept, "Maren kept the lighthouse."]


def test_calibres_notes_of_a_word_file_gathered_at_the_books_end_are_no_story_text(tmp_path):
    # Calibre's FictionBook of a Word file gathers the notes after the book's last chapter under a line saying
    # "Notes", each after its link back to its mark ("[", "←1", "]"), the mark raised in the text. Here the book
    # ends in its last chapter: the notes were read as its text, the mark run into its word ("cape1").
    book = (FIXTURES / "book-calibre-docx.fb2").read_text(encoding="utf-8")
    start, end = book.index("<p><strong>About the Author"), book.index("<p>Notes</p>")
    (tmp_path / "the-lighthouse-keeper.fb2").write_text(book[:start] + book[end:], encoding="utf-8")
    check_story(tmp_path, chapters=DEDICATION | CHAPTERS)


LOGBOOK = [
    ("Chapter One: The Log", True),
    ("Maren wrote in the logbook every night before she trimmed the wick.", False),
    ("The logbook on the lamp room's table", False),  # the picture's caption
    ("The entries were short: the wind, the boats that passed, the oil she burned.", False),
    ("In March she burned more oil than in any month before.", False),
    ("Chapter Two: The Boat", True),
    ("On the first calm morning, Ilse rowed out to the lighthouse with bread.", False),
]
"""logbook.md's story as Calibre's files of pandoc's EPUB of it should read (scripts/make_calibre_fixtures.sh), less
its table's cells."""


@pytest.mark.parametrize(
    "name", ["logbook-calibre.docx", "logbook-calibre.fb2", "logbook-calibre.rtf", "logbook-calibre-docx.rtf"]
)
def test_calibres_conversions_of_a_book_with_notes_read_its_story_alone(name):
    # Calibre's Word file kept the EPUB's landmarks ("Title Page", "Table of Contents", after its contents and an
    # empty line) and the copyright line, standing after Calibre's own "Table of Contents" heading. Its Word file and
    # FictionBook kept a note of three paragraphs but its last, which alone ends in "↩︎"; its RTF ran the picture's
    # caption into the next paragraph, and the table's cells into the one after it. Its RTF of a Word file ran each
    # link back ("[←1]") into the note after it, and kept the raised marks ("wick.1").
    reader = reader_for(FIXTURES / name)
    assert reader is not None
    story = reader.read((FIXTURES / name).read_bytes())
    cells = {"Month", "Oil", "March", "12", "March 12", "Month Oil March 12", "Month | Oil", "March | 12"}
    assert [(block.text, block.heading) for block in story.blocks if block.text not in cells] == LOGBOOK


def test_a_notice_before_a_long_list_under_a_matter_heading_is_left_out():
    # The notice is looked for before the first chapter too (after Calibre's own "Table of Contents" heading), but
    # first before the first heading: with a list of over 2,000 characters under "Illustrations" between the notice
    # and the first chapter, the notice was read.
    plates = [Block(f"Plate {n}: the lamp room of the northern light at dusk, seen from the sea") for n in range(40)]
    chapter = [Block("Chapter One", True), Block("Maren kept the lighthouse.")]
    blocks = [Block("Copyright © 2019 Ann Example. All rights reserved."), Block("Illustrations", True), *plates]
    assert without_notice_before_chapters([*blocks, *chapter]) == [*blocks[1:], *chapter]


@pytest.mark.parametrize("name", ["dedication-pandoc.docx", "dedication-calibre.fb2"])
def test_a_dedication_before_a_copyright_heading_is_read(name):
    # dedication.md (scripts/make_calibre_fixtures.sh): the notice stands under a "Copyright" heading, the dedication
    # before it. The notice looked for before the first chapter (past "Copyright", a matter's name) left out all
    # before its line, the dedication too; only the notice's section is left out now.
    reader = reader_for(FIXTURES / name)
    assert reader is not None
    story = reader.read((FIXTURES / name).read_bytes())
    assert [block.text for block in story.blocks][:2] == [
        "For Ilse, who rowed out with bread on the first calm morning.",
        "Chapter One: The Key",
    ]
    assert not any("rights reserved" in block.text for block in story.blocks)


@pytest.mark.parametrize(
    "heading", ["Thank You for Reading!", "Sneak Peek: The Iron Bridge", "Excerpt from The Iron Bridge"]
)
def test_a_self_published_books_plea_and_its_next_books_first_pages_after_the_last_chapter_are_no_story_text(heading):
    # Vellum and Sigil books end with a plea for a review and the first pages of the author's next book: a question
    # was answered from the other book's people, cited as this book's chapter "Sneak Peek: The Iron Bridge".
    story = "Mara climbed the lighthouse stairs that winter, counting each step aloud so the silence would not win."
    other = "Jonah Reeve lost two fingers building the iron bridge over the Tamar, and never spoke of it again. " * 2
    blocks = [Block("Chapter 1", heading=True), Block(story), Block(heading, heading=True), Block(other)]
    assert [block.text for block in without_matter(blocks)] == ["Chapter 1", story]


@pytest.mark.parametrize("heading", ["Excerpt from the Diary of Ada Merrow", "An Excerpt from the Captain's Log"])
def test_a_storys_own_excerpt_from_papers_its_people_kept_ending_it_is_its_text(heading):
    # An epilogue that is a page of a diary, a log or letters in the story: left out as the next book's first pages.
    story = "Mara climbed the lighthouse stairs that winter, counting each step aloud so the silence would not win."
    ending = "The ferry sank on the ninth of March, and I was the only one who knew why it had gone down. " * 2
    blocks = [Block("Chapter 1", heading=True), Block(story), Block(heading, heading=True), Block(ending)]
    assert without_matter(blocks) == blocks


@pytest.mark.parametrize(
    ("contents", "notice", "thanks", "author"),
    [
        ("Inhalt", "© 2022 Greta Lind. Alle Rechte vorbehalten.", "Danksagung", "Über die Autorin"),
        ("Table des matières", "© 2022 Greta Lind. Tous droits réservés.", "Remerciements", "À propos de l'auteur"),
        ("Índice", "© 2022 Greta Lind. Todos los derechos reservados.", "Agradecimientos", "Sobre la autora"),
    ],
)
def test_a_books_matter_in_its_own_language_is_no_story_text(contents, notice, thanks, author):
    # A German, French or Spanish EPUB that marks no page's kind: every page was a chapter, its notice and the
    # contents' entries passages, where the English names were left out.
    story = "Die Fischerin Hanne Ostermann flickte ihre Netze jeden Morgen am Kai von Husum. " * 3
    blocks = [
        Block(notice),
        Block(contents, heading=True),
        *(Block(f"{n}. Kapitel") for n in (1, 2)),
        Block("Erstes Kapitel", heading=True),
        Block(story),
        Block("Zweites Kapitel", heading=True),
        Block(story),
        Block(thanks, heading=True),
        Block("Ich danke meiner Lektorin für ihre Geduld mit diesem Buch und mit mir. " * 3),
        Block(author, heading=True),
        Block("Greta Lind lebt in Husum und schreibt Romane über die Nordsee und ihre Menschen. " * 3),
    ]
    assert [block.text for block in book_matter_left_out(blocks)] == ["Erstes Kapitel", story, "Zweites Kapitel", story]


def test_a_books_own_excerpt_opening_it_is_its_text():
    # Only after the last chapter is an excerpt the next book's: this one opens with the captain's.
    log = "The wind backed to the north at four bells, and the mate reported ice off the port bow. " * 2
    story = "Mara climbed the lighthouse stairs that winter, counting each step aloud so the silence would not win."
    blocks = [Block("Excerpt from the Captain's Log", heading=True), Block(log), Block("Chapter 1", heading=True)]
    assert without_matter([*blocks, Block(story)]) == [*blocks, Block(story)]


def test_fanficfares_update_log_before_the_first_chapter_is_no_story_text():
    # FanFicFare's EPUBs list a story's updates on a page of their own: "Chapters: 2", "Updated: ..." were the story's
    # first passages, under a chapter "Update Log".
    story = "Mara climbed the lighthouse stairs that winter, counting each step aloud so the silence would not win."
    blocks = [
        Block("Update Log", heading=True),
        Block("Chapters: 2"),
        Block("Updated: 2021-04-01"),
        Block("1. Dusk", heading=True),
        Block(story),
    ]
    assert [block.text for block in without_matter(blocks)] == ["1. Dusk", story]


@pytest.mark.parametrize("suffix", [".docx", ".rtf"])
def test_a_manuscripts_typed_chapters_leave_out_its_notice_before_and_its_matter_after(tmp_path, suffix):
    # With chapter lines typed, not styled as headings, the notice and "About the Author" were read as the story
    # (the author's biography under the last chapter), where the same file with heading styles left them out.
    paragraphs = [
        "Copyright © 2021 Ann Example. All rights reserved.",
        "ISBN 978-1-23456-789-7",
        "Chapter One",
        "Maren kept the old lighthouse on the northern cape for forty years, and every winter night she lit the lamp.",
        "Chapter Two",
        "When the sea was calm, Maren walked to the village of Skarvik to buy bread and lamp oil for the winter.",
        "Acknowledgments",
        "Thanks to Ilse and Fisk, who read every draft of this book.",
        "About the Author",
        "Ann Example grew up in a lighthouse and lives in Tromsø with three cats.",
    ]
    path = tmp_path / f"keeper{suffix}"
    if suffix == ".docx":
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(path))
    else:
        escaped = [text.replace("©", "\\'a9").replace("ø", "\\'f8") for text in paragraphs]
        path.write_text("{\\rtf1\\ansi " + "".join(f"{{\\pard {text}\\par}}" for text in escaped) + "}")
    _, passages = read_story(path)
    assert [(p.chapter, p.text) for p in passages] == [
        ("Chapter One", paragraphs[3]),
        ("Chapter Two", paragraphs[5]),
    ]


def test_a_matter_name_typed_in_a_story_of_no_chapters_is_its_text(tmp_path):
    # No chapter to tell the book's matter from its story by: all of it is read.
    paragraphs = ["Maren lit the lamp every winter night for the boats that came home late.", "Notes", "She slept."]
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(tmp_path / "keeper.docx"))
    assert [p.text for p in read_story(tmp_path / "keeper.docx")[1]] == paragraphs


def test_a_line_naming_matter_in_a_story_of_one_chapter_or_ending_its_last_is_the_storys(tmp_path):
    # A story headed by its title alone lost everything after its line "Acknowledgments" (its title's heading was
    # taken for a chapter); a last chapter lost its end after "Contents" (a sea chest's), with no matter after it.
    one = docx.Document()
    one.add_heading("The Ice Hut", level=1)
    told = ["Liv found the hut on the ice.", "Acknowledgments", "She thanked the ice for holding.", "Then she left."]
    for text in told:
        one.add_paragraph(text)
    one.save(str(tmp_path / "hut.docx"))
    assert [p.text for p in read_story(tmp_path / "hut.docx")[1]] == told
    chest = (
        "The Sea Chest\n\nChapter 1\n\nOld Henrik died in the winter and left his sea chest to Liv.\n\n"
        "Chapter 2\n\nLiv opened the chest in spring.\n\nContents\n\nA brass telescope and three letters.\n"
    )
    (tmp_path / "chest.txt").write_text(chest, encoding="utf-8")
    assert [p.text for p in read_story(tmp_path / "chest.txt")[1]][-2:] == [
        "Contents",
        "A brass telescope and three letters.",
    ]


def test_a_story_that_says_copyright_or_all_rights_reserved_within_a_sentence_keeps_it(tmp_path):
    # Before the first chapter, such a prologue was taken for a copyright page and left out.
    text = (
        "The Gate\n\nThe sign on the gate said PRIVATE ESTATE - ALL RIGHTS RESERVED, and the stamp, Copyright 2003, "
        "was on every letter.\n\nChapter 1\n\nAnna went past it on her tenth birthday.\n\nChapter 2\n\nShe woke.\n"
    )
    (tmp_path / "gate.txt").write_text(text, encoding="utf-8")
    assert read_story(tmp_path / "gate.txt")[1][0].text.startswith("The sign on the gate said PRIVATE ESTATE")


def test_an_indie_books_authors_note_and_discussion_questions_at_its_end_are_no_story_text():
    # Headed so after the last chapter, they were read as its last chapters; a line "Author's Note" opening a chapter
    # (fan fiction's way) is the chapter's own, and what follows it is read.
    prose = " She raked salt from the shallow pans every morning, and sold it in the village for bread and oil."
    book = [
        ("Chapter One", "Ingrid lived in a hut at the edge of the salt marsh." + prose),
        ("Chapter Two", "The letter came on a Tuesday. Ingrid left for Bergen and never came back." + prose),
        ("Author's Note", "The salt works at Hvaler are real; I moved them north. Please leave a review." + prose),
        ("Discussion Questions", "1. Why does Ingrid leave the hut? 2. Is Tomas to blame for the fire?" + prose),
        ("Acknowledgments", "Thanks to Wren and Sigrid." + prose),
    ]
    blocks = [block for name, text in book for block in (Block(name, heading=True), Block(text))]
    assert [block.text for block in book_matter_left_out(blocks) if block.heading] == ["Chapter One", "Chapter Two"]
    typed = [*blocks[:4], Block("Author's Note"), Block("Thanks for the reviews!"), Block("Ingrid came home." + prose)]
    assert book_matter_left_out(typed) == typed


def test_a_book_of_short_chapters_loses_its_matter_too():
    # Flash fiction: no chapter has 100 characters under it, so none was taken for the story's, and "Acknowledgments"
    # with what followed was read as the story's last chapters.
    book = [("Chapter One", "Ingrid lived in a hut."), ("Chapter Two", "The letter came."), ("Acknowledgments", "Wr.")]
    blocks = [block for name, text in book for block in (Block(name, heading=True), Block(text))]
    assert [block.text for block in without_matter(blocks)] == [block.text for block in blocks[:4]]


@pytest.mark.parametrize("ending", ["THE END", "The End.", "~ Fin ~"])
@pytest.mark.parametrize("suffix", [".txt", ".md", ".docx"])
def test_a_closing_the_end_under_the_story_is_no_story_text(tmp_path, suffix, ending):
    # Only a Gutenberg text's and a manuscript's were read without it: every other story that ends so had it for its
    # last passage, and the answer to "How does it end?".
    told = ["Maren lit the lamp every winter night for the boats.", "In spring the boats came home, and she slept."]
    if suffix == ".docx":
        document = docx.Document()
        for text in [*told, ending]:
            document.add_paragraph(text)
        document.save(str(tmp_path / "keeper.docx"))
    else:
        (tmp_path / f"keeper{suffix}").write_text("\n\n".join(["Chapter 1", *told, ending]) + "\n", encoding="utf-8")
    assert [p.text for p in read_story(tmp_path / f"keeper{suffix}")[1]] == told


def test_a_story_that_is_its_end_line_alone_or_ends_saying_the_end_in_a_sentence_keeps_it(tmp_path):
    (tmp_path / "end.txt").write_text("The End\n", encoding="utf-8")
    assert [p.text for p in read_story(tmp_path / "end.txt")[1]] == ["The End"]
    told = 'Maren lit the lamp.\n\n"The end." She smiled.\n'
    (tmp_path / "said.txt").write_text(told, encoding="utf-8")
    assert [p.text for p in read_story(tmp_path / "said.txt")[1]] == ["Maren lit the lamp.", '"The end." She smiled.']


@pytest.mark.parametrize(
    ("title", "chapters", "quoted"),
    [
        ("The Diary", ("The First Winter", "The Second Winter"), "All rights reserved"),
        ("Das Tagebuch", ("Der erste Winter", "Der zweite Winter"), "Alle Rechte vorbehalten"),
    ],
)
def test_a_storys_opening_that_quotes_a_notice_after_a_colon_is_its_text(tmp_path, title, chapters, quoted):
    # The opening scene before the first chapter was taken for a copyright page and left out.
    opening = f"Ada found the diary under the floor. Its first page held one sentence: {quoted}. She laughed."
    first, second = chapters
    book = f"# {title}\n\n{opening}\n\n## {first}\n\nThe wind rose.\n\n## {second}\n\nThe ice came.\n"
    (tmp_path / "diary.md").write_text(book, encoding="utf-8")
    assert read_story(tmp_path / "diary.md")[1][0].text == opening
