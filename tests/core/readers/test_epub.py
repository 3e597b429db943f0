import sys
import zipfile

import pytest

import bot.core.readers.archive as archive
import bot.core.readers.epub as epub
from bot.core.corpus import load_corpus, read_story
from tests.core.readers.format_fixtures import MILL_CHAPTERS, MILL_TITLE, title_and_chapters
from tests.core.readers.lighthouse import AUTHOR, CHAPTERS, LICENSE, TITLE, check_story
from tests.said import said
from tests.steps import lines_run_in

pytest.importorskip("lxml", reason="the EPUB reader needs the formats extra: pip install -e '.[formats]'")

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>"""


def xhtml(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" '
        f'xmlns:epub="http://www.idpf.org/2007/ops"><head><title>x</title></head><body>{body}</body></html>'
    )


def write_epub(path, version: int = 3, gutenberg: bool = False) -> None:
    """An EPUB as Gutenberg and Standard Ebooks make them: chapter pages in the spine, one of them holding
    two chapters (the second found by its anchor), a navigation page (EPUB 3) or an NCX (EPUB 2)."""
    names = list(CHAPTERS)
    paragraphs = ["".join(f"<p>{text}</p>" for text in texts) for texts in CHAPTERS.values()]
    header = f"<section class='pg-boilerplate pgheader' id='pg-header'><p>{LICENSE}</p></section>" if gutenberg else ""
    footer = (
        "<section class='pg-boilerplate' id='pg-footer'><h2 id='license'>THE FULL PROJECT GUTENBERG LICENSE</h2>"
        "<p>Section 1. General Terms of Use and Redistributing Project Gutenberg electronic works</p></section>"
        if gutenberg
        else ""
    )
    pages = {
        "OEBPS/text/cover.xhtml": xhtml(f"<h1>{TITLE}</h1><p>by {AUTHOR}</p>"),
        "OEBPS/text/chapters.xhtml": xhtml(
            f"{header}<h2>Chapter 1</h2>{paragraphs[0]}<div id='ch2'><h2>Chapter 2</h2>{paragraphs[1]}</div>{footer}"
        ),
    }
    links = [("text/chapters.xhtml", names[0]), ("text/chapters.xhtml#ch2", names[1])]
    if gutenberg:
        links.append(("text/chapters.xhtml#license", "THE FULL PROJECT GUTENBERG LICENSE"))
    nav_entry = ncx_entry = ""
    if version == 3:
        items = "".join(f"<li><a href='../{href}'>{name}</a></li>" for href, name in links)
        pages["OEBPS/nav/toc.xhtml"] = xhtml(f"<nav epub:type='toc'><h1>Contents</h1><ol>{items}</ol></nav>")
        nav_entry = "<item id='nav' href='nav/toc.xhtml' media-type='application/xhtml+xml' properties='nav'/>"
    else:
        points = "".join(
            f"<navPoint id='p{n}'><navLabel><text>{name}</text></navLabel><content src='{href}'/></navPoint>"
            for n, (href, name) in enumerate(links)
        )
        ncx_entry = "<item id='ncx' href='toc.ncx' media-type='application/x-dtbncx+xml'/>"
        ncx = f"<ncx xmlns='http://www.daisy.org/z3986/2005/ncx/' version='2005-1'><navMap>{points}</navMap></ncx>"
    package = f"""<?xml version="1.0" encoding="utf-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="{version}.0" unique-identifier="id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="id">urn:uuid:1</dc:identifier><dc:title>{TITLE}</dc:title><dc:creator>{AUTHOR}</dc:creator>
  </metadata>
  <manifest>
    <item id="cover" href="text/cover.xhtml" media-type="application/xhtml+xml"/>
    <item id="chapters" href="text/chapters.xhtml" media-type="application/xhtml+xml"/>
    <item id="art" href="images/lamp.png" media-type="image/png"/>{nav_entry}{ncx_entry}
  </manifest>
  <spine toc="ncx"><itemref idref="cover"/><itemref idref="chapters"/></spine>
</package>"""
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        book.writestr("META-INF/container.xml", CONTAINER, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/content.opf", package, compress_type=zipfile.ZIP_DEFLATED)
        book.writestr("OEBPS/images/lamp.png", b"\x89PNG\r\n\x1a\n" + bytes(64))
        for name, text in pages.items():
            book.writestr(name, text, compress_type=zipfile.ZIP_DEFLATED)
        if version == 2:
            book.writestr("OEBPS/toc.ncx", ncx, compress_type=zipfile.ZIP_DEFLATED)


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_epub_spine_order_chapters_from_navigation_title_from_metadata(tmp_path, version):
    write_epub(tmp_path / "keeper.epub", version)
    check_story(tmp_path)


def test_gutenberg_epub_drops_its_license(tmp_path):
    write_epub(tmp_path / "pg-keeper.epub", gutenberg=True)
    library = check_story(tmp_path)
    assert library.ask("Who may copy it and give it away at no cost?").best is None
    assert not [p for p in library.corpus.passages if "Gutenberg" in p.text]


XHTML11 = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">'


@pytest.mark.parametrize(
    ("doctype", "hero"),
    [(XHTML11, "Anatole"), ('<!DOCTYPE html [<!ENTITY hero "Anatole"><!ENTITY mdash "&#8212;">]>', "&hero;")],
)
def test_named_characters_and_a_pages_own_entities_are_read_as_what_they_stand_for(tmp_path, doctype, hero):
    # An EPUB 2 page under XHTML 1.1's DOCTYPE may use HTML's named characters, which that DTD (never loaded) defines:
    # they were left out, and the words on either side ran together ("ryeall", "Dontstop"); so were a page's own.
    page = xhtml(f"<p>The miller {hero} ground rye&mdash;all night. Don&rsquo;t&nbsp;stop &amp; &#9731;.</p>")
    with zipfile.ZipFile(tmp_path / "mill.epub", "w") as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr(
            "OEBPS/content.opf",
            '<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="2.0" unique-identifier="id">'
            '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Mill</dc:title>'
            '<dc:identifier id="id">x</dc:identifier></metadata><manifest>'
            '<item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest>'
            '<spine><itemref idref="c"/></spine></package>',
        )
        book.writestr("OEBPS/c.xhtml", page.replace("?>\n", f"?>\n{doctype}\n", 1))
    _, passages = read_story(tmp_path / "mill.epub")
    assert [p.text for p in passages] == ["The miller Anatole ground rye\u2014all night. Don\u2019t stop & \u2603."]


def test_broken_bombed_and_entity_laden_epubs_are_named_and_skipped(tmp_path, monkeypatch):
    write_epub(tmp_path / "good.epub")
    (tmp_path / "not-a-zip.epub").write_bytes(b"PK\x03\x04 truncated")
    with zipfile.ZipFile(tmp_path / "bomb.epub", "w", compression=zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("META-INF/container.xml", CONTAINER)
        bomb.writestr("OEBPS/content.opf", " " * (archive.MAX_UNPACKED_BYTES + 1))  # 64 MB of spaces: 64 KB packed
    laughs = "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    billion = f'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY l0 "ha">{laughs}]><p>&l9;</p>'
    with zipfile.ZipFile(tmp_path / "laughs.epub", "w") as book:
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", billion)
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["good.epub"]
    problems = {p.split(":")[0]: p for p in said(corpus.problems)}
    assert "not a readable EPUB file" in problems["Skipped not-a-zip.epub"]
    assert "unpacks to over 64 MB" in problems["Skipped bomb.epub"]
    assert "billion laughs" in problems["Skipped laughs.epub"]  # refused unexpanded: libxml2 stops reading there


def test_an_epub_whose_packed_page_is_damaged_is_named_and_skipped(tmp_path):
    # The zip's directory is sound but a page's deflated bytes are not: zlib raised its own error, which
    # no reader caught, and the whole folder failed to load with a traceback (one bad book took the bot down).
    write_epub(tmp_path / "good.epub")
    damaged = bytearray((tmp_path / "good.epub").read_bytes())
    with zipfile.ZipFile(tmp_path / "good.epub") as book:
        page = book.getinfo("OEBPS/text/chapters.xhtml")
    start = page.header_offset + 30 + len(page.filename.encode()) + len(page.extra)
    damaged[start : start + page.compress_size] = b"\xff" * page.compress_size  # deflate's reserved block type
    (tmp_path / "damaged.epub").write_bytes(damaged)
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["good.epub"]
    (problem,) = said(corpus.problems)
    assert problem.startswith("Skipped damaged.epub:") and "is damaged or encrypted" in problem


def test_without_the_formats_extra_the_file_is_named_with_the_extra_to_install(tmp_path, monkeypatch):
    write_epub(tmp_path / "keeper.epub")
    (tmp_path / "notes.txt").write_text("Plain text needs nothing more.")
    monkeypatch.setitem(sys.modules, "lxml", None)  # as if lxml were not installed
    monkeypatch.setitem(sys.modules, "lxml.etree", None)
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["notes.txt"]
    assert said(corpus.problems) == (
        "Skipped keeper.epub: it needs the optional EPUB reader; install it with pip install -e '.[formats]' "
        "and reload.",
    )


def write_long_epub(path, pages: int, marks_per_page: int) -> None:
    """An EPUB of many pages, each a chapter, its navigation listing every anchor of every page."""
    manifest = "".join(f"<item id='p{n}' href='p{n}.xhtml' media-type='application/xhtml+xml'/>" for n in range(pages))
    spine = "".join(f"<itemref idref='p{n}'/>" for n in range(pages))
    anchors = [(n, m) for n in range(pages) for m in range(marks_per_page)]
    links = "".join(f"<li><a href='p{n}.xhtml#c{n}-{m}'>Chapter {n}.{m}</a></li>" for n, m in anchors)
    nav = "<item id='nav' href='nav.xhtml' media-type='application/xhtml+xml' properties='nav'/>"
    files = {"OEBPS/nav.xhtml": xhtml(f"<nav epub:type='toc'><ol>{links}</ol></nav>")}
    for n in range(pages):
        paragraphs = "".join(f"<p id='c{n}-{m}'>Keeper {n} lit lamp {m}.</p>" for m in range(marks_per_page))
        files[f"OEBPS/p{n}.xhtml"] = xhtml(paragraphs)
    write_book(path, nav + manifest, spine, files)


def write_book(path, manifest: str, spine: str, files: dict[str, str]) -> None:
    """An EPUB 3 of these manifest items and spine, its package at OEBPS/content.opf, with these files."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr(
            "OEBPS/content.opf",
            "<package xmlns='http://www.idpf.org/2007/opf' version='3.0'><metadata/>"
            f"<manifest>{manifest}</manifest><spine>{spine}</spine></package>",
        )
        for name, text in files.items():
            book.writestr(name, text)


