import shutil

import pytest

from bot.core.corpus import load_corpus, read_story
from bot.core.readers.rtf import MAX_DEPTH, RtfReader
from bot.core.skipped import StoryRefused
from bot.messages import refusal_text
from tests.core.readers.format_fixtures import (
    FIXTURES,
    MILL_CHAPTERS,
    MILL_TITLE,
    SKRIPKA_BLOCKS,
    SKRIPKA_TITLE,
    title_and_chapters,
)
from tests.core.readers.lighthouse import AUTHOR, CHAPTERS, TITLE, check_story
from tests.said import said


def read(rtf: bytes) -> tuple[str | None, list[tuple[str, bool]]]:
    story = RtfReader().read(rtf)
    return story.title, [(block.text, block.heading) for block in story.blocks]


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("lighthouse.rtf", CHAPTERS),  # title and author in \info: the "by" line is left out
        ("lighthouse-title-style.rtf", {"": [f"by {AUTHOR}"], **CHAPTERS}),  # the Title style's paragraph
    ],
)
def test_libreoffice_rtf_title_chapters_from_heading_styles_and_table_cells(tmp_path, fixture, chapters):
    shutil.copy(FIXTURES / fixture, tmp_path / "keeper.rtf")
    check_story(tmp_path, chapters)


def test_pandoc_rtf_chapters_from_outline_levels(tmp_path):
    # No style sheet and no \info: headings are told by \outlinelevel alone, and the title by the file's name.
    shutil.copy(FIXTURES / "lighthouse-pandoc.rtf", tmp_path / "keeper.rtf")
    check_story(tmp_path, {TITLE: [f"by {AUTHOR}"], **CHAPTERS}, title="Keeper")


def test_russian_text_and_title_from_libreoffice(tmp_path):
    # LibreOffice writes Cyrillic as \uN with a "?" for readers without Unicode, and the title twice in \upr:
    # "???????" in the code page, then "Скрипка" in its {\*\ud} group.
    title, blocks = read((FIXTURES / "skripka.rtf").read_bytes())
    assert (title, blocks) == (SKRIPKA_TITLE, SKRIPKA_BLOCKS)


def test_word_cyrillic_in_a_western_code_page_reads_by_the_fonts_charset():
    # Word in Russia wrote \ansicpg1252 with Cyrillic fonts (\fcharset204) and the text as \'hh bytes of
    # Windows-1251: read in the document's code page, "Гроза" came out as "Ãðîçà".
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
        rb"{\f1\froman\fcharset204{\*\panose 02020603050405020304}Times New Roman CYR;}}"
        rb"{\stylesheet{\s0 Normal;}{\s1\outlinelevel0 heading 1;}{\*\cs10 Default Paragraph Font;}}"
        rb"{\info{\title\f1 \'c3\'f0\'ee\'e7\'e0}{\author Ivan}}"
        rb"\pard\plain\s1\outlinelevel0\f1 \'c3\'eb\'e0\'e2\'e0 1\par"
        rb"\pard\plain\f1 \'c3\'f0\'ee\'e7\'e0 \'ed\'e0\'f7\'e0\'eb\'e0\'f1\'fc.\par}"
    )
    assert read(rtf) == ("Гроза", [("Глава 1", True), ("Гроза началась.", False)])


def test_textedit_rtf_paragraphs_end_at_a_backslash_before_the_line_end():
    # macOS TextEdit (and Scrivener's Cocoa export): no \par, a "\" ending each line; \uc0 means \uN has no
    # fallback to skip.
    rtf = (
        b"{\\rtf1\\ansi\\ansicpg1252\\cocoartf2639\n\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss"
        b"\\fcharset0 Helvetica;}\n{\\colortbl;\\red255\\green255\\blue255;}\n{\\*\\expandedcolortbl;;}\n"
        b"\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n"
        b"\\pard\\tx566\\tx1133\\pardirnatural\\partightenfactor0\n\n\\f0\\fs24 \\cf0 Sofia danced at the Bolshoi.\\\n"
        b"\\uc0\\u1057 \\u1086 \\u1092 \\u1080 \\u1103  \\'97 caf\\'e9.}"
    )
    assert read(rtf) == (None, [("Sofia danced at the Bolshoi.", False), ("София — café.", False)])


