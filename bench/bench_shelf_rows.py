"""What one kept version of a shelf costs the database beyond its file: the row, its ids and indexes.

Replaces one story with a file of a few bytes again and again (each replace keeps a version), on a SQLite file
and on a PostgreSQL server (tests/postgresql.py), and prints the growth of the shelf tables per version, less the
files' bytes. bot.state.shelf_rules.VERSION_BYTES, counted against what a server may store, is set above it.

    PYTHONPATH=. .venv/bin/python bench/bench_shelf_rows.py [--versions 5000]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

import sqlalchemy as sa
from shelf_databases import postgresql_settings  # the sibling module
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.settings import Settings
from bot.state.database import Database
from bot.state.shelves import ShelfStore

FILE = b"# T\n\nx."
OTHER_FILE = b"# T\n\ny."
"""Replaced by in turns: the same file again is refused (UNCHANGED) and stores no row."""
SQLITE_SIZE = "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE '%shelf%'"
POSTGRESQL_SIZE = (
    "SELECT SUM(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relname LIKE 'shelf%' AND c.relkind = 'r'"
)


async def bytes_per_version(settings: Settings, versions: int, size_query: str) -> float:
    database = await Database.open(settings)
    shelves = ShelfStore(database.guarded, most_stored=2**62)

    async def size() -> int:
        async def read(connection: AsyncConnection) -> int:
            if connection.dialect.name == "postgresql":
                await connection.execute(sa.text("ANALYZE"))
            return int(await connection.scalar(sa.text(size_query)) or 0)

        return await database.guarded.read(read)

    await shelves.add(1, "t.md", FILE, 1, replace=True)
    before = await size()
    for version in range(versions):
        await shelves.add(1, "t.md", (OTHER_FILE, FILE)[version % 2], 1, replace=True)
    grown = await size() - before
    await database.close()
    return grown / versions - len(FILE)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=5000)
    versions = parser.parse_args().versions
    with tempfile.TemporaryDirectory() as folder:
        sqlite = await bytes_per_version(Settings(data=Path(folder)), versions, SQLITE_SIZE)
    print(f"SQLite: {sqlite:.0f} bytes per kept version beyond its file ({versions} versions)")
    with postgresql_settings() as settings:
        if settings is not None:
            postgresql = await bytes_per_version(settings, versions, POSTGRESQL_SIZE)
            print(f"PostgreSQL: {postgresql:.0f} bytes per kept version beyond its file ({versions} versions)")


if __name__ == "__main__":
    asyncio.run(main())