@pytest.mark.parametrize("marks_per_page", [1, 10])
def test_an_epub_of_many_pages_and_chapters_is_read_in_steps_linear_in_them(tmp_path, marks_per_page):
    # Each page looked through every navigation entry for its own: a book of 9,000 pages (an anthology, or an
    # upload made so) whose navigation lists 100,000 anchors took minutes to load, holding up the folder.
    write_long_epub(tmp_path / "long.epub", pages=300, marks_per_page=marks_per_page)
    (_, passages), steps = lines_run_in(epub.__file__, lambda: read_story(tmp_path / "long.epub"))
    assert [(p.chapter, p.text) for p in passages] == [
        (f"Chapter {n}.{m}", f"Keeper {n} lit lamp {m}.") for n in range(300) for m in range(marks_per_page)
    ]
    assert steps < 40 * 300 * (1 + marks_per_page)


def test_an_epub_whose_spine_lists_a_page_it_lacks_names_the_page(tmp_path):
    # One page missing from a book's zip (a converter's slip) was said as "lacks OEBPS/p5.xhtml, which every
    # EPUB file has": the owner was sent to look for a file all EPUBs share, not for a page of this book.
    write_long_epub(tmp_path / "long.epub", pages=8, marks_per_page=1)
    with zipfile.ZipFile(tmp_path / "long.epub") as whole, zipfile.ZipFile(tmp_path / "torn.epub", "w") as torn:
        for info in whole.infolist():
            if info.filename not in ("OEBPS/p5.xhtml", "OEBPS/p6.xhtml"):
                torn.writestr(info, whole.read(info))
    (tmp_path / "long.epub").rename(tmp_path / "whole.epub")
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["whole.epub"]
    assert said(corpus.problems) == (
        "Skipped torn.epub: it lacks OEBPS/p5.xhtml and 1 more, which its spine lists as pages of the book; "
        "export it again.",
    )


def write_nested_epub(path, version: int, depth: int, entries: int) -> None:
    """An EPUB whose navigation nests `depth` entries (EPUB 2's navPoints, or EPUB 3's links in links), the
    innermost holding `entries` more side by side."""
    if version == 3:
        leaves = "".join(f"<li><a href='p.xhtml#c{n}'>Chapter {n}</a></li>" for n in range(entries))
        nested = "<a href='p.xhtml'>Part" * depth + f"<ol>{leaves}</ol>" + "</a>" * depth
        navigation = xhtml(f"<nav epub:type='toc'><ol><li>{nested}</li></ol></nav>")
        entry = "<item id='nav' href='nav.xhtml' media-type='application/xhtml+xml' properties='nav'/>"
        name = "OEBPS/nav.xhtml"
    else:
        point = "<navPoint><navLabel><text>{}</text></navLabel><content src='p.xhtml{}'/>"
        leaves = "".join(point.format(f"Chapter {n}", f"#c{n}") + "</navPoint>" for n in range(entries))
        nested = point.format("Part", "") * depth + leaves + "</navPoint>" * depth
        navigation = f"<ncx xmlns='http://www.daisy.org/z3986/2005/ncx/'><navMap>{nested}</navMap></ncx>"
        entry = "<item id='ncx' href='toc.ncx' media-type='application/x-dtbncx+xml'/>"
        name = "OEBPS/toc.ncx"
    chapters = "".join(f"<p id='c{n}'>Keeper {n} lit the lamp.</p>" for n in range(entries))
    paragraphs = f"<p>The keepers' log.</p>{chapters}"
    page = "<item id='p' href='p.xhtml' media-type='application/xhtml+xml'/>"
    write_book(path, page + entry, "<itemref idref='p'/>", {name: navigation, "OEBPS/p.xhtml": xhtml(paragraphs)})


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_navigation_nested_deep_is_read_in_steps_linear_in_its_entries(tmp_path, version):
    # Each navPoint's label was looked for among all its descendants, and each link's text read with its nested
    # links' (which then named the chapter): 200 entries nested around 20,000 more, a 0.2 MB upload, took 9 s
    # (EPUB 2) and 2 s (EPUB 3), and the 8 MB an upload may be held the one upload reader of every server until
    # its minute ran out.
    # The book has no title: "Part", its first entry with every other nested deeper, is it (READING_VERSION 30).
    write_nested_epub(tmp_path / "deep.epub", version, depth=200, entries=600)
    (title, passages), steps = lines_run_in(epub.__file__, lambda: read_story(tmp_path / "deep.epub"))
    assert title == "Part"
    assert [(p.chapter, p.text) for p in passages] == [(None, "The keepers' log.")] + [
        (f"Chapter {n}", f"Keeper {n} lit the lamp.") for n in range(600)
    ]
    assert steps < 40 * (200 + 600)


def test_an_epub_whose_container_names_a_package_it_lacks_names_the_package(tmp_path):
    # It was said as "lacks OEBPS/book.opf, which every EPUB file has": no file of that name is in every EPUB,
    # this one's container.xml names it.
    with zipfile.ZipFile(tmp_path / "torn.epub", "w") as book:
        book.writestr("META-INF/container.xml", CONTAINER.replace("OEBPS/content.opf", "OEBPS/book.opf"))
    write_epub(tmp_path / "whole.epub")
    assert said(load_corpus(tmp_path).problems) == (
        "Skipped torn.epub: it lacks OEBPS/book.opf, which its META-INF/container.xml names as its package file; "
        "export it again.",
    )


@pytest.mark.parametrize(("version", "navigation"), [(3, "OEBPS/nav/toc.xhtml"), (2, "OEBPS/toc.ncx")])
def test_an_epub_whose_manifest_names_navigation_it_lacks_is_read_by_its_headings(tmp_path, version, navigation):
    # The whole book was skipped as lacking "nav/toc.xhtml, which every EPUB file has": no EPUB has that file, and a
    # book without its table of contents still has its pages, and the headings on them.
    write_epub(tmp_path / "whole.epub", version)
    with zipfile.ZipFile(tmp_path / "whole.epub") as whole, zipfile.ZipFile(tmp_path / "keeper.epub", "w") as book:
        for info in whole.infolist():
            if info.filename != navigation:
                book.writestr(info, whole.read(info))
    (tmp_path / "whole.epub").unlink()
    corpus = load_corpus(tmp_path)
    assert said(corpus.problems) == () and [s.title for s in corpus.stories] == [TITLE]
    chapters = [(p.chapter, p.text) for p in corpus.passages]
    assert chapters == [(f"Chapter {n}", text) for n, texts in enumerate(CHAPTERS.values(), 1) for text in texts]


