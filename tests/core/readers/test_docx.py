import re
import shutil
import zipfile

import pytest

from bot.core.corpus import load_corpus
from tests.core.readers.format_fixtures import FIXTURES, MILL_CHAPTERS, MILL_TITLE, title_and_chapters
from tests.core.readers.lighthouse import AUTHOR, CHAPTERS, TITLE, check_story
from tests.said import said

docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra: pip install -e '.[formats]'")


def write_docx(path, title_in_properties: bool) -> None:
    """A Word document as people write them: a Title paragraph, Heading 1 chapters, a table, empty lines."""
    document = docx.Document()
    if title_in_properties:
        document.core_properties.title = TITLE
        document.core_properties.author = AUTHOR
        document.add_heading(TITLE, level=1)  # the title said again as a heading: not a chapter
    else:
        document.add_heading(TITLE, level=0)  # the Title style
    document.add_paragraph(f"by {AUTHOR}")
    for name, texts in CHAPTERS.items():
        document.add_heading(name, level=1)
        for text in texts[:-1]:
            document.add_paragraph(text)
            document.add_paragraph("")
        table = document.add_table(rows=1, cols=1)
        table.cell(0, 0).text = texts[-1]
    document.save(path)


@pytest.mark.parametrize("title_in_properties", [True, False], ids=["core-properties", "title-style"])
def test_word_title_chapters_from_headings_and_tables(tmp_path, title_in_properties):
    write_docx(tmp_path / "keeper.docx", title_in_properties)
    # the "by" line is dropped when the document's properties name that author, else it is text
    chapters = CHAPTERS if title_in_properties else {"": [f"by {AUTHOR}"], **CHAPTERS}
    check_story(tmp_path, chapters)


