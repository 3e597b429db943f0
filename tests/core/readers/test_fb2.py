import shutil
import zipfile

import pytest

import bot.core.readers.archive as archive
from bot.core.corpus import load_corpus
from bot.core.readers.fb2 import Fb2Reader
from bot.core.skipped import StoryRefused
from bot.messages import refusal_text
from tests.core.readers.format_fixtures import FIXTURES, MILL_CHAPTERS, MILL_TITLE, title_and_chapters, write_zipped_fb2
from tests.core.readers.lighthouse import CHAPTERS, TITLE, check_story
from tests.said import said

pytest.importorskip("lxml", reason="the FictionBook reader needs the formats extra: pip install -e '.[formats]'")

NAMESPACES = 'xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink"'
LIBRARY_BOOK = f"""<?xml version="1.0" encoding="windows-1251"?>
<FictionBook {NAMESPACES}>
 <description>
  <title-info>
   <genre>prose_contemporary</genre>
   <author><first-name>Анна</first-name><middle-name>Сергеевна</middle-name><last-name>Петрова</last-name></author>
   <book-title>Скрипка</book-title>
   <annotation><p>Повесть о скрипачке.</p></annotation>
   <coverpage><image l:href="#cover.jpg"/></coverpage>
   <lang>ru</lang>
  </title-info>
  <document-info>
   <author><nickname>librarian</nickname></author><program-used>FictionBook Editor 2.6</program-used>
  </document-info>
 </description>
 <body>
  <image l:href="#cover.jpg"/>
  <title><p>Анна Петрова</p><p>Скрипка</p></title>
  <epigraph><p>Музыка — это жизнь.</p><text-author>Народная мудрость</text-author></epigraph>
  <section>
   <title><p>Часть первая</p></title>
   <section>
    <title><p>Глава 1</p><p>Москва</p></title>
    <p>Соня играла на <emphasis>скрипке</emphasis> каждый вечер<a l:href="#n1" type="note">[1]</a>.</p>
    <empty-line/>
    <subtitle>* * *</subtitle>
    <poem><title><p>Песня</p></title>
     <stanza><v>Ночь тиха,</v><v>луна светла.</v></stanza>
     <stanza><v>Скрипка пела</v><v>до утра.</v></stanza>
    </poem>
    <cite><p>«Играй», — сказал учитель.</p></cite>
   </section>
   <section>
    <title><p>Глава 2</p></title>
    <table><tr><th>Город</th><td>Москва</td></tr></table>
    <p>Зимой она дала свой <strong>первый</strong> концерт.</p>
   </section>
  </section>
 </body>
 <body name="notes">
  <title><p>Примечания</p></title>
  <section id="n1"><title><p>1</p></title><p>Старый Арбат.</p></section>
 </body>
 <binary id="cover.jpg" content-type="image/jpeg">/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP</binary>
</FictionBook>"""


def read(raw: bytes) -> tuple[str | None, list[tuple[str, bool]]]:
    story = Fb2Reader().read(raw)
    return story.title, [(block.text, block.heading) for block in story.blocks]


def test_pandoc_fb2_title_author_and_chapters_from_sections(tmp_path):
    shutil.copy(FIXTURES / "lighthouse.fb2", tmp_path / "keeper.fb2")
    check_story(tmp_path)


def test_a_zipped_fb2_is_read_as_the_book_it_holds(tmp_path):
    write_zipped_fb2(tmp_path / "keeper.fb2.zip")
    check_story(tmp_path)


def test_a_library_book_in_windows_1251_without_its_notes_cover_and_repeated_title():
    # As Russian libraries' books are: Windows-1251, parts and chapters in nested sections, an epigraph, a
    # poem, a footnote (its mark in the text and its body), the cover packed in the file.
    title, blocks = read(LIBRARY_BOOK.encode("cp1251"))
    assert title == "Скрипка"
    assert blocks == [
        ("Музыка — это жизнь.", False),
        ("Народная мудрость", False),
        ("Часть первая", True),
        ("Глава 1 Москва", True),
        ("Соня играла на скрипке каждый вечер.", False),
        ("Песня", False),
        ("Ночь тиха, луна светла.", False),
        ("Скрипка пела до утра.", False),
        ("«Играй», — сказал учитель.", False),
        ("Глава 2", True),
        ("Город", False),
        ("Москва", False),
        ("Зимой она дала свой первый концерт.", False),
    ]


