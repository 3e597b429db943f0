"""How well storybot reads PDF books that real producers make: LaTeX, LibreOffice (Word and OpenDocument) and pandoc.

    apt-get install texlive-latex-base texlive-latex-recommended texlive-latex-extra lmodern pandoc \\
        libreoffice-writer-nogui fonts-liberation2
    .venv/bin/python bench/bench_pdf_producers.py [--stories DIR] [--pick 8] [--out DIR]

One book is made of the stories in DIR (Markdown, a `# Title` line over paragraphs between blank lines; the bundled
corpus/ by default, or FairytaleQA's `train/corpus`, of which `--pick` takes that many spread over its names), each
story a chapter, by every producer installed: LaTeX's book class (Computer Modern, then Latin Modern, then with
microtype) with a title page, a table of contents, running heads (the book's title on left pages, the chapter's on
right pages) and a footnote in every fourth paragraph; memoir; a two-column article; a report with titlesec and no
title in the file's metadata; a Word document printed by LibreOffice (plain, and as a book: justified, hyphenated,
indented paragraphs, the chapter in the running head), the same saved as OpenDocument first; pandoc's Word document
with footnotes and a contents field, printed by LibreOffice; pandoc's own PDF (an article, and a book with --toc).

Each is read as the bot reads a corpus folder and set against its source: the share of the source's paragraphs read
exactly as a paragraph (curly quotes and dashes taken as typed), words wrongly split or joined, words read that the
source lacks (page numbers, running heads, the notes' words, other) and source words lost, chapters named right, the
title right, passages under a "Contents" chapter and passages before the story's first (a title page, a contents
list).
"""

from __future__ import annotations

import argparse
import difflib
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.core.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[1]
TITLE, AUTHOR = "A Book of Stories", "Ann Example"
NOTE = "This note was added by the editor of this edition and is not part of the tale."
_TYPED = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "`": "'", "\u00a0": " "})
_DASHES = re.compile(r"[–—]|-{2,}")


@dataclass(frozen=True)
class Book:
    chapters: list[tuple[str, list[str]]]