def test_a_word_bomb_or_a_file_that_is_no_document_is_named_and_skipped(tmp_path):
    write_docx(tmp_path / "good.docx", True)
    (tmp_path / "fake.docx").write_bytes(b"Plain words, not a zip.")
    with zipfile.ZipFile(tmp_path / "bomb.docx", "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("[Content_Types].xml", "<Types/>")
        bomb.writestr("word/media/image1.png", bytes(65 * 2**20))
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["good.docx"]
    problems = {p.split(":")[0]: p for p in said(corpus.problems)}
    assert "is not a readable Word (.docx) file" in problems["Skipped fake.docx"]
    assert "unpacks to over 64 MB" in problems["Skipped bomb.docx"]


def test_every_row_of_a_long_table_is_read_once_and_merged_cells_once(tmp_path):
    # python-docx makes a row's cell objects anew for each row: telling a merged cell by id() took later cells
    # for ones already read when Python reused an id, so a log of 300 nights kept 5 rows and lost the rest in
    # silence; a column merged down 400 rows took seconds to find (and over 1,000 failed the document).
    document = docx.Document()
    document.add_paragraph("The keeper's log, night by night.")
    table = document.add_table(rows=400, cols=3)
    for night, row in enumerate(table.rows):  # table.cell() walks the table each time: 20 s for these 800
        _, name, log = row.cells
        name.text = f"Night {night}"
        log.text = f"The lamp burned {night} hours."
    table.cell(0, 0).merge(table.cell(399, 0)).text = "Winter"  # one cell down the whole table
    table.cell(0, 1).merge(table.cell(0, 2))  # one cell across the first row: its two texts, once
    inner = table.cell(5, 2).add_table(rows=1, cols=1)  # a table in a cell, read where it stands
    inner.cell(0, 0).text = "Fog that night."
    document.save(tmp_path / "log.docx")
    (story,) = load_corpus(tmp_path).stories
    texts = [p.text for p in load_corpus(tmp_path).passages]
    expected = ["The keeper's log, night by night.", "Winter", "Night 0", "The lamp burned 0 hours."]
    for night in range(1, 400):  # a row is one passage; the row with a table in a cell is read cell by cell
        if night == 5:
            expected += [f"Night {night}", f"The lamp burned {night} hours.", "Fog that night."]
        else:
            expected.append(f"Night {night} | The lamp burned {night} hours.")
    assert texts == expected and story.passage_count == len(expected)


def wrapped(element, tag: str, **attributes: str):
    """`element` moved into a new `tag` element (w:ins, w:sdt's w:sdtContent, ...) where it stood."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    wrapper = OxmlElement(tag, attrs={qn(name): value for name, value in attributes.items()})
    element.addprevious(wrapper)
    wrapper.append(element)
    return wrapper


def test_tracked_insertions_content_controls_and_smart_tags_are_read_deletions_are_not(tmp_path):
    # python-docx's paragraph text is its direct runs' alone: "The keeper never lit the lamp.", with "never"
    # put in by an editor with Track Changes on, loaded as "The keeper lit the lamp."; a paragraph in a
    # content control (a template's story box) and a smart tag's word were lost too, all without a word.
    document = docx.Document()
    edited = document.add_paragraph("The keeper ")
    inserted = edited.add_run("never")
    edited.add_run(" lit the lamp")
    deleted = edited.add_run(" again")
    edited.add_run(".")
    wrapped(inserted._r, "w:ins", **{"w:id": "1", "w:author": "Editor", "w:date": "2024-01-01T00:00:00Z"})
    deleted._r.t_lst[0].tag = deleted._r.t_lst[0].tag.replace("}t", "}delText")  # as Word writes a deletion
    wrapped(deleted._r, "w:del", **{"w:id": "2", "w:author": "Editor", "w:date": "2024-01-01T00:00:00Z"})
    boxed = document.add_paragraph("Maren climbed ninety steps.")
    wrapped(wrapped(boxed._p, "w:sdtContent"), "w:sdt")
    tagged = document.add_paragraph("The storm came from ")
    wrapped(tagged.add_run("Norway")._r, "w:smartTag", **{"w:element": "place"})
    tagged.add_run(".")
    document.save(tmp_path / "edited.docx")
    texts = [p.text for p in load_corpus(tmp_path).passages]
    assert texts == ["The keeper never lit the lamp.", "Maren climbed ninety steps.", "The storm came from Norway."]


def test_a_paragraph_whose_mark_is_a_tracked_deletion_runs_on_into_the_next_as_word_shows_it(tmp_path):
    # An editor with Track Changes on joins two paragraphs by deleting the first's mark (and puts in the space Word
    # then lacks): Word shows "The wind rose and the door banged.", one paragraph, which was read as two passages.
    # Runs are joined as they stand, the space theirs: deleting a mark alone puts in none ("She rowedhome."). A
    # paragraph moved away takes its mark along; one deleted whole, mark and all, leaves the next as it was; the
    # paragraph whose mark stands gives the whole its style; one before a table stands alone, as in Word.
    from docx.oxml import parse_xml

    change = 'w:id="{}" w:author="Editor" w:date="2024-01-01T00:00:00Z"'
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def paragraph(inner: str, mark: str = "", style: str = "") -> None:
        properties = (f"<w:pStyle w:val='{style}'/>" if style else "") + (
            f"<w:rPr><w:{mark} {change.format(9)}/></w:rPr>" if mark else ""
        )
        section.addprevious(parse_xml(f"<w:p {namespace}><w:pPr>{properties}</w:pPr>{inner}</w:p>"))

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    document = docx.Document()
    section = document.element.body[-1]  # its section's properties, last
    paragraph(run("The wind rose") + f"<w:ins {change.format(1)}>{run(' ')}</w:ins>", mark="del")
    paragraph(run("and the door banged."))
    paragraph(run("Maren lit the lamp "), mark="del")
    paragraph(run("at dusk "), mark="moveFrom")
    paragraph(run("and sat."))
    paragraph(run("She rowed"), mark="del")
    paragraph(run("home."))
    paragraph(f"<w:del {change.format(2)}><w:r><w:delText>The butler did it.</w:delText></w:r></w:del>", mark="del")
    paragraph(run("Nobody knew who had done it."))
    paragraph(run("The Calm: "), mark="del")
    paragraph(run("Chapter Two"), style="Heading1")
    paragraph(run("The sea was flat."))
    paragraph(run("A table follows."), mark="del")
    document.add_table(rows=1, cols=1).cell(0, 0).text = "Ninety steps."
    document.add_paragraph("The lamp went out.")
    document.save(tmp_path / "edited.docx")
    assert [(p.chapter, p.text) for p in load_corpus(tmp_path).passages] == [
        (None, "The wind rose and the door banged."),
        (None, "Maren lit the lamp at dusk and sat."),
        (None, "She rowedhome."),
        (None, "Nobody knew who had done it."),
        ("The Calm: Chapter Two", "The sea was flat."),
        ("The Calm: Chapter Two", "A table follows."),
        ("The Calm: Chapter Two", "Ninety steps."),
        ("The Calm: Chapter Two", "The lamp went out."),
    ]


def test_table_rows_and_cells_in_content_controls_are_read_where_they_stand(tmp_path):
    # Word's repeating sections (a form's "add another row") hold each row in a content control, and a cell can
    # be one too: only the rows and cells standing directly in the table were read, the rest lost in silence.
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for row, (night, weather) in enumerate([("Monday", "Calm."), ("Tuesday", "Gale."), ("Wednesday", "Fog.")]):
        table.cell(row, 0).text, table.cell(row, 1).text = night, weather
    rows = [row._tr for row in table.rows]
    wrapped(wrapped(rows[1], "w:sdtContent"), "w:sdt")
    wrapped(wrapped(rows[2].tc_lst[1], "w:sdtContent"), "w:sdt")
    document.save(tmp_path / "log.docx")
    texts = [p.text for p in load_corpus(tmp_path).passages]
    assert texts == ["Monday | Calm.", "Tuesday | Gale.", "Wednesday | Fog."]


def test_a_table_row_of_a_paragraph_a_cell_is_one_passage_as_a_web_pages_is(tmp_path):
    # Each cell was a passage: "Wren" apart from "Berit", so "Who captains the Wren?" found no passage holding both.
    # A speaker's cell ending in a colon runs into the speech; a row whose cells hold paragraphs, and a table of one
    # column (a boxed paragraph, as the lighthouse story's last), are read as they were.
    document = docx.Document()
    document.add_paragraph("The crew of the Wren:")
    table = document.add_table(rows=4, cols=2)
    for row, cells in enumerate([("Ship", "Captain"), ("Wren", "Berit"), ("Gull", ""), ("Olof:", "Will you sell it?")]):
        table.cell(row, 0).text, table.cell(row, 1).text = cells
    letters = document.add_table(rows=1, cols=2)
    letters.cell(0, 0).text = "Dear Berit,"
    letters.cell(0, 0).add_paragraph("The hut is sold.")
    letters.cell(0, 1).text = "Dear Olof,"
    document.add_table(rows=1, cols=1).cell(0, 0).text = "They sailed at dawn."
    document.save(tmp_path / "crew.docx")
    assert [p.text for p in load_corpus(tmp_path).passages] == [
        "The crew of the Wren:",
        "Ship | Captain",
        "Wren | Berit",
        "Gull",
        "Olof: Will you sell it?",
        "Dear Berit,\nThe hut is sold.",  # a letter's greeting, read into what follows (bot.core.letter_lines)
        "Dear Olof,\nThey sailed at dawn.",
    ]


def test_a_chapter_line_typed_in_a_table_set_out_for_layout_still_names_its_chapter(tmp_path):
    # A journal kept in a table, each row a typed "Chapter One" beside the chapter's text: the row stays cells, the
    # line a chapter, as before rows were read whole (they were "Chapter One | Ingrid lived...", and no chapter).
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row, cells in enumerate([("Chapter One", "Ingrid lived in a hut."), ("Chapter Two", "The letter came.")]):
        table.cell(row, 0).text, table.cell(row, 1).text = cells
    document.save(tmp_path / "journal.docx")
    assert [(p.chapter, p.text) for p in load_corpus(tmp_path).passages] == [
        ("Chapter One", "Ingrid lived in a hut."),
        ("Chapter Two", "The letter came."),
    ]


def test_a_heading_in_a_table_cell_still_names_its_chapter(tmp_path):
    # A chapter's heading set beside its number in a table (a layout, not a list): the row stays cells, the heading
    # a chapter, as before.
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "1"
    table.cell(0, 1).paragraphs[0].text = "The Hut"
    table.cell(0, 1).paragraphs[0].style = document.styles["Heading 1"]
    document.add_paragraph("Ingrid lived in a hut.")
    document.save(tmp_path / "hut.docx")
    assert [(p.chapter, p.text) for p in load_corpus(tmp_path).passages] == [
        (None, "1"),
        ("The Hut", "Ingrid lived in a hut."),
    ]


def test_a_symbol_fonts_character_is_read_as_what_it_shows(tmp_path):
    # Insert > Symbol writes `<w:sym w:font="Symbol" w:char="F0BE"/>` (the Symbol font's code in the private-use
    # area): it was dropped, "He waitedand waited." A dingbat font's (Wingdings) is a space, keeping words apart, a
    # code of Unicode's own its character; the same characters typed as text are read as they were.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for before, font, char, after in [
        ("He waited", "Symbol", "F0BE", "and waited."),
        ("The sum ", "Symbol", "F0E5", " of \u03b1 and \u03b2 is small."),
        ("She drew a smile", "Wingdings", "F04A", "for him."),
        ("Nine", "Cambria Math", "2192", "ten."),
    ]:
        paragraph = document.add_paragraph(before)
        symbol = OxmlElement("w:sym")
        symbol.set(qn("w:font"), font)
        symbol.set(qn("w:char"), char)
        paragraph.add_run()._r.append(symbol)
        paragraph.add_run(after)
    document.add_paragraph("He waited\u2014and waited.")
    document.save(tmp_path / "symbols.docx")
    assert [p.text for p in load_corpus(tmp_path).passages] == [
        "He waited\u2014and waited.",
        "The sum \u2211 of \u03b1 and \u03b2 is small.",
        "She drew a smile for him.",
        "Nine\u2192ten.",
        "He waited\u2014and waited.",
    ]


def test_a_soft_hyphen_never_splits_a_word_even_before_a_line_break(tmp_path):
    # Word's optional hyphen (w:softHyphen), and a soft hyphen typed before a line break (hyphenated text pasted in).
    from docx.oxml import OxmlElement

    document = docx.Document()
    paragraph = document.add_paragraph("The keeper was prac")
    paragraph.add_run()._r.append(OxmlElement("w:softHyphen"))
    paragraph.add_run("tising her sig\u00ad")
    paragraph.add_run().add_break()
    paragraph.add_run("nals.")
    document.save(tmp_path / "lamp.docx")
    assert [p.text for p in load_corpus(tmp_path).passages] == ["The keeper was practising her signals."]


def test_a_contents_list_and_an_index_are_no_story_text(tmp_path):
    # Word's contents list is paragraphs in the "toc 1" style, each a chapter's name and page: a question naming a
    # chapter was answered with the list, which names every chapter.
    from docx.enum.style import WD_STYLE_TYPE

    write_docx(tmp_path / "keeper.docx", title_in_properties=True)
    document = docx.Document(tmp_path / "keeper.docx")
    for style in ("TOC Heading", "toc 1", "index 1"):
        if style not in [s.name for s in document.styles]:
            document.styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH)
    first = document.paragraphs[2]  # the first chapter's heading, after the title and the "by" line
    first.insert_paragraph_before("Contents", style="TOC Heading")
    for number, name in enumerate(CHAPTERS, 1):
        first.insert_paragraph_before(f"{name}\t{number}", style="toc 1")
    document.add_paragraph("Ilse, 2; Maren, 1; Skarvik, 2", style="index 1")
    document.save(tmp_path / "keeper.docx")
    check_story(tmp_path)


def test_a_writers_own_style_named_like_an_index_or_contents_holds_story_text(tmp_path):
    # Only Word's and LibreOffice's own contents and index styles are left out: a style the writer made, "Index Card"
    # for a story told in notes on cards, was read as an index and its text lost.
    from docx.enum.style import WD_STYLE_TYPE

    write_docx(tmp_path / "keeper.docx", title_in_properties=True)
    document = docx.Document(tmp_path / "keeper.docx")
    for style in ("Index Card", "Contents of the Letter"):
        document.styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH)
    paragraphs = [p for p in document.paragraphs if p.text in [t for texts in CHAPTERS.values() for t in texts]]
    paragraphs[0].style = "Index Card"
    paragraphs[-1].style = "Contents of the Letter"
    document.save(tmp_path / "keeper.docx")
    check_story(tmp_path)


def test_a_libreoffice_documents_title_and_author_are_its_properties(tmp_path):
    # LibreOffice names its properties part by another relationship type than Word's: python-docx found none, made
    # up its own, and the story was called "Word Document", its title heading a chapter and its "by" line text.
    shutil.copy(FIXTURES / "lighthouse-libreoffice.docx", tmp_path / "keeper.docx")
    check_story(tmp_path)


def test_a_document_without_properties_takes_its_title_style_paragraph(tmp_path):
    write_docx(tmp_path / "written.docx", title_in_properties=False)
    with zipfile.ZipFile(tmp_path / "written.docx") as written, zipfile.ZipFile(tmp_path / "keeper.docx", "w") as bare:
        for item in written.infolist():
            data = written.read(item)
            if item.filename == "_rels/.rels":
                data = re.sub(rb"<Relationship [^>]*core-properties[^>]*/>", b"", data)
            if item.filename != "docProps/core.xml":
                bare.writestr(item, data)
    (tmp_path / "written.docx").unlink()
    check_story(tmp_path, {"": [f"by {AUTHOR}"], **CHAPTERS})


def test_a_notes_mark_written_as_a_link_within_the_document_is_no_story_text(tmp_path):
    # Calibre's Word file of a book writes each note's mark as a hyperlink to a bookmark, its text the number: it
    # was read into its word ("cape1"), a word no question has. A year so linked is the story's word, and kept.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def linked(paragraph, text: str) -> None:
        link = OxmlElement("w:hyperlink", attrs={qn("w:anchor"): "note_1"})
        run = paragraph.add_run(text)._r
        run.addprevious(link)
        link.append(run)

    document = docx.Document()
    document.core_properties.title = TITLE
    for name, texts in CHAPTERS.items():
        document.add_heading(name, level=1)
        for text in texts:
            before, cape, after = text.partition("northern cape")
            paragraph = document.add_paragraph(before + cape)
            if cape:
                linked(paragraph, "1")
            paragraph.add_run(after)
    paragraph = document.add_paragraph("The lamp was lit again in ")
    linked(paragraph, "1984")
    paragraph.add_run(".")
    document.save(tmp_path / "keeper.docx")
    chapters = {
        **CHAPTERS,
        "Chapter Two: The Calm": [*CHAPTERS["Chapter Two: The Calm"], "The lamp was lit again in 1984."],
    }
    library = check_story(tmp_path, chapters)
    assert "cape1" not in " ".join(p.text for p in library.corpus.passages)


POEMS = {
    "I watched the lamp go round": ["I watched the lamp go round", "and counted every beam,", "and slept."],
    "The gulls came home at dusk": ["The gulls came home at dusk", "and so did she."],
}
"""Poems titled by their first lines, as anthologies title untitled poems."""


def test_a_poem_titled_by_its_first_line_keeps_that_line(tmp_path):
    # A paragraph that said its heading again was left out in every format (LibreOffice's EPUB writes a page's heading
    # so, after the navigation's name for the page): a poem headed by its first line lost that line.
    document = docx.Document()
    document.core_properties.title = "Night Poems"
    for name, lines in POEMS.items():
        document.add_heading(name, level=1)
        for line in lines:
            document.add_paragraph(line)
    document.save(tmp_path / "poems.docx")
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == {name: [" ".join(lines)] for name, lines in POEMS.items()}  # each one sentence, one passage


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("mill-pandoc.docx", []),
        ("mill-chapters-pandoc.docx", MILL_CHAPTERS),
    ],
)
def test_a_word_file_with_no_title_but_its_lone_first_heading_is_titled_by_it(fixture, chapters):
    """A story opening with "# The Mill" (pandoc's): no title in its metadata, the heading alone at its
    level. It was named after its file, "The Mill" its first chapter."""
    assert title_and_chapters(fixture) == (MILL_TITLE, chapters)


@pytest.mark.parametrize("fixture", ["ferry-pandoc.docx"])
def test_a_word_file_books_first_chapter_heading_is_no_title(fixture):
    """ "Chapter 1" with "Chapter 2" at its level after it names a chapter; the book is named after its file."""
    assert title_and_chapters(fixture) == (None, ["Chapter 1", "Chapter 2"])


def test_hidden_text_is_no_story_text_whether_formatted_so_or_by_its_style(tmp_path):
    # Word never shows or prints text formatted hidden (w:vanish): an author's note to self, hidden in the draft, was
    # read as the story's and quoted in answers. Hidden by its run, by its character style's base, or by its paragraph's
    # style; a run that says it is shown is, and w:specVanish hides only a paragraph's mark (a style separator).
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement

    document = docx.Document()
    draft = document.styles.add_style("Draft Note", WD_STYLE_TYPE.CHARACTER)
    draft.font.hidden = True
    secret = document.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
    secret.base_style = draft
    notes = document.styles.add_style("Notes to Self", WD_STYLE_TYPE.PARAGRAPH)
    notes.font.hidden = True
    paragraph = document.add_paragraph("The old man left the house to his daughter.")
    paragraph.add_run(" (Hidden: the son gets the house.)").font.hidden = True
    paragraph.add_run(" (The draft gave it to the son.)", style="Secret")
    noted = document.add_paragraph("The son never knew. ", style="Notes to Self")
    noted.add_run("The lawyer read the will aloud.").font.hidden = False
    separated = document.add_paragraph("Sunday")
    separated.runs[0]._r.get_or_add_rPr().append(OxmlElement("w:specVanish"))
    document.save(tmp_path / "will.docx")
    texts = [p.text for p in load_corpus(tmp_path).passages]
    assert texts == ["The old man left the house to his daughter.", "The lawyer read the will aloud.", "Sunday"]


def test_ruby_is_read_as_the_words_it_glosses_without_their_reading(tmp_path):
    # Word's Phonetic Guide writes the reading (w:rt) before the words (w:rubyBase): "彼はかんじ漢字を書いた" held no
    # "漢字を書いた", the sentence as written, which a question has (Japanese is indexed as pairs of characters).
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    paragraph = document.add_paragraph("彼は")
    paragraph._p.append(
        parse_xml(
            f'<w:r {w}><w:ruby><w:rubyPr><w:hps w:val="10"/><w:lid w:val="ja-JP"/></w:rubyPr>'
            "<w:rt><w:r><w:t>かんじ</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>漢字</w:t></w:r></w:rubyBase></w:ruby></w:r>"
        )
    )
    paragraph.add_run("を書いた。")
    document.save(tmp_path / "ruby.docx")
    assert [p.text for p in load_corpus(tmp_path).passages] == ["彼は漢字を書いた。"]


def test_a_style_based_on_a_heading_style_or_an_outline_level_names_a_chapter(tmp_path):
    # Word's Navigation pane and contents list take these for headings, and the RTF reader names chapters by outline
    # levels: a Word file of "Chapter Title" paragraphs (a style based on Heading 1, as novel templates have) or of
    # paragraphs given an outline level named no chapter. Outline level 9 is body text, in a style based on a heading's
    # too (as Word's "TOC Heading" is). Base styles are followed up their chain once: one that comes back on itself
    # ends there.
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def outline(element, level: int) -> None:
        element.get_or_add_pPr().append(OxmlElement("w:outlineLvl", attrs={qn("w:val"): str(level)}))

    document = docx.Document()
    document.core_properties.title = TITLE
    chapter_title = document.styles.add_style("Chapter Title", WD_STYLE_TYPE.PARAGRAPH)
    chapter_title.base_style = document.styles["Heading 1"]
    part = document.styles["Heading 2"]  # a Heading style with no outline level of its own, as some tools write
    for level in part.element.xpath("w:pPr/w:outlineLvl"):
        level.getparent().remove(level)
    part_title = document.styles.add_style("Part Title", WD_STYLE_TYPE.PARAGRAPH)
    part_title.base_style = part
    aside = document.styles.add_style("Aside", WD_STYLE_TYPE.PARAGRAPH)
    aside.base_style = document.styles["Heading 1"]
    outline(aside.element, 9)
    ring, round_ring = (document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH) for name in ("Ring", "Round"))
    ring.base_style, round_ring.base_style = round_ring, ring
    (storm, storm_text), (calm, calm_text) = [(name, " ".join(texts)) for name, texts in CHAPTERS.items()]
    document.add_paragraph(storm, style="Chapter Title")
    document.add_paragraph(storm_text)
    document.add_paragraph("An aside set large, no heading.", style="Aside")
    outline(document.add_paragraph("Body text at outline level 9.")._p, 9)
    outline(document.add_paragraph(calm)._p, 1)
    document.add_paragraph(calm_text)
    document.add_paragraph("Part Two", style="Part Title")
    document.add_paragraph("The boats came home at dusk.")
    document.add_paragraph("The lamp turned all night.", style="Ring")
    document.save(tmp_path / "keeper.docx")
    found = [(p.chapter, p.text) for p in load_corpus(tmp_path).passages]
    assert found == [
        (storm, storm_text),
        (storm, "An aside set large, no heading."),
        (storm, "Body text at outline level 9."),
        (calm, calm_text),
        ("Part Two", "The boats came home at dusk."),
        ("Part Two", "The lamp turned all night."),
    ]


def write_template_book(path, chapter_styles: tuple[str, str] = ("Chapter Number", "Chapter Title")) -> None:
    """A book made in a self-publishing Word template (Book Design Templates', Draft2Digital's): its own styles for a
    chapter's number ("ONE") and its name, based on Normal, not on a Heading style; a title page with its publisher,
    a copyright page, a dedication and a typed contents list before the first chapter, "About the Author" after the
    last, each matter page ending in a page break."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.core_properties.title = TITLE
    for name in (*chapter_styles, "Copyright", "Dedication", "Front Matter Heading"):
        document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles["Normal"]

    def page_ends(paragraph) -> None:
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    document.add_paragraph(TITLE, style="Title")
    page_ends(document.add_paragraph("Harbour Press"))
    document.add_paragraph(f"Copyright © 2021 {AUTHOR}", style="Copyright")
    document.add_paragraph("All rights reserved.", style="Copyright")
    page_ends(document.add_paragraph("ISBN 978-1-23456-789-7", style="Copyright"))
    page_ends(document.add_paragraph("For Wren, who kept the lamp lit.", style="Dedication"))
    document.add_paragraph("Contents", style="Front Matter Heading")
    for n, name in enumerate(CHAPTERS):
        document.add_paragraph(f"{('ONE', 'TWO')[n]}  {name.split(': ')[1]}")
    for n, (name, texts) in enumerate(CHAPTERS.items()):
        document.add_paragraph(("ONE", "TWO")[n], style=chapter_styles[0])
        document.add_paragraph(name.split(": ")[1], style=chapter_styles[1])
        for text in texts:
            document.add_paragraph(text)
        page_ends(document.paragraphs[-1])
    document.add_paragraph("About the Author", style="Front Matter Heading")
    document.add_paragraph(f"{AUTHOR} lives in Duluth. Sign up for her newsletter at example.com.")
    document.save(path)


def test_a_templates_chapter_styles_name_chapters_and_its_book_matter_is_left_out(tmp_path):
    # Self-publishing templates set chapters in styles of their own, "Chapter Number" over "Chapter Title", based on
    # Normal: the book had no chapter, and its publisher, copyright page, contents and "About the Author" were read as
    # its story. Used as headings (short, each opening the chapter's text), they name the chapter, the number and the
    # name joined as an EPUB's hgroup is; the dedication is the book's own.
    write_template_book(tmp_path / "keeper.docx")
    chapters = {
        f"{('ONE', 'TWO')[n]}: {name.split(': ')[1]}": texts for n, (name, texts) in enumerate(CHAPTERS.items())
    }
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == {"": ["For Wren, who kept the lamp lit."], **chapters}


(STORM_NAME, (STORM_FIRST, STORM_SECOND)), (CALM_NAME, (CALM_FIRST, _)) = CHAPTERS.items()


@pytest.mark.parametrize(
    ("style", "lines"),
    [
        ("Chapter Title", [("The Storm", STORM_FIRST), (STORM_SECOND, CALM_FIRST)]),  # a long paragraph in it too
        ("Chapter Title", [("The Storm", STORM_FIRST), ("Ever After", None)]),  # no text after its last
        ("Part", [("MAREN", STORM_FIRST), ("ILSE", CALM_FIRST)]),  # a play's speakers
        ("Chapter Text", [("Maren waited.", STORM_FIRST), ("Ilse came.", CALM_FIRST)]),
    ],
    ids=["long-paragraph", "closing-line", "play-speakers", "chapter-text"],
)
def test_a_style_named_for_chapters_but_set_on_story_text_stays_text(tmp_path, style, lines):
    # What a template's chapter styles look like without being headings: a writer's "Chapter Title" set on a long
    # paragraph too, or on a last line with no text after it; a bare "Part" a play's speakers are set in (a speaker's
    # name opens each speech as a chapter's would); "Chapter Text" for a chapter's own words. Each stays the story's
    # text, no chapter named by it.
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    document.core_properties.title = TITLE
    document.styles.add_style(style, WD_STYLE_TYPE.PARAGRAPH).base_style = document.styles["Normal"]
    for styled, text in lines:
        document.add_paragraph(styled, style=style)
        if text:
            document.add_paragraph(text)
    document.save(tmp_path / "keeper.docx")
    passages = load_corpus(tmp_path).passages
    assert {passage.chapter for passage in passages} == {None}
    assert [passage.text for passage in passages] == [text for line in lines for text in line if text]


def framed(letter: str, drop_cap: str | None = "drop"):
    """A paragraph in a frame as Word writes it: Insert > Drop Cap's (`w:dropCap`), its letter large and lowered over
    three lines; without `w:dropCap`, a text frame of its own (a pull quote)."""
    from docx.oxml import parse_xml

    cap = f' w:dropCap="{drop_cap}" w:lines="3"' if drop_cap else ""
    return parse_xml(
        '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:pPr><w:keepNext/>'
        f'<w:framePr{cap} w:wrap="around" w:vAnchor="text" w:hAnchor="text"/>'
        '<w:spacing w:after="0" w:line="827" w:lineRule="exact"/></w:pPr>'
        f'<w:r><w:rPr><w:position w:val="-9"/><w:sz w:val="110"/></w:rPr><w:t>{letter}</w:t></w:r></w:p>'
    )


@pytest.mark.parametrize("headings", [True, False], ids=["heading-styles", "typed-chapters"])
def test_a_drop_cap_is_read_into_the_word_it_opens(tmp_path, headings):
    # Word's Insert > Drop Cap sets the letter in a paragraph of its own, framed, and the word's rest opens the next:
    # "M" and "aren kept the old lighthouse" were two paragraphs, the name lost at each chapter's start, and in a
    # manuscript of typed chapters an "I" was taken for a chapter named "I". A frame that is no drop cap (a pull quote)
    # stays a paragraph of its own, and so does a drop cap that opens no text.
    document = docx.Document()
    document.core_properties.title = TITLE
    body = document.element.body
    for name, (first, second) in CHAPTERS.items():
        if headings:
            document.add_heading(name, 1)
        else:
            document.add_paragraph(name)
        body[-1].addprevious(framed(first[0]))
        document.add_paragraph(first[1:])
        document.add_paragraph(second)
    body[-1].addprevious(framed("I"))  # a chapter line, were it one
    document.add_paragraph("lse came at dawn.")
    body[-1].addprevious(framed("They never saw the lamp go out.", drop_cap=None))
    document.add_paragraph("The End")
    body[-1].addprevious(framed("Z", drop_cap="margin"))
    document.save(tmp_path / "keeper.docx")
    (storm, storm_texts), (calm, calm_texts) = CHAPTERS.items()
    found = [(p.chapter, p.text) for p in load_corpus(tmp_path).passages]
    assert found == [
        *((storm, text) for text in storm_texts),
        *((calm, text) for text in calm_texts),
        (calm, "Ilse came at dawn."),
        (calm, "They never saw the lamp go out."),
        (calm, "The End"),
        (calm, "Z"),
    ]


@pytest.mark.parametrize(
    ("properties", "title"),
    [
        ("6x9 Novel Template", "The Salt Road"),  # kept from the template the book was begun in
        ("Microsoft Word - salt_road.docx", "The Salt Road"),
        ("Document1", "The Salt Road"),
        ("Salt Road: A Novel", "Salt Road: A Novel"),  # the writer's own, in the properties: kept
    ],
)
def test_a_title_a_program_or_a_template_made_gives_way_to_the_title_paragraph(tmp_path, properties, title):
    # A book begun in a template keeps the template's title in its properties ("6x9 Novel Template") unless the
    # writer changes it: that was every answer's story name, the Title paragraph on its first page left out.
    document = docx.Document()
    document.core_properties.title = properties
    document.add_paragraph("The Salt Road", style="Title")
    document.add_heading("Chapter One", 1)
    document.add_paragraph("Ingrid lived in a hut at the edge of the salt marsh.")
    document.save(tmp_path / "salt.docx")
    assert [story.title for story in load_corpus(tmp_path).stories] == [title]


def test_a_template_title_with_no_title_on_the_page_is_kept(tmp_path):
    # A story called "The Template", no Title paragraph: nothing on the page says otherwise.
    document = docx.Document()
    document.core_properties.title = "The Template"
    document.add_paragraph("Ingrid cut the pattern from the template her mother left her.")
    document.save(tmp_path / "template.docx")
    assert [story.title for story in load_corpus(tmp_path).stories] == ["The Template"]


def test_a_notes_mark_typed_as_superscript_against_its_word_is_no_story_text(tmp_path):
    # Word's Format > Font > Superscript on a typed "1", its note typed under "Notes" at the end (left out as matter):
    # "Bergen1" was no "Bergen" to a question. A power raised after a digit, and an ordinal's letters, stay.
    document = docx.Document()
    document.add_heading("The Keeper", level=1)
    paragraph = document.add_paragraph("Scissors carried from Bergen")
    for text, raised in (("1", True), (", and a tarred rope", False), ("2", True), (" while 10", False)):
        paragraph.add_run(text).font.superscript = raised
    paragraph.add_run("6").font.superscript = True
    paragraph.add_run(" stars shone on the 1")
    paragraph.add_run("st").font.superscript = True
    paragraph.add_run(" night.")
    document.save(tmp_path / "keeper.docx")
    passages = [p.text for p in load_corpus(tmp_path).passages]
    assert passages == ["Scissors carried from Bergen, and a tarred rope while 106 stars shone on the 1st night."]


def test_a_subtitle_right_under_a_heading_is_its_name_and_under_the_title_is_left_out(tmp_path):
    # Word's Subtitle style under "Chapter 1" names it, "Chapter 1: The Keeper"; it was lost. Under the title it is
    # the document's subtitle, no story text.
    docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra")
    document = docx.Document()
    document.add_paragraph("The Salt Lantern", style="Title")
    document.add_paragraph("A tale of the sea", style="Subtitle")
    document.add_heading("Chapter 1", level=1)
    document.add_paragraph("The Keeper", style="Subtitle")
    document.add_paragraph("A second subtitle", style="Subtitle")  # a heading takes one
    document.add_paragraph("Maren kept the lamp.")
    document.save(str(tmp_path / "salt.docx"))
    passages = load_corpus(tmp_path).passages
    assert [(p.chapter, p.text) for p in passages] == [("Chapter 1: The Keeper", "Maren kept the lamp.")]


@pytest.mark.parametrize("book_title", [True, False], ids=["book-title", "chapters-alone"])
def test_chapters_headed_in_the_title_style_name_their_chapters(tmp_path, book_title):
    # A writer who sets every chapter's heading in Title, not Heading 1: all but the first were lost, the chapters run
    # together, and a book of chapters alone was titled "Chapter One: The Storm".
    document = docx.Document()
    if book_title:
        document.add_heading(TITLE, level=0)  # the Title style
        document.add_paragraph("A tale of the northern cape")
    for name, texts in CHAPTERS.items():
        document.add_heading(name, level=0)
        for text in texts:
            document.add_paragraph(text)
    document.save(tmp_path / ("keeper.docx" if book_title else "the-lighthouse-keeper.docx"))
    before = {"": ["A tale of the northern cape"]} if book_title else {}
    check_story(tmp_path, {**before, **CHAPTERS})


def test_a_collections_title_right_over_its_first_short_piece_leaves_that_piece_its_name(tmp_path):
    # Short pieces each titled in Title under the book's title in Title, nothing between the two: the book's title,
    # with no text under it, was dropped before it was told from the pieces', the first piece's name taken for the
    # book's and its text left under no chapter.
    pieces = {
        "The Harbour": "The tide went out and did not come back, and the gulls cried over the flats.",
        "The Road": "The salt carts went up the road at dawn, and the drivers sang to keep awake.",
        "The Pans": "The pans steamed all winter, and the boiler's boy slept by the fire.",
    }
    document = docx.Document()
    document.add_heading("Salt and Iron", level=0)  # the Title style
    for name, text in pieces.items():
        document.add_heading(name, level=0)
        document.add_paragraph(text)
    document.save(tmp_path / "pieces.docx")
    corpus = load_corpus(tmp_path)
    assert [story.title for story in corpus.stories] == ["Salt and Iron"]
    assert [(passage.chapter, passage.text) for passage in corpus.passages] == list(pieces.items())
