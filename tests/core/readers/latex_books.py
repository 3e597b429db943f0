"""The PDF fixtures LaTeX made of the bundled stories (tests/fixtures/formats/musicians-*.pdf, remade by
scripts/make_pdf_fixtures.sh), and the stories' own paragraphs to read them against."""

from __future__ import annotations

from pathlib import Path

from bot.core.corpus import Corpus, load_corpus
from bot.core.readers.markdown import MarkdownReader
from bot.core.readers.pdf import PdfReader
from bot.core.readers.reader import StoryText

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
_TYPESET = str.maketrans({"“": '"', "”": '"', "’": "'", "‘": "'"})
"""TeX prints the quotes it is given as curly ones."""


def read_book(name: str) -> StoryText:
    return PdfReader().read((FIXTURES / name).read_bytes())


def load_book(name: str, folder: Path) -> Corpus:
    """The fixture read as the bot reads its corpus folder, alone in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes((FIXTURES / name).read_bytes())
    return load_corpus(folder)


def as_typed(text: str) -> str:
    """The text with its curly quotes straight, as the stories write them."""
    return text.translate(_TYPESET)


def stories() -> dict[str, list[str]]:
    """Each bundled story's paragraphs, by its title, in the order the fixtures set them."""
    read = {}
    for path in sorted((ROOT / "corpus").glob("*.md")):
        story = MarkdownReader().read(path.read_bytes())
        assert story.title is not None
        read[story.title] = [block.text for block in story.blocks if not block.heading]
    return read