def test_what_is_not_text_is_left_out_and_fields_read_as_shown():
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}{\colortbl;\red0\green0\blue0;}"
        rb"{\header\pard Page header\par}{\footer\pard Page footer\par}"
        rb"{\*\generator Writer 1.0;}"
        rb"\pard{\listtext 1.\tab}The lamp{\super\chftn}{\footnote\pard\plain{\super\chftn} A footnote.}"
        rb" burned{\*\bkmkstart here}{\*\bkmkend here} all night.\par"
        rb'\pard See {\field{\*\fldinst HYPERLINK "https://example.org"}{\fldrslt the map}}'
        rb"{\pict\wmetafile8\bin6 }}}{{{}"  # six bytes of picture data that look like braces
        rb" of the cape{\*\shppict{\pict\pngblip 89504e47}}{\nonshppict{\pict\wmetafile8 0100}}.\par"
        rb"\pard Her{\upr{ name}{\*\ud{\u160 ?name}}}\~was\-Maren\_Dahl {\*\annotation a comment}"
        rb"\u-10179\'3f\u-8704\'3f\par}"  # a character beyond U+FFFF: two UTF-16 halves
    )
    assert read(rtf) == (
        None,
        [
            ("The lamp burned all night.", False),
            ("See the map of the cape.", False),
            ("Her name wasMaren-Dahl \U0001f600", False),  # no-break spaces are spaces in a passage
        ],
    )


@pytest.mark.parametrize(
    ("rtf", "reason"),
    [
        (b"Just words, not RTF.", "is not Rich Text: it does not begin with {\\rtf"),
        (b"{\\rtf1 " + b"{" * (MAX_DEPTH + 1) + b"x" + b"}" * (MAX_DEPTH + 2), "nests groups over 1,024 deep"),
        (b"{\\rtf1 " + b"{" * 10_000_000, "nests groups over 1,024 deep"),
        (b"{\\rtf1 The lamp{\\pict\\bin4000000000 abc}\\par}", "says more binary data follows than it holds"),
        (b"{\\rtf1 The lamp burned\\par{\\b all", "ends inside 2 unclosed group(s) (it is cut short?)"),
    ],
    ids=["not-rtf", "deep", "ten-million-braces", "huge-bin", "unterminated"],
)
def test_hostile_and_broken_rtf_gets_a_friendly_reason(rtf, reason):
    with pytest.raises(StoryRefused) as refused:
        RtfReader().read(rtf)
    assert refusal_text(refused.value.refusal).startswith(reason)


def test_broken_rtf_is_named_and_skipped_while_the_rest_load(tmp_path):
    shutil.copy(FIXTURES / "lighthouse.rtf", tmp_path / "keeper.rtf")
    (tmp_path / "cut.rtf").write_bytes((FIXTURES / "lighthouse.rtf").read_bytes()[:5000])
    corpus = load_corpus(tmp_path)
    assert [story.path for story in corpus.stories] == ["keeper.rtf"]
    (problem,) = said(corpus.problems)
    assert problem.startswith("Skipped cut.rtf: it ends inside ") and "unclosed group(s) (it is cut short?)" in problem


def test_what_a_backtracking_reader_rescans_is_read_once():
    # striprtf's regular expressions rescan the rest of the file from each of these: fields, and fonts.
    fields = b"{\\rtf1 " + b"{\\field{\\*\\fldinst{ x}}{\\fldrslt y}}" * 20_000 + b"\\par}"
    assert read(fields) == (None, [("y" * 20_000, False)])
    fonts = b"{\\rtf1{\\fonttbl" + b"{\\f1\\fcharset204 Arial;}" * 20_000 + b"}\\f1 \\'e4\\'e0\\par}"
    assert read(fonts) == (None, [("да", False)])


def test_a_soft_hyphen_never_splits_a_word_even_before_a_line_break(tmp_path):
    # RTF's optional hyphen (\-), and a soft hyphen as a character before a line break (hyphenated text pasted in).
    (tmp_path / "lamp.rtf").write_bytes(rb"{\rtf1\ansi The keeper was prac\-tising her sig\u173?\line nals.\par}")
    assert [p.text for p in load_corpus(tmp_path).passages] == ["The keeper was practising her signals."]