def test_an_epub_locked_with_drm_is_named_as_such(tmp_path):
    # A book bought with DRM (Adobe's, a store's) holds its pages encrypted and lists them in META-INF/encryption.xml:
    # it was "holds OEBPS/text/chapters.xhtml, which is not readable XML; export it again", which no export mends.
    # Fonts obfuscated as EPUB allows (not DRM) leave a book readable.
    write_epub(tmp_path / "plain.epub")
    xml_enc = "http://www.w3.org/2001/04/xmlenc#"

    def encryption(algorithm: str, uri: str) -> str:
        return (
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" xmlns:enc="'
            f'{xml_enc}"><enc:EncryptedData><enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData>'
            f'<enc:CipherReference URI="{uri}"/></enc:CipherData></enc:EncryptedData></encryption>'
        )

    locked = {"locked.epub": (f"{xml_enc}aes128-cbc", "OEBPS/text/chapters.xhtml")}
    fonts = {"fonts.epub": ("http://www.idpf.org/2008/embedding", "OEBPS/fonts/serif.otf")}
    with zipfile.ZipFile(tmp_path / "plain.epub") as plain:
        for name, (algorithm, uri) in (locked | fonts).items():
            with zipfile.ZipFile(tmp_path / name, "w") as book:
                for info in plain.infolist():
                    data = plain.read(info)
                    book.writestr(info.filename, bytes(range(256)) * 8 if info.filename == uri else data)
                book.writestr("META-INF/encryption.xml", encryption(algorithm, uri))
    (tmp_path / "plain.epub").unlink()
    corpus = load_corpus(tmp_path)
    assert [s.path for s in corpus.stories] == ["fonts.epub"]
    assert said(corpus.problems) == (
        "Skipped locked.epub: it is locked with DRM (its pages are encrypted); only DRM-free books can be read.",
    )


KEPT_MATTER = {
    "Dedication": ["For the keepers of every northern light."],
    "Foreword": ["The lighthouse on the northern cape was kept by hand until 1950."],
}
"""The book's own text before its chapters, which no reading of matter may drop."""
NOTE = "The northern cape is Nordkinn, the mainland's northernmost point."
COPYRIGHT = "Copyright © 2019 Ann Example. All rights reserved. ISBN 978-1-23456-789-0. Printed by Skarvik Press."
OTHER_BOOKS = ["The Storm at Skarvik", "Ilse and the Cloudberry Jam", "A Lamp for the Fishing Boats"]


def chapters_with_a_note(mark: str) -> dict[str, str]:
    """The story's chapters as XHTML paragraphs, the first with a note's mark after "cape"."""
    pages = {}
    for name, texts in CHAPTERS.items():
        paragraphs = [text.replace("northern cape", f"northern cape{mark}") for text in texts]
        pages[name] = "".join(f"<p>{text}</p>" for text in paragraphs)
    return pages


def page_navigation(version: int, pages: list[tuple[str, str, str]], names: list[str]) -> str:
    """Navigation naming each of the (file, itemref attributes, body) pages, whole, by its name: EPUB 3's nav or
    EPUB 2's navPoints, for write_package_book."""
    if version == 3:
        toc = "".join(f"<li><a href='{page}'>{name}</a></li>" for (page, _, _), name in zip(pages, names, strict=True))
        return f"<nav epub:type='toc'><ol>{toc}</ol></nav>"
    return "".join(
        f"<navPoint><navLabel><text>{name}</text></navLabel><content src='{page}'/></navPoint>"
        for (page, _, _), name in zip(pages, names, strict=True)
    )


def write_package_book(path, version: int, pages: list[tuple[str, str, str]], navigation: str, guide: str = "") -> None:
    """An EPUB of these (file, itemref attributes, body) pages in spine order, titled and authored, with this
    navigation: an EPUB 3 nav page's body (OEBPS/nav.xhtml, listed in the spine, not linear, as Standard Ebooks'
    and Gutenberg's are), or an EPUB 2 NCX's navMap."""
    manifest = "".join(
        f"<item id='p{n}' href='{name}' media-type='application/xhtml+xml'/>" for n, (name, _, _) in enumerate(pages)
    )
    spine = "".join(f"<itemref idref='p{n}' {attributes}/>" for n, (_, attributes, _) in enumerate(pages))
    files = {f"OEBPS/{name}": xhtml(body) for name, _, body in pages}
    if version == 3:
        manifest += "<item id='nav' href='nav.xhtml' media-type='application/xhtml+xml' properties='nav'/>"
        spine += "<itemref idref='nav' linear='no'/>"
        files["OEBPS/nav.xhtml"] = xhtml(navigation)
    else:
        manifest += "<item id='ncx' href='toc.ncx' media-type='application/x-dtbncx+xml'/>"
        files["OEBPS/toc.ncx"] = (
            f"<ncx xmlns='http://www.daisy.org/z3986/2005/ncx/'><navMap>{navigation}</navMap></ncx>"
        )
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as book:
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr(
            "OEBPS/content.opf",
            f"<package xmlns='http://www.idpf.org/2007/opf' version='{version}.0'>"
            "<metadata xmlns:dc='http://purl.org/dc/elements/1.1/'>"
            f"<dc:title>{TITLE}</dc:title><dc:creator>{AUTHOR}</dc:creator></metadata>"
            f"<manifest>{manifest}</manifest><spine toc='ncx'>{spine}</spine><guide>{guide}</guide></package>",
        )
        for name, text in files.items():
            book.writestr(name, text)


def write_standard_ebook(path) -> None:
    """A book as Standard Ebooks make them: every page's matter said by `epub:type`, a note's mark a link in the
    text, the notes on a page of their own, the navigation listing every page and its landmarks."""
    chapters = chapters_with_a_note("<a href='endnotes.xhtml#note-1' id='noteref-1' epub:type='noteref'>1</a>")
    other_books = "".join(f"<li><p><i>{name}</i></p></li>" for name in OTHER_BOOKS)
    pages = [
        (
            "titlepage.xhtml",
            "",
            f"<section epub:type='titlepage'><h1 epub:type='title'>{TITLE}</h1>"
            f"<p>By <b epub:type='z3998:author'>{AUTHOR}</b>. Illustrated by Per Hansen.</p></section>",
        ),
        (
            "imprint.xhtml",
            "",
            "<section epub:type='imprint'><h2>Imprint</h2><p>This ebook is the product of many hours of hard "
            "work by volunteers for Standard Ebooks, and builds on the work of Ann Example.</p></section>",
        ),
        (
            "dedication.xhtml",
            "",
            "<section epub:type='dedication'><p>For the keepers of every northern light.</p></section>",
        ),
        (
            "foreword.xhtml",
            "",
            "<section epub:type='foreword'><h2 epub:type='title'>Foreword</h2><p>The lighthouse "
            "on the northern cape was kept by hand until 1950.</p></section>",
        ),
    ]
    for n, (name, body) in enumerate(chapters.items(), 1):
        pages.append(
            (
                f"chapter-{n}.xhtml",
                "",
                f"<section id='chapter-{n}' epub:type='chapter'><h2 epub:type='title'>{name}</h2>{body}</section>",
            )
        )
    pages += [
        (
            "endnotes.xhtml",
            "",
            "<section epub:type='endnotes'><h2 epub:type='title'>Endnotes</h2><ol>"
            f"<li id='note-1' epub:type='endnote'><p>{NOTE} <a href='chapter-1.xhtml#noteref-1' "
            "epub:type='backlink'>↩</a></p></li></ol></section>",
        ),
        (
            "also-by.xhtml",
            "",
            f"<section epub:type='z3998:publisher-information'><h2>Also by {AUTHOR}</h2>"
            f"<ul>{other_books}</ul></section>",
        ),
        (
            "colophon.xhtml",
            "",
            f"<section epub:type='colophon'><p>{TITLE} was written by {AUTHOR} in 1931. "
            "It was produced by volunteers for Standard Ebooks.</p></section>",
        ),
        (
            "uncopyright.xhtml",
            "",
            "<section epub:type='copyright-page'><p>The source text and artwork in this "
            f"ebook are believed to be in the United States public domain; {AUTHOR} wrote it.</p></section>",
        ),
    ]
    names = [
        TITLE,
        "Imprint",
        "Dedication",
        "Foreword",
        *CHAPTERS,
        "Endnotes",
        f"Also by {AUTHOR}",
        "Colophon",
        "Uncopyright",
    ]
    toc = "".join(f"<li><a href='{name}'>{label}</a></li>" for (name, _, _), label in zip(pages, names, strict=True))
    landmarks = (
        "<li><a href='chapter-1.xhtml' epub:type='bodymatter z3998:fiction'>Start</a></li>"
        "<li><a href='endnotes.xhtml' epub:type='endnotes'>Endnotes</a></li>"
    )
    navigation = f"<nav epub:type='toc'><h2>Table of Contents</h2><ol>{toc}</ol></nav>" + (
        f"<nav epub:type='landmarks'><ol>{landmarks}</ol></nav>"
    )
    write_package_book(path, 3, pages, navigation)


