"""A folder of Word and EPUB files built with each file's reading timed (STORYBOT_UPLOAD_SECONDS) and without.

    PYTHONPATH=. .venv/bin/python bench/bench_folder_reading.py [--small 300] [--small-kb 20] [--books 1] [--book-mb 30]

Every format but plain text and Markdown is read in a reader process ended past the limit (bot.core.timed_reading);
a build without a limit reads them in the build's own processes. The two builds of the same folder alternate, so a
busy machine slows both alike, and their ratio is what the readers cost: their start, and each file sent there and
its passages back. Two folders: the small files alone (under 16 MB, built in this process: build.IN_PROCESS_BYTES),
and the same with the books (over it, built on every core in batches). Each build is timed whole, `--runs` times;
the least of each is shown, in wall seconds and in CPU seconds of every process (on a shared machine the steadier).
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import tempfile
import time
import zipfile
from pathlib import Path

from bench_loading import CONTAINER, PACKAGE  # the sibling script

from bot.core.analysis import Analyzer
from bot.core.build import build_parts
from bot.core.index import DEFAULT_PARAMS

LIMIT = 60.0
"""STORYBOT_UPLOAD_SECONDS's default."""
WORDS = ["".join(random.Random(number).choices("aeioulnrstmdkpbgh", k=3 + number % 7)) for number in range(20_000)]
"""A made-up vocabulary: text of it packs about as a book's does, where repeated prose packs to nothing."""


def prose(size: int, seed: int) -> list[str]:
    """Paragraphs of about `size` bytes in all, of 80 words each."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    written = 0
    while written < size:
        paragraph = " ".join(rng.choices(WORDS, k=80)).capitalize() + "."
        paragraphs.append(paragraph)
        written += len(paragraph)
    return paragraphs


def epub(size: int, seed: int) -> bytes:
    """An EPUB of about `size` bytes of text, a chapter heading every 20 paragraphs, in pages of 200."""
    paragraphs = prose(size, seed)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("META-INF/container.xml", CONTAINER)
        pages = [paragraphs[start : start + 200] for start in range(0, len(paragraphs), 200)]
        items = "".join(
            f'<item id="p{n}" href="p{n}.xhtml" media-type="application/xhtml+xml"/>' for n in range(len(pages))
        )
        spine = "".join(f'<itemref idref="p{n}"/>' for n in range(len(pages)))
        book.writestr(
            "content.opf",
            PACKAGE.replace('<item id="p" href="page.xhtml" media-type="application/xhtml+xml"/>', items).replace(
                '<itemref idref="p"/>', spine
            ),
        )
        for number, page in enumerate(pages):
            body = "".join(
                (f"<h2>Chapter {number * 10 + n // 20 + 1}</h2>" if n % 20 == 0 else "") + f"<p>{paragraph}</p>"
                for n, paragraph in enumerate(page)
            )
            book.writestr(
                f"p{number}.xhtml",
                f'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>',
            )
    return packed.getvalue()


def docx(size: int, seed: int) -> bytes:
    """A Word document of about `size` bytes of text, a heading every 20 paragraphs (python-docx, `.[formats]`)."""
    import docx as python_docx

    document = python_docx.Document()
    for number, paragraph in enumerate(prose(size, seed)):
        if number % 20 == 0:
            document.add_heading(f"Chapter {number // 20 + 1}", level=1)
        document.add_paragraph(paragraph)
    packed = io.BytesIO()
    document.save(packed)
    return packed.getvalue()


def write_folder(folder: Path, small: int, small_kb: int, books: int, book_mb: float) -> int:
    """`small` files, Word and EPUB in turn, of `small_kb` KB of text each, and `books` EPUBs of `book_mb` MB of text;
    the bytes written."""
    folder.mkdir()
    for number in range(small):
        make, ending = (epub, "epub") if number % 2 else (docx, "docx")
        (folder / f"story-{number:04}.{ending}").write_bytes(make(small_kb * 1024, number))
    for number in range(books):
        (folder / f"book-{number:03}.epub").write_bytes(epub(round(book_mb * 2**20), -1 - number))
    return sum(path.stat().st_size for path in folder.iterdir())


def timed_build(folder: Path, seconds: float | None) -> tuple[float, float]:
    """The build's wall seconds, and its CPU seconds in every process (each worker waits for its reader, and this
    process for its workers, so theirs count)."""
    started, cpu = time.perf_counter(), _cpu_seconds()
    build_parts(folder, Analyzer(), DEFAULT_PARAMS, reading_seconds=seconds)
    return time.perf_counter() - started, _cpu_seconds() - cpu


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=300, help="small files, Word and EPUB in turn")
    parser.add_argument("--small-kb", type=int, default=20, help="each small file's text")
    parser.add_argument("--books", type=int, default=1, help="EPUBs of --book-mb each, beside the small files")
    parser.add_argument("--book-mb", type=float, default=30, help="each book's text (it packs to about 60%%)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'folder':<52}{'MB':>6}{'no limit s':>12}{'timed s':>9}{'ratio':>7}{'CPU s':>14}{'ratio':>7}")
    with tempfile.TemporaryDirectory() as scratch:
        folders = {
            f"{args.small} small Word and EPUB files": (Path(scratch, "small"), 0),
            f"the same and {args.books} EPUB of {args.book_mb:g} MB of text": (Path(scratch, "books"), args.books),
        }
        for name, (folder, books) in folders.items():
            size = write_folder(folder, args.small, args.small_kb, books, args.book_mb)
            untimed, timed = [], []
            for _ in range(args.runs):
                untimed.append(timed_build(folder, None))
                timed.append(timed_build(folder, LIMIT))
            wall, timed_wall = min(w for w, _ in untimed), min(w for w, _ in timed)
            cpu, timed_cpu = min(c for _, c in untimed), min(c for _, c in timed)
            print(
                f"{name:<52}{size / 2**20:>6.1f}{wall:>12.2f}{timed_wall:>9.2f}{timed_wall / wall:>6.2f}x"
                f"{cpu:>7.2f}/{timed_cpu:<6.2f}{timed_cpu / cpu:>6.2f}x"
            )


if __name__ == "__main__":
    main()
