"""What every format's reader shares (bot/core/readers/reader.py), on real files of the formats that write it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from bot.core.corpus import read_story

STORY = "The miller, Pavel, ground the corn by the river."


def rtf(title: str) -> bytes:
    """An RTF file as Calibre writes one of a document that has no title: its \\info says "Unknown"."""
    return f"{{\\rtf1{{\\info{{\\title {title}}}{{\\author Unknown}}}}\\ansi\\deff0 {{\\pard {STORY}\\par}}}}".encode()


def fb2(title: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0">'
        f"<description><title-info><book-title>{title}</book-title><author><first-name>Unknown</first-name></author>"
        f"</title-info></description><body><section><p>{STORY}</p></section></body></FictionBook>"
    ).encode()


def epub(path: Path, title: str) -> None:
    """An EPUB 3 as LibreOffice exports a document with no title: `<dc:title>Unknown Title</dc:title>`."""
    page = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title>'
        f"</head><body><p>{STORY}</p></body></html>"
    )
    nav = (
        '<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head><body><nav epub:type="toc">'
        '<ol><li><a href="section0001.xhtml">Section 1</a></li></ol></nav></body></html>'
    )
    package = (
        '<?xml version="1.0" encoding="UTF-8"?><package version="3.0" unique-identifier="id" '
        'xmlns="http://www.idpf.org/2007/opf" xmlns:dc="http://purl.org/dc/elements/1.1/"><metadata>'
        f'<dc:identifier id="id">1</dc:identifier><dc:title>{title}</dc:title><dc:creator>Unknown Author</dc:creator>'
        '<dc:language>en</dc:language></metadata><manifest><item id="nav" href="toc.xhtml" '
        'media-type="application/xhtml+xml" properties="nav"/><item id="s1" href="section0001.xhtml" '
        'media-type="application/xhtml+xml"/></manifest><spine><itemref idref="s1"/></spine></package>'
    )
    container = (
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", container)
        book.writestr("OEBPS/content.opf", package)
        book.writestr("OEBPS/toc.xhtml", nav)
        book.writestr("OEBPS/section0001.xhtml", page)


def written(folder: Path, suffix: str, title: str) -> Path:
    path = folder / f"the-old-mill{suffix}"
    if suffix == ".epub":
        epub(path, title)
    else:
        path.write_bytes(rtf(title) if suffix == ".rtf" else fb2(title))
    return path


def needs_lxml(suffix: str) -> None:
    if suffix != ".rtf":
        pytest.importorskip("lxml", reason="the EPUB and FictionBook readers need the formats extra")


@pytest.mark.parametrize(
    ("suffix", "placeholder"), [(".rtf", "Unknown"), (".fb2", "Unknown"), (".epub", "Unknown Title")]
)
def test_a_producers_placeholder_for_no_title_names_the_story_after_its_file(tmp_path, suffix, placeholder):
    """Calibre's conversions and LibreOffice's EPUB export title a document given no title "Unknown" or "Unknown
    Title": every such story was "Unknown", in every answer and beside each other in the list."""
    needs_lxml(suffix)
    title, passages = read_story(written(tmp_path, suffix, placeholder))
    assert title == "The Old Mill"
    assert [passage.text for passage in passages] == [STORY]


@pytest.mark.parametrize("suffix", [".rtf", ".fb2", ".epub"])
@pytest.mark.parametrize("title", ["The Unknown", "Unknown Soldier", "unknown"])
def test_a_title_that_only_holds_the_word_is_the_storys(tmp_path, suffix, title):
    needs_lxml(suffix)
    assert read_story(written(tmp_path, suffix, title))[0] == title


def typed_manuscript(path: Path, paragraphs: list[str]) -> Path:
    """A manuscript of these paragraphs with no heading styles, a Word file (its lines that end no sentence bold, as
    writers set their chapter lines) or an RTF file, by `path`'s ending."""
    if path.suffix == ".docx":
        docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra")
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph().add_run(text).bold = not text.endswith(".")
        document.save(str(path))
    else:
        path.write_text("{\\rtf1\\ansi " + "".join(f"{{\\pard {text}\\par}}" for text in paragraphs) + "}")
    return path


@pytest.mark.parametrize("suffix", [".docx", ".rtf"])
def test_a_manuscripts_typed_chapter_lines_name_its_chapters_and_its_scene_breaks_are_no_passages(tmp_path, suffix):
    # A manuscript typed in Word, or compiled by Scrivener, with no heading styles: "Chapter 1" was a passage of its
    # own, the story had no chapters, and "* * *" and "#" were passages.
    paragraphs = ["Chapter 1", "Maren lit the lamp.", "* * *", "The storm came.", "#", "Chapter 2", "She slept."]
    _, passages = read_story(typed_manuscript(tmp_path / f"keeper{suffix}", paragraphs))
    assert [(p.text, p.chapter) for p in passages] == [
        ("Maren lit the lamp.", "Chapter 1"),
        ("The storm came.", "Chapter 1"),
        ("She slept.", "Chapter 2"),
    ]