def test_a_contents_list_in_word_styles_is_no_story_text():
    # Word's RTF keeps its contents list as paragraphs in the "toc 1" style, each a chapter's name and page again.
    rtf = (
        rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}"
        rb"{\stylesheet{\s0 Normal;}{\s1\outlinelevel0 heading 1;}{\s2 TOC Heading;}{\s3 toc 1;}}"
        rb"\pard\plain\s2 Contents\par\pard\plain\s3 The Storm\tab 1\par"
        rb"\pard\plain\s1\outlinelevel0 The Storm\par\pard\plain The lamp was lit.\par}"
    )
    # The heading, the only one, before any text and with no \info title, is the story's title.
    assert read(rtf) == ("The Storm", [("The lamp was lit.", False)])


def test_pandocs_rtf_is_titled_by_its_title_line_whatever_its_files_name(tmp_path):
    # pandoc's RTF has no \info and no style sheet: its title is its first paragraph, centered, bold and larger than
    # the author's line under it. The book was titled by its file's name ("Book").
    shutil.copy(FIXTURES / "book-pandoc.rtf", tmp_path / "book.rtf")
    check_story(tmp_path, chapters={"Dedication": ["For the keepers of every northern light."], **CHAPTERS})


def test_a_centered_poem_or_chapter_line_in_large_type_is_no_title(tmp_path):
    # Only a first line larger than the line after it, read as a title, is one: a poem centered throughout in large
    # type is its lines, and a centered "Chapter One" or a sentence set large over the text is no book's title.
    poem = ["The lamp turns slow above the sleeping sound,", "and every boat that sees it comes home round."]
    paragraphs = "".join(f"{{\\pard \\qc \\fs36 {line}\\par}}" for line in poem)
    (tmp_path / "sound.rtf").write_text(f"{{\\rtf1\\ansi {paragraphs}}}", encoding="ascii")
    _, passages = read_story(tmp_path / "sound.rtf")
    assert [p.text for p in passages] == [" ".join(poem)]  # one sentence, one passage
    chapter = "{\\pard \\qc \\b \\fs36 Chapter One\\par}{\\pard \\fs24 " + poem[0] + "\\par}"
    (tmp_path / "sound.rtf").write_text(f"{{\\rtf1\\ansi {chapter}}}", encoding="ascii")
    title, passages = read_story(tmp_path / "sound.rtf")
    assert title == "Sound" and [(p.text, p.chapter) for p in passages] == [(poem[0], "Chapter One")]
    opening = "{\\pard \\qc \\fs36 It was the night of the storm.\\par}{\\pard " + poem[0] + "\\par}"
    (tmp_path / "sound.rtf").write_text(f"{{\\rtf1\\ansi {opening}}}", encoding="ascii")
    title, passages = read_story(tmp_path / "sound.rtf")
    assert title == "Sound" and [p.text for p in passages] == ["It was the night of the storm.", poem[0]]


def test_a_centered_opening_line_in_large_type_over_the_storys_sentence_is_no_title(tmp_path):
    # pandoc's title stands over its author's line, centered too and no sentence. An opening set large and centered
    # over the sentence it begins ("Once upon a time" / "there was a keeper...") was taken for the title and lost.
    lines = ["Once upon a time", "there was a keeper on the northern cape who lit the lamp every night."]
    opening = f"{{\\pard \\qc \\fs36 {lines[0]}\\par}}{{\\pard \\qc \\fs24 {lines[1]}\\par}}"
    (tmp_path / "cape.rtf").write_text(f"{{\\rtf1\\ansi {opening}}}", encoding="ascii")
    title, passages = read_story(tmp_path / "cape.rtf")
    assert title == "Cape" and " ".join(p.text for p in passages) == " ".join(lines)


