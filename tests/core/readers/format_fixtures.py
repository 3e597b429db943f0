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