def write_calibre_book(path) -> None:
    """A book as Calibre converts a publisher's: no semantics, its pages split where the source's were, a page of
    links for its contents and a copyright page outside the NCX, a note's mark a raised number linked to a page of
    notes, the author's other books and a page about the author after the story."""
    chapters = chapters_with_a_note("<sup><a href='index_split_006.html#n1' id='r1'>1</a></sup>")
    contents = "".join(
        f"<p class='calibre3'><a href='index_split_00{n}.html'>{name}</a></p>"
        for n, name in enumerate([*KEPT_MATTER, *CHAPTERS], 2)
    )
    pages = [
        ("titlepage.xhtml", "", "<div class='calibre'><img src='cover.jpeg' alt='cover'/></div>"),
        (
            "index_split_000.html",
            "",
            f"<p class='title'>{TITLE}</p><p>by {AUTHOR}</p><p class='small'>{COPYRIGHT}</p>"
            "<p class='small'>First published in 2019 by Skarvik Press, Harbour Street 4, Skarvik.</p>",
        ),
        ("index_split_001.html", "", f"<h1 class='calibre2'>Contents</h1>{contents}"),
    ]
    for n, (name, texts) in enumerate(KEPT_MATTER.items(), 2):
        pages.append((f"index_split_00{n}.html", "", f"<h1>{name}</h1>" + "".join(f"<p>{t}</p>" for t in texts)))
    for n, (name, body) in enumerate(chapters.items(), 4):
        pages.append((f"index_split_00{n}.html", "", f"<h1 class='calibre2'>{name}</h1>{body}"))
    pages += [
        (
            "index_split_006.html",
            "",
            f"<h1>Notes</h1><p class='calibre4'><a href='index_split_004.html#r1'>1</a> {NOTE}</p>",
        ),
        ("index_split_007.html", "", f"<h1>Also by {AUTHOR}</h1>" + "".join(f"<p>{b}</p>" for b in OTHER_BOOKS)),
        (
            "index_split_008.html",
            "",
            "<h1>About the Author</h1><p>Ann Example grew up in a lighthouse on the "
            "northern cape, where she wrote her first storm stories.</p>",
        ),
    ]
    named = [*KEPT_MATTER, *CHAPTERS, "Notes", f"Also by {AUTHOR}", "About the Author"]
    points = "".join(
        f"<navPoint id='n{n}'><navLabel><text>{name}</text></navLabel><content src='index_split_00{n}.html'/>"
        "</navPoint>"
        for n, name in enumerate(named, 2)
    )
    write_package_book(path, 2, pages, points, guide="<reference type='cover' href='titlepage.xhtml'/>")


@pytest.mark.parametrize("write", [write_standard_ebook, write_calibre_book], ids=["standard-ebooks", "calibre"])
def test_a_books_matter_is_no_story_text_and_its_own_text_is_kept(tmp_path, write):
    # A question about a chapter was answered with the contents, which repeat every chapter's name, "who wrote it"
    # with the copyright page, and the note's mark read into its word ("cape1"). The dedication and the foreword
    # are the book's text, and stay.
    write(tmp_path / "keeper.epub")
    library = check_story(tmp_path, chapters=KEPT_MATTER | CHAPTERS)
    texts = " ".join(p.text for p in library.corpus.passages)
    for left_out in [NOTE, "Skarvik Press", "Standard Ebooks", "About the Author", *OTHER_BOOKS, "Contents"]:
        assert left_out not in texts
    assert "the northern cape for forty years" in texts
    assert library.ask("Who was the book published by?").best is None


def test_a_kindle_books_notes_converted_by_calibre_are_no_story_text(tmp_path):
    # Calibre's EPUB of a Kindle book keeps no semantics and no heading over its notes: the mark is a link in one page,
    # the note a paragraph in the last chapter's page opening with its number linked back to the mark. It was read as
    # the last chapter's text. A paragraph opening with a numbered link to an anchor that does not link to it (a
    # glossary's) is the story's.
    note = "The salt pans at Hvaler were worked by hand until 1890."
    pages = [
        (
            "index_split_000.html",
            "",
            "<p class='calibre_5'><span class='bold'>Chapter One</span></p><p class='calibre_7'>Ingrid raked the salt"
            "<a href='index_split_001.html#filepos9100' id='filepos2500'><sup class='calibre9'>1</sup></a> into hills."
            "</p><p class='calibre_7'><a href='index_split_001.html#filepos9200' id='filepos2600'>2</a> carts came "
            "up the salt road every morning.</p>",
        ),
        (
            "index_split_001.html",
            "",
            "<p class='calibre_5'><span class='bold'>Chapter Two</span></p>"
            "<p class='calibre_7'>The ice broke in April, and Ingrid walked north to Bergen.</p>"
            "<div class='mbp_pagebreak'></div><p class='calibre_5'><span class='bold'>Notes</span></p>"
            f"<p class='calibre_10'><a href='index_split_000.html#filepos2500' id='filepos9100'>1</a> {note}</p>"
            "<p class='calibre_10'><a id='filepos9200' href='index_split_000.html#filepos3000'>Carts</a> are "
            "drawn by mules.</p>",
        ),
    ]
    write_package_book(tmp_path / "salt.epub", 2, pages, page_navigation(2, pages, ["Chapter One", "Chapter Two"]))
    texts = [" ".join(p.text.split()) for p in load_corpus(tmp_path).passages]
    assert not any("Hvaler" in text for text in texts)
    assert "Ingrid raked the salt into hills." in texts
    assert "carts came up the salt road every morning." in texts
    assert "Carts are drawn by mules." in texts


def test_a_chapter_named_by_a_mark_within_its_bold_line_is_not_said_again_and_a_bold_notes_line_is_matter(tmp_path):
    # Calibre's EPUB of a Kindle book: the navigation points at an anchor within the bold line that names a chapter, in
    # the middle of a page; that line was the chapter's first passage, the name said again. Its notes' bold "Notes"
    # line, after the last chapter and before "About the Author", was the last chapter's last passage.
    hills = "Ingrid raked the salt into white hills every morning, and Olof the carter weighed it on the iron scale."
    ice = "The ice broke in April, and Ingrid walked north to Bergen with the salt money sewn into her coat."
    body = (
        "<p class='calibre_5'><a id='filepos100'></a><span class='bold'>Chapter One</span></p>"
        f"<p class='calibre_7'>{hills}</p>"
        "<p class='calibre_5'><a id='filepos200'></a><span class='bold'>Chapter Two</span></p>"
        "<p class='calibre_7'>Chapter Two</p>"  # a chapter's first line may say its name: the story's
        f"<p class='calibre_7'>{ice}</p>"
        "<p class='calibre_5'><span class='bold'>Notes</span></p><p class='calibre_10'>Hvaler is an island.</p>"
        "<p class='calibre_5'><a id='filepos300'></a><span class='bold'>About the Author</span></p>"
        "<p class='calibre_7'>Ann Example lives in Tromsø.</p>"
    )
    navigation = "".join(
        f"<navPoint><navLabel><text>{name}</text></navLabel><content src='index_split_000.html#{anchor}'/></navPoint>"
        for name, anchor in (
            ("Chapter One", "filepos100"),
            ("Chapter Two", "filepos200"),
            ("About the Author", "filepos300"),
        )
    )
    write_package_book(tmp_path / "salt.epub", 2, [("index_split_000.html", "", body)], navigation)
    passages = [(p.chapter, " ".join(p.text.split())) for p in load_corpus(tmp_path).passages]
    assert passages == [("Chapter One", hills), ("Chapter Two", "Chapter Two"), ("Chapter Two", ice)]