def test_calibres_table_cells_are_told_apart_where_its_rtf_does():
    # ledger-calibre.rtf (scripts/make_calibre_fixtures.sh): Calibre's RTF writer knows no tables. A table's cells
    # ran into one paragraph, the plain one into the figure's caption after it, and the aligned one, just before a
    # section's heading, into that heading: the chapter "Month Oil burned March twelve barrels April nine The Storm".
    # A header cell (bold) and an aligned cell are groups of their own: each a paragraph now. A plain row's cells
    # are written a space apart, as its words are: they stay one paragraph, ended by the picture after them.
    story = RtfReader().read((FIXTURES / "ledger-calibre.rtf").read_bytes())
    assert [(block.text, block.heading) for block in story.blocks] == [
        ("Chapter One: The Ledger", True),
        ("Ilse kept the harbour ledger in the lamp room.", False),
        *(("Boat", False), ("Skipper", False), ("Catch", False)),
        ("Sula Maren Holt cod Terna Jon herring", False),
        ("The ledger open at March", False),  # the caption, "The *ledger* ...": a word in italics is no cell
        ("The boats came in late that week.", False),
        *((cell, False) for cell in ("Month", "Oil burned", "March", "twelve barrels", "April", "nine")),
        ("The Storm", True),
        ("The storm came on the third night.", False),
        ("Chapter Two: The Calm", True),
        ("The sea lay flat, and Sula and Terna went out together.", False),
    ]


def test_a_captions_bold_label_and_italic_title_are_one_paragraph():
    # plates-calibre.rtf (scripts/make_calibre_fixtures.sh): a figure's caption "**Plate I.** *The harbour at dawn.*"
    # is two groups outside any paragraph, a space apart, as a table's header cells are: it was read as two cells.
    # Calibre sets a cell's text bold (a header's) or aligned; a group in italics next to it is no cell. The bold
    # epigraph and line of dialogue are paragraphs of their own, and the table's cells still each one.
    story = RtfReader().read((FIXTURES / "plates-calibre.rtf").read_bytes())
    assert [block.text for block in story.blocks] == [
        "Chapter One: The Plates",
        "For those who kept the light.",
        "Ilse laid the plates out on the chart table, one by one.",
        '"Not that one," said the keeper. She put it back.',
        "Plate I. The harbour at dawn.",
        *("Plate", "Harbour", "I", "Riga"),
        "The second plate showed the harbour at night.",
    ]


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("mill-libreoffice.rtf", []),
        ("mill-chapters-pandoc.rtf", MILL_CHAPTERS),
    ],
)
def test_an_rtf_with_no_title_but_its_lone_first_heading_is_titled_by_it(fixture, chapters):
    """A story opening with "# The Mill" (pandoc's; LibreOffice's of a Word file with a Heading 1 first): no
    title in its metadata, the heading alone at its level. It was named after its file, "The Mill" its first chapter."""
    assert title_and_chapters(fixture) == (MILL_TITLE, chapters)


@pytest.mark.parametrize("fixture", ["ferry-libreoffice.rtf"])
def test_an_rtf_books_first_chapter_heading_is_no_title(fixture):
    """ "Chapter 1" with "Chapter 2" at its level after it names a chapter; the book is named after its file."""
    assert title_and_chapters(fixture) == (None, ["Chapter 1", "Chapter 2"])


def test_pandocs_title_with_no_author_under_it_is_the_title():
    """pandoc's RTF of a story given a title and no author (beacon.md, quay.md; scripts/make_title_only_fixtures.sh)
    sets the title centered and large over an empty paragraph, no author's line: it was the story's first passage, the
    story named after its file."""
    beacon = RtfReader().read((FIXTURES / "beacon-pandoc.rtf").read_bytes())
    assert (beacon.title, [(block.text, block.heading) for block in beacon.blocks]) == (
        "The Beacon",
        [
            ("The First Night", True),
            ("Ilse kept the beacon lit while the fishing boats came home through the fog.", False),
            ("The Second Night", True),
            ("The fog lifted, and she slept.", False),
        ],
    )
    quay = RtfReader().read((FIXTURES / "quay-pandoc.rtf").read_bytes())
    assert (quay.title, [block.text for block in quay.blocks]) == (
        "The Quay",
        [
            "The quay was empty when the ferry came in, and nobody waited for Tomás.",
            "He carried his bag up the hill alone.",
        ],
    )


