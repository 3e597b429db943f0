import io
import shutil
import zipfile

import pytest

import bot.core.readers.archive as archive
from bot.core.corpus import load_corpus
from bot.core.readers.odt import OdtReader
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
from tests.core.readers.lighthouse import AUTHOR, CHAPTERS, check_story
from tests.said import said

pytest.importorskip("lxml", reason="the OpenDocument reader needs the formats extra: pip install -e '.[formats]'")

NAMESPACES = " ".join(
    f'xmlns:{prefix}="urn:oasis:names:tc:opendocument:xmlns:{name}"'
    for prefix, name in [
        ("office", "office:1.0"),
        ("text", "text:1.0"),
        ("table", "table:1.0"),
        ("style", "style:1.0"),
        ("draw", "drawing:1.0"),
        ("manifest", "manifest:1.0"),
    ]
)
MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest {NAMESPACES} manifest:version="1.3">
 <manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""


def content(body: str, styles: str = "", kind: str = "text") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.3">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:{kind}>{body}</office:{kind}></office:body></office:document-content>"
    )


def odt(parts: dict[str, str | bytes], manifest: str = MANIFEST) -> bytes:
    """An OpenDocument text's zip, as LibreOffice packs one: the mimetype first and stored."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as document:
        document.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        document.writestr("META-INF/manifest.xml", manifest)
        for name, data in parts.items():
            document.writestr(name, data)
    return packed.getvalue()


def read(raw: bytes) -> tuple[str | None, list[tuple[str, bool]]]:
    story = OdtReader().read(raw)
    return story.title, [(block.text, block.heading) for block in story.blocks]


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("lighthouse.odt", CHAPTERS),  # title and author in meta.xml: the "by" line is left out
        ("lighthouse-title-style.odt", {"": [f"by {AUTHOR}"], **CHAPTERS}),  # the Title style's paragraph
    ],
)
def test_libreoffice_odt_title_chapters_from_headings_and_table_cells(tmp_path, fixture, chapters):
    shutil.copy(FIXTURES / fixture, tmp_path / "keeper.odt")
    check_story(tmp_path, chapters)


def test_russian_odt_from_libreoffice():
    title, blocks = read((FIXTURES / "skripka.odt").read_bytes())
    assert (title, blocks) == (SKRIPKA_TITLE, SKRIPKA_BLOCKS)


def test_the_text_as_it_stands_without_notes_comments_frames_and_generated_lists():
    styles = (
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Subtitle"/>'
        '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Heading_20_2"/>'
    )
    body = (
        "<text:sequence-decls><text:sequence-decl text:name='Illustration'/></text:sequence-decls>"
        "<text:tracked-changes><text:changed-region text:id='c1'><text:deletion><text:p>a deleted line</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<text:table-of-content><text:index-body><text:p>Chapter One ..... 1</text:p></text:index-body>"
        "</text:table-of-content>"
        "<text:p text:style-name='P1'>A tale of the sea</text:p>"
        "<text:h text:outline-level='1'><text:number>1.</text:number>Chapter One</text:h>"
        "<text:p>Maren<text:s text:c='3'/>kept<text:tab/>the lamp<text:note text:note-class='footnote'>"
        "<text:note-citation>1</text:note-citation><text:note-body><text:p>Oil, then gas.</text:p></text:note-body>"
        "</text:note><office:annotation><text:p>Check this.</text:p></office:annotation>"
        "<text:change text:change-id='c1'/> <text:change-start text:change-id='c2'/>burning"
        "<text:change-end text:change-id='c2'/><text:line-break/>all night.</text:p>"
        "<text:p><draw:frame><draw:text-box><text:p>A caption in a box.</text:p></draw:text-box></draw:frame>"
        "<text:span>The <text:a>fog</text:a> came.</text:span></text:p>"
        "<text:section><text:list><text:list-item><text:p>Bread</text:p></text:list-item>"
        "<text:list-item><text:p>Lamp oil</text:p></text:list-item></text:list></text:section>"
        "<text:p text:style-name='P2'>The Calm</text:p>"
    )
    assert read(odt({"content.xml": content(body, styles)})) == (
        None,
        [
            ("Chapter One", True),
            ("Maren kept the lamp burning all night.", False),
            ("The fog came.", False),
            ("Bread", False),
            ("Lamp oil", False),
            ("The Calm", True),
        ],
    )


@pytest.mark.parametrize(
    ("parts", "reason"),
    [
        ({"content.xml": content("<text:p>x</text:p>", kind="spreadsheet")}, "holds no text document"),
        ({"meta.xml": "<office:document-meta/>"}, "lacks content.xml, which every OpenDocument text (.odt) file has"),
        (
            {"content.xml": content(f"<text:p>{'<text:span>' * 300}Deep{'</text:span>' * 300}</text:p>")},
            "is nested too deeply to be read whole",
        ),
    ],
    ids=["spreadsheet", "no-content", "deep"],
)
def test_what_is_no_text_document_gets_a_friendly_reason(parts, reason):
    with pytest.raises(StoryRefused) as refused:
        OdtReader().read(odt(parts))
    assert refusal_text(refused.value.refusal).startswith(reason)


def test_a_bomb_a_protected_a_fake_and_an_entity_laden_odt_are_named_and_skipped(tmp_path):
    shutil.copy(FIXTURES / "lighthouse.odt", tmp_path / "good.odt")
    (tmp_path / "bomb.odt").write_bytes(odt({"content.xml": " " * (archive.MAX_UNPACKED_BYTES + 1)}))
    encrypted = MANIFEST.replace(
        'media-type="text/xml"/>',
        'media-type="text/xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB"/></manifest:encryption-data></manifest:file-entry>',
    )
    (tmp_path / "protected.odt").write_bytes(odt({"content.xml": b"\x93\x1f\xa0 encrypted bytes"}, encrypted))
    (tmp_path / "fake.odt").write_bytes(b"Plain words, not a zip.")
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    billion = content("<text:p>&l9;</text:p><text:p>After.</text:p>").replace(
        "?>", f'?><!DOCTYPE office:document-content [<!ENTITY l0 "ha">{laughs}]>', 1
    )
    (tmp_path / "laughs.odt").write_bytes(odt({"content.xml": billion}))
    corpus = load_corpus(tmp_path)
    assert [story.path for story in corpus.stories] == ["good.odt"]
    problems = {problem.split(":")[0]: problem for problem in said(corpus.problems)}
    assert "unpacks to over 64 MB" in problems["Skipped bomb.odt"]
    assert "is protected with a password; save it again without one" in problems["Skipped protected.odt"]
    assert "is not a readable OpenDocument text (.odt) file" in problems["Skipped fake.odt"]
    assert "billion laughs" in problems["Skipped laughs.odt"]


def test_a_soft_hyphen_never_splits_a_word_even_before_a_line_break(tmp_path):
    # A soft hyphen and a line break in a paragraph (hyphenated text pasted in) were the words "prac" and "tising".
    body = "<text:p>The keeper was prac\u00ad<text:line-break/>tising her sig\u00adnals.</text:p>"
    (tmp_path / "lamp.odt").write_bytes(odt({"content.xml": content(body)}))
    assert [p.text for p in load_corpus(tmp_path).passages] == ["The keeper was practising her signals."]


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("mill-libreoffice.odt", []),
        ("mill-chapters-pandoc.odt", MILL_CHAPTERS),
    ],
)
def test_an_odt_with_no_title_but_its_lone_first_heading_is_titled_by_it(fixture, chapters):
    """A story opening with "# The Mill" (pandoc's; LibreOffice's of a Word file with a Heading 1 first): no
    title in its metadata, the heading alone at its level. It was named after its file, "The Mill" its first chapter."""
    assert title_and_chapters(fixture) == (MILL_TITLE, chapters)


@pytest.mark.parametrize("fixture", ["ferry-libreoffice.odt"])
def test_an_odt_books_first_chapter_heading_is_no_title(fixture):
    """ "Chapter 1" with "Chapter 2" at its level after it names a chapter; the book is named after its file."""
    assert title_and_chapters(fixture) == (None, ["Chapter 1", "Chapter 2"])


def test_ruby_is_read_as_the_words_it_glosses_without_their_reading():
    # LibreOffice's ruby (Format > Asian Phonetic Guide) keeps its reading after the words: "彼は漢字かんじを書いた".
    body = (
        '<text:h text:outline-level="1">第一章</text:h><text:p>彼は<text:ruby><text:ruby-base>漢字</text:ruby-base>'
        "<text:ruby-text>かんじ</text:ruby-text></text:ruby>を書いた。</text:p>"
    )
    assert read(odt({"content.xml": content(body)})) == ("第一章", [("彼は漢字を書いた。", False)])


def test_what_libreoffice_hides_is_no_text():
    # A writer's notes to self in hidden characters, a hidden paragraph's old draft and a cut scene in a hidden section
    # (LibreOffice 7.6's shapes) were read as the story: "Does Tomas die?" was answered from the author's note.
    styles = (
        '<style:style style:name="T1" style:family="text"><style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="P9" style:family="paragraph" style:parent-style-name="Text_20_body">'
        '<style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="P10" style:family="paragraph" style:parent-style-name="P9"/>'
        '<style:style style:name="T2" style:family="text"><style:text-properties text:display="true"/></style:style>'
    )
    body = (
        "<text:h text:outline-level='1'>The Hut</text:h>"
        "<text:p>Ingrid lived in a hut<text:span text:style-name='T1'> [was it a cottage?]</text:span> by the marsh"
        "<text:span text:style-name='T2'>, near the bay</text:span>.</text:p>"
        "<text:p text:style-name='P9'>Note to self: Tomas should die in chapter three.</text:p>"
        "<text:p text:style-name='P10'>Another note.</text:p>"
        "<text:p><text:hidden-paragraph text:condition='ooow:TRUE' text:is-hidden='true'/>OLD DRAFT: a widow.</text:p>"
        "<text:p><text:hidden-paragraph text:condition='ooow:FALSE' text:is-hidden='false'/>She raked salt.</text:p>"
        "<text:p>The price was <text:hidden-text text:condition='ooow:1' text:string-value='forty crowns' "
        "text:is-hidden='true'>forty crowns</text:hidden-text>ten crowns.</text:p>"
        "<text:section text:name='Cut scene' text:display='none'><text:p>Ingrid slaps the priest.</text:p>"
        "</text:section><text:section text:name='Kept'><text:p>She burned the letter.</text:p></text:section>"
    )
    assert read(odt({"content.xml": content(body, styles)})) == (
        "The Hut",  # its lone heading
        [
            ("Ingrid lived in a hut by the marsh, near the bay.", False),
            ("She raked salt.", False),
            ("The price was ten crowns.", False),
            ("She burned the letter.", False),
        ],
    )


def test_a_table_row_of_a_paragraph_a_cell_is_one_passage_as_a_web_pages_is():
    # Each cell was a passage: a play's speaker stood apart from the speech, a crew list's name from the ship.
    cell = "<table:table-cell office:value-type='string'>{}</table:table-cell>"
    row = "<table:table-row>{}</table:table-row>"
    body = (
        "<text:p>The crew, as the log kept it.</text:p><table:table>"
        + row.format(cell.format("<text:p>Gull</text:p>") + cell.format("<text:p>Tomas</text:p>"))
        + row.format(cell.format("<text:p>Wren</text:p>") + cell.format("") + cell.format("<text:p>Berit</text:p>"))
        + row.format(cell.format("<text:p>Kestrel</text:p>") + cell.format("<text:p>A.</text:p><text:p>B.</text:p>"))
        + "</table:table>"
    )
    assert [text for text, _ in read(odt({"content.xml": content(body)}))[1]] == [
        "The crew, as the log kept it.",
        "Gull | Tomas",
        "Wren | Berit",
        "Kestrel",  # a row whose cell holds paragraphs is read as it was: paragraph by paragraph
        "A.",
        "B.",
    ]


def template_book(lines: list[tuple[str, str]]) -> bytes:
    """A book in a LibreOffice template's own paragraph styles, by (style, text): "Chapter Number" and "Chapter
    Title" defined in styles.xml on "Standard" (LibreOffice writes their names "Chapter_20_Number"), each chapter's
    number given a page break before it, so in an automatic style based on its own ("P1")."""
    names = ("Chapter Number", "Chapter Title", "Copyright", "Text body")
    defined = "".join(
        f'<style:style style:name="{name.replace(" ", "_20_")}" style:display-name="{name}" style:family="paragraph"'
        ' style:parent-style-name="Standard"/>'
        for name in names
    )
    styles = f'<office:document-styles {NAMESPACES} office:version="1.3"><office:styles>{defined}</office:styles>'
    automatic = (
        '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Chapter_20_Number">'
        '<style:paragraph-properties fo:break-before="page"'
        ' xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"/></style:style>'
    )
    body = "".join(
        f'<text:p text:style-name="{"P1" if style == "Chapter Number" else style.replace(" ", "_20_")}">{text}</text:p>'
        for style, text in lines
    )
    return odt({"content.xml": content(body, automatic), "styles.xml": f"{styles}</office:document-styles>"})


def test_a_templates_chapter_styles_name_chapters(tmp_path):
    # A LibreOffice template sets chapters in styles of its own, "Chapter Number" over "Chapter Title", based on
    # "Standard", as Word's self-publishing templates do: the book had no chapter, its copyright page read as story.
    lines = [("Copyright", f"Copyright © 2021 {AUTHOR}"), ("Copyright", "All rights reserved.")]
    for n, (name, texts) in enumerate(CHAPTERS.items()):
        lines += [("Chapter Number", ("ONE", "TWO")[n]), ("Chapter Title", name.split(": ")[1])]
        lines += [("Text body", text) for text in texts]
    (tmp_path / "keeper.odt").write_bytes(template_book(lines))
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
        [
            ("Chapter Title", "The Storm"),
            ("Text body", "Maren waited."),
            ("Chapter Title", "Ilse came up the stairs " * 4 + "to the lamp."),
        ],
        [("Chapter Title", "The Storm"), ("Text body", "Maren waited."), ("Chapter Title", "Ever After")],
    ],
    ids=["long-paragraph", "closing-line"],
)
def test_a_style_named_for_chapters_but_set_on_story_text_stays_text(lines):
    # A writer's "Chapter Title" set on a long paragraph too, or on a last line with no text after it, is no heading.
    assert read(template_book(lines))[1] == [(text, False) for _, text in lines]


def test_a_notes_mark_typed_raised_against_its_word_is_no_story_text():
    # LibreOffice's Superscript (Format > Character > Position): "Bergen1" and "rope2" were no "Bergen" or "rope" to a
    # question. A power raised after a digit stays the number's.
    styles = (
        '<style:style style:name="T1" style:family="text"><style:text-properties style:text-position="super 58%"/>'
        '</style:style><style:style style:name="T2" style:family="text">'
        '<style:text-properties style:text-position="33% 58%"/></style:style>'
    )
    body = (
        "<text:p>Scissors carried from Bergen<text:span text:style-name='T1'>1</text:span>, and a tarred rope"
        "<text:span text:style-name='T2'>[2]</text:span> while 10<text:span text:style-name='T1'>6</text:span> stars "
        "shone.</text:p>"
    )
    assert read(odt({"content.xml": content(body, styles)}))[1] == [
        ("Scissors carried from Bergen, and a tarred rope while 106 stars shone.", False)
    ]


def test_a_subtitle_right_under_a_heading_is_its_name_and_under_the_title_is_left_out():
    # LibreOffice's Subtitle under "Part One" names the part, "Part One: The Harbour"; it was lost. A heading takes
    # one: the paragraphs of a thousand subtitles under one were each joined into it, their copies in their square.
    styles = '<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Subtitle"/>'
    body = (
        "<text:p text:style-name='P1'>A tale of the sea</text:p>"
        "<text:h text:outline-level='1'>Part One</text:h><text:p text:style-name='P1'>The Harbour</text:p>"
        "<text:p text:style-name='P1'>A second subtitle</text:p><text:p>Maren kept the lamp.</text:p>"
    )
    assert read(odt({"content.xml": content(body, styles)})) == (
        None,
        [("Part One: The Harbour", True), ("Maren kept the lamp.", False)],
    )


def test_chapters_headed_in_the_title_style_name_their_chapters():
    # A writer who sets every chapter's heading in Title, not Heading 1: all but the first were lost, the chapters run
    # together; the first is the book's title over its subtitle, or a chapter's where it reads as a chapter line.
    def titled(text: str) -> str:
        return f"<text:p text:style-name='Title'>{text}</text:p>"

    chapters = titled("Chapter One") + "<text:p>Maren kept the lamp.</text:p>"
    chapters += titled("Chapter Two") + "<text:p>Ilse brought the jam.</text:p>"
    expected = [("Chapter One", True), ("Maren kept the lamp.", False), ("Chapter Two", True)]
    expected.append(("Ilse brought the jam.", False))
    book = titled("The Lighthouse Keeper") + "<text:p>A tale of the cape</text:p>" + chapters
    assert read(odt({"content.xml": content(book)})) == (
        "The Lighthouse Keeper",
        [("A tale of the cape", False), *expected],
    )
    assert read(odt({"content.xml": content(chapters)})) == (None, expected)
