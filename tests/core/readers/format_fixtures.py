"""The story files of tests/fixtures/formats (written by LibreOffice and pandoc; its README says how) and what
the Russian one holds."""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parents[2] / "fixtures" / "formats"
SKRIPKA_TITLE = "Скрипка"
SKRIPKA_BLOCKS = [
    ("Глава первая", True),
    ("Соня играла на скрипке каждый вечер — «для соседей», говорила она.", False),
    ("Глава вторая", True),
    ("Зимой в Москве она дала свой первый концерт.", False),
]
"""skripka.odt's and skripka.rtf's blocks: (text, heading)."""


def write_zipped_fb2(path: Path) -> None:
    """pandoc's lighthouse.fb2, zipped as e-book sites serve FictionBook (`.fb2.zip`)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
        packed.write(FIXTURES / "lighthouse.fb2", "The Lighthouse Keeper.fb2")


MILL_TITLE = "The Mill"
MILL_CHAPTERS = ["The Wheel", "The Flood"]
"""mill-chapters.md's chapters under its title, "# The Mill"; mill.md has none (scripts/make_heading_title_fixtures.sh
writes both, and ferry.md's "Chapter 1" and "Chapter 2", in every format)."""


def title_and_chapters(fixture: str) -> tuple[str | None, list[str]]:
    """The fixture's title as read (None: named after its file) and the names of its chapters."""
    from bot.core.readers import reader_for

    path = FIXTURES / fixture
    reader = reader_for(path)
    assert reader is not None
    story = reader.read(path.read_bytes())
    return story.title, [block.text for block in story.blocks if block.heading]