def test_pandocs_rtf_of_a_story_titled_as_a_chapter_is_titled_so():
    """pandoc's RTF of a story titled "Prologue" (no author) or "Chapter One" (Ann Example's), prologue.md and
    chapter-one.md (scripts/make_title_only_fixtures.sh): no \\info, the title centered and large over the empty
    paragraph that ends pandoc's title block, or over the author's line centered in the text's type. A title that reads
    as a chapter's line was none: the story was named after its file, its title and author its first passages."""
    prologue = RtfReader().read((FIXTURES / "prologue-pandoc.rtf").read_bytes())
    assert (prologue.title, [(block.text, block.heading) for block in prologue.blocks]) == (
        "Prologue",
        [
            ("The quay was empty when the night ferry came in, and the lamps along the harbour wall were out.", False),
            ("The Crossing", True),
            ("Tomás carried his bag up the hill alone and knocked at the keeper\u2019s door.", False),
        ],
    )
    chapter = RtfReader().read((FIXTURES / "chapter-one-pandoc.rtf").read_bytes())
    assert (chapter.title, [block.text for block in chapter.blocks]) == (
        "Chapter One",
        [
            "Ilse found the lamp room locked and the key gone from its hook.",
            "She climbed down to the village to ask who had taken it.",
        ],
    )


def test_a_manuscripts_chapter_lines_centered_over_an_empty_paragraph_are_no_title():
    """A manuscript's "Chapter One" centered and large over an empty paragraph is set as pandoc sets a title: where a
    later line is centered as large ("Chapter Two"), they are the chapters' lines, naming its chapters (a document
    of no heading styles: they were passages), and the story has no title."""
    lines = ("Chapter One", "The quay was empty.", "Chapter Two", "He left.")
    paragraphs = "".join(
        f"{{\\pard \\qc \\b \\fs36 {line}\\par}}{{\\pard \\ql \\par}}"
        if line.startswith("Chapter")
        else f"{{\\pard \\ql \\fs24 {line}\\par}}"
        for line in lines
    )
    assert read(f"{{\\rtf1\\ansi {paragraphs}}}".encode()) == (None, [(line, line[:7] == "Chapter") for line in lines])


def _pandoc_title_block(lines: list[str], gap: str) -> bytes:
    """An RTF as pandoc writes `pandoc -s -t rtf` of a Markdown file whose title block gives a title, then `lines`
    (authors, a date), each centered in the text's type under the title set large, then the empty paragraph `gap`."""
    title = "{\\pard \\qc \\f0 \\sa180 \\li0 \\fi0 \\b \\fs36 The Old Mill\\par}"
    centered = "".join(f"{{\\pard \\qc \\f0 \\sa180 \\li0 \\fi0  {line}\\par}}" for line in lines)
    story = "".join(
        f"{{\\pard \\ql \\f0 \\sa180 \\li0 \\fi0 {text}\\par}}"
        for text in ("Anatole ground rye by the river all night.", "His wheel stopped one winter night.")
    )
    return f"{{\\rtf1\\ansi {title}{centered}{gap}{story}}}".encode("ascii")


def test_pandocs_title_block_with_two_authors_and_a_date_is_no_passage():
    # pandoc's title block under two authors' names and a date: the second author and the date were the story's first
    # passages ("Bo Sample", "1 May 2024"); the first author's line alone was left out. pandoc's own file
    # (two-authors.md; scripts/make_title_only_fixtures.sh), and one as it writes it.
    left = "{\\pard \\ql \\f0 \\sa180 \\li0 \\fi0 \\par}"
    for rtf in (
        (FIXTURES / "two-authors-pandoc.rtf").read_bytes(),
        _pandoc_title_block(["Ann Example", "Bo Sample", "1 May 2024"], left),
    ):
        story = RtfReader().read(rtf)
        assert (story.title, [block.text for block in story.blocks]) == (
            "The Old Mill",
            ["Anatole ground rye by the river all night.", "His wheel stopped one winter night."],
        )
    # A centered poem's stanza under a title and its author, a centered empty line after it, is the story's.
    stanza = ["The wheel turns slow", "The river runs"]
    centered_gap = "{\\pard \\qc \\f0 \\sa180 \\li0 \\fi0 \\par}"
    poem = RtfReader().read(_pandoc_title_block(["Ann Example", *stanza], centered_gap))
    texts = [block.text for block in poem.blocks]
    assert texts[texts.index(stanza[0]) :][:3] == [*stanza, "Anatole ground rye by the river all night."]