def test_a_book_without_a_book_title_is_named_by_its_bodys_title():
    book = f"<FictionBook {NAMESPACES}><body><title><p>Скрипка</p></title><section><p>Текст.</p></section></body>"
    assert read(f"{book}</FictionBook>".encode()) == ("Скрипка", [("Текст.", False)])


def test_entities_are_never_fetched_and_a_billion_laughs_is_refused_unexpanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the bot's token")
    doctype = f'<!DOCTYPE FictionBook [<!ENTITY secret SYSTEM "file://{secret}"><!ENTITY name "Maren">]>'
    book = (
        f"<FictionBook {NAMESPACES}><body><section><p>&secret;&name; lit the lamp.</p></section>"
        "<section><p>The keeper slept.</p></section></body></FictionBook>"
    )
    # The external entity is dropped, never fetched, and the text after it kept: libxml2 2.14 lost the whole rest of
    # the book after one it did not load.
    read_back = read(f'<?xml version="1.0"?>{doctype}{book}'.encode())
    assert read_back == (None, [("Maren lit the lamp.", False), ("The keeper slept.", False)])
    # An entity of entities, nine deep: libxml2 stops reading at its first use, so the text after it would be
    # lost in silence. It is refused, never expanded.
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    book = book.replace("&secret;", "&l9;")
    with pytest.raises(StoryRefused) as refused:
        read(f'<?xml version="1.0"?><!DOCTYPE FictionBook [<!ENTITY l0 "ha">{laughs}]>{book}'.encode())
    assert "billion laughs" in refusal_text(refused.value.refusal)


@pytest.mark.parametrize(
    ("book", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "is not readable XML"),
        (b"<html><body><p>A page.</p></body></html>", "is not a FictionBook book (it holds <html>)"),
        (
            f"<FictionBook {NAMESPACES}><body>{'<section>' * 300}<p>Deep.</p>{'</section>' * 300}</body>"
            "</FictionBook>".encode(),
            "is nested too deeply to be read whole",
        ),
        (
            f"<FictionBook {NAMESPACES}><binary id='c'>{'A' * 11_000_000}</binary><body><section><p>After.</p>"
            "</section></body></FictionBook>".encode(),
            "holds more in one piece than can be read whole",
        ),
    ],
    ids=["binary-file", "another-xml", "deep", "huge-image"],
)
def test_what_is_no_book_or_cannot_be_read_whole_gets_a_friendly_reason(book, reason):
    # The packed image over 10 MB: libxml2 stopped there, keeping what came before (here nothing of the text).
    with pytest.raises(StoryRefused) as refused:
        Fb2Reader().read(book)
    assert refusal_text(refused.value.refusal).startswith(reason)