def test_a_plays_speech_is_read_with_its_speaker(tmp_path):
    # Standard Ebooks set a play as a table, a row for each speech: the speaker and the speech were two passages, and
    # "who asks if she will sell the hut?" had no passage to answer from. A stage direction has no speaker; a speech of
    # paragraphs is read as they are.
    play = (
        "<section id='chapter-3' epub:type='chapter z3998:scene'><h2 epub:type='ordinal'>III</h2>"
        "<table><tbody><tr><td epub:type='z3998:persona'>Olof</td>"
        "<td epub:type='z3998:speech'>Will you sell the hut?</td></tr>"
        "<tr><td epub:type='z3998:persona'>Ingrid</td><td epub:type='z3998:speech'>Never. <i "
        "epub:type='z3998:stage-direction'>(She turns away.)</i> Not for all the salt in Bergen.</td></tr>"
        "<tr><td/><td><i epub:type='z3998:stage-direction'>The mule shakes its bells.</i></td></tr>"
        "<tr><td epub:type='z3998:persona'>Olof</td><td epub:type='z3998:speech'><p>Then I go.</p>"
        "<p>The road is long.</p></td></tr></tbody></table></section>"
    )
    pages = [("chapter-3.xhtml", "", play)]
    write_package_book(tmp_path / "salt.epub", 3, pages, page_navigation(3, pages, ["III"]))
    assert [" ".join(p.text.split()) for p in load_corpus(tmp_path).passages] == [
        "Olof: Will you sell the hut?",
        "Ingrid: Never. (She turns away.) Not for all the salt in Bergen.",
        "The mule shakes its bells.",
        "Olof",
        "Then I go.",
        "The road is long.",
    ]


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-landmarks", "epub2-guide"])
def test_a_page_the_landmarks_or_guide_call_a_colophon_is_no_story_text(tmp_path, version):
    # Nothing on the page says what it is, and the navigation leaves it out: only the package's guide (EPUB 2) or
    # the navigation's landmarks (EPUB 3) say it is the colophon, read as the last chapter's last paragraph.
    colophon = "Set in Garamond and printed on the northern cape by Skarvik Press."
    pages = [(f"c{n}.xhtml", "", body) for n, body in enumerate(chapters_with_a_note("").values())]
    pages.append(("colophon.xhtml", "", f"<p>{colophon}</p>"))
    points = "".join(
        f"<navPoint><navLabel><text>{name}</text></navLabel><content src='c{n}.xhtml'/></navPoint>"
        for n, name in enumerate(CHAPTERS)
    )
    toc = "".join(f"<li><a href='c{n}.xhtml'>{name}</a></li>" for n, name in enumerate(CHAPTERS))
    landmarks = "<nav epub:type='landmarks'><ol><li><a epub:type='colophon' href='colophon.xhtml'>Colophon</a></li>"
    navigation = f"<nav epub:type='toc'><ol>{toc}</ol></nav>{landmarks}</ol></nav>" if version == 3 else points
    guide = "<reference type='colophon' title='Colophon' href='colophon.xhtml'/>" if version == 2 else ""
    write_package_book(tmp_path / "keeper.epub", version, pages, navigation, guide)
    check_story(tmp_path)


def test_a_short_story_of_one_page_that_says_all_rights_reserved_is_read_whole(tmp_path):
    # A copyright page is a page of a book; a story that is its book's one page keeps its text, notice and all.
    notice = "© 2020 Ann Example. All rights reserved."
    body = "".join(f"<h2>{name}</h2>{text}" for name, text in chapters_with_a_note("").items())
    write_package_book(tmp_path / "keeper.epub", 3, [("story.xhtml", "", f"{body}<p>{notice}</p>")], "")
    chapters = dict(CHAPTERS)
    chapters["Chapter Two: The Calm"] = [*chapters["Chapter Two: The Calm"], notice]
    check_story(tmp_path, chapters=chapters)


def test_a_book_of_one_page_its_guide_calls_the_title_page_is_read(tmp_path):
    # Converters that write the whole book as one page point the guide's "title-page" (or "toc") at it, without an
    # anchor: the navigation names the chapters in it, so it is the story, not a page of matter.
    body = "".join(
        f"<h2 id='c{n}'>{name}</h2>{text}" for n, (name, text) in enumerate(chapters_with_a_note("").items())
    )
    points = "".join(
        f"<navPoint><navLabel><text>{name}</text></navLabel><content src='book.xhtml#c{n}'/></navPoint>"
        for n, name in enumerate(CHAPTERS)
    )
    guide = "<reference type='title-page' href='book.xhtml'/><reference type='toc' href='book.xhtml'/>"
    write_package_book(tmp_path / "keeper.epub", 2, [("book.xhtml", "", body)], points, guide)
    check_story(tmp_path)


@pytest.mark.parametrize("name", ["Notes", "Cover", "About the Author", "Praise for the Harvest"])
@pytest.mark.parametrize("navigation", [True, False], ids=["named-by-navigation", "named-by-headings"])
def test_a_story_chapter_named_like_a_books_matter_is_read(tmp_path, name, navigation):
    # A section named "Notes" or "Cover" was dropped wherever it stood: a story's own chapter so named (a
    # metafiction's "About the Author"), between two others or as a book's only chapter, was lost whole.
    middle = ["The lawyer wrote her notes on the back of the lamp-room door, one for every storm."]
    chapters = {"Chapter One: The Storm": CHAPTERS["Chapter One: The Storm"], name: middle}
    chapters["Chapter Two: The Calm"] = CHAPTERS["Chapter Two: The Calm"]
    pages = [
        (f"c{n}.xhtml", "", f"<h1>{title}</h1>" + "".join(f"<p>{text}</p>" for text in texts))
        for n, (title, texts) in enumerate(chapters.items())
    ]
    toc = "".join(f"<li><a href='c{n}.xhtml'>{title}</a></li>" for n, title in enumerate(chapters))
    write_package_book(tmp_path / "keeper.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>" * navigation)
    check_story(tmp_path, chapters=chapters)
    write_package_book(tmp_path / "keeper.epub", 3, pages[1:2], "")
    _, passages = read_story(tmp_path / "keeper.epub")
    assert [p.text for p in passages] == middle


@pytest.mark.parametrize(
    "said",
    ["'All rights reserved,' the lawyer said, and stamped it.", "The librarian read out its ISBN 978-1-23456-789-0."],
)
def test_a_short_page_of_the_story_saying_all_rights_reserved_or_an_isbn_is_read(tmp_path, said):
    # A short page saying "All rights reserved" or giving an ISBN was taken for the copyright page wherever it
    # stood: in the story's middle (a converter's split of a chapter) or named a chapter by the navigation at its
    # end. A publisher's stands at the book's start or end and names no chapter; the book's own is still dropped.
    one, two = CHAPTERS.values()
    pages = [
        ("c0.xhtml", "", "".join(f"<p>{text}</p>" for text in one)),
        ("c1.xhtml", "", f"<p>{said}</p>"),
        ("c2.xhtml", "", "".join(f"<p>{text}</p>" for text in two)),
        ("c3.xhtml", "", f"<p>{said}</p>"),
        ("c4.xhtml", "", f"<p>{COPYRIGHT}</p>"),
    ]
    names = [*CHAPTERS, "Chapter Three: The Stamp"]
    toc = "".join(f"<li><a href='c{n}.xhtml'>{name}</a></li>" for n, name in zip([0, 2, 3], names, strict=True))
    write_package_book(tmp_path / "keeper.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>")
    chapters = {names[0]: [*one, said], names[1]: two, names[2]: [said]}
    library = check_story(tmp_path, chapters=chapters)
    assert "Skarvik Press" not in " ".join(p.text for p in library.corpus.passages)