def test_centered_lines_after_pandocs_title_block_has_ended_are_the_storys():
    # Title, author (and a date), the empty paragraph that ends the title block, then an epigraph centered in the
    # text's type over an empty paragraph: the epigraph was left out as if it were more authors' lines or the date.
    # The empty paragraph under the title block ends it; nothing after it is of it.
    def paragraph(text: str, align: str = "\\qc") -> str:
        return f"{{\\pard {align} \\f0 \\sa180 \\li0 \\fi0  {text}\\par}}"

    title = "{\\pard \\qc \\f0 \\sa180 \\li0 \\fi0 \\b \\fs36 The Old Mill\\par}"
    gap = paragraph("", "\\ql")
    epigraph = ["The wheel turns slow", "The river runs"]
    for block in (["Ann Example"], ["Ann Example", "1 May 2024"]):
        parts = [
            title,
            *map(paragraph, block),
            gap,
            *map(paragraph, epigraph),
            gap,
            paragraph("Anatole slept.", "\\ql"),
        ]
        story = RtfReader().read(f"{{\\rtf1\\ansi {''.join(parts)}}}".encode("ascii"))
        assert (story.title, [b.text for b in story.blocks]) == ("The Old Mill", [*epigraph, "Anatole slept."]), block


def test_what_track_changes_deleted_is_no_story_text():
    # Word and LibreOffice save a tracked deletion as a run set \deleted: it was read, glued into the words around it
    # ("a Tuesday, sealedday."), where the Word and OpenDocument readers read the text as it stands.
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Times;}}{\*\revtbl{Unknown;}{Maren;}}"
        rb"\pard\plain{\insrsid1 The letter came on a Tues}{\deleted\revauth1\revdttm0 day, sealed}{\insrsid1 day.}\par"
        rb"\pard The lamp was\deleted  not\deleted0  lit at dusk.\par"
        rb"\pard\deleted An old line.\plain  She rowed home.\par}"
    )
    assert read(rtf) == (
        None,
        [("The letter came on a Tuesday.", False), ("The lamp was lit at dusk.", False), ("She rowed home.", False)],
    )


def test_hidden_text_is_no_story_text():
    # WordPad, Word and LibreOffice never show or print text set hidden (\v, to \v0, \plain or its group's end): an
    # author's note to self was read as the story's and quoted in answers. A style sheet's entry set hidden keeps its
    # name, and a hidden \uN's fallback is still passed over.
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Times;}}{\stylesheet{\s0 Normal;}{\s1\v heading 1;}}{\info{\title The Mayor}}"
        rb"\pard\plain\s1 The Letter\par"
        rb"\pard\plain The letter was signed by the mayor.{\v  Private note: his clerk forged it.}\par"
        rb"\pard Her name was Maren\v  (Dahl, n\'e9e \u246?berg)\v0  and she kept the lamp.\par"
        rb"\pard\v The draft said the son.\plain The town believed every word.\par}"
    )
    assert read(rtf) == (
        "The Mayor",
        [
            ("The Letter", True),
            ("The letter was signed by the mayor.", False),
            ("Her name was Maren and she kept the lamp.", False),
            ("The town believed every word.", False),
        ],
    )


def test_a_drop_cap_is_read_into_the_word_it_opens():
    # Word's Insert > Drop Cap writes the letter as a framed paragraph of its own (\dropcaptN, to \pard), the word's
    # rest opening the next: "I" and "ngrid lived in a hut" were two paragraphs, and where chapters are typed "I" read
    # as one. A frame that is no drop cap (a pull quote, \absw without \dropcapt) is a paragraph of its own, and so is
    # a drop cap that opens no text: before a heading, another drop cap or the document's end.
    frame = rb"\pard\plain\keepn\dropcapli3\dropcapt%d\absw0\wraparound\phpara\pvpara\posy0\sl-827\slmult0\fs110 %s\par"
    rtf = b"".join(
        (
            rb"{\rtf1\ansi{\fonttbl{\f0 Times;}}{\stylesheet{\s0 Normal;}{\s1\outlinelevel0 heading 1;}}",
            rb"{\info{\title Drop Caps}}\pard\plain\s1 Chapter One\par",
            frame % (1, b"I"),
            rb"\pard\plain ngrid lived in a hut.\par She raked salt.\par",
            frame % (2, b"T"),
            rb"\pard\plain\par\pard\plain he letter came.\par",
            rb"\pard\plain\absw0\wraparound\phpara\pvpara She never answered.\par",
            frame % (1, b"A"),
            rb"\pard\plain\s1 Chapter Two\par",
            frame % (1, b"X"),
            frame % (1, b"Z"),
            b"}",
        )
    )
    assert read(rtf) == (
        "Drop Caps",
        [
            ("Chapter One", True),
            ("Ingrid lived in a hut.", False),
            ("She raked salt.", False),
            ("The letter came.", False),
            ("She never answered.", False),
            ("A", False),
            ("Chapter Two", True),
            ("X", False),
            ("Z", False),
        ],
    )