@pytest.mark.parametrize("suffix", [".docx", ".rtf"])
def test_a_short_line_under_a_typed_chapter_line_with_no_name_is_its_name(tmp_path, suffix):
    # A Word manuscript's bold centred "Chapter 2" over "The Storm": the title was the chapter's first passage, and
    # "What happened in the storm?" was answered with two words. A sentence under "Chapter 3" stays its text, and a
    # chapter line with a name of its own takes no other.
    paragraphs = ["PART ONE", "The Harbour", "The sea.", "Chapter 1", "The Keeper", "Maren lit the lamp.", "Chapter 2"]
    paragraphs += ["The Storm", "The mast broke at midnight.", "Chapter 3", "It rained.", "Chapter 4: Home", "Rest"]
    _, passages = read_story(typed_manuscript(tmp_path / f"keeper{suffix}", paragraphs))
    assert [(p.text, p.chapter) for p in passages] == [
        ("The sea.", "PART ONE: The Harbour"),
        ("Maren lit the lamp.", "Chapter 1: The Keeper"),
        ("The mast broke at midnight.", "Chapter 2: The Storm"),
        ("It rained.", "Chapter 3"),
        ("Rest", "Chapter 4: Home"),
    ]


ASKED = '"Will you take me across tonight?" she asked the ferryman.'
SPOKEN_AFTER = '"Pass the salt," said Tom at breakfast, far away in Vell.'


def story_with_break(folder: Path, suffix: str, parted: bool) -> Path:
    """A line that asks, then a scene break as each format writes one (or none), then a line of speech of the next
    scene."""
    path = folder / f"ferry{suffix}"
    if suffix == ".txt":
        path.write_text(f"The Ferry\n\n{ASKED}\n\n{'* * *' if parted else ''}\n\n{SPOKEN_AFTER}\n")
    elif suffix == ".md":
        path.write_text(f"# The Ferry\n\n{ASKED}\n{'***' if parted else ''}\n{SPOKEN_AFTER}\n")
    elif suffix == ".html":
        rule = '<div class="scene"><hr/></div>' if parted else ""
        path.write_text(f"<html><body><h1>The Ferry</h1><p>{ASKED}</p>{rule}<p>{SPOKEN_AFTER}</p></body></html>")
    elif suffix == ".fb2":
        rule = "<subtitle>* * *</subtitle>" if parted else ""
        path.write_text(
            '<?xml version="1.0" encoding="utf-8"?><FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0">'
            "<description><title-info><book-title>The Ferry</book-title></title-info></description><body><section>"
            f"<p>{ASKED}</p>{rule}<p>{SPOKEN_AFTER}</p></section></body></FictionBook>"
        )
    elif suffix == ".rtf":
        paragraphs = [ASKED, "* * *", SPOKEN_AFTER] if parted else [ASKED, SPOKEN_AFTER]
        path.write_text("{\\rtf1\\ansi " + "".join(f"{{\\pard {text}\\par}}" for text in paragraphs) + "}")
    else:
        docx = pytest.importorskip("docx", reason="the Word reader needs the formats extra")
        document = docx.Document()
        for text in [ASKED, "\u2042", SPOKEN_AFTER] if parted else [ASKED, SPOKEN_AFTER]:
            document.add_paragraph(text)
        document.save(str(path))
    return path


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html", ".fb2", ".rtf", ".docx"])
def test_a_line_that_asks_is_read_with_its_reply_but_never_across_a_scene_break(tmp_path, suffix):
    """A scene break shows no text and is no passage; a cliffhanger's question before it was one passage with the
    first line spoken in the next scene, as if it answered."""
    if suffix in (".html", ".fb2"):
        pytest.importorskip("lxml", reason="the HTML and FictionBook readers need the formats extra")
    (tmp_path / "joined").mkdir()
    _, joined = read_story(story_with_break(tmp_path / "joined", suffix, parted=False))
    _, parted = read_story(story_with_break(tmp_path, suffix, parted=True))
    assert [(p.text, p.paragraph) for p in joined] == [(f"{ASKED}\n{SPOKEN_AFTER}", 1)]
    assert [(p.text, p.paragraph) for p in parted] == [(ASKED, 1), (SPOKEN_AFTER, 2)]


@pytest.mark.parametrize("suffix", [".rtf", ".fb2", ".epub"])
@pytest.mark.parametrize(
    ("made", "title"),
    [
        ("Microsoft Word - the_old_mill_FINAL_v3.docx", "The Old Mill"),  # Acrobat's printer's, of a Word file
        ("Document1", "The Old Mill"),  # Word's for a document not yet named
        ("Untitled document", "The Old Mill"),  # Google Docs'
        ("Untitled 1", "The Old Mill"),  # LibreOffice's
        ("old_mill_draft.docx", "The Old Mill"),  # a file's name
        ("The Mill at Dusk - Google Docs", "The Mill at Dusk"),  # a browser's, printing a Google document
        ("Untitled document - Google Docs", "The Old Mill"),
    ],
)
def test_a_title_a_program_made_names_the_story_after_its_file_or_by_what_it_frames(tmp_path, suffix, made, title):
    """A program's title for a document was every answer's story name ("Microsoft Word - the_old_mill_FINAL_v3.docx",
    "Document1"); a browser's frame around the document's name ("- Google Docs") is no part of it."""
    needs_lxml(suffix)
    assert read_story(written(tmp_path, suffix, made))[0] == title


@pytest.mark.parametrize("suffix", [".rtf", ".fb2", ".epub"])
@pytest.mark.parametrize(
    "title",
    ["Untitled", "Document", "The Document", "Document 7 of the Inquiry", "Notes on Google Docs", "The Template"],
)
def test_a_title_that_reads_like_a_programs_is_the_storys(tmp_path, suffix, title):
    # A poem called "Untitled", a story of a document or of a template: no program wrote these.
    needs_lxml(suffix)
    assert read_story(written(tmp_path, suffix, title))[0] == title