@pytest.mark.parametrize("navigation", [True, False], ids=["named-by-navigation", "named-by-headings"])
def test_a_chapters_number_and_title_in_an_hgroup_name_it_once(tmp_path, navigation):
    # Standard Ebooks head each chapter page with its number and title in an <hgroup> ("<h2>I</h2><p>At the Admiral
    # Benbow</p>") and name the page "I: At the Admiral Benbow" in the navigation. The page's own heading named the
    # chapter instead ("I"), and the title line was read as its first paragraph.
    pages = []
    for n, (name, texts) in enumerate(CHAPTERS.items()):
        number, title = name.split(": ")
        heading = f"<hgroup><h2 epub:type='ordinal'>{number}</h2><p epub:type='title'>{title}</p></hgroup>"
        body = "".join(f"<p>{text}</p>" for text in texts)
        pages.append((f"c{n}.xhtml", "", f"<section id='c{n}' epub:type='chapter'>{heading}{body}</section>"))
    toc = "".join(f"<li><a href='c{n}.xhtml'>{name}</a></li>" for n, name in enumerate(CHAPTERS))
    write_package_book(tmp_path / "keeper.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>" * navigation)
    check_story(tmp_path)


def indesign_pages(number_class: str, title_class: str) -> list[tuple[str, str, str]]:
    """Chapter pages as InDesign exports a book set with paragraph styles and no heading: each opens with its number
    over its title, two paragraphs ("<p class='CN' id='_idParaDest-1'>Chapter One</p><p class='CT'>The Storm</p>"),
    the first the navigation's target, the first text's letter a drop cap."""
    pages = []
    for n, (name, texts) in enumerate(CHAPTERS.items(), 1):
        number, title = name.split(": ")
        opener = f"<p class='{number_class}' id='_idParaDest-{n}'>{number}</p><p class='{title_class}'>{title}</p>"
        first, *rest = texts
        body = f"<p class='FP'><span class='DropCap'>{first[0]}</span>{first[1:]}</p>"
        body += "".join(f"<p class='TX'>{text}</p>" for text in rest)
        pages.append((f"Text/Keeper-{n}.xhtml", "", f"<div id='_idContainer00{n}'>{opener}{body}</div>"))
    return pages


@pytest.mark.parametrize(
    ("classes", "navigation"),
    [(("CN", "CT"), True), (("CN", "CT"), False), (("chapter-number", "chapter_title"), False), (("", ""), True)],
    ids=["indesign-tags", "tags-without-navigation", "class-names-without-navigation", "navigation-alone"],
)
def test_a_chapters_number_and_title_set_as_two_paragraphs_name_it(tmp_path, classes, navigation):
    # InDesign sets a chapter's opener in paragraph styles, no <h1>: its number and title are two paragraphs whose
    # classes are the styles' names, the navigation pointing at the first. They were each chapter's first two passages.
    pages = indesign_pages(*classes)
    toc = "".join(
        f"<li><a href='Text/Keeper-{n}.xhtml#_idParaDest-{n}'>{name}</a></li>" for n, name in enumerate(CHAPTERS, 1)
    )
    write_package_book(tmp_path / "keeper.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>" * navigation)
    check_story(tmp_path)


def test_a_short_first_paragraph_under_a_chapters_mark_stays_text(tmp_path):
    # A chapter whose first paragraph is short, and begins as the navigation's name does ("Chapter One" under
    # "Chapter One: The Storm"), is the story's when the next does not say the rest of the name.
    first = {"Chapter One: The Storm": ["Chapter One", "The Storm came at night.", *CHAPTERS["Chapter One: The Storm"]]}
    chapters = {**CHAPTERS, **first}
    pages = [
        (f"c{n}.xhtml", "", f"<div id='c{n}'>" + "".join(f"<p>{text}</p>" for text in texts) + "</div>")
        for n, texts in enumerate(chapters.values())
    ]
    toc = "".join(f"<li><a href='c{n}.xhtml#c{n}'>{name}</a></li>" for n, name in enumerate(chapters))
    write_package_book(tmp_path / "keeper.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>")
    check_story(tmp_path, chapters)


def test_a_chapters_classed_title_under_a_navigation_of_numbers_alone_is_read(tmp_path):
    # The navigation names each page whole by its number alone ("Chapter 1"), and the page opens with paragraphs
    # classed as its number and title: the title, said nowhere else, was lost with the page's own heading.
    pages = [
        (
            f"c{n}.xhtml",
            "",
            f"<p class='chapter-number'>{n}</p><p class='chapter-title'>{name.split(': ')[1]}</p>"
            + "".join(f"<p>{text}</p>" for text in texts),
        )
        for n, (name, texts) in enumerate(CHAPTERS.items(), 1)
    ]
    toc = "".join(f"<li><a href='c{n}.xhtml'>Chapter {n}</a></li>" for n in range(1, len(CHAPTERS) + 1))
    write_package_book(tmp_path / "keeper.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>")
    chapters = {
        f"Chapter {n}": [str(n), name.split(": ")[1], *texts] for n, (name, texts) in enumerate(CHAPTERS.items(), 1)
    }
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == chapters


@pytest.mark.parametrize(
    ("name", "opening"),
    [
        (
            "Come Home",
            ["\u201cCome!\u201d", "\u201cHome!\u201d"],
        ),  # a chapter named for the words its speech opens with
        ("Chapter " + "long " * 40 + "end", ["Chapter", *(["long"] * 40), "end"]),  # no heading is as long
    ],
    ids=["speech", "longer-than-a-heading"],
)
def test_paragraphs_under_a_chapters_mark_that_say_its_name_in_speech_or_at_no_headings_length_are_text(
    tmp_path, name, opening
):
    # Lines of speech spelling the navigation's name, and a name longer than any heading said a word a paragraph
    # (each paragraph joined again with all before it: a crafted book of 20,000 took minutes), stay the story's.
    chapters = {name: [*opening, "Her mother called from the door of the hut."], **CHAPTERS}
    pages = [
        (f"c{n}.xhtml", "", f"<div id='c{n}'>" + "".join(f"<p>{text}</p>" for text in texts) + "</div>")
        for n, texts in enumerate(chapters.values())
    ]
    toc = "".join(f"<li><a href='c{n}.xhtml#c{n}'>{chapter}</a></li>" for n, chapter in enumerate(chapters))
    write_package_book(tmp_path / "keeper.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>")
    check_story(tmp_path, chapters)


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_a_copyright_page_headed_by_the_books_title_is_no_story_text(tmp_path, version):
    # pandoc puts what stands before a book's first chapter (its copyright lines) on a page headed, and named in the
    # navigation, by the book's title: a heading, so the page was taken for a chapter and its notice read.
    pages = [("ch001.xhtml", "", f"<section><h1>{TITLE}</h1><p>{COPYRIGHT}</p></section>")]
    pages += [
        (f"ch00{n}.xhtml", "", f"<section><h1>{name}</h1>{body}</section>")
        for n, (name, body) in enumerate(chapters_with_a_note("").items(), 2)
    ]
    names = [TITLE, *CHAPTERS]
    write_package_book(tmp_path / "keeper.epub", version, pages, page_navigation(version, pages, names))
    library = check_story(tmp_path)
    assert "Skarvik Press" not in " ".join(p.text for p in library.corpus.passages)


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_a_part_numbered_within_a_story_is_named_with_the_story(tmp_path, version):
    # Standard Ebooks' collections name a story told in parts by its title, and each part within it by its number
    # alone ("A Scandal in Bohemia", then "I", "II", "III"): the parts' chapters were "I" and "II", of no story.
    one, two = CHAPTERS.values()
    sections = "".join(
        f"<section id='s{n}'><h3>{number}</h3>" + "".join(f"<p>{text}</p>" for text in texts) + "</section>"
        for n, (number, texts) in enumerate([("I", one), ("II", two)], 1)
    )
    pages = [("keeper.xhtml", "", f"<article><h2>The Keeper's Year</h2>{sections}</article>")]
    pages.append(("mill.xhtml", "", "<h2>The Mill</h2><p>The miller ground rye by the river.</p>"))
    if version == 3:
        parts = "".join(f"<li><a href='keeper.xhtml#s{n}'>{number}</a></li>" for n, number in [(1, "I"), (2, "II")])
        navigation = (
            f"<nav epub:type='toc'><ol><li><a href='keeper.xhtml'>The Keeper's Year</a><ol>{parts}</ol></li>"
            "<li><a href='mill.xhtml'>The Mill</a></li></ol></nav>"
        )
    else:
        parts = "".join(
            f"<navPoint><navLabel><text>{number}</text></navLabel><content src='keeper.xhtml#s{n}'/></navPoint>"
            for n, number in [(1, "I"), (2, "II")]
        )
        navigation = (
            f"<navPoint><navLabel><text>The Keeper's Year</text></navLabel><content src='keeper.xhtml'/>{parts}"
            "</navPoint><navPoint><navLabel><text>The Mill</text></navLabel><content src='mill.xhtml'/></navPoint>"
        )
    write_package_book(tmp_path / "keeper.epub", version, pages, navigation)
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == {
        "The Keeper's Year: I": one,
        "The Keeper's Year: II": two,
        "The Mill": ["The miller ground rye by the river."],
    }