def read_stories(folder: Path, pick: int) -> Book:
    paths = sorted(folder.glob("*.md"))
    if pick and pick < len(paths):
        paths = [paths[index * len(paths) // pick] for index in range(pick)]
    chapters = []
    for path in paths:
        head, _, body = path.read_text("utf-8").partition("\n")
        paragraphs = [" ".join(text.split()) for text in body.split("\n\n") if text.strip()]
        chapters.append((head.lstrip("# ").strip(), paragraphs))
    return Book(chapters)


def typed(text: str) -> str:
    """Text as typed: straight quotes, one kind of dash, single spaces."""
    return " ".join(_DASHES.sub("—", text.translate(_TYPED).replace("''", '"')).split())


def words(text: str) -> list[str]:
    return [word for word in (token.strip(".,;:!?\"'()[]—") for token in typed(text).split()) if word]


# LaTeX


def tex(text: str) -> str:
    for character, command in (("\\", "\\textbackslash{}"), ("<", "\\textless{}"), (">", "\\textgreater{}")):
        text = text.replace(character, command)
    for character in "&%$#_{}":
        text = text.replace(character, "\\" + character)
    text = text.replace("~", "\\textasciitilde{}").replace("^", "\\textasciicircum{}")
    text = re.sub(r'(^|[\s(\[—–-])"', r"\1``", text).replace('"', "''")
    return re.sub(r"(^|[\s(\[])'", r"\1`", text)


def with_note(paragraph: str, index: int) -> str:
    text = tex(paragraph)
    sentence_end = re.search(r"[a-z][.!?](''|')?\s", text) if index % 4 == 1 else None
    if sentence_end is None:
        return text
    return f"{text[: sentence_end.end() - 1]}\\footnote{{{NOTE}}}{text[sentence_end.end() - 1 :]}"


def latex_body(book: Book, notes: bool, command: str = "chapter") -> str:
    parts = []
    for name, paragraphs in book.chapters:
        parts.append(f"\\{command}{{{tex(name)}}}\n")
        parts.extend((with_note(text, n) if notes else tex(text)) + "\n" for n, text in enumerate(paragraphs))
    return "\n".join(parts)


FONTS = {
    "cm": "",
    "lm": "\\usepackage[T1]{fontenc}\\usepackage{lmodern}\n",
    "lm-microtype": "\\usepackage[T1]{fontenc}\\usepackage{lmodern}\\usepackage{microtype}\n",
}
HYPERREF = f"\\usepackage[pdftitle={{{TITLE}}},pdfauthor={{{AUTHOR}}}]{{hyperref}}\n"
TITLES = f"\\title{{{TITLE}}}\\author{{{AUTHOR}}}\\date{{}}\n"


def latex_source(book: Book, variant: str) -> str:
    if variant.startswith("book"):
        fonts = FONTS[variant.removeprefix("book-") if "-" in variant else "cm"]
        return (
            f"\\documentclass[11pt]{{book}}\n{fonts}"
            "\\usepackage[paperwidth=5.5in,paperheight=8.5in,margin=0.8in]{geometry}\n\\usepackage{fancyhdr}\n"
            f"{HYPERREF}\\pagestyle{{fancy}}\\fancyhf{{}}\n"
            f"\\fancyhead[LE]{{\\thepage\\hfill\\textsc{{{TITLE}}}}}\n"
            "\\fancyhead[RO]{\\textit{\\nouppercase{\\leftmark}}\\hfill\\thepage}\n"
            "\\renewcommand{\\chaptermark}[1]{\\markboth{#1}{}}\\renewcommand{\\headrulewidth}{0pt}\n"
            f"{TITLES}\\begin{{document}}\\frontmatter\\maketitle\\tableofcontents\\mainmatter\n"
            f"{latex_body(book, notes=True)}\\end{{document}}\n"
        )
    if variant == "memoir":
        return (
            f"\\documentclass[11pt,twoside]{{memoir}}\n{FONTS['lm']}{HYPERREF}"
            "\\setstocksize{8.5in}{5.5in}\\settrimmedsize{\\stockheight}{\\stockwidth}{*}\n"
            "\\settypeblocksize{7in}{4in}{*}\\setlrmargins{*}{*}{1}\\setulmargins{*}{*}{1}\\checkandfixthelayout\n"
            f"\\chapterstyle{{bianchi}}\\pagestyle{{ruled}}\n{TITLES}"
            "\\begin{document}\\frontmatter\\begin{titlingpage}\\maketitle\\end{titlingpage}\\tableofcontents*\n"
            f"\\mainmatter\n{latex_body(book, notes=True)}\\end{{document}}\n"
        )
    if variant == "article2col":
        return (
            f"\\documentclass[10pt,twocolumn]{{article}}\n{FONTS['lm']}\\usepackage[margin=0.75in]{{geometry}}\n"
            f"{HYPERREF}{TITLES}\\begin{{document}}\\maketitle\n"
            f"{latex_body(book, notes=True, command='section')}\\end{{document}}\n"
        )
    return (  # titlesec, and no hyperref: no title in the metadata
        f"\\documentclass[12pt,oneside]{{report}}\n{FONTS['lm']}\\usepackage{{titlesec}}\\usepackage{{fancyhdr}}\n"
        "\\usepackage[a5paper,margin=2cm]{geometry}\n"
        "\\titleformat{\\chapter}[display]{\\normalfont\\Large\\bfseries\\centering}"
        "{\\chaptertitlename\\ \\thechapter}{10pt}{\\Large}\n"
        f"\\pagestyle{{fancy}}\\fancyhf{{}}\\fancyhead[C]{{\\small\\itshape {TITLE}}}\\fancyfoot[C]{{\\thepage}}\n"
        f"{TITLES}\\begin{{document}}\\maketitle\\tableofcontents\n{latex_body(book, notes=False)}\\end{{document}}\n"
    )


def run(command: list[str], folder: Path) -> None:
    subprocess.run(command, cwd=folder, capture_output=True, timeout=900, check=False)


def make_latex(book: Book, variant: str, folder: Path) -> Path:
    name = f"latex-{variant}"
    (folder / f"{name}.tex").write_text(latex_source(book, variant), "utf-8")
    for _ in range(2):  # the second run fills in the contents
        run(["pdflatex", "-interaction=batchmode", f"{name}.tex"], folder)
    return folder / f"{name}.pdf"


# Word and LibreOffice


def make_word(book: Book, variant: str, folder: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt
    from docx.text.paragraph import Paragraph

    document = docx.Document()
    document.core_properties.title, document.core_properties.author = TITLE, AUTHOR
    section = document.sections[0]

    def field(paragraph: Paragraph, instruction: str) -> None:
        simple, run_element, text = OxmlElement("w:fldSimple"), OxmlElement("w:r"), OxmlElement("w:t")
        simple.set(qn("w:instr"), instruction)
        text.text = "1"
        run_element.append(text)
        simple.append(run_element)
        paragraph._p.append(simple)  # type: ignore[arg-type]  # types-lxml: append takes the parent's own class

    if variant == "book":
        section.page_width, section.page_height = Cm(14.8), Cm(21.0)
        section.left_margin = section.right_margin = Cm(2)
        normal = document.styles["Normal"].paragraph_format
        normal.first_line_indent, normal.space_after, normal.space_before = Cm(0.6), Pt(0), Pt(0)
        normal.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        hyphenate = OxmlElement("w:autoHyphenation")
        hyphenate.set(qn("w:val"), "true")
        document.settings.element.append(hyphenate)
        document.settings.element.append(OxmlElement("w:evenAndOddHeaders"))
        field(section.header.paragraphs[0], ' STYLEREF "Heading 1" ')
        section.even_page_header.paragraphs[0].text = TITLE
        field(section.even_page_footer.paragraphs[0], " PAGE ")
    else:
        section.header.paragraphs[0].text = TITLE
    field(section.footer.paragraphs[0], " PAGE ")
    document.add_paragraph(TITLE, style="Title")
    for number, (name, paragraphs) in enumerate(book.chapters):
        heading = document.add_heading(name, level=1)
        heading.paragraph_format.page_break_before = bool(number) or variant == "book"
        for text in paragraphs:
            document.add_paragraph(text)
    path = folder / f"word-{variant}.docx"
    document.save(str(path))
    return path


def printed(folder: Path, source: Path, name: str) -> Path:
    run(["soffice", "--headless", "--convert-to", "pdf", source.name], folder)
    return source.with_suffix(".pdf").rename(folder / f"{name}.pdf")


def make_libreoffice(book: Book, variant: str, folder: Path) -> Path:
    if variant == "odt":
        run(["soffice", "--headless", "--convert-to", "odt", make_word(book, "book", folder).name], folder)
        return printed(folder, folder / "word-book.odt", "libreoffice-odt")
    return printed(folder, make_word(book, variant, folder), f"libreoffice-{variant}")


def markdown(book: Book, notes: bool) -> str:
    lines = ["---", f'title: "{TITLE}"', f'author: "{AUTHOR}"', "---", ""]
    marks: list[str] = []
    for name, paragraphs in book.chapters:
        lines += [f"# {name}", ""]
        for index, paragraph in enumerate(paragraphs):
            text = paragraph.replace("*", "\\*").replace("_", "\\_")
            sentence_end = re.search(r"[a-z][.!?]\s", text) if notes and index % 4 == 1 else None
            if sentence_end is not None:
                marks.append(f"[^{len(marks) + 1}]: {NOTE}")
                text = f"{text[: sentence_end.end() - 1]}[^{len(marks)}]{text[sentence_end.end() - 1 :]}"
            lines += [text, ""]
    return "\n".join([*lines, *marks])


def make_word_notes(book: Book, folder: Path) -> Path:
    (folder / "notes.md").write_text(markdown(book, notes=True), "utf-8")
    run(["pandoc", "notes.md", "-o", "pandoc-notes.docx", "--toc"], folder)
    return printed(folder, folder / "pandoc-notes.docx", "libreoffice-pandoc-notes")


def make_pandoc(book: Book, variant: str, folder: Path) -> Path:
    (folder / "book.md").write_text(markdown(book, notes=False), "utf-8")
    extra = ["--top-level-division=chapter", "-V", "documentclass=book", "--toc"] if variant == "book" else []
    run(["pandoc", "book.md", "-o", f"pandoc-{variant}.pdf", *extra], folder)
    return folder / f"pandoc-{variant}.pdf"


PRODUCERS: list[tuple[str, str, Callable[[Book, Path], Path]]] = [
    *[
        ("pdflatex", f"latex-{variant}", lambda book, folder, variant=variant: make_latex(book, variant, folder))
        for variant in ("book", "book-lm", "book-lm-microtype", "memoir", "article2col", "titlesec")
    ],
    *[
        ("soffice", f"libreoffice-{variant}", lambda book, folder, v=variant: make_libreoffice(book, v, folder))
        for variant in ("plain", "book", "odt")
    ],
    ("soffice", "libreoffice-pandoc-notes", make_word_notes),
    *[
        ("pdflatex", f"pandoc-{variant}", lambda book, folder, variant=variant: make_pandoc(book, variant, folder))
        for variant in ("article", "book")
    ],
]


# Measuring


def measure(pdf: Path, book: Book) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as corpus_folder:
        shutil.copy(pdf, corpus_folder)
        corpus = load_corpus(Path(corpus_folder))
    paragraphs: dict[int, list[str]] = {}
    chapter_of: dict[int, str] = {}
    for passage in corpus.passages:
        paragraphs.setdefault(passage.paragraph, []).append(passage.text)
        chapter_of.setdefault(passage.paragraph, passage.chapter or "")
    read = {number: typed(" ".join(texts)) for number, texts in paragraphs.items()}
    source = [(name, typed(text)) for name, texts in book.chapters for text in texts]
    source_texts = {text for _, text in source}
    found = sum(text in set(read.values()) for _, text in source)
    chapters = {typed(name) for name in chapter_of.values()}
    first_story = next((n for n in sorted(read) if read[n] in source_texts), max(read, default=0) + 1)
    extra: Counter[str] = Counter()
    lost = split = 0
    heads = {word.casefold() for word in words(TITLE) + [w for name, _ in book.chapters for w in words(name)]}
    note = {word.casefold() for word in words(NOTE)}
    source_words = [word for _, text in source for word in words(text)]
    read_words = [word for number in sorted(read) for word in words(read[number])]
    matcher = difflib.SequenceMatcher(None, source_words, read_words, autojunk=False)
    for operation, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        was, now = source_words[a_start:a_end], read_words[b_start:b_end]
        if operation == "equal":
            continue
        if operation == "replace" and "".join(was).replace("-", "") == "".join(now).replace("-", ""):
            split += 1
            continue
        lost += len(was)
        for word in now:
            kind = "number" if word.isdigit() else "note" if word.casefold() in note else "other"
            extra["head" if kind == "other" and word.casefold() in heads else kind] += 1
    return {
        "paragraphs": f"{found}/{len(source)} ({100 * found / len(source):.0f}%)",
        "chapters": f"{sum(typed(name) in chapters for name, _ in book.chapters)}/{len(book.chapters)}",
        "title": "yes" if [story.title for story in corpus.stories] == [TITLE] else "no",
        "split/joined": split,
        "extra num/head/note/other": "/".join(str(extra[kind]) for kind in ("number", "head", "note", "other")),
        "lost": lost,
        "contents": sum(chapter_of[n].casefold() in ("contents", "table of contents") for n in read),
        "before story": sum(n < first_story for n in read),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=Path, default=ROOT / "corpus")
    parser.add_argument("--pick", type=int, default=0, help="stories taken from the folder (0: all)")
    parser.add_argument("--out", type=Path, help="keep the books made here (default: a temporary folder)")
    args = parser.parse_args()
    book = read_stories(args.stories, args.pick)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.out or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        rows = []
        for tool, name, make in PRODUCERS:
            if shutil.which(tool) is None:
                print(f"{name}: {tool} is not installed")
                continue
            pdf = make(book, folder)
            rows.append((name, measure(pdf, book) if pdf.exists() else {"paragraphs": "not made"}))
    columns = list(rows[0][1]) if rows else []
    print("| book | " + " | ".join(columns) + " |")
    print("| --- |" + " --- |" * len(columns))
    for name, row in rows:
        print(f"| {name} | " + " | ".join(str(row.get(column, "")) for column in columns) + " |")


if __name__ == "__main__":
    main()
