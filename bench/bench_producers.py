"""How the readers read a book as real tools write it: one book, written with pandoc, LibreOffice and Calibre in
every format they make, read as the bot reads it and measured against what the book holds.

    PYTHONPATH=. .venv/bin/python bench/bench_producers.py [STORY.md ...] [--out DIR] [--show]

The book is made of the stories given (Markdown: a `# Title` line, then paragraphs; corpus/ by default), one
chapter each, with what a book has besides: its copyright lines before the first chapter, a dedication, footnotes, a
list, a table, a block quote, verse, an image with a caption, "About the Author" and "Also by" at its end, and a
contents list; every fourth note has two paragraphs. Each tool found on the PATH writes it (Debian 12: `apt-get
install pandoc libreoffice-writer-nogui calibre`; one missing is left out): pandoc from the Markdown to EPUB 3, EPUB 2,
Word, OpenDocument, HTML, FictionBook and RTF; LibreOffice from pandoc's .odt and .docx; Calibre from pandoc's files. A
row per file:

- para%: the story's paragraphs read exactly as passages (a note's mark read into its word is not exactly);
- unit%: the same of every unit of story text, list items, table cells, quotes and verse too (verse as one passage or
  a passage a line);
- lost%: the story's characters in paragraphs not read at all (their first and last 60 characters nowhere);
- extra, xchars: passages that are no story text (the copyright lines, notes, contents, captions...), and their
  characters; by kind: what they are;
- chap: the chapters named as the book names them; xchap: other chapter names.
"""

from __future__ import annotations

import argparse
import os
import shutil
import struct
import subprocess
import tempfile
import unicodedata
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.corpus import read_story
from bot.core.readers import reader_for

TITLE = "The Keeper's Book of Tales"
AUTHOR = "Ann Example"
COPYRIGHT = [
    "Copyright © 2024 Ann Example. All rights reserved.",
    "ISBN 978-1-23456-789-0. First published in 2024 by Skarvik Press, Harbour Street 4, Skarvik.",
]
DEDICATION = "For my grandmother, who kept the light on the northern cape."
ABOUT = "Ann Example grew up in a lighthouse on the northern cape, where she wrote her first storm stories."
ALSO = ["The Storm at Skarvik", "Ilse and the Cloudberry Jam", "A Lamp for the Fishing Boats"]
VERSE = [
    "When the fog comes down on Skarvik,",
    "and the boats are out of sight,",
    "light the lamp and trim the wick,",
    "keep the harbour through the night.",
]
NUMBERS = ["One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten", "Eleven", "Twelve"]
TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\xa0": " "}
)
TIMEOUT = 300


@dataclass
class Unit:
    kind: str
    forms: list[str]
    """Its text (a table's: each cell's)."""
    lines: list[str] = field(default_factory=list)
    """Verse's lines, each a passage of its own or all one."""


@dataclass
class Book:
    markdown: str
    units: list[Unit]
    chapters: list[str]
    matter: dict[str, list[str]]
    """What is no story text, by kind."""