def nested_navigation(version: int, entries: list[tuple[str, str, list[tuple[str, str]]]]) -> str:
    """Navigation of (page, name, entries within it) entries, those within one level deep: EPUB 3's nav or EPUB 2's
    navPoints, for write_package_book."""
    if version == 3:
        items = "".join(
            f"<li><a href='{page}'>{name}</a>"
            + (
                f"<ol>{''.join(f'<li><a href={inner!r}>{label}</a></li>' for inner, label in within)}</ol>"
                * bool(within)
            )
            + "</li>"
            for page, name, within in entries
        )
        return f"<nav epub:type='toc'><ol>{items}</ol></nav>"
    point = "<navPoint><navLabel><text>{}</text></navLabel><content src='{}'/>"
    return "".join(
        point.format(name, page)
        + "".join(point.format(label, inner) + "</navPoint>" for inner, label in within)
        + "</navPoint>"
        for page, name, within in entries
    )


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_a_chapter_within_a_part_of_no_text_of_its_own_is_named_with_the_part(tmp_path, version):
    # Standard Ebooks' navigation nests a book's chapters in its parts ("Part I: The Village", then "I: The Hut" and
    # "II: The Letter"), and a part's page is its heading alone: the part's name was read nowhere, so a question of
    # "part one" found none of its chapters. A part with text of its own names that text, and its chapters keep
    # their names; so does a chapter of a flat navigation (the other tests), and of an entry that holds the whole
    # book, its title (Calibre's: test_an_epub_with_no_title_but_its_lone_first_heading_is_titled_by_it).
    one, two = CHAPTERS.values()
    part = "<section epub:type='part'><hgroup><h2>Part I</h2><p epub:type='title'>The Village</p></hgroup></section>"
    pages = [
        ("part-1.xhtml", "", part),
        ("chapter-1.xhtml", "", "<h3>I: The Hut</h3>" + "".join(f"<p>{text}</p>" for text in one)),
        ("chapter-2.xhtml", "", "<h3>II: The Letter</h3>" + "".join(f"<p>{text}</p>" for text in two)),
        ("part-2.xhtml", "", "<h2>Part II: The Sea</h2><p>The sea gives and the sea takes.</p>"),
        ("chapter-3.xhtml", "", "<h3>III: The Boat</h3><p>The boat was hers.</p>"),
    ]
    navigation = nested_navigation(
        version,
        [
            (
                "part-1.xhtml",
                "Part I: The Village",
                [("chapter-1.xhtml", "I: The Hut"), ("chapter-2.xhtml", "II: The Letter")],
            ),
            ("part-2.xhtml", "Part II: The Sea", [("chapter-3.xhtml", "III: The Boat")]),
        ],
    )
    write_package_book(tmp_path / "salt.epub", version, pages, navigation)
    found: dict[str, list[str]] = {}
    for passage in read_story(tmp_path / "salt.epub")[1]:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == {
        "Part I: The Village: I: The Hut": one,
        "Part I: The Village: II: The Letter": two,
        "Part II: The Sea": ["The sea gives and the sea takes."],
        "III: The Boat": ["The boat was hers."],
    }


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_chapters_within_an_entry_naming_the_book_shortly_beside_a_dedication_keep_their_names(tmp_path, version):
    # Calibre's navigation of "The Lighthouse Keeper: A Novel": a "Dedication" beside the book's own entry, named
    # short, around its chapters. Each chapter was "The Lighthouse Keeper: Chapter 1", the book's title taken for a
    # part's name.
    one, two = CHAPTERS.values()
    pages = [
        ("dedication.xhtml", "", "<p>For my mother, who waited.</p>"),
        ("chapter-1.xhtml", "", "<h2>Chapter 1</h2>" + "".join(f"<p>{text}</p>" for text in one)),
        ("chapter-2.xhtml", "", "<h2>Chapter 2</h2>" + "".join(f"<p>{text}</p>" for text in two)),
    ]
    entries = [("chapter-1.xhtml", "Chapter 1"), ("chapter-2.xhtml", "Chapter 2")]
    navigation = nested_navigation(
        version, [("dedication.xhtml", "Dedication", []), ("chapter-1.xhtml", TITLE.rsplit(" ", 1)[0], entries)]
    )
    write_package_book(tmp_path / "keeper.epub", version, pages, navigation)
    chapters = {passage.chapter for passage in read_story(tmp_path / "keeper.epub")[1]}
    assert chapters == {"Dedication", "Chapter 1", "Chapter 2"}


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_a_letter_of_an_alphabet_within_an_entry_is_no_number(tmp_path, version):
    # Standard Ebooks' The Devil's Dictionary lists its letters within the book's entry: "A", "B", "C", "D", "E".
    # "C" and "D" were read as Roman numerals, a part's number, and named "The Devil's Dictionary: C" beside "A".
    # Among letters of no numeral ("A", "B"), a lone letter is a letter; "Mild", no numeral, is a word.
    letters = {
        letter: [f"{letter} is the letter of the {word}."]
        for letter, word in zip("ABCDE", ["ant", "bee", "cat", "dog", "eel"], strict=True)
    }
    letters["Mild"] = ["A word of the glossary's own."]
    pages = [
        (f"{name.lower()}.xhtml", "", f"<section id='{name}'><h3>{name}</h3><p>{texts[0]}</p></section>")
        for name, texts in letters.items()
    ]
    if version == 3:
        entries = "".join(
            f"<li><a href='{page}'>{name}</a></li>" for (page, _, _), name in zip(pages, letters, strict=True)
        )
        navigation = (
            f"<nav epub:type='toc'><ol><li><a href='a.xhtml'>The Glossary</a><ol>{entries}</ol></li></ol></nav>"
        )
    else:
        entries = "".join(
            f"<navPoint><navLabel><text>{name}</text></navLabel><content src='{page}'/></navPoint>"
            for (page, _, _), name in zip(pages, letters, strict=True)
        )
        navigation = (
            f"<navPoint><navLabel><text>The Glossary</text></navLabel><content src='a.xhtml'/>{entries}</navPoint>"
        )
    write_package_book(tmp_path / "glossary.epub", version, pages, navigation)
    found: dict[str, list[str]] = {}
    for passage in read_story(tmp_path / "glossary.epub")[1]:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == letters


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_a_short_story_headed_by_its_title_with_its_notice_before_about_the_author_is_read(tmp_path, version):
    # A short story of one page headed by the book's title, ending in its copyright line, then "About the Author":
    # the story's page was taken for the copyright page before the book's first other page, the author's, and left
    # out; the author's page was read in the story's place.
    notice = "© 2020 Ann Example. All rights reserved."
    texts = [*CHAPTERS["Chapter One: The Storm"], notice]
    story = f"<h1>{TITLE}</h1>" + "".join(f"<p>{text}</p>" for text in texts)
    pages = [("story.xhtml", "", story), ("about.xhtml", "", "<h1>About the Author</h1><p>Ann Example sails.</p>")]
    names = [TITLE, "About the Author"]
    write_package_book(tmp_path / "keeper.epub", version, pages, page_navigation(version, pages, names))
    _, passages = read_story(tmp_path / "keeper.epub")
    assert [p.text for p in passages][: len(texts)] == texts