def template_rtf(lines: list[tuple[int, str]]) -> bytes:
    """A book in a Word template's own paragraph styles as Word saves it as RTF, by (style number, text): \\s15
    "Chapter Number" and \\s16 "Chapter Title", based on Normal (\\sbasedon0), no outline level; \\s17 "Copyright"."""
    sheet = (
        rb"{\stylesheet{\ql \li0\ri0\widctlpar\wrapdefault\aspalpha\aspnum\faauto\adjustright\rin0\lin0\itap0 "
        rb"\rtlch\fcs1 \af0\afs24\alang1025 \ltrch\fcs0 \fs24\lang1033\langfe1033\cgrid\langnp1033\langfenp1033 "
        rb"\snext0 \sqformat \spriority0 Normal;}{\s15\qc \b\fs40 \sbasedon0 \snext15 \sqformat Chapter Number;}"
        rb"{\s16\qc \b\fs40 \sbasedon0 \snext16 \sqformat Chapter Title;}"
        rb"{\s17\ql \fs20 \sbasedon0 \snext17 Copyright;}}"
    )
    paragraphs = b"".join(
        rb"\pard\plain \ltrpar\s%d\qc\widctlpar\itap0 {\rtlch\fcs1 \ltrch\fcs0 %s}{\rtlch\fcs1 \ltrch\fcs0 \par }"
        % (style, text.encode())
        for style, text in lines
    )
    return rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}" + sheet + paragraphs + b"}"


def test_a_templates_chapter_styles_name_chapters(tmp_path):
    # A Word template's own styles, "Chapter Number" over "Chapter Title" based on Normal, name chapters in its RTF as
    # in its .docx: the book had no chapter, and its copyright page was read as its story.
    lines = [(17, f"Copyright 2021 {AUTHOR}"), (17, "All rights reserved.")]
    for number, (name, texts) in zip(("ONE", "TWO"), CHAPTERS.items(), strict=True):
        lines += [(15, number), (16, name.split(": ")[1]), *((0, text) for text in texts)]
    (tmp_path / "keeper.rtf").write_bytes(template_rtf(lines))
    chapters = {
        f"{('ONE', 'TWO')[n]}: {name.split(': ')[1]}": texts for n, (name, texts) in enumerate(CHAPTERS.items())
    }
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == chapters


@pytest.mark.parametrize(
    "lines",
    [
        [(16, "The Storm"), (0, "Maren waited."), (16, "Ilse came up the stairs " * 4 + "to the lamp.")],
        [(16, "The Storm"), (0, "Maren waited."), (16, "Ever After")],
    ],
    ids=["long-paragraph", "closing-line"],
)
def test_a_style_named_for_chapters_but_set_on_story_text_stays_text(lines):
    # A writer's "Chapter Title" set on a long paragraph too, or on a last line with no text after it, is no heading.
    assert read(template_rtf(lines))[1] == [(text, False) for _, text in lines]


def test_a_chapter_line_typed_in_a_table_set_out_for_layout_still_names_its_chapter():
    # Rows of a typed "Chapter One" beside the chapter's text: each row stays cells, the line a chapter.
    row = rb"\trowd\irow0\trgaph108\cellx4567\cellx9242"
    cell = rb"\pard\plain\ql\intbl{\insrsid1 "
    rows = b"".join(
        row + cell + name + rb"\cell " + text + rb"\cell }\pard\plain\intbl{" + row + rb"\row }"
        for name, text in ((b"Chapter One", b"Ingrid lived in a hut."), (b"Chapter Two", b"The letter came."))
    )
    rtf = rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}}" + rows + b"}"
    assert read(rtf)[1] == [
        ("Chapter One", True),
        ("Ingrid lived in a hut.", False),
        ("Chapter Two", True),
        ("The letter came.", False),
    ]