def normal(text: str) -> str:
    """Text as compared: NFC, straight quotes and hyphens (pandoc and Calibre curl and lengthen them), single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).translate(TYPOGRAPHY).split())


def make_book(stories: list[Path]) -> Book:
    """The Markdown book of these stories, and what it holds."""
    markdown = [f'---\ntitle: "{TITLE}"\nauthor: {AUTHOR}\nlang: en-GB\n---\n', *COPYRIGHT]
    markdown += ["# Dedication {.unnumbered}", DEDICATION]
    units = [Unit("dedication", [DEDICATION])]
    chapters, notes, captions = [], [], []
    marks = 0  # notes so far
    for n, story in enumerate(stories):
        heading, _, body = story.read_text(encoding="utf-8").partition("\n")
        chapter = f"Chapter {NUMBERS[n % len(NUMBERS)]}: {heading.lstrip('# ').strip()}"
        chapters.append(chapter)
        markdown.append(f"# {chapter}")
        for i, text in enumerate(" ".join(p.split()) for p in body.split("\n\n") if p.strip()):
            shown = text
            if i in (1, 3) and len(text.split()) > 8:  # a note's mark after the fifth word
                marks += 1
                number = marks
                note = f"Note {number}: the keeper's own remark on this passage, added in the second edition."
                words = text.split(" ")
                words[4] += f"[^{number}]"
                shown = " ".join(words)
                if number % 4 == 0:  # a note of two paragraphs
                    more = f"She wrote it in the margin of page {number * 7}, beside the day's weather."
                    markdown.append(f"[^{number}]: {note}\n\n    {more}")
                    notes += [note, more]
                else:
                    markdown.append(f"[^{number}]: {note}")
                    notes.append(note)
            markdown.append(shown.replace("*", "\\*"))
            units.append(Unit("paragraph", [text]))
            if i == 2:
                markdown.append(_structure(n, units))
            if i == 4:
                markdown.append("\n".join(f"| {line}" for line in VERSE))
                units.append(Unit("verse", [" ".join(VERSE)], VERSE))
            if i == 5 and n % 2 == 0:
                captions.append(f"The lamp of chapter {n + 1}")
                markdown.append(f"![{captions[-1]}](lamp.png)")
    markdown += ["# About the Author {.unnumbered}", ABOUT, f"# Also by {AUTHOR} {{.unnumbered}}"]
    markdown.append("\n".join(f"- {book}" for book in ALSO))
    matter = {"note": notes, "copyright, about, also by": [*COPYRIGHT, ABOUT, *ALSO], "caption": captions}
    matter["contents"] = [*chapters, "Dedication", "Contents", "Table of Contents"]
    return Book("\n\n".join(markdown) + "\n", units, chapters, matter)


def _structure(n: int, units: list[Unit]) -> str:
    """A list, a table or a block quote, by turns, and its units."""
    if n % 3 == 0:
        items = [f"The {order} lamp was lit at dusk in chapter {n + 1}." for order in ("first", "second", "third")]
        units.extend(Unit("list", [item]) for item in items)
        return "\n".join(f"- {item}" for item in items)
    if n % 3 == 1:
        rows = [("Name", "Instrument", "Town"), ("Sophie", "piano", "Riga"), ("Sofia", "ballet", "Kazan")]
        units.append(Unit("table", [cell for row in rows for cell in row]))
        return "\n".join(
            ["| " + " | ".join(rows[0]) + " |", "|---|---|---|", *("| " + " | ".join(r) + " |" for r in rows[1:])]
        )
    quote = f"The sea keeps what it is given, and gives back what it keeps, said the almanac of chapter {n + 1}."
    units.append(Unit("quote", [quote]))
    return f"> {quote}"


def write_png(path: Path) -> None:
    """A small image of one colour, for the book's pictures."""
    rows = b"".join(b"\0" + bytes([200, 180, 40]) * 16 for _ in range(16))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    )


def produce(folder: Path) -> list[Path]:
    """The book (folder/book.md) written by each tool installed, into folder/out."""
    out = folder / "out"
    out.mkdir()

    def run(*command: str, cwd: Path = folder) -> None:
        environment = {**os.environ, "HOME": str(folder / "home")}  # LibreOffice's profile, not the user's
        subprocess.run(command, cwd=cwd, env=environment, timeout=TIMEOUT, capture_output=True, check=False)

    if shutil.which("pandoc"):
        pandoc = ["pandoc", "book.md", "-f", "markdown-smart", "--toc", "-s"]
        for name, target in [
            ("pandoc-epub3.epub", "epub3"),
            ("pandoc-epub2.epub", "epub2"),
            ("pandoc.docx", "docx"),
            ("pandoc.odt", "odt"),
            ("pandoc.html", "html"),
            ("pandoc.fb2", "fb2"),
            ("pandoc.rtf", "rtf"),
        ]:
            run(*pandoc, "-t", target, "-o", str(out / name))
    if shutil.which("soffice"):
        for source, targets in [("pandoc.odt", ["docx", "rtf", "epub", "html"]), ("pandoc.docx", ["odt", "epub"])]:
            if (out / source).exists():
                work = folder / "libreoffice"
                work.mkdir(exist_ok=True)
                for target in targets:
                    run("soffice", "--headless", "--convert-to", target, "--outdir", str(work), str(out / source))
                for written in work.glob("pandoc.*"):
                    written.rename(out / f"libreoffice-from-{Path(source).suffix[1:]}.{written.suffix[1:]}")
    if shutil.which("ebook-convert"):
        for source, target in [
            ("pandoc-epub3.epub", "calibre-from-epub.epub"),
            ("pandoc.docx", "calibre-from-docx.epub"),
            ("pandoc.odt", "calibre-from-odt.epub"),
            ("pandoc.html", "calibre-from-html.epub"),
            ("pandoc-epub3.epub", "calibre-from-epub.fb2"),
            ("pandoc.docx", "calibre-from-docx.fb2"),
            ("pandoc-epub3.epub", "calibre-from-epub.docx"),
            ("pandoc-epub3.epub", "calibre-from-epub.rtf"),
        ]:
            if (out / source).exists():
                run("ebook-convert", str(out / source), str(out / target))
    return sorted(path for path in out.iterdir() if reader_for(path))