def test_a_poem_titled_by_its_first_line_keeps_that_line_and_libreoffices_heading_is_read_once(tmp_path):
    # The navigation names each poem by its first line, as the page's own heading does; a paragraph that said the
    # name again was left out, and with it the poem's first line. Only a page's first paragraph, standing in place
    # of its heading (LibreOffice's), says the navigation's name again.
    poems = {
        "I watched the lamp go round": ["I watched the lamp go round", "and counted every beam,", "and slept."],
        "The gulls came home at dusk": ["The gulls came home at dusk", "and so did she."],
    }
    pages = [
        (
            "p0.xhtml",
            "",
            "<h2>I watched the lamp go round</h2>"
            + "".join(f"<p>{line}</p>" for line in poems["I watched the lamp go round"]),
        ),
        (
            "p1.xhtml",
            "",
            "<p class='para3'>The gulls came home at dusk</p><p>The gulls came home at dusk</p><p>and so did she.</p>",
        ),
    ]
    toc = "".join(f"<li><a href='p{n}.xhtml'>{name}</a></li>" for n, name in enumerate(poems))
    write_package_book(tmp_path / "poems.epub", 3, pages, f"<nav epub:type='toc'><ol>{toc}</ol></nav>")
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == {name: [" ".join(lines)] for name, lines in poems.items()}  # each one sentence, one passage


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_a_page_the_navigation_names_as_a_part_keeps_the_chapters_headed_within_it(tmp_path, version):
    # Every heading before a page's text was taken for its own, named by the navigation instead: a page named "Part
    # One" that opens with its part's heading and then its first chapter's lost that chapter's name, its text read
    # as the part's (its second chapter, further on, kept its own). Its own heading is the navigation's name: one
    # heading, or two that say it together ("I", then "At the Admiral Benbow").
    pages = [
        (
            "p1.xhtml",
            "",
            "<h1>Part One</h1><h2>Chapter 1</h2><p>Maren lit the lamp.</p><h2>Chapter 2</h2><p>It rained.</p>",
        ),
        ("p2.xhtml", "", "<h2>II</h2><h3>The Calm</h3><p>The sea was calm.</p>"),
    ]
    write_package_book(
        tmp_path / "keeper.epub", version, pages, page_navigation(version, pages, ["Part One", "II: The Calm"])
    )
    _, passages = read_story(tmp_path / "keeper.epub")
    assert [(p.chapter, p.text) for p in passages] == [
        ("Chapter 1", "Maren lit the lamp."),
        ("Chapter 2", "It rained."),
        ("II: The Calm", "The sea was calm."),
    ]


@pytest.mark.parametrize("version", [3, 2])
def test_a_chapter_named_section_1_by_its_own_heading_keeps_its_name(tmp_path, version):
    # LibreOffice names a page with no heading "Section 1" in its navigation (its title and copyright page), a name
    # that says nothing, and is left out; a book whose chapters are called "Section 1" and "Section 2" says so on
    # their pages, and keeps the names.
    chapters = dict(zip(["Section 1", "Section 2"], CHAPTERS.values(), strict=True))
    pages = [
        (f"section000{n + 1}.xhtml", "", f"<h1>{name}</h1>" + "".join(f"<p>{text}</p>" for text in texts))
        for n, (name, texts) in enumerate(chapters.items())
    ]
    write_package_book(tmp_path / "keeper.epub", version, pages, page_navigation(version, pages, list(chapters)))
    found: dict[str, list[str]] = {}
    for passage in load_corpus(tmp_path).passages:
        found.setdefault(passage.chapter or "", []).append(passage.text)
    assert found == chapters


@pytest.mark.parametrize(
    ("fixture", "chapters"),
    [
        ("mill-libreoffice.epub", []),
        ("mill-chapters-calibre.epub", MILL_CHAPTERS),
    ],
)
def test_an_epub_with_no_title_but_its_lone_first_heading_is_titled_by_it(fixture, chapters):
    """A story opening with "# The Mill" (LibreOffice's of a Word file with a Heading 1 first, its title "Unknown
    Title"; Calibre's, "Unknown"): the heading alone at its level is the title. It was named after its file, "The Mill"
    its first chapter."""
    assert title_and_chapters(fixture) == (MILL_TITLE, chapters)


def test_an_epub_books_first_chapter_heading_is_no_title():
    """ "Chapter 1" with "Chapter 2" at its level after it names a chapter; the book is named after its file."""
    assert title_and_chapters("ferry-libreoffice.epub") == (None, ["Chapter 1", "Chapter 2"])


def test_ruby_is_read_as_the_words_it_glosses_in_pages_and_chapters_names(tmp_path):
    # An EPUB 3's ruby (Japanese publishers', Aozora Bunko's) read its reading into the word: "彼は漢かん字じを書いた"
    # holds no "漢字", which a question has; the navigation's name for a chapter, "第一章 灯台とうだい", likewise.
    name = "第一章 <ruby>灯台<rt>とうだい</rt></ruby>"
    body = f"<h1>{name}</h1><p>彼は<ruby>漢<rt>かん</rt>字<rt>じ</rt></ruby>を書いた。</p><p>次の段落です。</p>"
    pages = [("ch1.xhtml", "", body)]
    write_package_book(tmp_path / "ruby.epub", 3, pages, page_navigation(3, pages, [name]))
    found = [(p.chapter, p.text) for p in load_corpus(tmp_path).passages]
    assert found == [("第一章 灯台", "彼は漢字を書いた。"), ("第一章 灯台", "次の段落です。")]


@pytest.mark.parametrize("version", [3, 2])
def test_a_chapters_subtitle_the_navigation_leaves_out_still_names_it(tmp_path, version):
    # A publisher's EPUB: the navigation names each page by its number, "Chapter One", the page gives its title in a
    # subtitle under its heading. The title was lost; a page whose heading says only the navigation's name keeps it.
    pages = [
        ("ch1.xhtml", "", "<h1>Chapter One</h1><p class='subtitle'><em>The Keeper</em></p><p>Ingrid kept it.</p>"),
        ("ch2.xhtml", "", "<h1>Chapter Two</h1><p>The storm came.</p>"),
    ]
    navigation = page_navigation(version, pages, ["Chapter One", "Chapter Two"])
    write_package_book(tmp_path / "salt.epub", version, pages, navigation)
    assert [(p.chapter, p.text) for p in load_corpus(tmp_path).passages] == [
        ("Chapter One: The Keeper", "Ingrid kept it."),
        ("Chapter Two", "The storm came."),
    ]


def test_a_long_navigation_name_and_page_heading_are_compared_in_few_steps(tmp_path):
    # What a page's own heading says after the navigation's name was looked for by comparing their words at every
    # length: a name and a heading of thousands of words each (an upload made so) took steps in their square.
    words = " ".join(f"Word{n}" for n in range(1000))
    pages = [("ch1.xhtml", "", f"<h1>{words} More</h1><p>Ingrid kept it.</p>")]
    write_package_book(tmp_path / "long.epub", 3, pages, page_navigation(3, pages, [f"{words} Else"]))
    (_, passages), steps = lines_run_in(epub.__file__, lambda: read_story(tmp_path / "long.epub"))
    assert [p.text for p in passages] == ["Ingrid kept it."]
    assert steps < 3000


@pytest.mark.parametrize("version", [3, 2], ids=["epub3-nav", "epub2-ncx"])
def test_a_part_pages_epigraph_is_no_text_of_its_own_and_its_chapters_are_named_with_the_part(tmp_path, version):
    # A part page holding its heading and an epigraph: the epigraph counted as the part's own text, so that part's
    # chapters kept their bare names where a part of its heading alone named its own ("1. The Hut" beside "Part II:
    # The Sea: 2. The Boat"). The epigraph stays a passage, under the part.
    epigraph = "<div class='epigraph'><p>I must go down to the seas again.</p><p>John Masefield</p></div>"
    pages = [
        ("part-1.xhtml", "", f"<h1>Part I: The Village</h1>{epigraph}"),
        ("chapter-1.xhtml", "", "<h2>1. The Hut</h2><p>The hut was cold.</p>"),
        ("part-2.xhtml", "", "<h1>Part II: The Sea</h1>"),
        ("chapter-2.xhtml", "", "<h2>2. The Boat</h2><p>The boat was hers.</p>"),
    ]
    navigation = nested_navigation(
        version,
        [
            ("part-1.xhtml", "Part I: The Village", [("chapter-1.xhtml", "1. The Hut")]),
            ("part-2.xhtml", "Part II: The Sea", [("chapter-2.xhtml", "2. The Boat")]),
        ],
    )
    write_package_book(tmp_path / "salt.epub", version, pages, navigation)
    assert [(p.chapter, p.text) for p in read_story(tmp_path / "salt.epub")[1]] == [
        ("Part I: The Village", "I must go down to the seas again. John Masefield"),
        ("Part I: The Village: 1. The Hut", "The hut was cold."),
        ("Part II: The Sea: 2. The Boat", "The boat was hers."),
    ]