def test_a_zip_that_holds_no_book_several_or_a_bomb_is_named_and_skipped(tmp_path):
    shutil.copy(FIXTURES / "lighthouse.fb2", tmp_path / "keeper.fb2")
    with zipfile.ZipFile(tmp_path / "two.fb2.zip", "w") as packed:
        packed.write(FIXTURES / "lighthouse.fb2", "one.fb2")
        packed.write(FIXTURES / "lighthouse.fb2", "two.fb2")
    with zipfile.ZipFile(tmp_path / "none.fb2.zip", "w") as packed:
        packed.writestr("readme.txt", "Nothing here.")
    with zipfile.ZipFile(tmp_path / "bomb.fb2.zip", "w", zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("bomb.fb2", b" " * (archive.MAX_UNPACKED_BYTES + 1))
    (tmp_path / "fake.fb2.zip").write_bytes(b"PK\x03\x04 cut short")
    with zipfile.ZipFile(tmp_path / "mac.fb2.zip", "w") as packed:  # as macOS's Compress writes it
        packed.write(FIXTURES / "lighthouse.fb2", "mac.fb2")
        packed.writestr("__MACOSX/._mac.fb2", b"\x00\x05\x16\x07 resource fork")
    (tmp_path / "other.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # any other zip is an archive to unpack
    corpus = load_corpus(tmp_path)
    assert [story.path for story in corpus.stories] == ["keeper.fb2", "mac.fb2.zip"]
    problems = {problem.split(":")[0]: problem for problem in said(corpus.problems)}
    assert "holds 2 .fb2 files, where it should hold one book" in problems["Skipped two.fb2.zip"]
    assert "holds no .fb2 file" in problems["Skipped none.fb2.zip"]
    assert "unpacks to over 64 MB" in problems["Skipped bomb.fb2.zip"]
    assert "is not a readable FictionBook (.fb2.zip) file" in problems["Skipped fake.fb2.zip"]
    assert problems["Skipped other.zip"].startswith("Skipped other.zip: it is an archive, which I do not unpack")


def test_calibres_fictionbook_has_its_chapters_and_no_contents_or_bullets(tmp_path):
    # Calibre's FictionBook (its EPUB to FB2, the way many owners make theirs) gives its sections no titles: each
    # chapter's name is a paragraph all in bold, its contents list plain lines, a list's bullet text ("• "). The
    # book read as one chapter-less story, the contents' lines as passages, each list item with its bullet.
    names = [TITLE, *CHAPTERS, "About the Author"]
    contents = "".join(f"<p>{name}</p>" for name in names) + "<empty-line/><p>Title Page</p><p>Table of Contents</p>"
    chapters = "".join(
        f"<section><p><strong>{name}</strong></p>" + "".join(f"<p>{text}</p>" for text in texts) + "</section>"
        for name, texts in CHAPTERS.items()
    )
    other_books = "<p>• The Storm at Skarvik</p><p>• Ilse and the Cloudberry Jam</p>"
    book = (
        f"<?xml version='1.0' encoding='utf-8'?><FictionBook {NAMESPACES}><description><title-info>"
        f"<author><first-name>Ann</first-name><last-name>Example</last-name></author><book-title>{TITLE}</book-title>"
        f"</title-info></description><body><section><p><strong>{TITLE}</strong></p><p>Ann Example</p>"
        f"<empty-line/></section><section><p><strong>{TITLE}</strong></p>{contents}</section>{chapters}"
        f"<section><p><strong>Also by Ann Example</strong></p>{other_books}</section></body></FictionBook>"
    )
    (tmp_path / "keeper.fb2").write_text(book, encoding="utf-8")
    check_story(tmp_path)
    (tmp_path / "keeper.fb2").write_text(book.replace("<p>Ann Example</p>", "<p>• Ann Example said so.</p>"))
    assert "Ann Example said so." in [p.text for p in load_corpus(tmp_path).passages]


@pytest.mark.parametrize("sections", [True, False], ids=["section-a-chapter", "one-section"])
def test_bold_lines_within_a_chapter_of_a_book_with_no_section_titles_are_its_text(tmp_path, sections):
    # Calibre's FictionBook names its chapters by bold lines, opening each chapter's section (of an EPUB) or within
    # the book's one section (of a Word file). Every short paragraph all in bold was taken for a chapter's name: a
    # play's speakers ("MAREN", "ILSE", said again each time they speak), a shout ("Run!") within a section that
    # another bold line opens, each lost from the text and naming the lines after it as a chapter of its own.
    chapters = {
        "Scene One": [
            "MAREN",
            "Who lit the lamp?",
            "ILSE",
            "I did, before the storm.",
            "MAREN",
            "Then you saved them.",
        ],
        "Scene Two": ["The wave rose over the rail.", "Run!", "They ran to the lamp-room.", "ILSE", "Hold the door!"],
    }
    bold = {"MAREN", "ILSE", "Run!"} if sections else {"MAREN", "ILSE"}  # one said once in one section: a chapter
    parts = [
        f"<p><strong>{name}</strong></p>"
        + "".join(f"<p><strong>{text}</strong></p>" if text in bold else f"<p>{text}</p>" for text in texts)
        for name, texts in chapters.items()
    ]
    body = (
        "".join(f"<section>{part}</section>" for part in parts) if sections else f"<section>{''.join(parts)}</section>"
    )
    book = (
        f"<?xml version='1.0' encoding='utf-8'?><FictionBook {NAMESPACES}><description><title-info>"
        f"<book-title>The Storm</book-title></title-info></description><body>{body}</body></FictionBook>"
    )
    (tmp_path / "storm.fb2").write_text(book, encoding="utf-8")
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == chapters


@pytest.mark.parametrize("mark", ["1", "[1]", "<sup>1</sup>", "*"])
def test_a_notes_mark_linked_to_it_without_a_type_is_left_out(tmp_path, mark):
    # Many libraries' books link a note's mark to the notes' body with no `type="note"`: the mark was read into its
    # word ("cape1", "cape[1]"). A link within the book whose whole text is a mark is one; a word linked is read.
    one = CHAPTERS["Chapter One: The Storm"]
    marked = one[0].replace("northern cape", f'northern cape<a l:href="#n1">{mark}</a>')
    linked = one[1].replace("fishing boats", '<a l:href="#boats">fishing boats</a>')
    body = "".join(
        f"<section><title><p>{name}</p></title>"
        + "".join(f"<p>{text}</p>" for text in ([marked, linked] if texts is one else texts))
        + "</section>"
        for name, texts in CHAPTERS.items()
    )
    book = (
        f"<?xml version='1.0' encoding='utf-8'?><FictionBook {NAMESPACES}><description><title-info>"
        f"<book-title>{TITLE}</book-title></title-info></description><body>{body}</body><body name='notes'>"
        "<section id='n1'><title><p>1</p></title><p>The northern cape is Nordkinn.</p></section></body></FictionBook>"
    )
    (tmp_path / "keeper.fb2").write_text(book, encoding="utf-8")
    check_story(tmp_path)


def test_a_number_linked_to_a_chapter_of_the_book_is_read(tmp_path):
    # A link whose text is a number is a note's mark only where it leads to the notes' body: "chapter 2" linked to
    # the chapter itself (a cross-reference) lost its number, read as a mark.
    told = "She would tell the rest in chapter 2, on the calm days."
    chapters = {name: [*texts, told] if index == 0 else texts for index, (name, texts) in enumerate(CHAPTERS.items())}
    linked = told.replace(" 2,", ' <a l:href="#c1">2</a>,')
    body = "".join(
        f"<section id='c{index}'><title><p>{name}</p></title>"
        + "".join(f"<p>{linked if text == told else text}</p>" for text in texts)
        + "</section>"
        for index, (name, texts) in enumerate(chapters.items())
    )
    book = (
        f"<?xml version='1.0' encoding='utf-8'?><FictionBook {NAMESPACES}><description><title-info>"
        f"<book-title>{TITLE}</book-title></title-info></description><body>{body}</body></FictionBook>"
    )
    (tmp_path / "keeper.fb2").write_text(book, encoding="utf-8")
    check_story(tmp_path, chapters)


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("mill-pandoc.fb2", []),
        ("mill-chapters-pandoc.fb2", MILL_CHAPTERS),
    ],
)
def test_a_fictionbook_with_no_title_but_its_lone_first_heading_is_titled_by_it(fixture, chapters):
    """A story opening with "# The Mill" (pandoc's): no title in its metadata, the heading alone at its
    level. It was named after its file, "The Mill" its first chapter."""
    assert title_and_chapters(fixture) == (MILL_TITLE, chapters)
