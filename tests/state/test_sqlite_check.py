"""The bot's SQLite file checked page by page (bot.state.sqlite_check): a real storybot database, written by the
stores, one of whose pages is then overwritten as a failing disk or a torn copy leaves it; SQLite itself opened it
and read the pages no statement touched as well."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from bot.settings import Settings
from bot.state.database import SQLITE_FILE, Database
from bot.state.sqlite_check import PagesFound, check_pages
from tests.state.every_table import SERVER, fill_every_table

PAGE_BYTES = 4096
"""SQLite's default page size, the bot's file's."""


async def written(data: Path, *stories: bytes) -> Path:
    """A storybot database with a row in every table and `stories` on the shelf of SERVER, as the bot writes them."""
    database = await Database.open(Settings(data=data))
    try:
        await fill_every_table(database)
        for number, story in enumerate(stories):
            await database.shelves.add(SERVER, f"story-{number}.md", story, 1, replace=False)
    finally:
        await database.close()
    return data / SQLITE_FILE


def root_page(file: Path, table: str) -> int:
    with contextlib.closing(sqlite3.connect(file)) as connection:
        (page,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    return int(page)


def overwritten(file: Path, page: int) -> Path:
    """The page (numbered from 1) filled with 0xFF bytes, as the attack did to a real bot's file."""
    with file.open("r+b") as opened:
        opened.seek((page - 1) * PAGE_BYTES)
        opened.write(b"\xff" * PAGE_BYTES)
    return file


async def test_a_page_overwritten_inside_a_real_database_is_found_and_named(tmp_path: Path):
    file = await written(tmp_path / "data", b"# The Mill\n\nThe wheel turned.")
    page = root_page(file, "shelf_versions")
    check = check_pages(overwritten(file, page))
    assert check.found is PagesFound.DAMAGED
    assert check.detail.startswith(f"Page {page}: ") and "\n" not in check.detail and "***" not in check.detail


async def test_a_database_whose_stories_hold_ff_bytes_is_sound(tmp_path: Path):
    """The nearest sound file: a shelf story of 0xFF bytes, a page's worth, is a value, not a damaged page."""
    file = await written(tmp_path / "data", b"\xff" * PAGE_BYTES, b"# The Mill\n\n" + b"\xff" * 100)
    assert check_pages(file).found is PagesFound.SOUND


async def test_a_check_past_its_time_is_unfinished_not_damaged(tmp_path: Path):
    """A big file takes long: ended at its bound and said to be unchecked, never taken for damaged."""
    file = await written(tmp_path / "data", b"# The Mill\n\nThe wheel turned.")
    with contextlib.closing(sqlite3.connect(file)) as connection:  # rows for the check to go over
        connection.execute("CREATE TABLE filler (n INTEGER NOT NULL, words TEXT NOT NULL)")
        connection.executemany("INSERT INTO filler VALUES (?, 'the wheel turned')", ((n,) for n in range(100_000)))
        connection.commit()
    check = check_pages(file, seconds=0)
    assert check.found is PagesFound.UNFINISHED and check.detail == "interrupted"
    assert check_pages(file).found is PagesFound.SOUND


def test_a_file_held_by_a_writer_past_the_bound_is_unfinished(tmp_path: Path):
    """A process mid-write (its exclusive lock) holds the check off: said to be unchecked, within the bound."""
    file = tmp_path / SQLITE_FILE
    with contextlib.closing(sqlite3.connect(file, isolation_level=None)) as writer:
        writer.execute("CREATE TABLE votes (up INTEGER)")
        writer.execute("BEGIN EXCLUSIVE")
        writer.execute("INSERT INTO votes VALUES (1)")
        check = check_pages(file, seconds=0.2)
        writer.execute("ROLLBACK")
    assert check.found is PagesFound.UNFINISHED and "locked" in check.detail