def test_a_table_row_of_a_paragraph_a_cell_is_one_passage_as_a_web_pages_is():
    # Word's RTF table (as Word 2016 writes it: each cell's paragraph \intbl, ended by \cell, the row's properties
    # again before \row): each cell was a passage, "Wren" apart from "Berit". A row whose cell holds two paragraphs
    # (LibreOffice: \par between them, in the table) is read as before, and so are the paragraphs after the table.
    row = rb"\trowd\irow0\trgaph108\cellx4567\cellx9242"
    cell = rb"\pard\plain\ql\intbl{\insrsid1 "
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}}"
        rb"\pard\plain The crew of the Wren:\par" + row + cell + rb"Wren\cell Berit\cell }"
        rb"\pard\plain\intbl{" + row + rb"\row }" + row + cell + rb"Olof:\cell Will you sell it?\cell }"
        rb"\pard\plain\intbl{"
        + row
        + rb"\row }"
        + row
        + cell
        + rb"Dear Berit,\par The hut is sold.\cell Dear Olof,\cell }"
        rb"\pard\plain\intbl{" + row + rb"\row }"
        rb"\pard\plain They sailed at dawn.\par They came home.\par}"
    )
    assert read(rtf)[1] == [
        ("The crew of the Wren:", False),
        ("Wren | Berit", False),
        ("Olof: Will you sell it?", False),
        ("Dear Berit,", False),
        ("The hut is sold.", False),
        ("Dear Olof,", False),
        ("They sailed at dawn.", False),
        ("They came home.", False),
    ]


def test_the_symbol_fonts_characters_are_read_as_what_they_show():
    # Word's RTF of Insert > Symbol (a SYMBOL field whose result is a byte in the font named Symbol, \fcharset2) and
    # old .doc or WordPerfect text set in Symbol: read in the code page, "waited—and" was "waited¾and", "∑" "å". The
    # same bytes in a text font are Windows-1252's ("¾ of a mile"), and a dingbat font's are read as before.
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times New Roman;}"
        rb"{\f3\froman\fcharset2\fprq2{\*\panose 05050102010706020507}Symbol;}{\f4\fnil\fcharset2 Wingdings;}}"
        rb"\pard\plain\f0 He waited{\field{\*\fldinst SYMBOL 190 \\f \"Symbol\" \\s 12}{\fldrslt\f3\fs24 \'be}}"
        rb"and waited.\par The sum {\f3\'e5} of it {\f3\'b3} 5; {\f3\'61}-particles, {\f3\u61618\'b2}no{\f3\'b2}.\par"
        rb" It was \'be of a mile to the caf\'e9 {\f4 J}.\par}"
    )
    assert read(rtf)[1] == [
        ("He waited\u2014and waited.", False),
        ("The sum \u2211 of it \u2265 5; \u03b1-particles, \u2033no\u2033.", False),
        ("It was \u00be of a mile to the caf\u00e9 J.", False),
    ]


def test_chapters_headed_in_the_title_style_name_their_chapters_as_in_word():
    # Word's and LibreOffice's RTF of a story whose every chapter's heading is set in Title, under the book's title in
    # Title: all but the first Title paragraph were dropped, the chapters' names with them and the chapters run
    # together, where the same book as .docx or .odt kept them.
    rtf = (
        rb"{\rtf1\ansi{\fonttbl{\f0 Times;}}{\stylesheet{\s0 Normal;}{\s15 Title;}}"
        rb"\pard\plain\s15 Salt and Iron\par"
        rb"\pard\plain\s15 The Harbour\par\pard\plain The tide went out.\par"
        rb"\pard\plain\s15 The Road\par\pard\plain The carts went up the road.\par"
        rb"\pard\plain\s15 The End\par}"
    )
    assert read(rtf) == (
        "Salt and Iron",
        [
            ("The Harbour", True),
            ("The tide went out.", False),
            ("The Road", True),
            ("The carts went up the road.", False),
        ],
    )
