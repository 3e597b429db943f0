"""Loading story files at doubling sizes: linear work keeps the time per MB flat.

    .venv/bin/python bench/bench_loading.py [--largest-mb N] [--only NAME ...]

Each kind of file (ordinary ones in each format the readers take without a heavy writer, and lines
built to make a backtracking regular expression rescan the rest of the line) is written at 1, 2, 4,
... MB and loaded as the bot loads a story file (HTML, EPUB, Word, ODT, FB2 and PDF need `.[formats]`, PDF also
fpdf2 from `.[test]` to write it); a
flat "ms per MB" column (ratio near 1 against the first size) shows linear time, and a column that
doubles with the size would show quadratic time.
"""

from __future__ import annotations

import argparse
import io
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from bot.core.corpus import NoStories, load_corpus


def repeated(unit: str, prefix: str = "", suffix: str = "") -> Callable[[int], str]:
    return lambda size: prefix + unit * ((size - len(prefix) - len(suffix)) // len(unit)) + suffix


PROSE = "Maren kept the old lighthouse on the northern cape, and every night she lit the lamp for the boats. "
WRAPPED = "Maren kept the old lighthouse on the northern cape, and every night\nshe lit the lamp for the boats.\n"
GUTENBERG = (
    "Title: The Keeper\n\n*** START OF THE PROJECT GUTENBERG EBOOK THE KEEPER ***\n\n",
    "CHAPTER I.\nThe Storm\n\n" + WRAPPED * 6 + "\n",
    "*** END OF THE PROJECT GUTENBERG EBOOK THE KEEPER ***\n\nTHE FULL PROJECT GUTENBERG LICENSE\n",
)
HTML_PAGE = (
    "<html><head><title>Keeper</title></head><body>",
    "<h2>Chapter</h2><p>" + PROSE * 4 + "</p>",
    "</body></html>",
)
XHTML_PAGE = (
    '<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>',
    "<h2>Chapter</h2><p>" + PROSE * 4 + "</p>",
    "</body></html>",
)
CONTAINER = (
    '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    '<rootfile full-path="content.opf"/></rootfiles></container>'
)
PACKAGE = (
    '<package xmlns="http://www.idpf.org/2007/opf"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
    "<dc:title>Keeper</dc:title></metadata><manifest>"
    '<item id="p" href="page.xhtml" media-type="application/xhtml+xml"/></manifest>'
    '<spine><itemref idref="p"/></spine></package>'
)


def epub(size: int) -> bytes:
    """An EPUB whose one page unpacks to `size` bytes."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("content.opf", PACKAGE)
        book.writestr("page.xhtml", repeated(XHTML_PAGE[1], XHTML_PAGE[0], XHTML_PAGE[2])(size))
    return packed.getvalue()


def docx(size: int) -> bytes:
    """A Word document of about `size` bytes of text: headings every ten paragraphs (needs `.[formats]`)."""
    import docx as python_docx

    document = python_docx.Document()
    for number in range(size // len(PROSE * 4)):
        if number % 10 == 0:
            document.add_heading(f"Chapter {number // 10 + 1}", level=1)
        document.add_paragraph(PROSE * 4)
    packed = io.BytesIO()
    document.save(packed)
    return packed.getvalue()


ODT_CONTENT = (
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>',
    '<text:h text:outline-level="1">Chapter</text:h><text:p text:style-name="P1">'
    + PROSE * 2
    + "<text:span>"
    + PROSE * 2
    + "</text:span></text:p>",
    "</office:text></office:body></office:document-content>",
)
RTF = (
    r"{\rtf1\ansi\deff0{\fonttbl{\f0\froman\fcharset0 Times;}}{\stylesheet{\s0 Normal;}{\s1 Heading 1;}}",
    r"\pard\plain\s1\f0\fs28\b Chapter\par\pard\plain\s0\f0\fs22\lang1033 "
    + PROSE * 2
    + r"{\i "
    + PROSE * 2
    + r"}\par ",
    "}",
)
FB2 = (
    '<?xml version="1.0" encoding="utf-8"?><FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0">'
    "<description><title-info><book-title>Keeper</book-title></title-info></description><body>",
    "<section><title><p>Chapter</p></title><p>" + PROSE * 2 + "<emphasis>" + PROSE * 2 + "</emphasis></p></section>",
    "</body></FictionBook>",
)


def odt(size: int) -> bytes:
    """An OpenDocument text whose content.xml unpacks to `size` bytes."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as document:
        document.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        document.writestr("content.xml", repeated(ODT_CONTENT[1], ODT_CONTENT[0], ODT_CONTENT[2])(size))
    return packed.getvalue()


def pdf(size: int) -> bytes:
    """A PDF of about `size` bytes of text, a chapter title in larger type every ten paragraphs (fpdf2,
    from the test extra; slow to write, about 13 s per MB, so run it with --largest-mb 4)."""
    from fpdf import FPDF

    document = FPDF()
    document.add_page()
    for number in range(size // len(PROSE * 4)):
        if number % 10 == 0:
            document.set_font("Helvetica", size=18)
            document.multi_cell(0, 10, f"Chapter {number // 10 + 1}", new_x="LMARGIN", new_y="NEXT")
        document.set_font("Helvetica", size=11)
        document.multi_cell(0, 6, PROSE * 4, new_x="LMARGIN", new_y="NEXT")
        document.ln(3)
    return bytes(document.output())


def attributes(count: int) -> str:
    """Attributes of different names, each of which libxml2's HTML parser compares with those before it."""
    return " ".join(f"a{i}" for i in range(count))


def text(make: Callable[[int], str]) -> Callable[[int], bytes]:
    return lambda size: make(size).encode()


KINDS: dict[str, tuple[str, Callable[[int], bytes]]] = {
    "paragraph without sentence end": ("story.txt", text(repeated("lorem ipsum dolor sit amet "))),
    "Gutenberg book, wrapped lines": ("book.txt", text(repeated(GUTENBERG[1], GUTENBERG[0], GUTENBERG[2]))),
    "markdown prose": ("story.md", text(repeated("Maren kept the *old* lamp on the [cape](x).\n\n", "# Tide\n\n"))),
    "line of [": ("story.md", text(repeated("[", "# B\n\nx\n\n"))),
    "line of ![": ("story.md", text(repeated("![", "# B\n\nx\n\n"))),
    "line of *": ("story.md", text(repeated("*", "# B\n\nx\n\n"))),
    "line of _": ("story.md", text(repeated("_", "# B\n\nx\n\n"))),
    "line of *a": ("story.md", text(repeated("*a", "# B\n\nx\n\n"))),
    "line of backticks": ("story.md", text(repeated("`", "# B\n\nx\n\n"))),
    "title line of spaces": ("story.md", text(lambda size: "# a" + " " * size + "b\n\nx")),
    "HTML page": ("story.html", text(repeated(HTML_PAGE[1], HTML_PAGE[0], HTML_PAGE[2]))),
    "HTML tag of many attributes": ("story.html", text(lambda size: f"<p {attributes(size // 8)}>x</p>")),
    "HTML tags of 256 attributes": ("story.html", text(repeated(f"<p {attributes(256)}>x</p>"))),
    "EPUB (unpacked size)": ("story.epub", epub),
    "Word document (text size)": ("story.docx", docx),
    "PDF (text size)": ("story.pdf", pdf),
    "ODT (unpacked size)": ("story.odt", odt),
    "RTF, styled paragraphs": ("story.rtf", text(repeated(RTF[1], RTF[0], RTF[2]))),
    "RTF of paragraph marks": ("story.rtf", text(repeated("\\par", "{\\rtf1 x", "}"))),
    "RTF of empty fields": ("story.rtf", text(repeated("{\\field{\\*\\fldinst{ x}}}", "{\\rtf1 x", "}"))),
    "FB2 book": ("story.fb2", text(repeated(FB2[1], FB2[0], FB2[2]))),
}
SLOW_TO_WRITE = ("PDF (text size)",)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--largest-mb", type=int, default=8)
    parser.add_argument("--only", nargs="*", help="kinds to run (default: all but PDF, slow to write)")
    args = parser.parse_args()
    print(f"{'kind':<32}{'size':>6}{'passages':>10}{'seconds':>9}{'ms per MB':>11}{'vs first':>10}")
    for kind in args.only or [kind for kind in KINDS if kind not in SLOW_TO_WRITE]:
        name, make = KINDS[kind]
        first = None
        size = 1
        while size <= args.largest_mb:
            with tempfile.TemporaryDirectory() as folder:
                (Path(folder) / name).write_bytes(make(size * 2**20))
                started = time.perf_counter()
                try:
                    passages = len(load_corpus(folder).passages)
                except NoStories:  # the file was refused, as it should be (0 passages)
                    passages = 0
                seconds = time.perf_counter() - started
            per_mb = seconds * 1000 / size
            first = first or per_mb
            print(f"{kind:<32}{size:>4}MB{passages:>10,}{seconds:>9.3f}{per_mb:>11.1f}{per_mb / first:>9.2f}x")
            size *= 2


if __name__ == "__main__":
    main()