def measure(path: Path, book: Book, show: bool) -> str:
    """The file's row: how much of the book's story it read, and what else."""
    try:
        title, passages = read_story(path)
    except ValueError as error:
        return f"{path.name:30} refused: {error!r}"
    paragraphs: dict[int, list[str]] = {}
    for passage in passages:
        paragraphs.setdefault(passage.paragraph, []).append(passage.text)
    texts = [normal(" ".join(parts)) for parts in paragraphs.values()]
    exact, whole = set(texts), "\n".join(texts)

    def found(unit: Unit) -> bool:
        forms = [normal(form) for form in unit.forms]
        if unit.kind == "table":
            return all(form in exact for form in forms)
        lines = bool(unit.lines) and all(normal(line) in exact for line in unit.lines)
        return lines or any(form in exact for form in forms)

    story = [unit for unit in book.units if unit.kind == "paragraph"]
    lost = [u for u in story if normal(u.forms[0])[:60] not in whole and normal(u.forms[0])[-60:] not in whole]
    forms = [normal(text) for unit in book.units for text in unit.forms + unit.lines]
    extras = [text for text in texts if not any(text in form or form in text for form in forms)]
    kinds: dict[str, int] = {}
    for text in extras:
        kind = next((k for k, said in book.matter.items() if any(normal(s) in text for s in said)), "other")
        kinds[kind] = kinds.get(kind, 0) + 1
    names = list(dict.fromkeys(normal(p.chapter) for p in passages if p.chapter))
    chapters = [normal(name) for name in book.chapters]
    others = [name for name in names if name not in chapters and name != "Dedication"]
    row = (
        f"{path.name:30} {'ok' if normal(title) == normal(TITLE) else 'wrong':5} "
        f"{100 * sum(map(found, story)) / len(story):6.1f} {100 * sum(map(found, book.units)) / len(book.units):6.1f} "
        f"{100 * sum(len(u.forms[0]) for u in lost) / sum(len(u.forms[0]) for u in story):6.1f} {len(extras):5} "
        f"{sum(map(len, extras)):6} {sum(name in names for name in chapters):2}/{len(chapters):2} "
        f"{len(others):5}  {kinds}"
    )
    if show:
        row += "".join(f"\n    extra: {text[:110]!r}" for text in extras)
        row += "".join(f"\n    missed {u.kind}: {u.forms[0][:100]!r}" for u in book.units if not found(u))
        row += "".join(f"\n    chapter: {name[:100]!r}" for name in others)
        row += "" if normal(title) == normal(TITLE) else f"\n    title: {title!r}"
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("stories", nargs="*", type=Path, help="Markdown stories (default: corpus/*.md)")
    parser.add_argument(
        "--out", type=Path, help="where the book and its files are written (default: a temporary folder)"
    )
    parser.add_argument("--show", action="store_true", help="list each file's passages of no story and units missed")
    arguments = parser.parse_args()
    stories = arguments.stories or sorted(Path("corpus").glob("*.md"))
    folder = arguments.out or Path(tempfile.mkdtemp(prefix="producers-"))
    folder.mkdir(parents=True, exist_ok=True)
    book = make_book(stories)
    (folder / "book.md").write_text(book.markdown, encoding="utf-8")
    write_png(folder / "lamp.png")
    if (folder / "out").exists():
        shutil.rmtree(folder / "out")
    files = produce(folder)
    print(f"{len(stories)} stories, {len(book.units)} units of story text, in {folder}")
    columns = ["para%", "unit%", "lost%", "extra", "xchars", "chap", "xchap"]
    print(f"{'file':30} {'title':5} " + " ".join(f"{name:>6}" for name in columns))
    for path in files:
        print(measure(path, book, arguments.show))


if __name__ == "__main__":
    main()
